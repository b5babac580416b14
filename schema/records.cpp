#include "schema/records.h"

namespace ofs::schema {

using nlohmann::json;

namespace {

json judgement_json(const Judgement& j) {
  return {{"service", j.service},
          {"name", j.name},
          {"area", j.area},
          {"grade", std::string(analyzers::grade_name(j.grade))},
          {"grade_text", j.words}};
}

analyzers::Grade grade_of(const json& j) {
  return analyzers::grade_from_name(j.value("grade", "none")).value_or(analyzers::Grade::None);
}

Judgement judgement_from_json(const json& j) {
  Judgement out;
  out.service = j.value("service", "");
  out.name = j.value("name", "");
  out.area = j.value("area", "");
  out.grade = grade_of(j);
  out.words = j.value("grade_text", "");
  return out;
}

// Numbers stored only when known, so that null and 0 never disagree.
json optional_number(int v) { return v > 0 ? json(v) : json(nullptr); }
int number_or_zero(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
}

std::string string_or_empty(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> strings_of(const json& j, const char* key) {
  std::vector<std::string> out;
  const auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

json to_json(const std::vector<Inspector>& inspectors) {
  json out = json::array();
  for (const auto& i : inspectors) out.push_back({{"name", i.name}, {"role", i.role}});
  return out;
}

json to_json(const ReportRecord& r) {
  json judgements = json::array();
  for (const auto& j : r.judgements) judgements.push_back(judgement_json(j));
  json out = {{"id", r.id},
              {"report", r.path},
              {"title", r.title},
              {"authority", r.authority},
              {"authority_as_printed", r.authority_as_printed},
              {"la_code", r.la_code},
              {"ons_code", r.ons_code},
              {"ofsted_urn", r.ofsted_urn},
              {"region", r.region},
              {"councils", r.councils},
              {"framework", r.framework},
              {"inspection_start", r.inspection_start},
              {"inspection_end", r.inspection_end},
              {"published", r.published},
              {"published_source", r.published_source},
              {"lead_inspector", r.lead_inspector},
              {"inspectors", to_json(r.inspectors)},
              {"judgements", judgements},
              {"warnings", r.warnings},
              {"pages", r.page_count},
              {"paragraphs", r.paragraph_count}};
  if (!r.indexed_at.empty()) out["indexed_at"] = r.indexed_at;
  return out;
}

ReportRecord report_record_from_json(const json& j) {
  ReportRecord r;
  r.id = string_or_empty(j, "id");
  r.path = string_or_empty(j, "report");
  r.title = string_or_empty(j, "title");
  r.authority = string_or_empty(j, "authority");
  r.authority_as_printed = string_or_empty(j, "authority_as_printed");
  r.la_code = string_or_empty(j, "la_code");
  r.ons_code = string_or_empty(j, "ons_code");
  r.ofsted_urn = string_or_empty(j, "ofsted_urn");
  r.region = string_or_empty(j, "region");
  r.councils = strings_of(j, "councils");
  r.framework = string_or_empty(j, "framework");
  r.inspection_start = string_or_empty(j, "inspection_start");
  r.inspection_end = string_or_empty(j, "inspection_end");
  r.published = string_or_empty(j, "published");
  r.published_source = string_or_empty(j, "published_source");
  r.lead_inspector = string_or_empty(j, "lead_inspector");
  if (const auto it = j.find("inspectors"); it != j.end() && it->is_array())
    for (const auto& member : *it)
      if (member.is_object())
        r.inspectors.push_back({string_or_empty(member, "name"), string_or_empty(member, "role")});
  if (const auto it = j.find("judgements"); it != j.end() && it->is_array())
    for (const auto& jj : *it)
      if (jj.is_object()) r.judgements.push_back(judgement_from_json(jj));
  r.warnings = strings_of(j, "warnings");
  r.page_count = number_or_zero(j, "pages");
  r.paragraph_count = number_or_zero(j, "paragraphs");
  r.indexed_at = string_or_empty(j, "indexed_at");
  return r;
}

int page_at(int first_page, const std::vector<PageStart>& starts, std::size_t offset) {
  int page = first_page;
  for (const auto& start : starts)
    if (start.offset <= offset) page = start.page;
  return page;
}

json page_starts_json(const std::vector<PageStart>& starts) {
  json out = json::array();
  for (const auto& s : starts) out.push_back({s.offset, s.page});
  return out;
}

std::vector<PageStart> page_starts_from_json(const json& j) {
  std::vector<PageStart> out;
  if (!j.is_array()) return out;
  for (const auto& s : j)
    if (s.is_array() && s.size() == 2 && s[0].is_number_unsigned() && s[1].is_number_integer())
      out.push_back({s[0].get<std::size_t>(), s[1].get<int>()});
  return out;
}

namespace {

// A paragraph document stores its fields as a JSON array in this order, not
// as an object: the names would be written again in each of the index's
// 14,000 documents, 0.9 MB of the 6.2 MB its document data takes (after
// Xapian's compression).
constexpr std::string_view kParagraphFields[] = {
    "report_id", "ordinal", "para",       "item",     "page",          "page_end", "section",
    "area",      "grade",   "grade_text", "agencies", "organisations", "text",     "page_starts"};

json paragraph_object(const StoredParagraph& p) {
  json out = {{"report_id", p.report_id},
              {"ordinal", p.ordinal},
              {"para", optional_number(p.para)},
              {"item", optional_number(p.item)},
              {"page", optional_number(p.page)},
              {"page_end", optional_number(p.page_end)},
              {"section", p.section},
              {"area", p.area},
              {"grade", std::string(analyzers::grade_name(p.grade))},
              {"grade_text", p.grade_text.empty() ? json(nullptr) : json(p.grade_text)},
              {"agencies", p.agencies},
              {"organisations", p.organisations},
              {"text", p.text}};
  // Most paragraphs sit on one page: no empty list in every document.
  if (!p.page_starts.empty()) out["page_starts"] = page_starts_json(p.page_starts);
  return out;
}

}  // namespace

json to_json(const StoredParagraph& p) {
  const json fields = paragraph_object(p);
  json out = json::array();
  for (const auto name : kParagraphFields) {
    const auto it = fields.find(std::string(name));
    out.push_back(it == fields.end() ? json(nullptr) : *it);
  }
  while (!out.empty() && out.back().is_null()) out.erase(out.size() - 1);
  return out;
}

StoredParagraph stored_paragraph_from_json(const json& stored) {
  json j = json::object();
  if (stored.is_array()) {
    std::size_t i = 0;
    for (const auto name : kParagraphFields)
      if (i < stored.size()) j[std::string(name)] = stored[i++];
  } else if (stored.is_object()) {
    j = stored;
  }
  StoredParagraph p;
  p.report_id = string_or_empty(j, "report_id");
  p.ordinal = number_or_zero(j, "ordinal");
  p.para = number_or_zero(j, "para");
  p.item = number_or_zero(j, "item");
  p.page = number_or_zero(j, "page");
  p.page_end = number_or_zero(j, "page_end");
  if (const auto starts = j.find("page_starts"); starts != j.end())
    p.page_starts = page_starts_from_json(*starts);
  p.section = string_or_empty(j, "section");
  if (const auto area = string_or_empty(j, "area"); !area.empty()) p.area = area;
  p.grade = grade_of(j);
  p.grade_text = string_or_empty(j, "grade_text");
  p.agencies = strings_of(j, "agencies");
  p.organisations = strings_of(j, "organisations");
  p.text = string_or_empty(j, "text");
  return p;
}

}  // namespace ofs::schema
