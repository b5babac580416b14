#include "indexer/structure.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "analyzers/text.h"
#include "indexer/file_identity.h"
#include "indexer/metadata.h"

namespace ofs::indexer {

using analyzers::Grade;
using analyzers::trim;

Tables Tables::load(const std::filesystem::path& data_dir) {
  const auto headings = data_dir / "headings.tsv";
  const auto agencies = data_dir / "agencies.tsv";
  const auto non_body = data_dir / "non-body.tsv";
  const auto authorities = data_dir / "authorities.tsv";
  Tables tables{analyzers::HeadingTable::load(headings),
                analyzers::AgencyTable::load(agencies),
                analyzers::NonBodyTable::load(non_body),
                analyzers::AuthorityTable::load(authorities),
                {}};
  std::string bytes;
  for (const auto& file : {headings, agencies, non_body, authorities}) {
    std::ifstream in(file, std::ios::binary);
    bytes += file.filename().string() + '\0';
    bytes.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    bytes += '\0';
  }
  tables.fingerprint = hash_text(bytes);
  return tables;
}

std::string join_section(const std::vector<std::string>& section) {
  std::string out;
  for (const auto& title : section) {
    if (!out.empty()) out += " › ";
    out += title;
  }
  return out;
}

namespace {

// A section the report implies without a heading (the summary under an
// ILACS judgement table) is closed by any heading that follows.
constexpr int kImplicitSectionLevel = 1000;

// Headings never run longer than this; longer lines are prose.
constexpr std::size_t kMaxHeadingWords = 16;

std::size_t word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char ch : text) {
    const bool space = ch == ' ' || ch == '\t' || ch == '\n';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

bool ends_sentence(std::string_view text) {
  text = trim(text);
  while (text.ends_with("**")) text.remove_suffix(2);
  // a closing quote or bracket after the full stop still ends the sentence
  while (!text.empty() && (text.back() == '\'' || text.back() == '"' || text.back() == ')'))
    text.remove_suffix(1);
  if (text.ends_with("’") || text.ends_with("”")) return true;
  if (text.empty()) return true;
  const char last = text.back();
  return last == '.' || last == '!' || last == '?' || last == ':' || last == ';';
}

bool starts_lowercase(std::string_view text) {
  text = trim(text);
  return !text.empty() && text.front() >= 'a' && text.front() <= 'z';
}

// Where the later pages of `block` start in its text as the structure step
// reads it (normalised, white space folded).  The text before each start is
// normalised on its own, so each start stays on the character it was on.
std::vector<schema::PageStart> folded_page_starts(const Block& block) {
  std::vector<schema::PageStart> out;
  std::string before;
  std::size_t from = 0;
  for (const auto& start : block.page_starts) {
    if (start.offset < from || start.offset > block.text.size()) continue;
    before += analyzers::normalise_for_index(std::string_view(block.text).substr(from, start.offset - from));
    from = start.offset;
    const std::size_t folded = analyzers::fold_whitespace(before).size();
    // Folding drops the space the page break left; the next page's text starts after it.
    const bool space_before = !before.empty() && std::isspace(static_cast<unsigned char>(before.back()));
    out.push_back({folded == 0 ? 0 : folded + (space_before ? 1 : 0), start.page});
  }
  return out;
}

// "57. Leadership and management…" -> 57 and the text after the number.
std::optional<std::pair<int, std::string_view>> split_paragraph_number(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && digits < 4 && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits >= text.size() || text[digits] != '.') return std::nullopt;
  std::string_view rest = text.substr(digits + 1);
  if (!rest.empty() && rest.front() != ' ') return std::nullopt;
  return std::make_pair(std::stoi(std::string(text.substr(0, digits))), trim(rest));
}

// Judgement tables number their rows: "1. Children who need…", "2.1 Adoption performance".
std::string strip_row_number(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.')) ++i;
  if (i == 0 || i >= text.size() || text[i] != ' ') return std::string(text);
  return std::string(trim(text.substr(i)));
}

std::string remove_bold_markers(std::string_view text) {
  return analyzers::fold_whitespace(analyzers::replace_bold_markers(text));
}

// A grade phrase the PDF set on the heading line without a colon
// ("…help and protection Good"); only trusted when the words before it are
// a known heading, so that ordinary headings ending in "good" stay whole.
struct SplitHeading {
  std::string heading;
  analyzers::GradeMatch grade;
};
std::optional<SplitHeading> split_bare_trailing_grade(const std::string& text) {
  static const std::pair<std::string_view, Grade> kPhrases[] = {
      {"requires improvement to be good", Grade::RequiresImprovement},
      {"requires improvement", Grade::RequiresImprovement},
      {"outstanding", Grade::Outstanding},
      {"inadequate", Grade::Inadequate},
      {"adequate", Grade::Adequate},
      {"good", Grade::Good}};
  const std::string lower = analyzers::lowercase(text);
  for (const auto& [phrase, grade] : kPhrases) {
    if (lower.size() <= phrase.size() + 1 || !lower.ends_with(phrase)) continue;
    const std::size_t at = lower.size() - phrase.size();
    if (lower[at - 1] != ' ') continue;
    return SplitHeading{std::string(trim(std::string_view(text).substr(0, at))),
                        analyzers::GradeMatch{grade, text.substr(at), at}};
  }
  return std::nullopt;
}

// The subject of a judgement line: "The effectiveness of the LSCB is" ->
// "The effectiveness of the LSCB".
std::string judgement_subject(std::string_view text) {
  std::string subject(trim(text));
  for (std::string_view verb : {" is", " are"})
    if (subject.ends_with(verb)) subject.resize(subject.size() - verb.size());
  return subject;
}

// A heading as shown in a section path: no grade, no bold markers, no
// trailing colon ("Immediately:" -> "Immediately").
std::string heading_title(std::string_view heading) {
  std::string text = remove_bold_markers(std::string(heading));
  // "Leadership and management Grade 4 (Inadequate)" and "…protection: good"
  // lose their grade; a verdict sentence ("The graded judgement for adoption
  // performance is that it is good") is kept whole, as it reads.
  if (auto grade = analyzers::find_trailing_grade(text)) {
    const std::string_view before = trim(std::string_view(text).substr(0, grade->begin));
    if (before.ends_with(":") || analyzers::starts_with_ci(grade->words, "grade ")) {
      text.resize(grade->begin);
    } else if (before.find(" that ") == std::string_view::npos) {
      // "The experiences and progress of … is inadequate" (2018-19 ILACS)
      // names the same section as "…: inadequate" does later.
      text = judgement_subject(before);
    }
  }
  std::string_view view = trim(text);
  while (!view.empty() && (view.back() == ':' || view.back() == '-'))
    view = trim(view.substr(0, view.size() - 1));
  // "… care leavers are: inadequate" (Devon 2020) names the same section.
  return view.find(" that ") != std::string_view::npos ? std::string(view) : judgement_subject(view);
}

// A heading as the report prints it, for the section path: whole, its grade
// clause included ("…help and protection: good", "…care leavers is that it
// requires improvement to be good"), as a reader quotes it; only bold
// markers, a trailing colon or full stop and a 2012 "Grade 4 (Inadequate)"
// tag go.
std::string printed_heading(std::string_view heading) {
  std::string text = remove_bold_markers(std::string(heading));
  if (auto grade = analyzers::find_trailing_grade(text);
      grade && analyzers::starts_with_ci(grade->words, "grade "))
    text.resize(grade->begin);
  std::string_view view = trim(text);
  while (!view.empty() && (view.back() == ':' || view.back() == '-' || view.back() == '.'))
    view = trim(view.substr(0, view.size() - 1));
  return std::string(view);
}

// Font sizes are compared in half points; a bold heading outranks a plain
// one of the same size.
double heading_weight(const Block& b) { return std::round(b.font_size * 2) / 2 + (b.bold ? 0.25 : 0); }

// The type styles the reader marked as headings somewhere in the report.
std::set<double> heading_styles(const Blocks& blocks) {
  std::set<double> styles;
  for (const auto& b : blocks)
    if (b.kind == BlockKind::Heading && b.font_size > 0) styles.insert(heading_weight(b));
  return styles;
}

// The area of text outside any section with an area of its own.
std::string report_root_area(const ReportMeta& meta) {
  // A 2013 report on looked after children only: everything in it is.
  if (meta.framework == kFrameworkSafeguardingLac &&
      analyzers::lowercase(meta.title).find("safeguarding") == std::string::npos)
    return "looked-after-children";
  // A SIF report opens with its executive summary, under the overall judgement.
  if (meta.framework == kFrameworkSif) return "overall";
  return "other";
}

struct RecordRow {
  std::string name;  // first cell, e.g. "Capacity for improvement"
  std::string cell;  // grade cell as printed, e.g. "adequate"; empty for a group row
};

struct Section {
  std::string title;    // the judgement's name: heading_title(), no grade
  std::string printed;  // the heading as printed: printed_heading(), for the section path
  int level = 1;
  std::string area;
  Grade grade = Grade::None;
  std::string grade_words;
  bool has_paragraphs = false;
  bool known = false;  // found in the heading table
  double weight = 0;   // type size of its heading (heading_weight); 0 in plain text
};

enum class Mode {
  Front,       // title page: report facts and the judgement table
  Contents,    // a contents page: headings that are only entries
  Body,        // numbered paragraphs, bullets and headings
  GradeScale,  // the table explaining the grade scale
  Record,      // the record of main findings at the end
};

// Walks the blocks once, keeping the open section stack and the paragraph
// being built.
class StructureBuilder {
 public:
  // `skip_front_matter` false reads every block as body text: the fallback
  // for files with no recognisable report layout.
  StructureBuilder(const Tables& tables, Report& report, const Blocks& blocks,
                   std::size_t max_paragraph_bytes, bool skip_front_matter = true)
      : tables_(tables),
        report_(report),
        blocks_(blocks),
        heading_styles_(heading_styles(blocks)),
        max_paragraph_bytes_(max_paragraph_bytes),
        mode_(skip_front_matter ? Mode::Front : Mode::Body),
        team_(tables.non_body) {}

