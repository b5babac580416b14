// Saved queries: the TOML file model (round trip, hand edits, mistakes named
// by file and line) and `ofs saved` as a script runs it: --new, --since,
// the --all matrix, and the nightly script.
#include <chrono>
#include <map>
#include <ctime>

#include <nlohmann/json.hpp>

#include "analyzers/dates.h"
#include "searcher/saved_queries.h"
#include "test_support.h"

namespace ofs::test {
namespace {

using searcher::SavedQueryError;

// --- The file model ------------------------------------------------------------

searcher::SavedQuery sample_query() {
  searcher::SavedQuery q;
  q.name = "neglect-inadequate";
  q.description = "Neglect where \"help\" was inadequate, for the 'quarterly' review";
  q.query = "neglect NEAR/5 drift";
  q.filters = {{"grade", {"inadequate", "requires-improvement"}}, {"area", {"help-and-protection"}}};
  q.facets = {"authority", "year"};
  q.format = "csv";
  q.limit = 25;
  q.sort = "date";
  q.latest = true;
  q.declined = {"help-and-protection"};
  q.created = "2024-05-01T10:00:00Z";
  return q;
}

TEST(SavedQueryFile, RoundTripKeepsEveryField) {
  searcher::SavedQueries saved;
  saved.put(sample_query());
  searcher::SavedQuery plain;
  plain.name = "a_plain_one";
  plain.query = "";
  plain.filters = {{"agency", {"police"}}};
  saved.put(plain);
  const auto back = searcher::parse_saved_queries(searcher::to_toml(saved), "test.toml");
  ASSERT_EQ(back.queries.size(), 2u);
  const auto& q = back.queries[0];  // file order, not alphabetical order
  const auto expected = sample_query();
  EXPECT_EQ(q.name, expected.name);
  EXPECT_EQ(q.description, expected.description);
  EXPECT_EQ(q.query, expected.query);
  EXPECT_EQ(q.filters, expected.filters);
  EXPECT_EQ(q.facets, expected.facets);
  EXPECT_EQ(q.format, "csv");
  EXPECT_EQ(q.limit, 25u);
  EXPECT_EQ(q.sort, "date");
  EXPECT_TRUE(q.latest);
  EXPECT_EQ(q.declined, expected.declined);
  EXPECT_EQ(q.created, "2024-05-01T10:00:00Z");
  EXPECT_EQ(back.queries[1].name, "a_plain_one");
  EXPECT_FALSE(back.queries[1].limit.has_value());
  EXPECT_EQ(searcher::to_toml(back), searcher::to_toml(saved)) << "saving twice changes nothing";
}

TEST(SavedQueryFile, HandWrittenFileIsReadInItsOwnOrder) {
  // Comments, keys in any order, a single string where a list is expected,
  // a quoted created time and no version: all things people write.
  const std::string text = R"(# Our team's questions
[queries.zeta]
filters.grade = "inadequate"   # one value is fine
query = "strategy meetings"

[queries.alpha]
# the board asked for this
limit = 5
query = 'joint interviews'
facets = ["authority"]
created = "2024-01-02T03:04:05Z"
)";
  const auto saved = searcher::parse_saved_queries(text, "team.toml");
  ASSERT_EQ(saved.queries.size(), 2u);
  EXPECT_EQ(saved.queries[0].name, "zeta");
  EXPECT_EQ(saved.queries[0].filters.at("grade"), std::vector<std::string>{"inadequate"});
  EXPECT_EQ(saved.queries[1].name, "alpha");
  EXPECT_EQ(saved.queries[1].limit, 5u);
  EXPECT_EQ(saved.queries[1].facets, std::vector<std::string>{"authority"});
  // Rewriting keeps the values and the order (comments are not kept; the
  // file's header says so).
  const auto again = searcher::parse_saved_queries(searcher::to_toml(saved), "team.toml");
  ASSERT_EQ(again.queries.size(), 2u);
  EXPECT_EQ(again.queries[0].name, "zeta");
  EXPECT_EQ(again.queries[1].query, "joint interviews");
  EXPECT_EQ(again.queries[1].created, "2024-01-02T03:04:05Z");
}

std::string error_of(const std::string& text) {
  try {
    searcher::parse_saved_queries(text, "team.toml");
  } catch (const SavedQueryError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(SavedQueryFile, MistakesNameTheFileLineAndQuery) {
  EXPECT_NE(error_of("version = 1\n[queries.a]\nquery = \"unclosed\n").find("team.toml:3: not valid TOML"),
            std::string::npos)
      << error_of("version = 1\n[queries.a]\nquery = \"unclosed\n");
  const std::string bad_limit = error_of("[queries.a]\nquery = 'x'\nlimit = 'ten'\n");
  EXPECT_NE(bad_limit.find("team.toml:3: saved query 'a': 'limit' must be a whole number"), std::string::npos)
      << bad_limit;
  const std::string bad_facet = error_of("[queries.b]\nquery = 'x'\n\nfilters = { colour = ['red'] }\n");
  EXPECT_NE(bad_facet.find("team.toml:4: saved query 'b': unknown facet 'colour'"), std::string::npos) << bad_facet;
  const std::string bad_field = error_of("[queries.c]\nquery = 'x'\nquerry = 'y'\n");
  EXPECT_NE(bad_field.find("team.toml:3: saved query 'c': unknown field 'querry'"), std::string::npos) << bad_field;
  const std::string bad_format = error_of("[queries.d]\nformat = 'xlsx'\n");
  EXPECT_NE(bad_format.find("team.toml:2: saved query 'd': 'format' is 'xlsx'"), std::string::npos) << bad_format;
  const std::string bad_area = error_of("[queries.e]\ndeclined = ['help']\n");
  EXPECT_NE(bad_area.find("unknown area 'help'"), std::string::npos) << bad_area;
  const std::string newer = error_of("version = 99\n");
  EXPECT_NE(newer.find("team.toml:1: file version 99 is newer"), std::string::npos) << newer;
  EXPECT_THROW(searcher::check_query_name("has space"), SavedQueryError);
}

TEST(SavedQueryFile, SavingIsAtomicAndLeavesNoTemporaryFiles) {
  TempDir dir;
  const auto file = dir / "ofs-saved.toml";
  searcher::SavedQueries saved;
  saved.put(sample_query());
  searcher::save_saved_queries(file, saved);
  searcher::save_saved_queries(file, saved);
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    ++files;
    EXPECT_EQ(entry.path().filename(), "ofs-saved.toml");
  }
  EXPECT_EQ(files, 1u);
  EXPECT_EQ(searcher::load_saved_queries(file).queries.size(), 1u);
  EXPECT_TRUE(searcher::load_saved_queries(dir / "missing.toml").queries.empty());
  EXPECT_EQ(searcher::run_state_path(file), dir / "ofs-saved.state.toml");
}

// --- ofs saved, as a user and a script run it --------------------------------

std::string today() { return analyzers::utc_now().substr(0, 10); }

// The sample report as if Ofsted published it again today, under another
// authority's name, so it is a new report to --new.
std::string republished_sample() {
  std::string text = read_file(sample_report());
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char published[64];
  std::strftime(published, sizeof published, "Published: %d %B %Y", &tm);
  const auto at = text.find("Published: 24 April 2012");
  text.replace(at, std::string("Published: 24 April 2012").size(), published);
  for (std::size_t pos = 0; (pos = text.find("Wiltshire", pos)) != std::string::npos;)
    text.replace(pos, 9, "Swindon");
  return text;
}

class SavedCli : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string opts() const {
    return "--db " + shell_quote((dir_ / "db").string()) + " saved --saved-file " +
           shell_quote((dir_ / "team" / "ofs-saved.toml").string());
  }
  void SetUp() override {
    std::filesystem::create_directories(dir_ / "team");
    const auto r = run_ofs("--db " + shell_quote((dir_ / "db").string()) + " index " +
                           shell_quote(sample_report().string()));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  CommandResult saved(const std::string& args) { return run_ofs(opts() + " " + args); }
};

TEST_F(SavedCli, AddListShowRmAndUnknownNames) {
  auto r = saved("add joint 'joint interviews' --grade inadequate --description 'Section 47 practice'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty()) << "diagnostics go to stderr: " << r.out;
  EXPECT_EQ(saved("add joint 'other words'").exit_code, 2) << "no silent overwrite";
  EXPECT_EQ(saved("add joint 'joint interviews' --grade inadequate --replace").exit_code, 0);
  r = saved("list --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto list = nlohmann::json::parse(r.out);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["query"], "joint interviews");
  EXPECT_EQ(list[0]["filters"]["grade"][0], "inadequate");
  EXPECT_TRUE(list[0]["last_run"].is_null());
  r = saved("show joint");
  EXPECT_NE(r.out.find("[queries.joint]"), std::string::npos) << r.out;
  r = saved("run jiont");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no saved query 'jiont'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("ofs saved list"), std::string::npos) << r.err;
  EXPECT_EQ(saved("rm joint").exit_code, 0);
  EXPECT_EQ(saved("rm joint").exit_code, 2);
  EXPECT_EQ(saved("list").exit_code, 1) << "no saved queries";
}

// In the sample, "management oversight" is in paragraph 57 (safeguarding's
// leadership and management, inadequate), paragraph 128 (looked after
// children's, adequate) and the third "Immediately" recommendation (no grade);
// "joint interviews" is in paragraphs 32 and 57, both in inadequate sections.
TEST_F(SavedCli, RunUsesSavedSettingsAndTheCommandLineWins) {
  ASSERT_EQ(saved("add mo '\"management oversight\"' --grade inadequate --format json --limit 1").exit_code, 0);
  auto r = saved("run mo");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["total"], 1) << "the saved grade";
  ASSERT_EQ(doc["results"].size(), 1u) << "the saved limit";
  EXPECT_EQ(doc["results"][0]["para"], 57);
  r = saved("run mo --limit 3 --grade adequate");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["total"], 1) << "--grade on the command line replaces the saved grade";
  ASSERT_EQ(doc["results"].size(), 1u);
  EXPECT_EQ(doc["results"][0]["para"], 128);
  r = saved("run mo --format csv");
  EXPECT_EQ(r.out.rfind("report,authority,framework,published,para,", 0), 0u) << "csv, not json: " << r.out.substr(0, 80);
}

TEST_F(SavedCli, NewFindsOnlyReportsPublishedSinceTheLastRun) {
  ASSERT_EQ(saved("add joint '\"joint interviews\"'").exit_code, 0);
  auto r = saved("run joint --new --format json");
  ASSERT_EQ(r.exit_code, 0) << "never run: everything is new. " << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["total"], 2);
  EXPECT_NE(read_file(dir_ / "team" / "ofs-saved.state.toml").find("joint = "), std::string::npos);
  r = saved("run joint --new --format json");
  EXPECT_EQ(r.exit_code, 1) << "nothing published since the last run: " << r.out;
  EXPECT_EQ(nlohmann::json::parse(r.out)["total"], 0);

