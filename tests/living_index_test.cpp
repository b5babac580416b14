// The index as it lives through many runs: a report's identity is its bytes,
// re-runs read only what changed, workers are isolated, and a kill at any
// moment leaves whole reports only.  Real reports from the shared corpus
// where the behaviour depends on them; the bundled sample elsewhere.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "index_invariants.h"
#include "indexer/index_writer.h"
#include "indexer/indexer.h"
#include "schema/layout.h"
#include "schema/storage.h"
#include "searcher/reports.h"
#include "test_support.h"

extern char** environ;

namespace ofs::test {
namespace {

using nlohmann::json;

// Checks what any committed state must hold (tests/index_invariants.h).
void expect_whole_reports(const fs::path& db) {
  for (const auto& defect : partial_state_defects(db)) ADD_FAILURE() << defect;
}

json run_index_json(const std::string& args) {
  const auto r = run_ofs(args + " --format json");
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 3) << r.err;
  auto summary = json::parse(r.out, nullptr, false);
  EXPECT_TRUE(summary.is_object()) << r.out << r.err;
  summary["exit"] = r.exit_code;
  summary["stderr"] = r.err;
  return summary;
}

std::string db_option(const fs::path& db) { return "--db " + shell_quote(db.string()); }

// The generation folders ("g1", "g2"…) an index holds.
std::set<std::string> generations(const fs::path& db) {
  std::set<std::string> out;
  for (const auto& entry : fs::directory_iterator(db))
    if (entry.is_directory()) out.insert(entry.path().filename().string());
  return out;
}

// --- the folder, its generations and its lock ---------------------------------

class IndexGenerations : public ::testing::Test {
 protected:
  TempDir dir_;
  fs::path db_ = dir_ / "db";
};

TEST_F(IndexGenerations, OneWriterAtATime) {
  indexer::IndexWriter first(db_);
  try {
    indexer::IndexWriter second(db_);
    FAIL() << "a second writer opened the index";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("is locked: another 'ofs index' is writing it"), std::string::npos)
        << e.what();
  }
}

TEST_F(IndexGenerations, AFirstBuildIsCompactedAndReadersFollowTheSwitch) {
  const auto tables = indexer::Tables::load(data_dir());
  const auto quiet = [](const indexer::FileOutcome&, std::size_t, std::size_t) {};
  const auto first = indexer::index_paths(db_, {sample_report()}, tables, quiet);
  EXPECT_TRUE(first.compacted) << "a first build is always compacted";
  EXPECT_EQ(generations(db_), (std::set<std::string>{"g2"})) << "the old generation is removed";
  const auto stub = schema::read_stub(db_);
  ASSERT_TRUE(stub);
  EXPECT_EQ(stub->number, 2u);
  EXPECT_EQ(stub->compacted_bytes, schema::folder_bytes(db_ / "g2"));

  // A reader open across the next compaction keeps reading the revision it
  // has; the stub tells it to open the folder again, where the change is.
  Xapian::Database before = searcher::open_index(db_);
  const std::string stub_before = schema::stub_text(db_);
  const auto copy = dir_ / "copy.txt";
  fs::copy_file(sample_report(), copy);
  std::string text = read_file(copy);
  const std::string para57 = "57. Leadership and management of safeguarding services are inadequate.";
  ASSERT_NE(text.find(para57), std::string::npos);
  text.replace(text.find(para57), para57.size(), para57 + " A zebra crossing was reviewed.");
  write_file(copy, text);
  const auto second = indexer::index_paths(db_, {sample_report(), copy}, tables, quiet);
  EXPECT_TRUE(second.compacted) << "a second report doubles the index";
  EXPECT_NE(schema::stub_text(db_), stub_before);
  EXPECT_EQ(before.get_termfreq("zebra"), 0u);
  EXPECT_EQ(before.get_doccount(), first.paragraphs);
  EXPECT_GT(searcher::open_index(db_).get_termfreq("zebra"), 0u);

  // Nothing changed: no compaction, same generation.
  const auto third = indexer::index_paths(db_, {sample_report(), copy}, tables, quiet);
  EXPECT_FALSE(third.compacted);
  EXPECT_EQ(generations(db_), (std::set<std::string>{"g3"}));
}

