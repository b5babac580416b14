// Snippets: the part of a paragraph that shows why it matched, with the
// matched words and whole phrases marked.
// Contract: a snippet depends only on the paragraph's text and the words of
// the query, never on filters, ranking or the other results, so a paragraph
// reads the same in every search for the same words.  When the matched
// words are in the paragraph's text the snippet shows them; a paragraph no
// longer than the snippet is shown whole.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace ofs::searcher {

// Marks around matched text in Hit::snippet (output.h strips or styles them).
inline constexpr char kHighlightStart = '\x02';
inline constexpr char kHighlightEnd = '\x03';

// What a query looks for in the text: consecutive words, each accepted in
// any of several forms (lower-case words as indexed: a word's inflections).  A
// plain word is a pattern of one position; a phrase has one per word.
struct TextPattern {
  std::vector<std::set<std::string>> positions;
};

// The text patterns of a parsed query: its words and phrases, not what it
// excludes (NOT) nor its field and filter terms, which are not in the text.
std::vector<TextPattern> text_patterns(const Xapian::Query& query);

struct Snippet {
  std::string text;  // plain text with kHighlightStart/End around matches
  // Byte offset in the paragraph's text of the first matched words; none
  // when the query matched only outside the text (a section: field).
  std::optional<std::size_t> first_match;
};

// The snippet of `text` (a stored paragraph's text) for `patterns`, at most
// about `chars` characters, with "…" where it was cut.
Snippet make_snippet(std::string_view text, const std::vector<TextPattern>& patterns, std::size_t chars);

}  // namespace ofs::searcher
