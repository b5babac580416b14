// Page cleanup: drop what is layout furniture rather than running text
// (running headers/footers, page numbers, footnotes) and attach labels
// (paragraph numbers, bullet glyphs) that the PDF prints as separate pieces.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include <re2/re2.h>

#include "analyzers/utf8.h"
#include "indexer/pdf_layout.h"

namespace ofs::indexer::pdf {
namespace {

// Running headers/footers live in these bands (fractions of page height).
// Ofsted body text starts ~11% down the page, footers start ~93% down.
constexpr double kTopBand = 0.10;
constexpr double kBottomBand = 0.90;

bool in_margin_band(const Line& line, const Page& page) {
  return line.y1 <= page.height * kTopBand || line.y0 >= page.height * kBottomBand;
}

// Text with digits folded, so "2" and "3" (page numbers) or "Page 2 of 9"
// and "Page 3 of 9" compare equal across pages.
std::string repetition_key(const std::string& text) {
  std::string key;
  for (unsigned char c : text) {
    if (std::isdigit(c)) {
      if (key.empty() || key.back() != '#') key += '#';
    } else {
      key += static_cast<char>(std::tolower(c));
    }
  }
  return key;
}

// These run on every line of every page: RE2 (linear time) or plain code.
bool looks_like_page_number(const std::string& text) {
  static const RE2 page_number(
      R"((?i)(?:page\s*)?(?:[-\s]|–)*\d{1,4}(?:[-\s]|–)*(?:\s*(?:of|/)\s*\d{1,4})?)");
  return RE2::FullMatch(text, page_number);
}

bool looks_like_paragraph_number(const std::string& text) {
  static const RE2 number(
      R"(\d{1,3}(?:\.\d{1,2})*\.?|\(?[a-z]\)|[a-z]\.|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\))");
  return RE2::FullMatch(text, number);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Number of digits `text` starts with.
size_t leading_digits(const std::string& text) {
  size_t n = 0;
  while (n < text.size() && is_digit(text[n])) ++n;
  return n;
}

// "12", a contents-page reference printed flush right.
bool is_short_number(const std::string& text) {
  const size_t digits = leading_digits(text);
  return digits >= 1 && digits <= 3 && digits == text.size();
}

// "3 See the report…": the footnote number, or empty when the line does not
// start with one (one to three digits, then a space or the end).
std::string footnote_number(const std::string& text) {
  const size_t digits = leading_digits(text);
  if (digits < 1 || digits > 3) return {};
  if (digits < text.size() && !std::isspace(static_cast<unsigned char>(text[digits]))) return {};
  return text.substr(0, digits);
}

// "1", "2, 3": footnote markers left on a line of their own.
bool is_marker_digits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return is_digit(c) || c == ',' || std::isspace(static_cast<unsigned char>(c));
  });
}

// The first code point of `s` (0 when empty or not UTF-8) and its length in bytes.
char32_t first_code_point(const std::string& s, size_t* length = nullptr) {
  size_t end = 0;
  const int32_t c = s.empty() ? 0 : analyzers::next_code_point(s, end);
  if (length) *length = end;
  return c < 0 ? 0 : static_cast<char32_t>(c);
}

bool is_dash(char32_t c) { return c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2212; }

// A line that is only a bullet glyph (possibly several, e.g. spacing glyphs).
bool is_bullet_label(const std::string& text) {
  size_t length = 0;
  const char32_t c = first_code_point(text, &length);
  return length == text.size() && (is_bullet_glyph(c) || is_dash(c));
}

bool is_label(const std::string& text) { return is_bullet_label(text) || looks_like_paragraph_number(text); }

bool same_baseline(const Line& a, const Line& b) {
  const double overlap = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  const double shorter = std::min(a.y1 - a.y0, b.y1 - b.y0);
  return overlap > 0.5 * shorter;
}

