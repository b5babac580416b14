// Report-level facts read back from an ofs index: the catalogue of indexed
// reports, each authority's most recent inspection, and how a judgement
// changed since the authority's previous inspection.
// Contract: reads only the per-report records (schema/records.h, stored under
// schema/layout.h's kMetaReportPrefix); never the paragraph documents.  Everything here is
// pure over the catalogue once it is loaded, so commands and tests can use
// it without a searcher.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "analyzers/grade.h"
#include "schema/records.h"

namespace ofs::searcher {

struct CatalogueEntry {
  schema::ReportRecord meta;
};

// Every indexed report, ordered by authority, then date (oldest first), then id.
using Catalogue = std::vector<CatalogueEntry>;

// Opens the index read-only; throws std::runtime_error naming `db_dir` when
// there is no index there (the same words as the searcher).
Xapian::Database open_index(const std::filesystem::path& db_dir);

Catalogue load_catalogue(const Xapian::Database& db);

// The date a report counts from: published, else the end of the
// inspection, else the date it was indexed (yyyy-mm-dd; empty if none).
std::string report_date(const CatalogueEntry& entry);

// The date a report became available, for --since and --new: published,
// else the date it was indexed (empty when neither is known).
std::string arrival_date(const CatalogueEntry& entry);

// The year a report counts in (as the year facet): published, else end of inspection; empty if neither.
std::string report_year(const CatalogueEntry& entry);

// Each current council's most recent report (by report_date): the reports of
// a council that merged or split count as those of the councils that took
// over (ReportRecord::councils), and a report that is the latest of several
// is listed once.  Reports whose authority is unknown stand alone: each is
// its own "latest".
std::vector<const CatalogueEntry*> latest_reports(const Catalogue& catalogue);
std::vector<std::string> latest_report_ids(const Xapian::Database& db);

// --- Judgement columns -------------------------------------------------------
// One column per canonical judgement area, e.g. "overall", "leadership".
// A report that inspects two services (2012 safeguarding and looked after
// children) gets the second service's judgements in their own columns:
// "overall (looked after children)".  Several judgements on one area in one
// service (2012 "leadership": ambition, leadership and management…) are
// represented by the one whose name names the area, else the first.
using JudgementRow = std::map<std::string, schema::Judgement>;  // column -> judgement

JudgementRow judgement_columns(const schema::ReportRecord& meta);

// Column names in display order: canonical area order, each area followed
// by its per-service variants.
std::vector<std::string> ordered_columns(const std::vector<std::string>& columns);

enum class GradeChange { Improved, Declined, Same };
std::string_view change_name(GradeChange change);

// Compares two grades on Ofsted's four-point scale ("adequate" and
// "requires improvement" are both point 3).  Nothing when either is ungraded.
std::optional<GradeChange> compare_grades(analyzers::Grade before, analyzers::Grade after);

struct PreviousJudgement {
  const CatalogueEntry* report = nullptr;  // the earlier report that gave it
  schema::Judgement judgement;
};

// The same council's most recent earlier report that graded `column` (its
// predecessors' reports included).
std::optional<PreviousJudgement> previous_judgement(const Catalogue& catalogue, const CatalogueEntry& entry,
                                                    const std::string& column);

// How `column` changed in `entry` since the previous report that graded it.
std::optional<GradeChange> judgement_change(const Catalogue& catalogue, const CatalogueEntry& entry,
                                            const std::string& column);

// --- Restricting searches to reports ----------------------------------------

// Where "new" starts for saved run --new: the latest indexed_at one run saw,
// and the reports indexed at that very second (already seen), so that the
// next run takes reports indexed later, and no report twice or never.
struct IndexedCutoff {
  std::string indexed_at;         // ISO 8601 UTC; empty = before every report
  std::vector<std::string> seen;  // ids of the reports whose indexed_at equals it
};

// The cut-off after everything in `catalogue`; `now` when no report in it
// records indexed_at (an index from before the indexer recorded it).
IndexedCutoff cutoff_after(const Catalogue& catalogue, const std::string& now);

// True when `entry` came into the index after `cutoff`.  A report from an
// index that did not record indexed_at counts by its arrival_date, from
// the cut-off's day on.
bool indexed_after(const CatalogueEntry& entry, const IndexedCutoff& cutoff);

struct ReportScope {
  bool latest = false;  // only each authority's most recent report
  std::string since;    // yyyy-mm-dd: only reports whose arrival_date is on or after it
  std::optional<IndexedCutoff> indexed_since;  // only reports indexed after this (saved run --new)
  std::vector<std::string> declined;           // only reports whose grade in each of these areas declined
  std::vector<std::string> improved;           // … or improved
  bool empty() const {
    return !latest && since.empty() && !indexed_since && declined.empty() && improved.empty();
  }
};

// The report ids a scope allows, for SearchRequest::report_ids; nothing when
// the scope allows every report.  An empty vector means no report qualifies
// (callers must not pass that on: an empty report_ids means "all").
// Throws std::invalid_argument for a bad date or an unknown area.
std::optional<std::vector<std::string>> scoped_report_ids(const Catalogue& catalogue,
                                                          const ReportScope& scope);

// True when `text` is a real yyyy-mm-dd date.
bool is_iso_date(const std::string& text);

}  // namespace ofs::searcher
