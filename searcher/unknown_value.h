// What to say about a value the index does not hold: "unknown authority
// 'Wiltshre'; did you mean 'Wiltshire'?".  One wording for every command,
// so that search, reports, judgements and saved queries answer alike.
// Contract: pure functions over the known values the caller passes in.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/search.h"

namespace ofs::searcher {

// A facet value (or a command name) that is not among the known ones.
// It is a QueryError because a query can name it (authority:Wiltshre).
class UnknownValueError : public QueryError {
 public:
  using QueryError::QueryError;
};

// The known value closest to `value` when one is close enough to be a slip
// (a few letters wrong or missing, or the start of a longer name), compared
// as facet slugs so that case and punctuation do not count.
std::optional<std::string> closest_value(std::string_view value, const std::vector<std::string>& known);

// "unknown KIND 'VALUE'; did you mean 'X'?"; without a close value, a short
// vocabulary is listed and a long one replaced by `where_listed` (e.g.
// "'ofs reports' lists the indexed authorities").
std::string unknown_value_message(std::string_view kind, std::string_view value,
                                  const std::vector<std::string>& known, std::string_view where_listed = "");

}  // namespace ofs::searcher
