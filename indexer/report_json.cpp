#include "indexer/report_json.h"

namespace ofs::indexer {

using nlohmann::json;

namespace {

json judgement_json(const Judgement& j) {
  return {{"service", j.service}, {"name", j.name}, {"area", j.area},
          {"grade", std::string(analyzers::grade_name(j.grade))}, {"grade_text", j.words}};
}

Judgement judgement_from_json(const json& j) {
  Judgement out;
  out.service = j.value("service", "");
  out.name = j.value("name", "");
  out.area = j.value("area", "");
  out.grade = analyzers::grade_from_name(j.value("grade", "none")).value_or(analyzers::Grade::None);
  out.words = j.value("grade_text", "");
  return out;
}

}  // namespace

json to_json(const ReportMeta& meta) {
  json judgements = json::array();
  for (const auto& j : meta.judgements) judgements.push_back(judgement_json(j));
  return {{"id", meta.id},
          {"report", meta.path},
          {"title", meta.title},
          {"authority", meta.authority},
          {"authority_as_printed", meta.authority_as_printed},
          {"framework", meta.framework},
          {"inspection_start", meta.inspection_start},
          {"inspection_end", meta.inspection_end},
          {"published", meta.published},
          {"published_source", meta.published_source},
          {"lead_inspector", meta.lead_inspector},
          {"judgements", judgements},
          {"warnings", meta.warnings},
          {"pages", meta.page_count},
          {"paragraphs", meta.paragraph_count}};
}

ReportMeta report_meta_from_json(const json& j) {
  ReportMeta meta;
  meta.id = j.value("id", "");
  meta.path = j.value("report", "");
  meta.title = j.value("title", "");
  meta.authority = j.value("authority", "");
  meta.authority_as_printed = j.value("authority_as_printed", "");
  meta.framework = j.value("framework", "");
  meta.inspection_start = j.value("inspection_start", "");
  meta.inspection_end = j.value("inspection_end", "");
  meta.published = j.value("published", "");
  meta.published_source = j.value("published_source", "");
  meta.lead_inspector = j.value("lead_inspector", "");
  for (const auto& jj : j.value("judgements", json::array())) meta.judgements.push_back(judgement_from_json(jj));
  meta.warnings = j.value("warnings", std::vector<std::string>{});
  meta.page_count = j.value("pages", 0);
  meta.paragraph_count = j.value("paragraphs", 0);
  return meta;
}

json to_json(const Paragraph& p, const ReportMeta& meta) {
  auto nullable = [](int v) { return v > 0 ? json(v) : json(nullptr); };
  return {{"report", meta.path},
          {"report_id", meta.id},
          {"authority", meta.authority},
          {"authority_as_printed", meta.authority_as_printed},
          {"framework", meta.framework},
          {"published", meta.published.empty() ? json(nullptr) : json(meta.published)},
          {"inspection_start", meta.inspection_start.empty() ? json(nullptr) : json(meta.inspection_start)},
          {"inspection_end", meta.inspection_end.empty() ? json(nullptr) : json(meta.inspection_end)},
          {"ordinal", p.ordinal},
          {"para", nullable(p.number)},
          {"item", nullable(p.item)},
          {"page", nullable(p.page)},
          {"section", join_section(p.section)},
          {"area", p.area},
          {"grade", std::string(analyzers::grade_name(p.grade))},
          {"grade_text", p.grade_text.empty() ? json(nullptr) : json(p.grade_text)},
          {"agencies", p.agencies},
          {"organisations", p.organisations},
          {"text", p.text}};
}

}  // namespace ofs::indexer