TEST_F(IndexGenerations, AnIndexFromBeforeGenerationsIsRefusedWithTheRebuildMessage) {
  {
    Xapian::WritableDatabase old(db_.string(), Xapian::DB_CREATE);
    old.set_metadata(std::string(schema::kMetaSchema), "5");
    old.commit();
  }
  try {
    indexer::IndexWriter writer(db_);
    FAIL() << "an index of schema 5 was opened for writing";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(
                  "was built by another version of ofs (schema 5); delete it and index again"),
              std::string::npos)
        << e.what();
  }
}

// --- identity and incremental runs, on the bundled sample ------------------

class LivingIndexCli : public ::testing::Test {
 protected:
  TempDir dir_;
  fs::path db_ = dir_ / "db";
  std::string index(const fs::path& path, const std::string& more = "") {
    return db_option(db_) + " index " + shell_quote(path.string()) + " " + more;
  }
};

TEST_F(LivingIndexCli, UnchangedFilesAreNotReadAgainAndAChangedOneIsReplaced) {
  const auto reports = dir_ / "reports";
  fs::create_directories(reports);
  fs::copy_file(sample_report(), reports / "wiltshire.txt");
  const auto first = run_index_json(index(reports));
  EXPECT_EQ(first["indexed"], 1);
  EXPECT_EQ(first["paragraphs"], 158);

  const auto again = run_index_json(index(reports));
  EXPECT_EQ(again["indexed"], 0);
  EXPECT_EQ(again["unchanged"], 1);
  EXPECT_EQ(again["exit"], 0);

  // A new modification time with the same bytes: the hash says unchanged.
  fs::last_write_time(reports / "wiltshire.txt", fs::file_time_type::clock::now() + std::chrono::hours(1));
  const auto touched = run_index_json(index(reports));
  EXPECT_EQ(touched["unchanged"], 1);
  EXPECT_EQ(touched["indexed"], 0);

  // Different bytes: the old report goes, the new one comes, in one run.
  const auto before = catalogue(db_);
  EXPECT_EQ(run_ofs(db_option(db_) + " search zebra").exit_code, 1);
  std::string text = read_file(reports / "wiltshire.txt");
  const std::string para57 = "57. Leadership and management of safeguarding services are inadequate.";
  ASSERT_NE(text.find(para57), std::string::npos);
  text.replace(text.find(para57), para57.size(), para57 + " A zebra crossing was reviewed.");
  write_file(reports / "wiltshire.txt", text);
  const auto changed = run_index_json(index(reports));
  EXPECT_EQ(changed["indexed"], 1);
  EXPECT_EQ(changed["removed"], 1);
  const auto after = catalogue(db_);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_NE(after.begin()->first, before.begin()->first) << "the key follows the bytes";
  EXPECT_EQ(run_ofs(db_option(db_) + " search zebra").exit_code, 0) << "the new text is searchable";
  EXPECT_EQ(json::parse(run_ofs(db_option(db_) + " search 'joint interviews' --format json").out)["total"],
            12)
      << "the old report's paragraphs are gone";
  expect_whole_reports(db_);
}

TEST_F(LivingIndexCli, SameBytesUnderTwoNamesAreOneReportWithAWarningNamingBoth) {
  const auto a = dir_ / "a" / "wiltshire.txt";
  const auto b = dir_ / "b" / "wiltshire copy.txt";
  fs::create_directories(a.parent_path());
  fs::create_directories(b.parent_path());
  fs::copy_file(sample_report(), a);
  fs::copy_file(sample_report(), b);
  const auto r =
      run_index_json(db_option(db_) + " index " + shell_quote(a.string()) + " " + shell_quote(b.string()));
  EXPECT_EQ(r["indexed"], 1);
  EXPECT_EQ(r["relinked"], 1);
  EXPECT_EQ(catalogue(db_).size(), 1u);
  EXPECT_EQ(file_records(db_).size(), 2u);
  const auto text =
      run_ofs(db_option(db_) + " index --force " + shell_quote(a.string()) + " " + shell_quote(b.string()));
  EXPECT_NE(text.err.find("warning: " + b.string() + ": same bytes as " + a.string()), std::string::npos)
      << text.err;
  // 12 paragraphs, as for the sample indexed once (cli_test): not 24.
  const auto search = run_ofs(db_option(db_) + " search 'joint interviews' --format json --limit 0");
  EXPECT_EQ(json::parse(search.out)["total"], 12) << search.out;
}

