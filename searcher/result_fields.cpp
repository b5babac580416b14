#include "searcher/result_fields.h"

#include <array>

#include "searcher/output.h"

namespace ofs::searcher {

using ojson = nlohmann::ordered_json;

namespace {

ojson text_or_null(const std::string& value) { return value.empty() ? ojson(nullptr) : ojson(value); }
ojson number_or_null(int value) { return value > 0 ? ojson(value) : ojson(nullptr); }

ojson context_json(const FieldSource& s) {
  if (!s.hit || (s.hit->before.empty() && s.hit->after.empty())) return nullptr;
  ojson before = ojson::array(), after = ojson::array();
  for (const auto& p : s.hit->before) before.push_back(paragraph_json(p, s.report));
  for (const auto& p : s.hit->after) after.push_back(paragraph_json(p, s.report));
  return {{"before", std::move(before)}, {"after", std::move(after)}};
}

// [start, end) of each highlighted run in the plain snippet, counted in
// code points so that any language can slice the string it decoded.
ojson highlight_ranges(const std::string& snippet) {
  auto ranges = ojson::array();
  std::size_t position = 0, start = 0;
  for (char c : snippet) {
    if (c == kHighlightStart) {
      start = position;
    } else if (c == kHighlightEnd) {
      if (position > start) ranges.push_back({start, position});
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++position;
    }
  }
  return ranges;
}

// "¶31 Safe recruitment…", one neighbouring paragraph a line.
ojson context_text(const std::vector<schema::StoredParagraph>& paragraphs) {
  std::string joined;
  for (const auto& p : paragraphs) joined += (joined.empty() ? "" : "\n") + short_label(p) + " " + p.text;
  return joined;
}

using S = const FieldSource&;
constexpr auto P = FieldScope::Paragraph;
constexpr auto C = CsvPlace::Column;
constexpr auto Late = CsvPlace::LateColumn;

const std::array<ResultField, 30> kFields{{
    {"report", P, C, [](S s) { return ojson(s.report.path); }},
    {"authority", P, C, [](S s) { return ojson(s.report.authority); }},
    {"framework", P, C, [](S s) { return ojson(s.report.framework); }},
    {"published", P, C, [](S s) { return text_or_null(s.report.published); }},
    {"inspection_start", P, Late, [](S s) { return text_or_null(s.report.inspection_start); }},
    {"inspection_end", P, Late, [](S s) { return text_or_null(s.report.inspection_end); }},
    {"para", P, C, [](S s) { return number_or_null(s.paragraph.para); }},
    {"item", P, C, [](S s) { return number_or_null(s.paragraph.item); }},
    {"page", P, C, [](S s) { return number_or_null(s.paragraph.page); }},
    {"page_end", P, Late,
     [](S s) { return number_or_null(s.paragraph.page_end ? s.paragraph.page_end : s.paragraph.page); }},
    {"match_page", FieldScope::Result, Late, [](S s) { return number_or_null(s.hit->match_page); }},
    {"section", P, C, [](S s) { return ojson(s.paragraph.section); }},
    {"area", P, C, [](S s) { return ojson(s.paragraph.area); }},
    {"grade", P, C, [](S s) { return ojson(std::string(analyzers::grade_name(s.paragraph.grade))); }},
    {"grade_text", P, C, [](S s) { return text_or_null(s.paragraph.grade_text); }},
    {"agencies", P, C, [](S s) { return ojson(s.paragraph.agencies); }},
    {"organisations", P, C, [](S s) { return ojson(s.paragraph.organisations); }},
    {"text", P, C, [](S s) { return ojson(s.paragraph.text); }},
    // Where the paragraph sits, to fetch it with its neighbours (/api/paragraph).
    {"report_id", P, CsvPlace::None, [](S s) { return ojson(s.paragraph.report_id); }},
    {"ordinal", P, CsvPlace::None, [](S s) { return ojson(s.paragraph.ordinal); }},
    // DfE LA code and region (after the columns of earlier releases, so CSV positions hold),
    // from data/authorities.tsv: to join with DfE statistics.
    {"la_code", P, Late, [](S s) { return text_or_null(s.report.la_code); }},
    {"region", P, Late, [](S s) { return text_or_null(s.report.region); }},
    // The paragraph's reference, for 'ofs show REF': report id ':' ordinal.
    {"ref", P, Late, [](S s) { return ojson(paragraph_ref(s.paragraph)); }},
    {"snippet", FieldScope::Result, C, [](S s) { return ojson(plain_snippet(s.hit->snippet)); }},
    {"highlights", FieldScope::Result, CsvPlace::None, [](S s) { return highlight_ranges(s.hit->snippet); }},
    {"score", FieldScope::Result, C, [](S s) { return ojson(s.hit->score); }},
    {"report_hits", FieldScope::Grouped, Late, [](S s) { return ojson(s.hit->report_hits); }},
    {"context", FieldScope::Context, CsvPlace::None, context_json},
    {"context_before", FieldScope::CsvContext, Late, [](S s) { return context_text(s.hit->before); }},
    {"context_after", FieldScope::CsvContext, Late, [](S s) { return context_text(s.hit->after); }},
}};

}  // namespace

std::span<const ResultField> result_fields() { return kFields; }

std::string paragraph_ref(const schema::StoredParagraph& paragraph) {
  return paragraph.report_id + ":" + std::to_string(paragraph.ordinal);
}

std::vector<const ResultField*> csv_columns(bool grouped, bool context) {
  std::vector<const ResultField*> columns;
  for (CsvPlace place : {CsvPlace::Column, CsvPlace::LateColumn})
    for (const auto& field : kFields)
      if (field.csv == place && (grouped || field.scope != FieldScope::Grouped) &&
          (context || field.scope != FieldScope::CsvContext))
        columns.push_back(&field);
  return columns;
}

ojson paragraph_json(const schema::StoredParagraph& paragraph, const schema::ReportRecord& report) {
  const FieldSource source{paragraph, report, nullptr};
  ojson out = ojson::object();
  for (const auto& field : kFields)
    if (field.scope == FieldScope::Paragraph) out[std::string(field.name)] = field.value(source);
  return out;
}

}  // namespace ofs::searcher
