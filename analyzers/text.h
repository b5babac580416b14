// Text normalisation shared by the indexer and the searcher.
// Contract: pure functions over UTF-8; the same normalisation is applied to
// report text before indexing and to query text before parsing, so that
// what a user types matches what a report printed ("children’s" and
// "children's", "ﬁnding" and "finding").
#pragma once

#include <unicode/edits.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/utf8.h"

namespace ofs::analyzers {

struct NormaliseOptions {
  bool collapse_spaces = false;  // every run of white space becomes one ' '
  bool fold_case = false;        // Unicode full case folding ("Police" -> "police")
};

// The one text normaliser: ill-formed UTF-8 repaired (U+FFFD), NFKC
// (expands ligatures, folds compatibility forms), typographic quotes and
// dashes to ASCII, no-break and other spaces to a plain space; then, as
// asked, white space collapsed and case folded.  It remembers where each
// byte came from, so a match in the normalised text can be cut out of the
// text as written.
class NormalisedText {
 public:
  explicit NormalisedText(std::string_view source, NormaliseOptions options = {});

  const std::string& text() const { return text_; }
  // The offset in the source where the text at byte `offset` of text()
  // comes from (the start of its source span; text().size() maps to the
  // source's size).
  std::size_t source_offset(std::size_t offset) const;

 private:
  std::string text_;
  std::size_t source_size_ = 0;
  icu::Edits edits_;  // source -> text_
};

// NormalisedText(text).text(): what is indexed and what a query is parsed from.
std::string normalise_for_index(std::string_view text);

// Bold markers left by a conversion ("Staying safe**Grade 3 (Adequate)**")
// separate words, so each "**" becomes a space.
std::string replace_bold_markers(std::string_view text);

// Collapses runs of white space to one space and trims both ends.
std::string fold_whitespace(std::string_view text);

// Unicode-aware lower-casing (ICU full case folding).
std::string lowercase(std::string_view text);

// A facet value as stored in a boolean term: lower case, words joined by
// '-', punctuation dropped ("Blackburn with Darwen" -> "blackburn-with-darwen").
std::string facet_slug(std::string_view text);

// `text` safe to print on one terminal line: control characters (C0, DEL,
// C1, line and paragraph separators, bidirectional overrides) become
// escapes ("\n", "\t", "\x1b", "\u{202e}") and bytes that are not UTF-8
// become "\xNN"; everything else, backslashes included, is kept.  Every
// message that quotes a query or a file name goes through this.
std::string escape_for_terminal(std::string_view text);
// `text` cut into consecutive pieces of at most `max_bytes` (at least 8),
// each ending at the last space that keeps it within the limit, or, in a
// run with no space (a very long "word"), at a character boundary.  Pieces
// are trimmed of the spaces they were cut at; nothing else is lost.
std::vector<std::string_view> split_at_most(std::string_view text, std::size_t max_bytes);

std::string_view trim(std::string_view text);
bool starts_with_ci(std::string_view text, std::string_view prefix);

}  // namespace ofs::analyzers
