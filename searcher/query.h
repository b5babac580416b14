// The ofs query language, parsed into a Xapian query.
//
// Why not Xapian::QueryParser: it forgives mistakes silently (an unclosed
// quote or a stray NEAR becomes a different question), it cannot expand
// multi-word synonyms into phrases without a synonym table stored in the
// database, and it does not stem words inside phrases and NEAR the way the
// index stores them.  The grammar, loosest binding first:
//
//   sequence := group+                  implicit operator: ranked OR;
//                                       +x required, -x excluded, facet
//                                       fields (grade:…) filter
//   group    := and ("OR" and)*
//   and      := near (("AND" | "NOT" | "AND NOT") near)*
//   near     := unit (("NEAR/n" | "ADJ/n") unit)*
//   unit     := ["+" | "-"] ( "(" sequence ")" | field ":" value
//                           | ["="] "phrase" | ["="] word | prefix* )
//
// Words are stemmed (English) unless written =word; in phrases and NEAR/ADJ
// a word stands for its indexed forms with the same stem (inflections.h).
// Contract: every mistake throws QueryError with the character position, and
// so does a query past one of its QueryLimits (searcher/limits.h): parsing
// recurses only per bracket, never deeper than QueryLimits::max_depth.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include <xapian.h>

#include "searcher/limits.h"
#include "searcher/synonyms.h"

namespace ofs::searcher {

struct QueryContext {
  const Xapian::Database& db;
  const SynonymTable* synonyms = nullptr;  // null: no expansion
  // Builds the query for a facet field value, validating it (grade:…).
  std::function<Xapian::Query(const std::string& facet, const std::string& value)> facet_query;
  QueryLimits limits;
};

struct ParsedQuery {
  Xapian::Query query;
  // The query text with unknown words replaced by the index's spelling
  // suggestions, when there is at least one.
  std::optional<std::string> suggestion;
};

// `text` should already be normalised (analyzers::normalise_for_index).
ParsedQuery parse_query(const std::string& text, const QueryContext& context);

}  // namespace ofs::searcher
