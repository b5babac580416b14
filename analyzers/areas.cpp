#include "analyzers/areas.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include "analyzers/grade.h"
#include "analyzers/text.h"

namespace ofs::analyzers {

const std::vector<std::string>& canonical_areas() {
  static const std::vector<std::string> areas = {
      "overall",     "capacity",     "leadership",     "safeguarding",
      "looked-after-children",       "help-and-protection",
      "children-in-care",            "care-leavers",   "adoption",
      "lscb",        "health",       "recommendations", "context", "other"};
  return areas;
}

bool is_canonical_area(std::string_view area) {
  const auto& all = canonical_areas();
  return std::find(all.begin(), all.end(), area) != all.end();
}

namespace {

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t tab = line.find('\t', start);
    fields.emplace_back(trim(std::string_view(line).substr(start, tab - start)));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return fields;
}

// Bold markers left by a conversion ("Staying safe**Grade 3 (Adequate)**")
// separate words, so they become spaces.
std::string replace_bold_markers(std::string text) {
  for (std::size_t at; (at = text.find("**")) != std::string::npos;) text.replace(at, 2, " ");
  return text;
}

// `pattern` with '*' standing for any run of characters, over the whole of `text`.
bool glob_match(std::string_view pattern, std::string_view text) {
  const auto star = pattern.find('*');
  if (star == std::string_view::npos) return pattern == text;
  if (!text.starts_with(pattern.substr(0, star))) return false;
  const std::string_view rest = pattern.substr(star + 1);
  for (std::size_t from = star; from <= text.size(); ++from)
    if (glob_match(rest, text.substr(from))) return true;
  return false;
}

}  // namespace

std::string HeadingTable::key_of(std::string_view heading) {
  std::string text = fold_whitespace(replace_bold_markers(normalise_for_index(heading)));
  if (auto grade = find_trailing_grade(text)) text.resize(grade->begin);
  std::string key = lowercase(fold_whitespace(text));
  const auto drop_trailing_punctuation = [&key] {
    while (!key.empty() && (key.back() == ':' || key.back() == '?' || key.back() == '.' || key.back() == ' ' ||
                            key.back() == '-'))
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
    const std::string_view piece = pattern.substr(start, star == std::string_view::npos ? std::string_view::npos : star - start);
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
  std::ifstream in(tsv);
  if (!in) throw std::runtime_error(tsv.string() + ": cannot open heading table");
  HeadingTable table;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (trim(line).empty() || trim(line).front() == '#') continue;
    const auto fail = [&](const std::string& why) {
      throw std::runtime_error(tsv.string() + ":" + std::to_string(number) + ": " + why);
    };
    auto fields = split_tabs(line);
    if (fields.size() != 5) fail("expected 5 tab-separated fields: framework, heading, level, area, why");
    HeadingRule rule;
    rule.framework = fields[0];
    rule.heading = key_of_pattern(fields[1]);
    try {
      rule.level = std::stoi(fields[2]);
    } catch (const std::exception&) {
      fail("level '" + fields[2] + "' is not a number");
    }
    rule.area = fields[3];
    if (rule.area != kInheritArea && !is_canonical_area(rule.area))
      fail("unknown area '" + rule.area + "'");
    rule.why = fields[4];
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
