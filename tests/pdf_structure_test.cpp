// Real Ofsted PDFs of every framework, structured into tagged paragraphs.
// Every expectation was checked against the report's text.
#include <algorithm>

#include <set>

#include "indexer/indexer.h"
#include "searcher/search.h"
#include "test_support.h"

namespace ofs::indexer {
namespace {

using analyzers::Grade;
namespace fs = std::filesystem;

fs::path corpus_pdf(const std::string& folder, const std::string& file) {
  return test::shared_corpus() / "ofsted-pdf" / folder / file;
}

class RealReportsCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { tables_ = new Tables(Tables::load(test::data_dir())); }
  static void TearDownTestSuite() { delete tables_; }

  static Report read(const fs::path& file) {
    auto outcome = read_report(file, *tables_);
    if (!outcome.report) throw std::runtime_error(file.string() + ": " + outcome.outcome.reason);
    return std::move(*outcome.report);
  }

  static const Paragraph& numbered(const Report& r, int number) {
    auto it = std::find_if(r.paragraphs.begin(), r.paragraphs.end(),
                           [&](const Paragraph& p) { return p.number == number; });
    if (it == r.paragraphs.end()) throw std::runtime_error("no paragraph " + std::to_string(number));
    return *it;
  }

  // The first paragraph starting with `prefix` (on `page`, when given).
  static const Paragraph& starting(const Report& r, const std::string& prefix, int page = 0) {
    auto it = std::find_if(r.paragraphs.begin(), r.paragraphs.end(), [&](const Paragraph& p) {
      return p.text.starts_with(prefix) && (page == 0 || p.page == page);
    });
    if (it == r.paragraphs.end()) throw std::runtime_error("no paragraph starting " + prefix);
    return *it;
  }

  static Grade judgement(const Report& r, const std::string& area) {
    for (const auto& j : r.meta.judgements)
      if (j.area == area) return j.grade;
    return Grade::None;
  }

  static bool has_judgement(const Report& r, const std::string& area) {
    return std::any_of(r.meta.judgements.begin(), r.meta.judgements.end(),
                       [&](const Judgement& j) { return j.area == area; });
  }

