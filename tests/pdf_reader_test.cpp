// Behaviour of read_pdf on real Ofsted reports and on bad input.
// Facts below were checked by hand against `mutool draw -F txt` output.
#include "indexer/pdf_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "indexer/pdf_layout.h"
#include "test_support.h"

#ifndef OFS_MUTOOL
#define OFS_MUTOOL "mutool"  // used to build encrypted and image-only fixtures
#endif

namespace fs = std::filesystem;
using ofs::indexer::Block;
using ofs::indexer::BlockKind;
using ofs::indexer::read_pdf;
using ofs::indexer::ReadResult;

namespace {

const fs::path kCorpus = ofs::test::shared_corpus() / "ofsted-pdf";

const fs::path kWiltshire2023 =
    kCorpus / "80580_wiltshire" / "children's services inspection - 12 december 2023.pdf";
const fs::path kHavering2016 =
    kCorpus / "80500_havering" / "children's services inspection - 09 december 2016.pdf";
const fs::path kKent2013 =
    kCorpus / "80476_kent" / "children's services inspection,  pdf - 23 august 2013.pdf";
const fs::path kSandwell2013 =
    kCorpus / "80549_sandwell" / "children's services inspection,  pdf - 02 august 2013.pdf";
const fs::path kBedford2017 =
    kCorpus / "80428_bedford" / "children's services inspection - 07 april 2017.pdf";
const fs::path kDoncaster2015 =
    kCorpus / "80462_doncaster" / "children's services inspection - 27 november 2015.pdf";
const fs::path kHaringey2026 =
    kCorpus / "80498_haringey" / "children's services inspection - 24 february 2026.pdf";

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

// The one block whose text starts with `prefix`; fails the test otherwise.
const Block* find_block(const ReadResult& result, const std::string& prefix) {
  const Block* found = nullptr;
  int matches = 0;
  for (const Block& block : result.blocks)
    if (starts_with(block.text, prefix)) found = &block, ++matches;
  EXPECT_EQ(matches, 1) << "blocks starting with: " << prefix;
  return found;
}

size_t find_index(const ReadResult& result, const std::string& prefix) {
  for (size_t i = 0; i < result.blocks.size(); ++i)
    if (starts_with(result.blocks[i].text, prefix)) return i;
  return result.blocks.size();
}

ReadResult read_ok(const fs::path& file) {
  ReadResult result = read_pdf(file);
  EXPECT_FALSE(result.error) << *result.error;
  return result;
}

// ---- ILACS 2023 (Wiltshire) ------------------------------------------------

TEST(PdfReaderIlacsCorpus, ParagraphSpanningPageBreakIsOneBlockWithStartPage) {
  OFS_REQUIRE_CORPUS_PATH(kWiltshire2023);
  const ReadResult result = read_ok(kWiltshire2023);
  EXPECT_EQ(result.page_count, 12);
  const Block* block = find_block(result, "2. Children in need of help and protection receive a swift");
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(block->page, 2);
  EXPECT_EQ(block->kind, BlockKind::Text);
  // The last sentence is split "For a very small" (p2) / "number of" (p3).
  EXPECT_NE(block->text.find("For a very small number of children, the rationale for the dispensing "
                             "of consent is not clearly recorded by managers within case records."),
            std::string::npos);
  EXPECT_FALSE(block->continues_previous);
}

TEST(PdfReaderIlacsCorpus, SummaryParagraphFullTextAcrossPages) {
  OFS_REQUIRE_CORPUS_PATH(kWiltshire2023);
  const ReadResult result = read_ok(kWiltshire2023);
  const Block* block = find_block(result, "Children living in Wiltshire benefit from high-quality");
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(block->page, 1);
  EXPECT_NE(block->text.find("support to children at risk of extra-familial harm."), std::string::npos);
  EXPECT_TRUE(block->text.ends_with(
      "the recording of frontline management oversight and supervision is limited. This limits "
      "workers’ and managers’ ability to track progress and to reflect on practice."));
}

TEST(PdfReaderIlacsCorpus, RunningHeaderAndFooterNeverInBlocks) {
  OFS_REQUIRE_CORPUS_PATH(kWiltshire2023);
  const ReadResult result = read_ok(kWiltshire2023);
  for (const Block& block : result.blocks) {
    EXPECT_EQ(block.text.find("25 to 29 September 2023"), std::string::npos) << block.text;
    if (block.page > 1) {  // page 1 carries the same words as its title
      EXPECT_EQ(block.text.find("Inspection of Wiltshire Council"), std::string::npos) << block.text;
    }
    EXPECT_NE(block.text, "2");
  }
}

TEST(PdfReaderIlacsCorpus, WhatNeedsToImproveBulletsAreSeparateItems) {
  OFS_REQUIRE_CORPUS_PATH(kWiltshire2023);
  const ReadResult result = read_ok(kWiltshire2023);
  const size_t heading = find_index(result, "What needs to improve?");
  ASSERT_LT(heading + 2, result.blocks.size());
  EXPECT_EQ(result.blocks[heading].kind, BlockKind::Heading);
  EXPECT_TRUE(result.blocks[heading].bold);
  const Block& first = result.blocks[heading + 1];
  const Block& second = result.blocks[heading + 2];
  EXPECT_EQ(first.kind, BlockKind::Bullet);
  EXPECT_EQ(first.text,
            "The effectiveness and quality of practice to support and safeguard 16- and "
            "17-year-olds who present as homeless.");
  EXPECT_EQ(second.kind, BlockKind::Bullet);
  EXPECT_TRUE(starts_with(second.text, "The quality and consistency of recording of supervision"));
  EXPECT_TRUE(second.text.ends_with("completion of tasks."));
}

TEST(PdfReaderIlacsCorpus, NumberedParagraphAttachedAndHyphenatedWordKept) {
  OFS_REQUIRE_CORPUS_PATH(kWiltshire2023);
  const ReadResult result = read_ok(kWiltshire2023);
  const Block* block = find_block(result,
                                  "4. Child and family assessments, including pre-birth "
                                  "assessments, are strength-based, analytical and timely.");
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(block->page, 3);
  EXPECT_EQ(block->font_size, 12);
  // "well-" / "being" at a line end in paragraph 1.
  const Block* first = find_block(result, "1. Children and families benefit from effective early support");
  ASSERT_NE(first, nullptr);
  EXPECT_NE(first->text.find("improve their well-being, address"), std::string::npos);
}

TEST(PdfReaderIlacsCorpus, JudgementTableCellsAreSeparateBlocksInOrder) {
  OFS_REQUIRE_CORPUS_PATH(kWiltshire2023);
  const ReadResult result = read_ok(kWiltshire2023);
  const size_t row = find_index(result, "The impact of leaders on social work practice");
  ASSERT_LT(row + 1, result.blocks.size());
  EXPECT_EQ(result.blocks[row].text,
            "The impact of leaders on social work practice with children and families");
  EXPECT_EQ(result.blocks[row + 1].text, "Outstanding");
  EXPECT_EQ(result.blocks[row].page, 1);
}

TEST(PdfReaderIlacsCorpus, SectionHeadingIsLargerAndBold) {
  OFS_REQUIRE_CORPUS_PATH(kWiltshire2023);
  const ReadResult result = read_ok(kWiltshire2023);
  const Block* heading =
      find_block(result, "The experiences and progress of children who need help and protection: good");
  ASSERT_NE(heading, nullptr);
  EXPECT_EQ(heading->kind, BlockKind::Heading);
  EXPECT_GT(heading->font_size, 12);
  EXPECT_TRUE(heading->bold);
}

// ---- reformed 2026 (Haringey): number followed by a narrow tab -------------

TEST(PdfReaderReformedCorpus, NumberedParagraphWithHangingIndentIsOneBlock) {
  OFS_REQUIRE_CORPUS_PATH(kHaringey2026);
  const ReadResult result = read_ok(kHaringey2026);
  const Block* block = find_block(result,
                                  "10. The disabled children’s team completes thorough, "
                                  "child-centred assessments. Direct work is creative");
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(block->page, 3);
}

// ---- SIF 2016 (Havering) ---------------------------------------------------

TEST(PdfReaderSifCorpus, FootnoteMarkersAndTextRemoved) {
  OFS_REQUIRE_CORPUS_PATH(kHavering2016);
  const ReadResult result = read_ok(kHavering2016);
  // Page 4 (contents) and page 5 both have it; page 5 had footnote marker 2.
  int headings = 0;
  for (const Block& block : result.blocks)
    if (starts_with(block.text, "Information about this local authority area")) {
      ++headings;
      EXPECT_EQ(block.text, "Information about this local authority area");
      EXPECT_EQ(block.kind, BlockKind::Heading);
    }
  EXPECT_EQ(headings, 2);
  for (const Block& block : result.blocks)
    EXPECT_EQ(block.text.find("was given the opportunity to review this section"), std::string::npos);
}

TEST(PdfReaderSifCorpus, WingdingsBulletsAreBulletBlocks) {
  OFS_REQUIRE_CORPUS_PATH(kHavering2016);
  const ReadResult result = read_ok(kHavering2016);
  const Block* bullet = find_block(result, "The previous inspection of the local authority’s arrangements");
  ASSERT_NE(bullet, nullptr);
  EXPECT_EQ(bullet->kind, BlockKind::Bullet);
  EXPECT_EQ(bullet->text,
            "The previous inspection of the local authority’s arrangements for the protection of "
            "children was in February 2013. The local authority was judged to be adequate.");
  const Block* nested = find_block(result, "in primary schools is 13.1%");
  ASSERT_NE(nested, nullptr);
  EXPECT_EQ(nested->kind, BlockKind::Bullet);
}

TEST(PdfReaderSifCorpus, MidSentenceBreakBeforeCapitalIsMarkedContinuation) {
  OFS_REQUIRE_CORPUS_PATH(kHavering2016);
  const ReadResult result = read_ok(kHavering2016);
  const size_t index = find_index(result, "April 2016. The review affirmed local arrangements");
  ASSERT_LT(index, result.blocks.size());
  ASSERT_GT(index, 0u);
  EXPECT_TRUE(result.blocks[index].continues_previous);
  EXPECT_EQ(result.blocks[index].page, 37);
  EXPECT_TRUE(result.blocks[index - 1].text.ends_with("which was published in"));
}

// Page 5 nests two sub-bullets under "The proportion of children entitled to
// free school meals:"; their glyph is drawn, not text, so only the indent
// (x 116 against the parent's text edge at x 89) marks them.  The second
// such list on p5 ("…English as an additional language:") runs onto p6.
TEST(PdfReaderSifCorpus, GlyphlessNestedBulletsAreBulletBlocks) {
  OFS_REQUIRE_CORPUS_PATH(kBedford2017);
  const ReadResult result = read_ok(kBedford2017);
  const size_t parent = find_index(result, "The proportion of children entitled to free school meals:");
  ASSERT_LT(parent + 2, result.blocks.size());
  EXPECT_EQ(result.blocks[parent].kind, BlockKind::Bullet);
  EXPECT_EQ(result.blocks[parent + 1].text, "in primary schools is 12% (the national average is 15%)");
  EXPECT_EQ(result.blocks[parent + 1].kind, BlockKind::Bullet);
  EXPECT_EQ(result.blocks[parent + 1].page, 5);
  EXPECT_EQ(result.blocks[parent + 2].text, "in secondary schools is 10% (the national average is 13%).");
  EXPECT_EQ(result.blocks[parent + 2].kind, BlockKind::Bullet);
  // Across the page break: two items, not one joined Text block.
  const Block* p5 = find_block(result, "in primary schools is 32% (the national average is 20%)");
  ASSERT_NE(p5, nullptr);
  EXPECT_EQ(p5->text, "in primary schools is 32% (the national average is 20%)");
  EXPECT_EQ(p5->kind, BlockKind::Bullet);
  const Block* p6 = find_block(result, "in secondary schools is 19% (the national average is 16%).");
  ASSERT_NE(p6, nullptr);
  EXPECT_EQ(p6->kind, BlockKind::Bullet);
  EXPECT_EQ(p6->page, 6);
}

// Cover facts at 14 pt ("Inspection date: 23 January 2017 – 16 February
// 2017", "Report published: 7 April 2017") are not headings.
TEST(PdfReaderSifCorpus, CoverPageFactsAreNotHeadings) {
  OFS_REQUIRE_CORPUS_PATH(kBedford2017);
  const ReadResult result = read_ok(kBedford2017);
  const Block* date = find_block(result, "Inspection date: 23 January 2017 – 16 February 2017");
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->kind, BlockKind::Text);
  EXPECT_EQ(date->font_size, 14);
  const Block* published = find_block(result, "Report published: 7 April 2017");
  ASSERT_NE(published, nullptr);
  EXPECT_EQ(published->kind, BlockKind::Text);
  // A numbered heading with a colon-free label stays a heading.
  const Block* heading = find_block(result, "1. Children who need help and protection");
  ASSERT_NE(heading, nullptr);
  EXPECT_EQ(heading->kind, BlockKind::Heading);
}