TEST_F(LivingIndexCli, AMovedFolderIsRelinkedNotReadAgain) {
  const auto old_dir = dir_ / "reports";
  fs::create_directories(old_dir);
  fs::copy_file(sample_report(), old_dir / "wiltshire.txt");
  run_index_json(index(old_dir));
  const auto id = catalogue(db_).begin()->first;
  const auto new_dir = dir_ / "renamed folder";
  fs::rename(old_dir, new_dir);
  const auto moved = run_index_json(index(new_dir));
  EXPECT_EQ(moved["indexed"], 0);
  EXPECT_EQ(moved["relinked"], 1);
  EXPECT_EQ(moved["stderr"], "") << "a move is not a duplicate";
  const auto reports = catalogue(db_);
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_EQ(reports.begin()->first, id);
  EXPECT_EQ(reports.begin()->second["report"], (new_dir / "wiltshire.txt").string());
  const auto records = file_records(db_);
  ASSERT_EQ(records.size(), 1u) << "the old path's record goes";
  EXPECT_EQ(records.begin()->first, (new_dir / "wiltshire.txt").string());
}

TEST_F(LivingIndexCli, PruneAndRemoveTakeReportsOut) {
  const auto reports = dir_ / "reports";
  fs::create_directories(reports);
  fs::copy_file(sample_report(), reports / "one.txt");
  std::string other = read_file(sample_report()) + "\n200. A second report's last paragraph.\n";
  write_file(reports / "two.txt", other);
  EXPECT_EQ(run_index_json(index(reports))["indexed"], 2);

  fs::remove(reports / "two.txt");
  const auto kept = run_index_json(index(reports));
  EXPECT_EQ(kept["removed"], 0) << "without --prune a missing file's report stays";
  EXPECT_EQ(catalogue(db_).size(), 2u);
  const auto pruned = run_index_json(index(reports, "--prune"));
  EXPECT_EQ(pruned["removed"], 1);
  EXPECT_EQ(catalogue(db_).size(), 1u);

  const auto removed = run_ofs(db_option(db_) + " remove " + shell_quote((reports / "one.txt").string()));
  EXPECT_EQ(removed.exit_code, 0) << removed.err;
  EXPECT_NE(removed.out.find("removed 1 file and 1 report"), std::string::npos) << removed.out;
  EXPECT_TRUE(catalogue(db_).empty());
  EXPECT_EQ(run_ofs(db_option(db_) + " search 'joint interviews'").exit_code, 1);
  EXPECT_EQ(run_ofs(db_option(db_) + " remove " + shell_quote(reports.string())).exit_code, 1);
}

TEST_F(LivingIndexCli, AChangeInTheDataTablesReStructuresEveryReportAndSaysSo) {
  const auto data = dir_ / "data";
  fs::copy(data_dir(), data);
  const std::string with_data = "--data-dir " + shell_quote(data.string()) + " ";
  run_index_json(with_data + index(sample_report()));
  EXPECT_EQ(run_index_json(with_data + index(sample_report()))["unchanged"], 1);
  std::ofstream(data / "agencies.tsv", std::ios::app)
      << "# a comment changes the bytes, so the fingerprint\n";
  const auto text = run_ofs(with_data + index(sample_report()));
  EXPECT_NE(text.err.find("the data tables (headings.tsv, agencies.tsv, non-body.tsv, authorities.tsv) "
                          "changed: re-structuring every report"),
            std::string::npos)
      << text.err;
  EXPECT_NE(text.out.find("indexed 1 report (158 paragraphs), 0 unchanged"), std::string::npos) << text.out;
  EXPECT_EQ(run_index_json(with_data + index(sample_report()))["unchanged"], 1);
}

