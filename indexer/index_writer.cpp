#include "indexer/index_writer.h"

#include <stdexcept>

#include "analyzers/dates.h"
#include "analyzers/text.h"
#include "indexer/report_json.h"
#include "indexer/schema.h"

namespace ofs::indexer {

namespace {

std::string term(std::string_view prefix, std::string_view value) {
  return std::string(prefix) + analyzers::facet_slug(value);
}

int year_of(const std::string& iso_date) {
  return iso_date.size() >= 4 ? std::stoi(iso_date.substr(0, 4)) : 0;
}

std::string compact_date(const std::string& iso_date) {
  std::string out;
  for (char c : iso_date)
    if (c != '-') out.push_back(c);
  return out;
}

std::string join_lines(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out.push_back('\n');
    out += v;
  }
  return out;
}

}  // namespace

IndexWriter::IndexWriter(const std::filesystem::path& db_dir) {
  try {
    db_ = Xapian::WritableDatabase(db_dir.string(), Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw std::runtime_error("index " + db_dir.string() +
                             " is locked: another 'ofs index' is writing it; wait for it to finish");
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("cannot open index " + db_dir.string() + ": " + e.get_msg());
  }
  const std::string schema = db_.get_metadata(std::string(schema::kMetaSchema));
  if (!schema.empty() && schema != schema::kSchemaVersion)
    throw std::runtime_error("index " + db_dir.string() + " was built by another version of ofs (schema " +
                             schema + "); delete it and index again");
  termgen_.set_stemmer(Xapian::Stem("english"));
  // Positions for stemmed terms too, so NEAR/ADJ match inflected forms.
  termgen_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME_FULL_POS);
  termgen_.set_database(db_);
  termgen_.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
}

Xapian::Document IndexWriter::make_document(const Paragraph& p, const ReportMeta& meta) {
  Xapian::Document doc;
  termgen_.set_document(doc);
  termgen_.index_text(analyzers::normalise_for_index(p.text));
  termgen_.increase_termpos();
  const std::string section = join_section(p.section);
  termgen_.index_text(analyzers::normalise_for_index(section), 1, std::string(schema::kSectionText));
  for (const auto& org : p.organisations)
    termgen_.index_text(analyzers::normalise_for_index(org), 1, std::string(schema::kOrganisationText));

  const std::string grade(analyzers::grade_name(p.grade));
  doc.add_boolean_term(term(schema::kGrade, grade));
  doc.add_boolean_term(term(schema::kArea, p.area));
  for (const auto& agency : p.agencies) doc.add_boolean_term(term(schema::kAgency, agency));
  if (!meta.authority.empty()) doc.add_boolean_term(term(schema::kAuthority, meta.authority));
  doc.add_boolean_term(term(schema::kFramework, meta.framework));
  doc.add_boolean_term(std::string(schema::kReport) + meta.id);
  doc.add_boolean_term(std::string(schema::kUnique) + meta.id + "#" + std::to_string(p.ordinal));
  const int year = year_of(meta.published.empty() ? meta.inspection_end : meta.published);
  if (year) {
    doc.add_boolean_term(std::string(schema::kYear) + std::to_string(year));
    doc.add_value(schema::kSlotYear, Xapian::sortable_serialise(year));
  }

  doc.add_value(schema::kSlotPublished, compact_date(meta.published));
  doc.add_value(schema::kSlotOrdinal, Xapian::sortable_serialise(p.ordinal));
  doc.add_value(schema::kSlotPara, Xapian::sortable_serialise(p.number));
  doc.add_value(schema::kSlotGrade, grade);
  doc.add_value(schema::kSlotArea, p.area);
  doc.add_value(schema::kSlotAgencies, join_lines(p.agencies));
  doc.add_value(schema::kSlotAuthority, meta.authority);
  doc.add_value(schema::kSlotFramework, meta.framework);
  doc.add_value(schema::kSlotReport, meta.id);
  doc.set_data(to_json(p, meta).dump());
  return doc;
}

void IndexWriter::replace_report(const Report& report) {
  const std::string report_term = std::string(schema::kReport) + report.meta.id;
  db_.delete_document(report_term);
  for (const auto& p : report.paragraphs) db_.add_document(make_document(p, report.meta));
  auto meta = to_json(report.meta);
  // When the report reached the index: alerts (--new, --since) fall back to
  // it for reports that print no publication date.
  meta["indexed_at"] = analyzers::utc_now();
  db_.set_metadata(std::string(schema::kMetaReportPrefix) + report.meta.id, meta.dump());
}

void IndexWriter::commit() {
  db_.set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
  db_.commit();
}

}  // namespace ofs::indexer
