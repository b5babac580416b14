// `ofs judgements`: one row per indexed report with its report-level facts
// and each judgement's normalised grade, by canonical area (see
// searcher/reports.h for how columns are chosen); with --history, each
// judgement's previous grade for the same authority and the change.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "app/options.h"
#include "app/reports_command.h"
#include "searcher/reports.h"

namespace ofs::app {

struct JudgementsOptions {
  ReportSelection selection;
  bool history = false;               // --history
  std::vector<std::string> declined;  // --declined AREA (repeatable)
  std::vector<std::string> improved;  // --improved AREA (repeatable)
};

void add_judgements_options(CLI::App& cmd, JudgementsOptions& options);

// The table in options.selection.format (text, json, csv) on `out`;
// returns how many reports it has.
std::size_t print_judgements(std::ostream& out, const searcher::Catalogue& catalogue,
                             const JudgementsOptions& options);

void add_judgements_command(CLI::App& app, const GlobalOptions& global, Action& action);

}  // namespace ofs::app