  write_file(dir_ / "new" / "swindon.txt", republished_sample());
  const auto indexed = run_ofs("--db " + shell_quote((dir_ / "db").string()) + " index " +
                               shell_quote((dir_ / "new" / "swindon.txt").string()));
  ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
  r = saved("run joint --new --format json --limit 100");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["results"].size(), 2u) << "paragraphs 32 and 57 of the republished copy";
  for (const auto& hit : doc["results"]) {
    EXPECT_EQ(hit["authority"], "Swindon");
    EXPECT_EQ(hit["published"], today());
  }
  // --since is the same filter with a date given by hand.
  EXPECT_EQ(saved("run joint --since 2030-01-01").exit_code, today() >= "2030-01-01" ? 0 : 1);
  r = saved("run joint --since 2012-04-24 --format json --limit 100");
  EXPECT_EQ(nlohmann::json::parse(r.out)["total"], 4) << "both copies, each with paragraphs 32 and 57";
  EXPECT_EQ(saved("run joint --since 24/04/2012").exit_code, 2);
  EXPECT_EQ(saved("run joint --since 2012-01-01 --new").exit_code, 2);
}

TEST_F(SavedCli, AllWritesOneRowPerQueryAndAuthorityWithTheReportsCounts) {
  ASSERT_EQ(saved("add joint '\"joint interviews\"'").exit_code, 0);
  ASSERT_EQ(saved("add mo '\"management oversight\"' --grade inadequate").exit_code, 0);
  ASSERT_EQ(saved("add nothing zebra").exit_code, 0);
  const auto r = saved("run --all --format csv --by authority");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  EXPECT_EQ(r.out,
            "query,authority,paragraphs,reports\r\n"
            "joint,Wiltshire,2,1\r\n"
            "mo,Wiltshire,1,1\r\n"
            "nothing,,0,0\r\n");
  const auto rows = nlohmann::json::parse(saved("run --all --format json --by grade").out);
  std::map<std::string, int> joint_by_grade;
  for (const auto& row : rows)
    if (row["query"] == "joint") joint_by_grade[row["grade"].get<std::string>()] += row["paragraphs"].get<int>();
  EXPECT_EQ(joint_by_grade, (std::map<std::string, int>{{"inadequate", 2}}));
}

