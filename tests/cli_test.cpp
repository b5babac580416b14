// The ofs binary as a user runs it: exit codes, bad input, output formats.
#include <algorithm>

#include <set>

#include <nlohmann/json.hpp>

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
  EXPECT_NE(found.out.find("Wiltshire 2012 ¶57 · Safeguarding services › Leadership and management · inadequate"),
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
  for (const char* field : {"report", "authority", "framework", "published", "para", "page", "section", "area",
                            "grade", "grade_text", "agencies", "organisations", "text", "snippet", "score"})
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
  const auto context = run_ofs(db() + " search '\"joint interviews\"' --grade inadequate --context 1 --sort report");
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
  const auto indexed = run_ofs(db() + " index " + shell_quote((shared_corpus() / "ofsted-pdf" / "80580_wiltshire").string()));
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

}  // namespace
}  // namespace ofs::test
