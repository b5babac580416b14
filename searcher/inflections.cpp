#include "searcher/inflections.h"

#include <vector>

#include "schema/analysis.h"
#include "searcher/search.h"

namespace ofs::searcher {

namespace {

// Terms read from the term list before giving up: the walk covers every
// indexed word starting with the stem less its last letter, a few thousand
// at most for a two-letter start on the real corpus.
constexpr std::size_t kMaxTermsScanned = 50'000;

QueryError too_many_forms(const std::string& word) {
  return QueryError("'" + word + "' stands for more than " + std::to_string(kMaxInflections) +
                    " indexed words in a phrase or NEAR/ADJ; write =" + word +
                    " for that exact form, or a longer word");
}

}  // namespace

Xapian::Query inflected_forms(const Xapian::Database& db, const std::string& word, const std::string& prefix,
                              Xapian::Query::op op) {
  const std::string stem = schema::stem(word);
  // English stemming rewrites at most the stem's last letter ("cry" -> "cri",
  // "possibility" -> "possibl"), so every form starts with the rest.
  const std::string start = prefix + stem.substr(0, stem.size() > 2 ? stem.size() - 1 : stem.size());
  std::vector<std::string> forms;
  std::size_t scanned = 0;
  for (auto t = db.allterms_begin(start); t != db.allterms_end(start); ++t) {
    if (++scanned > kMaxTermsScanned) throw too_many_forms(word);
    const std::string term = *t;
    if (schema::stem(std::string_view(term).substr(prefix.size())) != stem) continue;
    if (forms.size() == kMaxInflections) throw too_many_forms(word);
    forms.push_back(term);
  }
  if (forms.empty()) return Xapian::Query(prefix + word);  // matches nothing, as it should
  if (forms.size() == 1) return Xapian::Query(forms.front());
  // Inside NEAR and PHRASE, OP_OR: Xapian 1.4 takes terms or OP_OR of terms
  // only there (anything else throws UnimplementedError).
  return Xapian::Query(op, forms.begin(), forms.end());
}

}  // namespace ofs::searcher
