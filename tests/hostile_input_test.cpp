// Files that are not reports, or reports that are far too big, as `ofs index`
// meets them on a user's disk: each is refused or warned about in one line
// naming it, and the sample report beside it is still indexed whole.  The
// outcome is asserted, never the time taken (bench scripts measure that).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "analyzers/agencies.h"
#include "test_support.h"

namespace ofs::test {
namespace {

class HostileInputCli : public ::testing::Test {
 protected:
  TempDir dir_;
  fs::path reports_ = dir_ / "reports";
  std::string db() const { return "--db " + shell_quote((dir_ / "db").string()); }

  void SetUp() override {
    fs::create_directories(reports_);
    fs::copy_file(sample_report(), reports_ / "wiltshire.txt");
  }

  CommandResult index(const std::string& options = "") {
    return run_ofs(db() + " index " + shell_quote(reports_.string()) + " " + options);
  }

  // Every paragraph of the index (every grade, "none" included).
  std::vector<nlohmann::json> all_paragraphs() {
    const auto r =
        run_ofs(db() +
                " search '' --grade outstanding --grade good --grade adequate --grade requires-improvement"
                " --grade inadequate --grade none --format jsonl --limit 100000");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<nlohmann::json> out;
    std::size_t start = 0;
    for (std::size_t end; (end = r.out.find('\n', start)) != std::string::npos; start = end + 1)
      out.push_back(nlohmann::json::parse(r.out.substr(start, end - start)));
    return out;
  }

  // The sample report is still there: 158 paragraphs, paragraph 57 among them.
  void expect_sample_indexed() {
    const auto found = run_ofs(db() + " search 'joint interviews' --grade inadequate");
    EXPECT_EQ(found.exit_code, 0) << found.err;
    EXPECT_NE(found.out.find("Wiltshire 2012 ¶57"), std::string::npos) << found.out;
  }
};

// "word0 word1 … " on one line, `bytes` long.
std::string one_long_line(std::size_t bytes) {
  std::string text;
  text.reserve(bytes + 16);
  for (std::size_t i = 0; text.size() < bytes; ++i)
    text += "sentence" + std::to_string(i % 1000) + " without end ";
  text.resize(bytes);
  return text;
}

TEST_F(HostileInputCli, ATwentyMegabyteLineIsSplitIntoBoundedParagraphsWithOneWarning) {
  write_file(reports_ / "one-line.txt", one_long_line(20u * 1024 * 1024));
  const auto r = index();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(
      r.err.find("warning: " + (reports_ / "one-line.txt").string() +
                 ": text longer than 64 KiB was split into paragraphs of at most that (raise the limit with "
                 "ofs index --max-paragraph-size)"),
      std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("indexed 2 reports"), std::string::npos) << r.out;
  std::size_t from_long_line = 0, bytes = 0;
  for (const auto& p : all_paragraphs()) {
    const auto text = p["text"].get<std::string>();
    EXPECT_LE(text.size(), 64u * 1024);
    if (p["report"].get<std::string>().ends_with("one-line.txt")) ++from_long_line, bytes += text.size();
  }
  // Nothing is lost: about 20 MiB in pieces of nearly 64 KiB (spaces at the cuts dropped).
  EXPECT_GE(from_long_line, 320u);
  EXPECT_GE(bytes, 20u * 1024 * 1024 - from_long_line);
  expect_sample_indexed();
}

TEST_F(HostileInputCli, AFileOverTheSizeLimitIsRefusedNamingTheLimitAndTheOption) {
  // A sparse 100 MiB file of NULs: refused on its size, before it is read.
  const fs::path huge = reports_ / "nul-bytes.txt";
  { std::ofstream(huge, std::ios::binary); }
  fs::resize_file(huge, 100u * 1024 * 1024);
  write_file(reports_ / "two-megabytes.txt", one_long_line(2u * 1024 * 1024));
  const auto r = index("--max-file-size 1M");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(
      r.err.find("rejected " + huge.string() +
                 ": too large (100 MiB; the limit is 1 MiB: raise it with ofs index --max-file-size 101M)"),
      std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("two-megabytes.txt: too large (2 MiB; the limit is 1 MiB"), std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("indexed 1 report (158 paragraphs)"), std::string::npos) << r.out;
  expect_sample_indexed();
  // The default limit lets the two-megabyte file in; the NUL file is still refused.
  const auto again = index();
  EXPECT_EQ(again.exit_code, 3) << again.err;
  EXPECT_NE(again.err.find("nul-bytes.txt: too large (100 MiB; the limit is 64 MiB"), std::string::npos)
      << again.err;
  EXPECT_EQ(again.err.find("rejected " + (reports_ / "two-megabytes.txt").string()), std::string::npos)
      << again.err;
  EXPECT_NE(again.out.find("indexed 1 report"), std::string::npos)
      << "the two-megabyte file, read again now the limit "
         "it was refused under has changed: "
      << again.out;
  EXPECT_NE(again.out.find("1 unchanged"), std::string::npos)
      << "the sample is not read again: " << again.out;
}

TEST_F(HostileInputCli, ASmallFileOfNulBytesIsRefusedAsBinary) {
  write_file(reports_ / "zeros.txt", std::string(1024 * 1024, '\0'));
  const auto r = index();
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("zeros.txt: contains NUL bytes (binary data, not text)"), std::string::npos) << r.err;
  expect_sample_indexed();
}

TEST_F(HostileInputCli, VeryLongWordsAreCutBetweenCharactersNotInsideThem) {
  // 3 MB without a space: ASCII letters, then two-byte "é"s, then bold markers
  // and stars (the heading table's wildcards and the bold-marker clean-up
  // once cost the square of the length on text like this).
  std::string text(1024 * 1024, 'a');
  for (int i = 0; i < 512 * 1024; ++i) text += "\xC3\xA9";
  text += std::string(1024 * 1024, '*');
  write_file(reports_ / "long-words.txt", text + "\n\n" + text + " good\n");
  const auto r = index("--max-paragraph-size 100K");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("long-words.txt: text longer than 100 KiB was split"), std::string::npos) << r.err;
  std::size_t pieces = 0;
  for (const auto& p : all_paragraphs()) {  // parsing the JSON checks every piece is valid UTF-8
    if (!p["report"].get<std::string>().ends_with("long-words.txt")) continue;
    ++pieces;
    EXPECT_LE(p["text"].get<std::string>().size(), 100u * 1024);
  }
  EXPECT_GE(pieces, 30u);
  expect_sample_indexed();
}

