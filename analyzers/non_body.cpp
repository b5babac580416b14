// Boilerplate and the inspection team.  See non_body.h for the contract and
// data/non-body.tsv for the format.
//
// Every comparison is on match_text() (the index's normalisation, white
// space folded) lowered in ASCII only, so offsets found in the lowered copy
// cut the same words out of the text as printed.
#include "analyzers/non_body.h"

#include <algorithm>

#include "analyzers/text.h"
#include "analyzers/tsv.h"

namespace ofs::analyzers {
namespace {

constexpr std::string_view kBackCover = "back-cover";
constexpr std::string_view kBoilerplate = "not-body";
constexpr std::string_view kTeamRole = "team-role";
constexpr std::string_view kTitle = "inspector-title";

// A label without its colon is a team line only at the start of a line this
// short ("Reporting inspector Helen Cawston HMI").
constexpr std::size_t kMaxWordsAfterBareLabel = 8;
// No name the reports print runs longer; a longer piece is prose.
constexpr std::size_t kMaxNameWords = 5;

std::string ascii_lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

// `folded` starts with `phrase`, ending at a word boundary.
bool starts_with_phrase(std::string_view folded, std::string_view phrase) {
  if (!folded.starts_with(phrase)) return false;
  return folded.size() == phrase.size() || !is_word_char(phrase.back()) ||
         !is_word_char(folded[phrase.size()]);
}

bool starts_with_any(std::string_view folded, const std::vector<std::string>& phrases) {
  return std::any_of(phrases.begin(), phrases.end(),
                     [&](const std::string& p) { return starts_with_phrase(folded, p); });
}

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    if (space != 0) words.push_back(text.substr(0, space));
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return words;
}

bool starts_upper(std::string_view word) {
  return !word.empty() && word.front() >= 'A' && word.front() <= 'Z';
}

// "Helen Cawston HMI": capitalised words (and "and") only.
bool reads_as_names(std::string_view text) {
  const auto words = words_of(text);
  if (words.empty() || words.size() > kMaxWordsAfterBareLabel) return false;
  return std::all_of(words.begin(), words.end(),
                     [](std::string_view w) { return starts_upper(w) || w == "and"; });
}

std::string without_brackets(std::string_view text) {
  std::string out;
  int depth = 0;
  for (char c : text) {
    if (c == '(') ++depth;
    else if (c == ')') depth = depth > 0 ? depth - 1 : 0;  // a stray ')' goes too
    else if (depth == 0) out += c;
  }
  return fold_whitespace(out);
}

// The names of a team line's value: split at commas, semicolons, "&" and the word "and".
std::vector<std::string> name_pieces(std::string_view value) {
  std::string text = without_brackets(value);
  std::vector<std::string> pieces;
  std::string piece;
  const auto flush = [&] {
    if (!trim(piece).empty()) pieces.emplace_back(trim(piece));
    piece.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ',' || c == ';' || c == '&') {
      flush();
      continue;
    }
    if (c == ' ' && std::string_view(text).substr(i).starts_with(" and ")) {
      flush();
      i += 4;
      continue;
    }
    piece += c;
  }
  flush();
  return pieces;
}

void sort_longest_first(std::vector<std::string>& phrases) {
  std::stable_sort(phrases.begin(), phrases.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

}  // namespace

std::string NonBodyTable::match_text(std::string_view text) {
  return fold_whitespace(normalise_for_index(text));
}

NonBodyTable NonBodyTable::load(const std::filesystem::path& tsv) {
  return from_rows(read_tsv(tsv, "table of non-body text"));
}

NonBodyTable NonBodyTable::parse(std::string_view tsv_text, std::string_view source) {
  return from_rows(parse_tsv(tsv_text, source));
}

NonBodyTable NonBodyTable::from_rows(const std::vector<TsvRecord>& rows) {
  NonBodyTable table;
  for (const TsvRecord& row : rows) {
    const std::string& kind = row.fields.front();
    const auto phrase = [&] {
      const std::string folded = ascii_lowered(match_text(row.fields[1]));
      if (folded.empty()) row.fail("the phrase is empty");
      return folded;
    };
    if (kind == kBackCover || kind == kBoilerplate || kind == kTitle) {
      row.expect_fields(2, std::string(kind) + ", phrase");
      (kind == kBackCover     ? table.back_cover_
       : kind == kBoilerplate ? table.boilerplate_
                              : table.titles_)
          .push_back(phrase());
    } else if (kind == kTeamRole) {
      row.expect_fields(3, "team-role, label as printed, role");
      if (row.fields[2].empty())
        row.fail("the role is empty: say what the label means, e.g. 'team inspector'");
      table.labels_.push_back({phrase(), row.fields[2]});
    } else {
      row.fail("unknown kind '" + kind + "': use back-cover, not-body, team-role or inspector-title");
    }
  }
  std::stable_sort(table.labels_.begin(), table.labels_.end(),
                   [](const Label& a, const Label& b) { return a.folded.size() > b.folded.size(); });
  sort_longest_first(table.titles_);
  return table;
}

bool NonBodyTable::opens_back_cover(std::string_view text) const {
  return starts_with_any(ascii_lowered(match_text(text)), back_cover_);
}

bool NonBodyTable::is_boilerplate(std::string_view text) const {
  return starts_with_any(ascii_lowered(match_text(text)), boilerplate_);
}

std::vector<NonBodyTable::LabelAt> NonBodyTable::team_labels(std::string_view normalised) const {
  const std::string folded = ascii_lowered(normalised);
  std::vector<LabelAt> found;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    if (i > 0 && folded[i - 1] != ' ') continue;  // labels start words
    for (const Label& label : labels_) {
      if (!starts_with_phrase(std::string_view(folded).substr(i), label.folded)) continue;
      std::size_t after = i + label.folded.size();
      while (after < folded.size() && folded[after] == ' ') ++after;
      if (after < folded.size() && folded[after] == ':') {
        found.push_back({i, after + 1, &label.role});
      } else if (i == 0 && reads_as_names(normalised.substr(after))) {
        found.push_back({i, after, &label.role});
      } else {
        continue;
      }
      i = found.back().value_begin - 1;
      break;
    }
  }
  return found;
}