  void run() {
    for (index_ = 0; index_ < blocks_.size(); ++index_) add(with_heading_style_kind(blocks_[index_]));
    close_paragraph();
  }

  const std::vector<RecordRow>& front_rows() const { return front_rows_; }
  const std::vector<RecordRow>& record_rows() const { return record_rows_; }
  // Grades the body states for judged areas ("The Local Safeguarding
  // Children Board is good"), for reports whose tables miss them.
  const std::vector<Judgement>& body_judgements() const { return body_judgements_; }
  // Paragraphs that reached the length limit and went on in a new one.
  int split_paragraphs() const { return split_paragraphs_; }
  // The inspection team, from its lines wherever they are printed.
  std::vector<analyzers::TeamMember> team() const { return team_.members(); }

 private:
  void add(const Block& block) {
    const std::string text = analyzers::fold_whitespace(analyzers::normalise_for_index(block.text));
    if (text.empty()) return;
    if (is_not_body(text)) return close_paragraph();
    // Kept only for the few blocks a page break runs through.
    block_page_starts_ = folded_page_starts(block);
    block_text_ = block_page_starts_.empty() ? std::string() : text;
    if (block.text.find('\t') != std::string::npos) return add_table_row(block.text);
    if (mode_ == Mode::Contents) {
      if (block.page > 0 && block.page == contents_page_) return;
      mode_ = Mode::Body;
    }
    if (is_contents_heading(block, text)) {
      close_paragraph();
      mode_ = Mode::Contents;
      contents_page_ = block.page;
      return;
    }
    if (mode_ == Mode::Front && add_front(block, text)) return;
    if (mode_ == Mode::Record) return add_record_block(block, text);
    if (block.continues_previous && continue_paragraph(block, text)) return;
    if (block.kind == BlockKind::Bullet) return add_bullet(block, text);
    if (auto numbered = split_paragraph_number(text))
      return start_paragraph(block, numbered->first, numbered->second);
    const std::string plain = remove_bold_markers(text);
    if (analyzers::is_grade_only(plain)) return set_grade_of_open_section(plain);
    if (open_verdict_on_open_section(block, plain)) return;
    if (try_known_heading(block, plain)) return;
    if (block.kind != BlockKind::Heading && is_continuation(text)) {
      if (!continue_paragraph(block, text)) start_paragraph(block, 0, text);
      return;
    }
    if (looks_like_heading(block, plain))
      return open_section(plain, 0, std::string(analyzers::kInheritArea), {}, heading_weight(block));
    if (mode_ == Mode::GradeScale) return;  // cells of the grade-scale table
    if (mode_ == Mode::Front) return;
    start_paragraph(block, 0, text);
  }

