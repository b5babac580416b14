#include "app/index_command.h"

#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "app/cli.h"
#include "indexer/indexer.h"

namespace ofs::app {

namespace {

struct IndexOptions {
  std::vector<std::string> paths;
};

// Progress goes to stderr on a terminal only, on one line that each file
// overwrites; diagnostics are printed on lines of their own above it.
void print_outcome(const indexer::FileOutcome& o, std::size_t done, std::size_t total, const GlobalOptions& g,
                   bool progress) {
  if (progress) std::cerr << "\r\x1b[K";
  if (o.status == indexer::FileOutcome::Status::Rejected) {
    print_error(fmt::format("rejected {}: {}", o.file.string(), o.reason));
  } else if (!g.quiet) {
    for (const auto& w : o.warnings) print_error(fmt::format("warning: {}: {}", o.file.string(), w));
  }
  if (progress && done < total)
    std::cerr << fmt::format("[{}/{}] {}", done, total, o.file.filename().string()) << std::flush;
}

// An empty or mistyped folder is a mistake to point out, not "indexed 0 reports".
void check_something_to_index(const std::vector<std::filesystem::path>& paths) {
  std::vector<indexer::FileOutcome> missing;
  if (!indexer::collect_inputs(paths, missing).empty()) return;
  for (const auto& m : missing) print_error(fmt::format("{}: {}", m.file.string(), m.reason));
  std::string named;
  for (const auto& p : paths) named += (named.empty() ? "" : ", ") + p.string();
  throw UsageError("no report files (.txt, .pdf) found in " + named + "; nothing was indexed");
}

int run_index(const GlobalOptions& g, const IndexOptions& o) {
  const auto tables = indexer::Tables::load(g.data_dir);
  const std::vector<std::filesystem::path> paths(o.paths.begin(), o.paths.end());
  check_something_to_index(paths);
  const bool progress = !g.quiet && isatty(fileno(stderr));
  const auto summary =
      indexer::index_paths(g.db, paths, tables, [&](const indexer::FileOutcome& outcome, std::size_t done,
                                                    std::size_t total) { print_outcome(outcome, done, total, g, progress); });
  if (progress) std::cerr << "\r\x1b[K";
  if (!g.quiet) {
    std::cout << fmt::format("indexed {} report{} ({} paragraphs) into {}", summary.files_indexed,
                             summary.files_indexed == 1 ? "" : "s", summary.paragraphs, g.db);
    if (summary.files_rejected)
      std::cout << fmt::format("; {} file{} rejected", summary.files_rejected, summary.files_rejected == 1 ? "" : "s");
    std::cout << "\n";
  }
  return summary.files_rejected ? kExitSomeRejected : kExitMatch;
}

}  // namespace

void add_index_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<IndexOptions>();
  auto* cmd = app.add_subcommand("index", "Index report files (.txt, .pdf) or folders of them");
  cmd->add_option("paths", options->paths, "Report files or folders (searched recursively)")->required();
  cmd->callback([&global, &action, options] { action = [&global, options] { return run_index(global, *options); }; });
}

}  // namespace ofs::app