TEST_F(LivingIndexCli, RejectedFilesAreRecordedAndNotRetriedUnlessAsked) {
  const auto reports = dir_ / "reports";
  write_file(reports / "empty.txt", "");
  fs::copy_file(sample_report(), reports / "wiltshire.txt");
  const auto first = run_ofs(index(reports));
  EXPECT_EQ(first.exit_code, 3);
  EXPECT_NE(first.err.find("rejected " + (reports / "empty.txt").string() + ": empty file (0 bytes)"),
            std::string::npos)
      << first.err;
  const auto listed = run_ofs(db_option(db_) + " reports --rejected --format json");
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const auto rejected = json::parse(listed.out);
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0]["file"], (reports / "empty.txt").string());
  EXPECT_EQ(rejected[0]["reason"], "empty file (0 bytes)");
  EXPECT_EQ(rejected[0]["rejected_at"].get<std::string>().size(), 20u);  // 2026-12-01T23:59:59Z

  const auto again = run_ofs(index(reports));
  EXPECT_EQ(again.exit_code, 3) << "still not indexed";
  EXPECT_NE(again.err.find("empty file (0 bytes) (unchanged since it was rejected on"), std::string::npos)
      << again.err;
  const auto retried = run_ofs(index(reports, "--retry-rejected"));
  EXPECT_EQ(retried.err.find("unchanged since"), std::string::npos) << retried.err;
  EXPECT_NE(retried.err.find("empty file (0 bytes)"), std::string::npos) << retried.err;

  write_file(reports / "empty.txt", read_file(sample_report()) + "\n200. Now it has text.\n");
  const auto fixed = run_ofs(index(reports));
  EXPECT_EQ(fixed.exit_code, 0) << fixed.err;
  EXPECT_EQ(run_ofs(db_option(db_) + " reports --rejected").exit_code, 1)
      << "the record goes once it is indexed";
}

TEST_F(LivingIndexCli, SummaryLineForPeopleAndExitCodes) {
  const auto r = run_ofs(index(sample_report()));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(
      r.out.find("indexed 1 report (158 paragraphs), 0 unchanged, 0 relinked, 0 removed, 0 rejected in "),
      std::string::npos)
      << r.out;
  EXPECT_EQ(r.err, "") << "no progress line when stderr is not a terminal";
  const auto quiet = run_ofs("--quiet " + index(sample_report()));
  EXPECT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.out, "");
  const auto mistyped = run_ofs(index(dir_ / "no such folder"));
  EXPECT_EQ(mistyped.exit_code, 2) << "nothing to index is a usage error, not a run that rejected files";
  EXPECT_NE(mistyped.err.find("no report files (.txt, .pdf) found in "), std::string::npos) << mistyped.err;
}

// --- worker processes -----------------------------------------------------