  // Ofsted's back cover (from its first paragraph to the end), boilerplate
  // printed anywhere, and the team list, which is kept as the inspectors.
  bool is_not_body(const std::string& text) {
    if (!in_back_cover_ && tables_.non_body.opens_back_cover(text)) in_back_cover_ = true;
    if (in_back_cover_) return true;
    if (team_.take(text)) return true;
    return tables_.non_body.is_boilerplate(text);
  }

  // A short bold line in a heading's type is a heading even when the reader
  // saw a full stop at its end ("…with children and families: requires
  // improvement to be good." in Hull 2019).
  Block with_heading_style_kind(const Block& block) const {
    Block b = block;
    if (b.kind == BlockKind::Text && b.bold && b.font_size > 0 && heading_styles_.count(heading_weight(b)) &&
        word_count(b.text) <= kMaxHeadingWords + 4)
      b.kind = BlockKind::Heading;
    return b;
  }

  // ---- front matter ---------------------------------------------------------

  // Returns true when the block was front matter; false when the body starts here.
  bool add_front(const Block& block, const std::string& text) {
    const std::string plain = join_front_line_breaks(remove_bold_markers(text));
    const std::string row_name = judgement_subject(strip_row_number(plain));
    if (word_count(row_name) <= kMaxHeadingWords && !ends_sentence(row_name)) {
      if (auto cell = grade_cell_after(index_)) {
        front_rows_.push_back({row_name, cell->words});
        ++table_rows_;
        index_ += cell->blocks;  // the grade cell is consumed with its row
        return true;
      }
    }
    if (auto verdict = front_verdict(plain)) {
      front_rows_.push_back(*verdict);
      return true;
    }
    if (split_paragraph_number(text)) return false;
    if (tables_.headings.find(report_.meta.framework, plain)) return false;
    // Prose after a judgement table with no heading of its own is the
    // report's summary (ILACS and the 2026 reports print it so).
    if (table_rows_ >= 2 && block.kind == BlockKind::Text && word_count(plain) > kMaxHeadingWords) {
      mode_ = Mode::Body;
      open_implicit_section("Summary", "overall");
      return false;
    }
    return true;
  }

