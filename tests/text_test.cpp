// Text normalisation, dates, the heading table and the plain-text reader.
#include "analyzers/text.h"
#include "analyzers/areas.h"
#include "analyzers/dates.h"
#include "analyzers/tsv.h"
#include "analyzers/utf8.h"
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

// The one normaliser keeps the way back to the text as written: a match in
// the normalised text is cut out of the original with its own typography.
TEST(Normalise, MapsEveryOffsetBackToTheOriginal) {
  const std::string written = "The ﬁrst  Children’s\u00a0Services team";
  const analyzers::NormalisedText n(written, {.collapse_spaces = true, .fold_case = true});
  EXPECT_EQ(n.text(), "the first children's services team");
  const auto at = n.text().find("children's services");
  const auto from = n.source_offset(at), to = n.source_offset(at + std::string("children's services").size());
  EXPECT_EQ(written.substr(from, to - from), "Children’s\u00a0Services");
  EXPECT_EQ(written.substr(n.source_offset(n.text().find("first"))), "ﬁrst  Children’s\u00a0Services team");
  EXPECT_EQ(n.source_offset(n.text().size()), written.size());
  // Without options it is what is indexed; spaces and case are kept.
  EXPECT_EQ(analyzers::NormalisedText("A  ﬁ").text(), "A  fi");
  EXPECT_EQ(analyzers::normalise_for_index("A  ﬁ"), "A  fi");
}

TEST(Normalise, RepairsTextThatIsNotUtf8) {
  const analyzers::NormalisedText n("caf\xe9 \xff\xfe ok");
  EXPECT_EQ(n.text(), "caf\uFFFD \uFFFD\uFFFD ok");
  EXPECT_EQ(n.source_offset(n.text().find("ok")), 8u);
  EXPECT_EQ(analyzers::repair_utf8("caf\xe9"), "caf\uFFFD");
  EXPECT_EQ(analyzers::escape_invalid_utf8("caf\xe9.txt"), "caf\\xE9.txt");
  EXPECT_EQ(analyzers::escape_invalid_utf8("café.txt"), "café.txt");
}

TEST(SplitAtMost, CutsAtSpacesOrBetweenCharacters) {
  EXPECT_EQ(analyzers::split_at_most("one two three four", 9),
            (std::vector<std::string_view>{"one two", "three", "four"}));
  // "é" is two bytes: a cut never falls inside it.
  const auto pieces = analyzers::split_at_most("éééééééééé", 9);
  ASSERT_EQ(pieces.size(), 3u);
  EXPECT_EQ(pieces[0], "éééé");
  for (auto piece : pieces) EXPECT_FALSE(analyzers::first_invalid_utf8(piece)) << piece;
  EXPECT_TRUE(analyzers::split_at_most("  ", 9).empty());
}

TEST(Tsv, OneReaderSkipsCommentsAndNamesTheLineOfAMistake) {
  const auto rows =
      analyzers::parse_tsv("\xEF\xBB\xBF# comment\r\n\n a \t b\t\r\n  # indented comment\nc\n", "t.tsv");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 3u);
  EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"a", "b", ""}));
  EXPECT_EQ(rows[1].fields, std::vector<std::string>{"c"});
  try {
    rows[1].expect_fields(2, "name, alias");
    FAIL() << "expected an error";
  } catch (const analyzers::TsvError& e) {
    EXPECT_EQ(std::string(e.what()),
              "t.tsv:5: expected 2 tab-separated fields: name, alias; found 1 (separate the fields with one "
              "TAB each, "
              "not spaces)");
  }
  try {
    analyzers::parse_tsv("ok\tfine\ncaf\xe9\tbad\n", "t.tsv");
    FAIL() << "expected an error";
  } catch (const analyzers::TsvError& e) {
    EXPECT_EQ(std::string(e.what()), "t.tsv:2: not valid UTF-8 at column 4 (save the file as UTF-8)");
  }
  EXPECT_THROW(analyzers::read_tsv("/nonexistent/x.tsv", "test table"), analyzers::TsvError);
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
  const auto* lscb =
      table.find("sif", "The effectiveness of the Local Safeguarding Children Board in Bedford");
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
    EXPECT_NE(std::string(e.what()).find("headings.tsv:3: unknown area 'nowhere'"), std::string::npos)
        << e.what();
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
  test::write_file(dir / "binary.txt", std::string("\x7f"
                                                   "ELF\0\0\0",
                                                   7));
  test::write_file(dir / "latin1.txt", "Caf\xe9\n");
  EXPECT_EQ(indexer::read_text_file(dir / "empty.txt").error, "empty file (0 bytes)");
  EXPECT_TRUE(indexer::read_text_file(dir / "blank.txt").error);
  // value_or: a missing reason fails the check instead of crashing the run.
  EXPECT_NE(indexer::read_text_file(dir / "binary.txt").error.value_or("").find("NUL"), std::string::npos);
  EXPECT_NE(indexer::read_text_file(dir / "latin1.txt").error.value_or("").find("UTF-8"), std::string::npos);
  EXPECT_NE(indexer::read_text_file(dir / "missing.txt").error.value_or("").find("cannot read"),
            std::string::npos);
}

// Judged areas take the report's grade for their area when their section
// prints none; recommendations, context and other never carry a grade.
TEST(Areas, EveryCanonicalAreaButRecommendationsContextAndOtherIsJudged) {
  std::vector<std::string> unjudged;
  for (const auto& area : analyzers::canonical_areas())
    if (!analyzers::is_judged_area(area)) unjudged.push_back(area);
  EXPECT_EQ(unjudged, (std::vector<std::string>{"recommendations", "context", "other"}));
  EXPECT_TRUE(analyzers::is_judged_area("help-and-protection"));
  EXPECT_TRUE(analyzers::is_judged_area("lscb"));
  EXPECT_FALSE(analyzers::is_judged_area("Help-and-protection"))
      << "areas are canonical slugs, compared exactly";
  EXPECT_FALSE(analyzers::is_judged_area("inherit"));
}

}  // namespace
}  // namespace ofs
