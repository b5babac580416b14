// How big a query the searcher accepts.  A query past a limit is refused
// with a QueryError naming the limit, the query's figure and the option
// that raises it, before any search runs: no query can make a search take
// unbounded time, memory or stack.
// Contract: the defaults answer every real query (the longest in the
// documentation and tests is far below each); a limit may be raised up to
// its ceiling, which is what the code is proven (tests, fuzzing) to handle.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ofs::searcher {

struct QueryLimits {
  std::size_t max_query_length = 4000;    // characters of query text
  std::size_t max_depth = 32;             // brackets inside brackets
  std::size_t max_wildcards = 16;         // prefix* in one query
  std::size_t max_wildcard_terms = 2000;  // indexed words one prefix* may stand for
  std::size_t max_phrase_words = 32;      // words in one "phrase" or NEAR/ADJ chain
  std::size_t max_near_wildcards = 1;     // prefix* in one NEAR/ADJ chain
};

// One limit as the command line offers it.
struct LimitOption {
  std::string option;  // "--max-depth"
  std::size_t QueryLimits::*field;
  std::size_t ceiling;  // the largest value accepted
  std::string help;
};

// Every limit, in the order --help lists them.  The one place that names
// each limit's option, so messages and the command line agree.
const std::vector<LimitOption>& limit_options();

// The option that raises `field` ("--max-depth").
const std::string& option_for(std::size_t QueryLimits::*field);

// Throws QueryError when `value` is past the limit `field` sets in `limits`:
// "<what> is <value>; the limit is <limit> (raise it with --max-… N)".
void enforce_limit(const QueryLimits& limits, std::size_t QueryLimits::*field, std::size_t value,
                   const std::string& what);

// Throws QueryError naming the option when a limit is 0 or past its ceiling.
void check_limits(const QueryLimits& limits);

}  // namespace ofs::searcher