bool NonBodyTable::is_inspector_title(std::string_view text) const {
  std::string folded = ascii_lowered(match_text(text));
  while (!folded.empty() && (folded.back() == '.' || folded.back() == ',')) folded.pop_back();
  return std::find(titles_.begin(), titles_.end(), folded) != titles_.end();
}

namespace {

// "Dominic Porter- Moore": a name hyphenated at a line break.
std::string joined_at_line_break_hyphens(std::string text) {
  for (std::size_t at = text.find("- "); at != std::string::npos; at = text.find("- ", at + 1))
    if (at > 0 && is_word_char(text[at - 1]) && at + 2 < text.size() && starts_upper(text.substr(at + 2)))
      text.erase(at + 1, 1);
  return text;
}

}  // namespace

std::string NonBodyTable::clean_name(std::string_view raw) const {
  if (is_inspector_title(raw)) return {};
  std::string name = joined_at_line_break_hyphens(without_brackets(match_text(raw)));
  bool changed = true;
  while (changed && !name.empty()) {
    changed = false;
    while (!name.empty() && (name.back() == '.' || name.back() == ',' || name.back() == ' ')) {
      name.pop_back();
      changed = true;
    }
    const std::string folded = ascii_lowered(name);
    for (const std::string& title : titles_) {
      if (folded.size() <= title.size() || !folded.ends_with(title)) continue;
      const char before = folded[folded.size() - title.size() - 1];
      if (before != ' ' && before != ',') continue;
      name.resize(name.size() - title.size());
      changed = true;
      break;
    }
  }
  name = std::string(trim(name));
  const auto words = words_of(name);
  if (words.empty() || words.size() > kMaxNameWords || !starts_upper(name) || is_inspector_title(name))
    return {};
  return name;
}

bool TeamList::take(std::string_view text) {
  const std::string normalised = NonBodyTable::match_text(text);
  if (normalised.empty()) return false;
  const auto labels = table_.team_labels(normalised);
  if (!labels.empty() && labels.front().begin == 0) {
    lines_.push_back(normalised);
    open_ = true;
    return true;
  }
  if (open_ && (!labels.empty() || carries_on(normalised))) {
    lines_.back() += ' ' + normalised;
    return true;
  }
  open_ = false;
  return false;
}

// The open line waits for its name ("Lead inspector:"), was wrapped after a
// comma or "and", or `next` is only the title of the name before it.
bool TeamList::carries_on(const std::string& next) const {
  const std::string& line = lines_.back();
  return line.ends_with(':') || line.ends_with(',') || line.ends_with(" and") ||
         table_.is_inspector_title(next);
}

std::vector<TeamMember> TeamList::members() const {
  std::vector<TeamMember> members;
  for (const std::string& line : lines_) {
    const auto labels = table_.team_labels(line);
    for (std::size_t k = 0; k < labels.size(); ++k) {
      const std::size_t end = k + 1 < labels.size() ? labels[k + 1].begin : line.size();
      const std::string_view value =
          std::string_view(line).substr(labels[k].value_begin, end - labels[k].value_begin);
      for (const std::string& piece : name_pieces(value)) {
        TeamMember member{table_.clean_name(piece), *labels[k].role};
        if (member.name.empty()) continue;
        if (std::find(members.begin(), members.end(), member) == members.end())
          members.push_back(std::move(member));
      }
    }
  }
  return members;
}

}  // namespace ofs::analyzers
