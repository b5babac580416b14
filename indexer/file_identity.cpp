#include "indexer/file_identity.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

#include <fmt/format.h>
#include <sys/stat.h>
#include <xxhash.h>

#include "analyzers/utf8.h"

namespace ofs::indexer {

std::optional<FileStamp> stamp_of(const std::filesystem::path& file, std::string& error) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  return FileStamp{static_cast<std::uintmax_t>(st.st_size),
                   static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec};
}

std::optional<std::string> content_key(const std::filesystem::path& file, std::string& error) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  std::vector<char> buffer(1 << 16);
  while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0)
    XXH3_64bits_update(state, buffer.data(), static_cast<std::size_t>(in.gcount()));
  const bool failed = in.bad();
  const XXH64_hash_t hash = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  if (failed) {
    error = "read error";
    return std::nullopt;
  }
  return fmt::format("{:016x}", hash);
}

std::string hash_text(std::string_view bytes) {
  return fmt::format("{:016x}", XXH3_64bits(bytes.data(), bytes.size()));
}

std::string indexed_path(const std::filesystem::path& file) {
  std::error_code ec;
  auto absolute = std::filesystem::absolute(file, ec);
  return (ec ? file : absolute).lexically_normal().string();
}

std::string printable_path(const std::filesystem::path& file) {
  return analyzers::escape_invalid_utf8(file.string());
}

}  // namespace ofs::indexer
