#include "searcher/synonyms.h"

#include <algorithm>

#include <xapian.h>

#include "analyzers/text.h"
#include "schema/analysis.h"

namespace ofs::searcher {

Words split_words(const std::string& text) {
  // Index the text into a scratch document and read the words back in
  // position order: the only way to split exactly as the indexer does.
  Xapian::TermGenerator generator;
  Xapian::Document doc;
  generator.set_document(doc);
  generator.index_text(schema::normalise_for_terms(text));
  std::map<Xapian::termpos, std::string> by_position;
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term)
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos)
      by_position[*pos] = *term;
  Words words;
  for (auto& [pos, word] : by_position) words.push_back(std::move(word));
  return words;
}

SynonymTable SynonymTable::parse(const std::string& text, const std::string& source) {
  return from_rows(analyzers::parse_tsv(text, source));
}

SynonymTable SynonymTable::from_rows(const std::vector<analyzers::TsvRecord>& rows) {
  SynonymTable table;
  for (const auto& row : rows) {
    std::vector<Words> forms;
    for (const std::string& form : row.fields) {
      if (form.empty()) continue;
      Words words = split_words(form);
      if (words.empty()) row.fail("'" + form + "' has no words (a form needs at least one letter or digit)");
      forms.push_back(std::move(words));
    }
    if (forms.size() < 2)
      row.fail("a line needs at least two forms separated by tabs, e.g. 'S47<TAB>section 47'");
    for (const auto& form : forms) {
      table.longest_ = std::max(table.longest_, form.size());
      auto& alternatives = table.alternatives_[form];
      for (const auto& other : forms)
        if (other != form && std::find(alternatives.begin(), alternatives.end(), other) == alternatives.end())
          alternatives.push_back(other);
    }
  }
  return table;
}

SynonymTable SynonymTable::load(const std::filesystem::path& tsv) {
  return from_rows(analyzers::read_tsv(tsv, "synonyms file"));
}

SynonymTable SynonymTable::load_if_present(const std::filesystem::path& tsv) {
  return std::filesystem::exists(tsv) ? load(tsv) : SynonymTable{};
}

const std::vector<Words>& SynonymTable::alternatives(const Words& words) const {
  static const std::vector<Words> kNone;
  const auto it = alternatives_.find(words);
  return it == alternatives_.end() ? kNone : it->second;
}

}  // namespace ofs::searcher
