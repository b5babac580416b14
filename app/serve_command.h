// `ofs serve`: the search page and its JSON API on a local address
// (app/web_api.h; docs/web.md).
#pragma once

#include "app/options.h"

namespace ofs::app {

void add_serve_command(CLI::App& app, const GlobalOptions& global, Action& action);

}  // namespace ofs::app
