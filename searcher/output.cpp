#include "searcher/output.h"

#include <fmt/format.h>

namespace ofs::searcher {

using nlohmann::json;

namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kHighlight = "\x1b[1;31m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kReset = "\x1b[0m";

std::string string_or(const json& j, const char* key, std::string fallback = "") {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::string join(const json& array, std::string_view sep) {
  std::string out;
  if (!array.is_array()) return out;
  for (const auto& v : array) {
    if (!out.empty()) out += sep;
    out += v.get<std::string>();
  }
  return out;
}

std::string render_snippet(const std::string& snippet, bool colour) {
  std::string out;
  for (char c : snippet) {
    if (c == kHighlightStart) {
      if (colour) out += kHighlight;
    } else if (c == kHighlightEnd) {
      if (colour) out += kReset;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void print_text(std::ostream& out, const SearchResults& results, const PrintOptions& options) {
  const auto style = [&](std::string_view code, const std::string& s) {
    return options.colour ? fmt::format("{}{}{}", code, s, kReset) : s;
  };
  out << style(kDim, fmt::format("{}{} paragraph{}", results.total_exact ? "" : "about ", results.total,
                                 results.total == 1 ? "" : "s"))
      << "\n";
  int rank = 0;
  for (const auto& hit : results.hits) {
    ++rank;
    out << "\n" << style(kBold, fmt::format("{}. {}", rank, citation(hit.data))) << "\n";
    const std::string agencies = join(hit.data.value("agencies", json::array()), ", ");
    if (!agencies.empty()) out << "   " << style(kDim, "agencies: " + agencies) << "\n";
    const std::string body = options.full ? hit.data.value("text", "") : render_snippet(hit.snippet, options.colour);
    out << "   " << body << "\n";
  }
  if (!results.facets.empty()) {
    out << "\n";
    for (const auto& [facet, values] : results.facets) {
      std::string line;
      for (const auto& [value, count] : values) {
        if (!line.empty()) line += ", ";
        line += fmt::format("{} {}", value, count.paragraphs);
      }
      out << style(kDim, facet + ":") << " " << line << "\n";
    }
  }
}

json facets_json(const FacetCounts& facets) {
  json paragraphs = json::object();
  json reports = json::object();
  for (const auto& [facet, values] : facets) {
    paragraphs[facet] = json::object();
    reports[facet] = json::object();
    for (const auto& [value, count] : values) {
      paragraphs[facet][value] = count.paragraphs;
      reports[facet][value] = count.reports;
    }
  }
  return {{"paragraphs", paragraphs}, {"reports", reports}};
}

}  // namespace

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
  const json& d = hit.data;
  auto field = [&](const char* key) { return d.contains(key) ? d[key] : json(nullptr); };
  return nlohmann::ordered_json{{"report", field("report")},
          {"authority", field("authority")},
          {"framework", field("framework")},
          {"published", field("published")},
          {"para", field("para")},
          {"item", field("item")},
          {"page", field("page")},
          {"section", field("section")},
          {"area", field("area")},
          {"grade", field("grade")},
          {"grade_text", field("grade_text")},
          {"agencies", field("agencies")},
          {"organisations", field("organisations")},
          {"text", field("text")},
          {"snippet", plain_snippet(hit.snippet)},
          {"score", hit.score}};
}

void print_results(std::ostream& out, const SearchResults& results, const PrintOptions& options) {
  if (options.format == OutputFormat::Text) return print_text(out, results, options);
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (const auto& hit : results.hits) all.push_back(result_json(hit));
  nlohmann::ordered_json doc = {{"total", results.total}, {"total_exact", results.total_exact}, {"results", all}};
  if (!results.facets.empty()) {
    auto f = facets_json(results.facets);
    doc["facets"] = f["paragraphs"];
    doc["facet_reports"] = f["reports"];
  }
  out << doc.dump(2) << "\n";
}

}  // namespace ofs::searcher
