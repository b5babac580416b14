// Shared helpers for the test suite: temporary folders, the sample report,
// the shared corpus (skipped when absent) and running the ofs binary.
#pragma once

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>

namespace ofs::test {

namespace fs = std::filesystem;

inline fs::path source_dir() { return OFS_SOURCE_DIR; }
inline fs::path data_dir() { return source_dir() / "data"; }
inline fs::path sample_report() {
  return source_dir() / "corpus" / "wiltshire-2012-safeguarding-and-looked-after-children.txt";
}
// The real reports beside the checkout (../shared/corpus); OFS_SHARED_CORPUS in
// the environment points elsewhere, or at nothing to see every corpus case skip.
inline fs::path shared_corpus() {
  const char* env = std::getenv("OFS_SHARED_CORPUS");
  return env && *env ? fs::path(env) : fs::path(OFS_SHARED_CORPUS);
}
inline bool have_shared_corpus() { return fs::is_directory(shared_corpus() / "ofsted-pdf"); }

// CTest labels each case by its suite's name (tests/CMakeLists.txt): a suite
// named *Corpus needs the shared corpus, one named *Cli* runs the ofs binary,
// any other is a unit test. These checks keep the names true to what cases do.
inline std::string current_suite() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return info ? info->test_suite_name() : "";
}
inline void expect_corpus_suite() {
  const std::string suite = current_suite();
  if (!suite.empty() && !suite.ends_with("Corpus"))
    ADD_FAILURE() << "suite " << suite << " reads the shared corpus: name it " << suite
                  << "Corpus so CTest labels it corpus (tests/CMakeLists.txt)";
}
inline void expect_cli_suite() {
  const std::string suite = current_suite();
  if (!suite.empty() && suite.find("Cli") == std::string::npos && !suite.ends_with("Corpus"))
    ADD_FAILURE() << "suite " << suite << " runs the ofs binary: put Cli in its name so CTest labels it cli "
                  << "(tests/CMakeLists.txt)";
}

// Skips the case, naming the missing file or folder, when `required` (in the
// shared corpus) is absent.
#define OFS_REQUIRE_CORPUS_PATH(required)                                                             \
  do {                                                                                                \
    ::ofs::test::expect_corpus_suite();                                                               \
    const ::std::filesystem::path ofs_required_path_ = (required);                                    \
    if (!::std::filesystem::exists(ofs_required_path_))                                               \
      GTEST_SKIP() << "needs " << ofs_required_path_ << ", which is missing (the shared corpus sits " \
                   << "beside the checkout as ../shared/corpus, or set OFS_SHARED_CORPUS)";           \
  } while (0)

#define OFS_REQUIRE_SHARED_CORPUS() OFS_REQUIRE_CORPUS_PATH(::ofs::test::shared_corpus() / "ofsted-pdf")

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

// Runs `binary` with `args` (already shell-quoted as needed) in `workdir`, with
// `env` added to its environment.
inline CommandResult run_binary(const fs::path& binary, const std::string& args,
                                const fs::path& workdir = fs::temp_directory_path(),
                                const std::map<std::string, std::string>& env = {}) {
  expect_cli_suite();
  TempDir capture;
  const fs::path out = capture / "out";
  const fs::path err = capture / "err";
  std::string assignments;
  for (const auto& [name, value] : env) assignments += name + "=" + shell_quote(value) + " ";
  const std::string command = "cd " + shell_quote(workdir.string()) + " && " + assignments +
                              shell_quote(binary.string()) + " " + args + " >" + shell_quote(out.string()) +
                              " 2>" + shell_quote(err.string()) + " </dev/null";
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(out);
  result.err = read_file(err);
  return result;
}

// Runs the ofs binary the build made.
inline CommandResult run_ofs(const std::string& args, const fs::path& workdir = fs::temp_directory_path(),
                             const std::map<std::string, std::string>& env = {}) {
  return run_binary(OFS_BINARY, args, workdir, env);
}

}  // namespace ofs::test
