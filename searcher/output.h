// Printing search results for people (text) and for scripts (json).
// Contract: printers write results only to the stream they are given;
// diagnostics never go there.  The JSON field names are a stable interface
// that scripts rely on: report, authority, framework, published, para,
// page, section, area, grade, grade_text, agencies, organisations, text,
// snippet, score (null where unknown).
#pragma once

#include <ostream>
#include <string>

#include <nlohmann/json.hpp>

#include "searcher/search.h"

namespace ofs::searcher {

enum class OutputFormat { Text, Json };

struct PrintOptions {
  OutputFormat format = OutputFormat::Text;
  bool colour = false;  // ANSI colour for highlights (text format only)
  bool full = false;    // whole paragraphs instead of snippets
};

// "Wiltshire 2012 ¶57 · Safeguarding services › Leadership and management · inadequate"
std::string citation(const nlohmann::json& paragraph);

// One result as scripts see it (the stable field set above).
nlohmann::ordered_json result_json(const Hit& hit);

void print_results(std::ostream& out, const SearchResults& results, const PrintOptions& options);

}  // namespace ofs::searcher
