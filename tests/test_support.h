// Shared helpers for the test suite: temporary folders, the sample report,
// the shared corpus (skipped when absent) and running the ofs binary.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <sys/wait.h>

namespace ofs::test {

namespace fs = std::filesystem;

inline fs::path source_dir() { return OFS_SOURCE_DIR; }
inline fs::path data_dir() { return source_dir() / "data"; }
inline fs::path sample_report() {
  return source_dir() / "corpus" / "wiltshire-2012-safeguarding-and-looked-after-children.txt";
}
inline fs::path shared_corpus() { return OFS_SHARED_CORPUS; }
inline bool have_shared_corpus() { return fs::is_directory(shared_corpus() / "ofsted-pdf"); }

#define OFS_REQUIRE_SHARED_CORPUS()                                                             \
  do {                                                                                          \
    if (!::ofs::test::have_shared_corpus())                                                     \
      GTEST_SKIP() << "shared corpus not found at " << ::ofs::test::shared_corpus()             \
                   << " (it sits beside the checkout as ../shared/corpus); skipping";           \
  } while (0)

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("ofs-test-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

inline void write_file(const fs::path& file, const std::string& contents) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << contents;
}

inline std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the ofs binary with `args` (already shell-quoted as needed), with
// `env` added to its environment.
inline CommandResult run_ofs(const std::string& args, const fs::path& workdir = fs::temp_directory_path(),
                             const std::map<std::string, std::string>& env = {}) {
  TempDir capture;
  const fs::path out = capture / "out";
  const fs::path err = capture / "err";
  std::string assignments;
  for (const auto& [name, value] : env) assignments += name + "=" + shell_quote(value) + " ";
  const std::string command = "cd " + shell_quote(workdir.string()) + " && " + assignments + shell_quote(OFS_BINARY) + " " +
                              args + " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string()) +
                              " </dev/null";
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(out);
  result.err = read_file(err);
  return result;
}

}  // namespace ofs::test
