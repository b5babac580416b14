// Writing reports into a Xapian database laid out as schema/layout.h says.
// Contract: replace_report() swaps all of a report's documents and its
// metadata entry in one go (re-indexing a file never duplicates it).
// Changes are grouped in batches: between begin_batch() and commit_batch()
// they are one Xapian transaction, so nothing of a batch is committed until
// its end (Xapian's own flushes inside a transaction never commit), a reader
// always sees either the state before the batch or after it, and a writer
// that dies or is destroyed mid-batch leaves the index as the last
// commit_batch() left it.
// The database is the current generation of the --db folder
// (schema/storage.h); compact_if_grown() writes the next one and switches to
// it atomically.  One writer at a time: the constructor takes the folder's
// writer lock, held until the writer is destroyed.
#pragma once

#include <filesystem>
#include <memory>

#include <xapian.h>

#include "indexer/report.h"

namespace ofs::indexer {

// A generation is compacted when it has grown past this many times its
// compacted size, so the index on disk stays within this factor of its
// compact size however many runs change it.  Glass keys positions by term,
// then document: replacing even one report rewrites most position and
// posting blocks, which a compacted index has no free room for, so one
// changed report grows it by about 40% and in practice every run that
// changes the index compacts (about half a second for the 128 shared
// reports); a run that changes nothing does not.
inline constexpr double kCompactionGrowth = 1.25;

class IndexWriter {
 public:
  // Opens (creating if needed) the database in `db_dir`.  Throws
  // std::runtime_error with a message naming the directory on failure
  // (e.g. locked by another writer).
  explicit IndexWriter(const std::filesystem::path& db_dir);
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  void begin_batch();
  void commit_batch();
  bool in_batch() const { return in_batch_; }
  // After a write failed: drops the open batch and closes the database
  // here, where a second failure (the disk is still full) is caught, not in
  // the destructors that run while the first one propagates.
  void abandon() noexcept;

  void replace_report(const Report& report);
  // Deletes a report's documents and its metadata entry.
  void remove_report(const std::string& id);
  // The file a report is shown as coming from (it was moved or copied).
  void set_report_path(const std::string& id, const std::string& path);
  // Commits the open batch, if any, else what is pending.
  void commit();

  // After the last commit of a run: when the generation has grown past
  // kCompactionGrowth times the size it had when last compacted, or was
  // never compacted (a first build, or a compaction a kill interrupted),
  // compacts it into a new generation and switches to it: Xapian's blocks
  // are left half full by inserts and by replaced reports, and compaction
  // fills them.  Returns whether it compacted.  A compaction that fails (a
  // full disk: it needs room for a second copy) leaves the current
  // generation as it was, whole, and says why in `problem`.
  bool compact_if_grown(std::string& problem);

  // For the records kept beside the reports (index_state.h), written inside
  // the same batches.
  Xapian::WritableDatabase& database() { return db_; }
  // The --db folder this writer holds.
  const std::filesystem::path& folder() const { return dir_; }

 private:
  Xapian::Document make_document(const Paragraph& p, const ReportMeta& meta);

  void open_generation(unsigned number, int action);
  void remove_other_generations() const;

  std::filesystem::path dir_;
  int lock_fd_ = -1;
  bool layered_ = true;  // false: an index from before generations (refused by its schema)
  unsigned generation_ = 0;
  std::uintmax_t compacted_bytes_ = 0;
  Xapian::WritableDatabase db_;
  Xapian::TermGenerator termgen_;
  bool in_batch_ = false;
};

}  // namespace ofs::indexer
