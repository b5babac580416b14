// Options every ofs command shares, and the small helpers commands use to
// talk to people (stderr) without mixing into results (stdout).
#pragma once

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/data_dir.h"

namespace ofs::app {

struct GlobalOptions {
  std::string db = "ofs-index";               // --db, OFS_DB
  std::string data_dir = default_data_dir();  // --data-dir, OFS_DATA_DIR
  std::string colour = "auto";                // --color auto|always|never
  bool quiet = false;                         // --quiet
};

// What a parsed subcommand will do; set by the subcommand's CLI11 callback.
using Action = std::function<int()>;

// Colour on `stream` when asked, or when it is a terminal and NO_COLOR is unset.
bool use_colour(const GlobalOptions& options, FILE* stream);

// "ofs: message" on stderr, on one line: control characters in quoted
// queries and file names are escaped (analyzers::escape_for_terminal).
void print_error(const std::string& message);

// "message" on stderr, escaped the same way: notes such as "saved query …".
void print_note(const std::string& message);

// Positional words as one query: `ofs search neglect police` asks for "neglect police".
std::string joined_words(const std::vector<std::string>& words);

}  // namespace ofs::app
