// Readers turn one input file into blocks of running text.
// Contract: a reader never throws for bad input; it returns a ReadResult
// whose `error` names why the file was rejected (one line, no file name:
// the caller adds it).  Warnings are for files that were read but look odd.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "indexer/block.h"

namespace ofs::indexer {

// What one input file may cost.  Every step from reading to structuring
// takes time and memory linear in the input, and these bound the input: no
// Ofsted report comes near them (the largest file in the corpus is a few MB,
// the longest paragraph a few KB).
struct ReadLimits {
  // Larger files are refused unread.
  std::uintmax_t max_file_bytes = 64ull * 1024 * 1024;
  // Longer paragraphs are split into pieces of at most this, with a warning.
  std::size_t max_paragraph_bytes = 64 * 1024;
};

// The limits in one line ("file 64 MiB, paragraph 64 KiB"), kept with a
// rejection: a file refused under other limits is read again.
std::string limits_signature(const ReadLimits& limits);

// Why a file of `size` bytes is refused, or nothing when it is within the
// limit ("too large (120 MiB; the limit is 64 MiB: raise it with ofs index
// --max-file-size 200M)").
std::optional<std::string> file_size_problem(std::uintmax_t size, const ReadLimits& limits);

// "64 MiB", "512 KiB", "900 bytes".
std::string byte_size(std::uintmax_t bytes);

struct ReadResult {
  Blocks blocks;
  int page_count = 0;                 // 0 when the format has no pages
  std::vector<std::string> warnings;  // e.g. "page 3 has no text layer"
  std::optional<std::string> error;   // set => file rejected, blocks empty
};

}  // namespace ofs::indexer
