#include "app/remove_command.h"

#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "app/cli.h"
#include "indexer/indexer.h"

namespace ofs::app {

namespace {

int run_remove(const GlobalOptions& g, const std::vector<std::string>& given) {
  if (!std::filesystem::exists(g.db))
    throw std::runtime_error("no ofs index at " + g.db + ": nothing to remove from");
  const std::vector<std::filesystem::path> paths(given.begin(), given.end());
  const auto removed = indexer::remove_paths(g.db, paths);
  if (!g.quiet)
    std::cout << fmt::format("removed {} file{} and {} report{} from {}\n", removed.files,
                             removed.files == 1 ? "" : "s", removed.reports, removed.reports == 1 ? "" : "s",
                             g.db);
  if (removed.files == 0) {
    print_error("the index holds no file under the paths given (see 'ofs reports' for the files it holds)");
    return kExitNoMatch;
  }
  return kExitMatch;
}

}  // namespace

void add_remove_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto paths = std::make_shared<std::vector<std::string>>();
  auto* cmd = app.add_subcommand(
      "remove", "Remove files, or every file under a folder, and their reports from the index");
  cmd->add_option("paths", *paths, "Files or folders, as they were indexed (they need not exist any more)")
      ->required();
  cmd->callback(
      [&global, &action, paths] { action = [&global, paths] { return run_remove(global, *paths); }; });
}

}  // namespace ofs::app
