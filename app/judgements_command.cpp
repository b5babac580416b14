#include "app/judgements_command.h"

#include <algorithm>
#include <iostream>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "analyzers/areas.h"
#include "app/cli.h"
#include "app/reports_command.h"
#include "app/shared_options.h"
#include "schema/records.h"
#include "searcher/search.h"

namespace ofs::app {

namespace {

using searcher::CatalogueEntry;

// What one cell of the table says about one column of one report.
struct Cell {
  std::string grade;     // canonical grade; empty = not given
  std::string previous;  // with --history
  std::string change;    // improved / declined / same; empty when not comparable
};

std::string grade_of(const searcher::JudgementRow& row, const std::string& column) {
  const auto found = row.find(column);
  return found == row.end() ? "" : std::string(analyzers::grade_name(found->second.grade));
}

Cell cell_for(const searcher::Catalogue& catalogue, const CatalogueEntry& entry,
              const searcher::JudgementRow& row, const std::string& column) {
  Cell cell;
  cell.grade = grade_of(row, column);
  if (const auto previous = searcher::previous_judgement(catalogue, entry, column))
    cell.previous = std::string(analyzers::grade_name(previous->judgement.grade));
  if (const auto change = searcher::judgement_change(catalogue, entry, column))
    cell.change = std::string(searcher::change_name(*change));
  return cell;
}

// Only the reports --declined/--improved ask for (ids from the shared scope logic).
std::vector<const CatalogueEntry*> filter_by_change(const searcher::Catalogue& catalogue,
                                                    std::vector<const CatalogueEntry*> reports,
                                                    const JudgementsOptions& o) {
  if (o.declined.empty() && o.improved.empty()) return reports;
  searcher::ReportScope scope;
  scope.declined = o.declined;
  scope.improved = o.improved;
  const auto ids = searcher::scoped_report_ids(catalogue, scope).value_or(std::vector<std::string>{});
  const std::set<std::string> wanted(ids.begin(), ids.end());
  std::erase_if(reports, [&](const CatalogueEntry* r) { return !wanted.count(r->meta.id); });
  return reports;
}

std::vector<std::string> columns_for(const std::vector<const CatalogueEntry*>& reports) {
  // "overall" is always a column so that a framework without an overall
  // judgement (2026 reform) visibly shows none rather than vanishing.
  std::vector<std::string> columns = {"overall"};
  for (const auto* r : reports)
    for (const auto& [column, judgement] : searcher::judgement_columns(r->meta)) columns.push_back(column);
  return searcher::ordered_columns(columns);
}

void print_json(std::ostream& out, const searcher::Catalogue& catalogue,
                const std::vector<const CatalogueEntry*>& reports, const std::vector<std::string>& columns,
                bool history) {
  using nlohmann::ordered_json;
  auto nullable = [](const std::string& s) { return s.empty() ? ordered_json() : ordered_json(s); };
  auto doc = ordered_json::array();
  for (const auto* r : reports) {
    const auto& m = r->meta;
    const auto row = searcher::judgement_columns(m);
    ordered_json grades = ordered_json::object(), previous = ordered_json::object(),
                 change = ordered_json::object();
    for (const auto& column : columns) {
      const Cell cell = cell_for(catalogue, *r, row, column);
      grades[column] = nullable(cell.grade);
      previous[column] = nullable(cell.previous);
      change[column] = nullable(cell.change);
    }
    ordered_json item = {{"id", m.id},
                         {"authority", m.authority},
                         {"la_code", nullable(m.la_code)},
                         {"region", nullable(m.region)},
                         {"framework", m.framework},
                         {"inspection_start", nullable(m.inspection_start)},
                         {"inspection_end", nullable(m.inspection_end)},
                         {"published", nullable(m.published)},
                         {"lead_inspector", nullable(m.lead_inspector)},
                         {"inspectors", schema::to_json(m.inspectors)},
                         {"judgements", grades}};
    if (history) {
      item["previous"] = previous;
      item["change"] = change;
    }
    // The judgements as the report words them, for checking a row by eye.
    auto detail = ordered_json::array();
    for (const auto& j : m.judgements)
      detail.push_back({{"service", nullable(j.service)},
                        {"name", j.name},
                        {"area", j.area},
                        {"grade", std::string(analyzers::grade_name(j.grade))},
                        {"grade_text", j.words}});
    item["all_judgements"] = detail;
    item["report"] = m.path;
    doc.push_back(item);
  }
  out << doc.dump(2) << "\n";
}

void print_csv(std::ostream& out, const searcher::Catalogue& catalogue,
               const std::vector<const CatalogueEntry*>& reports, const std::vector<std::string>& columns,
               bool history) {
  std::vector<std::string> header = {"authority",      "framework", "inspection_start",
                                     "inspection_end", "published", "lead_inspector"};
  for (const auto& column : columns) {
    header.push_back(column);
    if (history) {
      header.push_back(column + " previous");
      header.push_back(column + " change");
    }
  }
  // Added after the first columns, so scripts reading columns by position keep working.
  for (const char* late : {"report", "la_code", "region"}) header.push_back(late);
  write_csv_row(out, header);
  for (const auto* r : reports) {
    const auto& m = r->meta;
    const auto row = searcher::judgement_columns(m);
    std::vector<std::string> fields = {m.authority,      m.framework, m.inspection_start,
                                       m.inspection_end, m.published, m.lead_inspector};
    for (const auto& column : columns) {
      const Cell cell = cell_for(catalogue, *r, row, column);
      fields.push_back(cell.grade);
      if (history) {
        fields.push_back(cell.previous);
        fields.push_back(cell.change);
      }
    }
    for (const auto* late : {&m.path, &m.la_code, &m.region}) fields.push_back(*late);
    write_csv_row(out, fields);
  }
}

// For people: a heading line per report, then its judgements; "overall:
// not given" is said out loud because its absence is itself a finding.
void print_text(std::ostream& out, const searcher::Catalogue& catalogue,
                const std::vector<const CatalogueEntry*>& reports, bool history) {
  for (const auto* r : reports) {
    const auto& m = r->meta;
    const auto row = searcher::judgement_columns(m);
    out << (m.authority.empty() ? "(authority unknown)" : m.authority);
    if (!m.la_code.empty()) out << " (LA " << m.la_code << ")";
    out << " · " << m.framework;
    if (!m.inspection_start.empty() || !m.inspection_end.empty())
      out << " · inspected " << m.inspection_start << " to " << m.inspection_end;
    out << " · published " << (m.published.empty() ? "unknown" : m.published);
    if (!m.lead_inspector.empty()) out << " · " << m.lead_inspector;
    out << "\n";
    std::vector<std::string> columns;
    for (const auto& [column, judgement] : row) columns.push_back(column);
    columns = searcher::ordered_columns(columns);
    if (!row.count("overall")) out << "  overall: not given\n";
    for (const auto& column : columns) {
      const Cell cell = cell_for(catalogue, *r, row, column);
      out << "  " << column << ": " << cell.grade;
      if (history && !cell.previous.empty())
        out << " (previously " << cell.previous << (cell.change.empty() ? "" : ", " + cell.change) << ")";
      out << "\n";
    }
    out << "\n";
  }
}

int run_judgements(const GlobalOptions& global, const JudgementsOptions& o) {
  const auto catalogue = searcher::load_catalogue(searcher::open_index(global.db));
  return print_judgements(std::cout, catalogue, o) == 0 ? kExitNoMatch : kExitMatch;
}

}  // namespace

std::size_t print_judgements(std::ostream& out, const searcher::Catalogue& catalogue,
                             const JudgementsOptions& o) {
  auto reports = select_reports(catalogue, o.selection);
  reports = filter_by_change(catalogue, std::move(reports), o);
  const bool history = o.history || !o.declined.empty() || !o.improved.empty();
  start_output(out, o.selection.format, o.selection.bom);
  if (o.selection.format == "json") print_json(out, catalogue, reports, columns_for(reports), history);
  else if (o.selection.format == "csv") print_csv(out, catalogue, reports, columns_for(reports), history);
  else print_text(out, catalogue, reports, history);
  return reports.size();
}

void add_judgements_options(CLI::App& cmd, JudgementsOptions& options) {
  add_report_selection_options(cmd, options.selection);
  cmd.add_flag("--history", options.history, "Add each judgement's previous grade and the change");
  add_change_options(cmd, options.declined, options.improved);
}

void add_judgements_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<JudgementsOptions>();
  auto* cmd = app.add_subcommand("judgements",
                                 "One row per indexed report: dates, lead inspector and judgement grades");
  add_judgements_options(*cmd, *options);
  cmd->callback([&global, &action, options] {
    action = [&global, options] { return run_judgements(global, *options); };
  });
}

}  // namespace ofs::app
