// Recognising Ofsted judgement grades in report text.
// Contract: pure functions over UTF-8 strings; no I/O.  Every framework's
// wording maps onto one normalised scale so facets compare across years.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ofs::analyzers {

enum class Grade {
  None,  // no judgement governs this text
  Outstanding,
  Good,
  Adequate,             // 2009-2013 four-point scale ("Grade 3 (Adequate)")
  RequiresImprovement,  // 2014+ "requires improvement (to be good)"
  Inadequate,
};

// Canonical facet value: "outstanding", "good", "adequate",
// "requires-improvement", "inadequate", "none".
std::string_view grade_name(Grade g);
// Inverse of grade_name; also accepts "requires improvement", "ri".
std::optional<Grade> grade_from_name(std::string_view name);

struct GradeMatch {
  Grade grade = Grade::None;
  std::string words;      // the report's own words, e.g. "Grade 3 (Adequate)"
  std::size_t begin = 0;  // byte offset of `words` in the searched text
};

// Finds a grade statement at the END of a line or heading, in any framework's
// form: "Grade 4 (Inadequate)", "Grade 2 (good)", "**Grade 3 (Adequate)**",
// "...: requires improvement to be good", "...: good", "Inadequate".
// Returns nothing when the line carries no grade.
std::optional<GradeMatch> find_trailing_grade(std::string_view line);

// True when the whole line is only a grade phrase (after trimming).
bool is_grade_only(std::string_view line);

}  // namespace ofs::analyzers
