#include "app/search_command.h"

#include <iostream>

#include "analyzers/text.h"
#include "app/cli.h"
#include "app/shared_options.h"
#include "searcher/output.h"
#include "searcher/synonyms.h"

namespace ofs::app {

namespace {

bool has_filters(const SearchOptions& o) {
  for (const auto& [facet, values] : o.filters)
    if (!values.empty()) return true;
  return false;
}

// "Did you mean" goes to stderr so that stdout stays parseable results.
void report_suggestion(const GlobalOptions& g, const searcher::SearchResults& results) {
  if (!results.suggestion) return;
  if (results.total == 0) print_error("no results; did you mean \"" + *results.suggestion + "\"?");
  else if (!g.quiet) print_error("did you mean \"" + *results.suggestion + "\"?");
}

}  // namespace

void add_search_options(CLI::App& cmd, SearchOptions& o) {
  add_facet_filters(cmd, o.filters, searcher::kFacets);
  cmd.add_option("--limit", o.limit, "Results to show")->capture_default_str();
  cmd.add_option("--offset", o.offset, "Results to skip (numbering goes on from there)")
      ->capture_default_str();
  add_format_option(cmd, o.format, searcher::kFormatNames);
  add_bom_option(cmd, o.bom);
  add_sort_option(cmd, o.sort);
  cmd.add_option("--facets", o.facets,
                 "Count these facets over all results (comma-separated; CSV: the facet table)")
      ->delimiter(',')
      ->allow_extra_args(false);
  cmd.add_flag("--full", o.full, "Print whole paragraphs instead of snippets");
  cmd.add_flag("--no-synonyms", o.no_synonyms, "Do not expand domain synonyms (data/synonyms.tsv)");
  cmd.add_option("--context", o.context, "Also show N paragraphs before and after each hit");
  cmd.add_option("--group-by", o.group_by, "One result per report with its hit count and best paragraph")
      ->check(CLI::IsMember({"report"}));
  cmd.add_flag("--explain", o.explain, "Print the Xapian query on stderr");
  auto* limits = cmd.add_option_group("Query limits", "A query past a limit is refused (exit 2), naming it");
  for (const auto& limit : searcher::limit_options())
    limits->add_option(limit.option, o.limits.*limit.field, limit.help)
        ->check(CLI::Range(std::size_t{1}, limit.ceiling))
        ->capture_default_str();
}

searcher::SearchRequest make_request(const SearchOptions& o) {
  searcher::SearchRequest request;
  request.query = o.query;
  request.filters = o.filters;
  request.limit = o.limit;
  request.offset = o.offset;
  request.sort = searcher::sort_order(o.sort).value_or(searcher::SortOrder::Relevance);
  request.count_facets = o.facets;
  request.synonyms = !o.no_synonyms;
  request.context = o.context;
  request.group_by_report = o.group_by == "report";
  request.limits = o.limits;
  return request;
}

searcher::PrintOptions print_options(const GlobalOptions& g, const SearchOptions& o) {
  searcher::PrintOptions print;
  print.format = searcher::output_format(o.format).value_or(searcher::OutputFormat::Text);
  print.colour = print.format == searcher::OutputFormat::Text && use_colour(g, stdout);
  print.full = o.full;
  print.first_rank = o.offset + 1;
  return print;
}

void print_search_results(const GlobalOptions& g, const SearchOptions& o,
                          const searcher::SearchResults& results) {
  start_output(std::cout, o.format, o.bom);
  searcher::print_results(std::cout, results, print_options(g, o));
}

namespace {

// False when the scope allows no report at all.
bool restrict_to_scope(const std::function<const searcher::Catalogue&()>& catalogue,
                       const searcher::ReportScope& scope, searcher::SearchRequest& request) {
  if (scope.empty()) return true;
  if (!scope.since.empty() && !searcher::is_iso_date(scope.since))
    throw searcher::QueryError("bad --since date '" + scope.since + "': use yyyy-mm-dd, e.g. 2024-01-31");
  std::optional<std::vector<std::string>> ids;
  try {
    ids = searcher::scoped_report_ids(catalogue(), scope);
  } catch (const std::invalid_argument& e) {
    throw searcher::QueryError(e.what());
  }
  // An empty list would mean "every report" to the searcher: stop here.
  if (ids && ids->empty()) return false;
  if (ids) request.report_ids = *ids;
  return true;
}

}  // namespace

void check_not_empty(const SearchOptions& options) {
  if (analyzers::trim(options.query).empty() && !has_filters(options))
    throw searcher::QueryError(
        "empty query: give words to search for or a filter such as --grade inadequate");
}

searcher::SearchResults search_results(const searcher::Searcher& searcher,
                                       const std::function<const searcher::Catalogue&()>& catalogue,
                                       const SearchOptions& o) {
  auto request = make_request(o);
  if (!restrict_to_scope(catalogue, o.scope, request)) {
    // Nothing to search, but filters and the query are still checked.
    searcher.build_query(request);
    return {};
  }
  return searcher.search(request);
}

int run_search(const GlobalOptions& g, const SearchOptions& o) {
  auto synonyms = searcher::SynonymTable::load_if_present(std::filesystem::path(g.data_dir) / "synonyms.tsv");
  const searcher::Searcher searcher(g.db, std::move(synonyms));
  if (o.explain) print_error("query: " + searcher.build_query(make_request(o)).get_description());
  std::optional<searcher::Catalogue> catalogue;
  const auto results = search_results(
      searcher,
      [&]() -> const searcher::Catalogue& {
        if (!catalogue) catalogue = searcher::load_catalogue(searcher::open_index(g.db));
        return *catalogue;
      },
      o);
  print_search_results(g, o, results);
  report_suggestion(g, results);
  return results.total > 0 ? kExitMatch : kExitNoMatch;
}

void add_scope_options(CLI::App& cmd, searcher::ReportScope& scope) {
  add_history_options(cmd, scope.latest, scope.declined, scope.improved);
  add_since_option(cmd, scope.since);
}

void add_search_arguments(CLI::App& cmd, SearchOptions& options) {
  cmd.add_option("query", options.query_words,
                 "Words (stemmed), \"phrases\", =exact, prefix*, AND/OR/NOT, (…), NEAR/n, ADJ/n, +required, "
                 "-excluded, field:value (grade:, area:, agency:, authority:, region:, year:, framework:, "
                 "section:, org:); "
                 "several words are one query; put -- before a query that starts with '-'");
  add_search_options(cmd, options);
  add_scope_options(cmd, options.scope);
}

void add_search_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<SearchOptions>();
  auto* cmd =
      app.add_subcommand("search", "Search indexed paragraphs (query language: docs/query-language.md)");
  add_search_arguments(*cmd, *options);
  cmd->callback([&global, &action, options] {
    action = [&global, options] {
      options->query = joined_words(options->query_words);
      check_not_empty(*options);
      return run_search(global, *options);
    };
  });
}

}  // namespace ofs::app
