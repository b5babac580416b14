// The indexer's model of one inspection report: report-level metadata and
// the tagged paragraph documents the structure step produced.
#pragma once

#include <string>
#include <vector>

#include "analyzers/grade.h"
#include "schema/records.h"

namespace ofs::indexer {

// Report-level facts and judgements are the index's own records: the
// indexer fills a ReportRecord, the index stores it as is (schema/records.h).
using Judgement = schema::Judgement;
using ReportMeta = schema::ReportRecord;

struct Paragraph {
  int ordinal = 0;                             // 1-based position among the report's documents
  int number = 0;                              // printed paragraph number; 0 when unnumbered (bullets)
  int item = 0;                                // bullet position under its heading; 0 when not a bullet
  int page = 0;                                // page it starts on; 0 when unknown (plain text)
  int page_end = 0;                            // page it ends on; 0 when unknown
  std::vector<schema::PageStart> page_starts;  // where in `text` later pages begin
  std::vector<std::string> section;            // heading path, outermost first
  std::string area = "other";
  analyzers::Grade grade = analyzers::Grade::None;
  std::string grade_text;  // the report's words for that grade
  std::string text;
  std::vector<std::string> agencies;       // canonical agency names
  std::vector<std::string> organisations;  // organisation names as written
};

struct Report {
  ReportMeta meta;
  std::vector<Paragraph> paragraphs;
};

// "Safeguarding services › Leadership and management".
std::string join_section(const std::vector<std::string>& section);

}  // namespace ofs::indexer
