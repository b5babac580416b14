// Internal to the PDF reader: the page layout as MuPDF sees it, reduced to
// lines with positions and font facts, and the pure steps that turn those
// lines into blocks.  Kept apart from MuPDF so the steps are testable and
// free of setjmp/longjmp concerns.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "indexer/block.h"
#include "indexer/reader.h"

namespace ofs::indexer::pdf {

// One visual line of text (PDF coordinates: y grows downwards).
struct Line {
  int page = 0;          // 1-based
  int source_block = 0;  // MuPDF block index on the page (layout hint)
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double baseline = 0;
  double text_x0 = 0;         // left edge of the text proper (after a label)
  double first_word_x1 = 0;   // right edge of the first word
  double second_word_x0 = 0;  // left edge of the second word (0 if none)
  std::string text;           // UTF-8, whitespace collapsed, trimmed
  std::string label;          // paragraph number ("1.") or bullet glyph, if any
  double font_size = 0;       // dominant size by character count
  bool bold = false;          // dominant boldness by character count
  bool is_bullet = false;
  bool starts_with_superscript = false;  // a raised marker was dropped at the start
  bool is_field = false;                 // "Label:<tab>value" pieces merged: a block of its own
  // Digits of the raised markers dropped after the start of the line (footnote
  // references in running text), comma-separated pieces kept as printed.
  std::vector<std::string> superscripts;
};

struct Page {
  int number = 0;  // 1-based
  double width = 0, height = 0;
  std::vector<Line> lines;  // in MuPDF reading order
};

struct Document {
  std::vector<Page> pages;
  int page_count = 0;
  std::vector<std::string> warnings;
  std::optional<std::string> error;
};

// pdf_mupdf.cpp: everything that talks to MuPDF.  With `bytes`, reads the
// PDF from them (the file's bytes up to its end marker) instead of `path`.
Document load_with_mupdf(const std::string& path, const std::string* bytes = nullptr);

// pdf_reader.cpp: what read_pdf does with the loaded layout (rejects a
// document without pages or text, then the steps below).  Never throws for
// bad input; the fuzzer runs it on layouts MuPDF never produced.
ReadResult read_layout(Document doc);

// pdf_page_cleanup.cpp: remove what is not running text.
double body_font_size(const std::vector<Page>& pages);
void remove_running_headers_and_footers(std::vector<Page>& pages);
void remove_footnotes(std::vector<Page>& pages, double body_size);
void attach_labels(std::vector<Page>& pages);
bool is_bullet_glyph(char32_t c);

// pdf_paragraphs.cpp: lines -> blocks.
Blocks build_blocks(const std::vector<Page>& pages, double body_size);
std::string join_wrapped(const std::string& first, const std::string& second);

}  // namespace ofs::indexer::pdf
