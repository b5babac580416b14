#include "searcher/unknown_value.h"

#include <algorithm>

#include "analyzers/text.h"

namespace ofs::searcher {

namespace {

// Vocabularies up to this size are short enough to print in a message.
constexpr std::size_t kListable = 16;

// Optimal string alignment distance: insertions, deletions, substitutions
// and swaps of two neighbours each cost one ("Wiltshre" is one from "wiltshire").
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

}  // namespace

std::optional<std::string> closest_value(std::string_view value, const std::vector<std::string>& known) {
  const std::string wanted = analyzers::facet_slug(value);
  if (wanted.empty()) return std::nullopt;
  // A slip costs about one edit in four letters; short words allow one.
  const std::size_t allowed = std::max<std::size_t>(1, wanted.size() / 4);
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  std::optional<std::string> longer;  // "bristol" -> "Bristol, City of"
  for (const auto& candidate : known) {
    const std::string slug = analyzers::facet_slug(candidate);
    const std::size_t distance = edit_distance(wanted, slug);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
    if (!longer && slug.size() > wanted.size() && slug.compare(0, wanted.size(), wanted) == 0 &&
        slug[wanted.size()] == '-')
      longer = candidate;
  }
  return best ? best : longer;
}

std::string unknown_value_message(std::string_view kind, std::string_view value,
                                  const std::vector<std::string>& known, std::string_view where_listed) {
  std::string message = "unknown " + std::string(kind) + " '" + std::string(value) + "'";
  if (const auto close = closest_value(value, known)) return message + "; did you mean '" + *close + "'?";
  if (known.size() <= kListable || where_listed.empty()) {
    std::string valid;
    for (const auto& k : known) valid += (valid.empty() ? "" : ", ") + k;
    return message + (known.empty() ? "; the index holds none" : "; valid values: " + valid);
  }
  return message + "; " + std::string(where_listed);
}

}  // namespace ofs::searcher
