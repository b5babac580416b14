// JSON forms of the indexer's model, used for Xapian document data and the
// per-report metadata entry.  One place decides the field names.
#pragma once

#include <nlohmann/json.hpp>

#include "indexer/report.h"

namespace ofs::indexer {

nlohmann::json to_json(const ReportMeta& meta);
ReportMeta report_meta_from_json(const nlohmann::json& j);

// A paragraph document's stored data: the paragraph plus the report facts a
// search result shows, so a hit is displayed without a second look-up.
nlohmann::json to_json(const Paragraph& p, const ReportMeta& meta);

}  // namespace ofs::indexer
