// The sample report (Wiltshire 2012) split into tagged paragraphs.  Every
// expectation here was checked against the report text in corpus/.
#include <algorithm>

#include "indexer/structure.h"
#include "indexer/text_reader.h"
#include "test_support.h"

namespace ofs::indexer {
namespace {

using analyzers::Grade;

class WiltshireReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tables_ = new Tables(Tables::load(test::data_dir()));
    const auto read = read_text_file(test::sample_report());
    ASSERT_FALSE(read.error) << *read.error;
    report_ = new Report(build_report(read, test::sample_report(), *tables_));
  }
  static void TearDownTestSuite() {
    delete report_;
    delete tables_;
  }

  static const Paragraph& para(int number) {
    const auto& ps = report_->paragraphs;
    auto it = std::find_if(ps.begin(), ps.end(), [&](const Paragraph& p) { return p.number == number; });
    if (it == ps.end()) throw std::runtime_error("no paragraph " + std::to_string(number));
    return *it;
  }

  static std::vector<const Paragraph*> bullets_under(const std::string& service, const std::string& heading) {
    std::vector<const Paragraph*> out;
    for (const auto& p : report_->paragraphs)
      if (p.item > 0 && !p.section.empty() && p.section.front() == service && p.section.back() == heading)
        out.push_back(&p);
    return out;
  }

  static bool has(const std::vector<std::string>& values, const std::string& v) {
    return std::find(values.begin(), values.end(), v) != values.end();
  }

  static Tables* tables_;
  static Report* report_;
};

Tables* WiltshireReport::tables_ = nullptr;
Report* WiltshireReport::report_ = nullptr;

TEST_F(WiltshireReport, EveryNumberedParagraphIsExactlyOneDocumentInOrder) {
  std::vector<int> numbers;
  for (const auto& p : report_->paragraphs)
    if (p.number) numbers.push_back(p.number);
  ASSERT_EQ(numbers.size(), 133u);
  for (int i = 0; i < 133; ++i) EXPECT_EQ(numbers[i], i + 1);
}

TEST_F(WiltshireReport, ParagraphCutByPageBreakIsRejoined) {
  const auto& p18 = para(18);
  EXPECT_NE(p18.text.find("to have a real, rather than tokenistic, role in service planning"),
            std::string::npos);
  EXPECT_TRUE(p18.text.ends_with("'we are walking the journey together'."));
  EXPECT_NE(para(14).text.find("there is now a dedicated CAMHS out of hours service"), std::string::npos);
  // A continuation that starts with a capital letter ("Your Mind' as part…").
  EXPECT_NE(para(53).text.find("Your Mind' as part of their work"), std::string::npos);
  // Text carries no paragraph number of its own.
  EXPECT_TRUE(p18.text.starts_with("The views of children and young people"));
}

TEST_F(WiltshireReport, FrontMatterContentsAndTablesAreNotBodyParagraphs) {
  for (const auto& p : report_->paragraphs) {
    EXPECT_EQ(p.text.find("Inspection dates"), std::string::npos) << p.text;
    EXPECT_EQ(p.text.find("Crown copyright"), std::string::npos) << p.text;
    EXPECT_EQ(p.text.find("A service that significantly exceeds"), std::string::npos) << p.text;
    EXPECT_EQ(p.text.find("Equality and diversity"), std::string::npos) << p.text;
  }
  EXPECT_TRUE(report_->paragraphs.front().text.starts_with("The purpose of the inspection"));
  EXPECT_EQ(report_->paragraphs.back().number, 133);
}

TEST_F(WiltshireReport, GradeOnItsOwnLineGovernsTheSection) {
  const auto& p12 = para(12);
  EXPECT_EQ(p12.section, (std::vector<std::string>{"Safeguarding services", "Overall effectiveness"}));
  EXPECT_EQ(p12.grade, Grade::Inadequate);
  EXPECT_EQ(p12.grade_text, "Grade 4 (Inadequate)");
  EXPECT_EQ(p12.area, "overall");
  EXPECT_EQ(para(19).grade, Grade::Adequate);  // Capacity for improvement: Grade 3 (Adequate)
  EXPECT_EQ(para(19).area, "capacity");
  EXPECT_EQ(para(74).grade, Grade::Good);  // LAC capacity: "Grade 2 (good)"
  EXPECT_EQ(para(74).grade_text, "Grade 2 (good)");
}

