// Saved queries: named searches kept in a TOML file people can read, edit
// by hand and keep in version control (docs/saved-queries.md shows it).
// Contract: this is the file model only (load, validate, save); no command
// line and no searching.  Loading a file with a mistake throws
// SavedQueryError whose message starts "FILE:LINE:" and names the query.
// Saving is atomic: readers see the old file or the new one, never half.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/reports.h"

namespace ofs::searcher {

class SavedQueryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline constexpr int kSavedQueriesVersion = 1;
// Version 2 keeps each query's --new cut-off apart from its last run.
inline constexpr int kRunStateVersion = 2;

struct SavedQuery {
  std::string name;  // letters, digits, '-' and '_' (a bare TOML key and shell-safe)
  std::string description;
  std::string query;                                        // query text; may be empty
  std::map<std::string, std::vector<std::string>> filters;  // facet -> values, as --grade etc.
  std::vector<std::string> facets;                          // facets to count
  std::string format;                                       // empty = the command's default
  std::optional<std::size_t> limit;
  std::string sort;                   // empty = relevance
  bool latest = false;                // only each authority's most recent report
  std::vector<std::string> declined;  // only reports whose grade in these areas declined
  std::vector<std::string> improved;
  std::string created;  // ISO 8601 UTC, e.g. 2024-05-01T10:00:00Z
};

struct SavedQueries {
  std::vector<SavedQuery> queries;  // in file order

  const SavedQuery* find(std::string_view name) const;
  // Adds or replaces by name; returns true when it replaced one.
  bool put(SavedQuery query);
  bool remove(std::string_view name);
};

// Throws SavedQueryError explaining the rule when `name` is not usable.
void check_query_name(const std::string& name);

// Parses file text; `source` names the file in messages.
SavedQueries parse_saved_queries(std::string_view text, const std::string& source);
// A missing file is an empty set of saved queries.
SavedQueries load_saved_queries(const std::filesystem::path& file);

std::string to_toml(const SavedQueries& saved);
void save_saved_queries(const std::filesystem::path& file, const SavedQueries& saved);

// When each saved query last ran, and where its next --new run starts.
// Kept in its own file beside the saved queries (run_state_path) so that a
// nightly run does not rewrite the hand-edited, version-controlled definitions.
struct QueryRunState {
  std::string last_run;                 // ISO 8601 UTC of the last run of any kind; empty = never
  std::optional<IndexedCutoff> cutoff;  // set by a --new run; none = everything is new
};
using RunState = std::map<std::string, QueryRunState>;  // saved query name -> state

// "team/ofs-saved.toml" -> "team/ofs-saved.state.toml".
std::filesystem::path run_state_path(const std::filesystem::path& saved_file);
// A version 1 file (last run only) counts --new from the last run.
RunState load_run_state(const std::filesystem::path& state_file);
std::string run_state_toml(const RunState& state);
void save_run_state(const std::filesystem::path& state_file, const RunState& state);

// Writes via a temporary file in the same directory, flushed to disk
// (fsync) before it is renamed over `file`; a rewritten file keeps its
// permissions.  Throws std::runtime_error naming the file on failure, and
// leaves the old file as it was.
void write_file_atomically(const std::filesystem::path& file, const std::string& contents);

}  // namespace ofs::searcher