// Page 5: the last "Local leadership" bullet ends "…delegated to a
// third-party provider are:" and its list is printed as a paragraph flush
// with the bullet glyph ("all services for children in need, …") after a
// paragraph-sized gap.  It belongs to the bullet item.
TEST(PdfReaderSifCorpus, BulletContinuationAtGlyphEdgeJoinsTheItem) {
  OFS_REQUIRE_CORPUS_PATH(kDoncaster2015);
  const ReadResult result = read_ok(kDoncaster2015);
  const Block* item = find_block(result, "The functions that the local authority has delegated");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->kind, BlockKind::Bullet);
  EXPECT_EQ(item->page, 5);
  EXPECT_EQ(item->text,
            "The functions that the local authority has delegated to a third-party provider are: all "
            "services for children in need, in need of protection, children in care and care leavers "
            "with the exception of children with a disability, the virtual school and the early help "
            "service. Doncaster Children’s Services Trust is also registered as an independent "
            "fostering and a voluntary adoption agency.");
  for (const Block& block : result.blocks) EXPECT_FALSE(starts_with(block.text, "all services for children"));
}

// ---- 2013 looked-after-children inspection (Kent) --------------------------

TEST(PdfReader2013Corpus, NumberedParagraphsAndRunningHeaderRemoved) {
  OFS_REQUIRE_CORPUS_PATH(kKent2013);
  const ReadResult result = read_ok(kKent2013);
  const Block* block = find_block(result, "1. The purpose of the inspection is to evaluate");
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(block->page, 4);
  for (const Block& block : result.blocks)
    EXPECT_EQ(block.text.find("Kent County Council Inspection of looked after"), std::string::npos);
}

