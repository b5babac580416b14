#include "analyzers/dates.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>
#include <vector>

#include <fmt/format.h>

#include "analyzers/text.h"

namespace ofs::analyzers {

namespace {

struct DatePart {
  int day = 0, month = 0, year = 0;
};

int month_number(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  const std::string lower = lowercase(word);
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (lower == kMonths[i]) return static_cast<int>(i) + 1;
    // "Sept" and three-letter forms appear in some reports
    if (lower.size() >= 3 && lower.size() < kMonths[i].size() && kMonths[i].starts_with(lower))
      return static_cast<int>(i) + 1;
  }
  return 0;
}

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  for (char ch : text) {
    if (std::isalnum(static_cast<unsigned char>(ch))) {
      current.push_back(ch);
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

int ordinal_day(const std::string& word) {
  // "1st", "22nd", "3rd", "16th" as well as plain numbers
  std::size_t digits = 0;
  while (digits < word.size() && std::isdigit(static_cast<unsigned char>(word[digits]))) ++digits;
  if (digits == 0 || digits > 2) return 0;
  const std::string rest = lowercase(word.substr(digits));
  if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return 0;
  const int day = std::stoi(word.substr(0, digits));
  return day >= 1 && day <= 31 ? day : 0;
}

// The day/month/year pieces in order of appearance: "5 – 16 March 2012"
// gives {5}, {16, 3, 2012}.
std::vector<DatePart> date_parts(std::string_view text) {
  std::vector<DatePart> parts;
  DatePart current;
  for (const auto& word : words_of(text)) {
    if (int day = ordinal_day(word)) {
      if (current.day) parts.push_back(current), current = {};
      current.day = day;
    } else if (int month = month_number(word); month && word.size() >= 3) {
      if (current.month) parts.push_back(current), current = {};
      current.month = month;
    } else if (all_digits(word) && word.size() == 4) {
      current.year = std::stoi(word);
      parts.push_back(current);
      current = {};
    }
  }
  if (current.day || current.month) parts.push_back(current);
  return parts;
}

std::string iso(const DatePart& p) { return fmt::format("{:04}-{:02}-{:02}", p.year, p.month, p.day); }

bool complete(const DatePart& p) { return p.day && p.month && p.year; }

}  // namespace

std::optional<std::string> parse_date(std::string_view text) {
  for (const auto& part : date_parts(text))
    if (complete(part)) return iso(part);
  return std::nullopt;
}

std::optional<DateRange> parse_date_range(std::string_view text) {
  auto parts = date_parts(text);
  // keep only pieces that carry a day: "5", "16 March 2012"
  std::vector<DatePart> days;
  for (const auto& p : parts)
    if (p.day) days.push_back(p);
  if (days.empty()) return std::nullopt;
  DatePart end = days.size() >= 2 ? days[1] : days[0];
  if (!complete(end)) return std::nullopt;
  DatePart start = days[0];
  if (!start.month) start.month = end.month;
  if (!start.year) start.year = start.month > end.month ? end.year - 1 : end.year;
  return DateRange{iso(start), iso(end)};
}

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

}  // namespace ofs::analyzers