  struct GradeCell {
    std::string words;
    std::size_t blocks = 1;  // a cell wrapped by the layout spans two blocks
  };

  // The grade cell that follows block `at` in a judgement table, if any:
  // "Good", or "Requires" / "improvement" on two lines.
  std::optional<GradeCell> grade_cell_after(std::size_t at) const {
    std::string cell;
    for (std::size_t n = 1; n <= 2 && at + n < blocks_.size(); ++n) {
      const std::string part = remove_bold_markers(analyzers::fold_whitespace(blocks_[at + n].text));
      if (n == 2 && !starts_lowercase(part)) break;
      cell += (cell.empty() ? "" : " ") + part;
      if (analyzers::is_grade_only(cell)) return GradeCell{grade_words_of(cell), n};
    }
    return std::nullopt;
  }

  static std::string grade_words_of(const std::string& text) {
    const std::string plain = remove_bold_markers(analyzers::fold_whitespace(text));
    auto grade = analyzers::find_trailing_grade(plain);
    return grade ? grade->words : plain;
  }

  // A cover line wrapped by the layout ("…(LSCB) requires" / "improvement")
  // is read as one line.
  std::string join_front_line_breaks(std::string plain) {
    while (index_ + 1 < blocks_.size() && !ends_sentence(plain) &&
           starts_lowercase(blocks_[index_ + 1].text) && word_count(blocks_[index_ + 1].text) <= 4) {
      plain += " " + remove_bold_markers(analyzers::fold_whitespace(blocks_[index_ + 1].text));
      ++index_;
    }
    return plain;
  }

  // SIF covers state judgements as sentences: "Children's services in
  // Bedford Borough require improvement to be good", "The overall judgement
  // is good", "The effectiveness of the Local Safeguarding Children Board
  // (LSCB) requires improvement".  The row is named by the sentence's
  // subject, which the heading table maps to an area.
  std::optional<RecordRow> front_verdict(const std::string& plain) const {
    const auto grade = analyzers::find_trailing_grade(plain);
    if (!grade || grade->begin == 0) return std::nullopt;
    const std::string subject = judgement_subject(plain.substr(0, grade->begin));
    // "Children's services in Bedford Borough…" and "The overall judgement
    // is…" state the overall judgement; in the body the same words open
    // ordinary sentences, so they are known here only.
    if (analyzers::starts_with_ci(subject, "Children's services in ") ||
        analyzers::starts_with_ci(subject, "The overall judgement"))
      return RecordRow{"Overall effectiveness", grade->words};
    if (!tables_.headings.find(report_.meta.framework, subject)) return std::nullopt;
    return RecordRow{subject, grade->words};
  }

  bool is_contents_heading(const Block& block, const std::string& text) const {
    return (block.kind == BlockKind::Heading || block.font_size == 0) &&
           analyzers::lowercase(text) == "contents";
  }

  // ---- headings and grades -------------------------------------------------

