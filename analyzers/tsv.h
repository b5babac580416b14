// Reading the user-editable data tables (data/headings.tsv, agencies.tsv, authorities.tsv,
// synonyms.tsv): one format and one reader for all of them.
// Contract: UTF-8 text, one record a line, fields separated by TABs and
// trimmed of surrounding spaces; lines whose first non-space character is
// '#' and blank lines are skipped; CRLF line ends and a byte-order mark are
// accepted.  Every mistake, in this reader or in the table that uses the
// records, is a TsvError whose message is "file:line: problem (fix)".
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ofs::analyzers {

class TsvError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TsvRecord {
  std::string source;               // file name as given, for messages
  std::size_t line = 0;             // 1-based line number
  std::vector<std::string> fields;  // trimmed; empty fields kept

  // Throws TsvError "source:line: problem".
  [[noreturn]] void fail(std::string_view problem) const;
  // Fails unless the record has exactly `count` fields, naming them
  // ("framework, heading, level, area, why").
  void expect_fields(std::size_t count, std::string_view names) const;
};

// The records of `text`; `source` names it in messages.
std::vector<TsvRecord> parse_tsv(std::string_view text, std::string_view source);

// The records of `file`; `what` says what the file is for ("agency table")
// in the message when it cannot be read.
std::vector<TsvRecord> read_tsv(const std::filesystem::path& file, std::string_view what);

}  // namespace ofs::analyzers
