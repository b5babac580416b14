// What the index knows about the files behind its reports: for each file a
// report was read from, the report's key (the hash of the file's bytes), the
// file's size and modification time, and what structured it (ofs version and
// structure revision, fingerprint of the data tables); for each file that
// was refused, the reason and when.  This is what lets `ofs index` skip an
// unchanged file, re-link a moved one and re-structure after a change.
// Contract: the records live in database metadata (schema.h:
// kMetaFilePrefix, kMetaRejectedPrefix) and are written by the indexer in
// the same transaction as the reports they describe, so after any crash
// every record names a whole report that is in the index.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/file_identity.h"

namespace ofs::indexer {

struct FileRecord {
  std::string path;  // indexed_path() of the file
  std::string key;   // the report's key: content_key() of the file
  FileStamp stamp;
  std::string structured_by;  // structuring_version() when it was read
  std::string tables;         // Tables::fingerprint when it was read
  std::string indexed_at;     // ISO 8601 UTC
};

struct Rejection {
  std::string path;    // indexed_path() of the file
  std::string reason;  // one line, without the file name
  std::string at;      // ISO 8601 UTC, when it was refused
  FileStamp stamp;     // the file as it was then (an unchanged file is not retried)
  std::string limits;  // limits_signature() of the run that refused it (other limits: retried)
};

// "ofs 0.1.0, structure 1": changes whenever a report read from the same
// bytes and tables may come out differently, so every report is read again.
std::string structuring_version();

// The records as the last committed run left them, by path.
struct IndexState {
  std::map<std::string, FileRecord> files;
  std::map<std::string, Rejection> rejected;

  static IndexState load(const Xapian::Database& db);
};

void put_file_record(Xapian::WritableDatabase& db, const FileRecord& record);
void erase_file_record(Xapian::WritableDatabase& db, const std::string& path);
void put_rejection(Xapian::WritableDatabase& db, const Rejection& rejection);
void erase_rejection(Xapian::WritableDatabase& db, const std::string& path);

// Every recorded rejection, sorted by path.
std::vector<Rejection> load_rejections(const Xapian::Database& db);

}  // namespace ofs::indexer
