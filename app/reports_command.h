// `ofs reports`: the indexed reports, with paragraph counts and the
// warnings indexing left on them.  Also home of the small table writers
// the report-level commands (reports, judgements, saved run --all) share.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "app/options.h"
#include "searcher/reports.h"

namespace ofs::app {

// One CSV record (RFC 4180: fields with , " or a line break are quoted).
void write_csv_row(std::ostream& out, const std::vector<std::string>& fields);

// Rows as a plain-text table with columns padded to line up (UTF-8 aware).
void write_text_table(std::ostream& out, const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows);

// The catalogue of the index at `global.db`, restricted to authorities and
// frameworks (matched like the search facets; empty = all) and, with
// `latest`, to each authority's most recent report.
std::vector<const searcher::CatalogueEntry*> select_reports(const searcher::Catalogue& catalogue,
                                                            const std::vector<std::string>& authorities,
                                                            const std::vector<std::string>& frameworks, bool latest);

void add_reports_command(CLI::App& app, const GlobalOptions& global, Action& action);

}  // namespace ofs::app
