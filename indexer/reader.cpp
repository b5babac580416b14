#include "indexer/reader.h"

#include <fmt/format.h>

namespace ofs::indexer {

std::string byte_size(std::uintmax_t bytes) {
  constexpr std::uintmax_t kKiB = 1024, kMiB = 1024 * kKiB;
  if (bytes >= kMiB) return fmt::format("{} MiB", (bytes + kMiB / 2) / kMiB);
  if (bytes >= kKiB) return fmt::format("{} KiB", (bytes + kKiB / 2) / kKiB);
  return fmt::format("{} bytes", bytes);
}

std::optional<std::string> file_size_problem(std::uintmax_t size, const ReadLimits& limits) {
  if (size <= limits.max_file_bytes) return std::nullopt;
  // Suggest a limit that lets this file in, in whole MiB.
  const std::uintmax_t needed_mib = size / (1024 * 1024) + 1;
  return fmt::format("too large ({}; the limit is {}: raise it with ofs index --max-file-size {}M)",
                     byte_size(size), byte_size(limits.max_file_bytes), needed_mib);
}

std::string limits_signature(const ReadLimits& limits) {
  return "file " + byte_size(limits.max_file_bytes) + ", paragraph " + byte_size(limits.max_paragraph_bytes);
}

}  // namespace ofs::indexer
