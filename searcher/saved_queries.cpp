#include "searcher/saved_queries.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <random>
#include <sstream>

#include <toml++/toml.h>

#include "analyzers/areas.h"
#include "searcher/search.h"

namespace ofs::searcher {

namespace fs = std::filesystem;

namespace {

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string iso_of(const toml::date_time& dt) {
  std::string out = std::to_string(dt.date.year) + "-" + two_digits(dt.date.month) + "-" + two_digits(dt.date.day) +
                    "T" + two_digits(dt.time.hour) + ":" + two_digits(dt.time.minute) + ":" +
                    two_digits(dt.time.second);
  if (dt.offset && dt.offset->minutes == 0) out += "Z";
  return out;
}

// "2024-05-01T10:00:00Z" as a TOML date-time, so the file shows a real
// date rather than a string; nothing when the text is not exactly in that
// form (" 2024-…", "2024-05-01 10:00:00Z" or a second line stay strings, so
// rewriting the file keeps them as written).
std::optional<toml::date_time> date_time_of(const std::string& iso) {
  try {
    const toml::table parsed = toml::parse("t = " + iso, std::string_view("date"));
    const auto* node = parsed.get("t");
    if (node && node->is_date_time() && iso_of(*node->value<toml::date_time>()) == iso)
      return node->value<toml::date_time>();
  } catch (const toml::parse_error&) {
  }
  return std::nullopt;
}

// Reads one saved query, checking every field's type, and names the file,
// line and query in any complaint: hand-edited files are expected.
class QueryReader {
 public:
  QueryReader(const std::string& source, std::string name, const toml::table& table)
      : source_(source), name_(std::move(name)), table_(table) {}

  SavedQuery read() {
    SavedQuery q;
    q.name = name_;
    for (const auto& [key, node] : table_) {
      const std::string k(key.str());
      if (k == "description") q.description = string(node, k);
      else if (k == "query") q.query = string(node, k);
      else if (k == "filters") q.filters = filters(node);
      else if (k == "facets") q.facets = facet_names(node);
      else if (k == "format") q.format = one_of(node, k, kSavedFormats);
      else if (k == "limit") q.limit = count(node, k);
      else if (k == "sort") q.sort = one_of(node, k, kSavedSorts);
      else if (k == "latest") q.latest = boolean(node, k);
      else if (k == "declined") q.declined = areas(node, k);
      else if (k == "improved") q.improved = areas(node, k);
      else if (k == "created") q.created = timestamp(node, k);
      else
        fail(node, "unknown field '" + k +
                       "'; fields are description, query, filters, facets, format, limit, sort, latest, declined, "
                       "improved, created");
    }
    return q;
  }

 private:
  [[noreturn]] void fail(const toml::node& node, const std::string& what) const {
    throw SavedQueryError(source_ + ":" + std::to_string(node.source().begin.line) + ": saved query '" + name_ +
                          "': " + what);
  }

  std::string string(const toml::node& node, const std::string& key) const {
    if (auto s = node.value<std::string>(); s && node.is_string()) return *s;
    fail(node, "'" + key + "' must be a string in quotes");
  }

  std::vector<std::string> strings(const toml::node& node, const std::string& key) const {
    // A single value is accepted for a list: grade = "inadequate".
    if (node.is_string()) return {*node.value<std::string>()};
    const auto* array = node.as_array();
    if (!array) fail(node, "'" + key + "' must be a list of strings, e.g. [\"a\", \"b\"]");
    std::vector<std::string> out;
    for (const auto& item : *array) out.push_back(string(item, key));
    return out;
  }

  std::string one_of(const toml::node& node, const std::string& key, const std::vector<std::string>& valid) const {
    std::string value = string(node, key);
    if (!contains(valid, value)) fail(node, "'" + key + "' is '" + value + "'; use one of " + join(valid));
    return value;
  }

  std::size_t count(const toml::node& node, const std::string& key) const {
    const auto n = node.value<int64_t>();
    if (!node.is_integer() || !n || *n < 0) fail(node, "'" + key + "' must be a whole number, 0 or more");
    return static_cast<std::size_t>(*n);
  }

  bool boolean(const toml::node& node, const std::string& key) const {
    if (!node.is_boolean()) fail(node, "'" + key + "' must be true or false");
    return *node.value<bool>();
  }

  std::string timestamp(const toml::node& node, const std::string& key) const {
    if (auto dt = node.value<toml::date_time>(); dt && node.is_date_time()) return iso_of(*dt);
    if (node.is_string()) return *node.value<std::string>();
    fail(node, "'" + key + "' must be a date-time such as 2024-05-01T10:00:00Z");
  }

