// The judgements table, the reports list and the report-level logic behind
// --latest and --declined: on the sample report, on made-up histories, and
// spot-checked against real reports from the shared corpus.
#include <sstream>

#include <nlohmann/json.hpp>

#include "searcher/reports.h"
#include "test_support.h"

namespace ofs::test {
namespace {

using analyzers::Grade;

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) fields.push_back(std::exchange(field, ""));
    else if (c != '\r') field.push_back(c);
  }
  fields.push_back(field);
  return fields;
}

// CSV text -> rows of column -> value (no line breaks inside fields here).
std::vector<std::map<std::string, std::string>> parse_csv(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  const auto header = split_csv_line(line);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    if (line.empty() || line == "\r") continue;
    const auto fields = split_csv_line(line);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) row[header[i]] = fields[i];
    rows.push_back(row);
  }
  return rows;
}

class JudgementsCli : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string db() const { return "--db " + shell_quote((dir_ / "db").string()); }
  void SetUp() override {
    ASSERT_EQ(run_ofs(db() + " index " + shell_quote(sample_report().string())).exit_code, 0);
  }
};

TEST_F(JudgementsCli, SampleShowsBothOverallJudgementsOfThe2012Report) {
  const auto r = run_ofs(db() + " judgements --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  const auto rows = parse_csv(r.out);
  ASSERT_EQ(rows.size(), 1u);
  const auto& row = rows[0];
  // The record of main findings: safeguarding services overall inadequate,
  // services for looked after children overall adequate.
  EXPECT_EQ(row.at("authority"), "Wiltshire");
  EXPECT_EQ(row.at("framework"), "safeguarding-lac");
  EXPECT_EQ(row.at("inspection_start"), "2012-03-05");
  EXPECT_EQ(row.at("inspection_end"), "2012-03-16");
  EXPECT_EQ(row.at("published"), "2012-04-24");
  EXPECT_NE(row.at("lead_inspector").find("Lynne Staines"), std::string::npos);
  EXPECT_EQ(row.at("overall"), "inadequate");
  EXPECT_EQ(row.at("overall (looked after children)"), "adequate");
  EXPECT_EQ(row.at("capacity"), "adequate");
  EXPECT_EQ(row.at("capacity (looked after children)"), "good");
  EXPECT_EQ(row.at("leadership"), "inadequate")
      << "'Leadership and management', not 'Ambition and prioritisation'";
}

TEST_F(JudgementsCli, JsonAndTextSayTheSame) {
  auto r = run_ofs(db() + " judgements --format json --history");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc.size(), 1u);
  EXPECT_EQ(doc[0]["judgements"]["overall"], "inadequate");
  EXPECT_EQ(doc[0]["judgements"]["overall (looked after children)"], "adequate");
  EXPECT_TRUE(doc[0]["previous"]["overall"].is_null()) << "no earlier Wiltshire report";
  EXPECT_EQ(doc[0]["all_judgements"].size(), 22u) << "the 22 graded rows of the record of main findings";
  r = run_ofs(db() + " judgements");
  EXPECT_NE(r.out.find("  overall: inadequate\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  overall (looked after children): adequate\n"), std::string::npos) << r.out;
  const auto unknown = run_ofs(db() + " judgements --authority Swindon");
  EXPECT_EQ(unknown.exit_code, 2) << "an authority no report has is a slip to point out, not an empty table";
  EXPECT_EQ(unknown.err, "ofs: unknown authority 'Swindon'; valid values: Wiltshire\n");
  EXPECT_EQ(run_ofs(db() + " judgements --authority wiltshire --framework safeguarding-lac").exit_code, 0);
  EXPECT_EQ(run_ofs(db() + " judgements --declined helpandprotection").exit_code, 2);
}

