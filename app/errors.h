// What can go wrong in a command, by kind, and the one place each kind
// becomes an exit code (exit_code_for, used by the boundary in cli.cpp).
// Commands throw these; the searcher and indexer throw their own
// (searcher::QueryError, SavedQueryError, Xapian errors), mapped here too.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>

namespace ofs::app {

// Exit codes (also in the README):
//   search, saved run:     0 something matched, 1 nothing matched, 2 error
//   saved run --all:       3 some saved queries could not run (each named); the rest ran
//   judgements, reports:   0 rows printed, 1 no report matched, 2 error
//   saved add/list/show/rm: 0 done, 2 error
//   index:                 0 every file indexed (or unchanged), 2 usage error or the index
//                          could not be opened or written (only whole, listed reports
//                          committed), 3 some files were rejected (the rest were indexed
//                          and committed)
//   remove:                0 files removed, 1 the index holds no file under the paths, 2 error
inline constexpr int kExitMatch = 0;
inline constexpr int kExitNoMatch = 1;
inline constexpr int kExitError = 2;
inline constexpr int kExitSomeRejected = 3;  // ofs index
inline constexpr int kExitSomeFailed = 3;    // ofs saved run --all

// The command line cannot run as given: options that do not go together,
// a malformed date, an unknown command.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Something the user named does not exist (a saved query).
class NotFoundError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The index cannot be opened, read or written.
class IndexError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The message and exit code for a failure in flight; every kind above and
// from the libraries maps to one here.
struct Failure {
  std::string message;
  int exit_code = kExitError;
};
Failure failure_of(const std::exception_ptr& error);

}  // namespace ofs::app
