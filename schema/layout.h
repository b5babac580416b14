// The index layout: every term prefix, value slot and metadata key ofs uses.
// Contract: the indexer writes exactly this and the searcher reads exactly
// this; ARCHITECTURE.md ("Index layout") carries the same tables for people.
// Changing a prefix, a slot, a metadata key or what a document's data holds
// means re-indexing, so bump kSchemaVersion when you do.
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace ofs::schema {

// 2: paragraph data no longer repeats the report's fields (they live in the
// report's metadata entry only).
// 3: a report's id is the hash of its file's bytes; file records and rejections.
// 4: stemmed terms carry no positions (analysis.h); phrases and NEAR/ADJ
// expand a word to its indexed forms instead.
// 5: a region facet (kRegion, kSlotRegion); authorities are the authority
// table's canonical names, and report records carry LA code, region and councils.
// 6: no stemmed terms (a query word expands to its indexed forms,
// searcher/inflections.h); the --db folder is a stub naming the current
// generation, compacted by the writer (storage.h); paragraph data is a JSON
// array (records.h).
inline constexpr std::string_view kSchemaVersion = "6";

// Free-text fields (positional, words as written; see analysis.h).
inline constexpr std::string_view kSectionText = "XS";       // heading path words
inline constexpr std::string_view kOrganisationText = "XO";  // organisation names

// Boolean facet terms: prefix + facet_slug(value).  facets.h says which
// facet uses which.
inline constexpr std::string_view kGrade = "XG";
inline constexpr std::string_view kArea = "XA";
inline constexpr std::string_view kAgency = "XY";
inline constexpr std::string_view kAuthority = "XL";  // local authority
inline constexpr std::string_view kFramework = "XF";
inline constexpr std::string_view kRegion = "XN";  // English region of the authority
inline constexpr std::string_view kYear = "Y";     // publication year
inline constexpr std::string_view kReport = "XR";  // report id
inline constexpr std::string_view kUnique = "Q";   // report id + "#" + ordinal

// Value slots.
inline constexpr Xapian::valueno kSlotPublished = 0;  // "yyyymmdd", sorts as a string
inline constexpr Xapian::valueno kSlotYear = 1;       // sortable_serialise(year)
inline constexpr Xapian::valueno kSlotOrdinal = 2;    // sortable_serialise(position in report)
inline constexpr Xapian::valueno kSlotPara = 3;       // sortable_serialise(printed number)
inline constexpr Xapian::valueno kSlotGrade = 4;      // canonical grade (facet counts)
inline constexpr Xapian::valueno kSlotArea = 5;       // canonical area
inline constexpr Xapian::valueno kSlotAgencies = 6;   // canonical agencies, '\n'-joined
inline constexpr Xapian::valueno kSlotAuthority = 7;  // authority as normalised
inline constexpr Xapian::valueno kSlotFramework = 8;
inline constexpr Xapian::valueno kSlotReport = 9;   // report id
inline constexpr Xapian::valueno kSlotRegion = 10;  // region of the report's authority

// Separator of the values in a multi-valued slot (kSlotAgencies).
inline constexpr char kValueSeparator = '\n';

// A paragraph's unique term: names one document of one report.
inline std::string unique_term(std::string_view report_id, int ordinal) {
  return std::string(kUnique) + std::string(report_id) + "#" + std::to_string(ordinal);
}

// Database metadata keys.
inline constexpr std::string_view kMetaSchema = "ofs:schema";
inline constexpr std::string_view kMetaReportPrefix = "ofs:report:";  // + id -> ReportRecord JSON (records.h)
// The files the reports were read from and the files refused (indexer/index_state.h).
// The key is the prefix and the path, cut and ended with a hash of the path
// when longer than a Xapian key may be; the entry then holds the whole path.
inline constexpr std::string_view kMetaFilePrefix = "ofs:file:";          // + path -> FileRecord JSON
inline constexpr std::string_view kMetaRejectedPrefix = "ofs:rejected:";  // + path -> Rejection JSON

// Document data: a StoredParagraph as a JSON array (records.h).

}  // namespace ofs::schema
