// Text normalisation, dates, the heading table and the plain-text reader.
#include "analyzers/areas.h"
#include "analyzers/dates.h"
#include "analyzers/text.h"
#include "indexer/text_reader.h"
#include "test_support.h"

namespace ofs {
namespace {

TEST(Utf8, AcceptsUtf8AndNamesTheFirstBadByte) {
  EXPECT_FALSE(analyzers::utf8_problem("children’s services – 5 March"));
  const auto latin1 = analyzers::utf8_problem("caf\xe9 society");
  ASSERT_TRUE(latin1);
  EXPECT_NE(latin1->find("byte 3"), std::string::npos) << *latin1;
  const auto binary = analyzers::utf8_problem(std::string("PK\x03\x04\0\0", 6));
  ASSERT_TRUE(binary);
  EXPECT_NE(binary->find("binary"), std::string::npos);
}

TEST(Normalise, FoldsTypographyReportsUseInterchangeably) {
  EXPECT_EQ(analyzers::normalise_for_index("children’s “voice”"), "children's \"voice\"");
  EXPECT_EQ(analyzers::normalise_for_index("ﬁnding"), "finding");
  EXPECT_EQ(analyzers::fold_whitespace("  a \t b\n\nc "), "a b c");
}

TEST(FacetSlug, LowerCaseWordsJoinedByDashes) {
  EXPECT_EQ(analyzers::facet_slug("Blackburn with Darwen"), "blackburn-with-darwen");
  EXPECT_EQ(analyzers::facet_slug("Requires improvement"), "requires-improvement");
  EXPECT_EQ(analyzers::facet_slug("Children’s"), "childrens");
}

TEST(Dates, RangesBorrowMonthAndYearFromTheirEnd) {
  auto r = analyzers::parse_date_range("5 – 16 March 2012");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->start, "2012-03-05");
  EXPECT_EQ(r->end, "2012-03-16");
  r = analyzers::parse_date_range("25 September to 6 October 2023");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->start, "2023-09-25");
  EXPECT_EQ(r->end, "2023-10-06");
  r = analyzers::parse_date_range("28 November to 9 December 2011");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->start, "2011-11-28");
  EXPECT_EQ(r->end, "2011-12-09");
  r = analyzers::parse_date_range("30 December 2013 to 10 January 2014");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->start, "2013-12-30");
  EXPECT_EQ(r->end, "2014-01-10");
  EXPECT_EQ(analyzers::parse_date("children's services inspection - 26 november 2024"), "2024-11-26");
  EXPECT_FALSE(analyzers::parse_date("March 2012"));  // no day: no date
}

TEST(HeadingTable, LooksUpHeadingsWithoutTheirGrade) {
  const auto table = analyzers::HeadingTable::load(test::data_dir() / "headings.tsv");
  const auto* rule = table.find("safeguarding-lac", "Staying safe**Grade 3 (Adequate)**");
  ASSERT_TRUE(rule);
  EXPECT_EQ(rule->area, "looked-after-children");
  EXPECT_EQ(rule->level, 3);
  const auto* immediately = table.find("safeguarding-lac", "Immediately:");
  ASSERT_TRUE(immediately);
  EXPECT_EQ(immediately->area, "recommendations");
  EXPECT_EQ(table.find("ilacs", "Staying safe"), nullptr);  // framework-specific row
  const auto* lscb = table.find("sif", "The effectiveness of the Local Safeguarding Children Board in Bedford");
  ASSERT_TRUE(lscb);  // prefix row
  EXPECT_EQ(lscb->area, "lscb");
}

TEST(HeadingTable, MistakesNameTheFileAndLine) {
  test::TempDir dir;
  test::write_file(dir / "headings.tsv", "# comment\n*\tAbout\t1\tcontext\tok\n*\tOops\t1\tnowhere\twhy\n");
  try {
    analyzers::HeadingTable::load(dir / "headings.tsv");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("headings.tsv:3: unknown area 'nowhere'"), std::string::npos) << e.what();
  }
}

TEST(TextReader, SplitsBlocksAtBlankLinesNumbersBulletsAndTableRows) {
  const auto read = indexer::read_text(
      "Title line\n\n1. First paragraph\nwrapped here.\n2. Second.\n - a bullet\n - another\n\nRow\tgood\n");
  ASSERT_FALSE(read.error);
  ASSERT_EQ(read.blocks.size(), 6u);
  EXPECT_EQ(read.blocks[1].text, "1. First paragraph wrapped here.");
  EXPECT_EQ(read.blocks[3].kind, indexer::BlockKind::Bullet);
  EXPECT_EQ(read.blocks[3].text, "a bullet");
  EXPECT_EQ(read.blocks[5].text, "Row\tgood");
}

TEST(TextReader, RejectsEmptyBinaryAndNonUtf8Input) {
  test::TempDir dir;
  test::write_file(dir / "empty.txt", "");
  test::write_file(dir / "blank.txt", " \n\n ");
  test::write_file(dir / "binary.txt", std::string("\x7f" "ELF\0\0\0", 7));
  test::write_file(dir / "latin1.txt", "Caf\xe9\n");
  EXPECT_EQ(indexer::read_text_file(dir / "empty.txt").error, "empty file (0 bytes)");
  EXPECT_TRUE(indexer::read_text_file(dir / "blank.txt").error);
  // value_or: a missing reason fails the check instead of crashing the run.
  EXPECT_NE(indexer::read_text_file(dir / "binary.txt").error.value_or("").find("NUL"), std::string::npos);
  EXPECT_NE(indexer::read_text_file(dir / "latin1.txt").error.value_or("").find("UTF-8"), std::string::npos);
  EXPECT_NE(indexer::read_text_file(dir / "missing.txt").error.value_or("").find("cannot read"), std::string::npos);
}

}  // namespace
}  // namespace ofs
