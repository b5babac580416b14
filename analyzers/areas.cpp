#include "analyzers/areas.h"

#include <algorithm>

#include "analyzers/grade.h"
#include "analyzers/text.h"
#include "analyzers/tsv.h"

namespace ofs::analyzers {

const std::vector<std::string>& canonical_areas() {
  static const std::vector<std::string> areas = {"overall",
                                                 "capacity",
                                                 "leadership",
                                                 "safeguarding",
                                                 "looked-after-children",
                                                 "help-and-protection",
                                                 "children-in-care",
                                                 "care-leavers",
                                                 "adoption",
                                                 "lscb",
                                                 "health",
                                                 "recommendations",
                                                 "context",
                                                 "other"};
  return areas;
}

bool is_canonical_area(std::string_view area) {
  const auto& all = canonical_areas();
  return std::find(all.begin(), all.end(), area) != all.end();
}

bool is_judged_area(std::string_view area) {
  return is_canonical_area(area) && area != "recommendations" && area != "context" && area != "other";
}

namespace {

// `pattern` with '*' standing for any run of characters, over the whole of
// `text`.  Each star is matched as short as possible and widened only when
// what follows fails, so the cost is at most pattern length times text
// length (no backtracking over earlier stars).
bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0;
  std::size_t star = std::string_view::npos, star_text = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_text = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p, ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

std::string HeadingTable::key_of(std::string_view heading) {
  std::string text = fold_whitespace(replace_bold_markers(normalise_for_index(heading)));
  if (auto grade = find_trailing_grade(text)) text.resize(grade->begin);
  std::string key = lowercase(fold_whitespace(text));
  const auto drop_trailing_punctuation = [&key] {
    while (!key.empty() && (key.back() == ':' || key.back() == '?' || key.back() == '.' ||
                            key.back() == ' ' || key.back() == '-'))
      key.pop_back();
  };
  drop_trailing_punctuation();
  // "… help and protection is inadequate", "… care leavers are: inadequate":
  // the verb is not part of the heading.
  for (std::string_view verb : {" is", " are"})
    if (key.ends_with(verb) && !key.ends_with("that it is")) key.resize(key.size() - verb.size());
  drop_trailing_punctuation();
  return key;
}

// A table row's heading as a look-up key, keeping its '*' wildcards: each
// piece between stars is normalised like a heading.
std::string HeadingTable::key_of_pattern(std::string_view pattern) {
  std::string key;
  std::size_t start = 0;
  while (true) {
    const std::size_t star = pattern.find('*', start);
    const std::string_view piece =
        pattern.substr(start, star == std::string_view::npos ? std::string_view::npos : star - start);
    // Spaces around a star are part of what it may match.
    const bool space_before = !piece.empty() && piece.back() == ' ' && star != std::string_view::npos;
    const bool space_after = start > 0 && !piece.empty() && piece.front() == ' ';
    if (space_after) key += ' ';
    key += key_of(piece);
    if (star == std::string_view::npos) break;
    if (space_before) key += ' ';
    key += '*';
    start = star + 1;
  }
  return key;
}

HeadingTable HeadingTable::load(const std::filesystem::path& tsv) {
  HeadingTable table;
  for (const TsvRecord& row : read_tsv(tsv, "heading table")) {
    row.expect_fields(5, "framework, heading, level, area, why");
    HeadingRule rule;
    rule.framework = row.fields[0];
    rule.heading = key_of_pattern(row.fields[1]);
    try {
      rule.level = std::stoi(row.fields[2]);
    } catch (const std::exception&) {
      row.fail("level '" + row.fields[2] + "' is not a number (1 is a top-level section)");
    }
    rule.area = row.fields[3];
    if (rule.area != kInheritArea && !is_canonical_area(rule.area))
      row.fail("unknown area '" + rule.area +
               "' (use one of the areas listed at the top of the file, or inherit)");
    rule.why = row.fields[4];
    table.rules_.push_back(std::move(rule));
  }
  return table;
}

const HeadingRule* HeadingTable::find(std::string_view framework, std::string_view heading) const {
  const std::string key = key_of(heading);
  const HeadingRule* best = nullptr;
  int best_rank = -1;
  for (const auto& rule : rules_) {
    if (rule.framework != "*" && rule.framework != framework) continue;
    const bool wildcard = rule.heading.find('*') != std::string::npos;
    if (!(wildcard ? glob_match(rule.heading, key) : key == rule.heading)) continue;
    const int rank = (rule.framework != "*" ? 2 : 0) + (wildcard ? 0 : 1);
    if (rank > best_rank) best = &rule, best_rank = rank;
  }
  return best;
}

}  // namespace ofs::analyzers
