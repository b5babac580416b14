// Grade recognition.  See grade.h for the contract.
//
// What find_trailing_grade accepts (case-insensitive; `*` bold markers from a
// markdown conversion are ignored; whitespace runs, tabs and NBSP are spaces).
// GRADE below is one of: outstanding | good | adequate | inadequate |
// require(s) improvement [to be good].
//
//   1. Numbered form at the end of the line, preceded by start of line,
//      space, `*`, `:` or `(`:  "Grade N (GRADE)" or "GRADE (Grade N)".
//      An optional trailing full stop is allowed.  A bare "Grade 4" is NOT
//      accepted: it is also how exam results are written.
//   2. GRADE after the last colon or tab of the line ("...protection: good",
//      a judgement-table row "Adoption performance<TAB>Good").  Optional
//      trailing full stop.
//   3. A verdict sentence that is the whole line and whose subject is a
//      judgement area: "Children's services in York are good",
//      "The Local Safeguarding Children Board requires improvement",
//      "The graded judgement for adoption performance is that it is good",
//      "The experiences and progress of ... require improvement to be good".
//      The line must start with a capital letter and then one of the subject
//      phrases in verdict_subject_pattern(); the verb (is/are/require(s))
//      must be followed directly by GRADE, so "...are consistently good" and
//      "...were found to require improvement" are rejected.
//   4. The whole line is GRADE alone ("Requires improvement to be good" in a
//      table cell, "Inadequate" under a heading), WITHOUT a full stop: a lone
//      "good." or "adequate." line is the wrapped tail of a body sentence.
//
// Everything else is rejected, in particular body sentences such as
// "The quality of assessments is good." or "...was judged to be adequate."
// (a previous inspection's result).  The function sees one line: callers
// that read PDF text should join a heading's wrapped lines first.

#include "analyzers/grade.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "analyzers/text.h"