// Index of the line that a label at `label_index` introduces: on the same
// baseline, to its right, nearest.  -1 if none.
int find_labelled_line(const Page& page, size_t label_index) {
  const Line& label = page.lines[label_index];
  constexpr double kMaxLabelGap = 80;  // points between label and its text
  int best = -1;
  for (size_t i = 0; i < page.lines.size(); ++i) {
    const Line& line = page.lines[i];
    if (i == label_index || !same_baseline(label, line)) continue;
    if (line.x0 < label.x1 - 1 || line.x0 - label.x1 > kMaxLabelGap) continue;
    if (is_label(line.text)) continue;
    if (best < 0 || line.x0 < page.lines[best].x0) best = static_cast<int>(i);
  }
  return best;
}

// Splits a label written inside the line itself: a bullet glyph ("• text")
// or a paragraph number followed by a tab-sized gap ("10.<tab>Work to ...").
// A number followed by an ordinary space is text ("1. Children who ..."),
// unless the next line hangs under the second word (a hanging indent).
// Dashes are not stripped: a wrapped line may start with a real dash.
void strip_inline_label(Page& page, size_t index) {
  Line& line = page.lines[index];
  const Line* next = index + 1 < page.lines.size() ? &page.lines[index + 1] : nullptr;
  const size_t space = line.text.find(' ');
  if (space == std::string::npos || line.second_word_x0 <= 0) return;
  const std::string first_word = line.text.substr(0, space);
  size_t length = 0;
  bool bullet = first_code_point(first_word, &length) && length == first_word.size() &&
                is_bullet_glyph(first_code_point(first_word));
  constexpr double kTabGapEm = 0.5;  // a space is ~0.3 em; tabs are wider
  const bool tabbed = line.second_word_x0 - line.first_word_x1 > line.font_size * kTabGapEm;
  // Hanging indent: the next line starts just after the label, at or
  // before the second word (Word pushes a wide "28." past its tab stop).
  const bool hanging = next != nullptr && next->x0 >= line.first_word_x1 - 2 &&
                       next->x0 <= line.second_word_x0 + 2 && next->x0 > line.x0 + 5;
  // Dash bullets only with evidence: hanging continuation or a sibling item
  // starting with the same dash at the same x.
  const auto same_dash_item = [&](const Line* other) {
    return other != nullptr && std::fabs(other->x0 - line.x0) < 2 &&
           (other->label == first_word || other->text.rfind(first_word + " ", 0) == 0);
  };
  // Siblings are looked for a few lines around (items may wrap).
  bool has_sibling = false;
  constexpr size_t kSiblingReach = 3;
  for (size_t j = index > kSiblingReach ? index - kSiblingReach : 0;
       j < std::min(page.lines.size(), index + kSiblingReach + 1); ++j)
    if (j != index && same_dash_item(&page.lines[j])) has_sibling = true;
  const bool dash_bullet =
      is_dash(first_code_point(first_word)) && length == first_word.size() && (hanging || has_sibling);
  if (dash_bullet) bullet = true;
  if (!bullet && !((tabbed || hanging) && looks_like_paragraph_number(first_word))) return;
  line.label = first_word;
  line.text = line.text.substr(space + 1);
  line.is_bullet = bullet;
  // Continuation lines align with the hanging indent, not the first word.
  line.text_x0 = hanging ? next->x0 : line.second_word_x0;
}

}  // namespace

bool is_bullet_glyph(char32_t c) {
  switch (c) {
    case 0x2022:
    case 0x2023:
    case 0x2043:
    case 0x2219:
    case 0x00B7:
    case 0x25A0:
    case 0x25A1:
    case 0x25AA:
    case 0x25AB:
    case 0x25CF:
    case 0x25CB:
    case 0x25E6:
    case 0x25FC:
    case 0x25FE:
    case 0x25BA:
    case 0x25B6:
    case 0x27A2:
    case 0x27A4:
    case 0x2713:
    case 0x2714:
    case 0x2666:
    case 0x2756:
    case 0x29BF:
    case 0x2500:
      return true;
    default:
      // Symbol/Wingdings glyphs without a Unicode mapping land in the
      // private use area (U+F0B7, U+F06E, U+F0A7, U+F02D ...).
      return c >= 0xF000 && c <= 0xF0FF;
  }
}

double body_font_size(const std::vector<Page>& pages) {
  std::map<double, size_t> characters_by_size;
  for (const Page& page : pages)
    for (const Line& line : page.lines) characters_by_size[line.font_size] += line.text.size();
  double best_size = 0;
  size_t best_count = 0;
  for (auto [size, count] : characters_by_size)
    if (count > best_count) best_count = count, best_size = size;
  return best_size;
}

