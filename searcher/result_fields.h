// The fields of a search result as scripts see them (json, jsonl, csv).
// Contract: this table is the one list of result fields; the json and csv
// printers both walk it, and README.md's "Result fields" table is checked
// against it by a test.  Field names are a stable interface: add fields,
// never rename or remove one.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "searcher/search.h"

namespace ofs::searcher {

enum class FieldScope {
  Paragraph,   // every result, and every context paragraph
  Result,      // every result
  Grouped,     // results of --group-by report
  Context,     // results of --context N (json only)
  CsvContext,  // results of --context N (csv only: the neighbours as text, one a line)
};

enum class CsvPlace {
  Column,      // a column, in table order
  LateColumn,  // a column added later: after every Column, so scripts reading columns by position keep
               // working
  None,        // not in csv
};

// One result, or one context paragraph of a result (hit is then null).
struct FieldSource {
  const schema::StoredParagraph& paragraph;
  const schema::ReportRecord& report;
  const Hit* hit;
};

struct ResultField {
  std::string_view name;
  FieldScope scope;
  CsvPlace csv;
  nlohmann::ordered_json (*value)(const FieldSource& source);  // null where unknown
};

// Every field, in the order a json result lists them.
std::span<const ResultField> result_fields();

// The csv header: Column fields, then LateColumn fields; Grouped ones only
// when the results are grouped, CsvContext ones only with --context.
std::vector<const ResultField*> csv_columns(bool grouped, bool context = false);

// "3f2a…:57": the report id and the paragraph's ordinal, as 'ofs show' takes it.
std::string paragraph_ref(const schema::StoredParagraph& paragraph);

// A paragraph's fields (FieldScope::Paragraph), as in a result or its context.
nlohmann::ordered_json paragraph_json(const schema::StoredParagraph& paragraph,
                                      const schema::ReportRecord& report);

}  // namespace ofs::searcher