// A small tmpfs at `dir`, resized on demand and unmounted when done; only
// root may mount one, so mounted() says whether there is a disk to fill.
class SmallDisk {
 public:
  explicit SmallDisk(fs::path dir) : dir_(std::move(dir)) {
    fs::create_directories(dir_);
    mounted_ =
        std::system(
            ("mount -t tmpfs -o size=64k tmpfs " + shell_quote(dir_.string()) + " 2>/dev/null").c_str()) == 0;
  }
  ~SmallDisk() {
    if (mounted_) (void)std::system(("umount " + shell_quote(dir_.string())).c_str());
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;
  bool mounted() const { return mounted_; }
  bool resize(std::uintmax_t kib) const {
    return std::system(("mount -o remount,size=" + std::to_string(kib) + "k " + shell_quote(dir_.string()))
                           .c_str()) == 0;
  }

 private:
  fs::path dir_;
  bool mounted_ = false;
};

// Compacting writes a second copy of the index beside the first.  A disk
// with room for the index but not for that copy costs space, never reports:
// the run succeeds with a warning naming the index and the fix, the index is
// whole and searchable, and the next run with room compacts it.
TEST_F(LivingIndexCli, ACompactionTheDiskHasNoRoomForIsAWarningAndTheIndexStaysWhole) {
  const auto roomy = dir_ / "roomy";
  const std::string sample = " " + shell_quote(sample_report().string());
  ASSERT_EQ(run_index_json(db_option(roomy) + " index" + sample)["compacted"], true);
  ASSERT_EQ(generations(roomy), std::set<std::string>{"g2"});
  const std::uintmax_t compact_bytes = schema::folder_bytes(roomy / "g2");

  const SmallDisk disk(dir_ / "disk");
  if (!disk.mounted())
    GTEST_SKIP() << "cannot mount a tmpfs here (root only): a full disk during compaction is not tried";
  const auto db = dir_ / "disk" / "db";
  // From the compact size up, a quarter of it at a time: the disk fills while
  // the report is written (exit 2, as the disk-full tests check), then only
  // while compacting, then has room for both copies.
  bool warned = false;
  for (std::uintmax_t quarters = 4; quarters <= 16 && !warned; ++quarters) {
    const std::uintmax_t kib = compact_bytes * quarters / 4 / 1024;
    SCOPED_TRACE("a disk of " + std::to_string(kib) + " KiB");
    fs::remove_all(db);
    ASSERT_TRUE(disk.resize(kib));
    const auto run = run_ofs(db_option(db) + " index" + sample + " --format json");
    if (run.exit_code == 2) continue;
    ASSERT_EQ(run.exit_code, 0) << run.err;
    if (json::parse(run.out)["compacted"] == true) break;
    warned = true;
    // For scripts the warning is in the JSON summary; for people, on stderr.
    const auto warnings = json::parse(run.out)["warnings"];
    ASSERT_EQ(warnings.size(), 1u) << run.out;
    for (const std::string& warning :
         {warnings[0].get<std::string>(), run_ofs(db_option(db) + " index" + sample).err}) {
      EXPECT_NE(warning.find("warning: index " + db.string() + " was not compacted ("), std::string::npos)
          << warning;
      EXPECT_NE(warning.find("No space left on device"), std::string::npos) << warning;
      EXPECT_NE(warning.find("free space and the next run compacts it"), std::string::npos) << warning;
    }
    EXPECT_EQ(generations(db), std::set<std::string>{"g1"}) << "the half-written copy is removed";
    expect_whole_reports(db);
    EXPECT_TRUE(index_content(db) == index_content(roomy)) << "the uncompacted index lost content";
    EXPECT_EQ(json::parse(run_ofs(db_option(db) + " search 'joint interviews' --format json").out)["total"],
              12);

    ASSERT_TRUE(disk.resize(compact_bytes * 4 / 1024));
    const auto with_room = run_index_json(db_option(db) + " index" + sample);
    EXPECT_EQ(with_room["unchanged"], 1);
    EXPECT_EQ(with_room["compacted"], true) << with_room["stderr"];
    EXPECT_EQ(generations(db), std::set<std::string>{"g2"});
    EXPECT_TRUE(index_content(db) == index_content(roomy));
  }
  EXPECT_TRUE(warned) << "no disk size made only the compaction fail";
}

TEST_F(LivingIndexCli, AReaderThatAbortsOrHangsCostsOnlyItsFile) {
  const auto reports = dir_ / "reports";
  fs::create_directories(reports);
  fs::copy_file(sample_report(), reports / "aborts.txt");
  fs::copy_file(sample_report(), reports / "hangs.txt");
  std::ofstream(reports / "hangs.txt", std::ios::app) << "\n200. Different bytes, so a report of its own.\n";
  write_file(reports / "fine.txt", read_file(sample_report()) + "\n200. And a third.\n");

  const auto aborting = run_ofs(index(reports, "--jobs 2"), fs::temp_directory_path(),
                                {{"OFS_TEST_READER_FAULT", "abort:aborts"}});
  EXPECT_EQ(aborting.exit_code, 3) << aborting.err;
  EXPECT_NE(aborting.err.find("rejected " + (reports / "aborts.txt").string() +
                              ": the reader crashed on this file (SIGABRT, Aborted)"),
            std::string::npos)
      << aborting.err;
  EXPECT_EQ(catalogue(db_).size(), 2u);

  const auto started = std::chrono::steady_clock::now();
  const auto hanging = run_ofs(index(reports, "--retry-rejected --file-timeout 1"), fs::temp_directory_path(),
                               {{"OFS_TEST_READER_FAULT", "hang:hangs"}});
  EXPECT_EQ(hanging.exit_code, 0) << "the hanging file is unchanged, so not read again: " << hanging.err;
  EXPECT_EQ(catalogue(db_).size(), 3u) << "aborts.txt is retried without the fault";

  std::ofstream(reports / "hangs.txt", std::ios::app) << "\n201. Changed again.\n";
  const auto hung = run_ofs(index(reports, "--file-timeout 1"), fs::temp_directory_path(),
                            {{"OFS_TEST_READER_FAULT", "hang:hangs"}});
  EXPECT_EQ(hung.exit_code, 3);
  EXPECT_NE(hung.err.find("rejected " + (reports / "hangs.txt").string() +
                          ": reading took longer than 1 s (--file-timeout); the reader was stopped"),
            std::string::npos)
      << hung.err;
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(60));
  expect_whole_reports(db_);
  EXPECT_EQ(catalogue(db_).size(), 2u) << "the changed file's old report went with its bytes";
}

// --- the real reports -------------------------------------------------------

