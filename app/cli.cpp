#include "app/cli.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "indexer/indexer.h"
#include "searcher/output.h"
#include "searcher/search.h"

#ifndef OFS_DEFAULT_DATA_DIR
#define OFS_DEFAULT_DATA_DIR "data"
#endif

namespace ofs::app {

namespace fs = std::filesystem;

namespace {

struct GlobalOptions {
  std::string db = "ofs-index";
  std::string data_dir = OFS_DEFAULT_DATA_DIR;
  std::string colour = "auto";
  bool quiet = false;
};

bool use_colour(const GlobalOptions& g, FILE* stream) {
  if (g.colour == "always") return true;
  if (g.colour == "never") return false;
  return isatty(fileno(stream)) && std::getenv("NO_COLOR") == nullptr;
}

void error(const std::string& message) { std::cerr << "ofs: " << message << "\n"; }

// ---- ofs index -------------------------------------------------------------

struct IndexOptions {
  std::vector<std::string> paths;
};

void print_outcome(const indexer::FileOutcome& o, std::size_t done, std::size_t total, const GlobalOptions& g,
                   bool progress) {
  if (progress) std::cerr << "\r\x1b[K";
  if (o.status == indexer::FileOutcome::Status::Rejected) {
    error(fmt::format("rejected {}: {}", o.file.string(), o.reason));
  } else if (!g.quiet) {
    for (const auto& w : o.warnings) error(fmt::format("warning: {}: {}", o.file.string(), w));
  }
  if (progress && done < total)
    std::cerr << fmt::format("[{}/{}] {}", done, total, o.file.filename().string()) << std::flush;
}

int run_index(const GlobalOptions& g, const IndexOptions& o) {
  const auto tables = indexer::Tables::load(g.data_dir);
  std::vector<fs::path> paths(o.paths.begin(), o.paths.end());
  const bool progress = !g.quiet && isatty(fileno(stderr));
  const auto summary = indexer::index_paths(
      g.db, paths, tables,
      [&](const indexer::FileOutcome& outcome, std::size_t done, std::size_t total) {
        print_outcome(outcome, done, total, g, progress);
      });
  if (progress) std::cerr << "\r\x1b[K";
  if (!g.quiet)
    std::cout << fmt::format("indexed {} report{} ({} paragraphs) into {}", summary.files_indexed,
                             summary.files_indexed == 1 ? "" : "s", summary.paragraphs, g.db)
              << (summary.files_rejected ? fmt::format("; {} file{} rejected", summary.files_rejected,
                                                       summary.files_rejected == 1 ? "" : "s")
                                         : "")
              << "\n";
  return summary.files_rejected ? kExitSomeRejected : kExitMatch;
}

void add_index_command(CLI::App& app, const GlobalOptions& g, std::function<int()>& action) {
  auto opts = std::make_shared<IndexOptions>();
  auto* cmd = app.add_subcommand("index", "Index report files (.txt, .pdf) or folders of them");
  cmd->add_option("paths", opts->paths, "Report files or folders (searched recursively)")->required();
  cmd->callback([&g, &action, opts] { action = [&g, opts] { return run_index(g, *opts); }; });
}

// ---- ofs search ------------------------------------------------------------

struct SearchOptions {
  std::string query;
  std::map<std::string, std::vector<std::string>> filters;
  std::size_t limit = 10;
  std::size_t offset = 0;
  std::string format = "text";
  std::string sort = "relevance";
  std::vector<std::string> facets;
  bool full = false;
};

searcher::SortOrder sort_order(const std::string& name) {
  if (name == "date") return searcher::SortOrder::Date;
  if (name == "report") return searcher::SortOrder::ReportOrder;
  return searcher::SortOrder::Relevance;
}

int run_search(const GlobalOptions& g, const SearchOptions& o) {
  const auto tables = indexer::Tables::load(g.data_dir);
  searcher::Searcher searcher(g.db, tables.agencies);
  searcher::SearchRequest request;
  request.query = o.query;
  request.filters = o.filters;
  request.limit = o.limit;
  request.offset = o.offset;
  request.sort = sort_order(o.sort);
  request.count_facets = o.facets;
  const auto results = searcher.search(request);
  searcher::PrintOptions print;
  print.format = o.format == "json" ? searcher::OutputFormat::Json : searcher::OutputFormat::Text;
  print.colour = print.format == searcher::OutputFormat::Text && use_colour(g, stdout);
  print.full = o.full;
  searcher::print_results(std::cout, results, print);
  return results.total > 0 ? kExitMatch : kExitNoMatch;
}

void add_search_command(CLI::App& app, const GlobalOptions& g, std::function<int()>& action) {
  auto opts = std::make_shared<SearchOptions>();
  auto* cmd = app.add_subcommand("search", "Search indexed paragraphs");
  cmd->add_option("query", opts->query,
                  "Free text, \"phrases\", AND/OR/NOT, field:value (grade:, area:, agency:, authority:, year:, "
                  "framework:, section:, org:)");
  for (const auto& facet : searcher::kFacets)
    cmd->add_option("--" + facet, opts->filters[facet],
                    "Only paragraphs with this " + facet + " (repeatable: any of the values)")
        ->take_all()
        ->expected(0, -1);
  cmd->add_option("--limit", opts->limit, "Results to show")->capture_default_str();
  cmd->add_option("--offset", opts->offset, "Results to skip")->capture_default_str();
  cmd->add_option("--format", opts->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("--sort", opts->sort, "Order: relevance, date (newest first) or report (report order)")
      ->check(CLI::IsMember({"relevance", "date", "report"}))
      ->capture_default_str();
  cmd->add_option("--facets", opts->facets, "Count these facets over all results (comma-separated)")
      ->delimiter(',');
  cmd->add_flag("--full", opts->full, "Print whole paragraphs instead of snippets");
  cmd->callback([&g, &action, opts] { action = [&g, opts] { return run_search(g, *opts); }; });
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"ofs: search Ofsted children's services inspection reports by paragraph", "ofs"};
  app.require_subcommand(1);
  GlobalOptions g;
  app.add_option("--db", g.db, "Index directory")->envname("OFS_DB")->capture_default_str();
  app.add_option("--data-dir", g.data_dir, "Folder with headings.tsv and agencies.tsv")
      ->envname("OFS_DATA_DIR")
      ->capture_default_str();
  app.add_option("--color,--colour", g.colour, "Colour output: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_flag("-q,--quiet", g.quiet, "No progress, warnings or summaries; errors only");
  app.fallthrough();

  std::function<int()> action;
  add_index_command(app, g, action);
  add_search_command(app, g, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitError;
  }
  try {
    return action ? action() : kExitError;
  } catch (const searcher::QueryError& e) {
    error(e.what());
  } catch (const Xapian::Error& e) {
    error(e.get_description());
  } catch (const std::exception& e) {
    error(e.what());
  }
  return kExitError;
}

}  // namespace ofs::app
