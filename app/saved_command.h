// `ofs saved`: named searches kept in a TOML file (searcher/saved_queries.h;
// docs/saved-queries.md).  add, list, show, rm, and run — one query as a
// search, or --all as a matrix of counts a spreadsheet opens.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

#include "app/options.h"
#include "app/search_command.h"
#include "searcher/saved_queries.h"

namespace ofs::app {

// The query called `name`; throws QueryError naming `file` when there is none.
const searcher::SavedQuery& find_saved_query(const searcher::SavedQueries& saved, const std::string& name,
                                             const std::string& file);

// The saved queries in `file` as `ofs saved list --format FORMAT` prints
// them (text, json, csv); returns how many there are.
std::size_t print_saved_list(std::ostream& out, const std::filesystem::path& file, const std::string& format);

// What `ofs saved run` searches for: the saved query's settings, with the
// given options on top where given(option) says they were given
// ("--grade", "--limit", "--declined"…; filters facet by facet).
SearchOptions saved_search_options(const searcher::SavedQuery& query, SearchOptions options,
                                   const std::function<bool(const std::string& option)>& given);

void add_saved_command(CLI::App& app, const GlobalOptions& global, Action& action);

}  // namespace ofs::app