// A few real reports: enough for several batches with --commit-every 1.
std::vector<fs::path> some_real_reports(std::size_t n) {
  const auto files = indexer::collect_inputs({shared_corpus() / "ofsted-pdf"}).files;
  std::vector<fs::path> pdfs;
  for (const auto& f : files)
    if (read_file(f).rfind("%PDF-", 0) == 0 && pdfs.size() < n) pdfs.push_back(f);
  return pdfs;
}

std::string as_args(const std::vector<fs::path>& files) {
  std::string out;
  for (const auto& f : files) out += " " + shell_quote(f.string());
  return out;
}

class RealLivingIndexCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!have_shared_corpus()) return;
    dir_ = std::make_unique<TempDir>();
    files_ = some_real_reports(12);
    const auto started = std::chrono::steady_clock::now();
    const auto r = run_ofs(db_option(clean_db()) + " index --jobs 1" + as_args(files_));
    clean_build_time_ = std::chrono::steady_clock::now() - started;
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static fs::path clean_db() { return dir_->path() / "clean"; }

  inline static std::unique_ptr<TempDir> dir_;
  inline static std::vector<fs::path> files_;
  inline static std::chrono::steady_clock::duration clean_build_time_;
};

TEST_F(RealLivingIndexCorpus, ContentIsTheSameForOneOrTwoWorkers) {
  OFS_REQUIRE_SHARED_CORPUS();
  const auto db = dir_->path() / "two-workers";
  const auto r = run_ofs(db_option(db) + " index --jobs 2" + as_args(files_));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(catalogue(db).size(), files_.size());
  EXPECT_TRUE(index_content(db) == index_content(clean_db())) << "--jobs 2 wrote another index than --jobs 1";
}

TEST_F(RealLivingIndexCorpus, KilledAtAnyMomentTheIndexHoldsWholeReportsAndARerunCompletesIt) {
  OFS_REQUIRE_SHARED_CORPUS();
  const auto db = dir_->path() / "killed";
  // Kills land anywhere in a run: each round resumes the last one's work.
  std::mt19937 random(20261202);
  const auto clean_ms = std::chrono::duration_cast<std::chrono::milliseconds>(clean_build_time_).count();
  std::uniform_int_distribution<long> delay_ms(clean_ms / 50, clean_ms / 2);
  // Batches of two reports (~200 paragraphs) and Xapian told to flush its
  // buffer every 40 changed documents: every batch crosses the flush
  // threshold several times before it commits, as a big batch does by default.
  std::vector<std::string> args = {OFS_BINARY,       "--db", db.string(), "--quiet", "index",
                                   "--commit-every", "2",    "--jobs",    "2"};
  for (const auto& f : files_) args.push_back(f.string());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::string low_threshold = "XAPIAN_FLUSH_THRESHOLD=40";
  std::vector<char*> env;
  for (char** e = environ; *e; ++e)
    if (std::string_view(*e).rfind("XAPIAN_FLUSH_THRESHOLD=", 0) != 0) env.push_back(*e);
  env.push_back(low_threshold.data());
  env.push_back(nullptr);
  int kills = 0;
  bool saw_partial_index = false;
  for (int round = 0; round < 8; ++round) {
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, OFS_BINARY, nullptr, nullptr, argv.data(), env.data()), 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
    kills += kill(pid, SIGKILL) == 0;
    int status = 0;
    waitpid(pid, &status, 0);
    if (!fs::exists(db / schema::kStubFile)) continue;  // killed before the index was created
    SCOPED_TRACE("after kill " + std::to_string(round));
    expect_whole_reports(db);
    const auto reports = catalogue(db).size();
    saw_partial_index |= reports > 0 && reports < files_.size();
  }
  EXPECT_GT(kills, 0);
  EXPECT_TRUE(saw_partial_index) << "no kill landed between two commits";
  const auto rerun = run_ofs(db_option(db) + " index" + as_args(files_));
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_TRUE(index_content(db) == index_content(clean_db())) << "the re-run did not complete the index";
}

