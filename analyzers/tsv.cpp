#include "analyzers/tsv.h"

#include <fstream>
#include <iterator>

#include "analyzers/text.h"
#include "analyzers/utf8.h"

namespace ofs::analyzers {

void TsvRecord::fail(std::string_view problem) const {
  throw TsvError(source + ":" + std::to_string(line) + ": " + std::string(problem));
}

void TsvRecord::expect_fields(std::size_t count, std::string_view names) const {
  if (fields.size() == count) return;
  fail("expected " + std::to_string(count) + " tab-separated fields: " + std::string(names) + "; found " +
       std::to_string(fields.size()) + " (separate the fields with one TAB each, not spaces)");
}

namespace {

std::vector<std::string> split_fields(std::string_view line) {
  std::vector<std::string> fields;
  while (true) {
    const std::size_t tab = line.find('\t');
    fields.emplace_back(trim(line.substr(0, tab)));
    if (tab == std::string_view::npos) return fields;
    line.remove_prefix(tab + 1);
  }
}

}  // namespace

std::vector<TsvRecord> parse_tsv(std::string_view text, std::string_view source) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // byte-order mark
  std::vector<TsvRecord> records;
  for (std::size_t number = 1; !text.empty(); ++number) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    const std::string_view content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    TsvRecord record{std::string(source), number, {}};
    if (auto at = first_invalid_utf8(line))
      record.fail("not valid UTF-8 at column " + std::to_string(*at + 1) + " (save the file as UTF-8)");
    record.fields = split_fields(line);
    records.push_back(std::move(record));
  }
  return records;
}

std::vector<TsvRecord> read_tsv(const std::filesystem::path& file, std::string_view what) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw TsvError(file.string() + ": cannot open " + std::string(what) +
                   " (check the path, or point --data-dir or OFS_DATA_DIR at the folder holding it)");
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return parse_tsv(text, file.string());
}

}  // namespace ofs::analyzers
