// `ofs reports`: the indexed reports, with paragraph counts and the
// warnings indexing left on them.  Also home of the small table writers
// the report-level commands (reports, judgements, saved run --all) share.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "app/options.h"
#include "app/shared_options.h"
#include "searcher/reports.h"

namespace ofs::app {

// One CSV record (RFC 4180: fields with , " or a line break are quoted).
void write_csv_row(std::ostream& out, const std::vector<std::string>& fields);

// Rows as a plain-text table with columns padded to line up (UTF-8 aware).
void write_text_table(std::ostream& out, const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows);

// Which reports a report-level command lists, and how: the options
// `ofs reports` and `ofs judgements` share.
struct ReportSelection {
  std::string format = "text";  // --format text|json|csv
  bool bom = false;             // --bom
  FacetFilters filters;         // --authority, --region, --year, --framework (repeatable; empty = all)
  bool latest = false;          // --latest: each council's most recent report
  std::string since;            // --since yyyy-mm-dd: reports published (or, undated, indexed) on or after it
  std::vector<std::string> inspectors;  // --inspector: lead inspector's name contains one of these
};

// The facets a report-level command filters on.
inline const std::vector<std::string> kReportFacets = {"authority", "region", "year", "framework"};

void add_report_selection_options(CLI::App& cmd, ReportSelection& selection);

// The catalogue restricted as `selection` says (authorities, regions and
// frameworks matched like the search facets, years as the year facet reads
// them: 2012 or 2014..2018; inspectors by any part of the name, any case).  A value no indexed report has
// throws searcher::UnknownValueError, with the closest indexed value if any.
std::vector<const searcher::CatalogueEntry*> select_reports(const searcher::Catalogue& catalogue,
                                                            const ReportSelection& selection);

// The reports `selection` picks, in its format (text, json, csv), on `out`;
// returns how many there are.
std::size_t print_reports(std::ostream& out, const searcher::Catalogue& catalogue,
                          const ReportSelection& selection);

void add_reports_command(CLI::App& app, const GlobalOptions& global, Action& action);

}  // namespace ofs::app
