// `ofs search`: query the index.  SearchOptions and run_search are shared
// with commands that run searches on a user's behalf (saved queries).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "app/options.h"
#include "searcher/output.h"
#include "searcher/reports.h"
#include "searcher/search.h"

namespace ofs::app {

struct SearchOptions {
  std::vector<std::string> query_words;  // the positional words; together they are the query
  std::string query;                     // query_words joined (or a saved query's text)
  std::map<std::string, std::vector<std::string>> filters;  // facet -> values
  std::size_t limit = 10;
  std::size_t offset = 0;
  std::string format = "text";
  std::string sort = "relevance";
  std::vector<std::string> facets;
  bool full = false;
  bool no_synonyms = false;      // --no-synonyms
  std::size_t context = 0;       // --context N
  std::string group_by;          // --group-by report ("" = one result per paragraph)
  bool explain = false;          // --explain: the Xapian query on stderr
  searcher::QueryLimits limits;  // --max-query-length, --max-depth, … ("Query limits" in --help)
  bool bom = false;              // --bom: a UTF-8 byte-order mark before CSV
  // Which reports to search: --latest, --declined/--improved AREA, --since.
  searcher::ReportScope scope;
};

// Adds the search options (filters, limit, format…) to `cmd`, bound to
// `options`; not the query words nor the report scope.
void add_search_options(CLI::App& cmd, SearchOptions& options);

// The searcher request for `options`.
searcher::SearchRequest make_request(const SearchOptions& options);

// Adds --latest, --declined, --improved and --since, bound to `scope`.
void add_scope_options(CLI::App& cmd, searcher::ReportScope& scope);

// Everything `ofs search` takes: the query, the search options and the scope.
void add_search_arguments(CLI::App& cmd, SearchOptions& options);

// Throws QueryError for a search with neither words nor filters: it would
// list the whole index, which is almost always a slip.
void check_not_empty(const SearchOptions& options);

// The results `ofs search` prints for `options`: the scope is resolved
// through `catalogue`, called only when the options have one.
searcher::SearchResults search_results(const searcher::Searcher& searcher,
                                       const std::function<const searcher::Catalogue&()>& catalogue,
                                       const SearchOptions& options);
// How `results` of `options` are printed (format, colour, numbering from --offset).
searcher::PrintOptions print_options(const GlobalOptions& global, const SearchOptions& options);

// Prints results as `options` ask, byte-order mark included.
void print_search_results(const GlobalOptions& global, const SearchOptions& options,
                          const searcher::SearchResults& results);

// Runs a search and prints it; returns the exit code (0 match, 1 none).
int run_search(const GlobalOptions& global, const SearchOptions& options);

void add_search_command(CLI::App& app, const GlobalOptions& global, Action& action);

}  // namespace ofs::app
