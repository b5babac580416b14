// Domain synonyms ("S47" <-> "section 47") read from a user-editable TSV
// file, data/synonyms.tsv.  Expansion happens while the searcher builds a
// query (client side), so multi-word forms become phrases and nothing has
// to be stored in the index.
// Contract: every form on a line is equivalent to every other form on that
// line; forms are compared as lower-case word sequences, split into words
// exactly as the indexer splits text.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "analyzers/tsv.h"

namespace ofs::searcher {

using Words = std::vector<std::string>;

// The lower-case words of `text`, split as Xapian's TermGenerator splits
// text at indexing time ("Multi-agency" -> {"multi", "agency"}).
Words split_words(const std::string& text);

class SynonymTable {
 public:
  // Loads `tsv`; throws std::runtime_error "file:line: problem" on a
  // malformed line and when the file cannot be read.
  static SynonymTable load(const std::filesystem::path& tsv);
  // Same as load() from text in memory; `source` names it in messages.
  static SynonymTable parse(const std::string& text, const std::string& source);
  // load() when `tsv` exists, an empty table otherwise (older data dirs).
  static SynonymTable load_if_present(const std::filesystem::path& tsv);

  // The other forms equivalent to `words` (empty when it has none).
  const std::vector<Words>& alternatives(const Words& words) const;
  // The largest number of words in any form, to bound look-ahead.
  std::size_t longest_form() const { return longest_; }
  bool empty() const { return alternatives_.empty(); }

 private:
  static SynonymTable from_rows(const std::vector<analyzers::TsvRecord>& rows);

  std::map<Words, std::vector<Words>> alternatives_;
  std::size_t longest_ = 0;
};

}  // namespace ofs::searcher
