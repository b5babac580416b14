#include "indexer/index_state.h"

#include <fmt/format.h>
#include <xxhash.h>
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

// Xapian refuses keys over 255 bytes, and paths are often longer: a long
// path's key keeps its start (so keys still sort by folder) and ends with a
// hash of the whole path.  The path itself is always in the entry.
std::string entry_key(std::string_view prefix, const std::string& path) {
  constexpr std::size_t kMaxKey = 240;
  std::string key = std::string(prefix) + path;
  if (key.size() <= kMaxKey) return key;
  const XXH128_hash_t hash = XXH3_128bits(path.data(), path.size());
  const std::string tail = fmt::format("…#{:016x}{:016x}", hash.high64, hash.low64);
  key.resize(kMaxKey - tail.size());
  // Cut between UTF-8 characters, not inside one.
  while (!key.empty() && (static_cast<unsigned char>(key.back()) & 0xC0) == 0x80) key.pop_back();
  if (!key.empty() && static_cast<unsigned char>(key.back()) >= 0xC0) key.pop_back();
  return key + tail;
}
// Whether `key` is `path` cut and hashed, so that the entry must say the path.
bool key_is_hashed(std::string_view prefix, const std::string& path, const std::string& key) {
  return key.size() != prefix.size() + path.size();
}

// A path in an entry: hex, as a name need not be UTF-8 and JSON must be.
std::string hex_of(const std::string& bytes) {
  std::string out;
  for (unsigned char c : bytes) out += fmt::format("{:02x}", c);
  return out;
}
std::string bytes_of_hex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

// Adds the path to an entry whose key cannot hold it.
void note_path(json& entry, std::string_view prefix, const std::string& path) {
  if (key_is_hashed(prefix, path, entry_key(prefix, path))) entry["path_hex"] = hex_of(path);
}

std::string file_key(const std::string& path) { return entry_key(schema::kMetaFilePrefix, path); }
std::string rejected_key(const std::string& path) { return entry_key(schema::kMetaRejectedPrefix, path); }

// Calls `f(path, json)` for every well-formed entry under `prefix`; a damaged
// entry is passed over (the file is then simply read again).
template <typename F>
void for_each_entry(const Xapian::Database& db, std::string_view prefix, F f) {
  const std::string p(prefix);
  for (auto it = db.metadata_keys_begin(p); it != db.metadata_keys_end(p); ++it) {
    auto j = json::parse(db.get_metadata(*it), nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) continue;
    f(j.contains("path_hex") ? bytes_of_hex(j.value("path_hex", "")) : (*it).substr(p.size()), j);
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
  note_path(j, schema::kMetaFilePrefix, r.path);
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
  note_path(j, schema::kMetaRejectedPrefix, r.path);
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
