// Reading and structuring report files in worker processes, so that a crash,
// an abort or a hang inside the PDF library costs one file, never the run
// (and never the index, which only the parent process writes).
// Contract: each submitted file is read by a child process forked for it,
// at most `jobs` at a time; the child sends its ReadOutcome back over a pipe
// as JSON and exits.  A child that dies on a signal, exits without a whole
// result or is still working after the time limit (it is then killed)
// yields a Rejected outcome whose reason says which.  Results come back in
// the order children finish; callers put them in order themselves.
#pragma once

#include <sys/types.h>
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "indexer/indexer.h"

namespace ofs::indexer {

class ReadPool {
 public:
  using ReadFn = std::function<ReadOutcome(const std::filesystem::path&)>;

  ReadPool(int jobs, std::chrono::milliseconds file_timeout, ReadFn read);
  ~ReadPool();  // kills and reaps any child still running
  ReadPool(const ReadPool&) = delete;
  ReadPool& operator=(const ReadPool&) = delete;

  bool full() const { return children_.size() >= static_cast<std::size_t>(jobs_); }
  bool idle() const { return children_.empty(); }

  // Starts reading `file` in a new child; `ticket` comes back with its outcome.
  void submit(std::size_t ticket, const std::filesystem::path& file);

  // Waits until at least one child has finished or run out of time, and
  // returns the outcomes of all that have.  Empty when no child is running.
  std::vector<std::pair<std::size_t, ReadOutcome>> collect();

 private:
  struct Child {
    pid_t pid = -1;
    int fd = -1;  // read end of the result pipe
    std::size_t ticket = 0;
    std::filesystem::path file;
    std::chrono::steady_clock::time_point deadline;
    std::string received;
    bool eof = false;
    bool timed_out = false;
  };
  ReadOutcome finish(Child& child);

  int jobs_;
  std::chrono::milliseconds timeout_;
  ReadFn read_;
  std::vector<Child> children_;
};

// Test hook for the isolation tests: when the environment variable
// OFS_TEST_READER_FAULT is "abort:TEXT" or "hang:TEXT", a reader process
// whose file name contains TEXT aborts or sleeps for ever instead of reading.
inline constexpr const char* kReaderFaultVariable = "OFS_TEST_READER_FAULT";

}  // namespace ofs::indexer
