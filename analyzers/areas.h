// Mapping report headings to heading levels and canonical judgement areas.
// Contract: a HeadingTable is loaded once from data/headings.tsv (a file a
// user can read and extend; each row says why it maps as it does) and is
// immutable afterwards.  Look-ups are by framework and by the heading's
// words with any grade statement and trailing punctuation removed.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ofs::analyzers {

// The canonical judgement areas, in display order.
const std::vector<std::string>& canonical_areas();
bool is_canonical_area(std::string_view area);
// Whether `area` carries a judgement in some framework: every canonical area
// but recommendations, context and other.  A body section of a judged area
// with no grade of its own takes the grade the report's judgement table gives.
bool is_judged_area(std::string_view area);

// Area value in the table meaning "the area of the enclosing section".
inline constexpr std::string_view kInheritArea = "inherit";

struct HeadingRule {
  std::string framework;  // framework id, or "*" for every framework
  std::string heading;    // lower case, normalised; '*' matches any run of characters
  int level = 1;          // 1 = top-level section
  std::string area;       // canonical area or "inherit"
  std::string why;
};

class HeadingTable {
 public:
  // Throws std::runtime_error naming the file and line on a malformed row.
  static HeadingTable load(const std::filesystem::path& tsv);

  // The rule for `heading` in `framework`; framework-specific rows win over
  // "*" rows, exact rows over wildcard rows.  nullptr when unknown.
  const HeadingRule* find(std::string_view framework, std::string_view heading) const;

  // The key a heading is looked up by: normalised, lower case, grade
  // statement, bold markers and trailing ':' '?' '.' removed.
  static std::string key_of(std::string_view heading);

 private:
  static std::string key_of_pattern(std::string_view pattern);

 public:
 private:
  std::vector<HeadingRule> rules_;
};

}  // namespace ofs::analyzers
