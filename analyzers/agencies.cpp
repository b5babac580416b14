// Agency recognition.  See agencies.h for the contract and data/agencies.tsv
// for the alias syntax.
//
// Matching works on the text as the shared normaliser gives it (white space
// runs as one space, curly apostrophes as '), which remembers where each
// byte came from, so organisation names are reported exactly as written.
// Case-insensitive aliases are matched on an ASCII-lowercased copy with the
// same offsets; word boundaries use ICU's notion of letters/digits, so
// "policy" never matches "police" and "Barnardo’s" ends at the apostrophe
// like "Barnardo's".

#include "analyzers/agencies.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <optional>

#include "analyzers/text.h"
#include "analyzers/tsv.h"
#include "analyzers/utf8.h"

namespace ofs::analyzers {
namespace {

// First field of a row that declares a canonical agency.
constexpr std::string_view kDeclaration = "agency";

// Canonical name of entries that suppress a phrase ("Children in Care
// Council" is a children's forum, not the local authority).
constexpr std::string_view kNotAnAgency = "-";

// ---------------------------------------------------------------- UTF-8 --

UChar32 code_point_before(std::string_view s, std::size_t i) {
  if (i == 0) return U_SENTINEL;
  return previous_code_point(s, i);
}

bool is_word_code_point(UChar32 c) { return c >= 0 && u_isalnum(c); }

std::size_t code_point_length_at(std::string_view s, std::size_t i) {
  std::size_t end = i;
  next_code_point(s, end);
  return end - i;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string ascii_lowered(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

// ------------------------------------------------------ normalised text --

struct MatchText {
  explicit MatchText(std::string_view source)
      : normalised(source, {.collapse_spaces = true}), folded(ascii_lowered(normalised.text())) {}
  const std::string& cased() const { return normalised.text(); }
  NormalisedText normalised;  // spaces collapsed, apostrophes straight
  std::string folded;         // cased(), ASCII-lowercased: same offsets
};

bool starts_with_capital(std::string_view s) {
  UChar32 c = code_point_at(s, 0);
  return c >= 0 && u_isupper(c);
}

bool word_boundary_before(std::string_view s, std::size_t i) {
  return !is_word_code_point(code_point_before(s, i));
}

bool word_boundary_at(std::string_view s, std::size_t i) { return !is_word_code_point(code_point_at(s, i)); }

std::size_t end_of_word(std::string_view s, std::size_t i) {
  while (i < s.size() && is_word_code_point(code_point_at(s, i))) i += code_point_length_at(s, i);
  return i;
}

// ------------------------------------------------------- name extension --
// "* Constabulary" aliases: grow a match leftwards over the capitalised
// words of a proper name ("Avon and Somerset Police", "Isle of Wight
// Council", "Swindon & Royal United Hospital NHS Trust").

struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view text;
};

// The space-delimited token that ends one space before `pos`.
std::optional<Token> token_before(std::string_view s, std::size_t pos) {
  if (pos < 2 || s[pos - 1] != ' ') return std::nullopt;
  const std::size_t end = pos - 1;
  const std::size_t space = s.rfind(' ', end - 1);
  const std::size_t begin = (space == std::string_view::npos) ? 0 : space + 1;
  if (begin >= end) return std::nullopt;
  return Token{begin, end, s.substr(begin, end - begin)};
}

std::optional<Token> token_at(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return std::nullopt;
  std::size_t end = s.find(' ', pos);
  if (end == std::string_view::npos) end = s.size();
  return Token{pos, end, s.substr(pos, end - pos)};
}

// "Children's", "Southend-on-Sea", "NHS": starts with a capital and holds
// only letters, digits, apostrophes and hyphens.
bool is_capitalised_word(std::string_view w) {
  if (!starts_with_capital(w)) return false;
  for (std::size_t i = 0; i < w.size(); i += code_point_length_at(w, i)) {
    UChar32 c = code_point_at(w, i);
    if (!is_word_code_point(c) && c != '\'' && c != '-') return false;
  }
  return true;
}

bool is_acronym(std::string_view w) {
  return w.size() >= 2 && std::all_of(w.begin(), w.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
         });
}

bool is_joining_connector(std::string_view w) { return w == "and" || w == "&"; }

bool is_inner_connector(std::string_view w) {
  return w == "of" || w == "upon" || w == "on" || is_joining_connector(w);
}

// Capitalised words that begin sentences or titles rather than names.
bool is_leading_stop_word(std::string_view w) {
  static constexpr std::array<std::string_view, 36> kStopWords{
      "The",  "A",     "An",     "Inspection", "In",     "Some", "Our",   "One",      "This",
      "That", "These", "Those",  "Both",       "All",    "Each", "At",    "By",       "For",
      "From", "With",  "Within", "While",      "Whilst", "When", "Where", "Although", "However",
      "And",  "Of",    "Also",   "If",         "As",     "To",   "Its",   "Their",    "Across"};
  return std::find(kStopWords.begin(), kStopWords.end(), w) != kStopWords.end();
}

bool contains(const std::vector<std::string>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// A name is joined across "and"/"&" only from a plain capitalised word that
// does not itself end another name: "Avon and Somerset Police" but not
// "Wiltshire Council and Wiltshire Constabulary" or "NCT and ... Council".
bool may_join_across_and(const Token& left, const std::vector<std::string>& name_ending_words) {
  return is_capitalised_word(left.text) && !is_acronym(left.text) &&
         !contains(name_ending_words, ascii_lowered(left.text));
}

// No organisation's name runs longer; a longer run of capitalised words is
// a title or a list, and walking it for every match would cost the square
// of its length.
constexpr int kMaxNameWords = 16;

std::size_t extend_over_capitalised_words(std::string_view s, std::size_t begin,
                                          const std::vector<std::string>& name_ending_words) {
  bool joined_across_and = false;
  for (int words = 0; words < kMaxNameWords; ++words) {
    const auto token = token_before(s, begin);
    if (!token) break;
    if (is_capitalised_word(token->text)) {
      begin = token->begin;
      continue;
    }
    if (!is_inner_connector(token->text)) break;
    auto left = token_before(s, token->begin);
    if (!left || !is_capitalised_word(left->text)) break;
    if (is_joining_connector(token->text)) {
      if (joined_across_and || !may_join_across_and(*left, name_ending_words)) break;
      joined_across_and = true;
    }
    begin = left->begin;
  }
  return begin;
}

std::size_t skip_leading_stop_words(std::string_view s, std::size_t begin, std::size_t limit) {
  while (begin < limit) {
    auto token = token_at(s, begin);
    if (!token || token->end >= limit) break;
    if (!is_leading_stop_word(token->text) && !is_inner_connector(token->text)) break;
    begin = token->end + 1;
  }
  return begin;
}

// Start of the proper name that ends with the suffix at `suffix_begin`, or
// nothing when no capitalised word precedes it ("The Police").
std::optional<std::size_t> proper_name_start(std::string_view s, std::size_t suffix_begin,
                                             const std::vector<std::string>& name_ending_words) {
  std::size_t begin = extend_over_capitalised_words(s, suffix_begin, name_ending_words);
  begin = skip_leading_stop_words(s, begin, suffix_begin);
  if (begin >= suffix_begin) return std::nullopt;
  return begin;
}

// ------------------------------------------------------------- matching --

struct Candidate {
  std::size_t begin = 0;  // in normalised text
  std::size_t end = 0;
  const AgencyTable::Alias* alias = nullptr;
  bool organisation = false;
  std::size_t length() const { return end - begin; }
  bool overlaps(const Candidate& o) const { return begin < o.end && o.begin < end; }
};

bool is_organisation(const AgencyTable::Alias& alias, std::string_view cased, std::size_t begin) {
  if (alias.name_suffix) return true;
  return alias.proper_name && !alias.prefix && starts_with_capital(cased.substr(begin));
}

// "*SCB" in "RCSCB": the start of the word the phrase ends, or nothing when
// an acronym's word has a letter that is not a capital ("iSCB").
std::optional<std::size_t> start_of_word_ending_at(std::string_view s, std::size_t pos, bool acronym) {
  std::size_t begin = pos;
  while (begin > 0) {
    std::size_t before = begin;
    const UChar32 c = previous_code_point(s, before);
    if (!is_word_code_point(c)) break;
    if (acronym && !(c >= 'A' && c <= 'Z')) return std::nullopt;
    begin = before;
  }
  return begin;
}

bool counts_in(const AgencyTable::Alias& alias, const AgencyContext& context) {
  if (alias.only_in_sections.empty()) return true;
  for (const std::string& where : alias.only_in_sections) {
    if (context.area == where) return true;
    for (const std::string& heading : context.section)
      if (lowercase(heading).find(where) != std::string::npos) return true;
  }
  return false;
}

void collect_matches_of(const AgencyTable::Alias& alias, const MatchText& text,
                        const std::vector<std::string>& name_ending_words, std::vector<Candidate>& out) {
  const bool use_case = alias.case_sensitive || alias.name_suffix;
  std::string_view haystack = use_case ? text.cased() : text.folded;
  for (std::size_t pos = haystack.find(alias.phrase); pos != std::string_view::npos;
       pos = haystack.find(alias.phrase, pos + 1)) {
    std::size_t end = pos + alias.phrase.size();
    std::size_t start = pos;
    if (alias.word_start) {
      const auto word = start_of_word_ending_at(haystack, pos, alias.case_sensitive);
      if (!word) continue;
      start = *word;
    } else if (!word_boundary_before(haystack, pos)) {
      continue;
    }
    if (alias.prefix) {
      end = end_of_word(haystack, end);
    } else if (!word_boundary_at(haystack, end)) {
      continue;
    }
    std::size_t begin = start;
    if (alias.name_suffix) {
      auto start = proper_name_start(text.cased(), pos, name_ending_words);
      if (!start) continue;
      begin = *start;
    }
    out.push_back(Candidate{begin, end, &alias, is_organisation(alias, text.cased(), begin)});
  }
}

// "Wiltshire Parent Carer Council": a guessed "* Suffix" name whose tail is
// a phrase the table marks "-" is that non-agency, however long the name.
void drop_names_ending_in_non_agencies(std::vector<Candidate>& candidates) {
  std::vector<std::size_t> non_agency_ends;
  for (const Candidate& c : candidates)
    if (c.alias->canonical.empty()) non_agency_ends.push_back(c.end);
  std::erase_if(candidates, [&](const Candidate& c) {
    return c.alias->name_suffix &&
           std::find(non_agency_ends.begin(), non_agency_ends.end(), c.end) != non_agency_ends.end();
  });
}

// Which of two candidates to take first: the longer; on the same length an
// alias spelled out in the file beats a "* Suffix" guess (so "Youth Council"
// marked "-" hides "* Council"), and an organisation beats a common noun
// (so "Virtual School" beats "virtual school*"); then the earlier one.
bool takes_precedence(const Candidate& a, const Candidate& b) {
  if (a.length() != b.length()) return a.length() > b.length();
  if (a.alias->name_suffix != b.alias->name_suffix) return !a.alias->name_suffix;
  if (a.organisation != b.organisation) return a.organisation;
  return a.begin < b.begin;
}

// Longest alias wins: take candidates in precedence order, dropping any that
// overlap one already taken; then restore text order.  The chosen spans are
// disjoint, so only the one starting last before a candidate ends can
// overlap it: each check is a look-up, not a scan.
std::vector<Candidate> select_longest(std::vector<Candidate> candidates) {
  std::stable_sort(candidates.begin(), candidates.end(), takes_precedence);
  std::map<std::size_t, Candidate> chosen;  // by begin
  for (const Candidate& c : candidates) {
    auto after = chosen.lower_bound(c.end);
    if (after != chosen.begin() && std::prev(after)->second.overlaps(c)) continue;
    chosen.emplace(c.begin, c);
  }
  std::vector<Candidate> in_text_order;
  in_text_order.reserve(chosen.size());
  for (auto& [begin, c] : chosen) in_text_order.push_back(c);
  return in_text_order;
}

void append_unique(std::vector<std::string>& list, std::string value) {
  if (!contains(list, value)) list.push_back(std::move(value));
}

// ---------------------------------------------------------- table rows --

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

bool written_as_acronym(std::string_view phrase) {
  bool has_letter = false;
  for (char c : phrase) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') has_letter = true;
  }
  return has_letter;
}

// Same normalisation as the searched text, so "children’s  services" in the
// file matches "children's services" in a report.
std::string normalised_phrase(std::string_view phrase, bool keep_case) {
  const MatchText n(phrase);
  return std::string(trim(keep_case ? n.cased() : n.folded));
}

AgencyTable::Alias parse_alias(std::string_view canonical, std::string_view written, const TsvRecord& row) {
  AgencyTable::Alias alias;
  alias.canonical = canonical == kNotAnAgency ? "" : std::string(canonical);
  std::string_view phrase = written;
  if (phrase.starts_with("* ")) {
    alias.name_suffix = true;
    phrase = trim(phrase.substr(2));
    if (!starts_with_capital(phrase))
      row.fail("a '* Suffix' alias must start with a capital letter: '" + std::string(written) + "'");
  } else {
    if (phrase.starts_with('*')) {
      alias.word_start = true;
      phrase.remove_prefix(1);
    }
    if (phrase.ends_with('*')) {
      alias.prefix = true;
      phrase = trim(phrase.substr(0, phrase.size() - 1));
    }
  }
  if (phrase.empty() || phrase.find('*') != std::string_view::npos)
    row.fail("'*' may only start or end an alias ('*SCB', 'school*') or start one as '* ': '" +
             std::string(written) + "'");
  alias.case_sensitive = !alias.name_suffix && written_as_acronym(phrase);
  alias.proper_name = starts_with_capital(phrase);
  alias.phrase = normalised_phrase(phrase, alias.case_sensitive || alias.name_suffix);
  return alias;
}

std::string last_word_lowered(std::string_view phrase) {
  std::size_t space = phrase.rfind(' ');
  if (space == std::string_view::npos) return {};
  return ascii_lowered(phrase.substr(space + 1));
}

}  // namespace

AgencyTable AgencyTable::load(const std::filesystem::path& tsv) {
  return from_rows(read_tsv(tsv, "agency table"));
}

AgencyTable AgencyTable::parse(std::string_view tsv_text, std::string_view source) {
  return from_rows(parse_tsv(tsv_text, source));
}

void AgencyTable::declare(const TsvRecord& row) {
  row.expect_fields(3, "agency, its name, what the tag means");
  const std::string& name = row.fields[1];
  if (name.empty() || name == kNotAnAgency || name == kDeclaration || facet_slug(name) != name)
    row.fail("'" + name +
             "' cannot name an agency: use lower-case words joined by '-', such as 'youth-justice'");
  if (contains(canonical_names_, name)) row.fail("agency '" + name + "' is declared twice");
  canonical_names_.push_back(name);
}

void AgencyTable::add_alias(const TsvRecord& row) {
  if (row.fields.size() < 2)
    row.fail("expected 'agency-name<TAB>alias', found no tab (separate the two with one TAB)");
  if (row.fields.size() > 3 || row.fields[1].empty())
    row.fail("expected 'agency-name<TAB>alias', optionally followed by '<TAB>sections it counts in'");
  const std::string& canonical = row.fields[0];
  if (canonical != kNotAnAgency && !contains(canonical_names_, canonical))
    row.fail("unknown canonical agency '" + canonical + "': declare it first with a line 'agency<TAB>" +
             canonical + "<TAB>what the tag means', or use one of: " + joined(canonical_names_) + ", -");
  Alias alias = parse_alias(canonical, row.fields[1], row);
  if (row.fields.size() == 3) {
    for (std::string_view rest = row.fields[2]; !rest.empty();) {
      const std::size_t comma = rest.find(',');
      const std::string where = lowercase(trim(rest.substr(0, comma)));
      if (!where.empty()) alias.only_in_sections.push_back(where);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    if (alias.only_in_sections.empty())
      row.fail(
          "the third field lists the sections the alias counts in (areas or heading words, "
          "comma-separated): it is empty");
  }
  aliases_.push_back(std::move(alias));
}

AgencyTable AgencyTable::from_rows(const std::vector<TsvRecord>& rows) {
  AgencyTable table;
  for (const TsvRecord& row : rows) {
    if (row.fields.front() == kDeclaration) table.declare(row);
    else table.add_alias(row);
  }
  for (const Alias& alias : table.aliases_) {
    std::string word = last_word_lowered(alias.phrase);
    if (alias.name_suffix) word = ascii_lowered(alias.phrase.substr(alias.phrase.rfind(' ') + 1));
    if (!word.empty() && !contains(table.name_ending_words_, word)) table.name_ending_words_.push_back(word);
  }
  return table;
}

AgencyMentions AgencyTable::find(std::string_view text, const AgencyContext& context) const {
  const MatchText normalised(text);
  std::vector<Candidate> candidates;
  for (const Alias& alias : aliases_)
    if (counts_in(alias, context)) collect_matches_of(alias, normalised, name_ending_words_, candidates);
  drop_names_ending_in_non_agencies(candidates);

  AgencyMentions mentions;
  for (const Candidate& c : select_longest(std::move(candidates))) {
    if (c.alias->canonical.empty()) continue;  // a "-" phrase: no agency
    append_unique(mentions.agencies, c.alias->canonical);
    if (c.organisation) {
      const std::size_t from = normalised.normalised.source_offset(c.begin);
      const std::size_t to = normalised.normalised.source_offset(c.end);
      append_unique(mentions.organisations, fold_whitespace(text.substr(from, to - from)));
    }
  }
  return mentions;
}

const std::vector<std::string>& AgencyTable::canonical_names() const { return canonical_names_; }

}  // namespace ofs::analyzers
