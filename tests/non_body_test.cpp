// What is not body text (analyzers/non_body.h, data/non-body.tsv): Ofsted's
// back cover and boilerplate, and the inspection team read into the report's
// inspectors.  Lines are quoted from the reports (PDF page given); the
// Corpus suite reads the reports themselves.
#include "analyzers/non_body.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

#include "indexer/indexer.h"
#include "test_support.h"

namespace ofs {
namespace {

using analyzers::NonBodyTable;
using analyzers::TeamList;
using analyzers::TeamMember;

const NonBodyTable& shipped() {
  static const NonBodyTable table = NonBodyTable::load(test::data_dir() / "non-body.tsv");
  return table;
}

std::vector<TeamMember> team_of(std::initializer_list<std::string_view> blocks) {
  TeamList team(shipped());
  for (auto block : blocks) EXPECT_TRUE(team.take(block)) << block;
  return team.members();
}

TEST(NonBody, TheBackCoverOpensWithOfstedsOwnDescription) {
  // Peterborough 2015, p.47 (and every report since 2014, worded so).
  EXPECT_TRUE(
      shipped().opens_back_cover("The Office for Standards in Education, Children’s Services and Skills "
                                 "(Ofsted) regulates and inspects to "
                                 "achieve excellence in the care of children and young people"));
  // Barnet 2017, p.39, with a comma before "and Skills".
  EXPECT_TRUE(
      shipped().opens_back_cover("The Office for Standards in Education, Children's Services, and Skills "
                                 "(Ofsted) regulates and inspects"));
  // Body text that names Ofsted does not.
  EXPECT_FALSE(
      shipped().opens_back_cover("The Office for Standards in Education inspected the service in 2012."));
}

TEST(NonBody, BoilerplateIsKnownWhereverPrinted) {
  // Peterborough 2015, p.47-48; Wiltshire 2012 cover.
  for (std::string_view line :
       {"If you would like a copy of this document in a different format, such as large print or Braille, "
        "please "
        "telephone 0300 123 1231",
        "You may reuse this information (not including logos) free of charge in any format or medium",
        "Piccadilly Gate Store Street Manchester M1 2WD", "© Crown copyright 2015",
        "T: 0300 123 1231 Textphone: 0161 618 8524 E: enquiries@ofsted.gov.uk",
        "Any complaints about the inspection or the report should be made following the procedures set out",
        "This document may be reproduced in whole or in part for non-commercial purposes"})
    EXPECT_TRUE(shipped().is_boilerplate(line)) << line;
  EXPECT_FALSE(
      shipped().is_boilerplate("Children benefit from copyright-free resources in Manchester schools."));
}

TEST(NonBody, TeamLinesGiveNamesWithRolesAndWithoutTitles) {
  // Bedford 2017, p.34.
  const auto team =
      team_of({"Lead inspector: Donna Marriott, HMI", "Deputy lead inspector: Peter McEntee, HMI",
               "Team inspectors: Anji Parker, HMI, Margaret Burke, HMI, Mandy Nightingale, HMI, Mark "
               "Shackleton, HMI, Dawn Godfrey, HMI",
               "Quality assurance manager: John Mitchell, SHMI"});
  EXPECT_EQ(team, (std::vector<TeamMember>{{"Donna Marriott", "lead inspector"},
                                           {"Peter McEntee", "deputy lead inspector"},
                                           {"Anji Parker", "team inspector"},
                                           {"Margaret Burke", "team inspector"},
                                           {"Mandy Nightingale", "team inspector"},
                                           {"Mark Shackleton", "team inspector"},
                                           {"Dawn Godfrey", "team inspector"},
                                           {"John Mitchell", "quality assurance manager"}}));
}

TEST(NonBody, LabelsAndNamesLaidOutInColumnsAreReadTogether) {
  // Peterborough 2015, p.46: each label and its name are separate blocks.
  const auto team =
      team_of({"Lead inspector:", "Nigel Parkes", "Deputy lead inspector:", "Susan Myers", "Team inspectors:",
               "Derrick Baughan, Rob Hackeson, Tracey Metcalfe, Neil Penswick, "
               "Tina Shepherd, Ty Yousaf and Dominic Stevens"});
  ASSERT_EQ(team.size(), 9u);
  EXPECT_EQ(team[0], (TeamMember{"Nigel Parkes", "lead inspector"}));
  EXPECT_EQ(team[1], (TeamMember{"Susan Myers", "deputy lead inspector"}));
  EXPECT_EQ(team[8], (TeamMember{"Dominic Stevens", "team inspector"}));
}

TEST(NonBody, ATitleOnItsOwnLineAndABareLabelAreTheSameName) {
  // Blackpool 2019, p.1: the title printed under the name.
  EXPECT_EQ(team_of({"Lead inspector: Lorna Schlechte", "Her Majesty’s Inspector"}),
            (std::vector<TeamMember>{{"Lorna Schlechte", "lead inspector"}}));
  // Kent 2013, p.1: no colon after the label.
  EXPECT_EQ(team_of({"Reporting inspector Helen Cawston HMI"}),
            (std::vector<TeamMember>{{"Helen Cawston", "lead inspector"}}));
}

TEST(NonBody, TwoLeadInspectorsAreBothKept) {
  // The form issue 11 describes (a report naming two lead inspectors).
  EXPECT_EQ(team_of({"Lead inspectors: Jane Hollis and Amir Khan, His Majesty’s Inspectors"}),
            (std::vector<TeamMember>{{"Jane Hollis", "lead inspector"}, {"Amir Khan", "lead inspector"}}));
}

TEST(NonBody, ProseEndsTheTeamAndIsNotTaken) {
  TeamList team(shipped());
  EXPECT_TRUE(team.take("Senior data analyst: Matthew King"));
  // Peterborough 2015, p.46: the paragraph before the team list is body text.
  EXPECT_FALSE(
      team.take("The inspection team consisted of eight of Her Majesty’s Inspectors (HMI) from Ofsted."));
  EXPECT_FALSE(team.take("Dominic Stevens"));  // no label open any more
  EXPECT_EQ(team.members(), (std::vector<TeamMember>{{"Matthew King", "senior data analyst"}}));
}

TEST(NonBody, MalformedRowsNameTheLine) {
  try {
    NonBodyTable::parse("not-body\tCrown copyright\nteam-role\tLead inspector\n", "inline.tsv");
    ADD_FAILURE() << "a team-role without its role loaded";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("inline.tsv:2: expected 3 tab-separated fields"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(NonBodyTable::parse("footer\tPage\n", "inline.tsv"), std::runtime_error);
}

// ---------------------------------------------------------------- corpus --

class NonBodyCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tables_ = std::make_unique<indexer::Tables>(indexer::Tables::load(test::data_dir()));
  }
  static void TearDownTestSuite() { tables_.reset(); }

  static indexer::Report read(const std::string& folder, const std::string& name) {
    auto result = indexer::read_report(test::shared_corpus() / "ofsted-pdf" / folder / name, *tables_);
    if (!result.report) {
      ADD_FAILURE() << folder << ": " << result.outcome.reason;
      return {};
    }
    return *result.report;
  }

  static const indexer::Paragraph* starting(const indexer::Report& report, std::string_view words) {
    for (const auto& p : report.paragraphs)
      if (p.text.starts_with(words)) return &p;
    return nullptr;
  }

  static std::unique_ptr<indexer::Tables> tables_;
};

std::unique_ptr<indexer::Tables> NonBodyCorpus::tables_;

TEST_F(NonBodyCorpus, TheBackCoverAndTeamListAreNotParagraphs) {
  OFS_REQUIRE_SHARED_CORPUS();
  // Peterborough 2015: the team on p.46, the back cover on p.47-48.
  const auto report = read("80537_peterborough", "children's services inspection - 18 september 2015.pdf");
  ASSERT_FALSE(report.paragraphs.empty());
  for (const auto& p : report.paragraphs) {
    EXPECT_EQ(p.text.find("Piccadilly Gate"), std::string::npos) << p.text;
    EXPECT_EQ(p.text.find("Crown copyright"), std::string::npos) << p.text;
    EXPECT_EQ(p.text.find("regulates and inspects"), std::string::npos) << p.text;
    EXPECT_EQ(p.text.find("inspector:"), std::string::npos) << p.text;
  }
  // The last paragraph is the last of the report's own text (p.46).
  EXPECT_NE(report.paragraphs.back().text.find("The inspection team consisted of eight"), std::string::npos)
      << report.paragraphs.back().text;
  const auto& team = report.meta.inspectors;
  ASSERT_EQ(team.size(), 10u);
  EXPECT_EQ(team.front(), (schema::Inspector{"Nigel Parkes", "lead inspector"}));
  EXPECT_EQ(team[1], (schema::Inspector{"Susan Myers", "deputy lead inspector"}));
  EXPECT_EQ(team.back(), (schema::Inspector{"John Mitchell", "quality assurance manager"}));
  EXPECT_EQ(report.meta.lead_inspector, "Nigel Parkes");
}

TEST_F(NonBodyCorpus, AnIlacsReportKeepsItsCoverLeadInspectorAndNoBackCover) {
  OFS_REQUIRE_SHARED_CORPUS();
  // Cumberland 2024: "Lead inspector: Lisa Walsh, His Majesty's Inspector" on p.1; the last page
  // is the back cover, whose text names Cafcass ("inspects the Children and Family Court
  // Advisory and Support Service (Cafcass)"): no paragraph of this report is tagged cafcass
  // from it.
  const auto report = read("2733690_cumberland", "children's services inspection - 26 november 2024.pdf");
  EXPECT_EQ(report.meta.inspectors, (std::vector<schema::Inspector>{{"Lisa Walsh", "lead inspector"}}));
  for (const auto& p : report.paragraphs) {
    EXPECT_EQ(p.text.find("Ofsted) regulates"), std::string::npos) << p.text;
    EXPECT_EQ(p.text.find("This report is available at"), std::string::npos) << p.text;
  }
}

TEST_F(NonBodyCorpus, FreeSchoolMealsAndTheSchoolPopulationAreNotEducation) {
  OFS_REQUIRE_SHARED_CORPUS();
  // Westminster 2025, p.9, ¶47: "…council leaders consciously put children at the heart of
  // policy, with investment in community services such as family hubs and free school meals".
  const auto westminster = read("80519_westminster", "children's services inspection - 13 january 2025.pdf");
  const auto* leaders = starting(westminster, "Well-informed, ambitious and passionate council leaders");
  ASSERT_NE(leaders, nullptr);
  EXPECT_EQ(leaders->agencies, std::vector<std::string>{"council"});
  // Hounslow 2014, p.10: "The school population in Hounslow is approximately 39,400. The
  // proportion of children entitled to free school meals (January 2013 School Census)".
  const auto hounslow = read("80503_hounslow", "children's services inspection - 21 march 2014.pdf");
  const auto* population = starting(hounslow, "The school population in Hounslow");
  ASSERT_NE(population, nullptr);
  EXPECT_TRUE(population->agencies.empty()) << population->agencies.front();
}

TEST_F(NonBodyCorpus, TheBoardInsideTheBoardsPartIsTheLscb) {
  OFS_REQUIRE_SHARED_CORPUS();
  // Staffordshire 2014, p.26, ¶111, in the LSCB part: "Inspectors also saw other examples
  // where the Board has provided appropriate support and challenge…".
  const auto report = read("80561_staffordshire", "children's services inspection - 21 march 2014.pdf");
  const auto* board = starting(report, "Inspectors also saw other examples where the Board");
  ASSERT_NE(board, nullptr);
  EXPECT_EQ(board->agencies, std::vector<std::string>{"safeguarding-board"});
}

}  // namespace
}  // namespace ofs