  bool try_known_heading(const Block& block, const std::string& plain) {
    // Prose that merely starts like a heading ("Children's services in…
    // require improvement. Following…") is not one.
    if (block.kind != BlockKind::Heading &&
        (word_count(plain) > kMaxHeadingWords + 4 || plain.ends_with(".")))
      return false;
    if (const auto* rule = tables_.headings.find(report_.meta.framework, plain)) {
      // In a PDF, a known heading's words in body type are a heading only
      // as a judgement-table row ("Children who need help and protection" /
      // "Inadequate"); elsewhere they are a label inside a list.
      if (block.font_size > 0 && block.kind != BlockKind::Heading) {
        const auto cell = grade_cell_after(index_);
        if (!cell) return false;
        open_section(plain, rule->level, rule->area, rule->heading, 0);
        set_grade(sections_.back(), *analyzers::find_trailing_grade(cell->words));
        index_ += cell->blocks;
        return true;
      }
      open_section(plain, rule->level, rule->area, rule->heading, heading_weight(block));
      return true;
    }
    if (block.kind != BlockKind::Heading) return false;
    if (auto split = split_bare_trailing_grade(plain)) {
      if (const auto* rule = tables_.headings.find(report_.meta.framework, split->heading)) {
        open_section(split->heading, rule->level, rule->area, rule->heading, heading_weight(block));
        set_grade(sections_.back(), split->grade);
        return true;
      }
    }
    return false;
  }

  // A verdict sentence set as a heading right under a heading ("The Local
  // Safeguarding Children Board is good") is that heading's grade.
  bool open_verdict_on_open_section(const Block& block, const std::string& plain) {
    if (block.kind != BlockKind::Heading || sections_.empty() || open_) return false;
    if (sections_.back().has_paragraphs || sections_.back().grade != Grade::None) return false;
    const auto grade = analyzers::find_trailing_grade(plain);
    if (!grade) return false;
    // "Heading: good" is a heading in its own right, and so is a verdict
    // about another area than the open section's.
    if (plain.find(':') != std::string::npos) return false;
    const auto* rule = tables_.headings.find(report_.meta.framework, plain);
    if (rule && rule->area != analyzers::kInheritArea && rule->area != sections_.back().area) return false;
    set_grade(sections_.back(), *grade);
    return true;
  }

  bool looks_like_heading(const Block& block, const std::string& plain) const {
    if (block.kind == BlockKind::Heading) return true;
    if (block.font_size > 0) return false;  // PDFs say what their headings are
    if (analyzers::find_trailing_grade(plain) && word_count(plain) <= kMaxHeadingWords + 4)
      return mode_ != Mode::Front;
    return mode_ != Mode::Front && word_count(plain) <= kMaxHeadingWords && !ends_sentence(plain) &&
           !starts_lowercase(plain);
  }

  // Text that carries on the paragraph before it: the previous paragraph
  // stopped mid-sentence and this one is no heading.  Page breaks split
  // paragraphs this way ("…a real, rather than" / "tokenistic, role…").
  bool is_continuation(const std::string& text) const {
    if (!open_ || ends_sentence(open_->text)) return false;
    return starts_lowercase(text) || word_count(text) > kMaxHeadingWords || ends_sentence(text);
  }

  // False when there is no open paragraph, or when it would grow past the
  // length limit (the text then starts a paragraph of its own).
  bool continue_paragraph(const Block& block, const std::string& text) {
    if (!open_ || !has_room_for(text)) return false;
    const std::size_t base = open_->text.size() + 1;
    const int last_page = open_->page_starts.empty() ? open_->page : open_->page_starts.back().page;
    // A paragraph the reader saw go on over a page break, rejoined here.
    if (block.page > 0 && last_page > 0 && block.page != last_page)
      open_->page_starts.push_back({base, block.page});
    for (const auto& start : page_starts_of(text))
      open_->page_starts.push_back({base + start.offset, start.page});
    open_->text += ' ';
    open_->text += text;
    return true;
  }

  // The page starts of the block being added that fall in `text`, a tail of
  // its text (the paragraph number or bullet cut off), counted from `text`.
  std::vector<schema::PageStart> page_starts_of(std::string_view text) const {
    std::vector<schema::PageStart> out;
    if (block_page_starts_.empty() || !std::string_view(block_text_).ends_with(text)) return out;
    const std::size_t skipped = block_text_.size() - text.size();
    for (const auto& start : block_page_starts_)
      if (start.offset > skipped && start.offset < block_text_.size())
        out.push_back({start.offset - skipped, start.page});
    return out;
  }

