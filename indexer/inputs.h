// Which files a run reads: the paths given, and every report file (.txt,
// .pdf) in the folders among them.  Everything passed over that a user may
// have meant to index is named with the reason, never skipped silently: an
// unreadable folder, a link that loops or leads nowhere, a named pipe or a
// device, a folder deeper than a path can name.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace ofs::indexer {

struct SkippedInput {
  std::filesystem::path path;
  std::string reason;
};

struct Inputs {
  std::vector<std::filesystem::path> files;  // folders' files sorted, so runs repeat
  std::vector<SkippedInput> skipped;
};

// Links to folders are followed, each folder once: a link back to a folder
// already being read (a loop) is named and not followed.
Inputs collect_inputs(const std::vector<std::filesystem::path>& paths);

}  // namespace ofs::indexer
