// Fuzzes the saved-queries file reader: a file is either refused with a
// SavedQueryError or read; what was read, written back, reads back the same.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "searcher/saved_queries.h"

namespace {

bool same(const ofs::searcher::SavedQuery& a, const ofs::searcher::SavedQuery& b) {
  return a.name == b.name && a.description == b.description && a.query == b.query && a.filters == b.filters &&
         a.facets == b.facets && a.format == b.format && a.limit == b.limit && a.sort == b.sort &&
         a.latest == b.latest && a.declined == b.declined && a.improved == b.improved &&
         a.created == b.created;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ofs::searcher::SavedQueries saved;
  try {
    saved = ofs::searcher::parse_saved_queries(std::string_view(reinterpret_cast<const char*>(data), size),
                                               "fuzz.toml");
  } catch (const ofs::searcher::SavedQueryError&) {
    return 0;
  }
  const auto again = ofs::searcher::parse_saved_queries(ofs::searcher::to_toml(saved), "written.toml");
  if (again.queries.size() != saved.queries.size()) std::abort();
  for (std::size_t i = 0; i < saved.queries.size(); ++i)
    if (!same(saved.queries[i], again.queries[i])) std::abort();
  return 0;
}
