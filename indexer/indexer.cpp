#include "indexer/indexer.h"

#include <algorithm>
#include <map>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "analyzers/dates.h"
#include "analyzers/text.h"
#include "indexer/authority.h"
#include "indexer/file_identity.h"
#include "indexer/index_plan.h"
#include "indexer/index_state.h"
#include "indexer/index_writer.h"
#include "indexer/pdf_reader.h"
#include "indexer/read_pool.h"
#include "indexer/text_reader.h"
#include "schema/layout.h"

namespace ofs::indexer {

namespace fs = std::filesystem;

namespace {

std::string lower_extension(const fs::path& file) { return analyzers::lowercase(file.extension().string()); }

ReadResult read_any(const fs::path& file, const ReadLimits& limits) {
  if (lower_extension(file) == ".pdf") return read_pdf(file, limits);
  return read_text_file(file, limits);
}

std::set<std::string> indexed_report_keys(const Xapian::Database& db) {
  std::set<std::string> keys;
  const std::string prefix(schema::kMetaReportPrefix);
  for (auto it = db.metadata_keys_begin(prefix); it != db.metadata_keys_end(prefix); ++it)
    keys.insert((*it).substr(prefix.size()));
  return keys;
}

bool file_is_gone(const std::string& path) {
  std::error_code ec;
  return !fs::exists(path, ec) && !ec;
}

// Applies a run's tasks to the index, in input order, in batches of whole
// reports: one place keeps the records (file -> report key) and the reports
// in step, and removes a report as soon as no file holds it.
class Applier {
 public:
  Applier(IndexWriter& writer, const IndexState& state, std::set<std::string> report_keys,
          const Tables& tables, const IndexOptions& options, IndexSummary& summary)
      : writer_(writer),
        state_(state),
        report_keys_(std::move(report_keys)),
        tables_(tables),
        options_(options),
        summary_(summary) {
    for (const auto& [path, record] : state.files) paths_by_key_[record.key].insert(path);
  }

  FileOutcome apply(const FileTask& task, ReadOutcome* read) {
    FileOutcome out;
    out.file = task.file;
    switch (task.kind) {
      case FileTask::Kind::Unchanged:
        out.status = FileOutcome::Status::Unchanged;
        ++summary_.files_unchanged;
        break;
      case FileTask::Kind::Touch:
        write([&] {
          record_file(task, state_.files.at(task.path).structured_by, state_.files.at(task.path).tables);
        });
        out.status = FileOutcome::Status::Unchanged;
        ++summary_.files_unchanged;
        break;
      case FileTask::Kind::Link:
        link(task, out);
        break;
      case FileTask::Kind::Read:
        if (read->report) index_report(task, *read, out);
        else reject(task, read->outcome.reason, out);
        break;
      case FileTask::Kind::Refuse:
        reject(task, task.reason, out);
        break;
      case FileTask::Kind::StillRejected:
        out.status = FileOutcome::Status::Rejected;
        out.reason =
            fmt::format("{} (unchanged since it was rejected on {}; --retry-rejected reads it again)",
                        task.reason, task.since.substr(0, 10));
        ++summary_.files_rejected;
        break;
    }
    return out;
  }

  // --prune: records of files that no longer exist, and their reports.
  void prune(const std::set<std::string>& seen) {
    for (const auto& [path, record] : state_.files)
      if (!seen.count(path) && file_is_gone(path))
        write([&] {
          erase_file_record(writer_.database(), path);
          detach(path, record.key);
        });
    for (const auto& [path, rejection] : state_.rejected)
      if (!seen.count(path) && file_is_gone(path)) write([&] { erase_rejection(writer_.database(), path); });
  }

  void finish() {
    if (writer_.in_batch()) writer_.commit_batch();
  }

 private:
  // Runs `change` inside the open batch, opening one if needed; closes the
  // batch when it is big or old enough.  Batches end between files only.
  template <typename F>
  void write(F change) {
    if (!writer_.in_batch()) {
      writer_.begin_batch();
      batch_started_ = std::chrono::steady_clock::now();
      batch_size_ = 0;
    }
    change();
    ++batch_size_;
  }

 public:
  void end_of_file() {
    if (writer_.in_batch() && (batch_size_ >= options_.commit_every ||
                               std::chrono::steady_clock::now() - batch_started_ >= kBatchSeconds))
      writer_.commit_batch();
  }

 private:
  void record_file(const FileTask& task, const std::string& structured_by, const std::string& tables) {
    put_file_record(writer_.database(),
                    {task.path, task.key, task.stamp, structured_by, tables, analyzers::utc_now()});
    if (state_.rejected.count(task.path)) erase_rejection(writer_.database(), task.path);
    const auto old = state_.files.find(task.path);
    if (old != state_.files.end() && old->second.key != task.key) detach(task.path, old->second.key);
    paths_by_key_[task.key].insert(task.path);
  }

