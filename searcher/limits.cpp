#include "searcher/limits.h"

#include <algorithm>

#include "searcher/search.h"

namespace ofs::searcher {

namespace {

struct LimitFacts {
  LimitOption option;
  std::string fix;  // what to change in the query instead
};

const std::vector<LimitFacts>& limit_facts() {
  // Ceilings: the largest values the test suite and the fuzzers run with;
  // the parser's recursion per bracket is what bounds max_depth.
  static const std::vector<LimitFacts> facts = {
      {{"--max-query-length", &QueryLimits::max_query_length, 100000,
        "Longest query accepted, in characters"},
       "shorten the query"},
      {{"--max-depth", &QueryLimits::max_depth, 256, "Deepest nesting of brackets accepted"},
       "use fewer brackets inside brackets"},
      {{"--max-wildcards", &QueryLimits::max_wildcards, 256, "Most prefix* wildcards in one query"},
       "use fewer wildcards"},
      {{"--max-wildcard-terms", &QueryLimits::max_wildcard_terms, 100000,
        "Most indexed words one prefix* may stand for"},
       "write a longer prefix"},
      {{"--max-phrase-words", &QueryLimits::max_phrase_words, 256,
        "Most words in one \"phrase\" or NEAR/ADJ chain"},
       "use a shorter phrase or chain"},
      {{"--max-near-wildcards", &QueryLimits::max_near_wildcards, 8,
        "Most prefix* wildcards in one NEAR/ADJ chain"},
       "write out all but one of the words"},
  };
  return facts;
}

const LimitFacts& facts_for(std::size_t QueryLimits::*field) {
  const auto& all = limit_facts();
  return *std::find_if(all.begin(), all.end(), [&](const LimitFacts& f) { return f.option.field == field; });
}

}  // namespace

const std::vector<LimitOption>& limit_options() {
  static const std::vector<LimitOption> options = [] {
    std::vector<LimitOption> out;
    for (const auto& f : limit_facts()) out.push_back(f.option);
    return out;
  }();
  return options;
}

const std::string& option_for(std::size_t QueryLimits::*field) { return facts_for(field).option.option; }

void enforce_limit(const QueryLimits& limits, std::size_t QueryLimits::*field, std::size_t value,
                   const std::string& what) {
  const std::size_t limit = limits.*field;
  if (value <= limit) return;
  const LimitFacts& facts = facts_for(field);
  throw QueryError(what + "; the limit is " + std::to_string(limit) + ": " + facts.fix +
                   ", or raise the limit with " + facts.option.option + " N");
}

void check_limits(const QueryLimits& limits) {
  for (const auto& [option, fix] : limit_facts()) {
    const std::size_t value = limits.*option.field;
    if (value == 0 || value > option.ceiling)
      throw QueryError(option.option + " " + std::to_string(value) + " is out of range: use 1 to " +
                       std::to_string(option.ceiling));
  }
}

}  // namespace ofs::searcher
