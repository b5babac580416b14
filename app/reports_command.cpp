#include "app/reports_command.h"

#include <algorithm>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "analyzers/text.h"
#include "app/cli.h"
#include "app/errors.h"
#include "indexer/index_state.h"
#include "schema/records.h"
#include "searcher/search.h"
#include "searcher/unknown_value.h"

namespace ofs::app {

namespace {

// Code points, not bytes: "¶" and "–" are one column each.
std::size_t display_width(const std::string& s) { return analyzers::code_point_count(s); }

bool matches_any(const std::string& value, const std::vector<std::string>& wanted) {
  if (wanted.empty()) return true;
  const std::string slug = analyzers::facet_slug(value);
  return std::any_of(wanted.begin(), wanted.end(),
                     [&](const auto& w) { return analyzers::facet_slug(w) == slug; });
}

std::string report_value(const searcher::CatalogueEntry& entry, const std::string& facet) {
  if (facet == "authority") return entry.meta.authority;
  if (facet == "region") return entry.meta.region;
  if (facet == "year") return searcher::report_year(entry);
  return entry.meta.framework;
}

bool year_matches(const std::string& year, const std::vector<std::string>& wanted) {
  if (wanted.empty()) return true;
  if (year.empty()) return false;
  const int y = std::stoi(year);
  return std::any_of(wanted.begin(), wanted.end(), [&](const std::string& w) {
    const auto range = searcher::year_range(w);
    return range && range->first <= y && y <= range->second;
  });
}

bool matches(const searcher::CatalogueEntry& entry, const std::string& facet,
             const std::vector<std::string>& wanted) {
  if (facet == "year") return year_matches(report_value(entry, facet), wanted);
  return matches_any(report_value(entry, facet), wanted);
}

// "Nigel Parkes" is wanted by "parkes", "Nigel" or "nigel parkes".
bool inspector_matches(const std::string& inspector, const std::vector<std::string>& wanted) {
  if (wanted.empty()) return true;
  const std::string name = "-" + analyzers::facet_slug(inspector) + "-";
  return std::any_of(wanted.begin(), wanted.end(), [&](const std::string& w) {
    const std::string slug = analyzers::facet_slug(w);
    return !slug.empty() && name.find("-" + slug + "-") != std::string::npos;
  });
}

// Each wanted value must name something indexed: "Wiltshre" is a slip to
// point out, not a question whose answer is "no reports".
void check_values(const searcher::Catalogue& catalogue, const std::string& facet,
                  const std::vector<std::string>& wanted) {
  if (facet == "year") {
    for (const auto& w : wanted)
      if (!searcher::year_range(w))
        throw UsageError("bad year '" + w + "': use a year (2012) or a range (2014..2018)");
    return;
  }
  std::vector<std::string> known;
  for (const auto& entry : catalogue) {
    const auto value = report_value(entry, facet);
    if (!value.empty() && std::find(known.begin(), known.end(), value) == known.end()) known.push_back(value);
  }
  for (const auto& w : wanted)
    if (std::none_of(known.begin(), known.end(), [&](const auto& k) { return matches_any(k, {w}); }))
      throw searcher::UnknownValueError(
          searcher::unknown_value_message(facet, w, known, "'ofs reports' lists the indexed reports"));
}

// The names of a report's inspection team: the lead inspector and everyone the
// team list names, each once.
std::vector<std::string> team_of(const schema::ReportRecord& report) {
  std::vector<std::string> team;
  auto add = [&](const std::string& name) {
    if (!name.empty() && std::find(team.begin(), team.end(), name) == team.end()) team.push_back(name);
  };
  add(report.lead_inspector);
  for (const auto& inspector : report.inspectors) add(inspector.name);
  return team;
}

bool team_matches(const schema::ReportRecord& report, const std::vector<std::string>& wanted) {
  if (wanted.empty()) return true;
  const auto team = team_of(report);
  return std::any_of(team.begin(), team.end(),
                     [&](const auto& name) { return inspector_matches(name, wanted); });
}

void check_inspectors(const searcher::Catalogue& catalogue, const std::vector<std::string>& wanted) {
  std::vector<std::string> known;
  for (const auto& entry : catalogue)
    for (const auto& name : team_of(entry.meta))
      if (std::find(known.begin(), known.end(), name) == known.end()) known.push_back(name);
  for (const auto& w : wanted)
    if (std::none_of(known.begin(), known.end(), [&](const auto& k) { return inspector_matches(k, {w}); }))
      throw searcher::UnknownValueError(searcher::unknown_value_message(
          "inspector", w, known, "'ofs judgements --format json' lists each report's inspection team"));
}

std::string joined(const std::vector<std::string>& values, const std::string& sep) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : sep) + v;
  return out;
}

}  // namespace

