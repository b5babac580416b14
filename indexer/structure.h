// The structure step: from a report's blocks to tagged paragraph documents.
// Contract: every body paragraph becomes exactly one Paragraph carrying its
// printed number (or bullet position), page, heading path, canonical area,
// the grade that governs it (with the report's own words) and the agencies
// it names.  Front matter, contents lists, grade-scale tables and the record
// of main findings are not body paragraphs; the record is read into the
// report's judgements.  Nothing here guesses a grade the report does not
// state: unknown means Grade::None.
#pragma once

#include <filesystem>

#include "analyzers/agencies.h"
#include "analyzers/areas.h"
#include "analyzers/authorities.h"
#include "analyzers/non_body.h"
#include "indexer/reader.h"
#include "indexer/report.h"

namespace ofs::indexer {

// Bump when the readers or the structure step would turn the same bytes
// into different reports: every indexed report is then read again
// (index_state.h, structuring_version()).
inline constexpr int kStructureRevision = 5;

// The user-editable data tables the structure step reads.
struct Tables {
  analyzers::HeadingTable headings;
  analyzers::AgencyTable agencies;
  analyzers::NonBodyTable non_body;       // back cover, boilerplate, the inspection team
  analyzers::AuthorityTable authorities;  // every council: names, codes, region, successors
  std::string fingerprint;  // hash of the tables' bytes: reports are re-structured when it changes

  // Loads headings.tsv, agencies.tsv, non-body.tsv and authorities.tsv from `data_dir`; throws
  // std::runtime_error naming the file and line on a mistake.
  static Tables load(const std::filesystem::path& data_dir);
};

// No paragraph is longer than limits.max_paragraph_bytes: longer text is
// split into several paragraphs, and the report warns once that it was.
Report build_report(const ReadResult& read, const std::filesystem::path& file, const Tables& tables,
                    const ReadLimits& limits = {});

}  // namespace ofs::indexer
