// Indexes the search tests share: the sample report, and Wiltshire's four
// inspections beside a Dorset one. CTest runs each case in its own process, so
// an index is built once and kept in the build tree (OFS_TEST_CACHE_DIR), keyed
// by the test binary (relinked whenever indexing code changes), the data tables
// and the input files: a change to any of them builds it afresh.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <system_error>

#include "indexer/indexer.h"
#include "searcher/search.h"
#include "searcher/synonyms.h"
#include "test_support.h"

namespace ofs::test {

// Size and modification time of every file under `paths`, in one string.
inline std::string file_facts(const std::vector<fs::path>& paths) {
  std::vector<fs::path> files;
  for (const auto& path : paths) {
    if (!fs::is_directory(path)) {
      files.push_back(path);
      continue;
    }
    for (const auto& entry : fs::recursive_directory_iterator(path))
      if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::string facts;
  for (const auto& file : files) {
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    const auto written = fs::last_write_time(file, ec).time_since_epoch().count();
    facts += file.string() + '\t' + std::to_string(size) + '\t' + std::to_string(written) + '\n';
  }
  return facts;
}

// The index of `inputs` (files or folders) named `name` in the cache, built
// on first use. Another process building the same index at the same time is
// harmless: the first to finish renames its copy into place, the other uses it.
inline fs::path cached_index(const std::string& name, const std::vector<fs::path>& inputs,
                             const indexer::Tables& tables) {
  const fs::path binary = fs::read_symlink("/proc/self/exe");
  std::vector<fs::path> made_from = inputs;
  made_from.push_back(binary);
  made_from.push_back(data_dir());
  const std::string key = std::to_string(std::hash<std::string>{}(file_facts(made_from)));
  // One folder per test binary: the clean-up below removes only this
  // binary's older indexes, never one another binary is searching.
  const fs::path dir = fs::path(OFS_TEST_CACHE_DIR) / name / binary.filename();
  const fs::path db = dir / key;
  if (fs::is_directory(db)) return db;

  fs::create_directories(dir);
  const fs::path building = dir / (key + ".building-" + std::to_string(::getpid()));
  fs::remove_all(building);
  indexer::index_paths(building, inputs, tables,
                       [](const indexer::FileOutcome&, std::size_t, std::size_t) {});
  std::error_code ec;
  fs::rename(building, db, ec);
  if (ec) fs::remove_all(building);  // another process got there first
  // Indexes made by earlier builds are of no further use.
  for (const auto& entry : fs::directory_iterator(dir))
    if (!entry.path().filename().string().starts_with(key)) fs::remove_all(entry.path(), ec);
  return db;
}

// One index per test suite, with the tables and a searcher over it.
class SharedIndex : public ::testing::Test {
 protected:
  static void open(const std::string& name, const std::vector<fs::path>& inputs) {
    tables_ = std::make_unique<indexer::Tables>(indexer::Tables::load(data_dir()));
    db_ = cached_index(name, inputs, *tables_);
    searcher_ =
        std::make_unique<searcher::Searcher>(db_, searcher::SynonymTable::load(data_dir() / "synonyms.tsv"));
  }
  static void TearDownTestSuite() {
    searcher_.reset();
    tables_.reset();
  }

  static const fs::path& db() { return db_; }

  inline static fs::path db_;
  inline static std::unique_ptr<indexer::Tables> tables_;
  inline static std::unique_ptr<searcher::Searcher> searcher_;
};

// The bundled sample: Wiltshire 2012, 158 paragraphs.
class SampleIndex : public SharedIndex {
 protected:
  static void SetUpTestSuite() { open("sample", {sample_report()}); }
};

// Five reports of four frameworks and two authorities, published in five
// different years, as their front pages print: Wiltshire 2012-04-24 (the
// sample), 2015-09-01 (SIF), 2019-07-22 and 2023-12-12 (ILACS); Dorset
// 2025-05-09 (ILACS).
class InspectionsCorpus : public SharedIndex {
 protected:
  static std::vector<fs::path> reports() {
    const fs::path pdfs = shared_corpus() / "ofsted-pdf";
    return {sample_report(), pdfs / "80580_wiltshire",
            pdfs / "2532283_dorset" / "children's services inspection - 09 may 2025.pdf"};
  }
  static void SetUpTestSuite() {
    const auto inputs = reports();
    if (std::all_of(inputs.begin(), inputs.end(), [](const fs::path& p) { return fs::exists(p); }))
      open("inspections", inputs);
  }
  void SetUp() override {
    for (const auto& report : reports()) OFS_REQUIRE_CORPUS_PATH(report);
  }
};

}  // namespace ofs::test