  // Levels come from the heading table, which knows each framework's
  // structure; type sizes do not (Leicestershire 2016 sets its judgement
  // headings smaller than their "Inspection findings" sub-headings).  A
  // heading the table does not know sits one level under the last one it
  // does ("Summary", "Inspection findings", "Local leadership").
  int level_of(int table_level, double weight) const {
    const auto known =
        std::find_if(sections_.rbegin(), sections_.rend(), [](const Section& s) { return s.known; });
    if (table_level <= 0) return known == sections_.rend() ? 1 : known->level + 1;
    // Smaller type right under a known heading, before any text of its own,
    // makes a known heading a sub-heading there ("Leadership, management and
    // governance" in the list of reasons under Rotherham 2014's "Summary of
    // findings").  Once text has run, type sizes prove nothing: Middlesbrough
    // 2019 sets one judgement heading smaller than the others.
    if (known != sections_.rend() && !known->has_paragraphs && weight > 0 && known->weight > 0 &&
        weight < known->weight && table_level <= known->level)
      return known->level + 1;
    return table_level;
  }

  void open_section(const std::string& text, int table_level, std::string area, const std::string& rule_key,
                    double weight) {
    close_paragraph();
    if (rule_key == "record of main findings") {
      mode_ = Mode::Record;
      return;
    }
    mode_ = rule_key == "the inspection judgements and what they mean" ? Mode::GradeScale : Mode::Body;
    const int level = level_of(table_level, weight);
    while (!sections_.empty() && sections_.back().level >= level) sections_.pop_back();
    if (area == analyzers::kInheritArea) area = sections_.empty() ? root_area() : sections_.back().area;
    // A heading set inside an unjudged section ("The local authority" under
    // "What the inspection judgements mean") stays unjudged.
    const bool nested_by_type = table_level > 0 && level > table_level;
    if (nested_by_type && !sections_.empty() &&
        (sections_.back().area == "context" || sections_.back().area == "recommendations"))
      area = sections_.back().area;
    Section section{heading_title(text),
                    printed_heading(text),
                    level,
                    std::move(area),
                    Grade::None,
                    "",
                    false,
                    table_level > 0,
                    weight};
    if (auto grade = analyzers::find_trailing_grade(text)) set_grade(section, *grade);
    sections_.push_back(std::move(section));
    bullets_under_heading_ = 0;
  }

  void open_implicit_section(const std::string& title, const std::string& area) {
    close_paragraph();
    sections_.clear();
    // The first real heading closes it, whatever its level.
    // It has a name for the judgements, but no printed heading to cite.
    sections_.push_back(Section{title, "", kImplicitSectionLevel, area, Grade::None, "", false, false, 0});
  }

  std::string root_area() const { return report_root_area(report_.meta); }

  void set_grade(Section& section, const analyzers::GradeMatch& grade) {
    section.grade = grade.grade;
    section.grade_words = grade.words;
    if (analyzers::is_judged_area(section.area))
      body_judgements_.push_back(
          {service_of_open_sections(), section.title, section.area, grade.grade, grade.words});
  }

  std::string service_of_open_sections() const { return sections_.size() > 1 ? sections_.front().title : ""; }

  void set_grade_of_open_section(const std::string& plain) {
    close_paragraph();
    if (sections_.empty()) return;
    if (auto grade = analyzers::find_trailing_grade(plain)) set_grade(sections_.back(), *grade);
  }

  // ---- tables ----------------------------------------------------------------

  void add_table_row(const std::string& row) {
    close_paragraph();
    if (mode_ != Mode::Record) return;  // contents lists and grade-scale tables are not body text
    const auto tab = row.find('\t');
    record_rows_.push_back(
        {heading_title(row.substr(0, tab)), std::string(trim(std::string_view(row).substr(tab + 1)))});
  }

  // In a PDF the record of main findings is a run of name and grade blocks.
  void add_record_block(const Block&, const std::string& text) {
    const std::string plain = remove_bold_markers(text);
    if (analyzers::is_grade_only(plain)) {
      if (!record_rows_.empty() && record_rows_.back().cell.empty())
        record_rows_.back().cell = grade_words_of(plain);
      return;
    }
    record_rows_.push_back({heading_title(plain), ""});
  }

  // ---- paragraphs ------------------------------------------------------------

