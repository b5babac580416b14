// Fuzzes the PDF reader after MuPDF: page cleanup and the paragraph builder
// on a layout decoded from the input (layout_codec.h), then the structure
// step on the blocks, as read_pdf runs them.
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "fuzz/layout_codec.h"
#include "indexer/structure.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto tables = ofs::indexer::Tables::load(std::filesystem::path(OFS_SOURCE_DIR) / "data");
  auto doc = ofs::fuzz::decode_layout(std::string_view(reinterpret_cast<const char*>(data), size));
  const auto read = ofs::indexer::pdf::read_layout(std::move(doc));
  if (!read.error) ofs::indexer::build_report(read, "fuzzed.pdf", tables);
  return 0;
}
