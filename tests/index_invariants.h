// What every committed state of an index must hold, and what it holds, read
// straight from the Xapian database: shared by the crash and concurrency
// tests (tests/living_index_test.cpp) and by the reliability harness's
// checker (tests/index_check.cpp, run by scripts/reliability.sh).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

namespace ofs::test {

// Everything a search can see of an index, in a canonical order: each
// document's terms (with wdf and positions), values and data by its unique
// term, and each report's catalogue entry without the time it was indexed.
inline std::string index_content(const std::filesystem::path& db) {
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
    auto entry = nlohmann::json::parse(d.get_metadata(*k));
    entry.erase("indexed_at");
    out += *k + " " + entry.dump() + "\n";
  }
  return out;
}

// Catalogue entries by report id.
inline std::map<std::string, nlohmann::json> catalogue(const std::filesystem::path& db) {
  Xapian::Database d(db.string());
  std::map<std::string, nlohmann::json> out;
  for (auto k = d.metadata_keys_begin("ofs:report:"); k != d.metadata_keys_end("ofs:report:"); ++k)
    out[(*k).substr(11)] = nlohmann::json::parse(d.get_metadata(*k));
  return out;
}

// The recorded files: key (the path, or for a long one its start and a hash) -> report key.
inline std::map<std::string, std::string> file_records(const std::filesystem::path& db) {
  Xapian::Database d(db.string());
  std::map<std::string, std::string> out;
  for (auto k = d.metadata_keys_begin("ofs:file:"); k != d.metadata_keys_end("ofs:file:"); ++k) {
    const auto entry = nlohmann::json::parse(d.get_metadata(*k));
    out[entry.value("path", (*k).substr(9))] = entry["key"];
  }
  return out;
}

// What breaks the promise that a committed state holds whole reports only:
// a report with fewer or more paragraph documents than its catalogue entry
// says, documents without their report's entry, a file record naming a
// report that is not there.  Empty when the state is whole.
inline std::vector<std::string> partial_state_defects(const std::filesystem::path& db) {
  Xapian::Database d(db.string());
  const auto reports = catalogue(db);
  std::vector<std::string> defects;
  for (const auto& [id, entry] : reports) {
    const auto held = d.get_termfreq("XR" + id);
    const auto listed = entry["paragraphs"].get<unsigned>();
    if (held != listed)
      defects.push_back("report " + id + " is partial: " + std::to_string(held) + " of its " +
                        std::to_string(listed) + " paragraphs");
  }
  for (auto t = d.allterms_begin("XR"); t != d.allterms_end("XR"); ++t)
    if (!reports.count((*t).substr(2)))
      defects.push_back(*t + ": " + std::to_string(t.get_termfreq()) +
                        " documents without a catalogue entry");
  for (const auto& [path, key] : file_records(db))
    if (!reports.count(key)) defects.push_back("file record " + path + " names no report");
  return defects;
}

}  // namespace ofs::test
