#include "searcher/reports.h"

#include <algorithm>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "analyzers/areas.h"
#include "analyzers/text.h"
#include "schema/layout.h"
#include "schema/storage.h"

namespace ofs::searcher {

using schema::Judgement;
using ReportMeta = schema::ReportRecord;

namespace {

// "Services for looked after children" -> "looked after children".
std::string service_label(const std::string& service) {
  std::string label = analyzers::lowercase(std::string(analyzers::trim(service)));
  for (std::string_view lead : {"services for ", "the "})
    if (label.rfind(lead, 0) == 0) label.erase(0, lead.size());
  for (std::string_view tail : {" services", " service"})
    if (label.size() > tail.size() && label.compare(label.size() - tail.size(), tail.size(), tail) == 0)
      label.erase(label.size() - tail.size());
  return label;
}

// True when the judgement's own name names its area ("Leadership and
// management" for leadership), which makes it the area's headline.
bool names_its_area(const Judgement& j) {
  std::string words = j.area;
  std::replace(words.begin(), words.end(), '-', ' ');
  return analyzers::lowercase(j.name).find(words) != std::string::npos;
}

// Ofsted's four-point scale; 0 for ungraded.
int grade_points(analyzers::Grade g) {
  switch (g) {
    case analyzers::Grade::Outstanding:
      return 1;
    case analyzers::Grade::Good:
      return 2;
    case analyzers::Grade::Adequate:
    case analyzers::Grade::RequiresImprovement:
      return 3;
    case analyzers::Grade::Inadequate:
      return 4;
    case analyzers::Grade::None:
      return 0;
  }
  return 0;
}

// Slugging runs ICU, and the history compares every pair of reports: each
// name is slugged once per thread (there are a few hundred authorities).
const std::string& authority_slug(const std::string& authority) {
  thread_local std::unordered_map<std::string, std::string> slugs;
  auto found = slugs.find(authority);
  if (found == slugs.end()) found = slugs.emplace(authority, analyzers::facet_slug(authority)).first;
  return found->second;
}

// The councils whose history holds a report, slugged: those the authority
// table named when it was indexed (a merged council's reports belong to the
// council that took over), else its authority.  None for a report whose
// authority is unknown: it stands alone.
std::vector<std::string> history_keys(const CatalogueEntry& entry) {
  std::vector<std::string> keys;
  for (const auto& council : entry.meta.councils) keys.push_back(authority_slug(council));
  if (keys.empty() && !entry.meta.authority.empty() && entry.meta.authority != schema::kUnknownAuthority)
    keys.push_back(authority_slug(entry.meta.authority));
  return keys;
}

bool same_authority(const CatalogueEntry& a, const CatalogueEntry& b) {
  const auto ka = history_keys(a), kb = history_keys(b);
  return std::any_of(ka.begin(), ka.end(),
                     [&](const auto& k) { return std::find(kb.begin(), kb.end(), k) != kb.end(); });
}

// What the catalogue is ordered by: the first council of a report's
// history, so that one council's reports, under whatever name, are together.
std::string catalogue_key(const CatalogueEntry& entry) {
  const auto keys = history_keys(entry);
  return keys.empty() ? analyzers::facet_slug(entry.meta.authority) : keys.front();
}

}  // namespace

Xapian::Database open_index(const std::filesystem::path& db_dir) {
  // A compaction that switches generation between reading the stub and
  // opening the generation it named deletes that one: read the stub again.
  for (int attempt = 1;; ++attempt) {
    const std::string stub = schema::stub_text(db_dir);
    try {
      return Xapian::Database(db_dir.string());
    } catch (const Xapian::DatabaseOpeningError&) {
      if (attempt < 3 && schema::stub_text(db_dir) != stub) continue;
      throw std::runtime_error("no ofs index at " + db_dir.string() + ": build one with 'ofs index --db " +
                               db_dir.string() + " REPORTS…'");
    }
  }
}

Catalogue load_catalogue(const Xapian::Database& db) {
  Catalogue catalogue;
  const std::string prefix(schema::kMetaReportPrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it) {
    const auto json = nlohmann::json::parse(db.get_metadata(*it), nullptr, /*allow_exceptions=*/false);
    if (!json.is_object()) continue;  // a damaged entry should not hide the other reports
    catalogue.push_back(CatalogueEntry{schema::report_record_from_json(json)});
  }
  std::sort(catalogue.begin(), catalogue.end(), [](const CatalogueEntry& a, const CatalogueEntry& b) {
    return std::tuple(catalogue_key(a), report_date(a), a.meta.id) <
           std::tuple(catalogue_key(b), report_date(b), b.meta.id);
  });
  return catalogue;
}

std::string report_date(const CatalogueEntry& entry) {
  if (!entry.meta.published.empty()) return entry.meta.published;
  if (!entry.meta.inspection_end.empty()) return entry.meta.inspection_end;
  return entry.meta.indexed_at.substr(0, 10);
}

std::string report_year(const CatalogueEntry& entry) {
  const std::string& date = entry.meta.published.empty() ? entry.meta.inspection_end : entry.meta.published;
  return date.size() >= 4 ? date.substr(0, 4) : std::string();
}

std::string arrival_date(const CatalogueEntry& entry) {
  return entry.meta.published.empty() ? entry.meta.indexed_at.substr(0, 10) : entry.meta.published;
}

std::vector<const CatalogueEntry*> latest_reports(const Catalogue& catalogue) {
  // Each current council's most recent report; the catalogue is in date
  // order within a council, so the last one met wins.  A report that is the
  // latest of two councils (a council that split, and neither successor
  // inspected since) is listed once.
  std::map<std::string, const CatalogueEntry*> latest_of;
  std::set<const CatalogueEntry*> standing_alone;
  for (const auto& entry : catalogue) {
    const auto keys = history_keys(entry);
    if (keys.empty()) standing_alone.insert(&entry);
    for (const auto& key : keys) {
      auto& latest = latest_of[key];
      if (!latest || report_date(*latest) <= report_date(entry)) latest = &entry;
    }
  }
  std::set<const CatalogueEntry*> chosen(standing_alone);
  for (const auto& [key, entry] : latest_of) chosen.insert(entry);
  std::vector<const CatalogueEntry*> latest;
  for (const auto& entry : catalogue)
    if (chosen.count(&entry)) latest.push_back(&entry);
  return latest;
}

std::vector<std::string> latest_report_ids(const Xapian::Database& db) {
  const Catalogue catalogue = load_catalogue(db);
  std::vector<std::string> ids;
  for (const auto* entry : latest_reports(catalogue)) ids.push_back(entry->meta.id);
  return ids;
}

JudgementRow judgement_columns(const ReportMeta& meta) {
  JudgementRow row;
  const std::string first_service = meta.judgements.empty() ? "" : meta.judgements.front().service;
  for (const auto& j : meta.judgements) {
    if (j.area.empty() || j.grade == analyzers::Grade::None) continue;
    std::string column = j.area;
    // A service's own area needs no suffix: "looked-after-children", not
    // "looked-after-children (looked after children)".
    const std::string label = service_label(j.service);
    // A "service" longer than a heading is not a service name (extraction
    // noise); the area alone is then the honest column.
    constexpr std::size_t kLongestServiceName = 60;
    if (!j.service.empty() && j.service != first_service && label.size() <= kLongestServiceName &&
        analyzers::facet_slug(label) != j.area)
      column += " (" + label + ")";
    auto found = row.find(column);
    if (found == row.end()) row.emplace(column, j);
    else if (!names_its_area(found->second) && names_its_area(j)) found->second = j;
  }
  return row;
}

std::vector<std::string> ordered_columns(const std::vector<std::string>& columns) {
  const auto& areas = analyzers::canonical_areas();
  auto rank = [&](const std::string& column) {
    const std::string area = column.substr(0, column.find(' '));
    const auto at = std::find(areas.begin(), areas.end(), area);
    return std::tuple(static_cast<std::size_t>(at - areas.begin()), column.size() != area.size(), column);
  };
  std::vector<std::string> sorted(columns);
  std::sort(sorted.begin(), sorted.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
  return sorted;
}

std::string_view change_name(GradeChange change) {
  switch (change) {
    case GradeChange::Improved:
      return "improved";
    case GradeChange::Declined:
      return "declined";
    case GradeChange::Same:
      return "same";
  }
  return "same";
}

std::optional<GradeChange> compare_grades(analyzers::Grade before, analyzers::Grade after) {
  const int b = grade_points(before), a = grade_points(after);
  if (a == 0 || b == 0) return std::nullopt;
  if (a < b) return GradeChange::Improved;
  if (a > b) return GradeChange::Declined;
  return GradeChange::Same;
}

std::optional<PreviousJudgement> previous_judgement(const Catalogue& catalogue, const CatalogueEntry& entry,
                                                    const std::string& column) {
  std::optional<PreviousJudgement> previous;
  const std::string date = report_date(entry);
  for (const auto& other : catalogue) {
    if (&other == &entry || !same_authority(other, entry)) continue;
    const std::string other_date = report_date(other);
    if (other_date.empty() || date.empty() || other_date >= date) continue;
    const auto row = judgement_columns(other.meta);
    const auto found = row.find(column);
    if (found == row.end()) continue;
    if (!previous || report_date(*previous->report) < other_date)
      previous = PreviousJudgement{&other, found->second};
  }
  return previous;
}

std::optional<GradeChange> judgement_change(const Catalogue& catalogue, const CatalogueEntry& entry,
                                            const std::string& column) {
  const auto row = judgement_columns(entry.meta);
  const auto now = row.find(column);
  if (now == row.end()) return std::nullopt;
  const auto before = previous_judgement(catalogue, entry, column);
  if (!before) return std::nullopt;
  return compare_grades(before->judgement.grade, now->second.grade);
}

IndexedCutoff cutoff_after(const Catalogue& catalogue, const std::string& now) {
  IndexedCutoff cutoff;
  for (const auto& entry : catalogue) {
    if (entry.meta.indexed_at > cutoff.indexed_at) cutoff = {entry.meta.indexed_at, {}};
    if (!entry.meta.indexed_at.empty() && entry.meta.indexed_at == cutoff.indexed_at)
      cutoff.seen.push_back(entry.meta.id);
  }
  if (cutoff.indexed_at.empty()) cutoff.indexed_at = now;
  return cutoff;
}

bool indexed_after(const CatalogueEntry& entry, const IndexedCutoff& cutoff) {
  if (entry.meta.indexed_at.empty()) return arrival_date(entry) >= cutoff.indexed_at.substr(0, 10);
  // ISO 8601 UTC times in one form compare as strings.
  if (entry.meta.indexed_at != cutoff.indexed_at) return entry.meta.indexed_at > cutoff.indexed_at;
  return std::find(cutoff.seen.begin(), cutoff.seen.end(), entry.meta.id) == cutoff.seen.end();
}

bool is_iso_date(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return false;
  const int month = std::stoi(text.substr(5, 2)), day = std::stoi(text.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::optional<std::vector<std::string>> scoped_report_ids(const Catalogue& catalogue,
                                                          const ReportScope& scope) {
  if (scope.empty()) return std::nullopt;
  if (!scope.since.empty() && !is_iso_date(scope.since))
    throw std::invalid_argument("bad date '" + scope.since + "': use yyyy-mm-dd, e.g. 2024-01-31");
  for (const auto* areas : {&scope.declined, &scope.improved})
    for (const auto& area : *areas)
      if (!analyzers::is_canonical_area(area)) {
        std::string valid;
        for (const auto& a : analyzers::canonical_areas()) valid += (valid.empty() ? "" : ", ") + a;
        throw std::invalid_argument("unknown area '" + area + "'; valid values: " + valid);
      }

  std::set<const CatalogueEntry*> allowed;
  if (scope.latest)
    for (const auto* entry : latest_reports(catalogue)) allowed.insert(entry);
  else
    for (const auto& entry : catalogue) allowed.insert(&entry);

  auto changed = [&](const CatalogueEntry& entry, const std::string& area, GradeChange wanted) {
    const auto change = judgement_change(catalogue, entry, area);
    return change && *change == wanted;
  };
  std::vector<std::string> ids;
  for (const auto& entry : catalogue) {
    if (!allowed.count(&entry)) continue;
    // Dates compare as strings because they are all yyyy-mm-dd; a report with
    // no date at all cannot be shown to be recent, so it is left out.
    if (!scope.since.empty() && arrival_date(entry) < scope.since) continue;
    if (scope.indexed_since && !indexed_after(entry, *scope.indexed_since)) continue;
    const bool declined = std::all_of(scope.declined.begin(), scope.declined.end(), [&](const auto& area) {
      return changed(entry, area, GradeChange::Declined);
    });
    const bool improved = std::all_of(scope.improved.begin(), scope.improved.end(), [&](const auto& area) {
      return changed(entry, area, GradeChange::Improved);
    });
    if (declined && improved) ids.push_back(entry.meta.id);
  }
  return ids;
}

}  // namespace ofs::searcher
