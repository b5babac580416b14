#include "app/saved_command.h"

#include <filesystem>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "analyzers/areas.h"
#include "analyzers/dates.h"
#include "app/cli.h"
#include "app/reports_command.h"
#include "app/search_command.h"
#include "searcher/output.h"
#include "searcher/reports.h"
#include "searcher/saved_queries.h"
#include "searcher/synonyms.h"

namespace ofs::app {

namespace {

namespace fs = std::filesystem;
using searcher::SavedQueries;
using searcher::SavedQuery;

// Facets the --all matrix can break counts down by.
const std::vector<std::string> kMatrixFacets = {"authority", "year", "grade", "framework", "area"};

struct SavedOptions {
  std::string file = "ofs-saved.toml";  // --saved-file, OFS_SAVED
};

struct AddOptions {
  SavedQuery query;
  std::size_t limit = 0;
  bool replace = false;
};

struct RunOptions {
  std::string name;
  bool all = false;
  std::string by = "authority";
  std::string since;
  bool only_new = false;
  bool latest = false;
  std::vector<std::string> declined;
  std::vector<std::string> improved;
  SearchOptions search;
  CLI::App* cmd = nullptr;  // to ask which options the command line gave
};

void say(const GlobalOptions& global, const std::string& message) {
  if (!global.quiet) print_note(message);
}

// --- add, list, show, rm -----------------------------------------------------

int run_add(const GlobalOptions& global, const SavedOptions& s, AddOptions a, const CLI::App& cmd) {
  searcher::check_query_name(a.query.name);
  auto saved = searcher::load_saved_queries(s.file);
  if (saved.find(a.query.name) && !a.replace)
    throw searcher::QueryError("saved query '" + a.query.name + "' already exists in " + s.file +
                               "; use --replace to overwrite it or 'ofs saved rm " + a.query.name + "' first");
  std::erase_if(a.query.filters, [](const auto& f) { return f.second.empty(); });
  if (cmd.count("--limit")) a.query.limit = a.limit;
  a.query.created = analyzers::utc_now();
  const std::string name = a.query.name;
  const bool replaced = saved.put(std::move(a.query));
  searcher::save_saved_queries(s.file, saved);
  say(global, std::string(replaced ? "replaced" : "saved") + " query '" + name + "' in " + s.file);
  return kExitMatch;
}

std::string filters_summary(const SavedQuery& q) {
  std::string out;
  for (const auto& [facet, values] : q.filters)
    for (const auto& v : values) out += (out.empty() ? "" : " ") + ("--" + facet + " " + v);
  if (q.latest) out += (out.empty() ? "" : " ") + std::string("--latest");
  for (const auto& a : q.declined) out += (out.empty() ? "" : " ") + ("--declined " + a);
  for (const auto& a : q.improved) out += (out.empty() ? "" : " ") + ("--improved " + a);
  return out;
}

nlohmann::ordered_json query_json(const SavedQuery& q, const searcher::RunState& state) {
  using nlohmann::ordered_json;
  const auto last = state.find(q.name);
  return {{"name", q.name},
          {"description", q.description},
          {"query", q.query},
          {"filters", q.filters},
          {"latest", q.latest},
          {"declined", q.declined},
          {"improved", q.improved},
          {"facets", q.facets},
          {"format", q.format.empty() ? ordered_json() : ordered_json(q.format)},
          {"limit", q.limit ? ordered_json(*q.limit) : ordered_json()},
          {"sort", q.sort.empty() ? ordered_json() : ordered_json(q.sort)},
          {"created", q.created.empty() ? ordered_json() : ordered_json(q.created)},
          {"last_run", last == state.end() ? ordered_json() : ordered_json(last->second)}};
}

int run_list(const SavedOptions& s, const std::string& format) {
  return print_saved_list(std::cout, s.file, format) == 0 ? kExitNoMatch : kExitMatch;
}

int run_show(const SavedOptions& s, const std::string& name, const std::string& format) {
  const auto saved = searcher::load_saved_queries(s.file);
  const auto& q = find_saved_query(saved, name, s.file);
  const auto state = searcher::load_run_state(searcher::run_state_path(s.file));
  if (format == "json") {
    std::cout << query_json(q, state).dump(2) << "\n";
  } else {
    // The query's own TOML block, as it stands in the file.
    SavedQueries one;
    one.queries.push_back(q);
    const std::string toml = searcher::to_toml(one);
    std::cout << toml.substr(toml.find("[queries."));
    const auto last = state.find(q.name);
    std::cout << "# last run: " << (last == state.end() ? "never" : last->second) << "\n";
  }
  return kExitMatch;
}

int run_rm(const GlobalOptions& global, const SavedOptions& s, const std::string& name) {
  auto saved = searcher::load_saved_queries(s.file);
  find_saved_query(saved, name, s.file);
  saved.remove(name);
  searcher::save_saved_queries(s.file, saved);
  const auto state_file = searcher::run_state_path(s.file);
  auto state = searcher::load_run_state(state_file);
  if (state.erase(name)) searcher::save_run_state(state_file, state);
  say(global, "removed query '" + name + "' from " + s.file);
  return kExitMatch;
}

// --- run -----------------------------------------------------------------------

// The saved query's settings with the command line's on top.
SearchOptions merged_options(const SavedQuery& q, const RunOptions& r) {
  SearchOptions given = r.search;
  given.scope.latest = r.latest;
  given.scope.declined = r.declined;
  given.scope.improved = r.improved;
  return saved_search_options(q, given, [&r](const std::string& option) { return r.cmd->count(option) > 0; });
}

searcher::ReportScope scope_for(const SavedQuery& q, const SearchOptions& merged, const RunOptions& r,
                                const searcher::RunState& state) {
  searcher::ReportScope scope = merged.scope;
  scope.since = r.since;
  if (r.only_new) {
    // Inclusive of the last run's day: a report carries a date, not a time,
    // and one published that day may have been indexed after the run.
    // Better to see a paragraph twice than to miss it.
    const auto last = state.find(q.name);
    if (last != state.end()) scope.since = last->second.substr(0, 10);
  }
  return scope;
}

// Runs one search restricted to the scope's reports.  Nothing is searched
// when the scope allows no report, since empty report_ids would mean "all".
class ScopedSearcher {
 public:
  explicit ScopedSearcher(const GlobalOptions& global)
      : searcher_(global.db, searcher::SynonymTable::load_if_present(fs::path(global.data_dir) / "synonyms.tsv")),
        catalogue_(searcher::load_catalogue(searcher::open_index(global.db))) {}