// Page 1 prints the inspection facts in 10 pt (body 12 pt) low on the page,
// and "15 – 19 July 2013" starts with a number.  The page has no footnote
// reference, so none of it is a footnote; each "Label:<tab>value" pair is one
// block (checked with `mutool draw -F txt`).
TEST(PdfReader2013Corpus, SmallCoverPageFactsAreKeptNotFootnotes) {
  OFS_REQUIRE_CORPUS_PATH(kKent2013);
  const ReadResult result = read_ok(kKent2013);
  const Block* dates = find_block(result, "Inspection dates:");
  ASSERT_NE(dates, nullptr);
  EXPECT_EQ(dates->text, "Inspection dates: 15 – 19 July 2013");
  EXPECT_EQ(dates->page, 1);
  const Block* inspector = find_block(result, "Reporting inspector");
  ASSERT_NE(inspector, nullptr);
  EXPECT_EQ(inspector->text, "Reporting inspector Helen Cawston HMI");
  const Block* published = find_block(result, "Published:");
  ASSERT_NE(published, nullptr);
  EXPECT_EQ(published->text, "Published: 23 August 2013");
  // The copyright line on page 2 is not a continuation of the cover page.
  const Block* copyright = find_block(result, "© Crown copyright 2013");
  ASSERT_NE(copyright, nullptr);
  EXPECT_FALSE(copyright->continues_previous);
}

