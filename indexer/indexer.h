// ofs indexer: reads report files (plain text, PDF), splits them into
// tagged paragraph documents and writes them into a Xapian index.
// Contract: index_paths() never stops for a bad file; each one is reported
// through the sink with the reason and the rest are still indexed.  The
// index is committed once at the end, atomically: a crash or a rejected
// file never leaves a partial report or an unreadable index behind.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "indexer/report.h"
#include "indexer/structure.h"

namespace ofs::indexer {

// What happened to one input file.
struct FileOutcome {
  std::filesystem::path file;
  enum class Status { Indexed, Rejected } status = Status::Indexed;
  std::string reason;                 // why it was rejected
  std::vector<std::string> warnings;  // indexed, but a reader should know
  int paragraphs = 0;
};

struct IndexSummary {
  int files_indexed = 0;
  int files_rejected = 0;
  int paragraphs = 0;
};

// Called once per input file, in order, as soon as it is done.
using OutcomeSink = std::function<void(const FileOutcome&, std::size_t done, std::size_t total)>;

// The report files under `paths`: files as given, and for directories every
// .txt and .pdf file below them (sorted, so runs are repeatable).
std::vector<std::filesystem::path> collect_inputs(const std::vector<std::filesystem::path>& paths,
                                                  std::vector<FileOutcome>& missing);

// Reads and structures one file without touching any index.
struct ReadOutcome {
  std::optional<Report> report;
  FileOutcome outcome;
};
ReadOutcome read_report(const std::filesystem::path& file, const Tables& tables, const ReadLimits& limits = {});

// Indexes `paths` into the database at `db_dir`.  Throws std::runtime_error
// only for problems with the index itself (cannot create, locked).
IndexSummary index_paths(const std::filesystem::path& db_dir, const std::vector<std::filesystem::path>& paths,
                         const Tables& tables, const OutcomeSink& sink, const ReadLimits& limits = {});

}  // namespace ofs::indexer
