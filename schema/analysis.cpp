#include "schema/analysis.h"

#include "analyzers/text.h"

namespace ofs::schema {

std::string normalise_for_terms(std::string_view text) { return analyzers::normalise_for_index(text); }

Xapian::Stem stemmer() { return Xapian::Stem("english"); }

void configure_term_generator(Xapian::TermGenerator& generator) {
  generator.set_stemmer(stemmer());
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

std::string stem(std::string_view word) {
  thread_local Xapian::Stem english = stemmer();
  return english(std::string(word));
}

std::string stemmed_term(std::string_view prefix, std::string_view word) {
  return std::string(kStemPrefix) + std::string(prefix) + stem(word);
}

}  // namespace ofs::schema
