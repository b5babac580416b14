// How an index sits on disk.  The --db folder holds a Xapian stub file
// (kStubFile, which Xapian opens in place of the folder) naming the current
// generation: a glass database in a sub-folder ("g1", "g2"…).  The writer
// compacts into the next generation beside it and switches by renaming a new
// stub over the old one, so a reader opening the folder, or a kill at any
// moment, meets one whole generation or the other.
// Contract: readers open the folder itself (Xapian follows the stub); a
// reader that keeps a database open compares stub_text() with the text it
// opened at to know that it must open the folder again (reopen() stays on
// the generation it has).  Changing this layout means bumping kSchemaVersion.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ofs::schema {

inline constexpr std::string_view kStubFile = "XAPIANDB";
// The lock one writer holds for as long as it writes (flock; released when
// the process ends, however it ends).
inline constexpr std::string_view kWriterLockFile = "writer.lock";

struct Generation {
  unsigned number = 0;                 // folder "g<number>"
  std::uintmax_t compacted_bytes = 0;  // its size when compaction wrote it; 0: never compacted
};

std::string generation_folder(unsigned number);

// The generation the stub in `db_dir` names; nothing when there is no stub
// (no index yet, or one laid out before generations).  Throws
// std::runtime_error for a stub ofs did not write.
std::optional<Generation> read_stub(const std::filesystem::path& db_dir);

// Points the stub at `generation`: written beside it, flushed to disk, then
// renamed over the old stub, and the folder flushed, so a crash leaves the
// old stub or the new one, never a part of either.
void write_stub(const std::filesystem::path& db_dir, const Generation& generation);

// The stub's bytes ("" when there is none): changes exactly when the
// writer switches generation.
std::string stub_text(const std::filesystem::path& db_dir);

// Bytes of the files directly in `folder` (a generation's tables).
std::uintmax_t folder_bytes(const std::filesystem::path& folder);

// fsync()s every file in `folder` and the folder itself.
void sync_folder(const std::filesystem::path& folder);

}  // namespace ofs::schema