// Runs ofs as `args` with every file it writes capped at `max_bytes`
// (RLIMIT_FSIZE, with SIGXFSZ ignored): a write past the cap fails with EFBIG
// exactly where a full disk fails with ENOSPC, without needing a small disk.
CommandResult run_ofs_with_file_cap(std::vector<std::string> args, rlim_t max_bytes) {
  TempDir capture;
  const auto out = capture / "out", err = capture / "err";
  args.insert(args.begin(), OFS_BINARY);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    const int out_fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err_fd = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    const rlimit cap{max_bytes, max_bytes};
    setrlimit(RLIMIT_FSIZE, &cap);
    signal(SIGXFSZ, SIG_IGN);
    execv(OFS_BINARY, argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(out);
  result.err = read_file(err);
  return result;
}

// The largest file in an index folder (its generations included): the
// table a cap must cut.
std::uintmax_t largest_file(const fs::path& dir) {
  std::uintmax_t largest = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) largest = std::max(largest, entry.file_size());
  return largest;
}

TEST_F(RealLivingIndexCorpus, ADiskThatFillsUpMidRunLeavesWholeReportsAndARerunCompletesIt) {
  OFS_REQUIRE_SHARED_CORPUS();
  // A quarter, half and three quarters of the size the biggest table
  // reaches in a clean build: the disk "fills" at different points of the
  // run, after more or fewer batches have been committed.
  for (const int quarters : {1, 2, 3}) {
    SCOPED_TRACE(std::to_string(quarters) + "/4 of the biggest table");
    const auto db = dir_->path() / ("disk-full-" + std::to_string(quarters));
    const auto cap = largest_file(clean_db()) * quarters / 4;
    std::vector<std::string> args = {"--db", db.string(), "index", "--commit-every", "1", "--jobs", "2"};
    for (const auto& f : files_) args.push_back(f.string());
    const auto full = run_ofs_with_file_cap(args, cap);
    EXPECT_EQ(full.exit_code, 2) << full.err;
    // One line saying which index could not be written, why, and what to do.
    const auto at = full.err.rfind("ofs: ");
    ASSERT_NE(at, std::string::npos) << full.err;
    const auto last_line = full.err.substr(at);
    EXPECT_NE(last_line.find("could not write index " + db.string()), std::string::npos) << full.err;
    EXPECT_NE(last_line.find("File too large"), std::string::npos) << full.err;
    EXPECT_NE(last_line.find("free space"), std::string::npos) << full.err;
    EXPECT_EQ(std::count(last_line.begin(), last_line.end(), '\n'), 1) << last_line;
    ASSERT_TRUE(fs::exists(db));
    expect_whole_reports(db);
    const auto committed = catalogue(db).size();
    EXPECT_LT(committed, files_.size()) << "the cap (" << cap << " bytes) did not stop the run";
    EXPECT_NE(last_line.find(std::to_string(committed) + " whole reports"), std::string::npos) << last_line;

    const auto rerun = run_ofs(db_option(db) + " index" + as_args(files_));
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    EXPECT_TRUE(index_content(db) == index_content(clean_db())) << "the re-run did not complete the index";
  }
}

// What a search answers that does not depend on document ids: its totals
// and every facet count, of paragraphs and of reports.
std::string search_figures(const std::string& out) {
  auto doc = json::parse(out, nullptr, false);
  if (!doc.is_object()) return "not json: " + out;
  doc.erase("results");
  return doc.dump();
}

TEST_F(RealLivingIndexCorpus, SearchesDuringAReindexAnswerFromWholeRevisionsOnly) {
  OFS_REQUIRE_SHARED_CORPUS();
  const auto db = dir_->path() / "searched";
  fs::copy(clean_db(), db, fs::copy_options::recursive);
  const std::string search = db_option(db) +
                             " search --format json --limit 1 --facets grade,area,agency,authority " +
                             shell_quote("\"management oversight\" OR children");
  const auto before = run_ofs(search);
  ASSERT_EQ(before.exit_code, 0) << before.err;
  const auto expected = search_figures(before.out);
  // Which committed state the index is in: its generation and revision.
  const auto state_of = [&db]() -> std::string {
    try {
      return schema::stub_text(db) + "@" + std::to_string(Xapian::Database(db.string()).get_revision());
    } catch (const Xapian::Error&) {
      return "switching";  // opened while the generation was switched: not a state
    }
  };
  std::set<std::string> states_seen = {state_of()};

  // The nightly run: every report read again and replaced, one commit per
  // file, so the index passes through many revisions while it is searched.
  std::vector<std::string> args = {OFS_BINARY, "--db",           db.string(), "--quiet", "index",
                                   "--force",  "--commit-every", "1",         "--jobs",  "1"};
  for (const auto& f : files_) args.push_back(f.string());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, OFS_BINARY, nullptr, nullptr, argv.data(), environ), 0);
  int searches = 0, wrong = 0, failed = 0, status = 0;
  std::string first_wrong;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    states_seen.insert(state_of());
    const auto during = run_ofs(search);
    ++searches;
    if (during.exit_code != 0) {
      ++failed;
      if (first_wrong.empty()) first_wrong = during.err;
    } else if (search_figures(during.out) != expected) {
      ++wrong;
      if (first_wrong.empty()) first_wrong = search_figures(during.out);
    }
  }
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the re-index failed";
  states_seen.erase("switching");
  EXPECT_GE(states_seen.size(), 4u) << "the searches did not span several commits of the re-index";
  EXPECT_GE(searches, 5) << "too few searches landed during the re-index to show anything";
  EXPECT_EQ(failed, 0) << "of " << searches << " searches; first: " << first_wrong;
  std::cout << searches << " searches during the re-index\n";
  EXPECT_EQ(wrong, 0) << "of " << searches
                      << " searches answered another total than every committed revision "
                      << "holds; first: " << first_wrong << "\nexpected: " << expected;
}

