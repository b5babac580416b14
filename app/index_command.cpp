#include "app/index_command.h"

#include <unistd.h>

#include <chrono>
#include <iostream>

#include <fmt/format.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include "analyzers/text.h"
#include "app/cli.h"
#include "indexer/indexer.h"
#include "searcher/reports.h"

namespace ofs::app {

namespace {

using Status = indexer::FileOutcome::Status;

struct IndexCommandOptions {
  std::vector<std::string> paths;
  indexer::IndexOptions run;
  double file_timeout_seconds = 60;
  std::string format = "text";
};

// What a person at a terminal sees while a run goes: one line on stderr that
// each file overwrites, with diagnostics printed on lines of their own above.
class Progress {
 public:
  Progress(const GlobalOptions& g, bool json)
      : quiet_(g.quiet), json_(json), live_(!g.quiet && !json && isatty(fileno(stderr))) {}

  void file_done(const indexer::FileOutcome& o, std::size_t done, std::size_t total) {
    clear();
    if (o.status == Status::Rejected) {
      print_error(fmt::format("rejected {}: {}", o.file.string(), o.reason));
      rejected_.push_back({{"file", o.file.string()}, {"reason", o.reason}});
    } else if (!quiet_ && !json_) {
      for (const auto& w : o.warnings) print_error(fmt::format("warning: {}: {}", o.file.string(), w));
    }
    paragraphs_ += o.paragraphs;
    if (o.status == Status::Indexed) {
      current_ = o.authority.empty() ? o.file.filename().string() : o.authority;
      if (!o.date.empty()) current_ += " " + o.date;
    }
    if (live_ && done < total) std::cerr << line(done, total) << std::flush;
  }

  void clear() const {
    if (live_) std::cerr << "\r\x1b[K";
  }

  const nlohmann::json& rejected() const { return rejected_; }

 private:
  // "[37/130] 4,210 paragraphs · 3.1 files/s · ETA 0:30 · Wiltshire 2019-07-22"
  std::string line(std::size_t done, std::size_t total) const {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
    std::string out = fmt::format("[{}/{}] {} paragraphs", done, total, paragraphs_);
    if (rate > 0) {
      const auto eta = static_cast<long>(static_cast<double>(total - done) / rate);
      out += fmt::format(" · {:.1f} files/s · ETA {}:{:02}", rate, eta / 60, eta % 60);
    }
    if (!current_.empty()) out += " · " + analyzers::escape_for_terminal(current_);
    return out;
  }

