#include "schema/facets.h"

#include <array>

#include "analyzers/grade.h"
#include "schema/layout.h"

namespace ofs::schema {

namespace {

constexpr std::array<Facet, 7> kFacets{{
    {"grade", kGrade, kSlotGrade, SlotEncoding::Text, false, Vocabulary::Grades},
    {"area", kArea, kSlotArea, SlotEncoding::Text, false, Vocabulary::Areas},
    {"agency", kAgency, kSlotAgencies, SlotEncoding::Lines, true, Vocabulary::AsIndexed},
    {"authority", kAuthority, kSlotAuthority, SlotEncoding::Text, false, Vocabulary::AsIndexed},
    {"region", kRegion, kSlotRegion, SlotEncoding::Text, false, Vocabulary::AsIndexed},
    {"year", kYear, kSlotYear, SlotEncoding::Sortable, false, Vocabulary::Years},
    {"framework", kFramework, kSlotFramework, SlotEncoding::Text, false, Vocabulary::AsIndexed},
}};

}  // namespace

std::span<const Facet> facets() { return kFacets; }

const Facet* find_facet(std::string_view name) {
  for (const auto& facet : kFacets)
    if (facet.name == name) return &facet;
  return nullptr;
}

const std::vector<std::string>& facet_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& facet : kFacets) out.emplace_back(facet.name);
    return out;
  }();
  return names;
}

std::vector<std::string> slot_values(const Facet& facet, const std::string& slot_value) {
  if (slot_value.empty()) return {};
  switch (facet.encoding) {
    case SlotEncoding::Text:
      return {slot_value};
    case SlotEncoding::Sortable:
      return {std::to_string(static_cast<long long>(Xapian::sortable_unserialise(slot_value)))};
    case SlotEncoding::Lines:
      break;
  }
  std::vector<std::string> values;
  std::size_t start = 0;
  while (start < slot_value.size()) {
    std::size_t end = slot_value.find(kValueSeparator, start);
    if (end == std::string::npos) end = slot_value.size();
    if (end > start) values.push_back(slot_value.substr(start, end - start));
    start = end + 1;
  }
  return values;
}

const std::vector<std::string>& grade_vocabulary() {
  using analyzers::Grade;
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (Grade g : {Grade::Outstanding, Grade::Good, Grade::Adequate, Grade::RequiresImprovement,
                    Grade::Inadequate, Grade::None})
      out.emplace_back(analyzers::grade_name(g));
    return out;
  }();
  return names;
}

}  // namespace ofs::schema
