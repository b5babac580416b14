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

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

namespace ofs::analyzers {
namespace {

// Word forms of a grade, without the numbered wrapper.
constexpr const char* kGradePhrase =
    "(?:outstanding|good|inadequate|adequate|"
    "requires?\\s+improvement(?:\\s+to\\s+be\\s+good)?)";

// A copy of the line with identical byte offsets, lowercased (ASCII only, so
// UTF-8 sequences are untouched), with bold markers and tabs as spaces and
// NBSP as two spaces, so that patterns only need to know about ' '.
std::string normalise_for_matching(std::string_view line) {
  std::string out(line);
  for (std::size_t i = 0; i < out.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    if (c == 0xC2 && i + 1 < out.size() &&
        static_cast<unsigned char>(out[i + 1]) == 0xA0) {
      out[i] = out[i + 1] = ' ';
      ++i;
    } else if (c == '*' || c == '\r' || c == '\n') {
      out[i] = ' ';
    } else if (c < 0x80) {
      out[i] = static_cast<char>(std::tolower(c));
    }
  }
  return out;
}

// Tabs are significant for rule 2, so keep them distinguishable in a way the
// regexes can see: we match rule 2 on a copy where tab is ':'.
std::string tabs_as_colons(std::string s) {
  std::replace(s.begin(), s.end(), '\t', ':');
  return s;
}

std::string tabs_as_spaces(std::string s) {
  std::replace(s.begin(), s.end(), '\t', ' ');
  return s;
}

struct TrimmedEnd {
  std::size_t end = 0;     // one past the last meaningful byte
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
         "children(?:'|\xE2\x80\x99)s\\s+services"
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

const std::regex& numbered_form() {
  static const std::regex re(
      std::string("(?:^|[\\s:(])(grade\\s*[1-4]\\s*\\(\\s*") + kGradePhrase +
      "\\s*\\)|" + kGradePhrase + "\\s*\\(\\s*grade\\s*[1-4]\\s*\\))$");
  return re;
}

const std::regex& after_colon_form() {
  static const std::regex re(std::string(":\\s*(") + kGradePhrase + ")$");
  return re;
}

const std::regex& verdict_form() {
  static const std::regex re(
      "^\\s*" + verdict_subject_pattern() +
      "(?:[^.;:]*\\s)?(?:(?:is|are)(?:\\s+that\\s+(?:it|they)\\s+(?:is|are))?"
      "\\s+(" + kGradePhrase + ")|(?:that\\s+(?:it|they)\\s+)?"
      "(requires?\\s+improvement(?:\\s+to\\s+be\\s+good)?))$");
  return re;
}

const std::regex& bare_form() {
  static const std::regex re(std::string("^\\s*(") + kGradePhrase + ")$");
  return re;
}

// The first participating capture group of a match, as [begin, end).
std::optional<std::pair<std::size_t, std::size_t>> captured_span(
    const std::smatch& m) {
  for (std::size_t g = 1; g < m.size(); ++g) {
    if (m[g].matched) {
      auto begin = static_cast<std::size_t>(m.position(g));
      return std::pair{begin, begin + static_cast<std::size_t>(m.length(g))};
    }
  }
  return std::nullopt;
}

std::optional<std::pair<std::size_t, std::size_t>> search_end(
    const std::string& text, const std::regex& re) {
  std::smatch m;
  if (!std::regex_search(text, m, re)) return std::nullopt;
  return captured_span(m);
}

// Maps a phrase (any case, any spacing) to its grade; "requires improvement
// to be good" contains "good", so improvement is tested first.
Grade grade_of_phrase(std::string_view lowered) {
  if (lowered.find("improvement") != std::string_view::npos)
    return Grade::RequiresImprovement;
  if (lowered.find("inadequate") != std::string_view::npos)
    return Grade::Inadequate;
  if (lowered.find("adequate") != std::string_view::npos)
    return Grade::Adequate;
  if (lowered.find("outstanding") != std::string_view::npos)
    return Grade::Outstanding;
  if (lowered.find("good") != std::string_view::npos) return Grade::Good;
  return Grade::None;
}

std::string without_bold_markers(std::string_view words) {
  std::string out(words);
  std::erase(out, '*');
  return out;
}

GradeMatch make_match(std::string_view line, const std::string& normalised,
                      std::pair<std::size_t, std::size_t> span) {
  GradeMatch match;
  match.begin = span.first;
  match.words = without_bold_markers(
      line.substr(span.first, span.second - span.first));
  match.grade = grade_of_phrase(
      std::string_view(normalised).substr(span.first, span.second - span.first));
  return match;
}

std::string lowered_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)); };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
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
    case Grade::Outstanding: return "outstanding";
    case Grade::Good: return "good";
    case Grade::Adequate: return "adequate";
    case Grade::RequiresImprovement: return "requires-improvement";
    case Grade::Inadequate: return "inadequate";
    case Grade::None: break;
  }
  return "none";
}

std::optional<Grade> grade_from_name(std::string_view name) {
  const std::string key = lowered_ascii(trim(name));
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
  const std::string normalised = normalise_for_matching(line);
  const TrimmedEnd trimmed = trim_end(normalised);
  const std::string head = normalised.substr(0, trimmed.end);
  const std::string spaced = tabs_as_spaces(head);

  if (auto span = search_end(spaced, numbered_form()))
    return make_match(line, normalised, *span);
  if (auto span = search_end(tabs_as_colons(head), after_colon_form()))
    return make_match(line, normalised, *span);
  if (auto span = search_end(spaced, verdict_form());
      span && starts_with_capital(line) &&
      !preceded_by_infinitive_to(spaced, span->first))
    return make_match(line, normalised, *span);
  if (!trimmed.had_full_stop) {
    if (auto span = search_end(spaced, bare_form()))
      return make_match(line, normalised, *span);
  }
  return std::nullopt;
}

bool is_grade_only(std::string_view line) {
  const std::string normalised = normalise_for_matching(line);
  const TrimmedEnd trimmed = trim_end(normalised);
  if (trimmed.had_full_stop) return false;
  const std::string spaced = tabs_as_spaces(normalised.substr(0, trimmed.end));
  if (std::regex_search(spaced, bare_form())) return true;
  std::smatch m;
  if (!std::regex_search(spaced, m, numbered_form())) return false;
  auto span = captured_span(m);
  return span && trim(std::string_view(spaced).substr(0, span->first)).empty();
}

}  // namespace ofs::analyzers
