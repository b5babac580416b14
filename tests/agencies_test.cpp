// Agency recognition, checked against paragraphs of the 2012 Wiltshire
// sample report and against the shipped data/agencies.tsv.

#include "analyzers/agencies.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace ofs::analyzers {
namespace {

const std::filesystem::path kSourceDir = OFS_SOURCE_DIR;

const AgencyTable& shipped_table() {
  static const AgencyTable table = AgencyTable::load(kSourceDir / "data" / "agencies.tsv");
  return table;
}

// The first line of the sample report that starts with `prefix`.
std::string sample_line(std::string_view prefix) {
  std::ifstream in(kSourceDir /
                   "corpus/wiltshire-2012-safeguarding-and-looked-after-"
                   "children.txt");
  std::string line;
  while (std::getline(in, line))
    if (line.starts_with(prefix)) return line;
  ADD_FAILURE() << "no sample line starts with " << prefix;
  return {};
}

bool has(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::vector<std::string> agencies_in(std::string_view text) { return shipped_table().find(text).agencies; }

std::vector<std::string> organisations_in(std::string_view text) {
  return shipped_table().find(text).organisations;
}

// A temporary TSV file that disappears with the test.
class TempTsv {
 public:
  TempTsv(std::string_view name, std::string_view contents)
      : path_(std::filesystem::temp_directory_path() /
              (std::string("ofs_agencies_") + std::string(name) + ".tsv")) {
    std::ofstream(path_) << contents;
  }
  ~TempTsv() { std::filesystem::remove(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Declaration rows for `names`, as a table must start with them.
std::string declared(std::initializer_list<std::string_view> names) {
  std::string rows;
  for (std::string_view name : names) rows += "agency\t" + std::string(name) + "\tfor this test\n";
  return rows;
}

std::string load_error(std::string_view name, std::string_view contents) {
  TempTsv file(name, contents);
  try {
    AgencyTable::load(file.path());
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "<no error>";
}

// -------------------------------------------------- the sample report --

TEST(SampleReport, Paragraph57NamesPoliceAndBoard) {
  const AgencyMentions m = shipped_table().find(sample_line("57."));
  EXPECT_TRUE(has(m.agencies, "police"));
  EXPECT_TRUE(has(m.agencies, "safeguarding-board"));
  // "children's social care" and "the Children's Trust" are the services
  // inspected, not the council as a body (issue 11's conventions).
  EXPECT_FALSE(has(m.agencies, "council"));
  // "escalation policies" must not count as police, and lowercase
  // "the police" is not an organisation name.
  EXPECT_FALSE(has(m.organisations, "police"));
  EXPECT_TRUE(has(m.organisations, "WSCB"));
}

TEST(SampleReport, JointInterviewRecommendation) {
  const AgencyMentions m =
      shipped_table().find(sample_line("- Wiltshire Council and Wiltshire Constabulary"));
  EXPECT_EQ(m.agencies, (std::vector<std::string>{"council", "police"}));
  EXPECT_EQ(m.organisations, (std::vector<std::string>{"Wiltshire Council", "Wiltshire Constabulary"}));
}

TEST(SampleReport, Paragraph47NamesCamhsAndHealth) {
  const AgencyMentions m = shipped_table().find(sample_line("47."));
  EXPECT_TRUE(has(m.agencies, "camhs"));
  EXPECT_TRUE(has(m.agencies, "health"));
  EXPECT_EQ(m.agencies.front(), "camhs");  // "Access to CAMHS" comes first
  EXPECT_TRUE(has(m.organisations, "CAMHS"));
  EXPECT_TRUE(has(m.organisations, "Oxford Health NHS Foundation Trust"));
  EXPECT_TRUE(has(m.organisations, "OSCA"));
}

TEST(SampleReport, Paragraph11ListsHealthProviders) {
  const AgencyMentions m = shipped_table().find(sample_line("11."));
  for (const char* name :
       {"NHS", "Great Western Hospital NHS Foundation Trust", "Great Western Hospital Foundation Trust",
        "Oxford Health NHS Foundation Trust", "Swindon & Royal United Hospital NHS Trust",
        "Avon and Wiltshire Mental Health Partnership NHS "
        "Trust",
        "CAMHS"}) {
    EXPECT_TRUE(has(m.organisations, name)) << name;
  }
  EXPECT_TRUE(has(m.agencies, "health"));
  EXPECT_TRUE(has(m.agencies, "camhs"));
}

// ------------------------------------------------------------ matching --

TEST(Matching, CaseInsensitiveWholeWords) {
  EXPECT_EQ(agencies_in("Referrals from the POLICE rose."), std::vector<std::string>{"police"});
  EXPECT_EQ(agencies_in("the escalation policy and its policies"), std::vector<std::string>{});
  EXPECT_EQ(agencies_in("Healthy eating was promoted."), std::vector<std::string>{});
  EXPECT_EQ(agencies_in("They were courteous."), std::vector<std::string>{});
  EXPECT_EQ(agencies_in("the housing-related support"), std::vector<std::string>{"housing"});
}

TEST(Matching, AcronymsAreCaseSensitive) {
  EXPECT_EQ(agencies_in("The NHS and the ICB agreed."), std::vector<std::string>{"health"});
  EXPECT_EQ(agencies_in("nhs icb wscb camhs"), std::vector<std::string>{});
  EXPECT_EQ(agencies_in("regular GPs meetings"), std::vector<std::string>{"health"});
}

TEST(Matching, CurlyApostrophesAndLineBreaks) {
  EXPECT_EQ(agencies_in("Barnardo’s\nand health  visitors"),
            (std::vector<std::string>{"voluntary", "health"}));
  EXPECT_EQ(organisations_in("support from Barnardo’s workers"), std::vector<std::string>{"Barnardo’s"});
  EXPECT_EQ(agencies_in("the council's plan"), std::vector<std::string>{"council"});
}

TEST(Matching, LongestAliasWins) {
  // "child and adolescent mental health services" beats "health".
  EXPECT_EQ(agencies_in("child and adolescent mental health services"), std::vector<std::string>{"camhs"});
  // "virtual school" and "school" are both education; one organisation.
  EXPECT_EQ(organisations_in("The Virtual School head"), std::vector<std::string>{"Virtual School"});
}

TEST(Matching, AgenciesInOrderOfFirstAppearanceDeduplicated) {
  EXPECT_EQ(agencies_in("schools, the police, a school nurse, the police"),
            (std::vector<std::string>{"education", "police", "health"}));
}

TEST(Matching, ChildrensForumsAreNotTheCouncil) {
  EXPECT_EQ(agencies_in("The Children in Care Council meets monthly."), std::vector<std::string>{});
  EXPECT_TRUE(organisations_in("the Youth Council said").empty());
  // A longer name ending in a "-" phrase is still that forum.
  EXPECT_TRUE(agencies_in("An active Wiltshire Parent Carer Council").empty());
}

// ------------------------------------------------- organisation names --

TEST(Organisations, GenericProperNames) {
  const AgencyMentions m = shipped_table().find(
      "Avon and Somerset Police, Kent County Council and Sussex Partnership "
      "NHS Foundation Trust met with the Isle of Wight Council and NHS Kent "
      "and Medway Clinical Commissioning Group.");
  EXPECT_EQ(m.organisations,
            (std::vector<std::string>{"Avon and Somerset Police", "Kent County Council",
                                      "Sussex Partnership NHS Foundation Trust", "Isle of Wight Council",
                                      "NHS Kent and Medway Clinical Commissioning Group"}));
  EXPECT_EQ(m.agencies, (std::vector<std::string>{"police", "council", "health"}));
}

TEST(Organisations, SentenceStartsAreNotNames) {
  EXPECT_TRUE(organisations_in("Police attend strategy meetings.").empty());
  EXPECT_TRUE(organisations_in("Schools are well engaged.").empty());
  EXPECT_TRUE(organisations_in("The Police attend.").empty());
  EXPECT_EQ(organisations_in("Inspection of Wiltshire Council"),
            std::vector<std::string>{"Wiltshire Council"});
  EXPECT_EQ(organisations_in("NCT and North Northamptonshire Council"),
            std::vector<std::string>{"North Northamptonshire Council"});
}

TEST(Organisations, LowercaseCommonWordsAreNotListed) {
  const AgencyMentions m = shipped_table().find("police, schools, health visitors and the council");
  EXPECT_EQ(m.agencies.size(), 4u);
  EXPECT_TRUE(m.organisations.empty());
}

// --------------------------------------------------------- the table --

TEST(Table, CanonicalNames) {
  const auto& names = shipped_table().canonical_names();
  EXPECT_EQ(names.size(), 12u);
  for (const char* name : {"police", "health", "education", "council", "camhs", "courts", "cafcass",
                           "probation", "youth-justice", "voluntary", "safeguarding-board", "housing"}) {
    EXPECT_TRUE(has(names, name)) << name;
  }
}

TEST(Table, UserTsvExtendsRecognition) {
  const std::string_view text = "Staff from Swanwick Lodge and the DfE met.";
  EXPECT_TRUE(agencies_in(text).empty());
  TempTsv file("extension", declared({"housing", "education", "youth-justice"}) +
                                "# a user's own aliases\n"
                                "housing\tSwanwick Lodge\n"
                                "education\tDfE\n"
                                "youth-justice\t* Secure Training Centre\n");
  const AgencyTable table = AgencyTable::load(file.path());
  const AgencyMentions m = table.find(text);
  EXPECT_EQ(m.agencies, (std::vector<std::string>{"housing", "education"}));
  EXPECT_EQ(m.organisations, (std::vector<std::string>{"Swanwick Lodge", "DfE"}));
  EXPECT_EQ(table.find("at Medway Secure Training Centre").organisations,
            std::vector<std::string>{"Medway Secure Training Centre"});
}

TEST(Table, PrefixAliasCoversPlurals) {
  const AgencyTable table =
      AgencyTable::parse(declared({"voluntary"}) + "voluntary\tfaith group*\n", "inline");
  EXPECT_EQ(table.find("local faith groups").agencies, std::vector<std::string>{"voluntary"});
  EXPECT_TRUE(table.find("local faith").agencies.empty());
}

TEST(Table, MissingTabIsReportedWithFileAndLine) {
  const std::string message =
      load_error("notab", declared({"police"}) + "# comment\npolice\tconstabulary\npolice force\n");
  EXPECT_NE(message.find("ofs_agencies_notab.tsv:4:"), std::string::npos) << message;
  EXPECT_NE(message.find("tab"), std::string::npos) << message;
}

TEST(Table, UnknownCanonicalIsReportedWithFileAndLine) {
  const std::string message =
      load_error("unknown", declared({"police"}) + "\n\npolice\tconstabulary\nfire\tfire service\n");
  EXPECT_NE(message.find("ofs_agencies_unknown.tsv:5:"), std::string::npos) << message;
  EXPECT_NE(message.find("'fire'"), std::string::npos) << message;
  // The message says how to declare it.
  EXPECT_NE(message.find("agency<TAB>fire<TAB>"), std::string::npos) << message;
}

// No agency is fixed in code: a table declares its own, in its own order.
TEST(Table, AgenciesAreWhatTheFileDeclares) {
  const AgencyTable table = AgencyTable::parse(
      declared({"fire-service", "police"}) + "fire-service\t* Fire and Rescue Service\npolice\tpolice\n",
      "inline");
  EXPECT_EQ(table.canonical_names(), (std::vector<std::string>{"fire-service", "police"}));
  const AgencyMentions m =
      table.find("Dorset and Wiltshire Fire and Rescue Service visited with the police.");
  EXPECT_EQ(m.agencies, (std::vector<std::string>{"fire-service", "police"}));
  EXPECT_EQ(m.organisations, std::vector<std::string>{"Dorset and Wiltshire Fire and Rescue Service"});
}

// ------------------------------------------- issue 11 conventions --
// Sentences from the corpus reports (../shared/corpus/ofsted-pdf/…), quoted
// with the PDF page they are printed on; what each should be tagged follows
// the agency conventions of docs/tag-accuracy.md.

std::vector<std::string> agencies_in(std::string_view text, const AgencyContext& where) {
  return shipped_table().find(text, where).agencies;
}

TEST(Conventions, StatisticsAndOutcomesThatMentionSchoolsAreNotEducation) {
  // Westminster 2025, p.9, ¶47.
  EXPECT_EQ(
      agencies_in(
          "Well-informed, ambitious and passionate council leaders consciously put children at the "
          "heart of policy, with investment in community services such as family hubs and free school "
          "meals for all children, to help give them positive experiences at the earliest opportunity."),
      std::vector<std::string>{"council"});
  // Salford 2015, p.18.
  EXPECT_EQ(
      agencies_in(
          "Although access to apprenticeship schemes is limited, the proportion of care leavers who are "
          "in education, employment and training is well above the national average."),
      std::vector<std::string>{});
  // Kent 2013, p.13.
  EXPECT_EQ(agencies_in(
                "The recent decision to put personal education plans (PEPs) online, to improve accessibility "
                "and the quality, is at a very early stage of development."),
            std::vector<std::string>{});
  // Bedford 2017, p.1: a statute, not schools.
  EXPECT_EQ(
      agencies_in("Ofsted produces this report under its power to combine reports in accordance with section "
                  "152 of the Education and Inspections Act 2006."),
      std::vector<std::string>{});
}

TEST(Conventions, HealthRecordsAndAssessmentsAreNotHealthServices) {
  // Southend-on-Sea 2024, p.10, ¶50.
  EXPECT_EQ(
      agencies_in("Care leavers are provided with their health histories and key health records before they "
                  "leave care."),
      std::vector<std::string>{});
  // Windsor and Maidenhead 2015, p.19.
  EXPECT_EQ(agencies_in("Initial health assessments are timely."), std::vector<std::string>{});
  // …but the health service itself still counts.
  EXPECT_EQ(agencies_in("Initial health assessments are completed by health partners."),
            std::vector<std::string>{"health"});
}

TEST(Conventions, TheCouncilIsItsMembersAndLeadersNotChildrensServices) {
  // Norfolk 2018, p.5.
  EXPECT_EQ(agencies_in("The chief executive has been in post since August 2014."),
            std::vector<std::string>{"council"});
  // Cumberland 2024, p.10, ¶63.
  EXPECT_EQ(agencies_in(
                "Senior leaders’, elected members’ and partners’ commitment to children is strong. Since its "
                "relaunch in April 2024, membership of the corporate parenting board has been refreshed."),
            std::vector<std::string>{"council"});
  // Suffolk 2024, p.11: district councils are councils.
  EXPECT_EQ(
      agencies_in("As a two-tier authority, the county has good working relationships with the district "
                  "councils."),
      std::vector<std::string>{"council"});
  // "The local authority" and "children's social care" mean the service inspected.
  EXPECT_EQ(agencies_in("The local authority has high aspirations for children in its care."),
            std::vector<std::string>{});
  EXPECT_EQ(agencies_in("Referrals to children’s social care are dealt with promptly."),
            std::vector<std::string>{});
  // A children in care council is a forum of children.
  EXPECT_EQ(agencies_in("The children in care council meets monthly."), std::vector<std::string>{});
}

TEST(Conventions, CareProceedingsAreCourtsAndCafcassSpelledOutIsCafcassOnly) {
  // York 2017, p.18.
  EXPECT_EQ(agencies_in("Care proceedings are completed within an average period of 25 weeks."),
            std::vector<std::string>{"courts"});
  // East Riding of Yorkshire 2017, p.2.
  EXPECT_EQ(
      agencies_in("The local authority has a good reputation with the Children and Family Court Advisory and "
                  "Support Service (Cafcass)."),
      std::vector<std::string>{"cafcass"});
  EXPECT_EQ(agencies_in("the Children and Family Court Advisory Service"),
            std::vector<std::string>{"cafcass"});
}

TEST(Conventions, AVoluntaryAdoptionAgencyIsVoluntary) {
  // Doncaster 2015, p.5.
  EXPECT_EQ(
      agencies_in("Doncaster Children’s Services Trust is also registered as an independent fostering and a "
                  "voluntary adoption agency."),
      std::vector<std::string>{"voluntary"});
}

TEST(Conventions, LocalBoardAcronymsAndThePartnershipAreTheBoard) {
  // South Tyneside 2017, p.25.
  EXPECT_EQ(
      agencies_in("Her knowledge is enhanced through attending the Health and Wellbeing Board and STSCB."),
      std::vector<std::string>{"safeguarding-board"});
  EXPECT_EQ(organisations_in("the RCSCB has not facilitated an audit"), std::vector<std::string>{"RCSCB"});
  EXPECT_EQ(agencies_in("the LSCBs of the region"), std::vector<std::string>{"safeguarding-board"});
  // Barnsley 2023, p.10, ¶46: the partnership counts, partners as partners do not.
  EXPECT_EQ(agencies_in(
                "The chair of the safeguarding partnership recognises the skill of the executive director."),
            std::vector<std::string>{"safeguarding-board"});
  EXPECT_EQ(agencies_in("Strong relationships with safeguarding partners are driving improvement."),
            std::vector<std::string>{});
  // Not an acronym ending so: a lower-case letter before "SCB".
  EXPECT_EQ(agencies_in("the xSCB code"), std::vector<std::string>{});
}

TEST(Conventions, TheBoardCountsOnlyInTheBoardsOwnSection) {
  // Staffordshire 2014, p.26, ¶111, under "The Local Safeguarding Children Board".
  const std::string text =
      "Inspectors also saw other examples where the Board has provided appropriate support and challenge in "
      "monitoring some key service improvements.";
  EXPECT_EQ(
      agencies_in(text, {{"The Local Safeguarding Children Board (LSCB)", "Inspection findings"}, "lscb"}),
      std::vector<std::string>{"safeguarding-board"});
  EXPECT_EQ(agencies_in(text, {{"Review of the Local Safeguarding Children Board"}, "other"}),
            std::vector<std::string>{"safeguarding-board"});
  // Elsewhere "the board" may be any board.
  EXPECT_EQ(agencies_in(text, {{"Leadership, management and governance"}, "leadership"}),
            std::vector<std::string>{});
  EXPECT_EQ(agencies_in(text), std::vector<std::string>{});
}

TEST(Table, AliasesMayCountOnlyInSomeSections) {
  const AgencyTable table = AgencyTable::parse(
      "agency\tfire\tFire services.\nfire\tthe service\tfire and rescue, fire\n", "inline");
  EXPECT_TRUE(table.find("the service attended").agencies.empty());
  EXPECT_EQ(table.find("the service attended", {{"Fire and rescue"}, ""}).agencies,
            std::vector<std::string>{"fire"});
  EXPECT_EQ(table.find("the service attended", {{}, "fire"}).agencies, std::vector<std::string>{"fire"});
  EXPECT_THROW(AgencyTable::parse("agency\tfire\tFire.\nfire\tthe service\t , \n", "inline"),
               std::runtime_error);
}

TEST(Table, AWordStartWildcardMatchesWordsEndingSo) {
  const AgencyTable table = AgencyTable::parse("agency\tboard\tBoards.\nboard\t*SCB*\n", "inline");
  EXPECT_EQ(table.find("the CYSCB met").agencies, std::vector<std::string>{"board"});
  EXPECT_EQ(table.find("two DSCBs met").agencies, std::vector<std::string>{"board"});
  EXPECT_EQ(table.find("the SCBX met").agencies, std::vector<std::string>{"board"});  // the end may run on
  EXPECT_TRUE(table.find("the aSCB met").agencies.empty());  // an acronym: capitals only before "SCB"
}

TEST(Table, BadDeclarationsNameTheLine) {
  EXPECT_NE(load_error("twice", declared({"police", "police"}))
                .find("ofs_agencies_twice.tsv:2: agency 'police' is declared twice"),
            std::string::npos);
  EXPECT_NE(load_error("badname", "agency\tFire Service\tmeaning\n")
                .find("ofs_agencies_badname.tsv:1: 'Fire Service' cannot"),
            std::string::npos);
  EXPECT_NE(load_error("nomeaning", "agency\tfire\n")
                .find("ofs_agencies_nomeaning.tsv:1: expected 3 tab-separated fields"),
            std::string::npos);
}

// The README's agency facet row lists exactly the agencies data/agencies.tsv declares.
TEST(Table, ReadmeListsTheDeclaredAgencies) {
  std::ifstream in(kSourceDir / "README.md");
  std::string line, listed;
  while (std::getline(in, line))
    if (line.starts_with("| agency |")) listed = line;
  ASSERT_FALSE(listed.empty()) << "README has no '| agency |' row";
  std::string expected = "| agency | ";
  for (const auto& name : shipped_table().canonical_names())
    expected += (&name == &shipped_table().canonical_names().front() ? "" : ", ") + name;
  EXPECT_EQ(listed, expected + " |");
}

TEST(Table, MisplacedWildcardIsRejected) {
  EXPECT_THROW(AgencyTable::parse("health\thealth * visitor\n", "inline"), std::runtime_error);
  EXPECT_THROW(AgencyTable::parse("police\t* lowercase force\n", "inline"), std::runtime_error);
}

TEST(Table, MissingFileThrows) {
  EXPECT_THROW(AgencyTable::load(kSourceDir / "data" / "no-such-file.tsv"), std::runtime_error);
}

}  // namespace
}  // namespace ofs::analyzers
