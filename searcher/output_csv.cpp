// The csv printer: a header row, then one row per result (RFC 4180).
#include "searcher/output.h"
#include "searcher/result_fields.h"

namespace ofs::searcher {

namespace {

// RFC 4180: quote a field holding a comma, quote or line break, and double
// the quotes inside it.
std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string cell(const nlohmann::ordered_json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {  // agencies, organisations
    std::string joined;
    for (const auto& item : v) {
      if (!joined.empty()) joined += ';';
      joined += item.is_string() ? item.get<std::string>() : item.dump();
    }
    return joined;
  }
  return v.dump();
}

}  // namespace

void print_csv(std::ostream& out, const SearchResults& results) {
  const auto row = [&out](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csv_field(cells[i]);
    out << "\r\n";
  };
  // A CSV file holds one table: with --facets it is the facet counts.
  if (!results.facets.empty()) {
    row({"facet", "value", "paragraphs", "reports"});
    for (const auto& [facet, values] : results.facets)
      for (const auto& [value, count] : ordered_facet_values(facet, values))
        row({facet, value, std::to_string(count.paragraphs), std::to_string(count.reports)});
    return;
  }
  const auto fields = csv_columns(results.grouped, results.context > 0);
  std::vector<std::string> columns;
  for (const auto* field : fields) columns.emplace_back(field->name);
  row(columns);
  for (const auto& hit : results.hits) {
    const FieldSource source{hit.paragraph, *hit.report, &hit};
    std::vector<std::string> cells;
    for (const auto* field : fields) cells.push_back(cell(field->value(source)));
    row(cells);
  }
}

}  // namespace ofs::searcher
