#include "schema/analysis.h"

#include "analyzers/text.h"

namespace ofs::schema {

std::string normalise_for_terms(std::string_view text) { return analyzers::normalise_for_index(text); }

Xapian::Stem stemmer() { return Xapian::Stem("english"); }

void configure_term_generator(Xapian::TermGenerator& generator) {
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
}

std::string stem(std::string_view word) {
  thread_local Xapian::Stem english = stemmer();
  return english(std::string(word));
}

}  // namespace ofs::schema
