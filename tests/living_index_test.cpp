// The index as it lives through many runs: a report's identity is its bytes,
// re-runs read only what changed, workers are isolated, and a kill at any
// moment leaves whole reports only.  Real reports from the shared corpus
// where the behaviour depends on them; the bundled sample elsewhere.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <random>
#include <set>
#include <thread>

#include <xapian.h>
#include <nlohmann/json.hpp>

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

// Everything a search can see of an index, in a canonical order: each
// document's terms (with wdf and positions), values and data by its unique
// term, and each report's catalogue entry without the time it was indexed.
std::string index_content(const fs::path& db) {
  Xapian::Database d(db.string());
  std::map<std::string, std::string> docs;
  for (auto it = d.postlist_begin(""); it != d.postlist_end(""); ++it) {
    const auto doc = d.get_document(*it);
    std::string unique, desc = doc.get_data();
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      if ((*t)[0] == 'Q') unique = *t;
      desc += "|" + *t + ":" + std::to_string(t.get_wdf());
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) desc += "," + std::to_string(*p);
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
      desc += "|v" + std::to_string(v.get_valueno()) + "=" + *v;
    docs[unique] = desc;
  }
  std::string out;
  for (const auto& [unique, desc] : docs) out += unique + "\n" + desc + "\n";
  for (auto k = d.metadata_keys_begin("ofs:report:"); k != d.metadata_keys_end("ofs:report:"); ++k) {
    auto entry = json::parse(d.get_metadata(*k));
    entry.erase("indexed_at");
    out += *k + " " + entry.dump() + "\n";
  }
  return out;
}

// Catalogue entries by report id.
std::map<std::string, json> catalogue(const fs::path& db) {
  Xapian::Database d(db.string());
  std::map<std::string, json> out;
  for (auto k = d.metadata_keys_begin("ofs:report:"); k != d.metadata_keys_end("ofs:report:"); ++k)
    out[(*k).substr(11)] = json::parse(d.get_metadata(*k));
  return out;
}

// The recorded files: path -> report key.
std::map<std::string, std::string> file_records(const fs::path& db) {
  Xapian::Database d(db.string());
  std::map<std::string, std::string> out;
  for (auto k = d.metadata_keys_begin("ofs:file:"); k != d.metadata_keys_end("ofs:file:"); ++k)
    out[(*k).substr(9)] = json::parse(d.get_metadata(*k))["key"];
  return out;
}

// Checks what any committed state must hold: every report whole (as many
// paragraph documents as its catalogue entry says), no document without its
// report's entry, every file record naming a report that is there.
void expect_whole_reports(const fs::path& db) {
  Xapian::Database d(db.string());
  const auto reports = catalogue(db);
  for (const auto& [id, entry] : reports)
    EXPECT_EQ(d.get_termfreq("XR" + id), entry["paragraphs"].get<unsigned>())
        << "report " << id << " is partial";
  for (auto t = d.allterms_begin("XR"); t != d.allterms_end("XR"); ++t)
    EXPECT_TRUE(reports.count((*t).substr(2))) << *t << ": documents without a catalogue entry";
  for (const auto& [path, key] : file_records(db))
    EXPECT_TRUE(reports.count(key)) << path << " names no report";
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
  std::vector<indexer::FileOutcome> missing;
  auto files = indexer::collect_inputs({shared_corpus() / "ofsted-pdf"}, missing);
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
  std::vector<std::string> args = {OFS_BINARY,       "--db", db.string(), "--quiet", "index",
                                   "--commit-every", "1",    "--jobs",    "2"};
  for (const auto& f : files_) args.push_back(f.string());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int kills = 0;
  bool saw_partial_index = false;
  for (int round = 0; round < 8; ++round) {
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, OFS_BINARY, nullptr, nullptr, argv.data(), environ), 0);
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
