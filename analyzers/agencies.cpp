// Agency recognition.  See agencies.h for the contract and data/agencies.tsv
// for the alias syntax.
//
// Matching works on a normalised copy of the text (whitespace runs and NBSP
// become one space, curly apostrophes become ') that remembers where each
// byte came from, so organisation names are reported exactly as written.
// Case folding is ASCII-only; word boundaries use ICU's notion of
// letters/digits, so "policy" never matches "police" and "Barnardo’s" ends
// at the apostrophe like "Barnardo's".

#include "analyzers/agencies.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <optional>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ofs::analyzers {
namespace {

constexpr std::array<std::string_view, 12> kCanonicalAgencies{
    "police",    "health",    "education", "council",
    "camhs",     "courts",    "cafcass",   "probation",
    "youth-justice", "voluntary", "safeguarding-board", "housing"};

// Canonical name of entries that suppress a phrase ("Children in Care
// Council" is a children's forum, not the local authority).
constexpr std::string_view kNotAnAgency = "-";

// ---------------------------------------------------------------- UTF-8 --

UChar32 code_point_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return U_SENTINEL;
  int32_t offset = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(s.data(), offset, static_cast<int32_t>(s.size()), c);
  return c;
}

UChar32 code_point_before(std::string_view s, std::size_t i) {
  if (i == 0) return U_SENTINEL;
  int32_t offset = static_cast<int32_t>(i);
  UChar32 c;
  U8_PREV(s.data(), 0, offset, c);
  return c;
}

bool is_word_code_point(UChar32 c) { return c >= 0 && u_isalnum(c); }

std::size_t code_point_length_at(std::string_view s, std::size_t i) {
  int32_t offset = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(s.data(), offset, static_cast<int32_t>(s.size()), c);
  return static_cast<std::size_t>(offset) - i;
}

