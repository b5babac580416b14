// The sample report indexed once per test executable, for the search tests.
#pragma once

#include <memory>

#include "indexer/indexer.h"
#include "searcher/search.h"
#include "searcher/synonyms.h"
#include "test_support.h"

namespace ofs::test {

class SampleIndex : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    tables_ = std::make_unique<indexer::Tables>(indexer::Tables::load(data_dir()));
    indexer::index_paths(db(), {sample_report()}, *tables_,
                         [](const indexer::FileOutcome&, std::size_t, std::size_t) {});
    searcher_ = std::make_unique<searcher::Searcher>(db(), searcher::SynonymTable::load(data_dir() / "synonyms.tsv"));
  }
  static void TearDownTestSuite() {
    searcher_.reset();
    tables_.reset();
    dir_.reset();
  }

  static std::filesystem::path db() { return dir_->path() / "db"; }

  inline static std::unique_ptr<TempDir> dir_;
  inline static std::unique_ptr<indexer::Tables> tables_;
  inline static std::unique_ptr<searcher::Searcher> searcher_;
};

}  // namespace ofs::test
