// The ofs binary as a user runs it: exit codes, bad input, output formats.
#include <algorithm>

#include <set>

#include <nlohmann/json.hpp>

#include "app/cli.h"
#include "app/options.h"
#include "app/shared_options.h"
#include "test_support.h"

namespace ofs::test {
namespace {

class Cli : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string db() const { return "--db " + shell_quote((dir_ / "db").string()); }
  CommandResult index_sample() { return run_ofs(db() + " index " + shell_quote(sample_report().string())); }
};

TEST_F(Cli, IndexThenSearchPrintsCitations) {
  const auto indexed = index_sample();
  ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
  EXPECT_NE(indexed.out.find("indexed 1 report (158 paragraphs)"), std::string::npos) << indexed.out;
  const auto found = run_ofs(db() + " search 'joint interviews' --grade inadequate");
  EXPECT_EQ(found.exit_code, 0);
  EXPECT_NE(
      found.out.find("Wiltshire 2012 ¶57 · Safeguarding services › Leadership and management · inadequate"),
      std::string::npos)
      << found.out;
  EXPECT_EQ(found.out.find("\x1b["), std::string::npos) << "no colour when stdout is not a terminal";
}

TEST_F(Cli, JsonResultsHaveTheDocumentedFields) {
  ASSERT_EQ(index_sample().exit_code, 0);
  const auto r = run_ofs(db() + " search 'Section 47 joint interviews' --grade inadequate --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  EXPECT_GT(doc["total"].get<int>(), 0);
  const auto& first = doc["results"][0];
  for (const char* field :
       {"report", "authority", "framework", "published", "para", "page", "section", "area", "grade",
        "grade_text", "agencies", "organisations", "text", "snippet", "score"})
    EXPECT_TRUE(first.contains(field)) << field;
  EXPECT_EQ(first["authority"], "Wiltshire");
  EXPECT_EQ(first["published"], "2012-04-24");
  EXPECT_TRUE(first["page"].is_null());  // plain text has no pages
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST_F(Cli, ExitCodesFollowGrep) {
  ASSERT_EQ(index_sample().exit_code, 0);
  EXPECT_EQ(run_ofs(db() + " search zebra").exit_code, 1);
  const auto bad_grade = run_ofs(db() + " search police --grade excellent");
  EXPECT_EQ(bad_grade.exit_code, 2);
  EXPECT_NE(bad_grade.err.find("ofs: unknown grade 'excellent'"), std::string::npos) << bad_grade.err;
  const auto bad_query = run_ofs(db() + " search '\"joint interviews'");
  EXPECT_EQ(bad_query.exit_code, 2);
  EXPECT_NE(bad_query.err.find("unbalanced quote"), std::string::npos);
  const auto no_index = run_ofs("--db " + shell_quote((dir_ / "nothing").string()) + " search police");
  EXPECT_EQ(no_index.exit_code, 2);
  EXPECT_NE(no_index.err.find("no ofs index at"), std::string::npos) << no_index.err;
  EXPECT_EQ(run_ofs("--help").exit_code, 0);
  EXPECT_EQ(run_ofs("search --no-such-flag x").exit_code, 2);
}

TEST_F(Cli, SearchFormatsSynonymsAndSuggestions) {
  ASSERT_EQ(index_sample().exit_code, 0);
  const auto jsonl = run_ofs(db() + " search S47 --format jsonl");
  ASSERT_EQ(jsonl.exit_code, 0) << jsonl.err;
  // "Section 47" is in paragraphs 17, 32, 35 and 62 and in two recommendation bullets.
  EXPECT_EQ(std::count(jsonl.out.begin(), jsonl.out.end(), '\n'), 6);
  EXPECT_EQ(run_ofs(db() + " search S47 --no-synonyms").exit_code, 1);
  const auto csv = run_ofs(db() + " search CAMHS --format csv --limit 2");
  EXPECT_EQ(csv.out.rfind("report,authority,framework,published,para,", 0), 0u) << csv.out;
  const auto typo = run_ofs(db() + " search safegaurding");
  EXPECT_EQ(typo.exit_code, 1);
  EXPECT_NE(typo.err.find("ofs: no results; did you mean \"safeguarding\"?"), std::string::npos) << typo.err;
  const auto typo_json = nlohmann::json::parse(run_ofs(db() + " search safegaurding --format json").out);
  EXPECT_EQ(typo_json["suggestion"], "safeguarding");
  // The phrase is in paragraphs 32 and 57 and nowhere else in the report.
  const auto grouped = run_ofs(db() + " search '\"joint interviews\"' --group-by report --facets grade");
  EXPECT_NE(grouped.out.find("1 report with 2 matching paragraphs"), std::string::npos) << grouped.out;
  EXPECT_NE(grouped.out.find("[2 hits in this report]"), std::string::npos) << grouped.out;
  EXPECT_NE(grouped.out.find("grade: inadequate 2 (1 report)"), std::string::npos) << grouped.out;
  const auto context =
      run_ofs(db() + " search '\"joint interviews\"' --grade inadequate --context 1 --sort report");
  EXPECT_NE(context.out.find("┆ ¶31 Safe recruitment"), std::string::npos) << context.out;
}

TEST_F(Cli, MalformedQueriesExitTwoWithAMessage) {
  ASSERT_EQ(index_sample().exit_code, 0);
  const auto near = run_ofs(db() + " search 'joint NEAR interviews'");
  EXPECT_EQ(near.exit_code, 2);
  EXPECT_NE(near.err.find("ofs: NEAR at character 7 needs a distance"), std::string::npos) << near.err;
  const auto empty = run_ofs(db() + " search ''");
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("empty query"), std::string::npos) << empty.err;
  EXPECT_EQ(run_ofs(db() + " search '' --grade inadequate --limit 1").exit_code, 0);
  EXPECT_EQ(run_ofs(db() + " search 'authority:\"blackburn with darwen\"'").exit_code, 2);
  EXPECT_EQ(run_ofs(db() + " search police --format xml").exit_code, 2);
}

TEST_F(Cli, BadFilesAreNamedAndTheRestIsIndexed) {
  const auto reports = dir_ / "reports";
  std::filesystem::create_directories(reports);
  std::filesystem::copy_file(sample_report(), reports / "wiltshire.txt");
  write_file(reports / "empty.txt", "");
  write_file(reports / "binary.txt", std::string("\x89PNG\r\n\x1a\n\0\0", 10));
  write_file(reports / "latin1.txt", "Inspection of caf\xe9s\n");
  write_file(reports / "notes.docx", "ignored: not a report type");
  const auto r = run_ofs(db() + " index " + shell_quote(reports.string()));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("empty.txt: empty file (0 bytes)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("binary.txt: contains NUL bytes"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("latin1.txt: not valid UTF-8"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("notes.docx"), std::string::npos);
  EXPECT_NE(r.out.find("indexed 1 report (158 paragraphs)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(", 3 rejected in "), std::string::npos) << r.out;
  EXPECT_EQ(run_ofs(db() + " search 'joint interviews'").exit_code, 0);
}

// Wiltshire's three real reports: help and protection was requires improvement
// in 2015 (SIF), good in 2019 and good again in 2023 (ILACS), as their
// judgement tables print.
class CliCorpus : public Cli {};

TEST_F(CliCorpus, SearchByInspectionHistory) {
  OFS_REQUIRE_SHARED_CORPUS();
  const auto indexed =
      run_ofs(db() + " index " + shell_quote((shared_corpus() / "ofsted-pdf" / "80580_wiltshire").string()));
  ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
  const auto published_dates = [&](const std::string& options) {
    const auto r = run_ofs(db() + " search 'management oversight' --limit 500 --format json " + options);
    EXPECT_TRUE(r.err.empty()) << r.err;
    const auto doc = nlohmann::json::parse(r.out);
    std::set<std::string> dates;
    for (const auto& hit : doc["results"]) dates.insert(hit["published"].get<std::string>());
    return dates;
  };
  EXPECT_EQ(published_dates(""), (std::set<std::string>{"2015-09-01", "2019-07-22", "2023-12-12"}));
  EXPECT_EQ(published_dates("--latest"), std::set<std::string>{"2023-12-12"});
  EXPECT_EQ(published_dates("--improved help-and-protection"), std::set<std::string>{"2019-07-22"});
  EXPECT_EQ(published_dates("--since 2019-01-01"), (std::set<std::string>{"2019-07-22", "2023-12-12"}));
  const auto declined = run_ofs(db() + " search 'management oversight' --declined help-and-protection");
  EXPECT_EQ(declined.exit_code, 1);
  EXPECT_NE(declined.out.find("0 paragraphs"), std::string::npos);
  EXPECT_EQ(run_ofs(db() + " search oversight --declined nowhere").exit_code, 2);
}

TEST_F(Cli, CommandLineForgivesWhatUsersType) {
  ASSERT_EQ(index_sample().exit_code, 0);
  // Several words are one query, as in every search box.
  const auto words = run_ofs(db() + " search joint interviews --grade inadequate --format json");
  ASSERT_EQ(words.exit_code, 0) << words.err;
  const auto quoted = run_ofs(db() + " search 'joint interviews' --grade inadequate --format json");
  EXPECT_EQ(words.out, quoted.out);
  EXPECT_GT(nlohmann::json::parse(words.out)["total"].get<int>(), 0);

  const auto typo = run_ofs(db() + " serch police");
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_EQ(typo.err,
            "ofs: unknown command 'serch'; did you mean 'search'? ('ofs --help' lists the commands)\n");
  const auto saved_typo = run_ofs(db() + " saved lst");
  EXPECT_EQ(saved_typo.exit_code, 2);
  EXPECT_NE(saved_typo.err.find("ofs: unknown command 'lst'; did you mean 'list'?"), std::string::npos)
      << saved_typo.err;
  const auto nothing = run_ofs(db());
  EXPECT_EQ(nothing.exit_code, 2);
  EXPECT_NE(nothing.err.find("ofs: give a command: index, search, saved, judgements, reports"),
            std::string::npos)
      << nothing.err;

  const auto version = run_ofs("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out, std::string("ofs ") + OFS_PROJECT_VERSION + "\n");

  // "--" protects a query that starts with '-'; options after it still count.
  const auto dashed = run_ofs(db() + " search -- '-police CAMHS' --limit 0 --format json");
  ASSERT_LE(dashed.exit_code, 1) << dashed.err;
  const auto dashed_doc = nlohmann::json::parse(dashed.out);
  EXPECT_TRUE(dashed_doc["results"].empty()) << "--limit 0 was read as an option";
  const auto reordered = nlohmann::json::parse(run_ofs(db() + " search 'CAMHS -police' --format json").out);
  EXPECT_EQ(dashed_doc["total"], reordered["total"]);
  EXPECT_GT(dashed_doc["total"].get<int>(), 0);

  const auto bad_limit = run_ofs(db() + " search police --limit lots");
  EXPECT_EQ(bad_limit.exit_code, 2);
  EXPECT_EQ(bad_limit.err.rfind("ofs: could not convert: --limit = lots", 0), 0u) << bad_limit.err;
  EXPECT_NE(bad_limit.err.find("; 'ofs search --help' lists the options"), std::string::npos)
      << bad_limit.err;
  EXPECT_EQ(std::count(bad_limit.err.begin(), bad_limit.err.end(), '\n'), 1) << "one line: " << bad_limit.err;
}

TEST_F(Cli, UnknownValuesGetTheSameAnswerInEveryCommand) {
  ASSERT_EQ(index_sample().exit_code, 0);
  const std::string expected = "ofs: unknown authority 'Wiltshre'; did you mean 'Wiltshire'?\n";
  for (const std::string& command :
       std::vector<std::string>{"search police --authority Wiltshre", "search 'authority:Wiltshre police'",
                                "reports --authority Wiltshre", "judgements --authority Wiltshre",
                                "saved --saved-file " + shell_quote((dir_ / "s.toml").string()) +
                                    " add w police --authority Wiltshre"}) {
    const auto r = run_ofs(db() + " " + command);
    EXPECT_EQ(r.exit_code, 2) << command;
    EXPECT_EQ(r.err, expected) << command;
    EXPECT_TRUE(r.out.empty()) << command << ": " << r.out;
  }
  EXPECT_FALSE(std::filesystem::exists(dir_ / "s.toml")) << "nothing saved";
  const auto framework = run_ofs(db() + " judgements --framework sif2");
  EXPECT_EQ(framework.exit_code, 2);
  EXPECT_EQ(framework.err, "ofs: unknown framework 'sif2'; valid values: safeguarding-lac\n");
  const auto area = run_ofs(db() + " search police --declined help-and-protectoin");
  EXPECT_EQ(area.exit_code, 2);
  EXPECT_EQ(area.err, "ofs: unknown area 'help-and-protectoin'; did you mean 'help-and-protection'?\n");
  const auto sort = run_ofs(db() + " search police --sort newest");
  EXPECT_EQ(sort.exit_code, 2);
  EXPECT_EQ(sort.err, "ofs: unknown sort 'newest'; valid values: relevance, date, report\n");
  // A known authority in any spelling the facets accept still works.
  EXPECT_EQ(run_ofs(db() + " reports --authority WILTSHIRE").exit_code, 0);
}

TEST_F(Cli, OffsetNumbersResultsOnFromWhereItStarts) {
  ASSERT_EQ(index_sample().exit_code, 0);
  const auto page = run_ofs(db() + " search safeguarding --offset 10 --limit 2");
  ASSERT_EQ(page.exit_code, 0) << page.err;
  EXPECT_NE(page.out.find("\n11. Wiltshire 2012"), std::string::npos) << page.out;
  EXPECT_NE(page.out.find("\n12. Wiltshire 2012"), std::string::npos) << page.out;
  EXPECT_EQ(page.out.find("\n1. "), std::string::npos) << page.out;
}

// The sample's 158 paragraphs are all from 2012 and Wiltshire; the facet
// table counts them as --format json does.
TEST_F(Cli, CsvCarriesFacetsContextAndAByteOrderMark) {
  ASSERT_EQ(index_sample().exit_code, 0);
  const auto json =
      nlohmann::json::parse(run_ofs(db() + " search safeguarding --facets year,authority --format json").out);
  const auto csv = run_ofs(db() + " search safeguarding --facets year,authority --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const auto count = [&](const char* facet, const char* value) {
    return std::to_string(json["facets"][facet][value].get<int>()) + "," +
           std::to_string(json["facet_reports"][facet][value].get<int>());
  };
  EXPECT_EQ(csv.out, "facet,value,paragraphs,reports\r\nauthority,Wiltshire," +
                         count("authority", "Wiltshire") + "\r\nyear,2012," + count("year", "2012") + "\r\n");
  EXPECT_EQ(json["facets"]["year"]["2012"], 46) << "the 46 paragraphs that mention safeguarding";

  const auto context =
      run_ofs(db() + " search '\"joint interviews\"' --grade inadequate --context 1 --format csv");
  ASSERT_EQ(context.exit_code, 0) << context.err;
  const std::string header = context.out.substr(0, context.out.find("\r\n"));
  EXPECT_NE(header.find(",context_before,context_after"), std::string::npos) << header;
  EXPECT_NE(context.out.find("¶31 Safe recruitment"), std::string::npos) << context.out;

  const std::string bom = "\xEF\xBB\xBF";
  const auto marked = run_ofs(db() + " search CAMHS --format csv --bom");
  EXPECT_EQ(marked.out.rfind(bom + "report,authority,", 0), 0u) << marked.out.substr(0, 40);
  EXPECT_EQ(run_ofs(db() + " search CAMHS --format csv").out.rfind("report,", 0), 0u)
      << "no mark unless asked";
  EXPECT_EQ(run_ofs(db() + " judgements --format csv --bom").out.rfind(bom + "authority,", 0), 0u);
  EXPECT_EQ(run_ofs(db() + " reports --format csv --bom").out.rfind(bom + "id,", 0), 0u);
  EXPECT_EQ(run_ofs(db() + " search CAMHS --format json --bom").out.rfind("{", 0), 0u)
      << "JSON never gets a mark";
}

TEST_F(Cli, IndexingNothingIsAnErrorThatSaysWhy) {
  std::filesystem::create_directories(dir_ / "empty");
  write_file(dir_ / "empty" / "notes.docx", "not a report type");
  const auto empty = run_ofs(db() + " index " + shell_quote((dir_ / "empty").string()));
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("ofs: no report files (.txt, .pdf) found in " + (dir_ / "empty").string()),
            std::string::npos)
      << empty.err;
  const auto mistyped = run_ofs(db() + " index " + shell_quote((dir_ / "reprots").string()));
  EXPECT_EQ(mistyped.exit_code, 2);
  EXPECT_NE(mistyped.err.find((dir_ / "reprots").string()), std::string::npos) << mistyped.err;
  EXPECT_EQ(mistyped.out.find("indexed 0 reports"), std::string::npos) << mistyped.out;
}

// A paragraph whose report names no authority is counted under "(unknown)"
// rather than left out of the authority facet.
TEST_F(Cli, AuthorityFacetCountsParagraphsWithNoAuthority) {
  std::string text = read_file(sample_report());
  for (std::size_t at = 0; (at = text.find("Wiltshire", at)) != std::string::npos;) text.erase(at, 9);
  write_file(dir_ / "reports" / "nameless.txt", text);
  const auto indexed = run_ofs(db() + " index " + shell_quote((dir_ / "reports" / "nameless.txt").string()));
  ASSERT_LE(indexed.exit_code, 0) << indexed.err;
  const auto r = run_ofs(db() + " search safeguarding --facets authority --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  int counted = 0;
  for (const auto& [value, paragraphs] : doc["facets"]["authority"].items()) counted += paragraphs.get<int>();
  EXPECT_EQ(counted, doc["total"].get<int>()) << doc["facets"].dump();
}

// The README's table of shared options is the option table, printed.
TEST(CliOptions, ReadmeListsTheSharedOptionsAsTheCommandsDefineThem) {
  CLI::App app;
  app::GlobalOptions global;
  std::function<int()> action;
  app::add_commands(app, global, action);
  const std::string table = app::shared_options_markdown(app);
  const std::string readme = read_file(source_dir() / "README.md");
  EXPECT_NE(readme.find(table), std::string::npos) << "README.md should hold this table:\n" << table;
  EXPECT_NE(table.find("| `--declined AREA` |"), std::string::npos) << table;
  EXPECT_NE(table.find("search, saved add, saved run, judgements"), std::string::npos) << table;
}

}  // namespace
}  // namespace ofs::test