TEST(PdfReader2013Corpus, SandwellCoverPageFactsAreKept) {
  OFS_REQUIRE_CORPUS_PATH(kSandwell2013);
  const ReadResult result = read_ok(kSandwell2013);
  const Block* dates = find_block(result, "Inspection dates:");
  ASSERT_NE(dates, nullptr);
  EXPECT_EQ(dates->text, "Inspection dates: 24 – 28 June 2013");
  const Block* inspector = find_block(result, "Reporting inspector");
  ASSERT_NE(inspector, nullptr);
  EXPECT_EQ(inspector->text, "Reporting inspector Christopher Sands HMI");
}

// remove_footnotes on made-up pages: a small numbered line low on the page
// is a footnote only when the body above carries a matching raised marker.
namespace pdf = ofs::indexer::pdf;

pdf::Line make_test_line(double y, double size, std::string text) {
  pdf::Line line;
  line.page = 1;
  line.x0 = 72, line.x1 = 500, line.y0 = y, line.y1 = y + size, line.baseline = y + size;
  line.font_size = size;
  line.text = std::move(text);
  return line;
}

TEST(PdfFootnotes, NeedAReferenceOnTheSamePage) {
  pdf::Page page;
  page.number = 1, page.width = 595, page.height = 842;
  page.lines = {make_test_line(100, 12, "Body text with a reference."),
                make_test_line(600, 10, "15 – 19 July 2013"),
                make_test_line(750, 10, "3 Working Together to Safeguard Children.")};
  std::vector<pdf::Page> pages = {page};
  pdf::remove_footnotes(pages, 12);
  EXPECT_EQ(pages[0].lines.size(), 3u) << "no marker on the page: nothing is a footnote";

  page.lines[0].superscripts = {"3"};
  pages = {page};
  pdf::remove_footnotes(pages, 12);
  ASSERT_EQ(pages[0].lines.size(), 2u) << "marker 3: footnote 3 goes, the date stays";
  EXPECT_EQ(pages[0].lines[1].text, "15 – 19 July 2013");

  page.lines[0].superscripts = {"15"};  // "15 – 19 July" would now look like footnote 15
  page.lines.pop_back();
  pages = {page};
  pdf::remove_footnotes(pages, 12);
  EXPECT_EQ(pages[0].lines.size(), 1u);
}

