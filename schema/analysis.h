// The one analyzer configuration indexing and querying share: how text is
// normalised before Xapian splits it, how it becomes terms, and the stemmer
// the searcher matches words with.
// Contract: the indexer configures its TermGenerator only through
// configure_term_generator(), and the searcher stems only through stem() or
// stemmer(), so a query word always meets the terms its indexed forms
// produced.  Changing anything here changes the terms in the index or what
// a query finds there: bump layout.h's kSchemaVersion.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace ofs::schema {

// Text as it is handed to Xapian, at index and at query time: typographic
// quotes, ligatures and dashes folded (analyzers::normalise_for_index).
std::string normalise_for_terms(std::string_view text);

// A new English stemmer (Xapian::Stem is not safe to share between threads).
Xapian::Stem stemmer();

// Each word as typed (lower case), with positions, and nothing else
// (STEM_NONE): no stemmed terms are stored.  A query word stands for every
// indexed form sharing its stem (searcher/inflections.h), as a stored stem
// would, for a third less index.
void configure_term_generator(Xapian::TermGenerator& generator);

// The English stem of `word` (already lower case).
std::string stem(std::string_view word);

}  // namespace ofs::schema
