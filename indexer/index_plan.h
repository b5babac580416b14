// What a run of `ofs index` will do with each file, decided before any file
// is read: from the files' stamps and bytes and what the index recorded of
// them (index_state.h).
// Contract: plan_run() opens a file only to hash it, and only when its stamp
// differs from the record (or there is none); it never parses one.  The
// first file in input order with a given key is the one read; later files
// with the same bytes are linked to its report.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "indexer/index_state.h"
#include "indexer/indexer.h"

namespace ofs::indexer {

struct FileTask {
  enum class Kind {
    Unchanged,      // stamp as recorded: nothing to do
    Touch,          // stamp changed, bytes did not: update the record only
    Link,           // same bytes as a report in the index or read earlier in this run
    Read,           // read, structure and (re)write its report
    Refuse,         // cannot be stat'ed or hashed: rejected with `reason`
    StillRejected,  // rejected before and unchanged since: not read again
  } kind = Kind::Read;
  std::filesystem::path file;  // as given
  std::string path;            // indexed_path(file)
  FileStamp stamp;
  std::string key;     // Touch, Link, Read
  std::string reason;  // Refuse, StillRejected (the recorded reason)
  std::string since;   // StillRejected: when it was rejected
};

struct RunPlan {
  std::vector<FileTask> tasks;  // in input order
  // Why reports are read again though their files did not change; empty when not.
  std::string restructure_reason;
};

// `report_keys`: the reports the index holds (catalogue entries).
RunPlan plan_run(const std::vector<std::filesystem::path>& inputs, const IndexState& state,
                 const std::set<std::string>& report_keys, const Tables& tables, const IndexOptions& options);

// True when `record` was structured by this ofs with these tables.
bool structured_as_now(const FileRecord& record, const Tables& tables);

}  // namespace ofs::indexer
