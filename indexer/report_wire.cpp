#include "indexer/report_wire.h"

#include "schema/records.h"

namespace ofs::indexer {

using nlohmann::json;

namespace {

json paragraph_json(const Paragraph& p) {
  return {{"ordinal", p.ordinal},
          {"para", p.number},
          {"item", p.item},
          {"page", p.page},
          {"page_end", p.page_end},
          {"page_starts", schema::page_starts_json(p.page_starts)},
          {"section", p.section},
          {"area", p.area},
          {"grade", std::string(analyzers::grade_name(p.grade))},
          {"grade_text", p.grade_text},
          {"text", p.text},
          {"agencies", p.agencies},
          {"organisations", p.organisations}};
}

Paragraph paragraph_from_json(const json& j) {
  Paragraph p;
  p.ordinal = j.at("ordinal").get<int>();
  p.number = j.at("para").get<int>();
  p.item = j.at("item").get<int>();
  p.page = j.at("page").get<int>();
  p.page_end = j.at("page_end").get<int>();
  p.page_starts = schema::page_starts_from_json(j.at("page_starts"));
  p.section = j.at("section").get<std::vector<std::string>>();
  p.area = j.at("area").get<std::string>();
  p.grade = analyzers::grade_from_name(j.at("grade").get<std::string>()).value_or(analyzers::Grade::None);
  p.grade_text = j.at("grade_text").get<std::string>();
  p.text = j.at("text").get<std::string>();
  p.agencies = j.at("agencies").get<std::vector<std::string>>();
  p.organisations = j.at("organisations").get<std::vector<std::string>>();
  return p;
}

}  // namespace

json to_wire(const Report& report) {
  json paragraphs = json::array();
  for (const auto& p : report.paragraphs) paragraphs.push_back(paragraph_json(p));
  return {{"record", schema::to_json(report.meta)}, {"paragraphs", paragraphs}};
}

Report report_from_wire(const json& j) {
  Report report;
  report.meta = schema::report_record_from_json(j.at("record"));
  for (const auto& p : j.at("paragraphs")) report.paragraphs.push_back(paragraph_from_json(p));
  return report;
}

}  // namespace ofs::indexer
