// Fuzzes the plain-text reader on raw bytes and the structure step on what
// it reads: a file is either rejected with a reason or becomes a report;
// nothing throws, crashes or hangs.
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "indexer/structure.h"
#include "indexer/text_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto tables = ofs::indexer::Tables::load(std::filesystem::path(OFS_SOURCE_DIR) / "data");
  const auto read = ofs::indexer::read_text(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!read.error) ofs::indexer::build_report(read, "fuzzed.txt", tables);
  return 0;
}