  // Drops `path` from the files holding `key`; the report goes with its last file.
  void detach(const std::string& path, const std::string& key) {
    auto& paths = paths_by_key_[key];
    paths.erase(path);
    if (paths.empty() && report_keys_.erase(key)) {
      writer_.remove_report(key);
      ++summary_.reports_removed;
    }
  }

  void index_report(const FileTask& task, ReadOutcome& read, FileOutcome& out) {
    Report& report = *read.report;
    // The key the plan hashed: the file's records and its report agree even
    // if the file changed while it was read (the next run sees the change).
    report.meta.id = task.key;
    report.meta.path = printable_path(task.file);
    write([&] {
      writer_.replace_report(report);
      report_keys_.insert(task.key);
      record_file(task, structuring_version(), tables_.fingerprint);
    });
    structured_now_.insert(task.key);
    out = read.outcome;
    out.file = task.file;
    out.status = FileOutcome::Status::Indexed;
    out.authority = report.meta.authority;
    out.date = report.meta.published.empty() ? report.meta.inspection_end : report.meta.published;
    ++summary_.files_indexed;
    summary_.paragraphs += out.paragraphs;
  }

  void link(const FileTask& task, FileOutcome& out) {
    if (const auto failed = rejected_keys_.find(task.key); failed != rejected_keys_.end())
      return reject(task, failed->second, out);
    std::vector<std::string> moved_from, also_at;
    for (const auto& other : paths_by_key_[task.key])
      if (other != task.path) (file_is_gone(other) ? moved_from : also_at).push_back(other);
    write([&] {
      const auto recorded = std::find_if(state_.files.begin(), state_.files.end(),
                                         [&](const auto& e) { return e.second.key == task.key; });
      if (structured_now_.count(task.key) || recorded == state_.files.end())
        record_file(task, structuring_version(), tables_.fingerprint);
      else record_file(task, recorded->second.structured_by, recorded->second.tables);
      for (const auto& gone : moved_from) {
        erase_file_record(writer_.database(), gone);
        paths_by_key_[task.key].erase(gone);
      }
      if (!moved_from.empty()) writer_.set_report_path(task.key, printable_path(task.file));
    });
    out.status = FileOutcome::Status::Relinked;
    for (const auto& other : also_at)
      out.warnings.push_back(fmt::format("same bytes as {}: indexed once, as one report", other));
    ++summary_.files_relinked;
  }

  void reject(const FileTask& task, const std::string& reason, FileOutcome& out) {
    write([&] {
      put_rejection(writer_.database(),
                    {task.path, reason, analyzers::utc_now(), task.stamp, limits_signature(options_.limits)});
      if (const auto old = state_.files.find(task.path); old != state_.files.end()) {
        erase_file_record(writer_.database(), task.path);
        detach(task.path, old->second.key);
      }
    });
    if (!task.key.empty()) rejected_keys_.emplace(task.key, reason);
    out.status = FileOutcome::Status::Rejected;
    out.reason = reason;
    ++summary_.files_rejected;
  }

