#include "searcher/output.h"

#include <fmt/format.h>

namespace ofs::searcher {

using nlohmann::json;

namespace {

std::string string_or(const json& j, const char* key, std::string fallback = "") {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

// The stored paragraph fields every result and context paragraph carries.
nlohmann::ordered_json paragraph_json(const json& d) {
  auto field = [&](const char* key) { return d.contains(key) ? d[key] : json(nullptr); };
  return nlohmann::ordered_json{{"report", field("report")},
                                {"authority", field("authority")},
                                {"framework", field("framework")},
                                {"published", field("published")},
                                {"inspection_start", field("inspection_start")},
                                {"inspection_end", field("inspection_end")},
                                {"para", field("para")},
                                {"item", field("item")},
                                {"page", field("page")},
                                {"section", field("section")},
                                {"area", field("area")},
                                {"grade", field("grade")},
                                {"grade_text", field("grade_text")},
                                {"agencies", field("agencies")},
                                {"organisations", field("organisations")},
                                {"text", field("text")}};
}

}  // namespace

std::optional<OutputFormat> output_format(const std::string& name) {
  if (name == "text") return OutputFormat::Text;
  if (name == "json") return OutputFormat::Json;
  if (name == "jsonl") return OutputFormat::Jsonl;
  if (name == "csv") return OutputFormat::Csv;
  return std::nullopt;
}

std::string citation(const json& p) {
  std::string out = string_or(p, "authority", "?");
  const std::string published = string_or(p, "published");
  if (published.size() >= 4) out += " " + published.substr(0, 4);
  if (p.value("para", json()).is_number()) out += fmt::format(" ¶{}", p["para"].get<int>());
  if (p.value("page", json()).is_number()) out += fmt::format(" p.{}", p["page"].get<int>());
  const std::string section = string_or(p, "section");
  if (!section.empty()) out += " · " + section;
  if (p.value("item", json()).is_number()) out += fmt::format(" · bullet {}", p["item"].get<int>());
  const std::string grade = string_or(p, "grade", "none");
  if (grade != "none") out += " · " + grade;
  return out;
}

nlohmann::ordered_json result_json(const Hit& hit) {
  nlohmann::ordered_json out = paragraph_json(hit.data);
  out["snippet"] = plain_snippet(hit.snippet);
  out["score"] = hit.score;
  if (hit.report_hits > 0) out["report_hits"] = hit.report_hits;
  if (!hit.before.empty() || !hit.after.empty()) {
    nlohmann::ordered_json before = nlohmann::ordered_json::array(), after = nlohmann::ordered_json::array();
    for (const auto& p : hit.before) before.push_back(paragraph_json(p));
    for (const auto& p : hit.after) after.push_back(paragraph_json(p));
    out["context"] = {{"before", before}, {"after", after}};
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
