// `ofs show REF`: one paragraph, as a result's `ref` names it (report id ':'
// ordinal), with its neighbours, its report's judgements and where to read
// it in the source file (file:///…pdf#page=N).
#pragma once

#include "app/options.h"

namespace ofs::app {

void add_show_command(CLI::App& app, const GlobalOptions& global, Action& action);

}  // namespace ofs::app
