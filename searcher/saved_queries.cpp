#include "searcher/saved_queries.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <random>
#include <sstream>

#include <toml++/toml.h>

#include "analyzers/areas.h"
#include "searcher/output.h"
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
  std::string out = std::to_string(dt.date.year) + "-" + two_digits(dt.date.month) + "-" +
                    two_digits(dt.date.day) + "T" + two_digits(dt.time.hour) + ":" +
                    two_digits(dt.time.minute) + ":" + two_digits(dt.time.second);
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
      else if (k == "format") q.format = one_of(node, k, kFormatNames);
      else if (k == "limit") q.limit = count(node, k);
      else if (k == "sort") q.sort = one_of(node, k, kSortNames);
      else if (k == "latest") q.latest = boolean(node, k);
      else if (k == "declined") q.declined = areas(node, k);
      else if (k == "improved") q.improved = areas(node, k);
      else if (k == "created") q.created = timestamp(node, k);
      else
        fail(node,
             "unknown field '" + k +
                 "'; fields are description, query, filters, facets, format, limit, sort, latest, declined, "
                 "improved, created");
    }
    return q;
  }

 private:
  [[noreturn]] void fail(const toml::node& node, const std::string& what) const {
    throw SavedQueryError(source_ + ":" + std::to_string(node.source().begin.line) + ": saved query '" +
                          name_ + "': " + what);
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

  std::string one_of(const toml::node& node, const std::string& key,
                     const std::vector<std::string>& valid) const {
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
    if (!table)
      fail(node,
           "'filters' must be a table of facet = [values], e.g. filters = { grade = [\"inadequate\"] }");
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& [key, values] : *table) {
      const std::string facet(key.str());
      if (!contains(kFacets, facet))
        fail(values, "unknown facet '" + facet + "' in filters; facets are " + join(kFacets));
      out[facet] = strings(values, "filters." + facet);
    }
    return out;
  }

  std::vector<std::string> facet_names(const toml::node& node) const {
    auto names = strings(node, "facets");
    for (const auto& facet : names)
      if (!contains(kFacets, facet))
        fail(node, "unknown facet '" + facet + "' in facets; facets are " + join(kFacets));
    return names;
  }

  std::vector<std::string> areas(const toml::node& node, const std::string& key) const {
    auto names = strings(node, key);
    for (const auto& area : names)
      if (!analyzers::is_canonical_area(area))
        fail(node,
             "unknown area '" + area + "' in " + key + "; areas are " + join(analyzers::canonical_areas()));
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

// A timestamp as a TOML date-time when it is one, else as the string it is.
void insert_time(toml::table& table, const std::string& key, const std::string& iso) {
  if (auto dt = date_time_of(iso)) table.insert(key, *dt);
  else table.insert(key, iso);
}

// toml++ writes every key and value, quoting and escaping them as TOML
// requires.  Literal ('...') strings are turned off: toml++ 3.3 writes a key
// holding a line break as a literal string, which no TOML reader accepts.
std::string formatted(const toml::table& table) {
  std::ostringstream out;
  out << toml::toml_formatter(
      table, toml::toml_formatter::default_flags & ~toml::format_flags::allow_literal_strings);
  return out.str();
}

toml::table table_of(const SavedQuery& q) {
  toml::table t;
  if (!q.description.empty()) t.insert("description", q.description);
  t.insert("query", q.query);
  toml::table filters;
  for (const auto& [facet, values] : q.filters)
    if (!values.empty()) filters.insert(facet, array_of(values));
  filters.is_inline(true);
  if (!filters.empty()) t.insert("filters", std::move(filters));
  if (q.latest) t.insert("latest", true);
  if (!q.declined.empty()) t.insert("declined", array_of(q.declined));
  if (!q.improved.empty()) t.insert("improved", array_of(q.improved));
  if (!q.facets.empty()) t.insert("facets", array_of(q.facets));
  if (!q.format.empty()) t.insert("format", q.format);
  if (q.limit) t.insert("limit", static_cast<int64_t>(*q.limit));
  if (!q.sort.empty()) t.insert("sort", q.sort);
  if (!q.created.empty()) insert_time(t, "created", q.created);
  return t;
}

toml::table parse_toml(std::string_view text, const std::string& source) {
  try {
    return toml::parse(text, std::string_view(source));
  } catch (const toml::parse_error& e) {
    throw SavedQueryError(source + ":" + std::to_string(e.source().begin.line) +
                          ": not valid TOML: " + std::string(e.description()));
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
  auto at = [&](const toml::node& node) {
    return source + ":" + std::to_string(node.source().begin.line) + ": ";
  };
  for (const auto& [key, node] : root)
    if (key.str() != "version" && key.str() != "queries")
      throw SavedQueryError(at(node) + "unknown top-level field '" + std::string(key.str()) +
                            "'; a saved-queries file has 'version' and [queries.NAME] tables");
  if (const auto* version = root.get("version")) {
    const auto v = version->value<int64_t>();
    if (!version->is_integer() || !v)
      throw SavedQueryError(at(*version) + "'version' must be a whole number");
    if (*v > kSavedQueriesVersion)
      throw SavedQueryError(at(*version) + "file version " + std::to_string(*v) +
                            " is newer than this ofs reads (" + std::to_string(kSavedQueriesVersion) +
                            "); upgrade ofs");
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
    if (!table)
      throw SavedQueryError(at(node) + "saved query '" + name + "' must be a [queries." + name + "] table");
    try {
      check_query_name(name);
    } catch (const SavedQueryError& e) {
      throw SavedQueryError(at(node) + e.what());
    }
    by_line.emplace_back(node.source().begin.line, QueryReader(source, name, *table).read());
  }
  // toml++ keeps keys sorted; the file's own order is the one people chose.
  std::stable_sort(by_line.begin(), by_line.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [line, query] : by_line) saved.queries.push_back(std::move(query));
  return saved;
}

SavedQueries load_saved_queries(const fs::path& file) {
  if (!fs::exists(file)) return {};
  return parse_saved_queries(read_whole_file(file), file.string());
}

std::string to_toml(const SavedQueries& saved) {
  // One [queries.NAME] table at a time, so the file keeps the order people
  // chose (a whole toml::table would be written in key order).
  std::string out =
      "# ofs saved queries (docs/saved-queries.md).  Edit by hand or with 'ofs saved add/rm'.\n"
      "# ofs rewrites this file on 'add' and 'rm': keep notes in 'description', not in comments.\n";
  out += formatted(toml::table{{"version", kSavedQueriesVersion}}) + "\n";
  for (const auto& q : saved.queries)
    out += "\n" + formatted(toml::table{{"queries", toml::table{{q.name, table_of(q)}}}}) + "\n";
  return out;
}

void save_saved_queries(const fs::path& file, const SavedQueries& saved) {
  write_file_atomically(file, to_toml(saved));
}

fs::path run_state_path(const fs::path& saved_file) {
  fs::path state = saved_file;
  state.replace_filename(saved_file.stem().string() + ".state.toml");
  return state;
}

RunState load_run_state(const fs::path& state_file) {
  RunState state;
  if (!fs::exists(state_file)) return state;
  const toml::table root = parse_toml(read_whole_file(state_file), state_file.string());
  const auto text_of = [](const toml::node* node) -> std::string {
    if (!node) return "";
    if (auto dt = node->value<toml::date_time>(); dt && node->is_date_time()) return iso_of(*dt);
    return node->value_or<std::string>("");
  };
  if (root["version"].value_or<int64_t>(1) < kRunStateVersion) {
    // Version 1: [last_run] name = time, and --new counted from the last run of any kind.
    if (const auto* last_run = root["last_run"].as_table())
      for (const auto& [name, node] : *last_run) {
        const std::string when = text_of(&node);
        state[std::string(name.str())] = {when, IndexedCutoff{when, {}}};
      }
    return state;
  }
  if (const auto* queries = root["queries"].as_array())
    for (const auto& item : *queries) {
      const auto* table = item.as_table();
      if (!table || !table->get("name") || !table->get("name")->is_string()) continue;
      QueryRunState query;
      query.last_run = text_of(table->get("last_run"));
      if (const auto* at = table->get("cutoff_indexed_at")) {
        query.cutoff = IndexedCutoff{text_of(at), {}};
        if (const auto* seen = table->get_as<toml::array>("cutoff_reports"))
          for (const auto& id : *seen)
            if (id.is_string()) query.cutoff->seen.push_back(*id.value<std::string>());
      }
      state[*table->get("name")->value<std::string>()] = std::move(query);
    }
  return state;
}

std::string run_state_toml(const RunState& state) {
  // Names are values, never keys: a hand-edited state file may hold any
  // name, and a value is quoted and escaped whatever it holds.
  toml::array queries;
  for (const auto& [name, query] : state) {
    toml::table t{{"name", name}};
    if (!query.last_run.empty()) insert_time(t, "last_run", query.last_run);
    if (query.cutoff) {
      insert_time(t, "cutoff_indexed_at", query.cutoff->indexed_at);
      t.insert("cutoff_reports", array_of(query.cutoff->seen));
    }
    queries.push_back(std::move(t));
  }
  std::string out =
      "# When each ofs saved query last ran, and where its next 'ofs saved run --new'\n"
      "# starts: reports indexed after cutoff_indexed_at, or at that second and not in\n"
      "# cutoff_reports.  Written by ofs; delete a query's cutoff_* lines to make its\n"
      "# next --new run see everything.\n";
  out += formatted(toml::table{{"version", kRunStateVersion}}) + "\n";
  if (!queries.empty()) out += "\n" + formatted(toml::table{{"queries", std::move(queries)}}) + "\n";
  return out;
}

void save_run_state(const fs::path& state_file, const RunState& state) {
  write_file_atomically(state_file, run_state_toml(state));
}

namespace {

[[noreturn]] void fail_write(const fs::path& file, const std::string& what, int error) {
  throw std::runtime_error("cannot write " + file.string() + ": " + what + ": " + std::strerror(error));
}

}  // namespace

void write_file_atomically(const fs::path& file, const std::string& contents) {
  const fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  std::random_device rd;
  const fs::path temp = dir / ("." + file.filename().string() + ".tmp-" + std::to_string(getpid()) + "-" +
                               std::to_string(rd()));
  // A new file is made as any other (0666 less the umask); a rewritten one keeps its mode.
  struct stat existing {};
  const bool exists = ::stat(file.c_str(), &existing) == 0;
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) fail_write(file, "cannot create a temporary file in " + dir.string(), errno);
  const auto give_up = [&](const std::string& what) {
    const int error = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    fail_write(file, what, error);
  };
  if (exists && ::fchmod(fd, existing.st_mode & 07777) != 0) give_up("cannot keep its permissions");
  for (std::size_t written = 0; written < contents.size();) {
    const ssize_t n = ::write(fd, contents.data() + written, contents.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) give_up("writing " + temp.string());
    written += static_cast<std::size_t>(n);
  }
  // On disk before the rename, so that a crash leaves the old file or the new one.
  if (::fsync(fd) != 0) give_up("flushing " + temp.string());
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    fail_write(file, "closing " + temp.string(), error);
  }
  if (::rename(temp.c_str(), file.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    fail_write(file, "renaming " + temp.string(), error);
  }
  // The rename itself is durable once the folder is flushed.
  if (const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
}

}  // namespace ofs::searcher
