// Reading a plain-text report (UTF-8) into blocks.
// Contract: never throws for bad input.  Blank lines separate blocks; inside
// a run of lines, a line that starts a numbered paragraph ("12. "), a bullet
// ("- ", "• ") or a table row (contains a TAB) starts a new block, and other
// lines are hard wraps joined to the block before.  Plain text has no pages
// or fonts, so those hints stay 0.
#pragma once

#include <filesystem>
#include <string_view>

#include "indexer/reader.h"

namespace ofs::indexer {

ReadResult read_text_file(const std::filesystem::path& file, const ReadLimits& limits = {});
ReadResult read_text(std::string_view contents);

}  // namespace ofs::indexer
