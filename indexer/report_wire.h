// A whole report, its record and its paragraphs, as JSON and back without
// loss: how a reader process hands the report it structured to the writer
// (read_pool.h).  The record's JSON is the index's own (schema/records.h);
// paragraphs keep their heading path as a list.
#pragma once

#include <nlohmann/json.hpp>

#include "indexer/report.h"

namespace ofs::indexer {

nlohmann::json to_wire(const Report& report);
// Throws nlohmann::json::exception for JSON that is not a report.
Report report_from_wire(const nlohmann::json& j);

}  // namespace ofs::indexer
