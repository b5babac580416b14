// Inflected forms for phrases and NEAR/ADJ.
//
// The index keeps positions only for words as written; stemmed Z terms have
// none (schema/analysis.h), which halves the positional data.  So a word
// inside a phrase or NEAR/ADJ stands for every indexed form sharing its
// stem: "interview" inside NEAR matches "interview", "interviews",
// "interviewed"…, found in the database's term list.
// Contract: the query returned matches exactly the positions a positional
// stem term would have, for any word the stemmer only changes at its end
// (all of English but the stemmer's exceptions dying/lying/tying); it throws
// QueryError when the word has more indexed forms than kMaxInflections.
#pragma once

#include <cstddef>
#include <string>

#include <xapian.h>

namespace ofs::searcher {

// Most indexed forms one word may stand for (a real English stem has a
// handful; more means the stem is a bare prefix such as "a").
inline constexpr std::size_t kMaxInflections = 64;

// OP_OR of the indexed forms (prefix + form) of `word` (lower case,
// starting with a letter) in the field with `prefix`; the bare term when
// the index holds one form or none.
Xapian::Query inflected_forms(const Xapian::Database& db, const std::string& word, const std::string& prefix);

}  // namespace ofs::searcher
