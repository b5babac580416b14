// `ofs saved`: named searches kept in a TOML file (searcher/saved_queries.h;
// docs/saved-queries.md).  add, list, show, rm, and run — one query as a
// search, or --all as a matrix of counts a spreadsheet opens.
#pragma once

#include "app/options.h"

namespace ofs::app {

void add_saved_command(CLI::App& app, const GlobalOptions& global, Action& action);

}  // namespace ofs::app
