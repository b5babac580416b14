// Readers turn one input file into blocks of running text.
// Contract: a reader never throws for bad input; it returns a ReadResult
// whose `error` names why the file was rejected (one line, no file name:
// the caller adds it).  Warnings are for files that were read but look odd.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "indexer/block.h"

namespace ofs::indexer {

struct ReadResult {
  Blocks blocks;
  int page_count = 0;                  // 0 when the format has no pages
  std::vector<std::string> warnings;   // e.g. "page 3 has no text layer"
  std::optional<std::string> error;    // set => file rejected, blocks empty
};

}  // namespace ofs::indexer
