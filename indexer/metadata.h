// Report-level facts read from a report's front matter: title, local
// authority, framework, inspection and publication dates (the inspection team,
// with the lead inspector, is read by the structure step from data/non-body.tsv).
// Contract: fills only what the report (or, for the publication date, the
// file name Ofsted gives it) actually says; unknown facts stay empty and
// are listed in the report's warnings.
#pragma once

#include <filesystem>

#include "indexer/block.h"
#include "indexer/report.h"

namespace ofs::indexer {

// How many leading blocks are searched for front-matter facts.
inline constexpr std::size_t kFrontMatterBlocks = 60;

// Framework ids, as stored in the `framework` facet.
inline constexpr std::string_view kFrameworkSafeguardingLac = "safeguarding-lac";
inline constexpr std::string_view kFrameworkSif = "sif";
inline constexpr std::string_view kFrameworkIlacs = "ilacs";
inline constexpr std::string_view kFrameworkReform2026 = "reform-2026";
inline constexpr std::string_view kFrameworkUnknown = "unknown";

ReportMeta read_metadata(const Blocks& blocks, const std::filesystem::path& file);

// The name that groups one local authority's reports across years and frameworks, from the
// name as a report prints it: "London Borough of Merton Council" -> "Merton", "Bedford
// Borough" -> "Bedford", "Kingston Upon Hull City Council" -> "Kingston upon Hull",
// "City of London" stays "City of London".  See metadata.cpp for the rules.
std::string normalise_authority(std::string_view printed);

}  // namespace ofs::indexer
