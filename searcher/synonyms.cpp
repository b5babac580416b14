#include "searcher/synonyms.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

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
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) by_position[*pos] = *term;
  Words words;
  for (auto& [pos, word] : by_position) words.push_back(std::move(word));
  return words;
}

SynonymTable SynonymTable::parse(const std::string& text, const std::string& source) {
  SynonymTable table;
  std::istringstream in(text);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string_view trimmed = analyzers::trim(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    const auto fail = [&](const std::string& problem) {
      return std::runtime_error(source + ":" + std::to_string(number) + ": " + problem);
    };
    std::vector<Words> forms;
    std::size_t start = 0;
    while (start <= line.size()) {
      std::size_t tab = line.find('\t', start);
      if (tab == std::string::npos) tab = line.size();
      const std::string form(analyzers::trim(std::string_view(line).substr(start, tab - start)));
      if (!form.empty()) {
        Words words = split_words(form);
        if (words.empty()) throw fail("'" + form + "' has no words");
        forms.push_back(std::move(words));
      }
      start = tab + 1;
    }
    if (forms.size() < 2)
      throw fail("a line needs at least two forms separated by tabs, e.g. 'S47<TAB>section 47'");
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
  std::ifstream in(tsv, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read synonyms file " + tsv.string());
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), tsv.string());
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
