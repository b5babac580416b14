// The index layout: every term prefix and value slot ofs uses.
// Contract: the indexer writes exactly this and the searcher reads exactly
// this; ARCHITECTURE.md carries the same table for people.  Changing a
// prefix or slot means re-indexing, so bump kSchemaVersion when you do.
#pragma once

#include <string_view>

#include <xapian.h>

namespace ofs::indexer::schema {

inline constexpr std::string_view kSchemaVersion = "1";

// Free-text fields (positional, stemmed "Z" terms as well).
inline constexpr std::string_view kSectionText = "XS";       // heading path words
inline constexpr std::string_view kOrganisationText = "XO";  // organisation names

// Boolean facet terms: prefix + facet_slug(value).
inline constexpr std::string_view kGrade = "XG";
inline constexpr std::string_view kArea = "XA";
inline constexpr std::string_view kAgency = "XY";
inline constexpr std::string_view kAuthority = "XL";  // local authority
inline constexpr std::string_view kFramework = "XF";
inline constexpr std::string_view kYear = "Y";        // publication year
inline constexpr std::string_view kReport = "XR";     // report id
inline constexpr std::string_view kUnique = "Q";      // report id + "#" + ordinal

// Value slots.
inline constexpr Xapian::valueno kSlotPublished = 0;  // "yyyymmdd", sorts as a string
inline constexpr Xapian::valueno kSlotYear = 1;       // sortable_serialise(year)
inline constexpr Xapian::valueno kSlotOrdinal = 2;    // sortable_serialise(position in report)
inline constexpr Xapian::valueno kSlotPara = 3;       // sortable_serialise(printed number)
inline constexpr Xapian::valueno kSlotGrade = 4;      // canonical grade (facet counts)
inline constexpr Xapian::valueno kSlotArea = 5;       // canonical area
inline constexpr Xapian::valueno kSlotAgencies = 6;   // canonical agencies, '\n'-joined
inline constexpr Xapian::valueno kSlotAuthority = 7;  // authority as printed
inline constexpr Xapian::valueno kSlotFramework = 8;
inline constexpr Xapian::valueno kSlotReport = 9;     // report id

// Database metadata keys.
inline constexpr std::string_view kMetaSchema = "ofs:schema";
inline constexpr std::string_view kMetaReportPrefix = "ofs:report:";  // + id -> report JSON

}  // namespace ofs::indexer::schema