  static Tables* tables_;
};

Tables* RealReportsCorpus::tables_ = nullptr;

// Merton 2017, paragraph 86 starts at the foot of PDF page 29 ("86. Annual
// turnover of social workers is approximately 25%…") and goes on at the top
// of page 30 ("caseloads and smaller teams with tighter management
// oversight. Students…").
TEST_F(RealReportsCorpus, AParagraphOverAPageBreakKnowsWhereEachPageStarts) {
  const auto file = corpus_pdf("80510_merton", "children's services inspection - 25 august 2017.pdf");
  OFS_REQUIRE_CORPUS_PATH(file);
  const Report report = read(file);
  const Paragraph& p = numbered(report, 86);
  EXPECT_TRUE(p.text.starts_with("Annual turnover of social workers is approximately 25%")) << p.text;
  EXPECT_EQ(p.page, 29);
  EXPECT_EQ(p.page_end, 30);
  ASSERT_EQ(p.page_starts.size(), 1u);
  EXPECT_EQ(schema::page_at(p.page, p.page_starts, p.text.find("Annual turnover")), 29);
  EXPECT_EQ(schema::page_at(p.page, p.page_starts, p.text.find("management oversight")), 30);
  EXPECT_EQ(p.text.substr(p.page_starts[0].offset, 9), "caseloads") << "page 30 starts with its first word";
  std::size_t over_a_break = 0;
  for (const auto& q : report.paragraphs) {
    EXPECT_GE(q.page_end, q.page) << q.text;
    if (q.page_end > q.page) ++over_a_break;
  }
  EXPECT_GT(over_a_break, 5u) << "a 40-page report has more than a few paragraphs over a page break";
}

TEST_F(RealReportsCorpus, IlacsCumberland2024) {
  OFS_REQUIRE_SHARED_CORPUS();
  const auto r =
      read(corpus_pdf("2733690_cumberland", "children's services inspection - 26 november 2024.pdf"));
  EXPECT_EQ(r.meta.framework, "ilacs");
  // The judgement table on page 1.
  EXPECT_EQ(judgement(r, "leadership"), Grade::Good);
  EXPECT_EQ(judgement(r, "help-and-protection"), Grade::RequiresImprovement);
  EXPECT_EQ(judgement(r, "children-in-care"), Grade::Good);
  EXPECT_EQ(judgement(r, "care-leavers"), Grade::Good);
  EXPECT_EQ(judgement(r, "overall"), Grade::Good);
  // The unheaded summary under the table is governed by overall effectiveness.
  const auto& summary = starting(r, "This was the first inspection of Cumberland");
  EXPECT_EQ(summary.area, "overall");
  EXPECT_EQ(summary.grade, Grade::Good);
  EXPECT_EQ(summary.page, 1);
  // Paragraph 5 runs from page 2 onto page 3, past the running header.
  const auto& p5 = numbered(r, 5);
  EXPECT_EQ(p5.page, 2);
  EXPECT_EQ(p5.section, std::vector<std::string>{"The experiences and progress of children who need help and "
                                                 "protection: requires improvement to be good"})
      << "the heading whole, as printed, its grade clause included";
  EXPECT_EQ(p5.page_end, 3);
  EXPECT_EQ(p5.grade, Grade::RequiresImprovement);
  EXPECT_EQ(p5.grade_text, "requires improvement to be good");
  EXPECT_NE(p5.text.find("recognise the presenting risks and, for some children, plans are adult-focused"),
            std::string::npos);
  for (const auto& p : r.paragraphs)
    EXPECT_EQ(p.text.find("Inspection of Cumberland local authority"), std::string::npos);
  // "What needs to improve?" bullets: one document each, no grade.
  const auto& homeless = starting(r, "The support for 16- and 17-year-olds who present as homeless.");
  EXPECT_EQ(homeless.item, 3);
  EXPECT_EQ(homeless.area, "recommendations");
  EXPECT_EQ(homeless.grade, Grade::None);
  EXPECT_EQ(numbered(r, 26).section,
            std::vector<std::string>{"The experiences and progress of children in care: good"});
  EXPECT_EQ(numbered(r, 26).grade, Grade::Good);
}

TEST_F(RealReportsCorpus, SifBedford2017WithItsLscbReview) {
  OFS_REQUIRE_SHARED_CORPUS();
  const auto r = read(corpus_pdf("80428_bedford", "children's services inspection - 07 april 2017.pdf"));
  EXPECT_EQ(r.meta.framework, "sif");
  // Cover: "Children's services in Bedford Borough require improvement to be good" and the table.
  EXPECT_EQ(judgement(r, "overall"), Grade::RequiresImprovement);
  EXPECT_EQ(judgement(r, "help-and-protection"), Grade::RequiresImprovement);
  EXPECT_EQ(judgement(r, "children-in-care"), Grade::RequiresImprovement);
  EXPECT_EQ(judgement(r, "adoption"), Grade::Good);
  EXPECT_EQ(judgement(r, "care-leavers"), Grade::Good);
  EXPECT_EQ(judgement(r, "leadership"), Grade::RequiresImprovement);
  EXPECT_EQ(judgement(r, "lscb"), Grade::Good);  // "The Local Safeguarding Children Board is good"
  const auto& p11 = numbered(r, 11);
  EXPECT_EQ(p11.page, 10);
  EXPECT_EQ(p11.section,
            (std::vector<std::string>{"The local authority",
                                      "The experiences and progress of children who need help and protection",
                                      "Inspection findings"}));
  EXPECT_EQ(p11.area, "help-and-protection");
  EXPECT_EQ(p11.grade, Grade::RequiresImprovement);
  EXPECT_TRUE(p11.text.starts_with("The local authority's focus on developing an early help offer"))
      << p11.text;
  // The executive summary opens the report under the overall judgement.
  const auto& exec = starting(r, "Children's services in Bedford Borough require improvement to be good.");
  EXPECT_EQ(exec.section, std::vector<std::string>{"Executive summary"});
  EXPECT_EQ(exec.area, "overall");
  // The adoption judgement is a sentence heading inside the children looked after section.
  const auto& adoption = starting(r, "Services for children requiring adoption are good.");
  EXPECT_EQ(adoption.area, "overall");  // that one is in the executive summary
  bool saw_adoption_section = false, saw_lscb = false;
  for (const auto& p : r.paragraphs) {
    if (p.area == "adoption") {
      saw_adoption_section = true;
      EXPECT_EQ(p.grade, Grade::Good);
      EXPECT_EQ(p.section.back(), "The graded judgement for adoption performance is that it is good");
    }
    if (p.area == "lscb") {
      saw_lscb = true;
      EXPECT_EQ(p.section.front(), "The Local Safeguarding Children Board (LSCB)");
      EXPECT_EQ(p.grade, Grade::Good);
    }
    EXPECT_EQ(p.text.find("Contents"), std::string::npos);
  }
  EXPECT_TRUE(saw_adoption_section);
  EXPECT_TRUE(saw_lscb);
}

TEST_F(RealReportsCorpus, Reformed2026ReportHasNoOverallJudgement) {
  OFS_REQUIRE_SHARED_CORPUS();
  const auto r =
      read(corpus_pdf("2637539_north northamptonshire", "children's services inspection - 07 july 2026.pdf"));
  EXPECT_EQ(r.meta.framework, "reform-2026");
  EXPECT_FALSE(has_judgement(r, "overall"));
  EXPECT_EQ(judgement(r, "leadership"), Grade::Outstanding);
  EXPECT_EQ(judgement(r, "help-and-protection"), Grade::Good);
  // Its summary is still about the whole service, but carries no grade.
  const auto& summary =
      starting(r, "The experiences of children, young people and families in North Northamptonshire");
  EXPECT_EQ(summary.area, "overall");
  EXPECT_EQ(summary.grade, Grade::None);
  EXPECT_EQ(numbered(r, 1).area, "help-and-protection");
  EXPECT_EQ(numbered(r, 1).grade, Grade::Good);
}

TEST_F(RealReportsCorpus, LookedAfterChildren2013KentAndItsRecordOfFindings) {
  OFS_REQUIRE_SHARED_CORPUS();
  const auto r = read(corpus_pdf("80476_kent", "children's services inspection,  pdf - 23 august 2013.pdf"));
  EXPECT_EQ(r.meta.framework, "safeguarding-lac");
  EXPECT_EQ(judgement(r, "overall"), Grade::Adequate);
  EXPECT_EQ(judgement(r, "capacity"), Grade::Good);
  EXPECT_EQ(judgement(r, "leadership"), Grade::Adequate);
  const auto& p11 = numbered(r, 11);
  EXPECT_EQ(p11.page, 6);
  EXPECT_EQ(p11.area, "overall");
  EXPECT_EQ(p11.grade, Grade::Adequate);
  EXPECT_EQ(p11.grade_text, "Grade 3 (Adequate)");
  EXPECT_TRUE(
      p11.text.starts_with("The overall effectiveness of services for looked after children and young people "
                           "in Kent is adequate."));
  // The grade-scale table is not body text.
  for (const auto& p : r.paragraphs)
    EXPECT_EQ(p.text.find("A service that only meets minimum requirements"), std::string::npos);
}

// Layouts where type sizes or wording mislead; each was checked in the PDF.
TEST_F(RealReportsCorpus, SifJudgementHeadingSetSmallerThanItsSubHeadings) {
  OFS_REQUIRE_SHARED_CORPUS();
  // Leicestershire 2017 sets "The experiences and progress of children who
  // need help and protection" in the same type as "Summary" and smaller than
  // "Inspection findings".
  const auto r =
      read(corpus_pdf("80483_leicestershire", "children's services inspection - 13 february 2017.pdf"));
  // The executive summary (page 2) opens with the same sentence.
  const auto& p =
      starting(r, "Children who are at risk of significant harm are identified and protected", 11);
  EXPECT_EQ(p.section,
            (std::vector<std::string>{"The local authority",
                                      "The experiences and progress of children who need help and protection",
                                      "Summary"}));
  EXPECT_EQ(p.area, "help-and-protection");
  EXPECT_EQ(p.grade, Grade::RequiresImprovement);
}

TEST_F(RealReportsCorpus, Sif2014LayoutWithSectionsAndAnLscbVerdict) {
  OFS_REQUIRE_SHARED_CORPUS();
  const auto essex = read(corpus_pdf("80468_essex", "children's services inspection - 21 march 2014.pdf"));
  EXPECT_EQ(judgement(essex, "overall"), Grade::Good);              // "The overall judgement is good"
  EXPECT_EQ(judgement(essex, "lscb"), Grade::RequiresImprovement);  // "…(LSCB) requires" / "improvement"
  const auto& p24 = numbered(essex, 24);                            // under "…help and protection are good"
  EXPECT_EQ(p24.page, 10);
  EXPECT_EQ(p24.area, "help-and-protection");
  EXPECT_EQ(p24.grade, Grade::Good);
  EXPECT_EQ(p24.section.back(),
            "The experiences and progress of children who need help and protection are good");

  const auto rotherham =
      read(corpus_pdf("80543_rotherham", "children's services inspection - 19 november 2014.pdf"));
  EXPECT_EQ(judgement(rotherham, "overall"), Grade::Inadequate);
  const auto& lscb =
      starting(rotherham, "The arrangements in place to evaluate the effectiveness of what is done");
  EXPECT_EQ(lscb.page, 39);
  EXPECT_EQ(lscb.area, "lscb");
  EXPECT_EQ(lscb.grade, Grade::Inadequate);  // "The Local Safeguarding Children Board is inadequate"
  const auto& first = numbered(rotherham, 1);
  EXPECT_EQ(first.text, "Secure effective leadership across children's services.");
  EXPECT_EQ(first.area, "recommendations");
  EXPECT_EQ(first.grade, Grade::None);
}

TEST_F(RealReportsCorpus, IlacsHeadingsWithVerbsAndFullStops) {
  OFS_REQUIRE_SHARED_CORPUS();
  // "The impact of leaders … families: requires improvement to be good." (Hull 2019)
  const auto hull =
      read(corpus_pdf("80477_kingston upon hull", "children's services inspection - 17 may 2019.pdf"));
  EXPECT_EQ(
      numbered(hull, 37).section,
      std::vector<std::string>{"The impact of leaders on social work practice with children and families: "
                               "requires improvement to be good"})
      << "the full stop goes, the grade clause stays";
  EXPECT_EQ(numbered(hull, 37).area, "leadership");
  EXPECT_EQ(numbered(hull, 37).grade, Grade::RequiresImprovement);
  // "The experiences and progress of children in care and care leavers are: inadequate" (Devon 2020)
  const auto devon = read(corpus_pdf("80461_devon", "children's services inspection - 17 march 2020.pdf"));
  EXPECT_EQ(numbered(devon, 18).section,
            std::vector<std::string>{
                "The experiences and progress of children in care and care leavers are: inadequate"});
  EXPECT_EQ(numbered(devon, 18).area, "children-in-care");
  EXPECT_EQ(numbered(devon, 18).grade, Grade::Inadequate);
  // Bradford 2026's judgement table prints "The experiences and progress of children care leavers".
  const auto bradford =
      read(corpus_pdf("80449_bradford", "children's services inspection - 21 may 2026.pdf"));
  EXPECT_EQ(judgement(bradford, "care-leavers"), Grade::Good);
  EXPECT_EQ(numbered(bradford, 38).area, "care-leavers");
}

TEST_F(RealReportsCorpus, EveryFrameworkReportHasItsJudgements) {
  OFS_REQUIRE_SHARED_CORPUS();
  const std::map<std::string, std::vector<std::string>> expected = {
      {"ilacs", {"overall", "leadership", "help-and-protection", "children-in-care"}},
      {"sif",
       {"overall", "leadership", "help-and-protection", "children-in-care", "adoption", "care-leavers"}},
      {"reform-2026", {"leadership", "help-and-protection", "children-in-care", "care-leavers"}},
      {"safeguarding-lac", {"overall"}}};
  int reports = 0;
  for (const auto& file : collect_inputs({test::shared_corpus() / "ofsted-pdf"}).files) {
    auto outcome = read_report(file, *tables_);
    if (!outcome.report) continue;
    ++reports;
    const auto& meta = outcome.report->meta;
    ASSERT_TRUE(expected.count(meta.framework)) << file << ": framework " << meta.framework;
    for (const auto& area : expected.at(meta.framework))
      EXPECT_TRUE(has_judgement(*outcome.report, area)) << file << ": " << area;
    if (meta.framework == "reform-2026") {
      EXPECT_FALSE(has_judgement(*outcome.report, "overall")) << file;
    }
  }
  EXPECT_EQ(reports, 128);
}

TEST_F(RealReportsCorpus, WholeCorpusIndexesWithOnlyTheHtmlPagesRejected) {
  OFS_REQUIRE_SHARED_CORPUS();
  test::TempDir dir;
  std::vector<FileOutcome> rejected;
  const auto summary = index_paths(dir / "db", {test::shared_corpus() / "ofsted-pdf"}, *tables_,
                                   [&](const FileOutcome& o, std::size_t, std::size_t) {
                                     if (o.status == FileOutcome::Status::Rejected) rejected.push_back(o);
                                   });
  EXPECT_EQ(summary.files_indexed, 128);
  ASSERT_EQ(rejected.size(), 2u);
  for (const auto& r : rejected) EXPECT_EQ(r.reason, "not a PDF (looks like an HTML page)") << r.file;
  EXPECT_NE(rejected[0].file.string().find("birmingham"), std::string::npos);
  EXPECT_NE(rejected[1].file.string().find("blackpool"), std::string::npos);

  // Grouped by report, totals are exact even when only one group is shown.
  const searcher::Searcher searcher(dir / "db");
  searcher::SearchRequest request;
  request.query = "\"management oversight\"";
  request.limit = 1000;
  const auto paragraphs = searcher.search(request);
  std::set<std::string> reports;
  for (const auto& hit : paragraphs.hits) reports.insert(hit.report->path);
  request.group_by_report = true;
  request.limit = 1;
  const auto grouped = searcher.search(request);
  EXPECT_TRUE(grouped.total_exact);
  EXPECT_EQ(grouped.total, reports.size());
  ASSERT_EQ(grouped.hits.size(), 1u);
  const auto& best_report = grouped.hits[0].report->path;
  const auto hits_in_best =
      std::count_if(paragraphs.hits.begin(), paragraphs.hits.end(),
                    [&](const searcher::Hit& h) { return h.report->path == best_report; });
  EXPECT_EQ(grouped.hits[0].report_hits, static_cast<std::size_t>(hits_in_best));
}

}  // namespace
}  // namespace ofs::indexer
