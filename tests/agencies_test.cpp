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
  static const AgencyTable table =
      AgencyTable::load(kSourceDir / "data" / "agencies.tsv");
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

std::vector<std::string> agencies_in(std::string_view text) {
  return shipped_table().find(text).agencies;
}

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

TEST(SampleReport, Paragraph57NamesPoliceCouncilAndBoard) {
  const AgencyMentions m = shipped_table().find(sample_line("57."));
  EXPECT_TRUE(has(m.agencies, "police"));
  EXPECT_TRUE(has(m.agencies, "council"));
  EXPECT_TRUE(has(m.agencies, "safeguarding-board"));
  // "escalation policies" must not count as police, and lowercase
  // "the police" is not an organisation name.
  EXPECT_FALSE(has(m.organisations, "police"));
  EXPECT_TRUE(has(m.organisations, "WSCB"));
}

TEST(SampleReport, JointInterviewRecommendation) {
  const AgencyMentions m = shipped_table().find(
      sample_line("- Wiltshire Council and Wiltshire Constabulary"));
  EXPECT_EQ(m.agencies, (std::vector<std::string>{"council", "police"}));
  EXPECT_EQ(m.organisations, (std::vector<std::string>{
                                 "Wiltshire Council", "Wiltshire Constabulary"}));
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
  for (const char* name : {"NHS", "Great Western Hospital NHS Foundation Trust",
                           "Great Western Hospital Foundation Trust",
                           "Oxford Health NHS Foundation Trust",
                           "Swindon & Royal United Hospital NHS Trust",
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
  EXPECT_EQ(agencies_in("Referrals from the POLICE rose."),
            std::vector<std::string>{"police"});
  EXPECT_EQ(agencies_in("the escalation policy and its policies"),
            std::vector<std::string>{});
  EXPECT_EQ(agencies_in("Healthy eating was promoted."),
            std::vector<std::string>{});
  EXPECT_EQ(agencies_in("They were courteous."), std::vector<std::string>{});
  EXPECT_EQ(agencies_in("the housing-related support"),
            std::vector<std::string>{"housing"});
}

TEST(Matching, AcronymsAreCaseSensitive) {
  EXPECT_EQ(agencies_in("The NHS and the ICB agreed."),
            std::vector<std::string>{"health"});
  EXPECT_EQ(agencies_in("nhs icb wscb camhs"), std::vector<std::string>{});
  EXPECT_EQ(agencies_in("regular GPs meetings"),
            std::vector<std::string>{"health"});
}

TEST(Matching, CurlyApostrophesAndLineBreaks) {
  EXPECT_EQ(agencies_in("children’s\nsocial  care"),
            std::vector<std::string>{"council"});
  EXPECT_EQ(organisations_in("support from Barnardo’s workers"),
            std::vector<std::string>{"Barnardo’s"});
  EXPECT_EQ(agencies_in("the council's plan"),
            std::vector<std::string>{"council"});
}

TEST(Matching, LongestAliasWins) {
  // "child and adolescent mental health services" beats "health".
  EXPECT_EQ(agencies_in("child and adolescent mental health services"),
            std::vector<std::string>{"camhs"});
  // "virtual school" and "school" are both education; one organisation.
  EXPECT_EQ(organisations_in("The Virtual School head"),
            std::vector<std::string>{"Virtual School"});
}

TEST(Matching, AgenciesInOrderOfFirstAppearanceDeduplicated) {
  EXPECT_EQ(agencies_in("schools, the police, a school nurse, the police"),
            (std::vector<std::string>{"education", "police", "health"}));
}

TEST(Matching, ChildrensForumsAreNotTheCouncil) {
  EXPECT_EQ(agencies_in("The Children in Care Council meets monthly."),
            std::vector<std::string>{});
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
            (std::vector<std::string>{
                "Avon and Somerset Police", "Kent County Council",
                "Sussex Partnership NHS Foundation Trust",
                "Isle of Wight Council",
                "NHS Kent and Medway Clinical Commissioning Group"}));
  EXPECT_EQ(m.agencies,
            (std::vector<std::string>{"police", "council", "health"}));
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
  const AgencyMentions m =
      shipped_table().find("police, schools, health visitors and the council");
  EXPECT_EQ(m.agencies.size(), 4u);
  EXPECT_TRUE(m.organisations.empty());
}

// --------------------------------------------------------- the table --

TEST(Table, CanonicalNames) {
  const auto& names = shipped_table().canonical_names();
  EXPECT_EQ(names.size(), 12u);
  for (const char* name :
       {"police", "health", "education", "council", "camhs", "courts",
        "cafcass", "probation", "youth-justice", "voluntary",
        "safeguarding-board", "housing"}) {
    EXPECT_TRUE(has(names, name)) << name;
  }
}

TEST(Table, UserTsvExtendsRecognition) {
  const std::string_view text = "Staff from Swanwick Lodge and the DfE met.";
  EXPECT_TRUE(agencies_in(text).empty());
  TempTsv file("extension",
               declared({"housing", "education", "youth-justice"}) +
               "# a user's own aliases\n"
               "housing\tSwanwick Lodge\n"
               "education\tDfE\n"
               "youth-justice\t* Secure Training Centre\n");
  const AgencyTable table = AgencyTable::load(file.path());
  const AgencyMentions m = table.find(text);
  EXPECT_EQ(m.agencies, (std::vector<std::string>{"housing", "education"}));
  EXPECT_EQ(m.organisations,
            (std::vector<std::string>{"Swanwick Lodge", "DfE"}));
  EXPECT_EQ(table.find("at Medway Secure Training Centre").organisations,
            std::vector<std::string>{"Medway Secure Training Centre"});
}

TEST(Table, PrefixAliasCoversPlurals) {
  const AgencyTable table =
      AgencyTable::parse(declared({"voluntary"}) + "voluntary\tfaith group*\n", "inline");
  EXPECT_EQ(table.find("local faith groups").agencies,
            std::vector<std::string>{"voluntary"});
  EXPECT_TRUE(table.find("local faith").agencies.empty());
}

TEST(Table, MissingTabIsReportedWithFileAndLine) {
  const std::string message =
      load_error("notab", declared({"police"}) + "# comment\npolice\tconstabulary\npolice force\n");
  EXPECT_NE(message.find("ofs_agencies_notab.tsv:4:"), std::string::npos)
      << message;
  EXPECT_NE(message.find("tab"), std::string::npos) << message;
}

TEST(Table, UnknownCanonicalIsReportedWithFileAndLine) {
  const std::string message =
      load_error("unknown", declared({"police"}) + "\n\npolice\tconstabulary\nfire\tfire service\n");
  EXPECT_NE(message.find("ofs_agencies_unknown.tsv:5:"), std::string::npos)
      << message;
  EXPECT_NE(message.find("'fire'"), std::string::npos) << message;
  // The message says how to declare it.
  EXPECT_NE(message.find("agency<TAB>fire<TAB>"), std::string::npos) << message;
}

// No agency is fixed in code: a table declares its own, in its own order.
TEST(Table, AgenciesAreWhatTheFileDeclares) {
  const AgencyTable table = AgencyTable::parse(
      declared({"fire-service", "police"}) + "fire-service\t* Fire and Rescue Service\npolice\tpolice\n", "inline");
  EXPECT_EQ(table.canonical_names(), (std::vector<std::string>{"fire-service", "police"}));
  const AgencyMentions m = table.find("Dorset and Wiltshire Fire and Rescue Service visited with the police.");
  EXPECT_EQ(m.agencies, (std::vector<std::string>{"fire-service", "police"}));
  EXPECT_EQ(m.organisations, std::vector<std::string>{"Dorset and Wiltshire Fire and Rescue Service"});
}

TEST(Table, BadDeclarationsNameTheLine) {
  EXPECT_NE(load_error("twice", declared({"police", "police"})).find("ofs_agencies_twice.tsv:2: agency 'police' is declared twice"),
            std::string::npos);
  EXPECT_NE(load_error("badname", "agency\tFire Service\tmeaning\n").find("ofs_agencies_badname.tsv:1: 'Fire Service' cannot"),
            std::string::npos);
  EXPECT_NE(load_error("nomeaning", "agency\tfire\n").find("ofs_agencies_nomeaning.tsv:1: expected 3 tab-separated fields"),
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
  EXPECT_THROW(AgencyTable::parse("health\thealth * visitor\n", "inline"),
               std::runtime_error);
  EXPECT_THROW(AgencyTable::parse("police\t* lowercase force\n", "inline"),
               std::runtime_error);
}

TEST(Table, MissingFileThrows) {
  EXPECT_THROW(AgencyTable::load(kSourceDir / "data" / "no-such-file.tsv"),
               std::runtime_error);
}

}  // namespace
}  // namespace ofs::analyzers