bool is_space_byte(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

// Length of a whitespace character starting at i (ASCII space or NBSP), 0 if
// none.
std::size_t space_length_at(std::string_view s, std::size_t i) {
  if (is_space_byte(s[i])) return 1;
  if (s.substr(i, 2) == "\xC2\xA0") return 2;
  return 0;
}

// Length of a curly single quote (’ or ‘) at i, 0 if none.
std::size_t curly_apostrophe_length_at(std::string_view s, std::size_t i) {
  if (s.substr(i, 3) == "\xE2\x80\x99" || s.substr(i, 3) == "\xE2\x80\x98")
    return 3;
  return 0;
}

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string ascii_lowered(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
  return out;
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && is_space_byte(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space_byte(s.back())) s.remove_suffix(1);
  return s;
}

// ------------------------------------------------------ normalised text --

struct NormalisedText {
  std::string cased;                // spaces collapsed, apostrophes straight
  std::string folded;               // `cased`, ASCII-lowercased
  std::vector<std::size_t> origin;  // source offset of each byte, plus end
};

NormalisedText normalise(std::string_view source) {
  NormalisedText out;
  std::size_t i = 0;
  while (i < source.size()) {
    if (std::size_t n = space_length_at(source, i)) {
      if (out.cased.empty() || out.cased.back() != ' ') {
        out.cased.push_back(' ');
        out.origin.push_back(i);
      }
      i += n;
    } else if (std::size_t n = curly_apostrophe_length_at(source, i)) {
      out.cased.push_back('\'');
      out.origin.push_back(i);
      i += n;
    } else {
      out.cased.push_back(source[i]);
      out.origin.push_back(i);
      ++i;
    }
  }
  out.origin.push_back(source.size());
  out.folded = ascii_lowered(out.cased);
  return out;
}

// Text with whitespace runs collapsed; curly apostrophes are kept as written.
std::string collapse_whitespace(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (std::size_t n = space_length_at(s, i)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      i += n;
    } else {
      out.push_back(s[i++]);
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool starts_with_capital(std::string_view s) {
  UChar32 c = code_point_at(s, 0);
  return c >= 0 && u_isupper(c);
}

bool word_boundary_before(std::string_view s, std::size_t i) {
  return !is_word_code_point(code_point_before(s, i));
}

bool word_boundary_at(std::string_view s, std::size_t i) {
  return !is_word_code_point(code_point_at(s, i));
}

std::size_t end_of_word(std::string_view s, std::size_t i) {
  while (i < s.size() && is_word_code_point(code_point_at(s, i)))
    i += code_point_length_at(s, i);
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
      "The",    "A",       "An",     "Inspection", "In",      "Some",
      "Our",    "One",     "This",   "That",       "These",   "Those",
      "Both",   "All",     "Each",   "At",         "By",      "For",
      "From",   "With",    "Within", "While",      "Whilst",  "When",
      "Where",  "Although", "However", "And",      "Of",      "Also",
      "If",     "As",      "To",     "Its",        "Their",   "Across"};
  return std::find(kStopWords.begin(), kStopWords.end(), w) != kStopWords.end();
}

bool contains(const std::vector<std::string>& words, std::string_view w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

// A name is joined across "and"/"&" only from a plain capitalised word that
// does not itself end another name: "Avon and Somerset Police" but not
// "Wiltshire Council and Wiltshire Constabulary" or "NCT and ... Council".
bool may_join_across_and(const Token& left,
                         const std::vector<std::string>& name_ending_words) {
  return is_capitalised_word(left.text) && !is_acronym(left.text) &&
         !contains(name_ending_words, ascii_lowered(left.text));
}

std::size_t extend_over_capitalised_words(
    std::string_view s, std::size_t begin,
    const std::vector<std::string>& name_ending_words) {
  bool joined_across_and = false;
  while (auto token = token_before(s, begin)) {
    if (is_capitalised_word(token->text)) {
      begin = token->begin;
      continue;
    }
    if (!is_inner_connector(token->text)) break;
    auto left = token_before(s, token->begin);
    if (!left || !is_capitalised_word(left->text)) break;
    if (is_joining_connector(token->text)) {
      if (joined_across_and || !may_join_across_and(*left, name_ending_words))
        break;
      joined_across_and = true;
    }
    begin = left->begin;
  }
  return begin;
}

std::size_t skip_leading_stop_words(std::string_view s, std::size_t begin,
                                    std::size_t limit) {
  while (begin < limit) {
    auto token = token_at(s, begin);
    if (!token || token->end >= limit) break;
    if (!is_leading_stop_word(token->text) && !is_inner_connector(token->text))
      break;
    begin = token->end + 1;
  }
  return begin;
}

// Start of the proper name that ends with the suffix at `suffix_begin`, or
// nothing when no capitalised word precedes it ("The Police").
std::optional<std::size_t> proper_name_start(
    std::string_view s, std::size_t suffix_begin,
    const std::vector<std::string>& name_ending_words) {
  std::size_t begin =
      extend_over_capitalised_words(s, suffix_begin, name_ending_words);
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
  bool overlaps(const Candidate& o) const {
    return begin < o.end && o.begin < end;
  }
};

bool is_organisation(const AgencyTable::Alias& alias, std::string_view cased,
                     std::size_t begin) {
  if (alias.name_suffix) return true;
  return alias.proper_name && !alias.prefix &&
         starts_with_capital(cased.substr(begin));
}

void collect_matches_of(const AgencyTable::Alias& alias,
                        const NormalisedText& text,
                        const std::vector<std::string>& name_ending_words,
                        std::vector<Candidate>& out) {
  const bool use_case = alias.case_sensitive || alias.name_suffix;
  std::string_view haystack = use_case ? text.cased : text.folded;
  for (std::size_t pos = haystack.find(alias.phrase);
       pos != std::string_view::npos;
       pos = haystack.find(alias.phrase, pos + 1)) {
    std::size_t end = pos + alias.phrase.size();
    if (!word_boundary_before(haystack, pos)) continue;
    if (alias.prefix) {
      end = end_of_word(haystack, end);
    } else if (!word_boundary_at(haystack, end)) {
      continue;
    }
    std::size_t begin = pos;
    if (alias.name_suffix) {
      auto start = proper_name_start(text.cased, pos, name_ending_words);
      if (!start) continue;
      begin = *start;
    }
    out.push_back(Candidate{begin, end, &alias,
                            is_organisation(alias, text.cased, begin)});
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
           std::find(non_agency_ends.begin(), non_agency_ends.end(), c.end) !=
               non_agency_ends.end();
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
// overlap one already taken; then restore text order.
std::vector<Candidate> select_longest(std::vector<Candidate> candidates) {
  std::stable_sort(candidates.begin(), candidates.end(), takes_precedence);
  std::vector<Candidate> chosen;
  for (const Candidate& c : candidates) {
    bool clashes = std::any_of(chosen.begin(), chosen.end(),
                               [&](const Candidate& k) { return k.overlaps(c); });
    if (!clashes) chosen.push_back(c);
  }
  std::sort(chosen.begin(), chosen.end(),
            [](const Candidate& a, const Candidate& b) {
              return a.begin < b.begin;
            });
  return chosen;
}

void append_unique(std::vector<std::string>& list, std::string value) {
  if (!contains(list, value)) list.push_back(std::move(value));
}

// ---------------------------------------------------------- TSV parsing --

[[noreturn]] void fail(std::string_view source, std::size_t line_number,
                       const std::string& problem) {
  std::ostringstream message;
  message << source << ":" << line_number << ": " << problem;
  throw std::runtime_error(message.str());
}

bool is_comment_or_blank(std::string_view line) {
  std::string_view t = trimmed(line);
  return t.empty() || t.front() == '#';
}

bool is_known_canonical(std::string_view name) {
  return name == kNotAnAgency ||
         std::find(kCanonicalAgencies.begin(), kCanonicalAgencies.end(),
                   name) != kCanonicalAgencies.end();
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
  NormalisedText n = normalise(phrase);
  return std::string(trimmed(keep_case ? n.cased : n.folded));
}

AgencyTable::Alias parse_alias(std::string_view canonical,
                               std::string_view written,
                               std::string_view source,
                               std::size_t line_number) {
  AgencyTable::Alias alias;
  alias.canonical = canonical == kNotAnAgency ? "" : std::string(canonical);
  std::string_view phrase = written;
  if (phrase.starts_with("* ")) {
    alias.name_suffix = true;
    phrase = trimmed(phrase.substr(2));
    if (!starts_with_capital(phrase))
      fail(source, line_number,
           "a '* Suffix' alias must start with a capital letter: '" +
               std::string(written) + "'");
  } else if (phrase.ends_with('*')) {
    alias.prefix = true;
    phrase = trimmed(phrase.substr(0, phrase.size() - 1));
  }
  if (phrase.empty() || phrase.find('*') != std::string_view::npos)
    fail(source, line_number,
         "'*' may only end an alias or start one as '* ': '" +
             std::string(written) + "'");
  alias.case_sensitive = !alias.name_suffix && written_as_acronym(phrase);
  alias.proper_name = starts_with_capital(phrase);
  alias.phrase =
      normalised_phrase(phrase, alias.case_sensitive || alias.name_suffix);
  return alias;
}

std::string last_word_lowered(std::string_view phrase) {
  std::size_t space = phrase.rfind(' ');
  if (space == std::string_view::npos) return {};
  return ascii_lowered(phrase.substr(space + 1));
}

}  // namespace

AgencyTable AgencyTable::load(const std::filesystem::path& tsv) {
  std::ifstream in(tsv, std::ios::binary);
  if (!in) throw std::runtime_error(tsv.string() + ": cannot open agency table");
  std::ostringstream contents;
  contents << in.rdbuf();
  return parse(contents.str(), tsv.string());
}

AgencyTable AgencyTable::parse(std::string_view tsv_text,
                               std::string_view source) {
  AgencyTable table;
  table.canonical_names_.assign(kCanonicalAgencies.begin(),
                                kCanonicalAgencies.end());
  std::istringstream lines{std::string(tsv_text)};
  std::string line;
  for (std::size_t number = 1; std::getline(lines, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (is_comment_or_blank(line)) continue;
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos)
      fail(source, number, "expected 'canonical<TAB>alias', found no tab");
    std::string_view canonical = trimmed(std::string_view(line).substr(0, tab));
    std::string_view alias = trimmed(std::string_view(line).substr(tab + 1));
    if (!is_known_canonical(canonical))
      fail(source, number,
           "unknown canonical agency '" + std::string(canonical) + "'");
    if (alias.empty() || alias.find('\t') != std::string_view::npos)
      fail(source, number, "expected exactly one alias after the tab");
    table.aliases_.push_back(parse_alias(canonical, alias, source, number));
  }
  for (const Alias& alias : table.aliases_) {
    std::string word = last_word_lowered(alias.phrase);
    if (alias.name_suffix) word = ascii_lowered(alias.phrase.substr(
                               alias.phrase.rfind(' ') + 1));
    if (!word.empty() && !contains(table.name_ending_words_, word))
      table.name_ending_words_.push_back(word);
  }
  return table;
}

AgencyMentions AgencyTable::find(std::string_view text) const {
  const NormalisedText normalised = normalise(text);
  std::vector<Candidate> candidates;
  for (const Alias& alias : aliases_)
    collect_matches_of(alias, normalised, name_ending_words_, candidates);
  drop_names_ending_in_non_agencies(candidates);

  AgencyMentions mentions;
  for (const Candidate& c : select_longest(std::move(candidates))) {
    if (c.alias->canonical.empty()) continue;  // a "-" phrase: no agency
    append_unique(mentions.agencies, c.alias->canonical);
    if (c.organisation) {
      const std::size_t from = normalised.origin[c.begin];
      const std::size_t to = normalised.origin[c.end];
      append_unique(mentions.organisations,
                    collapse_whitespace(text.substr(from, to - from)));
    }
  }
  return mentions;
}

const std::vector<std::string>& AgencyTable::canonical_names() const {
  return canonical_names_;
}

}  // namespace ofs::analyzers