namespace ofs::analyzers {
namespace {

// Word forms of a grade, without the numbered wrapper.
constexpr const char* kGradePhrase =
    "(?:outstanding|good|inadequate|adequate|"
    "requires?\\s+improvement(?:\\s+to\\s+be\\s+good)?)";

// The line as the patterns see it: normalised and case-folded (so
// "children’s" reads "children's"), with bold markers and line breaks as
// spaces.  Tabs stay: they separate the cells of a table row (rule 2).
// Offsets are mapped back to the line through the normaliser.
struct MatchText {
  explicit MatchText(std::string_view line) : normalised(line, {.fold_case = true}), text(normalised.text()) {
    std::replace_if(
        text.begin(), text.end(), [](char c) { return c == '*' || c == '\r' || c == '\n'; }, ' ');
  }
  NormalisedText normalised;
  std::string text;
};

std::string tabs_as(std::string s, char replacement) {
  std::replace(s.begin(), s.end(), '\t', replacement);
  return s;
}

struct TrimmedEnd {
  std::size_t end = 0;  // one past the last meaningful byte
  bool had_full_stop = false;
};

// Drops trailing whitespace and at most one full stop.
TrimmedEnd trim_end(const std::string& normalised) {
  auto is_space = [](char c) { return c == ' ' || c == '\t'; };
  std::size_t end = normalised.size();
  while (end > 0 && is_space(normalised[end - 1])) --end;
  TrimmedEnd result{end, false};
  if (end > 0 && normalised[end - 1] == '.') {
    result.had_full_stop = true;
    --end;
    while (end > 0 && is_space(normalised[end - 1])) --end;
    result.end = end;
  }
  return result;
}

std::string verdict_subject_pattern() {
  // Judgement areas named by the 2013-2026 frameworks; a verdict sentence
  // must start with one of these, which keeps ordinary body sentences out.
  return "(?:the\\s+)?(?:"
         "children's\\s+services"
         "|(?:effectiveness\\s+of\\s+the\\s+)?local\\s+safeguarding\\s+"
         "children\\s+board"
         "|lscb"
         "|(?:graded|overall)\\s+judge?ment"
         "|experiences?\\s+and\\s+progress\\s+of"
         "|impact\\s+of\\s+leaders"
         "|overall\\s+effectiveness"
         "|adoption\\s+performance"
         "|leadership,?\\s+management\\s+and\\s+governance"
         "|leadership\\s+and\\s+management)";
}

// RE2 runs in time linear in the line, whatever the line holds.
const RE2& numbered_form() {
  static const RE2 re(std::string("(?:^|[\\s:(])(grade\\s*[1-4]\\s*\\(\\s*") + kGradePhrase + "\\s*\\)|" +
                      kGradePhrase + "\\s*\\(\\s*grade\\s*[1-4]\\s*\\))$");
  return re;
}

const RE2& after_colon_form() {
  static const RE2 re(std::string(":\\s*(") + kGradePhrase + ")$");
  return re;
}

const RE2& verdict_form() {
  static const RE2 re("^\\s*" + verdict_subject_pattern() +
                      "(?:[^.;:]*\\s)?(?:(?:is|are)(?:\\s+that\\s+(?:it|they)\\s+(?:is|are))?"
                      "\\s+(" +
                      kGradePhrase +
                      ")|(?:that\\s+(?:it|they)\\s+)?"
                      "(requires?\\s+improvement(?:\\s+to\\s+be\\s+good)?))$");
  return re;
}

const RE2& bare_form() {
  static const RE2 re(std::string("^\\s*(") + kGradePhrase + ")$");
  return re;
}

using Span = std::pair<std::size_t, std::size_t>;  // [begin, end) in the searched text

// The first participating capture group of the leftmost match, if any.
std::optional<Span> search_end(const std::string& text, const RE2& re) {
  std::vector<re2::StringPiece> groups(static_cast<std::size_t>(re.NumberOfCapturingGroups()) + 1);
  if (!re.Match(text, 0, text.size(), RE2::UNANCHORED, groups.data(), static_cast<int>(groups.size())))
    return std::nullopt;
  for (std::size_t g = 1; g < groups.size(); ++g) {
    if (groups[g].data() == nullptr) continue;
    const auto begin = static_cast<std::size_t>(groups[g].data() - text.data());
    return Span{begin, begin + groups[g].size()};
  }
  return std::nullopt;
}

// Maps a phrase (any case, any spacing) to its grade; "requires improvement
// to be good" contains "good", so improvement is tested first.
Grade grade_of_phrase(std::string_view lowered) {
  if (lowered.find("improvement") != std::string_view::npos) return Grade::RequiresImprovement;
  if (lowered.find("inadequate") != std::string_view::npos) return Grade::Inadequate;
  if (lowered.find("adequate") != std::string_view::npos) return Grade::Adequate;
  if (lowered.find("outstanding") != std::string_view::npos) return Grade::Outstanding;
  if (lowered.find("good") != std::string_view::npos) return Grade::Good;
  return Grade::None;
}

std::string without_bold_markers(std::string_view words) {
  std::string out(words);
  std::erase(out, '*');
  return out;
}

GradeMatch make_match(std::string_view line, const MatchText& text, Span span) {
  GradeMatch match;
  const std::size_t begin = text.normalised.source_offset(span.first);
  const std::size_t end = text.normalised.source_offset(span.second);
  match.begin = begin;
  match.words = without_bold_markers(line.substr(begin, end - begin));
  match.grade = grade_of_phrase(std::string_view(text.text).substr(span.first, span.second - span.first));
  return match;
}

// A verdict sentence or heading starts with a capital; a line starting in
// lower case is the middle of a wrapped body sentence.
bool starts_with_capital(std::string_view line) {
  for (char c : line) {
    if (c == ' ' || c == '\t' || c == '*') continue;
    return std::isupper(static_cast<unsigned char>(c));
  }
  return false;
}

// "...were found to require improvement": a report of a finding, not the
// verdict itself.
bool preceded_by_infinitive_to(std::string_view text, std::size_t pos) {
  return pos >= 3 && text.substr(pos - 3, 3) == "to ";
}

}  // namespace

std::string_view grade_name(Grade g) {
  switch (g) {
    case Grade::Outstanding:
      return "outstanding";
    case Grade::Good:
      return "good";
    case Grade::Adequate:
      return "adequate";
    case Grade::RequiresImprovement:
      return "requires-improvement";
    case Grade::Inadequate:
      return "inadequate";
    case Grade::None:
      break;
  }
  return "none";
}

std::optional<Grade> grade_from_name(std::string_view name) {
  const std::string key = lowercase(trim(name));
  static constexpr std::array<std::pair<std::string_view, Grade>, 11> kNames{{
      {"outstanding", Grade::Outstanding},
      {"good", Grade::Good},
      {"adequate", Grade::Adequate},
      {"requires-improvement", Grade::RequiresImprovement},
      {"requires improvement", Grade::RequiresImprovement},
      {"requires_improvement", Grade::RequiresImprovement},
      {"requires improvement to be good", Grade::RequiresImprovement},
      {"require improvement to be good", Grade::RequiresImprovement},
      {"ri", Grade::RequiresImprovement},
      {"inadequate", Grade::Inadequate},
      {"none", Grade::None},
  }};
  if (key.empty()) return std::nullopt;
  for (const auto& [text, grade] : kNames)
    if (text == key) return grade;
  return std::nullopt;
}

std::optional<GradeMatch> find_trailing_grade(std::string_view line) {
  const MatchText text(line);
  const TrimmedEnd trimmed = trim_end(text.text);
  const std::string head = text.text.substr(0, trimmed.end);
  const std::string spaced = tabs_as(head, ' ');

  if (auto span = search_end(spaced, numbered_form())) return make_match(line, text, *span);
  if (auto span = search_end(tabs_as(head, ':'), after_colon_form())) return make_match(line, text, *span);
  if (auto span = search_end(spaced, verdict_form());
      span && starts_with_capital(line) && !preceded_by_infinitive_to(spaced, span->first))
    return make_match(line, text, *span);
  if (!trimmed.had_full_stop) {
    if (auto span = search_end(spaced, bare_form())) return make_match(line, text, *span);
  }
  return std::nullopt;
}

bool is_grade_only(std::string_view line) {
  const MatchText text(line);
  const TrimmedEnd trimmed = trim_end(text.text);
  if (trimmed.had_full_stop) return false;
  const std::string spaced = tabs_as(text.text.substr(0, trimmed.end), ' ');
  if (RE2::PartialMatch(spaced, bare_form())) return true;
  const auto span = search_end(spaced, numbered_form());
  return span && trim(std::string_view(spaced).substr(0, span->first)).empty();
}

}  // namespace ofs::analyzers