  bool quiet_, json_, live_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  int paragraphs_ = 0;
  std::string current_;
  nlohmann::json rejected_ = nlohmann::json::array();
};

std::string plural(int n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

void print_summary(const indexer::IndexSummary& s, const std::string& db) {
  std::cout << fmt::format(
      "indexed {} ({} paragraphs), {} unchanged, {} relinked, {} removed, {} rejected in {:.1f} s "
      "(index {})\n",
      plural(s.files_indexed, "report"), s.paragraphs, s.files_unchanged, s.files_relinked, s.reports_removed,
      s.files_rejected, s.seconds, db);
}

void print_json_summary(const indexer::IndexSummary& s, const std::string& db, const nlohmann::json& rejected,
                        const std::vector<std::string>& warnings) {
  nlohmann::ordered_json doc = {
      {"index", db},
      {"indexed", s.files_indexed},
      {"unchanged", s.files_unchanged},
      {"relinked", s.files_relinked},
      {"removed", s.reports_removed},
      {"rejected", s.files_rejected},
      {"paragraphs", s.paragraphs},
      {"seconds", s.seconds},
      {"restructured",
       s.restructured.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(s.restructured)},
      {"compacted", s.compacted},
      {"rejected_files", rejected},
      {"warnings", warnings}};
  std::cout << doc.dump(2) << "\n";
}

// A write the index refused (a full disk, a file-size limit, an I/O error)
// ends the run; the open batch is lost and the ones committed before are
// whole, which is what the user needs to know to carry on.
[[noreturn]] void throw_write_failure(const std::string& db, const Xapian::DatabaseError& e) {
  std::string cause = e.get_msg();
  if (const char* system_error = e.get_error_string()) cause += fmt::format(": {}", system_error);
  std::size_t committed = 0;
  try {
    committed = searcher::load_catalogue(searcher::open_index(db)).size();
  } catch (...) {
    // Nothing readable was committed: the count stays 0.
  }
  throw IndexError(fmt::format(
      "could not write index {} ({}); it holds the {} whole reports committed before, and nothing of the "
      "batch that failed: free space on its disk (or raise the file size limit) and run 'ofs index' again "
      "to finish",
      db, cause, committed));
}

// An empty or mistyped folder is a mistake to point out, not "indexed 0 reports".
void check_something_to_index(const std::vector<std::filesystem::path>& paths) {
  const auto inputs = indexer::collect_inputs(paths);
  if (!inputs.files.empty()) return;
  for (const auto& s : inputs.skipped) print_error(fmt::format("{}: {}", s.path.string(), s.reason));
  std::string named;
  for (const auto& p : paths) named += (named.empty() ? "" : ", ") + p.string();
  throw UsageError("no report files (.txt, .pdf) found in " + named + "; nothing was indexed");
}

int run_index(const GlobalOptions& g, IndexCommandOptions o) {
  const auto tables = indexer::Tables::load(g.data_dir);
  const std::vector<std::filesystem::path> paths(o.paths.begin(), o.paths.end());
  // With --prune a folder emptied on purpose is a folder whose reports go.
  if (!o.run.prune) check_something_to_index(paths);
  const bool json = o.format == "json";
  Progress progress(g, json);
  o.run.file_timeout = std::chrono::milliseconds(static_cast<long>(o.file_timeout_seconds * 1000));
  // For people a warning is a line on stderr; for scripts it is part of the
  // JSON summary, so it is never lost to --format json.
  std::vector<std::string> warnings;
  o.run.notice = [&](const std::string& message) {
    if (json) warnings.push_back(message);
    else if (!g.quiet) print_error(message);
  };
  indexer::IndexSummary summary;
  try {
    summary = indexer::index_paths(
        g.db, paths, tables,
        [&](const indexer::FileOutcome& outcome, std::size_t done, std::size_t total) {
          progress.file_done(outcome, done, total);
        },
        o.run);
  } catch (const Xapian::DatabaseError& e) {
    progress.clear();
    throw_write_failure(g.db, e);
  }
  progress.clear();
  if (json) print_json_summary(summary, g.db, progress.rejected(), warnings);
  else if (!g.quiet) print_summary(summary, g.db);
  return summary.files_rejected ? kExitSomeRejected : kExitMatch;
}

}  // namespace

void add_index_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto options = std::make_shared<IndexCommandOptions>();
  auto* cmd = app.add_subcommand(
      "index", "Index report files (.txt, .pdf) or folders of them; only new and changed files are read");
  cmd->add_option("paths", options->paths, "Report files or folders (searched recursively)")->required();
  cmd->add_option("-j,--jobs", options->run.jobs,
                  "Files read at once, each in its own process (0: one per core)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--file-timeout", options->file_timeout_seconds,
                  "Seconds one file may take to read; a file that takes longer is rejected")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_flag("--force", options->run.force, "Read every file again, changed or not");
  cmd->add_flag("--prune", options->run.prune, "Remove the reports whose files no longer exist");
  cmd->add_flag("--retry-rejected", options->run.retry_rejected,
                "Read again rejected files that did not change");
  cmd->add_option("--commit-every", options->run.commit_every,
                  "Commit after this many files (and at least every 10 s): a kill loses at most that")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--format", options->format, "Summary for people (text) or scripts (json)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  const indexer::ReadLimits defaults;
  cmd->add_option("--max-file-size", options->run.limits.max_file_bytes,
                  fmt::format("Refuse larger files, e.g. 200M (default {})",
                              indexer::byte_size(defaults.max_file_bytes)))
      ->transform(CLI::AsSizeValue(false));
  cmd->add_option("--max-paragraph-size", options->run.limits.max_paragraph_bytes,
                  fmt::format("Split longer paragraphs into pieces of at most this, e.g. 128K (default {})",
                              indexer::byte_size(defaults.max_paragraph_bytes)))
      ->transform(CLI::AsSizeValue(false))
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30));
  cmd->callback(
      [&global, &action, options] { action = [&global, options] { return run_index(global, *options); }; });
}

}  // namespace ofs::app
