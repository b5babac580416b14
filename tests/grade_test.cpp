// Grade recognition over wordings taken from real reports: the 2012
// Wiltshire sample (four-point scale), SIF 2014-2017, ILACS 2018+ and the
// 2026 reformed framework.

#include "analyzers/grade.h"

#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <string>
#include <vector>

namespace ofs::analyzers {
namespace {

Grade grade_of(std::string_view line) {
  auto match = find_trailing_grade(line);
  return match ? match->grade : Grade::None;
}

std::string words_of(std::string_view line) {
  auto match = find_trailing_grade(line);
  return match ? match->words : std::string("<none>");
}

// ------------------------------------------------------------ names --

TEST(GradeName, CanonicalNamesRoundTrip) {
  for (Grade g : {Grade::None, Grade::Outstanding, Grade::Good, Grade::Adequate, Grade::RequiresImprovement,
                  Grade::Inadequate}) {
    auto back = grade_from_name(grade_name(g));
    ASSERT_TRUE(back.has_value()) << grade_name(g);
    EXPECT_EQ(*back, g);
  }
  EXPECT_EQ(grade_name(Grade::RequiresImprovement), "requires-improvement");
}

TEST(GradeName, AcceptsRequiresImprovementSpellings) {
  for (const char* name : {"requires improvement", "ri", "RI", "requires_improvement",
                           " Requires Improvement ", "requires improvement to be good"}) {
    EXPECT_EQ(grade_from_name(name), Grade::RequiresImprovement) << name;
  }
}

TEST(GradeName, RejectsUnknownNames) {
  EXPECT_FALSE(grade_from_name("").has_value());
  EXPECT_FALSE(grade_from_name("excellent").has_value());
  EXPECT_FALSE(grade_from_name("grade 2").has_value());
}

// --------------------------------------------- 2012 four-point scale --

TEST(TrailingGrade, NumberedFormAloneOnALine) {
  auto match = find_trailing_grade("Grade 4 (Inadequate)");
  ASSERT_TRUE(match);
  EXPECT_EQ(match->grade, Grade::Inadequate);
  EXPECT_EQ(match->words, "Grade 4 (Inadequate)");
  EXPECT_EQ(match->begin, 0u);
  EXPECT_EQ(grade_of("Grade 2 (good)"), Grade::Good);
  EXPECT_EQ(grade_of("Grade 3 (adequate)"), Grade::Adequate);
  EXPECT_EQ(grade_of("Grade 1 (outstanding)"), Grade::Outstanding);
}

TEST(TrailingGrade, NumberedFormAfterAHeading) {
  const std::string line = "Leadership and management Grade 4 (Inadequate)";
  auto match = find_trailing_grade(line);
  ASSERT_TRUE(match);
  EXPECT_EQ(match->grade, Grade::Inadequate);
  EXPECT_EQ(match->words, "Grade 4 (Inadequate)");
  EXPECT_EQ(line.substr(match->begin, match->words.size()), match->words);
}

TEST(TrailingGrade, BoldMarkersFromConversionAreIgnored) {
  const std::string line = "Staying safe**Grade 3 (Adequate)**";
  auto match = find_trailing_grade(line);
  ASSERT_TRUE(match);
  EXPECT_EQ(match->grade, Grade::Adequate);
  EXPECT_EQ(match->words, "Grade 3 (Adequate)");
  EXPECT_EQ(match->begin, line.find("Grade"));
  EXPECT_EQ(grade_of("Economic well-being**Grade 2 (good)**"), Grade::Good);
  EXPECT_EQ(grade_of("The contribution of health agencies to keeping children "
                     "and young people safe **Grade 3 (Adequate)**"),
            Grade::Adequate);
}

TEST(TrailingGrade, LegendFormWordThenNumber) {
  EXPECT_EQ(grade_of("Outstanding (Grade 1)"), Grade::Outstanding);
  // In the sample the legend row continues with a description: not trailing.
  EXPECT_EQ(grade_of("Good (Grade 2)\tA service that exceeds minimum "
                     "requirements"),
            Grade::None);
}

TEST(TrailingGrade, BareGradeNumberIsNotAJudgement) {
  // GCSE results are written this way too.
  EXPECT_EQ(grade_of("Grade 4"), Grade::None);
  EXPECT_EQ(grade_of("Most pupils achieved grade 4"), Grade::None);
}

// ------------------------------------------------------------- SIF --

TEST(TrailingGrade, JudgementTableCells) {
  EXPECT_EQ(grade_of("Requires improvement"), Grade::RequiresImprovement);
  EXPECT_EQ(grade_of("Requires improvement to be good"), Grade::RequiresImprovement);
  EXPECT_EQ(grade_of("Good "), Grade::Good);
  EXPECT_EQ(grade_of("Inadequate"), Grade::Inadequate);
  EXPECT_EQ(grade_of("Outstanding"), Grade::Outstanding);
  EXPECT_EQ(grade_of("Adequate"), Grade::Adequate);
  EXPECT_EQ(grade_of("Requires Improvement"), Grade::RequiresImprovement);
  EXPECT_EQ(words_of("  Requires improvement to be good "), "Requires improvement to be good");
}

TEST(TrailingGrade, SifVerdictSentences) {
  EXPECT_EQ(grade_of("Children’s services in Cornwall are good"), Grade::Good);
  EXPECT_EQ(grade_of("Children’s services in Sunderland are inadequate"), Grade::Inadequate);
  EXPECT_EQ(grade_of("Children’s services in the London Borough of Merton are "
                     "good."),
            Grade::Good);
  EXPECT_EQ(words_of("Children’s services in Wiltshire require improvement"), "require improvement");
  EXPECT_EQ(words_of("Children's services in Wokingham require improvement to "
                     "be good"),
            "require improvement to be good");
  EXPECT_EQ(grade_of("The overall judgement is that children’s services are "
                     "good"),
            Grade::Good);
  EXPECT_EQ(grade_of("The Local Safeguarding Children Board requires "
                     "improvement"),
            Grade::RequiresImprovement);
  EXPECT_EQ(grade_of("The Local Safeguarding Children Board is outstanding"), Grade::Outstanding);
  EXPECT_EQ(grade_of("The effectiveness of the Local Safeguarding Children "
                     "Board (LSCB) is good"),
            Grade::Good);
  EXPECT_EQ(grade_of("The graded judgement for adoption performance is that "
                     "it is outstanding"),
            Grade::Outstanding);
  EXPECT_EQ(words_of("The graded judgement about the experience and progress "
                     "of care leavers is that it requires improvement"),
            "requires improvement");
  EXPECT_EQ(grade_of("The graded judgment for the experiences and progress of "
                     "Care Leavers is inadequate"),
            Grade::Inadequate);
}

// ---------------------------------------------------- ILACS and 2026 --

TEST(TrailingGrade, IlacsHeadingAfterColon) {
  const std::string line =
      "The experiences and progress of children who need help and "
      "protection: requires improvement to be good";
  auto match = find_trailing_grade(line);
  ASSERT_TRUE(match);
  EXPECT_EQ(match->grade, Grade::RequiresImprovement);
  EXPECT_EQ(match->words, "requires improvement to be good");
  EXPECT_EQ(match->begin, line.find("requires"));

  EXPECT_EQ(grade_of("The experiences and progress of children in care: good"), Grade::Good);
  EXPECT_EQ(grade_of("The impact of leaders on social work practice with "
                     "children and families: outstanding"),
            Grade::Outstanding);
  EXPECT_EQ(grade_of("Overall effectiveness: Inadequate."), Grade::Inadequate);
  EXPECT_EQ(grade_of("Adoption performance: Requires improvement."), Grade::RequiresImprovement);
}

TEST(TrailingGrade, TabSeparatedTableRow) {
  EXPECT_EQ(words_of("Overall effectiveness\tRequires improvement to be good"),
            "Requires improvement to be good");
}

TEST(TrailingGrade, NonBreakingSpacesAndCase) {
  EXPECT_EQ(grade_of("protection:\xC2\xA0requires\xC2\xA0improvement"), Grade::RequiresImprovement);
  EXPECT_EQ(grade_of("GRADE 2 (GOOD)"), Grade::Good);
}

// -------------------------------------------------- false positives --

TEST(TrailingGrade, BodySentencesAreNotGrades) {
  for (const char* line : {
           "The quality of assessments is good.",
           "Services for care leavers are inadequate.",
           "The local authority was judged to be adequate.",
           "Children’s services are consistently good.",
           "The LSCB is not yet demonstrating the characteristics of good.",
           "the dedicated worker has good",
           "Staff morale across the partnership is good",
           "leadership, management and governance were found to require "
           "improvement.",
           "Leadership, management and governance were found to require "
           "improvement",
           "children’s services in York are good",
           "good.",
           "inadequate.",
           "Grade",
           "Judgement",
           "",
       }) {
    EXPECT_EQ(grade_of(line), Grade::None) << line;
  }
}

TEST(TrailingGrade, WordsInsideLargerWordsAreNotGrades) {
  EXPECT_EQ(grade_of("Goodwill"), Grade::None);
  EXPECT_EQ(grade_of("Staff: goodness"), Grade::None);
  EXPECT_EQ(grade_of("Summary: not good"), Grade::None);
}

TEST(GradeOnly, WholeLineOnly) {
  EXPECT_TRUE(is_grade_only("Good"));
  EXPECT_TRUE(is_grade_only("  Requires improvement to be good  "));
  EXPECT_TRUE(is_grade_only("Grade 3 (Adequate)"));
  EXPECT_TRUE(is_grade_only("**Grade 3 (Adequate)**"));
  EXPECT_FALSE(is_grade_only("Staying safe**Grade 3 (Adequate)**"));
  EXPECT_FALSE(is_grade_only("...protection: good"));
  EXPECT_FALSE(is_grade_only("good."));
  EXPECT_FALSE(is_grade_only(""));
}

// ------------------------------------------------------ sample text --

TEST(TrailingGrade, EveryJudgementInTheWiltshireSample) {
  std::ifstream in(std::string(OFS_SOURCE_DIR) +
                   "/corpus/wiltshire-2012-safeguarding-and-looked-after-"
                   "children.txt");
  ASSERT_TRUE(in) << "sample report missing";
  std::vector<Grade> numbered;  // "Grade N (word)" under each heading
  int table_rows = 0;           // "area<TAB>grade" in the closing table
  std::string line;
  while (std::getline(in, line)) {
    auto match = find_trailing_grade(line);
    if (!match) continue;
    // No numbered body paragraph ("57. ...") ends in a grade statement.
    EXPECT_FALSE(std::isdigit(static_cast<unsigned char>(line[0]))) << line;
    if (match->words.starts_with("Grade")) numbered.push_back(match->grade);
    else if (line.find('\t') != std::string::npos) ++table_rows;
    else ADD_FAILURE() << "unexpected grade line: " << line;
  }
  const std::vector<Grade> expected{Grade::Inadequate, Grade::Adequate, Grade::Inadequate,  Grade::Inadequate,
                                    Grade::Adequate,   Grade::Adequate, Grade::Inadequate,  Grade::Inadequate,
                                    Grade::Adequate,   Grade::Adequate, Grade::Good,        Grade::Adequate,
                                    Grade::Adequate,   Grade::Good,     Grade::Outstanding, Grade::Good,
                                    Grade::Adequate,   Grade::Good,     Grade::Adequate,    Grade::Adequate};
  EXPECT_EQ(numbered, expected);
  EXPECT_EQ(table_rows, 22);
}

}  // namespace
}  // namespace ofs::analyzers
