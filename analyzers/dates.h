// Reading the dates reports print ("24 April 2012", "5 – 16 March 2012",
// "25 September to 6 October 2023") into ISO yyyy-mm-dd strings.
// Contract: pure functions; nothing is returned for text that does not
// hold a complete date (a guessed date is worse than none).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ofs::analyzers {

struct DateRange {
  std::string start;  // yyyy-mm-dd
  std::string end;    // yyyy-mm-dd; equals start for a single day
};

// The first complete date in `text`.
std::optional<std::string> parse_date(std::string_view text);

// A single date or a range; the start borrows month and year from the end
// when the report omits them ("5 – 16 March 2012").
std::optional<DateRange> parse_date_range(std::string_view text);

// The current time in UTC as ISO 8601, e.g. "2026-11-26T11:42:21Z".
std::string utc_now();

}  // namespace ofs::analyzers
