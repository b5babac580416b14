// Text normalisation shared by the indexer and the searcher.
// Contract: pure functions over UTF-8; the same normalisation is applied to
// report text before indexing and to query text before parsing, so that
// what a user types matches what a report printed ("children’s" and
// "children's", "ﬁnding" and "finding").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ofs::analyzers {

// Describes why `bytes` is not valid UTF-8 text ("invalid UTF-8 at byte 812",
// "contains NUL bytes (binary data?)"), or nothing when it is fine.
std::optional<std::string> utf8_problem(std::string_view bytes);

// NFKC (expands ligatures, folds compatibility forms), typographic quotes
// and dashes to ASCII, no-break and other spaces to a plain space.
std::string normalise_for_index(std::string_view text);

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

std::string_view trim(std::string_view text);
bool starts_with_ci(std::string_view text, std::string_view prefix);

}  // namespace ofs::analyzers
