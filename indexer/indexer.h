// ofs indexer: reads report files (plain text, PDF), splits them into
// tagged paragraph documents and writes them into a Xapian index.
// Contract:
//  - index_paths() never stops for a bad file; each one is reported through
//    the sink with the reason, recorded in the index (index_state.h) and the
//    rest are still indexed.
//  - A report's key is the hash of its file's bytes: the same bytes under two
//    names are one report, and a moved file is re-linked, not read again.
//  - Incremental: a file whose size and modification time (or, failing
//    those, bytes) are as recorded is not opened; a changed file's report is
//    replaced in one go.  When ofs's structuring or the data tables changed
//    since a report was read, every report is read again.
//  - Files are read in worker processes (read_pool.h); the index is written
//    by this process alone, in the sorted order of the inputs, so its content
//    does not depend on the number of workers.
//  - Writes are committed in batches of whole reports, each with its
//    catalogue entry and file records (one Xapian transaction per batch):
//    after a crash or kill at any moment the index opens and holds only whole
//    reports; an error ends the run with only whole, listed reports committed.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "indexer/inputs.h"
#include "indexer/report.h"
#include "indexer/structure.h"

namespace ofs::indexer {

// What happened to one input file.
struct FileOutcome {
  std::filesystem::path file;
  enum class Status {
    Indexed,    // read and structured; its report is in the index
    Unchanged,  // as recorded: not opened
    Relinked,   // same bytes as a report already indexed (moved or copied): not read again
    Rejected,   // not indexed: `reason` says why
  } status = Status::Indexed;
  std::string reason;                 // why it was rejected
  std::vector<std::string> warnings;  // indexed, but a reader should know
  int paragraphs = 0;
  std::string authority;  // of the report, when it was read
  std::string date;       // the report's published (else inspection) date, when it was read
};

struct IndexSummary {
  int files_indexed = 0;
  int files_unchanged = 0;
  int files_relinked = 0;
  int files_rejected = 0;
  int reports_removed = 0;   // changed, pruned or removed files whose report no file holds any more
  int paragraphs = 0;        // of the reports indexed in this run
  std::string restructured;  // why every report was read again ("the data tables changed"); empty if not
  bool compacted = false;    // the run ended by compacting the index (IndexWriter::compact_if_grown)
  double seconds = 0;
};

struct IndexOptions {
  int jobs = 0;  // reader processes; 0 = one per core
  std::chrono::milliseconds file_timeout = std::chrono::seconds(60);
  bool force = false;           // read every file again
  bool prune = false;           // remove the reports whose files no longer exist
  bool retry_rejected = false;  // read again rejected files that did not change
  int commit_every = 50;        // files per batch (a batch is also closed after kBatchSeconds)
  ReadLimits limits;            // what one input file may cost
  // Told, before any file is read, what the run as a whole will do when that
  // is news (every report re-structured, and why).
  std::function<void(const std::string&)> notice;
};

// A batch is committed after this long even when it holds fewer reports, so
// a kill loses at most this much work.
inline constexpr std::chrono::seconds kBatchSeconds{10};

// Called once per input file, in input order, when what it brought is in
// the index (or was refused).  `total` is known from the start.
using OutcomeSink = std::function<void(const FileOutcome&, std::size_t done, std::size_t total)>;

// Reads and structures one file without touching any index (in this process).
struct ReadOutcome {
  std::optional<Report> report;
  FileOutcome outcome;
};
ReadOutcome read_report(const std::filesystem::path& file, const Tables& tables,
                        const ReadLimits& limits = {});

// Indexes `paths` into the database at `db_dir`.  Throws std::runtime_error
// or Xapian::Error only for problems with the index itself (cannot create,
// locked, disk full); the batches committed before are whole.
IndexSummary index_paths(const std::filesystem::path& db_dir, const std::vector<std::filesystem::path>& paths,
                         const Tables& tables, const OutcomeSink& sink, const IndexOptions& options = {});

struct RemoveSummary {
  int files = 0;    // file records removed (reports and rejections)
  int reports = 0;  // reports removed (no other file holds them)
};

// Removes from the index the files `paths` name (files, or every recorded
// file under a folder), whether or not they still exist, with their reports
// when no other file holds the same report.  One transaction.
RemoveSummary remove_paths(const std::filesystem::path& db_dir,
                           const std::vector<std::filesystem::path>& paths);

}  // namespace ofs::indexer
