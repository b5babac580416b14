#include "indexer/index_plan.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

namespace ofs::indexer {

namespace fs = std::filesystem;

bool structured_as_now(const FileRecord& record, const Tables& tables) {
  return record.structured_by == structuring_version() && record.tables == tables.fingerprint;
}

namespace {

std::string restructure_reason(const IndexState& state, const Tables& tables) {
  for (const auto& [path, record] : state.files)
    if (record.structured_by != structuring_version())
      return fmt::format("ofs's structuring changed since these reports were read ({} -> {})",
                         record.structured_by.empty() ? "unknown" : record.structured_by,
                         structuring_version());
  for (const auto& [path, record] : state.files)
    if (record.tables != tables.fingerprint)
      return "the data tables (headings.tsv, agencies.tsv, non-body.tsv, authorities.tsv) changed";
  return {};
}

}  // namespace

RunPlan plan_run(const std::vector<fs::path>& inputs, const IndexState& state,
                 const std::set<std::string>& report_keys, const Tables& tables,
                 const IndexOptions& options) {
  RunPlan plan;
  plan.restructure_reason = restructure_reason(state, tables);

  // Every report is read again when what structures reports changed, also
  // the reports of recorded files this run was not given.
  std::vector<fs::path> files;
  std::set<std::string> seen;
  for (const auto& f : inputs)
    if (seen.insert(indexed_path(f)).second) files.push_back(f);
  if (!plan.restructure_reason.empty()) {
    std::error_code ec;
    for (const auto& [path, record] : state.files)
      if (!structured_as_now(record, tables) && !seen.count(path) && fs::is_regular_file(path, ec)) {
        files.push_back(path);
        seen.insert(path);
      }
  }

  std::set<std::string> read_this_run;  // keys some earlier task reads or links
  for (const auto& file : files) {
    FileTask task;
    task.file = file;
    task.path = indexed_path(file);
    std::string error;
    const auto stamp = stamp_of(file, error);
    if (!stamp) {
      task.kind = FileTask::Kind::Refuse;
      task.reason = error;
      plan.tasks.push_back(std::move(task));
      continue;
    }
    task.stamp = *stamp;
    const auto record = state.files.find(task.path);
    const bool recorded = record != state.files.end() && report_keys.count(record->second.key);
    const bool current = recorded && !options.force && structured_as_now(record->second, tables);
    if (current && record->second.stamp == task.stamp) {
      task.kind = FileTask::Kind::Unchanged;
      task.key = record->second.key;
      plan.tasks.push_back(std::move(task));
      continue;
    }
    const auto rejection = state.rejected.find(task.path);
    if (rejection != state.rejected.end() && rejection->second.stamp == task.stamp &&
        rejection->second.limits == limits_signature(options.limits) && !options.force &&
        !options.retry_rejected) {
      task.kind = FileTask::Kind::StillRejected;
      task.reason = rejection->second.reason;
      task.since = rejection->second.at;
      plan.tasks.push_back(std::move(task));
      continue;
    }
    const auto key = content_key(file, error);
    if (!key) {
      task.kind = FileTask::Kind::Refuse;
      task.reason = "cannot read: " + error;
      plan.tasks.push_back(std::move(task));
      continue;
    }
    task.key = *key;
    if (current && record->second.key == task.key) {
      task.kind = FileTask::Kind::Touch;
    } else if (read_this_run.count(task.key)) {
      task.kind = FileTask::Kind::Link;
    } else {
      // Indexed under another name and still structured as now: link to it.
      const bool indexed_as_now =
          !options.force && report_keys.count(task.key) &&
          std::any_of(state.files.begin(), state.files.end(), [&](const auto& entry) {
            return entry.second.key == task.key && structured_as_now(entry.second, tables);
          });
      task.kind = indexed_as_now ? FileTask::Kind::Link : FileTask::Kind::Read;
    }
    read_this_run.insert(task.key);
    plan.tasks.push_back(std::move(task));
  }
  return plan;
}

}  // namespace ofs::indexer
