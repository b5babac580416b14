// `ofs remove`: take files (or every file under a folder) out of the index.
#pragma once

#include "app/options.h"

namespace ofs::app {

void add_remove_command(CLI::App& app, const GlobalOptions& global, Action& action);

}  // namespace ofs::app
