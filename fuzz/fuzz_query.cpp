// Fuzzes the query language end to end: parse, build and run each input as
// a query against an index of the sample report.  A QueryError is the
// contract for bad input; any other exception, a crash, a hang or a memory
// blow-up is a defect.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "indexer/indexer.h"
#include "searcher/search.h"
#include "searcher/synonyms.h"

namespace {

namespace fs = std::filesystem;

struct Index {
  fs::path dir;
  ofs::indexer::Tables tables;
  std::unique_ptr<ofs::searcher::Searcher> searcher;
};

Index* index_of_sample() {
  static Index* index = [] {
    auto* made = new Index{fs::temp_directory_path() / ("ofs-fuzz-query-" + std::to_string(getpid())),
                           ofs::indexer::Tables::load(fs::path(OFS_SOURCE_DIR) / "data"), nullptr};
    fs::remove_all(made->dir);
    ofs::indexer::index_paths(
        made->dir,
        {fs::path(OFS_SOURCE_DIR) / "corpus" / "wiltshire-2012-safeguarding-and-looked-after-children.txt"},
        made->tables, [](const ofs::indexer::FileOutcome&, std::size_t, std::size_t) {});
    made->searcher = std::make_unique<ofs::searcher::Searcher>(
        made->dir, ofs::searcher::SynonymTable::load(fs::path(OFS_SOURCE_DIR) / "data" / "synonyms.tsv"));
    std::atexit([] { fs::remove_all(index_of_sample()->dir); });
    return made;
  }();
  return index;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  index_of_sample();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ofs::searcher::SearchRequest request;
  request.query.assign(reinterpret_cast<const char*>(data), size);
  request.limit = 5;
  request.count_facets = {"grade", "area"};
  try {
    index_of_sample()->searcher->search(request);
  } catch (const ofs::searcher::QueryError&) {
  }
  return 0;
}
