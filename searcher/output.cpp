#include "searcher/output.h"

#include <algorithm>

#include <fmt/format.h>

#include "searcher/result_fields.h"

namespace ofs::searcher {

std::string short_label(const schema::StoredParagraph& p) {
  if (p.para > 0) return fmt::format("¶{}", p.para);
  if (p.item > 0) return fmt::format("bullet {}", p.item);
  return "¶?";
}

std::vector<std::pair<std::string, FacetValueCount>> ordered_facet_values(
    const std::string& facet, const std::map<std::string, FacetValueCount>& values) {
  std::vector<std::pair<std::string, FacetValueCount>> sorted(values.begin(), values.end());
  // The map is in value order already, which for years is year order.
  if (facet != "year")
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto& a, const auto& b) { return a.second.paragraphs > b.second.paragraphs; });
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return (a.first == kUnknownFacetValue) < (b.first == kUnknownFacetValue);
  });
  return sorted;
}

std::optional<OutputFormat> output_format(const std::string& name) {
  if (name == "text") return OutputFormat::Text;
  if (name == "json") return OutputFormat::Json;
  if (name == "jsonl") return OutputFormat::Jsonl;
  if (name == "csv") return OutputFormat::Csv;
  return std::nullopt;
}

std::string citation(const schema::StoredParagraph& p, const schema::ReportRecord& report, int match_page) {
  std::string out = report.authority.empty() ? "?" : report.authority;
  if (report.published.size() >= 4) out += " " + report.published.substr(0, 4);
  if (p.para > 0) out += fmt::format(" ¶{}", p.para);
  if (p.page > 0) out += fmt::format(" p.{}", p.page);
  if (p.page > 0 && p.page_end > p.page) out += fmt::format("–{}", p.page_end);
  if (p.page > 0 && match_page > p.page) out += fmt::format(" (match on p.{})", match_page);
  if (!p.section.empty()) out += " · " + p.section;
  if (p.item > 0) out += fmt::format(" · bullet {}", p.item);
  if (p.grade != analyzers::Grade::None) out += " · " + std::string(analyzers::grade_name(p.grade));
  return out;
}

nlohmann::ordered_json result_json(const Hit& hit) {
  const FieldSource source{hit.paragraph, *hit.report, &hit};
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& field : result_fields()) {
    if (field.scope == FieldScope::Grouped && hit.report_hits == 0) continue;
    auto value = field.value(source);
    if (field.scope == FieldScope::CsvContext) continue;
    if (field.scope == FieldScope::Context && value.is_null()) continue;
    out[std::string(field.name)] = std::move(value);
  }
  return out;
}

void print_results(std::ostream& out, const SearchResults& results, const PrintOptions& options) {
  switch (options.format) {
    case OutputFormat::Text:
      return print_text(out, results, options);
    case OutputFormat::Json:
      return print_json(out, results);
    case OutputFormat::Jsonl:
      return print_jsonl(out, results);
    case OutputFormat::Csv:
      return print_csv(out, results);
  }
}

}  // namespace ofs::searcher
