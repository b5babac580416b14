#include "indexer/indexer.h"

#include <algorithm>

#include "analyzers/text.h"
#include "indexer/index_writer.h"
#include "indexer/pdf_reader.h"
#include "indexer/text_reader.h"

namespace ofs::indexer {

namespace fs = std::filesystem;

namespace {

std::string lower_extension(const fs::path& file) { return analyzers::lowercase(file.extension().string()); }

bool is_report_file(const fs::path& file) {
  const std::string ext = lower_extension(file);
  return ext == ".pdf" || ext == ".txt";
}

ReadResult read_any(const fs::path& file, const ReadLimits& limits) {
  if (lower_extension(file) == ".pdf") return read_pdf(file, limits);
  return read_text_file(file, limits);
}

}  // namespace

std::vector<fs::path> collect_inputs(const std::vector<fs::path>& paths, std::vector<FileOutcome>& missing) {
  std::vector<fs::path> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && is_report_file(it->path())) found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      missing.push_back({path, FileOutcome::Status::Rejected, "no such file or directory", {}, 0});
    }
  }
  return files;
}

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
  out.outcome.warnings = report.meta.warnings;
  out.outcome.paragraphs = static_cast<int>(report.paragraphs.size());
  out.report = std::move(report);
  return out;
}

IndexSummary index_paths(const fs::path& db_dir, const std::vector<fs::path>& paths, const Tables& tables,
                         const OutcomeSink& sink, const ReadLimits& limits) {
  std::vector<FileOutcome> missing;
  const auto files = collect_inputs(paths, missing);
  IndexSummary summary;
  const std::size_t total = files.size() + missing.size();
  std::size_t done = 0;
  for (const auto& m : missing) {
    ++summary.files_rejected;
    sink(m, ++done, total);
  }
  IndexWriter writer(db_dir);
  for (const auto& file : files) {
    auto [report, outcome] = read_report(file, tables, limits);
    if (report) {
      writer.replace_report(*report);
      ++summary.files_indexed;
      summary.paragraphs += outcome.paragraphs;
    } else {
      ++summary.files_rejected;
    }
    sink(outcome, ++done, total);
  }
  writer.commit();
  return summary;
}

}  // namespace ofs::indexer