TEST_F(WiltshireReport, GradeOnTheHeadingLineInEveryForm) {
  // "Leadership and management Grade 4 (Inadequate)"
  const auto& p57 = para(57);
  EXPECT_EQ(p57.section, (std::vector<std::string>{"Safeguarding services", "Leadership and management"}));
  EXPECT_EQ(p57.grade, Grade::Inadequate);
  EXPECT_EQ(p57.area, "leadership");
  // "The contribution of health agencies … **Grade 3 (Adequate)**"
  EXPECT_EQ(para(43).grade, Grade::Adequate);
  EXPECT_EQ(para(43).area, "health");
  EXPECT_EQ(para(43).section.back(),
            "The contribution of health agencies to keeping children and young people safe");
  // "Staying safe**Grade 3 (Adequate)**"
  EXPECT_EQ(para(86).section.back(), "Staying safe");
  EXPECT_EQ(para(86).grade, Grade::Adequate);
  // "Making a positive contribution, including user engagement" / "Grade 1 (outstanding)"
  EXPECT_EQ(para(102).grade, Grade::Outstanding);
  EXPECT_EQ(para(102).section.back(), "Making a positive contribution, including user engagement");
  // "Economic well-being**Grade 2 (good)**"
  EXPECT_EQ(para(109).grade, Grade::Good);
  EXPECT_EQ(para(109).area, "care-leavers");
}

TEST_F(WiltshireReport, GradeScopeEndsAtNextHeadingOfSameLevel) {
  // "Safeguarding outcomes…" carries no grade; its sub-heading does.
  EXPECT_EQ(para(24).section, (std::vector<std::string>{"Safeguarding services",
                                                        "Safeguarding outcomes for children and young people",
                                                        "Children and young people are safe and feel safe"}));
  EXPECT_EQ(para(24).grade, Grade::Inadequate);
  // Quality of provision is judged per service.
  EXPECT_EQ(para(32).area, "safeguarding");
  EXPECT_EQ(para(117).area, "looked-after-children");
  EXPECT_EQ(para(117).grade, Grade::Adequate);
}

TEST_F(WiltshireReport, ContextAndRecommendationsCarryNoGrade) {
  EXPECT_EQ(para(4).area, "context");
  EXPECT_EQ(para(4).grade, Grade::None);
  EXPECT_EQ(para(23).area, "recommendations");
  EXPECT_EQ(para(23).grade, Grade::None);
  EXPECT_EQ(para(77).area, "recommendations");
}

TEST_F(WiltshireReport, RecommendationBulletsAreOneDocumentEachUnderTheirHeading) {
  const auto now = bullets_under("Safeguarding services", "Immediately");
  ASSERT_EQ(now.size(), 7u);
  EXPECT_TRUE(now[5]->text.starts_with("Wiltshire Council and Wiltshire Constabulary to review procedures"));
  EXPECT_EQ(now[5]->item, 6);
  EXPECT_EQ(now[5]->number, 0);
  EXPECT_EQ(now[5]->area, "recommendations");
  EXPECT_EQ(now[5]->grade, Grade::None);
  const auto later = bullets_under("Safeguarding services", "Within three months");
  ASSERT_EQ(later.size(), 8u);
  // The last bullet is cut by a page break ("…staff in adult services" / "receive…").
  EXPECT_NE(later[7]->text.find("staff in adult services receive children's safeguarding training"),
            std::string::npos);
  EXPECT_EQ(bullets_under("Services for looked after children", "Immediately").size(), 3u);
  EXPECT_EQ(bullets_under("Services for looked after children", "Within three months").size(), 7u);
}

TEST_F(WiltshireReport, BulletsIntroducedByAParagraphStayInIt) {
  const auto& p2 = para(2);
  EXPECT_TRUE(p2.text.starts_with("The evidence evaluated by inspectors included:"));
  EXPECT_NE(p2.text.find("\n- a review of 92 case files"), std::string::npos);
  EXPECT_NE(p2.text.find("Oxford Health NHS Foundation Trust."), std::string::npos);
}

