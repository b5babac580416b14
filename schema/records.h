// The typed records an ofs index stores, and their one JSON form each.
// Contract: a paragraph document's data is a StoredParagraph and nothing
// else; everything about its report (path, authority, framework, dates,
// judgements…) lives once, in the report's ReportRecord under
// layout.h's kMetaReportPrefix + id.  from_json() accepts what to_json()
// wrote and fills a missing field with its default, so a reader never
// throws on a record it can parse as JSON.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "analyzers/grade.h"

namespace ofs::schema {

// The authority of a report that names none, and whose file says none either.
inline constexpr std::string_view kUnknownAuthority = "(unknown)";

// One judgement a report makes, as printed in its judgement table or
// record of main findings (or, failing those, on a body heading).
struct Judgement {
  std::string service;  // e.g. "Safeguarding services"; empty when the framework has one service
  std::string name;     // the report's words, e.g. "Capacity for improvement"
  std::string area;     // canonical area
  analyzers::Grade grade = analyzers::Grade::None;
  std::string words;  // the report's own grade words, e.g. "requires improvement to be good"
};

// One member of the inspection team the report lists.
struct Inspector {
  std::string name;  // as printed, without titles ("Anji Parker")
  std::string role;  // "lead inspector", "team inspector", … (data/non-body.tsv)
  bool operator==(const Inspector&) const = default;
};

// A report's catalogue entry: its facts, judgements and warnings, and when
// it reached the index.
struct ReportRecord {
  std::string id;    // the report's key: hash of its file's bytes (indexer/file_identity.h)
  std::string path;  // the file as given to the indexer
  std::string title;
  std::string authority;             // normalised name, groups reports across years ("Merton")
  std::string authority_as_printed;  // as the report prints it ("London Borough of Merton Council")
  // From data/authorities.tsv (indexer/authority.h); empty when the authority is not in it.
  std::string la_code;     // DfE LA code ("801")
  std::string ons_code;    // ONS GSS code ("E06000023")
  std::string ofsted_urn;  // Ofsted's URN for the authority ("80441")
  std::string region;      // "South West"
  // The councils that exist today whose inspection history holds this report:
  // the authority itself, or the councils that took over from it ("Poole" ->
  // "Bournemouth, Christchurch and Poole").  Empty when the authority is not in the table.
  std::vector<std::string> councils;
  std::string framework;         // safeguarding-lac, sif, ilacs, reform-2026, unknown
  std::string inspection_start;  // ISO dates (yyyy-mm-dd), empty when not printed
  std::string inspection_end;
  std::string published;
  std::string published_source;       // "report" or "file name" (where the date came from)
  std::string lead_inspector;         // the first of the inspectors whose role is "lead inspector"
  std::vector<Inspector> inspectors;  // the whole team, in the report's order
  std::vector<Judgement> judgements;
  std::vector<std::string> warnings;  // things a reader of the index should know
  int page_count = 0;
  int paragraph_count = 0;
  // When the report was indexed (ISO 8601 UTC); alerts (--new, --since) fall
  // back to it for reports that print no publication date.  Empty until written.
  std::string indexed_at;
};

// Where a later page begins inside a paragraph's text: the paragraph's
// bytes from `offset` on are printed on `page` (until the next start).
struct PageStart {
  std::size_t offset = 0;
  int page = 0;
  bool operator==(const PageStart&) const = default;
};

// The page the byte at `offset` of a paragraph's text is printed on.
int page_at(int first_page, const std::vector<PageStart>& starts, std::size_t offset);

// Page starts as JSON, [[offset, page], …]; malformed entries are skipped on reading.
nlohmann::json page_starts_json(const std::vector<PageStart>& starts);
std::vector<PageStart> page_starts_from_json(const nlohmann::json& j);

// What one paragraph document stores: the paragraph, and the id of the
// ReportRecord it belongs to.
struct StoredParagraph {
  std::string report_id;
  int ordinal = 0;                     // 1-based position among the report's documents
  int para = 0;                        // printed paragraph number; 0 when unnumbered (bullets)
  int item = 0;                        // bullet position under its heading; 0 when not a bullet
  int page = 0;                        // page it starts on; 0 when unknown (plain text)
  int page_end = 0;                    // page it ends on; 0 when unknown
  std::vector<PageStart> page_starts;  // the later pages it runs onto, in order
  std::string section;                 // heading path, "Safeguarding services › Leadership and management"
  std::string area = "other";
  analyzers::Grade grade = analyzers::Grade::None;
  std::string grade_text;                  // the report's words for that grade
  std::vector<std::string> agencies;       // canonical agency names
  std::vector<std::string> organisations;  // organisation names as written
  std::string text;
};

nlohmann::json to_json(const ReportRecord& record);
// [{"name": …, "role": …}, …]: the one JSON form of a team, wherever it is shown.
nlohmann::json to_json(const std::vector<Inspector>& inspectors);
ReportRecord report_record_from_json(const nlohmann::json& j);

// A paragraph's fields as a JSON array in a fixed order (its names are not
// repeated in every document); from_json also takes them as an object.
nlohmann::json to_json(const StoredParagraph& paragraph);
StoredParagraph stored_paragraph_from_json(const nlohmann::json& j);

}  // namespace ofs::schema
