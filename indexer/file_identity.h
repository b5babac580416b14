// What identifies a report file across runs: the hash of its bytes (the
// report's key, whatever the file is called or wherever it lies) and the
// stamp (size, modification time) that lets a re-run pass over an unchanged
// file without opening it.
// Contract: content_key() depends on the bytes only; two files with the same
// bytes have the same key.  Nothing here throws for a bad file: failures
// come back as a one-line reason.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ofs::indexer {

struct FileStamp {
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0;  // nanoseconds since the epoch
  bool operator==(const FileStamp&) const = default;
};

// The file's stamp; nothing, with `error` saying why (e.g. "Permission denied").
std::optional<FileStamp> stamp_of(const std::filesystem::path& file, std::string& error);

// 16 hex digits of XXH3-64 over the file's bytes, read in chunks; nothing,
// with `error` saying why, when the file cannot be read.
std::optional<std::string> content_key(const std::filesystem::path& file, std::string& error);

// 16 hex digits of XXH3-64 over `bytes` (for fingerprints of small texts).
std::string hash_text(std::string_view bytes);

// The absolute, lexically normal form of `file`: how the index names files,
// so the same file given as a relative or absolute path is one file.
std::string indexed_path(const std::filesystem::path& file);

// The file's name as a report record stores it and every output prints it:
// as given, with bytes that are not UTF-8 escaped ("caf\xE9.txt"), since the
// record is JSON.  (File records keep the raw name as their key.)
std::string printable_path(const std::filesystem::path& file);

}  // namespace ofs::indexer
