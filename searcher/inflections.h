// Inflected forms: how a query word finds its stem.
//
// The index keeps only the words as written (schema/analysis.h), no stems.
// So a query word stands for every indexed form sharing its stem:
// "interview" matches "interview", "interviews", "interviewed"…, found in
// the database's term list; as a plain word (one OP_SYNONYM, weighted as one
// term, as a stored stem was) and inside a phrase or NEAR/ADJ (an OP_OR,
// the only compound those take).
// Contract: the query returned matches exactly the documents and positions
// a stem term would have, for any word the stemmer only changes at its end
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

// `op` (OP_OR or OP_SYNONYM) of the indexed forms (prefix + form) of `word`
// (lower case, starting with a letter) in the field with `prefix`; the bare
// term when the index holds one form or none.
Xapian::Query inflected_forms(const Xapian::Database& db, const std::string& word, const std::string& prefix,
                              Xapian::Query::op op = Xapian::Query::OP_OR);

}  // namespace ofs::searcher
