// The one analyzer configuration indexing and querying share: how text is
// normalised before Xapian splits it, the stemmer, the stemming strategy and
// the prefix of stemmed terms.
// Contract: the indexer configures its TermGenerator only through
// configure_term_generator(), and the searcher builds stemmed terms only
// through stemmed_term() or stem() and snippets only with stemmer(), so a query word
// always meets the terms its indexed form produced.  Changing anything here
// changes the terms in the index: bump layout.h's kSchemaVersion.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace ofs::schema {

// Prefix Xapian's TermGenerator puts before a stemmed term (before any
// field prefix): "Z" + prefix + stem.
inline constexpr std::string_view kStemPrefix = "Z";

// Text as it is handed to Xapian, at index and at query time: typographic
// quotes, ligatures and dashes folded (analyzers::normalise_for_index).
std::string normalise_for_terms(std::string_view text);

// A new English stemmer (Xapian::Stem is not safe to share between threads).
Xapian::Stem stemmer();

// Stemmer and strategy: each word as typed, with positions, and, when it
// starts with a letter, kStemPrefix + prefix + stem without positions
// (STEM_SOME): positions on stems would double the positional data, and a
// phrase or NEAR/ADJ reaches inflected forms through the words as typed
// (searcher/inflections.h).
void configure_term_generator(Xapian::TermGenerator& generator);

// The English stem of `word` (already lower case), as the indexer computes it.
std::string stem(std::string_view word);

// The stemmed term the indexer stored for `word` (already lower case) in
// the field with `prefix`.
std::string stemmed_term(std::string_view prefix, std::string_view word);

}  // namespace ofs::schema
