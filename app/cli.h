// The ofs command line: parses arguments and calls the indexer and the
// searcher libraries.  No search or indexing logic lives here.  Exit codes
// and error kinds: app/errors.h.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

#include "app/errors.h"

namespace ofs::app {

struct GlobalOptions;

// Every command and global option, bound to `global`; the chosen command's
// work is left in `action`.  (Tests build the tree to check the README.)
void add_commands(CLI::App& app, GlobalOptions& global, std::function<int()>& action);

int run(int argc, char** argv);

}  // namespace ofs::app
