// The indexer's model of one inspection report: report-level metadata and
// the tagged paragraph documents the structure step produced.
#pragma once

#include <string>
#include <vector>

#include "analyzers/grade.h"

namespace ofs::indexer {

// One judgement the report makes, as printed in its judgement table or
// record of main findings (or, failing those, on a body heading).
struct Judgement {
  std::string service;  // e.g. "Safeguarding services"; empty when the framework has one service
  std::string name;     // the report's words, e.g. "Capacity for improvement"
  std::string area;     // canonical area
  analyzers::Grade grade = analyzers::Grade::None;
  std::string words;    // the report's own grade words, e.g. "requires improvement to be good"
};

struct ReportMeta {
  std::string id;        // stable short id derived from the file's path
  std::string path;      // the file as given to the indexer
  std::string title;
  std::string authority;             // normalised name, groups reports across years ("Merton")
  std::string authority_as_printed;  // as the report prints it ("London Borough of Merton Council")
  std::string framework;         // safeguarding-lac, sif, ilacs, reform-2026, unknown
  std::string inspection_start;  // ISO dates (yyyy-mm-dd), empty when not printed
  std::string inspection_end;
  std::string published;
  std::string published_source;  // "report" or "file name" (where the date came from)
  std::string lead_inspector;
  std::vector<Judgement> judgements;
  std::vector<std::string> warnings;  // things a reader of the index should know
  int page_count = 0;
  int paragraph_count = 0;
};

struct Paragraph {
  int ordinal = 0;   // 1-based position among the report's documents
  int number = 0;    // printed paragraph number; 0 when unnumbered (bullets)
  int item = 0;      // bullet position under its heading; 0 when not a bullet
  int page = 0;      // page it starts on; 0 when unknown (plain text)
  std::vector<std::string> section;  // heading path, outermost first
  std::string area = "other";
  analyzers::Grade grade = analyzers::Grade::None;
  std::string grade_text;            // the report's words for that grade
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
