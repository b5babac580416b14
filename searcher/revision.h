// Reading one committed revision of the index while `ofs index` commits.
// A Xapian reader sees the revision it opened; once the writer has
// committed past it, the blocks it reads may be reused and Xapian throws
// DatabaseModifiedError.  Everything a search reads therefore runs inside
// read_one_revision, which starts the whole read again on the newest
// revision: an answer never mixes two revisions.
#pragma once

#include <xapian.h>

#include <stdexcept>
#include <string>

namespace ofs::searcher {

// Attempts before giving up: each retry starts on the newest revision, so
// only a writer committing faster than one search runs exhausts them.
inline constexpr int kMaxReadAttempts = 5;

template <typename Read>
auto read_one_revision(Xapian::Database& db, Read&& read) -> decltype(read()) {
  for (int attempt = 1;; ++attempt) {
    try {
      return read();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == kMaxReadAttempts)
        throw std::runtime_error("the index changed " + std::to_string(kMaxReadAttempts) +
                                 " times during one search: try again when 'ofs index' has finished");
      db.reopen();
    }
  }
}

}  // namespace ofs::searcher
