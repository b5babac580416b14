#include "indexer/index_writer.h"

#include <cstdlib>
#include <stdexcept>

#include "analyzers/dates.h"
#include "analyzers/text.h"
#include "schema/analysis.h"
#include "schema/layout.h"
#include "schema/records.h"

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
    if (!out.empty()) out.push_back(schema::kValueSeparator);
    out += v;
  }
  return out;
}

// What the document stores: the paragraph and its report's id; the report's
// own fields are stored once, in its record.
schema::StoredParagraph stored(const Paragraph& p, const ReportMeta& meta) {
  schema::StoredParagraph out;
  out.report_id = meta.id;
  out.ordinal = p.ordinal;
  out.para = p.number;
  out.item = p.item;
  out.page = p.page;
  out.page_end = p.page_end;
  out.page_starts = p.page_starts;
  out.section = join_section(p.section);
  out.area = p.area;
  out.grade = p.grade;
  out.grade_text = p.grade_text;
  out.agencies = p.agencies;
  out.organisations = p.organisations;
  out.text = p.text;
  return out;
}

void index_field(Xapian::TermGenerator& termgen, const std::string& text, std::string_view prefix = {}) {
  termgen.index_text(schema::normalise_for_terms(text), 1, std::string(prefix));
}

}  // namespace

IndexWriter::IndexWriter(const std::filesystem::path& db_dir) {
  // Xapian buffers this many changed documents before flushing them into its
  // tables (inside a batch, without committing).  Its default, 10,000, holds
  // ~190 MiB for these paragraphs and costs more time than it saves.
  setenv("XAPIAN_FLUSH_THRESHOLD", "1000", /*overwrite=*/0);
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
  schema::configure_term_generator(termgen_);
  termgen_.set_database(db_);
  termgen_.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
}

Xapian::Document IndexWriter::make_document(const Paragraph& p, const ReportMeta& meta) {
  Xapian::Document doc;
  termgen_.set_document(doc);
  index_field(termgen_, p.text);
  termgen_.increase_termpos();
  index_field(termgen_, join_section(p.section), schema::kSectionText);
  for (const auto& org : p.organisations) index_field(termgen_, org, schema::kOrganisationText);

  const std::string grade(analyzers::grade_name(p.grade));
  doc.add_boolean_term(term(schema::kGrade, grade));
  doc.add_boolean_term(term(schema::kArea, p.area));
  for (const auto& agency : p.agencies) doc.add_boolean_term(term(schema::kAgency, agency));
  if (!meta.authority.empty()) doc.add_boolean_term(term(schema::kAuthority, meta.authority));
  if (!meta.region.empty()) doc.add_boolean_term(term(schema::kRegion, meta.region));
  doc.add_boolean_term(term(schema::kFramework, meta.framework));
  doc.add_boolean_term(std::string(schema::kReport) + meta.id);
  doc.add_boolean_term(schema::unique_term(meta.id, p.ordinal));
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
  doc.add_value(schema::kSlotRegion, meta.region);
  doc.add_value(schema::kSlotFramework, meta.framework);
  doc.add_value(schema::kSlotReport, meta.id);
  doc.set_data(schema::to_json(stored(p, meta)).dump());
  return doc;
}

void IndexWriter::replace_report(const Report& report) {
  const std::string report_term = std::string(schema::kReport) + report.meta.id;
  db_.delete_document(report_term);
  for (const auto& p : report.paragraphs) db_.add_document(make_document(p, report.meta));
  ReportMeta record = report.meta;
  record.indexed_at = analyzers::utc_now();
  db_.set_metadata(std::string(schema::kMetaReportPrefix) + report.meta.id, schema::to_json(record).dump());
}

void IndexWriter::remove_report(const std::string& id) {
  db_.delete_document(std::string(schema::kReport) + id);
  db_.set_metadata(std::string(schema::kMetaReportPrefix) + id, "");
}

void IndexWriter::set_report_path(const std::string& id, const std::string& path) {
  const std::string key = std::string(schema::kMetaReportPrefix) + id;
  const auto json = nlohmann::json::parse(db_.get_metadata(key), nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return;
  auto record = schema::report_record_from_json(json);
  record.path = path;
  db_.set_metadata(key, schema::to_json(record).dump());
}

void IndexWriter::begin_batch() {
  db_.begin_transaction();
  in_batch_ = true;
}

void IndexWriter::commit_batch() {
  db_.set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
  db_.commit_transaction();
  in_batch_ = false;
}

void IndexWriter::abandon() noexcept {
  try {
    if (in_batch_) db_.cancel_transaction();
  } catch (...) {
    // The batch is lost either way: it was never committed.
  }
  in_batch_ = false;
  try {
    db_.close();
  } catch (...) {
    // Nothing is pending after the cancel; what is on disk is the last commit.
  }
}

void IndexWriter::commit() {
  if (in_batch_) return commit_batch();
  db_.set_metadata(std::string(schema::kMetaSchema), std::string(schema::kSchemaVersion));
  db_.commit();
}

}  // namespace ofs::indexer
