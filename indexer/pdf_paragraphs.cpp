// Lines -> blocks: group lines into paragraphs, bullet items and headings,
// join hard wraps, then rejoin paragraphs cut by page breaks.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "indexer/pdf_layout.h"

namespace ofs::indexer::pdf {
namespace {

// Lines of one block under construction.
struct Group {
  std::vector<const Line*> lines;
  const Line& first() const { return *lines.front(); }
  const Line& last() const { return *lines.back(); }
};

// Most common baseline-to-baseline distance between consecutive body lines:
// the document's normal line pitch.  Paragraph breaks are wider than that.
double typical_line_pitch(const std::vector<Page>& pages, double body_size) {
  std::map<double, int> pitches;
  for (const Page& page : pages)
    for (size_t i = 1; i < page.lines.size(); ++i) {
      const Line& a = page.lines[i - 1];
      const Line& b = page.lines[i];
      if (a.font_size != body_size || b.font_size != body_size) continue;
      const double pitch = b.baseline - a.baseline;
      if (pitch > body_size * 0.9 && pitch < body_size * 3) ++pitches[std::round(pitch * 2) / 2];
    }
  double best = body_size * 1.2;
  int best_count = 0;
  for (auto [pitch, count] : pitches)
    if (count > best_count) best_count = count, best = pitch;
  return best;
}

bool is_lowercase_start(const std::string& text) {
  return !text.empty() && std::islower(static_cast<unsigned char>(text[0]));
}

bool ends_sentence(const std::string& text) {
  std::string t = text;
  // Look through closing quotes/brackets: ends with ." or .) counts.
  while (!t.empty()) {
    const std::string tail3 = t.size() >= 3 ? t.substr(t.size() - 3) : "";
    if (tail3 == "\xE2\x80\x9D" || tail3 == "\xE2\x80\x99") t.resize(t.size() - 3);
    else if (t.back() == '"' || t.back() == '\'' || t.back() == ')') t.pop_back();
    else break;
  }
  return !t.empty() && (t.back() == '.' || t.back() == '!' || t.back() == '?' || t.back() == ':');
}

bool starts_new_group(const Group& group, const Line& line, double pitch_limit, double body_size) {
  if (group.lines.empty()) return true;
  const Line& prev = group.last();
  if (!line.label.empty()) return true;
  if (line.is_field || prev.is_field) return true;  // cover-page "Label: value" lines
  if (std::fabs(line.font_size - prev.font_size) > 0.6 || line.bold != prev.bold) return true;
  // Paragraph gap; larger type (titles) has proportionally larger pitch.
  const double scale = std::max(1.0, line.font_size / body_size);
  if (line.baseline - prev.baseline > pitch_limit * scale) return true;
  if (line.y0 < prev.y0 - 1) return true;  // went up: other column/cell
  if (line.x0 > prev.x1) return true;      // to the right: table cell
  const Line& first = group.first();
  // Continuation lines of a labelled item hang near the text's left edge
  // (Word sometimes puts them a tab stop further right than the first line,
  // or a little left of it), never back at the label's own edge.
  // A lowercase mid-sentence line is a continuation wherever it starts.
  if (!first.label.empty()) {
    const bool mid_sentence = is_lowercase_start(line.text) && !ends_sentence(prev.text);
    return !mid_sentence && (line.x0 < first.x0 + 5 || line.x0 > first.text_x0 + 15);
  }
  // MuPDF's own block split is trusted when the left edge also moves.
  if (line.source_block != prev.source_block && std::fabs(line.x0 - prev.x0) > 3 &&
      std::fabs(line.x0 - first.text_x0) > 3)
    return true;
  return false;
}

std::vector<Group> group_page_lines(const Page& page, double pitch_limit, double body_size) {
  std::vector<Group> groups;
  for (const Line& line : page.lines) {
    if (groups.empty() || starts_new_group(groups.back(), line, pitch_limit, body_size))
      groups.emplace_back();
    groups.back().lines.push_back(&line);
  }
  return groups;
}

// A cover-page fact "Label: value" ("Inspection date: 11 May 2015 – 4 June
// 2015", "Report published: 13 February 2017", "Lead inspector: Steve Lowe"):
// a label of at most three words without digits, then a value.  Headings
// with a colon carry a number before it ("Section 1: …").
bool looks_like_field(const std::string& text) {
  const size_t colon = text.find(": ");
  if (colon == std::string::npos || colon == 0 || colon + 2 >= text.size()) return false;
  const std::string label = text.substr(0, colon);
  if (std::any_of(label.begin(), label.end(), [](unsigned char c) { return std::isdigit(c); })) return false;
  return std::count(label.begin(), label.end(), ' ') <= 2;
}

bool looks_like_heading(const Block& block, size_t line_count, double body_size) {
  if (block.kind == BlockKind::Bullet) return false;
  if (looks_like_field(block.text)) return false;
  const bool emphasised = block.bold || block.font_size >= body_size * 1.12;
  const bool short_enough = line_count <= 3 && block.text.size() <= 200;
  const bool no_sentence_end = block.text.empty() || block.text.back() != '.';
  return emphasised && short_enough && no_sentence_end;
}

Block make_block(const Group& group, double body_size) {
  Block block;
  const Line& first = group.first();
  block.page = first.page;
  block.kind = first.is_bullet ? BlockKind::Bullet : BlockKind::Text;
  std::map<double, size_t> size_weight;
  size_t bold_chars = 0, total_chars = 0;
  for (const Line* line : group.lines) {
    block.text = block.text.empty() ? line->text : join_wrapped(block.text, line->text);
    size_weight[line->font_size] += line->text.size();
    total_chars += line->text.size();
    if (line->bold) bold_chars += line->text.size();
  }
  size_t best = 0;
  for (auto [size, weight] : size_weight)
    if (weight > best) best = weight, block.font_size = size;
  block.bold = bold_chars * 2 > total_chars;
  if (!first.label.empty() && !first.is_bullet) block.text = first.label + " " + block.text;
  if (looks_like_heading(block, group.lines.size(), body_size)) block.kind = BlockKind::Heading;
  return block;
}

bool starts_like_running_text(const std::string& text) {
  if (text.empty()) return false;
  const auto c = static_cast<unsigned char>(text[0]);
  if (std::isalnum(c) || c == '(' || c == '"' || c == '\'') return true;
  // Curly quotes U+2018/U+201C.
  return text.rfind("\xE2\x80\x98", 0) == 0 || text.rfind("\xE2\x80\x9C", 0) == 0;
}

// The last block of one page and the first of the next may be one paragraph.
enum class PageBreakJoin { Separate, Join, MarkContinuation };

PageBreakJoin page_break_decision(const Block& before, const Line& before_first, const Block& after,
                                  const Line& after_first) {
  if (before.kind == BlockKind::Heading || after.kind == BlockKind::Heading) return PageBreakJoin::Separate;
  if (after.kind != BlockKind::Text || !after_first.label.empty()) return PageBreakJoin::Separate;
  if (std::fabs(before.font_size - after.font_size) > 0.6 || before.bold != after.bold)
    return PageBreakJoin::Separate;
  if (is_lowercase_start(after.text)) return PageBreakJoin::Join;
  // Unnumbered text indented like the numbered paragraph before the break
  // ("12.<tab>..." then "However, ..." at the text edge) continues it, even
  // though a sentence ended at the break.
  const bool hangs_under_number = !before_first.label.empty() && !before_first.is_bullet &&
                                  after_first.x0 > before_first.x0 + 3 &&
                                  std::fabs(after_first.x0 - before_first.text_x0) < 3;
  if (ends_sentence(before.text) && !hangs_under_number) return PageBreakJoin::Separate;
  // A sentence goes on with a word, a number or a quote/bracket, not with a
  // symbol ("© Crown copyright" after a cover page's last line).
  if (!starts_like_running_text(after.text)) return PageBreakJoin::Separate;
  // Mid-sentence break before a capital ("... the Integrated Front Door"):
  // likely the same paragraph, but a heading-less new paragraph is possible.
  return PageBreakJoin::MarkContinuation;
}

// "and"/"or"/"to" after a line-end hyphen: "16- and 17-year-olds".
bool starts_with_suspension_word(const std::string& text) {
  for (const char* word : {"and ", "or ", "to "})
    if (text.rfind(word, 0) == 0) return true;
  return text == "and" || text == "or" || text == "to";
}

// Nested bullets whose glyph is a drawing, not text (Bedford 2017 p5:
// "The proportion of children entitled to free school meals:" then "in
// primary schools is 12% …" indented with no glyph): an unlabelled text
// group indented past the text edge of a bullet item that ends in a colon,
// or at the same left edge as such a glyphless item just before it.
bool is_glyphless_sub_bullet(const Group& group, const Group* previous, bool previous_was_sub) {
  if (previous == nullptr || !group.first().label.empty()) return false;
  const Line& first = group.first();
  const Line& before = previous->first();
  constexpr double kMinIndent = 10;
  if (previous_was_sub) return std::fabs(first.x0 - before.x0) < 2;
  const std::string& intro = previous->last().text;
  return before.is_bullet && !intro.empty() && intro.back() == ':' && first.x0 > before.text_x0 + kMinIndent;
}

// A bullet item's own continuation printed as a separate paragraph back at
// the bullet glyph's left edge after a paragraph-sized gap (Doncaster 2015
// p5: "The functions … delegated to a third-party provider are:" then "all
// services for children in need, …" flush with the glyph).  Lowercase text
// in the same style after a bullet that does not end a sentence, or ends in
// a colon, belongs to that item.
bool continues_bullet_item(const Group& group, const Block& block, const Group& previous,
                           const Block& previous_block) {
  if (previous_block.kind != BlockKind::Bullet || block.kind != BlockKind::Text) return false;
  const Line& first = group.first();
  const Line& bullet = previous.first();
  if (!first.label.empty() || !is_lowercase_start(first.text) || first.is_field) return false;
  if (std::fabs(first.font_size - previous.last().font_size) > 0.6 || first.bold != previous.last().bold)
    return false;
  const std::string& before = previous_block.text;
  const bool open = !before.empty() && (before.back() == ':' || !ends_sentence(before));
  return open && first.x0 > bullet.x0 - 2 && first.x0 < bullet.text_x0 + 2;
}

}  // namespace

std::string join_wrapped(const std::string& first, const std::string& second) {
  if (first.empty()) return second;
  if (second.empty()) return first;
  // A line ending in a hyphen attached to a word ("strength-", "17-",
  // "Wi-") is a compound split at its own hyphen: in the 130-report corpus
  // all 667 such line ends are real compounds (no soft hyphenation), so keep
  // the hyphen and add no space, whatever the case of the next word.  The
  // exception is a suspended hyphen ("short- and long-term", "19- to 25-").
  // A free-standing dash ("children -") is punctuation: keep the space.
  const bool word_hyphen = first.back() == '-' && first.size() >= 2 && first[first.size() - 2] != ' ';
  if (word_hyphen && !starts_with_suspension_word(second)) return first + second;
  // U+00AD soft hyphen at a line end marks a word broken only for layout.
  if (first.size() >= 2 && first.compare(first.size() - 2, 2, "\xC2\xAD") == 0)
    return first.substr(0, first.size() - 2) + second;
  return first + " " + second;
}

Blocks build_blocks(const std::vector<Page>& pages, double body_size) {
  const double pitch = typical_line_pitch(pages, body_size);
  const double pitch_limit = std::max(pitch * 1.3, pitch + 3);
  Blocks blocks;
  int page_of_last_block_end = -1;  // page whose last group made blocks.back()
  const Line* first_line_of_last_block = nullptr;
  std::vector<Group> previous_page_groups;
  const Group* previous_group = nullptr;  // across page breaks too
  bool previous_was_sub = false;
  for (const Page& page : pages) {
    std::vector<Group> groups = group_page_lines(page, pitch_limit, body_size);
    for (size_t i = 0; i < groups.size(); ++i) {
      Block block = make_block(groups[i], body_size);
      const bool sub = block.kind == BlockKind::Text &&
                       is_glyphless_sub_bullet(groups[i], previous_group, previous_was_sub);
      if (sub) block.kind = BlockKind::Bullet;
      const bool continues_item =
          i > 0 && !blocks.empty() && continues_bullet_item(groups[i], block, groups[i - 1], blocks.back());
      previous_group = &groups[i];
      previous_was_sub = sub;
      if (continues_item) {
        blocks.back().text = join_wrapped(blocks.back().text, block.text);
        continue;
      }
      const bool first_on_page = i == 0;
      const bool follows_page_break = first_on_page && page_of_last_block_end == page.number - 1;
      page_of_last_block_end = page.number;
      if (follows_page_break && !blocks.empty()) {
        switch (page_break_decision(blocks.back(), *first_line_of_last_block, block, groups[i].first())) {
          case PageBreakJoin::Join: {
            Block& joined = blocks.back();
            joined.text = join_wrapped(joined.text, block.text);
            joined.page_starts.push_back({joined.text.size() - block.text.size(), block.page});
            continue;
          }
          case PageBreakJoin::MarkContinuation:
            block.continues_previous = true;
            break;
          case PageBreakJoin::Separate:
            break;
        }
      }
      blocks.push_back(std::move(block));
      first_line_of_last_block = &groups[i].first();
    }
    // Keep this page's groups alive: the next page looks back at its last one.
    previous_page_groups = std::move(groups);
    previous_group = previous_page_groups.empty() ? nullptr : &previous_page_groups.back();
  }
  return blocks;
}

}  // namespace ofs::indexer::pdf