// ---- every real report ----------------------------------------------------

TEST(PdfReaderCorpus, AllRealPdfsReadWithCleanUtf8Text) {
  OFS_REQUIRE_CORPUS_PATH(kCorpus);
  int files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(kCorpus)) {
    if (entry.path().extension() != ".pdf") continue;
    const ReadResult result = read_pdf(entry.path());
    if (result.error && *result.error == "not a PDF (looks like an HTML page)") continue;
    ++files;
    ASSERT_FALSE(result.error) << entry.path() << ": " << *result.error;
    EXPECT_GT(result.blocks.size(), 20u) << entry.path();
    for (const Block& block : result.blocks) {
      EXPECT_GE(block.page, 1);
      EXPECT_FALSE(block.text.empty());
      for (unsigned char c : block.text) ASSERT_GE(c, 0x20) << entry.path();
      EXPECT_EQ(block.text.find("  "), std::string::npos);
      EXPECT_EQ(block.text.find("\xEF\xAC\x81"), std::string::npos);  // U+FB01 ﬁ
    }
  }
  EXPECT_GE(files, 100);
}

// ---- bad input -------------------------------------------------------------

class PdfReaderBadInput : public ::testing::Test {
 protected:
  fs::path write_file(const std::string& name, const std::string& bytes) {
    const fs::path path = dir_ / name;
    ofs::test::write_file(path, bytes);
    return path;
  }
  static std::string slurp(const fs::path& path) { return ofs::test::read_file(path); }
  static bool run(const std::string& command) { return std::system(command.c_str()) == 0; }
  static std::string quoted(const fs::path& path) { return ofs::test::shell_quote(path.string()); }

  ofs::test::TempDir dir_;
};

// Bad copies made from a real report.
class PdfReaderBadInputCorpus : public PdfReaderBadInput {};

TEST_F(PdfReaderBadInput, ZeroByteFile) {
  const ReadResult result = read_pdf(write_file("empty.pdf", ""));
  ASSERT_TRUE(result.error);
  EXPECT_EQ(*result.error, "empty file (0 bytes)");
  EXPECT_TRUE(result.blocks.empty());
}

TEST_F(PdfReaderBadInput, MissingFile) {
  const ReadResult result = read_pdf(dir_ / "nope.pdf");
  ASSERT_TRUE(result.error);
}

TEST_F(PdfReaderBadInputCorpus, RealHtmlPagesSavedAsPdf) {
  for (const char* name : {"80431_blackpool/children's services inspection - 13 july 2012.pdf",
                           "80429_birmingham/children's services inspection - 19 october 2012.pdf"}) {
    const fs::path file = kCorpus / name;
    OFS_REQUIRE_CORPUS_PATH(file);
    const ReadResult result = read_pdf(file);
    ASSERT_TRUE(result.error) << file;
    EXPECT_EQ(*result.error, "not a PDF (looks like an HTML page)");
  }
}

TEST_F(PdfReaderBadInputCorpus, TruncatedCopyIsRejected) {
  OFS_REQUIRE_CORPUS_PATH(kWiltshire2023);
  const std::string bytes = slurp(kWiltshire2023);
  const ReadResult result = read_pdf(write_file("cut.pdf", bytes.substr(0, bytes.size() * 6 / 10)));
  ASSERT_TRUE(result.error);
  EXPECT_TRUE(starts_with(*result.error, "PDF is damaged/truncated")) << *result.error;
}

