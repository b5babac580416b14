// Printing search results for people (text) and for scripts (json, jsonl,
// csv).  Each format has its own small printer (output_<format>.cpp); this
// header is the one entry point.
// Contract: printers write results only to the stream they are given;
// diagnostics never go there.  The result fields scripts rely on are listed
// once, in result_fields.h.  CSV with --facets is the facet table instead
// of the results: facet, value, paragraphs, reports.
// The json document adds: total, total_exact, total_paragraphs,
// suggestion (null when none), results, and with --facets: facets
// {facet: {value: paragraphs}} and facet_reports {facet: {value: reports}}.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "schema/records.h"
#include "searcher/search.h"

namespace ofs::searcher {

enum class OutputFormat { Text, Json, Jsonl, Csv };
// Their names, as --format and saved queries give them.
inline const std::vector<std::string> kFormatNames = {"text", "json", "jsonl", "csv"};

// "text", "json", "jsonl", "csv"; nothing for another name.
std::optional<OutputFormat> output_format(const std::string& name);

struct PrintOptions {
  OutputFormat format = OutputFormat::Text;
  bool colour = false;         // ANSI colour for highlights (text format only)
  bool full = false;           // whole paragraphs instead of snippets
  std::size_t first_rank = 1;  // the number of the first hit (--offset 10 numbers from 11)
};

// "¶56" or "bullet 3": enough to place a paragraph in its report.
std::string short_label(const schema::StoredParagraph& paragraph);

// One facet's values in the order people read them: years in year order,
// other facets most paragraphs first; "(unknown)" last.
std::vector<std::pair<std::string, FacetValueCount>> ordered_facet_values(
    const std::string& facet, const std::map<std::string, FacetValueCount>& values);

// "Wiltshire 2012 ¶57 p.22 · Safeguarding services › Leadership and management · inadequate"
// With `match_page`, a paragraph over several pages ("p.10–11") also says
// where the matched words are when that is not its first page.
std::string citation(const schema::StoredParagraph& paragraph, const schema::ReportRecord& report,
                     int match_page = 0);

// One result as scripts see it (the fields of result_fields.h).
nlohmann::ordered_json result_json(const Hit& hit);

void print_results(std::ostream& out, const SearchResults& results, const PrintOptions& options);

// The per-format printers behind print_results.
void print_text(std::ostream& out, const SearchResults& results, const PrintOptions& options);
void print_json(std::ostream& out, const SearchResults& results);
void print_jsonl(std::ostream& out, const SearchResults& results);
void print_csv(std::ostream& out, const SearchResults& results);

}  // namespace ofs::searcher