  void add_bullet(const Block& block, const std::string& text) {
    // Bullets right after a paragraph that introduces them ("…included:")
    // belong to that paragraph; bullets under a heading stand alone.
    if (open_ && (open_has_bullets_ || open_->text.ends_with(":")) && has_room_for(text)) {
      open_->text += "\n- " + text;
      open_has_bullets_ = true;
      return;
    }
    if (mode_ == Mode::Front) return;
    start_paragraph(block, 0, text);
    open_->item = ++bullets_under_heading_;
  }

  void start_paragraph(const Block& block, int number, std::string_view text) {
    close_paragraph();
    if (mode_ == Mode::Front) mode_ = Mode::Body;
    if (mode_ == Mode::GradeScale && number == 0) return;
    Paragraph p;
    p.number = number;
    p.page = block.page;
    p.page_starts = page_starts_of(text);
    p.text = std::string(text);
    tag_with_sections(p);
    if (!sections_.empty()) sections_.back().has_paragraphs = true;
    open_ = std::move(p);
    open_has_bullets_ = false;
  }

  void tag_with_sections(Paragraph& p) const {
    for (const auto& s : sections_)
      if (!s.printed.empty()) p.section.push_back(s.printed);
    p.area = sections_.empty() ? "context" : sections_.back().area;
    for (auto it = sections_.rbegin(); it != sections_.rend(); ++it) {
      if (it->grade == Grade::None) continue;
      p.grade = it->grade;
      p.grade_text = it->grade_words;
      break;
    }
    if (p.grade == Grade::None) carry_table_grade(p);
    // Context and recommendations are never judged, whatever encloses them.
    if (p.area == "context" || p.area == "recommendations") {
      p.grade = Grade::None;
      p.grade_text.clear();
    }
  }

  // Frameworks that grade only in the summary table: the body section takes
  // the grade the table gives its area.
  void carry_table_grade(Paragraph& p) const {
    if (!analyzers::is_judged_area(p.area)) return;
    for (const auto& row : front_rows_) {
      const auto* rule = tables_.headings.find(report_.meta.framework, row.name);
      if (!rule || rule->area != p.area) continue;
      if (auto grade = analyzers::find_trailing_grade(row.cell)) {
        p.grade = grade->grade;
        p.grade_text = grade->words;
      }
      return;
    }
  }

  bool has_room_for(const std::string& text) {
    if (open_->text.size() + text.size() + 3 <= max_paragraph_bytes_) return true;
    ++split_paragraphs_;
    return false;
  }

  void close_paragraph() {
    if (!open_) return;
    Paragraph p = std::move(*open_);
    open_.reset();
    p.page_end = p.page_starts.empty() ? p.page : p.page_starts.back().page;
    const auto mentions = tables_.agencies.find(p.text, {p.section, p.area});
    p.agencies = mentions.agencies;
    p.organisations = mentions.organisations;
    p.ordinal = static_cast<int>(report_.paragraphs.size()) + 1;
    report_.paragraphs.push_back(std::move(p));
  }

  const Tables& tables_;
  Report& report_;
  const Blocks& blocks_;
  const std::set<double> heading_styles_;
  const std::size_t max_paragraph_bytes_;
  int split_paragraphs_ = 0;
  std::size_t index_ = 0;
  Mode mode_;
  int contents_page_ = 0;
  std::vector<Section> sections_;
  std::optional<Paragraph> open_;
  // The text of the block being added and where later pages start in it.
  std::string block_text_;
  std::vector<schema::PageStart> block_page_starts_;
  bool open_has_bullets_ = false;
  int bullets_under_heading_ = 0;
  std::vector<RecordRow> front_rows_;
  int table_rows_ = 0;  // front rows that were name-and-grade cells
  std::vector<RecordRow> record_rows_;
  std::vector<Judgement> body_judgements_;
  analyzers::TeamList team_;
  bool in_back_cover_ = false;
};

std::string area_of(const Tables& tables, const std::string& framework, const std::string& name,
                    const std::string& inherited) {
  const auto* rule = tables.headings.find(framework, name);
  return !rule || rule->area == analyzers::kInheritArea ? inherited : rule->area;
}

// A record of main findings lists each service ("Safeguarding services") as
// a row without a grade, then its judgements.  Converted reports also repeat
// a service name where the original had a sub-group ("Ambition,
// prioritisation, leadership and management"), so a grade-less row only
// starts a new service when the next row is that service's overall
// effectiveness judgement, or when no service has started yet.
std::vector<Judgement> judgements_from_rows(const std::vector<RecordRow>& rows, const Tables& tables,
                                            const std::string& framework, const std::string& root_area) {
  std::vector<Judgement> judgements;
  std::string service;
  std::string service_area = root_area;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const auto grade = analyzers::find_trailing_grade(row.cell);
    if (row.cell.empty() || !grade) {
      const bool next_is_overall =
          i + 1 < rows.size() && analyzers::lowercase(rows[i + 1].name).starts_with("overall effectiveness");
      if (next_is_overall || service.empty()) {
        service = row.name;
        service_area = area_of(tables, framework, row.name, root_area);
      }
      continue;
    }
    judgements.push_back(
        {service, row.name, area_of(tables, framework, row.name, service_area), grade->grade, grade->words});
  }
  return judgements;
}

