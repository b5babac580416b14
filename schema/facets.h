// The facets a search filters on and counts: for each, its name, its term
// prefix and value slot in the index (layout.h), whether a paragraph holds
// one value or several, and where its valid values come from.
// Contract: this table is the only place a facet name meets the index;
// find_facet() answers nothing for any other name, and callers turn that
// into an error naming the facets (facet_names()).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace ofs::schema {

enum class Vocabulary {
  Grades,     // analyzers::Grade's names ("outstanding" … "none"): grade_vocabulary()
  Areas,      // analyzers::canonical_areas()
  AsIndexed,  // whatever values the index holds (authorities, regions, frameworks, agencies)
  Years,      // four-digit years and year ranges, as indexed
};

enum class SlotEncoding {
  Text,      // the value itself
  Lines,     // several values joined by kValueSeparator
  Sortable,  // Xapian::sortable_serialise of a number
};

struct Facet {
  std::string_view name;    // as on the command line and in the query language ("grade")
  std::string_view prefix;  // boolean term prefix
  Xapian::valueno slot;     // value slot the facet counts are read from
  SlotEncoding encoding;
  bool multi_valued;  // a paragraph may hold several values
  Vocabulary vocabulary;
};

// Every facet, in the order help texts list them.
std::span<const Facet> facets();
// The facet called `name`; nullptr for any other name.
const Facet* find_facet(std::string_view name);
// "grade, area, agency, authority, region, year, framework".
const std::vector<std::string>& facet_names();

// The facet values stored in one document's slot for `facet`.
std::vector<std::string> slot_values(const Facet& facet, const std::string& slot_value);

// The grade facet's values, in the order of analyzers::Grade.
const std::vector<std::string>& grade_vocabulary();

}  // namespace ofs::schema
