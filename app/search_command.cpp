#include "app/search_command.h"

#include <iostream>

#include "app/cli.h"
#include "indexer/structure.h"
#include "searcher/output.h"

namespace ofs::app {

namespace {

searcher::SortOrder sort_order(const std::string& name) {
  if (name == "date") return searcher::SortOrder::Date;
  if (name == "report") return searcher::SortOrder::ReportOrder;
  return searcher::SortOrder::Relevance;
}

}  // namespace

void add_search_options(CLI::App& cmd, SearchOptions& o) {
  for (const auto& facet : searcher::kFacets)
    cmd.add_option("--" + facet, o.filters[facet], "Only paragraphs with this " + facet + " (repeatable: any of them)")
        ->allow_extra_args(false);
  cmd.add_option("--limit", o.limit, "Results to show")->capture_default_str();
  cmd.add_option("--offset", o.offset, "Results to skip")->capture_default_str();
  cmd.add_option("--format", o.format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd.add_option("--sort", o.sort, "Order: relevance, date (newest first) or report (report order)")
      ->check(CLI::IsMember({"relevance", "date", "report"}))
      ->capture_default_str();
  cmd.add_option("--facets", o.facets, "Count these facets over all results (comma-separated)")->delimiter(',');
  cmd.add_flag("--full", o.full, "Print whole paragraphs instead of snippets");
}

searcher::SearchRequest make_request(const SearchOptions& o) {
  searcher::SearchRequest request;
  request.query = o.query;
  request.filters = o.filters;
  request.limit = o.limit;
  request.offset = o.offset;
  request.sort = sort_order(o.sort);
  request.count_facets = o.facets;
  return request;
}

int run_search(const GlobalOptions& g, const SearchOptions& o) {
  const auto tables = indexer::Tables::load(g.data_dir);
  const searcher::Searcher searcher(g.db, tables.agencies);
  const auto results = searcher.search(make_request(o));
  searcher::PrintOptions print;
  print.format = o.format == "json" ? searcher::OutputFormat::Json : searcher::OutputFormat::Text;
  print.colour = print.format == searcher::OutputFormat::Text && use_colour(g, stdout);
  print.full = o.full;
  searcher::print_results(std::cout, results, print);
  return results.total > 0 ? kExitMatch : kExitNoMatch;
}

void add_search_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<SearchOptions>();
  auto* cmd = app.add_subcommand("search", "Search indexed paragraphs");
  cmd->add_option("query", options->query,
                  "Free text, \"phrases\", AND/OR/NOT, field:value (grade:, area:, agency:, authority:, year:, "
                  "framework:, section:, org:)");
  add_search_options(*cmd, *options);
  cmd->callback([&global, &action, options] { action = [&global, options] { return run_search(global, *options); }; });
}

}  // namespace ofs::app
