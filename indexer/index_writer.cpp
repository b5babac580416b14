#include "indexer/index_writer.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "analyzers/dates.h"
#include "analyzers/text.h"
#include "schema/analysis.h"
#include "schema/layout.h"
#include "schema/records.h"
#include "schema/storage.h"

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

std::runtime_error locked(const std::filesystem::path& db_dir) {
  return std::runtime_error("index " + db_dir.string() +
                            " is locked: another 'ofs index' is writing it; wait for it to finish");
}

}  // namespace

IndexWriter::IndexWriter(const std::filesystem::path& db_dir) : dir_(db_dir) {
  // Xapian buffers this many changed documents before flushing them into its
  // tables (inside a batch, without committing).  Its default, 10,000, holds
  // ~190 MiB for these paragraphs and costs more time than it saves.
  setenv("XAPIAN_FLUSH_THRESHOLD", "1000", /*overwrite=*/0);
  namespace fs = std::filesystem;
  try {
    fs::create_directories(dir_);
  } catch (const fs::filesystem_error& e) {
    throw std::runtime_error("cannot open index " + dir_.string() + ": " + e.code().message());
  }
  // Xapian locks each generation; this lock covers the folder, so that no
  // second writer starts on a generation this one is about to replace.
  lock_fd_ = ::open((dir_ / schema::kWriterLockFile).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0)
    throw std::runtime_error("cannot open index " + dir_.string() + ": " + std::strerror(errno));
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd_);
    throw locked(dir_);
  }
  try {
    if (fs::exists(dir_ / "iamglass")) {
      // Laid out before generations: opened only to say it is another schema.
      layered_ = false;
      db_ = Xapian::WritableDatabase(dir_.string(), Xapian::DB_OPEN);
    } else if (const auto stub = schema::read_stub(dir_)) {
      compacted_bytes_ = stub->compacted_bytes;
      open_generation(stub->number, Xapian::DB_OPEN);
    } else {
      // A new index: its first generation, empty and committed, before the
      // stub names it, so a reader never finds a stub without a database.
      open_generation(1, Xapian::DB_CREATE_OR_OVERWRITE);
      db_.commit();
      schema::sync_folder(dir_ / schema::generation_folder(1));
      schema::write_stub(dir_, {1, 0});
    }
    // Left by a writer killed while compacting (before or after its switch).
    if (layered_) remove_other_generations();
  } catch (const Xapian::DatabaseLockError&) {
    ::close(lock_fd_);
    throw locked(dir_);
  } catch (const Xapian::Error& e) {
    ::close(lock_fd_);
    throw std::runtime_error("cannot open index " + dir_.string() + ": " + e.get_msg());
  } catch (...) {
    ::close(lock_fd_);
    throw;
  }
  const std::string schema = db_.get_metadata(std::string(schema::kMetaSchema));
  if (!schema.empty() && schema != schema::kSchemaVersion) {
    ::close(lock_fd_);
    throw std::runtime_error("index " + dir_.string() + " was built by another version of ofs (schema " +
                             schema + "); delete it and index again");
  }
  schema::configure_term_generator(termgen_);
  termgen_.set_database(db_);
  termgen_.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
}

IndexWriter::~IndexWriter() {
  try {
    db_.close();  // releases Xapian's lock before ours
  } catch (const Xapian::Error&) {
  }
  ::close(lock_fd_);
}

void IndexWriter::open_generation(unsigned number, int action) {
  generation_ = number;
  db_ = Xapian::WritableDatabase((dir_ / schema::generation_folder(number)).string(), action);
}

void IndexWriter::remove_other_generations() const {
  namespace fs = std::filesystem;
  const std::string current = schema::generation_folder(generation_);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    const std::string name = entry.path().filename().string();
    if (name != current && name.size() > 1 && name[0] == 'g' &&
        name.find_first_not_of("0123456789", 1) == std::string::npos && entry.is_directory())
      fs::remove_all(entry.path(), ec);
  }
}

bool IndexWriter::compact_if_grown(std::string& problem) {
  if (!layered_ || in_batch_) return false;
  const std::filesystem::path current = dir_ / schema::generation_folder(generation_);
  const std::uintmax_t bytes = schema::folder_bytes(current);
  if (compacted_bytes_ != 0 &&
      static_cast<double>(bytes) <= kCompactionGrowth * static_cast<double>(compacted_bytes_))
    return false;
  const unsigned next_number = generation_ + 1;
  const std::filesystem::path next = dir_ / schema::generation_folder(next_number);
  std::filesystem::remove_all(next);
  std::uintmax_t compacted = 0;
  try {
    // From a reader of the committed revision: the same documents, ids and
    // metadata, in full blocks.
    Xapian::Database(current.string())
        .compact(next.string(), Xapian::DBCOMPACT_NO_RENUMBER | Xapian::Compactor::FULL);
    schema::sync_folder(next);
    compacted = schema::folder_bytes(next);
    // The switch: until this rename the stub names the old generation,
    // after it the new one; both are whole on disk.
    schema::write_stub(dir_, {next_number, compacted});
  } catch (const Xapian::Error& e) {
    problem = e.get_msg() + (e.get_error_string() ? std::string(": ") + e.get_error_string() : "");
  } catch (const std::exception& e) {
    problem = e.what();
  }
  if (!problem.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(next, ec);
    return false;
  }
  db_.close();
  const unsigned old_number = generation_;
  open_generation(next_number, Xapian::DB_OPEN);
  compacted_bytes_ = compacted;
  std::error_code ec;
  std::filesystem::remove_all(dir_ / schema::generation_folder(old_number), ec);
  termgen_.set_database(db_);
  return true;
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