void remove_running_headers_and_footers(std::vector<Page>& pages) {
  // A margin line is running furniture when the same text (digits folded)
  // recurs in the margins of several pages.
  std::map<std::string, std::set<int>> pages_by_key;
  for (const Page& page : pages)
    for (const Line& line : page.lines)
      if (in_margin_band(line, page)) pages_by_key[repetition_key(line.text)].insert(page.number);
  const size_t min_repeats = std::max<size_t>(2, static_cast<size_t>(std::ceil(pages.size() * 0.25)));
  for (Page& page : pages) {
    std::erase_if(page.lines, [&](const Line& line) {
      // Contents pages: page references printed flush right.
      const bool right_aligned_number = line.x0 > page.width * 0.6 && is_short_number(line.text);
      if (right_aligned_number) return true;
      if (!in_margin_band(line, page)) return false;
      if (looks_like_page_number(line.text)) return true;
      if (looks_like_paragraph_number(line.text)) return false;
      return pages_by_key[repetition_key(line.text)].size() >= min_repeats;
    });
  }
}

void remove_footnotes(std::vector<Page>& pages, double body_size) {
  // Footnotes: a run of smaller-than-body lines in the lower part of the
  // page, the first of which starts with the footnote number.  Everything
  // small from there down is footnote text.  A footnote needs its reference
  // in the body of the same page (a raised digit dropped by the MuPDF step):
  // without one, small numbered lines low on the page are text (the 2013
  // cover pages: "Inspection dates: 15 – 19 July 2013" in 10 pt).  A
  // footnote that starts with a number must start with one of the page's
  // reference numbers.
  for (Page& page : pages) {
    const auto small = [&](const Line& line) { return line.font_size < body_size * 0.9; };
    const auto low = [&](const Line& line) { return line.y0 > page.height * 0.45; };
    std::set<std::string> references;
    bool unknown_reference = false;  // a marker whose digits were not kept
    for (const Line& line : page.lines) {
      if (small(line) && low(line)) continue;  // footnote text itself
      for (const std::string& marker : line.superscripts) {
        if (marker.empty()) unknown_reference = true;
        references.insert(marker);
      }
    }
    if (references.empty()) {
      // No reference on the page: only stray marker-only lines go.
      std::erase_if(page.lines, [&](const Line& line) {
        return small(line) && !low(line) && is_marker_digits(line.text);
      });
      continue;
    }
    double footnote_top = page.height + 1;
    for (const Line& line : page.lines) {
      if (!small(line) || !low(line)) continue;
      const std::string number = footnote_number(line.text);
      const bool numbered = !number.empty() && (unknown_reference || references.count(number) > 0);
      if (line.starts_with_superscript || numbered) footnote_top = std::min(footnote_top, line.y0);
    }
    std::erase_if(page.lines, [&](const Line& line) {
      const bool marker_only = small(line) && is_marker_digits(line.text);
      return (small(line) && line.y0 >= footnote_top - 1) || marker_only;
    });
  }
}

void attach_labels(std::vector<Page>& pages) {
  for (Page& page : pages) {
    std::vector<bool> consumed(page.lines.size(), false);
    for (size_t i = 0; i < page.lines.size(); ++i) {
      if (!is_label(page.lines[i].text)) continue;
      const int target = find_labelled_line(page, i);
      if (target < 0 || consumed[target]) continue;
      Line& text = page.lines[target];
      const Line& label = page.lines[i];
      text.label = label.text;
      text.is_bullet = is_bullet_label(label.text);
      text.x0 = label.x0;
      consumed[i] = true;
    }
    std::vector<Line> kept;
    for (size_t i = 0; i < page.lines.size(); ++i)
      if (!consumed[i]) kept.push_back(std::move(page.lines[i]));
    page.lines = std::move(kept);
    for (size_t i = 0; i < page.lines.size(); ++i) {
      if (page.lines[i].label.empty()) strip_inline_label(page, i);
    }
  }
}

}  // namespace ofs::indexer::pdf
