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
    const bool prefix = !fields[1].empty() && fields[1].back() == '*';
    rule.heading = key_of(prefix ? fields[1].substr(0, fields[1].size() - 1) : fields[1]);
    if (prefix) rule.heading += '*';
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
    const bool prefix = !rule.heading.empty() && rule.heading.back() == '*';
    const std::string_view stem = prefix ? std::string_view(rule.heading).substr(0, rule.heading.size() - 1)
                                         : std::string_view(rule.heading);
    const bool hit = prefix ? key.starts_with(stem) : key == stem;
    if (!hit) continue;
    const int rank = (rule.framework != "*" ? 2 : 0) + (prefix ? 0 : 1);
    if (rank > best_rank) best = &rule, best_rank = rank;
  }
  return best;
}

}  // namespace ofs::analyzers
