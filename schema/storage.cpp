#include "schema/storage.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ofs::schema {

namespace fs = std::filesystem;

namespace {

// The comment line that carries the compacted size (Xapian skips lines
// starting with '#').
constexpr std::string_view kCompactedLine = "# ofs compacted-bytes ";
constexpr std::string_view kGlassLine = "glass ";

void sync_path(const fs::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot open " + path.string() + ": " + std::strerror(errno));
  const int rc = ::fsync(fd);
  const int error = errno;
  ::close(fd);
  if (rc != 0) throw std::runtime_error("cannot flush " + path.string() + ": " + std::strerror(error));
}

}  // namespace

std::string generation_folder(unsigned number) { return "g" + std::to_string(number); }

std::string stub_text(const fs::path& db_dir) {
  std::ifstream in(db_dir / kStubFile, std::ios::binary);
  if (!in) return {};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::optional<Generation> read_stub(const fs::path& db_dir) {
  if (!fs::exists(db_dir / kStubFile)) return std::nullopt;
  std::istringstream in(stub_text(db_dir));
  Generation generation;
  bool named = false;
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with(kCompactedLine)) {
      generation.compacted_bytes = std::stoull(line.substr(kCompactedLine.size()));
    } else if (line.starts_with(kGlassLine) && line.size() > kGlassLine.size() + 1 &&
               line[kGlassLine.size()] == 'g' && !named) {
      const std::string number = line.substr(kGlassLine.size() + 1);
      if (number.empty() || number.find_first_not_of("0123456789") != std::string::npos) break;
      generation.number = static_cast<unsigned>(std::stoul(number));
      named = true;
    }
  }
  if (!named) throw std::runtime_error((db_dir / kStubFile).string() + " names no ofs index generation");
  return generation;
}

void write_stub(const fs::path& db_dir, const Generation& generation) {
  const fs::path stub = db_dir / kStubFile;
  const fs::path next = db_dir / (std::string(kStubFile) + ".next");
  {
    std::ofstream out(next, std::ios::binary | std::ios::trunc);
    out << kCompactedLine << generation.compacted_bytes << "\n"
        << kGlassLine << generation_folder(generation.number) << "\n";
    out.close();
    if (!out) throw std::runtime_error("cannot write " + next.string());
  }
  sync_path(next, O_RDONLY);
  fs::rename(next, stub);
  sync_path(db_dir, O_RDONLY | O_DIRECTORY);
}

std::uintmax_t folder_bytes(const fs::path& folder) {
  std::uintmax_t bytes = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec))
    if (entry.is_regular_file(ec)) bytes += entry.file_size(ec);
  return bytes;
}

void sync_folder(const fs::path& folder) {
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.is_regular_file()) sync_path(entry.path(), O_RDONLY);
  sync_path(folder, O_RDONLY | O_DIRECTORY);
}

}  // namespace ofs::schema