TEST_F(RealLivingIndexCorpus, ANoOpRunReadsNoFile) {
  OFS_REQUIRE_SHARED_CORPUS();
  // Any file a reader process opened would abort it and be rejected.
  const auto r = run_ofs(db_option(clean_db()) + " index --format json" + as_args(files_),
                         fs::temp_directory_path(), {{"OFS_TEST_READER_FAULT", "abort:"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto summary = json::parse(r.out);
  EXPECT_EQ(summary["unchanged"], files_.size());
  EXPECT_EQ(summary["indexed"], 0);
  EXPECT_EQ(summary["rejected"], 0);
}

TEST_F(RealLivingIndexCorpus, IncrementalRunsCompactWhenGrownAndKeepTheContent) {
  OFS_REQUIRE_SHARED_CORPUS();
  const auto db = dir_->path() / "in-two-runs";
  const std::vector<fs::path> half(files_.begin(), files_.begin() + static_cast<long>(files_.size() / 2));
  EXPECT_EQ(run_index_json(db_option(db) + " index" + as_args(half))["compacted"], true);
  EXPECT_EQ(run_index_json(db_option(db) + " index" + as_args(files_))["compacted"], true)
      << "twice the reports is more than kCompactionGrowth times the index";
  EXPECT_EQ(generations(db).size(), 1u);
  EXPECT_TRUE(index_content(db) == index_content(clean_db())) << "two compacted runs differ from one";
}

TEST_F(RealLivingIndexCorpus, KilledWhileCompactingTheIndexOpensWholeAndARerunCompletesIt) {
  OFS_REQUIRE_SHARED_CORPUS();
  const auto db = dir_->path() / "killed-compacting";
  std::vector<std::string> args = {OFS_BINARY, "--db", db.string(), "--quiet", "index"};
  for (const auto& f : files_) args.push_back(f.string());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int landed = 0;
  // A first build ends by compacting g1 into g2: kill once g2 appears, at
  // once or a little later (while it is written, at the switch, after it).
  for (const int after_ms : {0, 2, 10, 30, 80}) {
    fs::remove_all(db);
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, OFS_BINARY, nullptr, nullptr, argv.data(), environ), 0);
    int status = 0;
    bool exited = false;
    while (!fs::exists(db / "g2")) {
      if (waitpid(pid, &status, WNOHANG) == pid) {
        exited = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    if (exited) continue;  // compacted and gone between two looks
    std::this_thread::sleep_for(std::chrono::milliseconds(after_ms));
    landed += kill(pid, SIGKILL) == 0;
    waitpid(pid, &status, 0);
    SCOPED_TRACE("killed " + std::to_string(after_ms) + " ms into the compaction");
    expect_whole_reports(db);
    EXPECT_EQ(catalogue(db).size(), files_.size()) << "every report was committed before compacting";
    EXPECT_TRUE(index_content(db) == index_content(clean_db()));
    const auto rerun = run_index_json(db_option(db) + " index" + as_args(files_));
    EXPECT_EQ(rerun["unchanged"], files_.size());
    EXPECT_EQ(generations(db).size(), 1u) << "the re-run removes the generation left behind";
    EXPECT_TRUE(index_content(db) == index_content(clean_db()));
  }
  EXPECT_GT(landed, 0) << "no kill landed during a compaction";
}

}  // namespace
}  // namespace ofs::test