  std::map<std::string, std::vector<std::string>> filters(const toml::node& node) const {
    const auto* table = node.as_table();
    if (!table) fail(node, "'filters' must be a table of facet = [values], e.g. filters = { grade = [\"inadequate\"] }");
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& [key, values] : *table) {
      const std::string facet(key.str());
      if (!contains(kFacets, facet)) fail(values, "unknown facet '" + facet + "' in filters; facets are " + join(kFacets));
      out[facet] = strings(values, "filters." + facet);
    }
    return out;
  }

  std::vector<std::string> facet_names(const toml::node& node) const {
    auto names = strings(node, "facets");
    for (const auto& facet : names)
      if (!contains(kFacets, facet)) fail(node, "unknown facet '" + facet + "' in facets; facets are " + join(kFacets));
    return names;
  }

  std::vector<std::string> areas(const toml::node& node, const std::string& key) const {
    auto names = strings(node, key);
    for (const auto& area : names)
      if (!analyzers::is_canonical_area(area))
        fail(node, "unknown area '" + area + "' in " + key + "; areas are " + join(analyzers::canonical_areas()));
    return names;
  }

  const std::string& source_;
  std::string name_;
  const toml::table& table_;
};

toml::array array_of(const std::vector<std::string>& values) {
  toml::array out;
  for (const auto& v : values) out.push_back(v);
  return out;
}

template <typename Node>
std::string formatted(const Node& node) {
  std::ostringstream out;
  out << toml::toml_formatter(node);
  return out.str();
}

std::string formatted_string(const std::string& s) { return formatted(toml::value<std::string>(s)); }

toml::table parse_toml(std::string_view text, const std::string& source) {
  try {
    return toml::parse(text, std::string_view(source));
  } catch (const toml::parse_error& e) {
    throw SavedQueryError(source + ":" + std::to_string(e.source().begin.line) + ": not valid TOML: " +
                          std::string(e.description()));
  }
}

std::string read_whole_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw SavedQueryError("cannot read " + file.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

const SavedQuery* SavedQueries::find(std::string_view name) const {
  for (const auto& q : queries)
    if (q.name == name) return &q;
  return nullptr;
}

bool SavedQueries::put(SavedQuery query) {
  for (auto& q : queries)
    if (q.name == query.name) {
      q = std::move(query);
      return true;
    }
  queries.push_back(std::move(query));
  return false;
}

bool SavedQueries::remove(std::string_view name) {
  const auto before = queries.size();
  std::erase_if(queries, [&](const SavedQuery& q) { return q.name == name; });
  return queries.size() != before;
}

void check_query_name(const std::string& name) {
  const bool ok = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
  if (!ok)
    throw SavedQueryError("bad saved query name '" + name +
                          "': use letters, digits, '-' and '_' only (e.g. neglect-inadequate)");
}

SavedQueries parse_saved_queries(std::string_view text, const std::string& source) {
  const toml::table root = parse_toml(text, source);
  auto at = [&](const toml::node& node) { return source + ":" + std::to_string(node.source().begin.line) + ": "; };
  for (const auto& [key, node] : root)
    if (key.str() != "version" && key.str() != "queries")
      throw SavedQueryError(at(node) + "unknown top-level field '" + std::string(key.str()) +
                            "'; a saved-queries file has 'version' and [queries.NAME] tables");
  if (const auto* version = root.get("version")) {
    const auto v = version->value<int64_t>();
    if (!version->is_integer() || !v) throw SavedQueryError(at(*version) + "'version' must be a whole number");
    if (*v > kSavedQueriesVersion)
      throw SavedQueryError(at(*version) + "file version " + std::to_string(*v) + " is newer than this ofs reads (" +
                            std::to_string(kSavedQueriesVersion) + "); upgrade ofs");
  }
  SavedQueries saved;
  const auto* queries_node = root.get("queries");
  if (!queries_node) return saved;
  const auto* queries = queries_node->as_table();
  if (!queries) throw SavedQueryError(at(*queries_node) + "'queries' must hold [queries.NAME] tables");
  std::vector<std::pair<std::size_t, SavedQuery>> by_line;
  for (const auto& [key, node] : *queries) {
    const std::string name(key.str());
    const auto* table = node.as_table();
    if (!table) throw SavedQueryError(at(node) + "saved query '" + name + "' must be a [queries." + name + "] table");
    try {
      check_query_name(name);
    } catch (const SavedQueryError& e) {
      throw SavedQueryError(at(node) + e.what());
    }
    by_line.emplace_back(node.source().begin.line, QueryReader(source, name, *table).read());
  }
  // toml++ keeps keys sorted; the file's own order is the one people chose.
  std::stable_sort(by_line.begin(), by_line.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [line, query] : by_line) saved.queries.push_back(std::move(query));
  return saved;
}

SavedQueries load_saved_queries(const fs::path& file) {
  if (!fs::exists(file)) return {};
  return parse_saved_queries(read_whole_file(file), file.string());
}

std::string to_toml(const SavedQueries& saved) {
  // Written field by field (not by dumping a toml::table, which sorts keys)
  // so the file reads in a sensible order: what it asks, then how to show it.
  std::ostringstream out;
  out << "# ofs saved queries (docs/saved-queries.md).  Edit by hand or with 'ofs saved add/rm'.\n"
      << "# ofs rewrites this file on 'add' and 'rm': keep notes in 'description', not in comments.\n"
      << "version = " << kSavedQueriesVersion << "\n";
  for (const auto& q : saved.queries) {
    out << "\n[queries." << q.name << "]\n";
    if (!q.description.empty()) out << "description = " << formatted_string(q.description) << "\n";
    out << "query = " << formatted_string(q.query) << "\n";
    toml::table filters;
    for (const auto& [facet, values] : q.filters)
      if (!values.empty()) filters.insert(facet, array_of(values));
    filters.is_inline(true);
    if (!filters.empty()) out << "filters = " << formatted(filters) << "\n";
    if (q.latest) out << "latest = true\n";
    if (!q.declined.empty()) out << "declined = " << formatted(array_of(q.declined)) << "\n";
    if (!q.improved.empty()) out << "improved = " << formatted(array_of(q.improved)) << "\n";
    if (!q.facets.empty()) out << "facets = " << formatted(array_of(q.facets)) << "\n";
    if (!q.format.empty()) out << "format = " << formatted_string(q.format) << "\n";
    if (q.limit) out << "limit = " << *q.limit << "\n";
    if (!q.sort.empty()) out << "sort = " << formatted_string(q.sort) << "\n";
    if (!q.created.empty()) {
      if (auto dt = date_time_of(q.created))
        out << "created = " << formatted(toml::value<toml::date_time>(*dt)) << "\n";
      else
        out << "created = " << formatted_string(q.created) << "\n";
    }
  }
  return out.str();
}

void save_saved_queries(const fs::path& file, const SavedQueries& saved) { write_file_atomically(file, to_toml(saved)); }

fs::path run_state_path(const fs::path& saved_file) {
  fs::path state = saved_file;
  state.replace_filename(saved_file.stem().string() + ".state.toml");
  return state;
}

RunState load_run_state(const fs::path& state_file) {
  RunState state;
  if (!fs::exists(state_file)) return state;
  const toml::table root = parse_toml(read_whole_file(state_file), state_file.string());
  if (const auto* last_run = root["last_run"].as_table())
    for (const auto& [name, node] : *last_run) {
      if (auto dt = node.value<toml::date_time>(); dt && node.is_date_time())
        state[std::string(name.str())] = iso_of(*dt);
      else if (node.is_string())
        state[std::string(name.str())] = *node.value<std::string>();
    }
  return state;
}

void save_run_state(const fs::path& state_file, const RunState& state) {
  std::ostringstream out;
  out << "# When each ofs saved query last ran, for 'ofs saved run --new'.  Written by ofs;\n"
      << "# delete a line to make that query's next --new run see everything.\n"
      << "version = " << kSavedQueriesVersion << "\n\n[last_run]\n";
  for (const auto& [name, when] : state) {
    out << name << " = ";
    if (auto dt = date_time_of(when))
      out << formatted(toml::value<toml::date_time>(*dt)) << "\n";
    else
      out << formatted_string(when) << "\n";
  }
  write_file_atomically(state_file, out.str());
}

void write_file_atomically(const fs::path& file, const std::string& contents) {
  const fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  std::random_device rd;
  const fs::path temp = dir / ("." + file.filename().string() + ".tmp-" + std::to_string(getpid()) + "-" +
                               std::to_string(rd()));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << contents;
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(temp, ec);
      throw std::runtime_error("cannot write " + file.string() + " (temporary file " + temp.string() + " failed)");
    }
  }
  std::error_code ec;
  fs::rename(temp, file, ec);
  if (ec) {
    fs::remove(temp, ec);
    throw std::runtime_error("cannot write " + file.string() + ": " + ec.message());
  }
}

}  // namespace ofs::searcher
