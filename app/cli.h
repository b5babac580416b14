// The ofs command line: parses arguments and calls the indexer and the
// searcher libraries.  No search or indexing logic lives here.
//
// Exit codes (also in the README):
//   ofs search: 0 something matched, 1 nothing matched, 2 usage/query/index error
//   ofs index:  0 every file indexed (or unchanged), 2 usage error or the index
//               could not be opened or written (only whole, listed reports
//               committed), 3 some files were rejected (the rest were indexed
//               and committed)
//   ofs remove: 0 files removed, 1 the index holds no file under the paths, 2 error
#pragma once

namespace ofs::app {

inline constexpr int kExitMatch = 0;
inline constexpr int kExitNoMatch = 1;
inline constexpr int kExitError = 2;
inline constexpr int kExitSomeRejected = 3;

int run(int argc, char** argv);

}  // namespace ofs::app
