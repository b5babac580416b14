#include "app/options.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "analyzers/text.h"

namespace ofs::app {

bool use_colour(const GlobalOptions& options, FILE* stream) {
  if (options.colour == "always") return true;
  if (options.colour == "never") return false;
  return isatty(fileno(stream)) && std::getenv("NO_COLOR") == nullptr;
}

void print_error(const std::string& message) { print_note("ofs: " + message); }

void print_note(const std::string& message) { std::cerr << analyzers::escape_for_terminal(message) << "\n"; }

std::string joined_words(const std::vector<std::string>& words) {
  std::string query;
  for (const auto& w : words) query += (query.empty() ? "" : " ") + w;
  return query;
}

}  // namespace ofs::app
