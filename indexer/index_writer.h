// Writing reports into a Xapian database laid out as schema/layout.h says.
// Contract: replace_report() swaps all of a report's documents and its
// metadata entry in one go (re-indexing a file never duplicates it);
// nothing reaches disk until commit(), and Xapian's commit is atomic, so a
// reader always sees either the old or the new state, never half a report.
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

  void replace_report(const Report& report);
  void commit();

 private:
  Xapian::Document make_document(const Paragraph& p, const ReportMeta& meta);

  Xapian::WritableDatabase db_;
  Xapian::TermGenerator termgen_;
};

}  // namespace ofs::indexer