TEST_F(JudgementsCli, ReportsListsParagraphCounts) {
  const auto r = run_ofs(db() + " reports --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc.size(), 1u);
  EXPECT_EQ(doc[0]["authority"], "Wiltshire");
  EXPECT_EQ(doc[0]["paragraphs"], 158);
  EXPECT_TRUE(doc[0]["warnings"].is_array());
  const auto csv = parse_csv(run_ofs(db() + " reports --format csv").out);
  ASSERT_EQ(csv.size(), 1u);
  EXPECT_EQ(csv[0].at("paragraphs"), "158");
  EXPECT_EQ(run_ofs("--db " + shell_quote((dir_ / "none").string()) + " reports").exit_code, 2);
}

// --- Report history, on made-up catalogues -----------------------------------

searcher::CatalogueEntry report(const std::string& id, const std::string& authority,
                                const std::string& published,
                                std::vector<std::pair<std::string, Grade>> grades) {
  searcher::CatalogueEntry entry;
  entry.meta.id = id;
  entry.meta.authority = authority;
  entry.meta.published = published;
  for (const auto& [area, grade] : grades) {
    schema::Judgement j;
    j.area = area;
    j.name = area;
    j.grade = grade;
    entry.meta.judgements.push_back(j);
  }
  return entry;
}

searcher::Catalogue history() {
  return {
      report("a1", "Avon", "2014-01-01", {{"overall", Grade::Good}, {"help-and-protection", Grade::Good}}),
      report("a2", "Avon", "2019-01-01",
             {{"overall", Grade::RequiresImprovement}, {"help-and-protection", Grade::Inadequate}}),
      report("a3", "Avon", "2026-07-01",
             {{"help-and-protection", Grade::Inadequate}}),  // reformed: no overall
      report("b1", "Bath", "2013-01-01",
             {{"overall", Grade::Adequate}, {"help-and-protection", Grade::Inadequate}}),
      report("b2", "Bath", "2018-01-01",
             {{"overall", Grade::RequiresImprovement}, {"help-and-protection", Grade::Good}})};
}

TEST(ReportHistory, GradesCompareOnTheFourPointScale) {
  EXPECT_EQ(searcher::compare_grades(Grade::Good, Grade::Inadequate), searcher::GradeChange::Declined);
  EXPECT_EQ(searcher::compare_grades(Grade::Inadequate, Grade::Outstanding), searcher::GradeChange::Improved);
  EXPECT_EQ(searcher::compare_grades(Grade::Adequate, Grade::RequiresImprovement),
            searcher::GradeChange::Same);
  EXPECT_FALSE(searcher::compare_grades(Grade::None, Grade::Good).has_value());
}

TEST(ReportHistory, LatestAndChangesPerAuthority) {
  const auto catalogue = history();
  std::vector<std::string> latest;
  for (const auto* e : searcher::latest_reports(catalogue)) latest.push_back(e->meta.id);
  EXPECT_EQ(latest, (std::vector<std::string>{"a3", "b2"}));

  const auto& a3 = catalogue[2];
  EXPECT_FALSE(searcher::judgement_change(catalogue, a3, "overall").has_value())
      << "not given is not guessed";
  EXPECT_EQ(searcher::previous_judgement(catalogue, a3, "overall")->report->meta.id, "a2");
  EXPECT_EQ(searcher::judgement_change(catalogue, a3, "help-and-protection"), searcher::GradeChange::Same);
  EXPECT_EQ(searcher::judgement_change(catalogue, catalogue[1], "help-and-protection"),
            searcher::GradeChange::Declined);

  searcher::ReportScope declined;
  declined.declined = {"help-and-protection"};
  EXPECT_EQ(searcher::scoped_report_ids(catalogue, declined), (std::vector<std::string>{"a2"}));
  declined.latest = true;
  EXPECT_EQ(searcher::scoped_report_ids(catalogue, declined), std::vector<std::string>{})
      << "no authority's latest report declined";
  searcher::ReportScope improved;
  improved.latest = true;
  improved.improved = {"help-and-protection"};
  EXPECT_EQ(searcher::scoped_report_ids(catalogue, improved), (std::vector<std::string>{"b2"}));
  searcher::ReportScope since;
  since.since = "2019-01-01";
  EXPECT_EQ(searcher::scoped_report_ids(catalogue, since), (std::vector<std::string>{"a2", "a3"}));
  EXPECT_FALSE(searcher::scoped_report_ids(catalogue, {}).has_value()) << "no scope: every report";
  since.since = "2019-13-01";
  EXPECT_THROW(searcher::scoped_report_ids(catalogue, since), std::invalid_argument);
}

// --- Real reports ----------------------------------------------------------------

// Spot checks read from each report's own judgement table (not from the
// peer extraction in third-party-judgements.csv, which is known to err).
TEST(JudgementsSharedCorpus, RowsMatchTheReports) {
  OFS_REQUIRE_SHARED_CORPUS();
  TempDir dir;
  const auto pdfs = shared_corpus() / "ofsted-pdf";
  const std::string files =
      shell_quote((pdfs / "2532283_dorset" / "children's services inspection - 09 may 2025.pdf").string()) +
      " " +
      shell_quote(
          (pdfs / "2733690_cumberland" / "children's services inspection - 26 november 2024.pdf").string()) +
      " " +
      shell_quote(
          (pdfs / "2637539_north northamptonshire" / "children's services inspection - 07 july 2026.pdf")
              .string());
  const std::string db = "--db " + shell_quote((dir / "db").string());
  const auto indexed = run_ofs(db + " index " + files);
  ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
  const auto r = run_ofs(db + " judgements --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::map<std::string, std::string>> by_authority;
  for (const auto& row : parse_csv(r.out)) by_authority[row.at("authority")] = row;
  ASSERT_EQ(by_authority.size(), 3u) << r.out;

  const auto& dorset = by_authority["Dorset"];  // ILACS short inspection, March 2025
  EXPECT_EQ(dorset.at("framework"), "ilacs");
  EXPECT_EQ(dorset.at("published"), "2025-05-09");
  EXPECT_EQ(dorset.at("overall"), "outstanding");
  EXPECT_EQ(dorset.at("help-and-protection"), "outstanding");
  EXPECT_EQ(dorset.at("care-leavers"), "good");

  const auto& cumberland = by_authority["Cumberland"];
  EXPECT_EQ(cumberland.at("inspection_start"), "2024-10-07");
  EXPECT_EQ(cumberland.at("overall"), "good");
  EXPECT_EQ(cumberland.at("help-and-protection"), "requires-improvement");

  const auto& northants = by_authority["North Northamptonshire"];  // reformed framework: no overall judgement
  EXPECT_EQ(northants.at("framework"), "reform-2026");
  EXPECT_EQ(northants.at("overall"), "");
  EXPECT_EQ(northants.at("leadership"), "outstanding");
  EXPECT_EQ(northants.at("help-and-protection"), "good");
}

}  // namespace
}  // namespace ofs::test
