// `ofs index`: index report files and folders.
#pragma once

#include "app/options.h"

namespace ofs::app {

void add_index_command(CLI::App& app, const GlobalOptions& global, Action& action);

}  // namespace ofs::app
