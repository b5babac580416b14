#include "indexer/read_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "indexer/report_wire.h"

namespace ofs::indexer {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

void apply_test_fault(const fs::path& file) {
  const char* spec = std::getenv(kReaderFaultVariable);
  if (!spec) return;
  const std::string_view s(spec);
  const auto colon = s.find(':');
  if (colon == std::string_view::npos ||
      file.filename().string().find(s.substr(colon + 1)) == std::string::npos)
    return;
  if (s.substr(0, colon) == "abort") std::abort();
  if (s.substr(0, colon) == "hang")
    for (;;) pause();
}

json outcome_json(const ReadOutcome& o) {
  json j = {{"reason", o.outcome.reason}, {"warnings", o.outcome.warnings}, {"report", nullptr}};
  if (o.report) j["report"] = to_wire(*o.report);
  return j;
}

void write_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) _exit(1);
    done += static_cast<std::size_t>(n);
  }
}

// The child's whole life: read one file, send the outcome, exit without
// running any destructor of the parent's state (the index above all).
[[noreturn]] void run_child(int fd, pid_t parent, const fs::path& file, const ReadPool::ReadFn& read) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);   // a killed indexer leaves no reader behind
  if (getppid() != parent) _exit(1);  // it died before that took effect
  const rlimit no_core{0, 0};
  setrlimit(RLIMIT_CORE, &no_core);
  // Only the result pipe (and the standard streams) stay open: the index's
  // files and lock belong to the parent alone.
  if (fd > 3) close_range(3, static_cast<unsigned>(fd - 1), 0);
  close_range(static_cast<unsigned>(fd + 1), ~0U, 0);
  apply_test_fault(file);
  json out;
  try {
    out = outcome_json(read(file));
  } catch (const std::exception& e) {
    out = {{"reason", std::string("the reader failed: ") + e.what()},
           {"warnings", json::array()},
           {"report", nullptr}};
  }
  // The parent puts the file's real name back; a name that is not UTF-8
  // must not stop the result from being sent.
  write_all(fd, out.dump(-1, ' ', false, json::error_handler_t::replace));
  _exit(0);
}

ReadOutcome rejected(const fs::path& file, std::string reason) {
  ReadOutcome out;
  out.outcome.file = file;
  out.outcome.status = FileOutcome::Status::Rejected;
  out.outcome.reason = std::move(reason);
  return out;
}

std::string signal_reason(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return fmt::format("the reader crashed on this file (SIG{}, {})",
                     abbrev ? abbrev : std::to_string(sig).c_str(), strsignal(sig));
}

}  // namespace

ReadPool::ReadPool(int jobs, std::chrono::milliseconds file_timeout, ReadFn read)
    : jobs_(std::max(1, jobs)), timeout_(file_timeout), read_(std::move(read)) {}

ReadPool::~ReadPool() {
  for (auto& c : children_) {
    kill(c.pid, SIGKILL);
    close(c.fd);
    waitpid(c.pid, nullptr, 0);
  }
}

void ReadPool::submit(std::size_t ticket, const fs::path& file) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("cannot start a reader process: ") + std::strerror(errno));
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    const int err = errno;
    close(fds[0]);
    close(fds[1]);
    throw std::runtime_error(std::string("cannot start a reader process: ") + std::strerror(err));
  }
  if (pid == 0) {
    close(fds[0]);
    run_child(fds[1], parent, file, read_);
  }
  close(fds[1]);
  fcntl(fds[0], F_SETFL, O_NONBLOCK);
  Child child;
  child.pid = pid;
  child.fd = fds[0];
  child.ticket = ticket;
  child.file = file;
  child.deadline = std::chrono::steady_clock::now() + timeout_;
  children_.push_back(std::move(child));
}

std::vector<std::pair<std::size_t, ReadOutcome>> ReadPool::collect() {
  std::vector<std::pair<std::size_t, ReadOutcome>> results;
  while (!children_.empty() && results.empty()) {
    const auto now = std::chrono::steady_clock::now();
    std::vector<pollfd> fds;
    auto wait = std::chrono::milliseconds::max();
    for (const auto& c : children_) {
      fds.push_back({c.fd, POLLIN, 0});
      // A child that has started sending has finished reading: the limit is
      // on reading, not on how fast this process drains the pipe.
      if (c.received.empty())
        wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(c.deadline - now));
    }
    const int timeout_ms =
        wait == std::chrono::milliseconds::max() ? -1 : static_cast<int>(std::max<long>(0, wait.count() + 1));
    if (poll(fds.data(), fds.size(), timeout_ms) < 0 && errno != EINTR)
      throw std::runtime_error(std::string("waiting for reader processes: ") + std::strerror(errno));

    char buffer[1 << 16];
    for (std::size_t i = 0; i < children_.size(); ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      auto& c = children_[i];
      for (;;) {
        const ssize_t n = ::read(c.fd, buffer, sizeof buffer);
        if (n > 0) {
          c.received.append(buffer, static_cast<std::size_t>(n));
          continue;
        }
        if (n == 0) c.eof = true;
        if (n < 0 && errno == EINTR) continue;
        break;  // EOF, or EAGAIN: nothing more for now
      }
    }
    const auto after = std::chrono::steady_clock::now();
    for (auto& c : children_)
      if (!c.eof && c.received.empty() && after >= c.deadline) c.timed_out = true;
    for (auto it = children_.begin(); it != children_.end();) {
      if (it->eof || it->timed_out) {
        results.emplace_back(it->ticket, finish(*it));
        it = children_.erase(it);
      } else {
        ++it;
      }
    }
  }
  return results;
}

ReadOutcome ReadPool::finish(Child& c) {
  if (c.timed_out) kill(c.pid, SIGKILL);
  close(c.fd);
  int status = 0;
  while (waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (c.timed_out)
    return rejected(c.file,
                    fmt::format("reading took longer than {} s (--file-timeout); the reader was stopped",
                                std::chrono::duration_cast<std::chrono::seconds>(timeout_).count()));
  if (WIFSIGNALED(status)) return rejected(c.file, signal_reason(WTERMSIG(status)));
  const auto j = json::parse(c.received, nullptr, /*allow_exceptions=*/false);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !j.is_object())
    return rejected(c.file, fmt::format("the reader ended without a result (exit status {})",
                                        WIFEXITED(status) ? WEXITSTATUS(status) : -1));
  ReadOutcome out;
  out.outcome.file = c.file;
  out.outcome.reason = j.value("reason", "");
  out.outcome.warnings = j.value("warnings", std::vector<std::string>{});
  if (j["report"].is_object()) {
    try {
      out.report = report_from_wire(j["report"]);
    } catch (const json::exception& e) {
      return rejected(c.file, std::string("the reader sent a damaged result: ") + e.what());
    }
    out.report->meta.path = c.file.string();
    out.outcome.paragraphs = static_cast<int>(out.report->paragraphs.size());
  } else {
    out.outcome.status = FileOutcome::Status::Rejected;
  }
  return out;
}

}  // namespace ofs::indexer