TEST_F(WiltshireReport, AgenciesAndOrganisationsNamed) {
  const auto& p57 = para(57);
  EXPECT_TRUE(has(p57.agencies, "police"));
  EXPECT_TRUE(has(p57.agencies, "safeguarding-board"));  // "the WSCB"
  // "children's social care" and "the Children's Trust" are not the council as a body.
  EXPECT_FALSE(has(p57.agencies, "council"));
  const auto& p47 = para(47);
  EXPECT_TRUE(has(p47.agencies, "camhs"));
  EXPECT_TRUE(has(p47.organisations, "Oxford Health NHS Foundation Trust"));
  const auto now = bullets_under("Safeguarding services", "Immediately");
  EXPECT_TRUE(has(now[5]->organisations, "Wiltshire Constabulary"));
}

TEST_F(WiltshireReport, ReportMetadata) {
  const auto& m = report_->meta;
  EXPECT_EQ(m.authority, "Wiltshire");
  EXPECT_EQ(m.framework, "safeguarding-lac");
  EXPECT_EQ(m.inspection_start, "2012-03-05");
  EXPECT_EQ(m.inspection_end, "2012-03-16");
  EXPECT_EQ(m.published, "2012-04-24");
  EXPECT_EQ(m.published_source, "report");
  EXPECT_EQ(m.lead_inspector, "Lynne Staines");
  EXPECT_TRUE(m.warnings.empty()) << m.warnings.front();
}

TEST_F(WiltshireReport, RecordOfMainFindingsIsReadAsJudgements) {
  const auto& js = report_->meta.judgements;
  ASSERT_EQ(js.size(), 22u);  // the last row, Equality and diversity, has no newline
  EXPECT_EQ(js[0].service, "Safeguarding services");
  EXPECT_EQ(js[0].name, "Overall effectiveness");
  EXPECT_EQ(js[0].grade, Grade::Inadequate);
  // The converted record repeats "Services for looked after children" where
  // the original had a sub-group: these rows still belong to safeguarding.
  auto find = [&](const std::string& service, const std::string& name) -> const Judgement* {
    for (const auto& j : js)
      if (j.service == service && j.name == name) return &j;
    return nullptr;
  };
  ASSERT_TRUE(find("Safeguarding services", "Leadership and management"));
  EXPECT_EQ(find("Safeguarding services", "Leadership and management")->grade, Grade::Inadequate);
  ASSERT_TRUE(find("Services for looked after children", "Leadership and management"));
  EXPECT_EQ(find("Services for looked after children", "Leadership and management")->grade, Grade::Adequate);
  EXPECT_EQ(
      find("Services for looked after children", "Making a positive contribution, including user engagement")
          ->grade,
      Grade::Outstanding);
}

TEST_F(WiltshireReport, BodyGradesAgreeWithTheRecordOfMainFindings) {
  int compared = 0;
  for (const auto& j : report_->meta.judgements) {
    for (const auto& p : report_->paragraphs) {
      if (p.section.size() < 2 || p.section.front() != j.service || p.section.back() != j.name) continue;
      EXPECT_EQ(p.grade, j.grade) << j.service << " › " << j.name << " paragraph " << p.number;
      ++compared;
      break;
    }
  }
  // 22 rows, less the two "Equality and diversity" rows, which only the record has.
  EXPECT_EQ(compared, 20);
}

TEST(UnstructuredText, IsIndexedAsPlainParagraphsWithAWarning) {
  const auto tables = Tables::load(test::data_dir());
  const auto read = read_text(
      "Notes from the regional analysts' meeting\n\nWe compared how reports describe "
      "management oversight across the region this year.\n\nNext meeting in March.\n");
  ASSERT_FALSE(read.error);
  const auto report = build_report(read, "notes.txt", tables);
  ASSERT_EQ(report.paragraphs.size(), 2u);
  EXPECT_TRUE(report.paragraphs[0].text.starts_with("We compared how reports describe management oversight"));
  EXPECT_EQ(report.paragraphs[0].grade, Grade::None);
  EXPECT_EQ(report.paragraphs[0].section,
            std::vector<std::string>{"Notes from the regional analysts' meeting"});
  EXPECT_NE(std::find(report.meta.warnings.begin(), report.meta.warnings.end(),
                      "no recognisable report structure; indexed as plain paragraphs"),
            report.meta.warnings.end());
}

}  // namespace
}  // namespace ofs::indexer