// The blocks with every one longer than `max_bytes` cut into pieces of at
// most that: everything after this step costs time in proportion to its
// input only if no block is unboundedly long.
Blocks bounded_blocks(const Blocks& blocks, std::size_t max_bytes, int& over_long) {
  Blocks out;
  out.reserve(blocks.size());
  for (const Block& block : blocks) {
    if (block.text.size() <= max_bytes) {
      out.push_back(block);
      continue;
    }
    ++over_long;
    bool first = true;
    for (std::string_view piece : analyzers::split_at_most(block.text, max_bytes)) {
      Block part = block;
      part.text = std::string(piece);
      const std::size_t begin = static_cast<std::size_t>(piece.data() - block.text.data());
      part.page = schema::page_at(block.page, block.page_starts, begin);
      part.page_starts.clear();
      for (const auto& start : block.page_starts)
        if (start.offset > begin && start.offset < begin + piece.size())
          part.page_starts.push_back({start.offset - begin, start.page});
      part.continues_previous = first && block.continues_previous;
      first = false;
      out.push_back(std::move(part));
    }
  }
  return out;
}

// Adds the judgements the body states that the tables did not list.
void add_missing(std::vector<Judgement>& judgements, const std::vector<Judgement>& body) {
  for (const auto& j : body) {
    const bool listed = std::any_of(judgements.begin(), judgements.end(),
                                    [&](const Judgement& k) { return k.area == j.area; });
    if (!listed) judgements.push_back(j);
  }
}

// The team, and its first lead inspector as the report's lead inspector.
void set_inspectors(ReportMeta& meta, const std::vector<analyzers::TeamMember>& team) {
  for (const auto& member : team) {
    meta.inspectors.push_back({member.name, member.role});
    if (meta.lead_inspector.empty() && member.role == analyzers::kLeadInspectorRole)
      meta.lead_inspector = member.name;
  }
  if (meta.lead_inspector.empty()) meta.warnings.push_back("lead inspector not found");
}

}  // namespace

Report build_report(const ReadResult& read, const std::filesystem::path& file, const Tables& tables,
                    const ReadLimits& limits) {
  Report report;
  int over_long = 0;
  const Blocks blocks = bounded_blocks(read.blocks, limits.max_paragraph_bytes, over_long);
  report.meta = read_metadata(blocks, file);
  report.meta.page_count = read.page_count;
  for (const auto& w : read.warnings) report.meta.warnings.push_back(w);
  StructureBuilder builder(tables, report, blocks, limits.max_paragraph_bytes);
  builder.run();
  over_long += builder.split_paragraphs();
  if (report.paragraphs.empty() && !blocks.empty()) {
    // Nothing looked like a report body: keep the text anyway, as plain
    // paragraphs, rather than lose it.
    StructureBuilder plain(tables, report, blocks, limits.max_paragraph_bytes, false);
    plain.run();
    over_long += plain.split_paragraphs();
    report.meta.warnings.push_back("no recognisable report structure; indexed as plain paragraphs");
  }
  if (over_long > 0)
    report.meta.warnings.push_back(fmt::format(
        "text longer than {} was split into paragraphs of at most that (raise the limit with ofs index "
        "--max-paragraph-size)",
        byte_size(limits.max_paragraph_bytes)));
  const std::string root = report_root_area(report.meta);
  auto judgements = judgements_from_rows(builder.front_rows(), tables, report.meta.framework, root);
  auto recorded = judgements_from_rows(builder.record_rows(), tables, report.meta.framework, root);
  judgements.insert(judgements.end(), recorded.begin(), recorded.end());
  add_missing(judgements, builder.body_judgements());
  report.meta.judgements = std::move(judgements);
  set_inspectors(report.meta, builder.team());
  report.meta.paragraph_count = static_cast<int>(report.paragraphs.size());
  if (report.paragraphs.empty()) report.meta.warnings.push_back("no body paragraphs found");
  return report;
}

}  // namespace ofs::indexer
