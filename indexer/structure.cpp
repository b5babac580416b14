#include "indexer/structure.h"

#include <algorithm>

#include "analyzers/text.h"
#include "indexer/metadata.h"

namespace ofs::indexer {

using analyzers::Grade;
using analyzers::trim;

Tables Tables::load(const std::filesystem::path& data_dir) {
  return Tables{analyzers::HeadingTable::load(data_dir / "headings.tsv"),
                analyzers::AgencyTable::load(data_dir / "agencies.tsv")};
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

// Headings never run longer than this; longer lines are prose.
constexpr std::size_t kMaxHeadingWords = 16;

std::size_t word_count(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char ch : text) {
    const bool space = ch == ' ' || ch == '\t';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

bool ends_sentence(std::string_view text) {
  text = trim(text);
  while (text.ends_with("**")) text.remove_suffix(2);
  if (text.empty()) return true;
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

// "57. Leadership and management…" -> 57 and the text after the number.
std::optional<std::pair<int, std::string_view>> split_paragraph_number(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && digits < 4 && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits >= text.size() || text[digits] != '.') return std::nullopt;
  std::string_view rest = text.substr(digits + 1);
  if (!rest.empty() && rest.front() != ' ') return std::nullopt;
  return std::make_pair(std::stoi(std::string(text.substr(0, digits))), trim(rest));
}

std::string remove_bold_markers(std::string text) {
  for (std::size_t at; (at = text.find("**")) != std::string::npos;) text.replace(at, 2, " ");
  return analyzers::fold_whitespace(text);
}

// A heading as shown in a section path: no grade, no bold markers, no
// trailing colon ("Immediately:" -> "Immediately").
std::string heading_title(std::string_view heading) {
  std::string text = remove_bold_markers(std::string(heading));
  if (auto grade = analyzers::find_trailing_grade(text)) text.resize(grade->begin);
  std::string_view view = trim(text);
  while (!view.empty() && (view.back() == ':' || view.back() == '-')) view = trim(view.substr(0, view.size() - 1));
  return std::string(view);
}

struct RecordRow {
  std::string name;  // first cell, e.g. "Capacity for improvement"
  std::string cell;  // second cell, e.g. "adequate"; empty for a group row
};

struct Section {
  std::string title;
  int level = 1;
  std::string area;
  Grade grade = Grade::None;
  std::string grade_words;
};

// Walks the blocks once, keeping the open section stack and the paragraph
// being built.
class StructureBuilder {
 public:
  StructureBuilder(const Tables& tables, Report& report) : tables_(tables), report_(report) {}

  void add(const Block& block) {
    const std::string text = analyzers::fold_whitespace(block.text);
    if (text.empty()) return;
    if (text.find('\t') != std::string::npos || block.text.find('\t') != std::string::npos) {
      return add_table_row(block.text);
    }
    in_record_ = false;
    if (block.continues_previous && continue_paragraph(text)) return;
    if (block.kind == BlockKind::Bullet) return add_bullet(block, text);
    if (auto numbered = split_paragraph_number(text)) return start_paragraph(block, numbered->first, numbered->second);
    if (analyzers::is_grade_only(remove_bold_markers(text))) return set_grade_of_open_section(text);
    if (const auto* rule = known_heading(text)) return open_section(text, rule->level, rule->area, rule->heading);
    if (block.kind != BlockKind::Heading && is_continuation(text)) {
      continue_paragraph(text);
      return;
    }
    if (looks_like_heading(block, text)) return open_section(text, 0, std::string(analyzers::kInheritArea), "");
    if (!in_body_) return;  // front matter: title block, contents, notices
    start_paragraph(block, 0, text);
  }

  void finish() { close_paragraph(); }
  const std::vector<RecordRow>& record_rows() const { return record_rows_; }

 private:
  const analyzers::HeadingRule* known_heading(const std::string& text) const {
    return tables_.headings.find(report_.meta.framework, remove_bold_markers(text));
  }

  bool looks_like_heading(const Block& block, const std::string& text) const {
    if (block.kind == BlockKind::Heading) return true;
    const std::string plain = remove_bold_markers(text);
    if (analyzers::find_trailing_grade(plain) && word_count(plain) <= kMaxHeadingWords + 4) return in_body_;
    return in_body_ && word_count(plain) <= kMaxHeadingWords && !ends_sentence(plain) &&
           !starts_lowercase(plain);
  }

  // Text that carries on the paragraph before it: the previous paragraph
  // stopped mid-sentence and this one is no heading.  Page breaks in
  // converted reports split paragraphs this way ("…a real, rather than" /
  // "tokenistic, role in service planning…").
  bool is_continuation(const std::string& text) const {
    if (!open_ || ends_sentence(open_->text)) return false;
    return starts_lowercase(text) || word_count(text) > kMaxHeadingWords || ends_sentence(text);
  }

  bool continue_paragraph(const std::string& text) {
    if (!open_) return false;
    open_->text += ' ';
    open_->text += text;
    return true;
  }

  void add_table_row(const std::string& row) {
    close_paragraph();
    if (!in_record_) return;  // contents lists and grade-scale tables are not body text
    const auto tab = row.find('\t');
    const std::string name = heading_title(row.substr(0, tab));
    const std::string cell = std::string(trim(std::string_view(row).substr(tab + 1)));
    record_rows_.push_back({name, cell});
  }

  void open_section(const std::string& text, int level, std::string area, const std::string& rule_key) {
    close_paragraph();
    in_body_ = true;
    const std::string title = heading_title(text);
    if (rule_key == "record of main findings") in_record_ = true;
    if (level <= 0) level = sections_.empty() ? 1 : sections_.back().level + 1;
    while (!sections_.empty() && sections_.back().level >= level) sections_.pop_back();
    if (area == analyzers::kInheritArea) area = sections_.empty() ? "other" : sections_.back().area;
    Section section{title, level, std::move(area), Grade::None, ""};
    if (auto grade = analyzers::find_trailing_grade(remove_bold_markers(text))) {
      section.grade = grade->grade;
      section.grade_words = grade->words;
    }
    sections_.push_back(std::move(section));
    bullets_under_heading_ = 0;
  }

  void set_grade_of_open_section(const std::string& text) {
    close_paragraph();
    if (sections_.empty()) return;
    if (auto grade = analyzers::find_trailing_grade(remove_bold_markers(text))) {
      sections_.back().grade = grade->grade;
      sections_.back().grade_words = grade->words;
    }
  }

  void add_bullet(const Block& block, const std::string& text) {
    // Bullets right after a paragraph that introduces them ("…included:")
    // belong to that paragraph; bullets under a heading stand alone.
    if (open_ && (open_has_bullets_ || open_->text.ends_with(":"))) {
      open_->text += "\n- " + text;
      open_has_bullets_ = true;
      return;
    }
    if (!in_body_) return;
    start_paragraph(block, 0, text);
    open_->item = ++bullets_under_heading_;
  }

  void start_paragraph(const Block& block, int number, std::string_view text) {
    close_paragraph();
    in_body_ = true;
    Paragraph p;
    p.number = number;
    p.page = block.page;
    p.text = std::string(text);
    tag_with_sections(p);
    open_ = std::move(p);
    open_has_bullets_ = false;
  }

  void tag_with_sections(Paragraph& p) const {
    for (const auto& s : sections_) p.section.push_back(s.title);
    p.area = sections_.empty() ? "context" : sections_.back().area;
    for (auto it = sections_.rbegin(); it != sections_.rend(); ++it) {
      if (it->grade == Grade::None) continue;
      p.grade = it->grade;
      p.grade_text = it->grade_words;
      break;
    }
    // Context and recommendations are never judged, whatever encloses them.
    if (p.area == "context" || p.area == "recommendations") {
      p.grade = Grade::None;
      p.grade_text.clear();
    }
  }

  void close_paragraph() {
    if (!open_) return;
    Paragraph p = std::move(*open_);
    open_.reset();
    const auto mentions = tables_.agencies.find(p.text);
    p.agencies = mentions.agencies;
    p.organisations = mentions.organisations;
    p.ordinal = static_cast<int>(report_.paragraphs.size()) + 1;
    report_.paragraphs.push_back(std::move(p));
  }

 private:
  const Tables& tables_;
  Report& report_;
  std::vector<Section> sections_;
  std::optional<Paragraph> open_;
  bool open_has_bullets_ = false;
  bool in_body_ = false;
  bool in_record_ = false;
  int bullets_under_heading_ = 0;
  std::vector<RecordRow> record_rows_;
};

// The record of main findings lists each service ("Safeguarding services")
// as a row without a grade, then its judgements.  Converted reports also
// repeat a service name where the original had a sub-group ("Ambition,
// prioritisation, leadership and management"), so a grade-less row only
// starts a new service when the next row is that service's overall
// effectiveness judgement.
std::vector<Judgement> read_record(const std::vector<RecordRow>& rows,
                                   const Tables& tables, const std::string& framework) {
  std::vector<Judgement> judgements;
  std::string service;
  std::string service_area = "other";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    const auto grade = analyzers::grade_from_name(analyzers::lowercase(row.cell));
    if (row.cell.empty() || !grade) {
      const bool next_is_overall = i + 1 < rows.size() &&
                                   analyzers::lowercase(rows[i + 1].name) == "overall effectiveness";
      if (next_is_overall || service.empty()) {
        service = row.name;
        const auto* rule = tables.headings.find(framework, row.name);
        service_area = rule ? rule->area : "other";
      }
      continue;
    }
    Judgement j;
    j.service = service;
    j.name = row.name;
    const auto* rule = tables.headings.find(framework, row.name);
    j.area = !rule || rule->area == analyzers::kInheritArea ? service_area : rule->area;
    j.grade = *grade;
    j.words = row.cell;
    judgements.push_back(std::move(j));
  }
  return judgements;
}

}  // namespace

Report build_report(const ReadResult& read, const std::filesystem::path& file, const Tables& tables) {
  Report report;
  report.meta = read_metadata(read.blocks, file);
  report.meta.page_count = read.page_count;
  for (const auto& w : read.warnings) report.meta.warnings.push_back(w);
  StructureBuilder builder(tables, report);
  for (const auto& block : read.blocks) builder.add(block);
  builder.finish();
  report.meta.judgements = read_record(builder.record_rows(), tables, report.meta.framework);
  report.meta.paragraph_count = static_cast<int>(report.paragraphs.size());
  if (report.paragraphs.empty()) report.meta.warnings.push_back("no body paragraphs found");
  return report;
}

}  // namespace ofs::indexer
