// Naming a report's authority by the authority table (data/authorities.tsv).
// Contract: after resolve_authority() a report's authority is never empty.
// It is the table's canonical name, with the LA code, ONS code, Ofsted URN,
// region and the current councils whose history holds the report, when the
// printed name, or failing that the URN of the folder the file sits in
// (Ofsted's downloads are filed as "80580_wiltshire/…"), or an authority's
// name in the folder or file name, is in the table.  Otherwise it is the
// printed name as normalise_authority() gives it, or "(unknown)".  Whenever
// the report's own words did not settle it, a warning says what was used.
#pragma once

#include <filesystem>
#include <string_view>

#include "analyzers/authorities.h"
#include "indexer/report.h"

namespace ofs::indexer {

void resolve_authority(ReportMeta& meta, const analyzers::AuthorityTable& table,
                       const std::filesystem::path& file);

}  // namespace ofs::indexer