  IndexWriter& writer_;
  const IndexState& state_;
  std::set<std::string> report_keys_;
  const Tables& tables_;
  const IndexOptions& options_;
  IndexSummary& summary_;
  std::map<std::string, std::set<std::string>> paths_by_key_;
  std::set<std::string> structured_now_;              // keys read in this run
  std::map<std::string, std::string> rejected_keys_;  // keys rejected in this run -> reason
  std::chrono::steady_clock::time_point batch_started_;
  int batch_size_ = 0;
};

int default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace

ReadOutcome read_report(const fs::path& file, const Tables& tables, const ReadLimits& limits) {
  ReadOutcome out;
  out.outcome.file = file;
  ReadResult read = read_any(file, limits);
  if (read.error) {
    out.outcome.status = FileOutcome::Status::Rejected;
    out.outcome.reason = *read.error;
    return out;
  }
  Report report = build_report(read, file, tables, limits);
  resolve_authority(report.meta, tables.authorities, file);
  std::string error;
  report.meta.id = content_key(file, error).value_or("");
  out.outcome.warnings = report.meta.warnings;
  out.outcome.paragraphs = static_cast<int>(report.paragraphs.size());
  out.report = std::move(report);
  return out;
}

namespace {
// The body of index_paths() once the index is open: plans the run, reads
// the files in the pool and applies them, in batches.
void write_run(IndexWriter& writer, const std::vector<fs::path>& files,
               const std::vector<FileOutcome>& missing, const Tables& tables, const OutcomeSink& sink,
               const IndexOptions& options, IndexSummary& summary);
}  // namespace

IndexSummary index_paths(const fs::path& db_dir, const std::vector<fs::path>& paths, const Tables& tables,
                         const OutcomeSink& sink, const IndexOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const Inputs inputs = collect_inputs(paths);
  const auto& files = inputs.files;
  std::vector<FileOutcome> missing;
  for (const auto& skipped : inputs.skipped) {
    FileOutcome m;
    m.file = skipped.path;
    m.status = FileOutcome::Status::Rejected;
    m.reason = skipped.reason;
    missing.push_back(std::move(m));
  }
  IndexSummary summary;

  IndexWriter writer(db_dir);
  try {
    write_run(writer, files, missing, tables, sink, options, summary);
  } catch (const Xapian::Error&) {
    writer.abandon();
    throw;
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

namespace {

void write_run(IndexWriter& writer, const std::vector<fs::path>& files,
               const std::vector<FileOutcome>& missing, const Tables& tables, const OutcomeSink& sink,
               const IndexOptions& options, IndexSummary& summary) {
  const IndexState state = IndexState::load(writer.database());
  const auto report_keys = indexed_report_keys(writer.database());
  const RunPlan plan = plan_run(files, state, report_keys, tables, options);
  summary.restructured = plan.restructure_reason;
  if (!plan.restructure_reason.empty() && options.notice)
    options.notice(plan.restructure_reason + ": re-structuring every report");

  const std::size_t total = plan.tasks.size() + missing.size();
  std::size_t done = 0;
  for (const auto& m : missing) {
    ++summary.files_rejected;
    sink(m, ++done, total);
  }

  const int jobs = options.jobs > 0 ? options.jobs : default_jobs();
  ReadPool pool(jobs, options.file_timeout, [&tables, &options](const fs::path& file) {
    return read_report(file, tables, options.limits);
  });
  Applier applier(writer, state, report_keys, tables, options, summary);
  // Results wait here until every file before them is written; reading runs
  // at most this far ahead of writing, which bounds the memory they hold.
  const std::size_t window = static_cast<std::size_t>(jobs) * 2 + 2;
  std::map<std::size_t, ReadOutcome> results;
  std::size_t next_submit = 0, next_write = 0;
  while (next_write < plan.tasks.size()) {
    while (next_submit < plan.tasks.size() && next_submit < next_write + window &&
           (plan.tasks[next_submit].kind != FileTask::Kind::Read || !pool.full())) {
      if (plan.tasks[next_submit].kind == FileTask::Kind::Read)
        pool.submit(next_submit, plan.tasks[next_submit].file);
      ++next_submit;
    }
    bool wrote = false;
    while (next_write < next_submit) {
      const FileTask& task = plan.tasks[next_write];
      ReadOutcome* read = nullptr;
      if (task.kind == FileTask::Kind::Read) {
        const auto found = results.find(next_write);
        if (found == results.end()) break;
        read = &found->second;
      }
      const FileOutcome outcome = applier.apply(task, read);
      applier.end_of_file();
      results.erase(next_write);
      ++next_write;
      wrote = true;
      sink(outcome, ++done, total);
    }
    if (!wrote)
      for (auto& [ticket, outcome] : pool.collect()) results.emplace(ticket, std::move(outcome));
  }
  if (options.prune) {
    std::set<std::string> seen;
    for (const auto& task : plan.tasks) seen.insert(task.path);
    applier.prune(seen);
  }
  applier.finish();
  std::string problem;
  summary.compacted = writer.compact_if_grown(problem);
  if (!problem.empty() && options.notice)
    options.notice("warning: index " + writer.folder().string() + " was not compacted (" + problem +
                   "); it holds every report, in more space: free space and the next run compacts it");
}

}  // namespace

RemoveSummary remove_paths(const fs::path& db_dir, const std::vector<fs::path>& paths) {
  IndexWriter writer(db_dir);
  const IndexState state = IndexState::load(writer.database());
  auto report_keys = indexed_report_keys(writer.database());
  std::map<std::string, std::set<std::string>> paths_by_key;
  for (const auto& [path, record] : state.files) paths_by_key[record.key].insert(path);
  auto named = [&](const std::string& recorded) {
    return std::any_of(paths.begin(), paths.end(), [&](const fs::path& p) {
      const std::string given = indexed_path(p);
      return recorded == given || recorded.rfind(given + "/", 0) == 0;
    });
  };
  RemoveSummary summary;
  writer.begin_batch();
  for (const auto& [path, record] : state.files) {
    if (!named(path)) continue;
    erase_file_record(writer.database(), path);
    ++summary.files;
    auto& holders = paths_by_key[record.key];
    holders.erase(path);
    if (holders.empty() && report_keys.erase(record.key)) {
      writer.remove_report(record.key);
      ++summary.reports;
    }
  }
  for (const auto& [path, rejection] : state.rejected)
    if (named(path)) {
      erase_rejection(writer.database(), path);
      ++summary.files;
    }
  writer.commit_batch();
  std::string problem;  // a failed compaction leaves the removal committed and the index whole
  writer.compact_if_grown(problem);
  return summary;
}

}  // namespace ofs::indexer