TEST_F(PdfReaderBadInputCorpus, BytesAfterTheEndMarkerAreReadPastButMoreOfThePdfIsNot) {
  OFS_REQUIRE_CORPUS_PATH(kWiltshire2023);
  const std::string bytes = slurp(kWiltshire2023);
  const ReadResult whole = read_pdf(kWiltshire2023);
  ASSERT_FALSE(whole.error) << *whole.error;
  // Junk a server or mail program appended: the report reads as before.
  for (const std::size_t junk : {500, 10 * 1024, 200 * 1024}) {
    const ReadResult padded = read_pdf(write_file("padded.pdf", bytes + std::string(junk, 'x')));
    ASSERT_FALSE(padded.error) << junk << " bytes of junk: " << *padded.error;
    EXPECT_EQ(padded.blocks.size(), whole.blocks.size()) << junk << " bytes of junk";
  }
  // An update appended after the end marker and cut off before its own.
  const std::string update = "\n99 0 obj\n<< /Type /Annot >>\nendobj\nxref\n0 1\n";
  const ReadResult cut = read_pdf(write_file("cut-update.pdf", bytes + update));
  ASSERT_TRUE(cut.error);
  EXPECT_TRUE(starts_with(*cut.error, "PDF is damaged/truncated")) << *cut.error;
}

TEST_F(PdfReaderBadInputCorpus, TruncatedCopyWithForgedEndMarkerIsRejectedAfterRepair) {
  OFS_REQUIRE_CORPUS_PATH(kWiltshire2023);
  const std::string bytes = slurp(kWiltshire2023);
  const fs::path file = write_file("forged.pdf", bytes.substr(0, bytes.size() * 6 / 10) + "\n%%EOF\n");
  const ReadResult result = read_pdf(file);
  ASSERT_TRUE(result.error);
  EXPECT_TRUE(starts_with(*result.error, "PDF is damaged/truncated")) << *result.error;
  EXPECT_TRUE(result.blocks.empty());
}

TEST_F(PdfReaderBadInputCorpus, EncryptedCopyIsRejected) {
  OFS_REQUIRE_CORPUS_PATH(kWiltshire2023);
  const fs::path out = dir_ / "encrypted.pdf";
  ASSERT_TRUE(run(std::string(OFS_MUTOOL) + " clean -E aes-256 -U user -O owner " + quoted(kWiltshire2023) +
                  " " + quoted(out)));
  const ReadResult result = read_pdf(out);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(*result.error, "PDF is encrypted (password required)");
}

TEST_F(PdfReaderBadInputCorpus, ImageOnlyPdfHasNoTextLayer) {
  OFS_REQUIRE_CORPUS_PATH(kWiltshire2023);
  const fs::path png = dir_ / "page.png";
  const fs::path out = dir_ / "scan.pdf";
  ASSERT_TRUE(run(std::string(OFS_MUTOOL) + " draw -q -r 30 -o " + quoted(png) + " " +
                  quoted(kWiltshire2023) + " 1 2>/dev/null"));
  ASSERT_TRUE(
      run(std::string(OFS_MUTOOL) + " convert -o " + quoted(out) + " " + quoted(png) + " >/dev/null 2>&1"));
  const ReadResult result = read_pdf(out);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(*result.error, "PDF has no text layer (scanned images?)");
  EXPECT_EQ(result.page_count, 1);
}

TEST_F(PdfReaderBadInput, GarbageIsNotAPdf) {
  const ReadResult result = read_pdf(write_file("junk.pdf", "PK\x03\x04 this is a zip"));
  ASSERT_TRUE(result.error);
  EXPECT_EQ(*result.error, "not a PDF (no %PDF- header)");
}

// ---- pure helpers ------------------------------------------------------------

TEST(PdfJoinWrapped, HyphenRules) {
  using ofs::indexer::pdf::join_wrapped;
  EXPECT_EQ(join_wrapped("are strength-", "based, analytical"), "are strength-based, analytical");
  EXPECT_EQ(join_wrapped("16- and 17-", "year-olds who"), "16- and 17-year-olds who");
  EXPECT_EQ(join_wrapped("free Wi-", "Fi access"), "free Wi-Fi access");
  EXPECT_EQ(join_wrapped("both short-", "and long-term"), "both short- and long-term");
  EXPECT_EQ(join_wrapped("children -", "who were"), "children - who were");
  EXPECT_EQ(join_wrapped("plain", "words"), "plain words");
}

}  // namespace