  searcher::SearchResults search(const SavedQuery& q, searcher::SearchRequest request,
                                 const searcher::ReportScope& scope) const {
    std::optional<std::vector<std::string>> ids;
    try {
      ids = searcher::scoped_report_ids(catalogue_, scope);
    } catch (const std::invalid_argument& e) {
      throw searcher::QueryError("saved query '" + q.name + "': " + e.what());
    }
    if (ids && ids->empty()) return {};
    if (ids) request.report_ids = *ids;
    try {
      return searcher_.search(request);
    } catch (const searcher::QueryError& e) {
      throw searcher::QueryError("saved query '" + q.name + "': " + e.what());
    }
  }

 private:
  searcher::Searcher searcher_;
  searcher::Catalogue catalogue_;
};

// Remembers the run for --new.  A read-only saved-queries folder should not
// make a search fail, so a failure to record is only a warning.
void record_runs(const GlobalOptions& global, const SavedOptions& s, const std::vector<std::string>& names) {
  const auto state_file = searcher::run_state_path(s.file);
  try {
    auto state = searcher::load_run_state(state_file);
    const std::string now = analyzers::utc_now();
    for (const auto& name : names) state[name] = now;
    searcher::save_run_state(state_file, state);
  } catch (const std::exception& e) {
    if (!global.quiet) print_error(std::string("warning: could not record the run time: ") + e.what());
  }
}

int run_one(const GlobalOptions& global, const SavedOptions& s, const RunOptions& r) {
  const auto saved = searcher::load_saved_queries(s.file);
  const auto& q = find_saved_query(saved, r.name, s.file);
  const auto state = searcher::load_run_state(searcher::run_state_path(s.file));
  const SearchOptions o = merged_options(q, r);
  const ScopedSearcher searcher(global);
  const auto results = searcher.search(q, make_request(o), scope_for(q, o, r, state));
  searcher::PrintOptions print;
  print.format = searcher::output_format(o.format).value_or(searcher::OutputFormat::Text);
  print.colour = print.format == searcher::OutputFormat::Text && use_colour(global, stdout);
  print.full = o.full;
  searcher::print_results(std::cout, results, print);
  std::cout.flush();
  record_runs(global, s, {q.name});
  return results.total > 0 ? kExitMatch : kExitNoMatch;
}

// One row of the --all matrix.
struct MatrixRow {
  std::string query;
  std::string value;  // the --by facet's value; empty for a query with no hits
  std::size_t paragraphs = 0;
  std::size_t reports = 0;
};

void print_matrix(const std::vector<MatrixRow>& rows, const std::string& by, const std::string& format) {
  if (format == "json" || format == "jsonl") {
    auto doc = nlohmann::ordered_json::array();
    for (const auto& row : rows)
      doc.push_back({{"query", row.query},
                     {by, row.value.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(row.value)},
                     {"paragraphs", row.paragraphs},
                     {"reports", row.reports}});
    if (format == "json")
      std::cout << doc.dump(2) << "\n";
    else
      for (const auto& item : doc) std::cout << item.dump() << "\n";
    return;
  }
  std::vector<std::vector<std::string>> table;
  for (const auto& row : rows)
    table.push_back({row.query, row.value, std::to_string(row.paragraphs), std::to_string(row.reports)});
  if (format == "csv") {
    write_csv_row(std::cout, {"query", by, "paragraphs", "reports"});
    for (const auto& row : table) write_csv_row(std::cout, row);
  } else {
    write_text_table(std::cout, {"QUERY", by, "PARAGRAPHS", "REPORTS"}, table);
  }
}

int run_all(const GlobalOptions& global, const SavedOptions& s, const RunOptions& r) {
  const auto saved = searcher::load_saved_queries(s.file);
  const auto state = searcher::load_run_state(searcher::run_state_path(s.file));
  const ScopedSearcher searcher(global);
  std::vector<MatrixRow> rows;
  std::vector<std::string> names;
  bool any_match = false;
  std::string format = r.search.format;
  for (const auto& q : saved.queries) {
    SearchOptions o = merged_options(q, r);
    auto request = make_request(o);
    request.count_facets = {r.by};
    request.limit = 0;  // counts only: the facet spy sees every match anyway
    request.offset = 0;
    const auto results = searcher.search(q, request, scope_for(q, o, r, state));
    names.push_back(q.name);
    const auto counts = results.facets.find(r.by);
    if (results.total == 0 || counts == results.facets.end() || counts->second.empty()) {
      // A query with no hits keeps its row, so every run has every query.
      rows.push_back({q.name, "", 0, 0});
      continue;
    }
    any_match = true;
    for (const auto& [value, count] : counts->second) rows.push_back({q.name, value, count.paragraphs, count.reports});
  }
  print_matrix(rows, r.by, format);
  std::cout.flush();
  record_runs(global, s, names);
  if (saved.queries.empty()) say(global, "no saved queries in " + s.file + "; add one with 'ofs saved add'");
  return any_match ? kExitMatch : kExitNoMatch;
}

int run_saved(const GlobalOptions& global, const SavedOptions& s, const RunOptions& r) {
  if (r.all == !r.name.empty())
    throw searcher::QueryError("give one saved query NAME or --all ('ofs saved list' shows the names)");
  if (r.only_new && !r.since.empty()) throw searcher::QueryError("--new and --since cannot be used together");
  if (!r.since.empty() && !searcher::is_iso_date(r.since))
    throw searcher::QueryError("bad --since date '" + r.since + "': use yyyy-mm-dd, e.g. 2024-01-31");
  return r.all ? run_all(global, s, r) : run_one(global, s, r);
}

void add_scope_options(CLI::App& cmd, bool& latest, std::vector<std::string>& declined,
                       std::vector<std::string>& improved) {
  cmd.add_flag("--latest", latest, "Only each authority's most recent report");
  cmd.add_option("--declined", declined,
                 "Only reports whose grade in this area declined since the authority's previous report (repeatable)")
      ->allow_extra_args(false)
      ->check(CLI::IsMember(analyzers::canonical_areas()));
  cmd.add_option("--improved", improved, "Only reports whose grade in this area improved (repeatable)")
      ->allow_extra_args(false)
      ->check(CLI::IsMember(analyzers::canonical_areas()));
}

}  // namespace

const SavedQuery& find_saved_query(const SavedQueries& saved, const std::string& name, const std::string& file) {
  if (const auto* q = saved.find(name)) return *q;
  throw searcher::QueryError("no saved query '" + name + "' in " + file + "; 'ofs saved list' shows the saved queries");
}

std::size_t print_saved_list(std::ostream& out, const std::filesystem::path& file, const std::string& format) {
  const auto saved = searcher::load_saved_queries(file);
  const auto state = searcher::load_run_state(searcher::run_state_path(file));
  if (format == "json") {
    auto doc = nlohmann::ordered_json::array();
    for (const auto& q : saved.queries) doc.push_back(query_json(q, state));
    out << doc.dump(2) << "\n";
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& q : saved.queries) {
      const auto last = state.find(q.name);
      rows.push_back({q.name, q.query, filters_summary(q), last == state.end() ? "never" : last->second,
                      q.description});
    }
    if (format == "csv") {
      write_csv_row(out, {"name", "query", "filters", "last_run", "description"});
      for (const auto& row : rows) write_csv_row(out, row);
    } else if (!rows.empty()) {
      write_text_table(out, {"NAME", "QUERY", "FILTERS", "LAST RUN", "DESCRIPTION"}, rows);
    }
  }
  return saved.queries.size();
}

