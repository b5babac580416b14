// The only file that calls MuPDF.  MuPDF reports errors with setjmp/longjmp
// (fz_try/fz_catch), which skips C++ destructors.  So every fz_try below lives
// in a small C-style function that touches no C++ object with a destructor
// and reports failure through a plain char buffer; the C++ side walks the
// resulting fz_stext_page (plain structs, no MuPDF calls that can throw).
#include <mupdf/fitz.h>
#include <mupdf/pdf.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>

#include "analyzers/utf8.h"
#include "indexer/pdf_layout.h"

namespace ofs::indexer::pdf {
namespace {

// ---- MuPDF diagnostics, collected without allocating C++ objects --------

constexpr int kMaxKeptMessages = 8;
constexpr int kMessageLength = 200;

struct MessageSink {
  int count = 0;
  char messages[kMaxKeptMessages][kMessageLength] = {};
};

extern "C" void collect_message(void* user, const char* message) {
  auto* sink = static_cast<MessageSink*>(user);
  if (sink->count < kMaxKeptMessages)
    std::snprintf(sink->messages[sink->count], kMessageLength, "%s", message);
  ++sink->count;
}

struct ErrorText {
  char text[kMessageLength] = {};
};

void copy_caught(fz_context* ctx, ErrorText* error) {
  std::snprintf(error->text, kMessageLength, "%s", fz_caught_message(ctx));
}

// ---- C-style wrappers: each fz_try is isolated here ---------------------

// fz_register_document_handlers cannot fail in practice but may throw.
void register_handlers(fz_context* ctx, ErrorText* error) {
  fz_try(ctx) { fz_register_document_handlers(ctx); }
  fz_catch(ctx) { copy_caught(ctx, error); }
}

// The same from bytes in memory (which must outlive the document).
fz_document* open_document_in_memory(fz_context* ctx, const unsigned char* data, size_t length,
                                     ErrorText* error) {
  fz_document* doc = nullptr;
  fz_stream* stream = nullptr;
  fz_var(doc);
  fz_var(stream);
  fz_try(ctx) {
    stream = fz_open_memory(ctx, data, length);
    doc = fz_open_document_with_stream(ctx, "application/pdf", stream);
  }
  fz_always(ctx) { fz_drop_stream(ctx, stream); }
  fz_catch(ctx) {
    copy_caught(ctx, error);
    doc = nullptr;
  }
  return doc;
}

fz_document* open_document(fz_context* ctx, const char* path, ErrorText* error) {
  fz_document* doc = nullptr;
  fz_var(doc);
  fz_try(ctx) { doc = fz_open_document(ctx, path); }
  fz_catch(ctx) {
    copy_caught(ctx, error);
    doc = nullptr;
  }
  return doc;
}

int count_pages(fz_context* ctx, fz_document* doc, ErrorText* error) {
  int pages = -1;
  fz_var(pages);
  fz_try(ctx) { pages = fz_count_pages(ctx, doc); }
  fz_catch(ctx) {
    copy_caught(ctx, error);
    pages = -1;
  }
  return pages;
}

// Loads page `index` and builds its structured text; the page bounds go to
// `bounds`.  Returns nullptr on failure.
fz_stext_page* load_stext_page(fz_context* ctx, fz_document* doc, int index, fz_rect* bounds,
                               ErrorText* error) {
  fz_page* page = nullptr;
  fz_stext_page* text = nullptr;
  fz_var(page);
  fz_var(text);
  fz_try(ctx) {
    page = fz_load_page(ctx, doc, index);
    *bounds = fz_bound_page(ctx, page);
    fz_stext_options options = {};
    options.flags = 0;  // expand ligatures, normalise whitespace
    text = fz_new_stext_page_from_page(ctx, page, &options);
  }
  fz_always(ctx) { fz_drop_page(ctx, page); }
  fz_catch(ctx) {
    copy_caught(ctx, error);
    text = nullptr;
  }
  return text;
}

bool document_was_repaired(fz_context* ctx, fz_document* doc) {
  pdf_document* pdf = pdf_specifics(ctx, doc);
  return pdf != nullptr && pdf_was_repaired(ctx, pdf);
}

// ---- RAII owners (destructors run outside any fz_try) -------------------

struct ContextDeleter {
  void operator()(fz_context* ctx) const { fz_drop_context(ctx); }
};
using ContextPtr = std::unique_ptr<fz_context, ContextDeleter>;

struct DocumentHolder {
  fz_context* ctx;
  fz_document* doc;
  ~DocumentHolder() { fz_drop_document(ctx, doc); }
};

struct StextHolder {
  fz_context* ctx;
  fz_stext_page* page;
  ~StextHolder() { fz_drop_stext_page(ctx, page); }
};

// ---- Turning MuPDF characters into Lines ---------------------------------

bool font_is_bold(fz_context* ctx, fz_font* font) {
  if (font == nullptr) return false;
  if (fz_font_is_bold(ctx, font)) return true;
  // Embedded subset fonts often lack the flag; the name still says it.
  const char* name = fz_font_name(ctx, font);
  return name != nullptr &&
         (std::strstr(name, "Bold") || std::strstr(name, "bold") || std::strstr(name, "Black") ||
          std::strstr(name, "Heavy") || std::strstr(name, "Semibold") || std::strstr(name, "SemiBold"));
}

// Appends one character, normalising what the blocks must not contain.
void append_normalised(std::string& out, char32_t c) {
  static const std::map<char32_t, const char*> ligatures = {{0xFB00, "ff"},  {0xFB01, "fi"},  {0xFB02, "fl"},
                                                            {0xFB03, "ffi"}, {0xFB04, "ffl"}, {0xFB05, "st"},
                                                            {0xFB06, "st"}};
  if (auto it = ligatures.find(c); it != ligatures.end()) {
    out += it->second;
    return;
  }
  const bool whitespace = c == ' ' || c == '\t' || c == 0xA0 || c == 0x2002 || c == 0x2003 || c == 0x2009 ||
                          c == 0x200A || c == 0x3000;
  if (whitespace) {
    if (!out.empty() && out.back() != ' ') out += ' ';
    return;
  }
  const bool control = c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0xFEFF || c == 0x200B ||
                       (c >= 0xD800 && c < 0xE000) || c > 0x10FFFF;
  if (control) return;
  analyzers::append_code_point(out, c);
}

double rounded_size(double size) { return std::round(size * 2) / 2; }

struct LineFacts {
  double size = 0;
  bool bold = false;
  double baseline = 0;
};

// Dominant size/boldness/baseline by character count: a line with one bold
// word is still a body line.
LineFacts dominant_facts(fz_context* ctx, const fz_stext_line* line) {
  std::map<double, int> sizes;
  int bold = 0, total = 0;
  for (auto* ch = line->first_char; ch; ch = ch->next) {
    if (ch->c == ' ') continue;
    ++sizes[rounded_size(ch->size)];
    bold += font_is_bold(ctx, ch->font);
    ++total;
  }
  LineFacts facts;
  int best = -1;
  for (auto [size, count] : sizes)
    if (count > best) best = count, facts.size = size;
  facts.bold = total > 0 && bold * 2 > total;
  double lowest = -1e9;  // body characters sit on the lowest baseline
  for (auto* ch = line->first_char; ch; ch = ch->next)
    if (rounded_size(ch->size) == facts.size) lowest = std::max(lowest, double(ch->origin.y));
  facts.baseline = lowest;
  return facts;
}

// A footnote reference is a digit printed smaller and raised.
bool is_superscript_marker(const fz_stext_char* ch, const LineFacts& facts) {
  const bool small = ch->size < facts.size * 0.8;
  const bool raised = ch->origin.y < facts.baseline - facts.size * 0.15;
  const bool digit_like = (ch->c >= '0' && ch->c <= '9') || ch->c == ',';
  return small && raised && digit_like;
}

std::string trimmed(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  size_t start = s.find_first_not_of(' ');
  return start == std::string::npos ? std::string() : s.substr(start);
}

Line make_line(fz_context* ctx, const fz_stext_line* source, int page, int block) {
  const LineFacts facts = dominant_facts(ctx, source);
  Line line;
  line.page = page;
  line.source_block = block;
  line.x0 = source->bbox.x0;
  line.y0 = source->bbox.y0;
  line.x1 = source->bbox.x1;
  line.y1 = source->bbox.y1;
  line.text_x0 = line.x0;
  line.baseline = facts.baseline;
  line.font_size = facts.size;
  line.bold = facts.bold;
  // Word edges let the cleanup step tell a tab-separated label ("10.<tab>")
  // from a number that merely starts a sentence.
  enum { kBeforeFirstWord, kInFirstWord, kAfterFirstWord, kDone } state = kBeforeFirstWord;
  bool in_marker = false;
  for (auto* ch = source->first_char; ch; ch = ch->next) {
    const bool space = ch->c == ' ';
    if (state == kBeforeFirstWord && !space) state = kInFirstWord;
    if (state == kInFirstWord && space) state = kAfterFirstWord;
    if (state == kInFirstWord) line.first_word_x1 = ch->quad.ur.x;
    if (state == kAfterFirstWord && !space) line.second_word_x0 = ch->quad.ul.x, state = kDone;
    if (is_superscript_marker(ch, facts)) {
      if (line.text.empty()) {
        line.starts_with_superscript = true;
      } else if (ch->c != ',') {
        // Consecutive digits form one marker ("12"); a comma or text between
        // them starts another.
        if (!in_marker) line.superscripts.emplace_back();
        line.superscripts.back() += static_cast<char>(ch->c);
      }
      in_marker = ch->c != ',';
      continue;
    }
    in_marker = false;
    append_normalised(line.text, static_cast<char32_t>(ch->c));
  }
  line.text = trimmed(line.text);
  return line;
}

// Justified text with wide word spacing makes MuPDF split one visual line
// into several ("2. Children" "looked" "after" ...).  Pieces of one MuPDF
// block on the same baseline, same style, less than 2 em apart are one line.
bool is_same_line_continued(const Line& left, const Line& right) {
  constexpr double kMaxWordGapEm = 1.3;
  const double gap = right.x0 - left.x1;
  const bool right_is_page_reference =  // contents page: "Recommendations ... 8"
      right.text.find_first_not_of("0123456789") == std::string::npos;
  return !right_is_page_reference && left.source_block == right.source_block &&
         std::fabs(left.baseline - right.baseline) < 1 && left.font_size == right.font_size &&
         left.bold == right.bold && gap >= -0.5 && gap < left.font_size * kMaxWordGapEm;
}

// A cover-page field printed as "Label:<tab>value" ("Inspection dates:"
// then "15 – 19 July 2013" 1.5 em to the right, in the same MuPDF block):
// one line, so the label keeps its value.  Boldness may differ.
bool is_labelled_value(const Line& left, const Line& right) {
  constexpr double kMaxTabGapEm = 4;
  constexpr size_t kMaxLabelLength = 40;
  const double gap = right.x0 - left.x1;
  return !left.text.empty() && left.text.back() == ':' && left.text.size() <= kMaxLabelLength &&
         left.source_block == right.source_block && std::fabs(left.baseline - right.baseline) < 1 &&
         left.font_size == right.font_size && gap >= -0.5 && gap < left.font_size * kMaxTabGapEm;
}

void append_to_line(Line& left, const Line& right) {
  if (left.second_word_x0 <= 0) {  // left was one word: right starts word two
    left.second_word_x0 = right.x0;
    left.first_word_x1 = left.x1;
  }
  left.text += " " + right.text;
  if (right.starts_with_superscript) left.superscripts.emplace_back();  // digits unknown
  left.superscripts.insert(left.superscripts.end(), right.superscripts.begin(), right.superscripts.end());
  left.x1 = right.x1;
  left.y0 = std::min(left.y0, right.y0);
  left.y1 = std::max(left.y1, right.y1);
}

Page make_page(fz_context* ctx, const fz_stext_page* text, fz_rect bounds, int number) {
  Page page;
  page.number = number;
  page.width = bounds.x1 - bounds.x0;
  page.height = bounds.y1 - bounds.y0;
  int block_index = 0;
  for (auto* block = text->first_block; block; block = block->next, ++block_index) {
    if (block->type != FZ_STEXT_BLOCK_TEXT) continue;
    for (auto* line = block->u.t.first_line; line; line = line->next) {
      if (line->wmode != 0 || std::fabs(line->dir.y) > 0.1) continue;  // rotated text
      Line made = make_line(ctx, line, number, block_index);
      if (made.text.empty()) continue;
      if (!page.lines.empty() && is_labelled_value(page.lines.back(), made)) {
        append_to_line(page.lines.back(), made);
        page.lines.back().is_field = true;
      } else if (!page.lines.empty() && is_same_line_continued(page.lines.back(), made))
        append_to_line(page.lines.back(), made);
      else page.lines.push_back(std::move(made));
    }
  }
  return page;
}

std::string summarise(const MessageSink& sink) {
  std::string out = std::to_string(sink.count) + " MuPDF warning(s)";
  if (sink.count > 0) out += std::string(", first: ") + sink.messages[0];
  return out;
}

}  // namespace

Document load_with_mupdf(const std::string& path, const std::string* bytes) {
  Document result;
  MessageSink warnings, errors;
  ContextPtr ctx(fz_new_context(nullptr, nullptr, FZ_STORE_DEFAULT));
  if (!ctx) {
    result.error = "cannot start MuPDF (out of memory?)";
    return result;
  }
  fz_set_warning_callback(ctx.get(), collect_message, &warnings);
  fz_set_error_callback(ctx.get(), collect_message, &errors);
  ErrorText error;
  register_handlers(ctx.get(), &error);
  fz_document* raw =
      bytes ? open_document_in_memory(ctx.get(), reinterpret_cast<const unsigned char*>(bytes->data()),
                                      bytes->size(), &error)
            : open_document(ctx.get(), path.c_str(), &error);
  if (raw == nullptr) {
    result.error = std::string("PDF is damaged/truncated: ") + error.text;
    return result;
  }
  DocumentHolder doc{ctx.get(), raw};
  if (fz_needs_password(ctx.get(), raw)) {
    result.error = "PDF is encrypted (password required)";
    return result;
  }
  const int page_count = count_pages(ctx.get(), raw, &error);
  if (page_count < 0) {
    result.error = std::string("PDF is damaged/truncated: ") + error.text;
    return result;
  }
  result.page_count = page_count;
  for (int i = 0; i < page_count; ++i) {
    fz_rect bounds{};
    fz_stext_page* text = load_stext_page(ctx.get(), raw, i, &bounds, &error);
    if (text == nullptr) {
      result.error = "PDF is damaged/truncated: page " + std::to_string(i + 1) + " unreadable: " + error.text;
      return result;
    }
    StextHolder holder{ctx.get(), text};
    result.pages.push_back(make_page(ctx.get(), text, bounds, i + 1));
  }
  // Repair happens lazily (on first object access), so ask only now.  A
  // repaired file had a broken cross-reference table: typically a truncated
  // download whose missing tail MuPDF silently papered over.
  if (document_was_repaired(ctx.get(), raw)) {
    result.error = "PDF is damaged/truncated: cross-reference table broken (" +
                   summarise(errors.count ? errors : warnings) + ")";
    return result;
  }
  if (warnings.count > 0) result.warnings.push_back(summarise(warnings));
  return result;
}

}  // namespace ofs::indexer::pdf