std::size_t print_reports(std::ostream& out, const searcher::Catalogue& catalogue,
                          const ReportSelection& selection) {
  const auto reports = select_reports(catalogue, selection);
  const std::vector<std::string> header = {
      "id",         "authority", "framework", "published", "inspection_end", "pages",
      "paragraphs", "warnings",  "report",    "la_code",   "region",         "lead_inspector"};
  start_output(out, selection.format, selection.bom);
  if (selection.format == "json") {
    auto doc = nlohmann::ordered_json::array();
    for (const auto* r : reports) {
      const auto& m = r->meta;
      doc.push_back(
          {{"id", m.id},
           {"authority", m.authority},
           {"la_code", m.la_code.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(m.la_code)},
           {"region", m.region.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(m.region)},
           {"framework", m.framework},
           {"published",
            m.published.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(m.published)},
           {"inspection_end",
            m.inspection_end.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(m.inspection_end)},
           {"pages", m.page_count},
           {"paragraphs", m.paragraph_count},
           {"lead_inspector",
            m.lead_inspector.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(m.lead_inspector)},
           {"inspectors", schema::to_json(m.inspectors)},
           {"warnings", m.warnings},
           {"report", m.path}});
    }
    out << doc.dump(2) << "\n";
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto* r : reports) {
      const auto& m = r->meta;
      rows.push_back({m.id, m.authority, m.framework, m.published, m.inspection_end,
                      std::to_string(m.page_count), std::to_string(m.paragraph_count),
                      joined(m.warnings, "; "), m.path, m.la_code, m.region, m.lead_inspector});
    }
    if (selection.format == "csv") {
      write_csv_row(out, header);
      for (const auto& row : rows) write_csv_row(out, row);
    } else {
      write_text_table(out, header, rows);
    }
  }
  return reports.size();
}

namespace {

struct ReportsOptions {
  ReportSelection selection;
  bool rejected = false;
};

// The files the index refused, with the reason and when.
int run_rejected(const GlobalOptions& global, const ReportsOptions& o) {
  const auto rejections = indexer::load_rejections(searcher::open_index(global.db));
  if (o.selection.format == "json") {
    auto doc = nlohmann::ordered_json::array();
    for (const auto& r : rejections)
      doc.push_back({{"file", r.path}, {"reason", r.reason}, {"rejected_at", r.at}});
    std::cout << doc.dump(2) << "\n";
  } else {
    const std::vector<std::string> header = {"file", "reason", "rejected_at"};
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : rejections) rows.push_back({r.path, r.reason, r.at});
    if (o.selection.format == "csv") {
      write_csv_row(std::cout, header);
      for (const auto& row : rows) write_csv_row(std::cout, row);
    } else {
      write_text_table(std::cout, header, rows);
    }
  }
  return rejections.empty() ? kExitNoMatch : kExitMatch;
}

int run_reports(const GlobalOptions& global, const ReportsOptions& o) {
  if (o.rejected) return run_rejected(global, o);
  const auto catalogue = searcher::load_catalogue(searcher::open_index(global.db));
  return print_reports(std::cout, catalogue, o.selection) == 0 ? kExitNoMatch : kExitMatch;
}

}  // namespace

void write_csv_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out << ',';
    const std::string& f = fields[i];
    if (f.find_first_of(",\"\r\n") == std::string::npos) {
      out << f;
      continue;
    }
    out << '"';
    for (char c : f) out << (c == '"' ? "\"\"" : std::string(1, c));
    out << '"';
  }
  out << "\r\n";  // RFC 4180 line ends: spreadsheets on every platform read them
}

void write_text_table(std::ostream& out, const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(header.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size() && i < width.size(); ++i)
      width[i] = std::max(width[i], display_width(row[i]));
  };
  measure(header);
  for (const auto& row : rows) measure(row);
  auto print = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(width[i] - display_width(row[i]) + 2, ' ');
    }
    out << line << "\n";
  };
  print(header);
  for (const auto& row : rows) print(row);
}

void add_report_selection_options(CLI::App& cmd, ReportSelection& selection) {
  add_format_option(cmd, selection.format, table_formats());
  add_bom_option(cmd, selection.bom);
  add_facet_filters(cmd, selection.filters, kReportFacets);
  add_latest_option(cmd, selection.latest);
  add_since_option(cmd, selection.since);
  add_inspector_option(cmd, selection.inspectors);
}

std::vector<const searcher::CatalogueEntry*> select_reports(const searcher::Catalogue& catalogue,
                                                            const ReportSelection& selection) {
  std::vector<const searcher::CatalogueEntry*> candidates;
  if (selection.latest) candidates = searcher::latest_reports(catalogue);
  else
    for (const auto& entry : catalogue) candidates.push_back(&entry);
  for (const auto& [facet, wanted] : selection.filters) check_values(catalogue, facet, wanted);
  check_inspectors(catalogue, selection.inspectors);
  std::vector<const searcher::CatalogueEntry*> selected;
  for (const auto* entry : candidates)
    if (std::all_of(selection.filters.begin(), selection.filters.end(),
                    [&](const auto& f) { return matches(*entry, f.first, f.second); }) &&
        (selection.since.empty() || searcher::arrival_date(*entry) >= selection.since) &&
        team_matches(entry->meta, selection.inspectors))
      selected.push_back(entry);
  return selected;
}

void add_reports_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<ReportsOptions>();
  auto* cmd =
      app.add_subcommand("reports", "List indexed reports with paragraph counts and indexing warnings");
  add_report_selection_options(*cmd, options->selection);
  cmd->add_flag("--rejected", options->rejected,
                "List the files not indexed instead, with the reason and when");
  cmd->callback(
      [&global, &action, options] { action = [&global, options] { return run_reports(global, *options); }; });
}

}  // namespace ofs::app