SearchOptions saved_search_options(const SavedQuery& q, SearchOptions o,
                                   const std::function<bool(const std::string& option)>& given) {
  o.query = q.query;
  for (const auto& facet : searcher::kFacets)
    if (!given("--" + facet)) {
      const auto saved = q.filters.find(facet);
      o.filters[facet] = saved == q.filters.end() ? std::vector<std::string>{} : saved->second;
    }
  if (!given("--facets")) o.facets = q.facets;
  if (!given("--format") && !q.format.empty()) o.format = q.format;
  if (!given("--limit") && q.limit) o.limit = *q.limit;
  if (!given("--sort") && !q.sort.empty()) o.sort = q.sort;
  o.scope.latest = o.scope.latest || q.latest;
  if (!given("--declined")) o.scope.declined = q.declined;
  if (!given("--improved")) o.scope.improved = q.improved;
  return o;
}

void add_saved_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto s = std::make_shared<SavedOptions>();
  auto* saved = app.add_subcommand("saved", "Saved queries: add, list, show, rm, run (docs/saved-queries.md)");
  saved->require_subcommand(1);
  saved->fallthrough();
  saved->add_option("--saved-file", s->file, "The saved-queries TOML file")->envname("OFS_SAVED")->capture_default_str();

  auto add = std::make_shared<AddOptions>();
  auto* add_cmd = saved->add_subcommand("add", "Save a query under a name");
  add_cmd->add_option("name", add->query.name, "Name: letters, digits, '-', '_'")->required();
  add_cmd->add_option("query", add->query.query, "Query text, as for 'ofs search'")->required();
  for (const auto& facet : searcher::kFacets)
    add_cmd->add_option("--" + facet, add->query.filters[facet], "Filter on this " + facet + " (repeatable)")
        ->allow_extra_args(false);
  add_cmd->add_option("--facets", add->query.facets, "Facets to count (comma-separated)")
      ->delimiter(',')
      ->check(CLI::IsMember(searcher::kFacets));
  add_cmd->add_option("--format", add->query.format, "Default output format")->check(CLI::IsMember(searcher::kSavedFormats));
  add_cmd->add_option("--limit", add->limit, "Default number of results");
  add_cmd->add_option("--sort", add->query.sort, "Default order")->check(CLI::IsMember(searcher::kSavedSorts));
  add_cmd->add_option("--description", add->query.description, "What the query is for");
  add_scope_options(*add_cmd, add->query.latest, add->query.declined, add->query.improved);
  add_cmd->add_flag("--replace", add->replace, "Overwrite a saved query of the same name");
  add_cmd->callback([&global, &action, s, add, add_cmd] {
    action = [&global, s, add, add_cmd] { return run_add(global, *s, *add, *add_cmd); };
  });

  auto list_format = std::make_shared<std::string>("text");
  auto* list_cmd = saved->add_subcommand("list", "List saved queries");
  list_cmd->add_option("--format", *list_format, "Output format")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->capture_default_str();
  list_cmd->callback([&action, s, list_format] { action = [s, list_format] { return run_list(*s, *list_format); }; });

  auto show_name = std::make_shared<std::string>();
  auto show_format = std::make_shared<std::string>("toml");
  auto* show_cmd = saved->add_subcommand("show", "Show one saved query");
  show_cmd->add_option("name", *show_name, "Saved query name")->required();
  show_cmd->add_option("--format", *show_format, "Output format")
      ->check(CLI::IsMember({"toml", "json"}))
      ->capture_default_str();
  show_cmd->callback([&action, s, show_name, show_format] {
    action = [s, show_name, show_format] { return run_show(*s, *show_name, *show_format); };
  });

  auto rm_name = std::make_shared<std::string>();
  auto* rm_cmd = saved->add_subcommand("rm", "Remove a saved query");
  rm_cmd->add_option("name", *rm_name, "Saved query name")->required();
  rm_cmd->callback([&global, &action, s, rm_name] {
    action = [&global, s, rm_name] { return run_rm(global, *s, *rm_name); };
  });

  auto run = std::make_shared<RunOptions>();
  auto* run_cmd = saved->add_subcommand("run", "Run a saved query, or --all of them as a matrix of counts");
  run->cmd = run_cmd;
  run_cmd->add_option("name", run->name, "Saved query name");
  run_cmd->add_flag("--all", run->all, "Run every saved query; print counts per query and --by value");
  run_cmd->add_option("--by", run->by, "With --all: break counts down by this facet")
      ->check(CLI::IsMember(kMatrixFacets))
      ->capture_default_str();
  run_cmd->add_option("--since", run->since, "Only reports published (or indexed) on or after yyyy-mm-dd");
  run_cmd->add_flag("--new", run->only_new, "Only reports published on or after the day this query last ran");
  add_scope_options(*run_cmd, run->latest, run->declined, run->improved);
  add_search_options(*run_cmd, run->search);
  run_cmd->callback([&global, &action, s, run] {
    action = [&global, s, run] { return run_saved(global, *s, *run); };
  });
}

}  // namespace ofs::app
