// The json (one document) and jsonl (one result per line) printers.
#include "searcher/output.h"

namespace ofs::searcher {

using ojson = nlohmann::ordered_json;

void print_json(std::ostream& out, const SearchResults& results) {
  ojson all = ojson::array();
  for (const auto& hit : results.hits) all.push_back(result_json(hit));
  ojson doc = {{"total", results.total},
               {"total_exact", results.total_exact},
               {"total_paragraphs", results.total_paragraphs},
               {"suggestion", results.suggestion ? ojson(*results.suggestion) : ojson(nullptr)}};
  if (results.grouped) doc["grouped_by"] = "report";
  doc["results"] = std::move(all);
  if (!results.facets.empty()) {
    ojson paragraphs = ojson::object(), reports = ojson::object();
    for (const auto& [facet, values] : results.facets) {
      paragraphs[facet] = ojson::object();
      reports[facet] = ojson::object();
      for (const auto& [value, count] : values) {
        paragraphs[facet][value] = count.paragraphs;
        reports[facet][value] = count.reports;
      }
    }
    doc["facets"] = std::move(paragraphs);
    doc["facet_reports"] = std::move(reports);
  }
  out << doc.dump(2) << "\n";
}

void print_jsonl(std::ostream& out, const SearchResults& results) {
  // dump() without indent escapes the newlines inside paragraphs, so each
  // result stays on one line.
  for (const auto& hit : results.hits) out << result_json(hit).dump() << "\n";
}

}  // namespace ofs::searcher
