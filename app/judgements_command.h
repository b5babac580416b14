// `ofs judgements`: one row per indexed report with its report-level facts
// and each judgement's normalised grade, by canonical area (see
// searcher/reports.h for how columns are chosen); with --history, each
// judgement's previous grade for the same authority and the change.
#pragma once

#include "app/options.h"

namespace ofs::app {

void add_judgements_command(CLI::App& app, const GlobalOptions& global, Action& action);

}  // namespace ofs::app