// A file name that is not UTF-8 (Latin-1 "café") once failed the whole run
// inside the JSON writer; it is stored escaped and the report is indexed.
TEST_F(HostileInputCli, PipesDevicesAndLinksThatLoopOrLeadNowhereAreNamedAndTheRestIndexed) {
  // In a folder: each named with its reason, never opened (a pipe or
  // /dev/zero would hang the run), and the report beside them indexed.
  ASSERT_EQ(mkfifo((reports_ / "pipe.txt").c_str(), 0644), 0);
  fs::create_symlink("/dev/zero", reports_ / "zeros.txt");
  fs::create_symlink("nowhere.pdf", reports_ / "gone.pdf");
  fs::create_symlink("..", reports_ / "up");
  fs::create_symlink("loop.txt", reports_ / "loop.txt");
  write_file(reports_ / "notes.doc", "not a report");
  // A link to a folder elsewhere is followed: its report is indexed.
  write_file(dir_ / "elsewhere" / "copy.txt", read_file(sample_report()) + "\nA copy kept elsewhere.\n");
  fs::create_directory_symlink(dir_ / "elsewhere", reports_ / "linked");
  const auto r = index("--format json");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  for (const auto& [name, reason] : std::vector<std::pair<std::string, std::string>>{
           {"pipe.txt", "not a regular file (a named pipe): not read"},
           {"zeros.txt", "not a regular file (a device): not read"},
           {"gone.pdf", "a link to nothing"},
           {"up", "a link back to a folder already being read (a loop): not followed"},
           {"loop.txt", "a link that loops (too many levels of links)"}})
    EXPECT_NE(r.err.find("ofs: rejected " + (reports_ / name).string() + ": " + reason), std::string::npos)
        << name << ":\n"
        << r.err;
  EXPECT_EQ(r.err.find("notes.doc"), std::string::npos) << "a file that is not a report is not ours to name";
  EXPECT_EQ(nlohmann::json::parse(r.out)["rejected"], 5) << r.out;
  EXPECT_EQ(nlohmann::json::parse(r.out)["indexed"], 2) << "the sample and the copy behind the folder link";
  expect_sample_indexed();

  // Named on the command line: the same words, and no "no such file".
  const auto given = run_ofs(db() + " index " + shell_quote((reports_ / "loop.txt").string()) + " " +
                             shell_quote((reports_ / "pipe.txt").string()));
  EXPECT_EQ(given.exit_code, 2) << given.err;
  EXPECT_NE(given.err.find("loop.txt: a link that loops"), std::string::npos) << given.err;
  EXPECT_NE(given.err.find("pipe.txt: not a regular file (a named pipe)"), std::string::npos) << given.err;
}

