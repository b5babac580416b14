#include "indexer/index_state.h"

#include <nlohmann/json.hpp>

#include "indexer/structure.h"
#include "schema/layout.h"

namespace ofs::indexer {

using nlohmann::json;

namespace {

json stamp_json(const FileStamp& s) { return {{"size", s.size}, {"mtime_ns", s.mtime_ns}}; }

FileStamp stamp_from_json(const json& j) {
  return {j.value("size", std::uintmax_t{0}), j.value("mtime_ns", std::int64_t{0})};
}

std::string file_key(const std::string& path) { return std::string(schema::kMetaFilePrefix) + path; }
std::string rejected_key(const std::string& path) { return std::string(schema::kMetaRejectedPrefix) + path; }

// Calls `f(path, json)` for every well-formed entry under `prefix`; a damaged
// entry is passed over (the file is then simply read again).
template <typename F>
void for_each_entry(const Xapian::Database& db, std::string_view prefix, F f) {
  const std::string p(prefix);
  for (auto it = db.metadata_keys_begin(p); it != db.metadata_keys_end(p); ++it) {
    auto j = json::parse(db.get_metadata(*it), nullptr, /*allow_exceptions=*/false);
    if (j.is_object()) f((*it).substr(p.size()), j);
  }
}

}  // namespace

std::string structuring_version() {
  return std::string("ofs ") + OFS_VERSION + ", structure " + std::to_string(kStructureRevision);
}

IndexState IndexState::load(const Xapian::Database& db) {
  IndexState state;
  for_each_entry(db, schema::kMetaFilePrefix, [&](const std::string& path, const json& j) {
    state.files[path] = {path,
                         j.value("key", ""),
                         stamp_from_json(j),
                         j.value("structured_by", ""),
                         j.value("tables", ""),
                         j.value("indexed_at", "")};
  });
  for_each_entry(db, schema::kMetaRejectedPrefix, [&](const std::string& path, const json& j) {
    state.rejected[path] = {path, j.value("reason", ""), j.value("at", ""), stamp_from_json(j),
                            j.value("limits", "")};
  });
  return state;
}

void put_file_record(Xapian::WritableDatabase& db, const FileRecord& r) {
  json j = stamp_json(r.stamp);
  j["key"] = r.key;
  j["structured_by"] = r.structured_by;
  j["tables"] = r.tables;
  j["indexed_at"] = r.indexed_at;
  db.set_metadata(file_key(r.path), j.dump());
}

void erase_file_record(Xapian::WritableDatabase& db, const std::string& path) {
  db.set_metadata(file_key(path), "");
}

void put_rejection(Xapian::WritableDatabase& db, const Rejection& r) {
  json j = stamp_json(r.stamp);
  j["reason"] = r.reason;
  j["at"] = r.at;
  j["limits"] = r.limits;
  db.set_metadata(rejected_key(r.path), j.dump());
}

void erase_rejection(Xapian::WritableDatabase& db, const std::string& path) {
  db.set_metadata(rejected_key(path), "");
}

std::vector<Rejection> load_rejections(const Xapian::Database& db) {
  std::vector<Rejection> out;
  for (auto& [path, r] : IndexState::load(db).rejected) out.push_back(r);
  return out;
}

}  // namespace ofs::indexer
