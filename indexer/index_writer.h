// Writing reports into a Xapian database laid out as schema/layout.h says.
// Contract: replace_report() swaps all of a report's documents and its
// metadata entry in one go (re-indexing a file never duplicates it).
// Changes are grouped in batches: between begin_batch() and commit_batch()
// they are one Xapian transaction, so nothing of a batch is committed until
// its end (Xapian's own flushes inside a transaction never commit), a reader
// always sees either the state before the batch or after it, and a writer
// that dies or is destroyed mid-batch leaves the index as the last
// commit_batch() left it.
#pragma once

#include <filesystem>
#include <memory>

#include <xapian.h>

#include "indexer/report.h"

namespace ofs::indexer {

class IndexWriter {
 public:
  // Opens (creating if needed) the database in `db_dir`.  Throws
  // std::runtime_error with a message naming the directory on failure
  // (e.g. locked by another writer).
  explicit IndexWriter(const std::filesystem::path& db_dir);

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

  // For the records kept beside the reports (index_state.h), written inside
  // the same batches.
  Xapian::WritableDatabase& database() { return db_; }

 private:
  Xapian::Document make_document(const Paragraph& p, const ReportMeta& meta);

  Xapian::WritableDatabase db_;
  Xapian::TermGenerator termgen_;
  bool in_batch_ = false;
};

}  // namespace ofs::indexer