TEST_F(HostileInputCli, AFolderThatCannotBeReadIsNamed) {
  // A tree deeper than a path can name (PATH_MAX, 4096 bytes): the folder
  // where paths run out cannot be opened, whoever runs ofs (root reads a
  // folder without permissions, so those would not show it).  Made level by
  // level relative to the one before, as nothing can name the bottom.
  const auto top = reports_ / "deep";
  fs::create_directories(top);
  int fd = open(top.c_str(), O_RDONLY | O_DIRECTORY);
  for (int level = 0; level < 1500 && fd >= 0; ++level) {
    mkdirat(fd, "ddd", 0755);
    const int next = openat(fd, "ddd", O_RDONLY | O_DIRECTORY);
    close(fd);
    fd = next;
  }
  ASSERT_GE(fd, 0);
  const int report = openat(fd, "report.txt", O_WRONLY | O_CREAT, 0644);
  const std::string text = read_file(sample_report()) + "\nAt the bottom.\n";
  ASSERT_EQ(write(report, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  close(report);
  close(fd);
  const auto r = index();
  // GNU rm removes a tree of any depth; std::filesystem stops at PATH_MAX.
  EXPECT_EQ(std::system(("rm -rf " + shell_quote(top.string())).c_str()), 0);
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find(": cannot read folder: File name too long"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line for the folder:\n" << r.err;
  expect_sample_indexed();
}

TEST_F(HostileInputCli, APathLongerThanAnIndexKeyIsIndexedAndKnownAgainNextRun) {
  // Xapian keys stop at 255 bytes; paths on real disks often go further.
  const auto deep = reports_ / std::string(120, 'a') / std::string(120, 'b') / "é-report.txt";
  write_file(deep, read_file(sample_report()) + "\nA last line, so the bytes differ.\n");
  ASSERT_GT(deep.string().size(), 255u);
  const auto first = index("--format json");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(nlohmann::json::parse(first.out)["indexed"], 2) << first.out;
  const auto again = index("--format json");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(nlohmann::json::parse(again.out)["unchanged"], 2) << "the long path's record was not found again";
  const auto reports = run_ofs(db() + " reports --format csv");
  EXPECT_NE(reports.out.find(deep.string()), std::string::npos) << "the whole path is kept";
  // And it goes when its file goes.
  fs::remove(deep);
  const auto pruned = index("--prune --format json");
  ASSERT_EQ(pruned.exit_code, 0) << pruned.err;
  EXPECT_EQ(nlohmann::json::parse(pruned.out)["removed"], 1) << pruned.out;
}

TEST_F(HostileInputCli, AFileNameThatIsNotUtf8IsStoredEscaped) {
  // A copy that differs by a line: a byte-identical copy would be the same report under two names.
  write_file(reports_ / "caf\xE9.txt", read_file(sample_report()) + "\nA line only this copy has.\n");
  const auto r = index();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("indexed 2 reports (316 paragraphs)"), std::string::npos) << r.out;
  const auto found = run_ofs(db() + " search 'joint interviews' --grade inadequate --format jsonl");
  ASSERT_EQ(found.exit_code, 0) << found.err;
  std::set<std::string> reports;
  std::size_t start = 0;
  for (std::size_t end; (end = found.out.find('\n', start)) != std::string::npos; start = end + 1)
    reports.insert(nlohmann::json::parse(found.out.substr(start, end - start))["report"].get<std::string>());
  EXPECT_EQ(reports, (std::set<std::string>{(reports_ / "caf\\xE9.txt").string(),
                                            (reports_ / "wiltshire.txt").string()}));
}

// data/agencies.tsv is the whole vocabulary: an agency added to a copy of it
// is found and searchable without rebuilding.  The sample report names
// children's centres in four paragraphs (10, 14, 50 and 69).
TEST_F(HostileInputCli, AnAgencyAddedToTheDataFolderIsTaggedAndSearchable) {
  const fs::path data = dir_ / "data";
  fs::create_directories(data);
  for (const auto& entry : fs::directory_iterator(data_dir()))
    fs::copy_file(entry.path(), data / entry.path().filename());
  std::ofstream(data / "agencies.tsv", std::ios::app)
      << "\nagency\tearly-years\tChildren's centres and nurseries.\nearly-years\tchildren's centre*\n";
  const std::string with_data = "--data-dir " + shell_quote(data.string()) + " " + db();
  ASSERT_EQ(run_ofs(with_data + " index " + shell_quote(sample_report().string())).exit_code, 0);
  const auto r = run_ofs(with_data + " search '' --agency early-years --format jsonl --limit 100");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::set<int> paragraphs;
  std::size_t start = 0;
  for (std::size_t end; (end = r.out.find('\n', start)) != std::string::npos; start = end + 1) {
    const auto hit = nlohmann::json::parse(r.out.substr(start, end - start));
    EXPECT_NE(hit["text"].get<std::string>().find("children's centre"), std::string::npos) << hit["text"];
    paragraphs.insert(hit["para"].is_null() ? 0 : hit["para"].get<int>());
  }
  EXPECT_EQ(paragraphs, (std::set<int>{10, 14, 50, 69}));
  // The shipped table does not know it: an index built with it has no such agency.
  const std::string shipped = "--db " + shell_quote((dir_ / "shipped-db").string());
  ASSERT_EQ(run_ofs(shipped + " index " + shell_quote(sample_report().string())).exit_code, 0);
  const auto unknown = run_ofs(shipped + " search '' --agency early-years");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("early-years"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace ofs::test