TEST_F(SavedCli, HandEditedMistakeIsReportedWithTheLine) {
  write_file(dir_ / "team" / "ofs-saved.toml", "version = 1\n\n[queries.joint]\nquery = 'joint'\nlimit = -3\n");
  const auto r = saved("run joint");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("ofs-saved.toml:5: saved query 'joint': 'limit'"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST_F(SavedCli, SavedFileComesFromTheEnvironment) {
  const auto file = dir_ / "env-saved.toml";
  const std::string env = "OFS_SAVED=" + shell_quote(file.string()) + " ";
  const int status = std::system(("cd " + shell_quote(dir_.path().string()) + " && " + env + shell_quote(OFS_BINARY) +
                                  " saved add joint 'joint interviews' >/dev/null 2>&1")
                                     .c_str());
  ASSERT_EQ(WEXITSTATUS(status), 0);
  EXPECT_NE(read_file(file).find("[queries.joint]"), std::string::npos);
}

TEST_F(SavedCli, NightlyScriptWritesADatedCsv) {
  ASSERT_EQ(saved("add joint 'joint interviews'").exit_code, 0);
  ASSERT_EQ(saved("add nothing zebra").exit_code, 0);
  const auto out_dir = dir_ / "reports";
  const std::string command = "OFS_BIN=" + shell_quote(OFS_BINARY) + " OFS_DB=" + shell_quote((dir_ / "db").string()) +
                              " OFS_SAVED=" + shell_quote((dir_ / "team" / "ofs-saved.toml").string()) +
                              " OFS_DATA_DIR=" + shell_quote(data_dir().string()) + " " +
                              shell_quote((source_dir() / "scripts" / "nightly-saved-queries.sh").string()) + " " +
                              shell_quote(out_dir.string()) + " >/dev/null";
  ASSERT_EQ(WEXITSTATUS(std::system(command.c_str())), 0);
  const auto csv = out_dir / ("saved-" + today() + ".csv");
  ASSERT_TRUE(std::filesystem::exists(csv)) << csv;
  const std::string text = read_file(csv);
  EXPECT_EQ(text.rfind("query,authority,paragraphs,reports\r\n", 0), 0u) << text;
  EXPECT_NE(text.find("\r\njoint,Wiltshire,"), std::string::npos) << text;
  EXPECT_NE(text.find("\r\nnothing,,0,0\r\n"), std::string::npos) << text;
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(out_dir)) ++files;
  EXPECT_EQ(files, 1u) << "no temporary files left behind";
}

}  // namespace
}  // namespace ofs::test
