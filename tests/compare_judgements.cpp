// Compares our report-level extraction with a peer tool's CSV for the same PDFs.
//   compare_judgements [--data DIR] [--csv FILE] [--corpus DIR] [--tsv FILE] [--list FILE]
// --tsv writes every compared value; --list writes our metadata for every report read.
// Defaults: the project's data/ tables, ../shared/corpus/third-party-judgements.csv and
// ../shared/corpus/ofsted-pdf beside the checkout.  Every CSV row is keyed by its folder
// (urn_authority) and file name; every PDF is read with indexer::read_report.
//
// For each field (dates, lead inspector, framework, the five grades) it prints how many
// reports agree, disagree, have a value on one side only or on neither, then every
// disagreement and every value only the peer has (file, field, ours, theirs).
// Peer markers that mean "no value" (blank, data_unreadable) count as blank; its markers for
// a judgement the framework does not make (inspection_pre_dates_judgement for care leavers
// before the 2023 ILACS update, not_reported_post_reform for overall effectiveness in 2026
// reports) are compared with what we find in the report (see map_grades below).
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "analyzers/grade.h"
#include "analyzers/text.h"
#include "indexer/indexer.h"
#include "indexer/metadata.h"

namespace fs = std::filesystem;
using ofs::indexer::ReportMeta;

namespace {

#ifndef OFS_SOURCE_DIR
#define OFS_SOURCE_DIR "."
#endif

const std::vector<std::string> kFields = {"published",         "inspection_start",    "inspection_end",
                                          "lead_inspector",    "framework",           "overall_effectiveness",
                                          "impact_of_leaders", "help_and_protection", "in_care",
                                          "care_leavers"};

// Markers for a judgement the report's framework does not make.
constexpr const char* kNotMade = "(not a judgement in this framework)";

std::vector<std::string> parse_csv_line(std::istream& in, bool& ok) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  ok = false;
  for (int c; (c = in.get()) != EOF;) {
    ok = true;
    if (quoted) {
      if (c == '"') {
        if (in.peek() == '"') field += static_cast<char>(in.get());
        else quoted = false;
      } else {
        field += static_cast<char>(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      break;
    } else if (c != '\r') {
      field += static_cast<char>(c);
    }
  }
  if (ok) fields.push_back(std::move(field));
  return fields;
}

// "09/05/25" -> "2025-05-09"; "17/03/2025" -> "2025-03-17"; anything else unchanged.
std::string iso_from_dmy(const std::string& text) {
  int d = 0, m = 0, y = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%d/%d/%d%c", &d, &m, &y, &tail) != 3) return text;
  if (y < 100) y += 2000;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::string theirs_grade(const std::string& value) {
  if (value.empty() || value == "data_unreadable") return "";
  if (value == "inspection_pre_dates_judgement" || value == "not_reported_post_reform") return kNotMade;
  std::string out = value;
  std::replace(out.begin(), out.end(), ' ', '-');
  return out;  // "requires improvement" -> "requires-improvement", as grade_name() spells it
}

std::string days_between(const std::string& a, const std::string& b) {
  auto days = [](const std::string& iso) {
    std::tm tm{};
    std::istringstream(iso) >> std::get_time(&tm, "%Y-%m-%d");
    return std::mktime(&tm) / 86400;
  };
  return std::to_string(days(b) - days(a));
}

// Our values under the CSV's column names.
std::map<std::string, std::string> our_fields(const ReportMeta& meta) {
  std::map<std::string, std::string> out;
  out["published"] = meta.published;
  out["inspection_start"] = meta.inspection_start;
  out["inspection_end"] = meta.inspection_end;
  out["lead_inspector"] = meta.lead_inspector;
  // The CSV's framework column is ILACS "standard" (two weeks on site) or "short" (one week);
  // we store the framework, so the inspection length decides: up to 7 days is short.
  if ((meta.framework == "ilacs" || meta.framework == "reform-2026") && !meta.inspection_start.empty())
    out["framework"] =
        std::stoi(days_between(meta.inspection_start, meta.inspection_end)) <= 7 ? "short" : "standard";
  else if (!meta.framework.empty() && meta.framework != "unknown")
    out["framework"] = "(" + meta.framework + ")";

  auto first = [&](const std::string& area) -> const ofs::indexer::Judgement* {
    for (const auto& j : meta.judgements)
      if (j.area == area && j.grade != ofs::analyzers::Grade::None && j.service.empty()) return &j;
    for (const auto& j : meta.judgements)
      if (j.area == area && j.grade != ofs::analyzers::Grade::None) return &j;
    return nullptr;
  };
  auto grade = [](const ofs::indexer::Judgement* j) {
    return j ? std::string(ofs::analyzers::grade_name(j->grade)) : std::string();
  };
  const bool ilacs_like = meta.framework == "ilacs" || meta.framework == "reform-2026";
  out["overall_effectiveness"] = grade(first("overall"));
  if (meta.framework == "reform-2026" && out["overall_effectiveness"].empty())
    out["overall_effectiveness"] = kNotMade;
  out["impact_of_leaders"] = grade(first("leadership"));
  out["help_and_protection"] = grade(first("help-and-protection"));
  // Before the 2023 ILACS update one judgement covers "children in care and care leavers";
  // the CSV puts it under in_care and marks care leavers inspection_pre_dates_judgement.
  const auto* in_care = first("children-in-care");
  out["in_care"] = grade(in_care);
  const auto* leavers = first("care-leavers");
  out["care_leavers"] = grade(leavers);
  if (!leavers && ilacs_like && in_care &&
      ofs::analyzers::lowercase(in_care->name).find("care leavers") != std::string::npos)
    out["care_leavers"] = kNotMade;
  return out;
}

struct Tally {
  int agree = 0, disagree = 0, ours_only = 0, theirs_only = 0, neither = 0;
};

struct Difference {
  std::string file, field, ours, theirs;
};

}  // namespace

int main(int argc, char** argv) {
  fs::path source = OFS_SOURCE_DIR;
  fs::path data = source / "data";
  fs::path csv = source / ".." / "shared" / "corpus" / "third-party-judgements.csv";
  fs::path corpus = source / ".." / "shared" / "corpus" / "ofsted-pdf";
  fs::path tsv, list;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--data") data = argv[i + 1];
    else if (flag == "--csv") csv = argv[i + 1];
    else if (flag == "--corpus") corpus = argv[i + 1];
    else if (flag == "--tsv") tsv = argv[i + 1];
    else if (flag == "--list") list = argv[i + 1];
    else {
      std::cerr << "usage: compare_judgements [--data DIR] [--csv FILE] [--corpus DIR] [--tsv FILE] [--list "
                   "FILE]\n";
      return 2;
    }
  }
  std::ifstream in(csv, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << csv << "\n";
    return 2;
  }
  bool ok = false;
  const auto header = parse_csv_line(in, ok);
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < header.size(); ++i) column[header[i]] = i;
  for (const char* needed : {"urn", "local_authority", "pdf_filename"})
    if (!column.count(needed)) {
      std::cerr << csv << ": no column " << needed << "\n";
      return 2;
    }
  const auto tables = ofs::indexer::Tables::load(data);

  std::map<std::string, Tally> tallies;
  std::vector<Difference> disagreements, gaps;
  int rows = 0, read = 0, rejected = 0, missing = 0;
  std::ofstream tsv_out;
  if (!tsv.empty()) {
    tsv_out.open(tsv);
    tsv_out << "file\tfield\tours\ttheirs\n";
  }
  std::ofstream list_out;
  if (!list.empty()) {
    list_out.open(list);
    list_out << "file\tauthority\tauthority_as_printed\tframework\ttitle\tinspection_start\tinspection_end"
                "\tpublished\tpublished_source\tlead_inspector\twarnings\n";
  }
  while (true) {
    const auto row = parse_csv_line(in, ok);
    if (!ok) break;
    if (row.size() < header.size()) continue;
    ++rows;
    auto cell = [&](const std::string& name) {
      return column.count(name) ? row[column[name]] : std::string();
    };
    const std::string folder = cell("urn") + "_" + cell("local_authority");
    const fs::path file = corpus / folder / cell("pdf_filename");
    const std::string label = folder + "/" + cell("pdf_filename");
    if (!fs::exists(file)) {
      ++missing;
      std::cerr << "missing: " << file << "\n";
      continue;
    }
    auto result = ofs::indexer::read_report(file, tables);
    if (!result.report) {
      ++rejected;
      std::cout << "rejected by ofs: " << label << " (" << result.outcome.reason << ")\n";
      continue;
    }
    ++read;
    const ReportMeta& meta = result.report->meta;
    if (list_out) {
      std::string warnings;
      for (const auto& w : meta.warnings) warnings += (warnings.empty() ? "" : "; ") + w;
      list_out << label << '\t' << meta.authority << '\t' << meta.authority_as_printed << '\t'
               << meta.framework << '\t' << meta.title << '\t' << meta.inspection_start << '\t'
               << meta.inspection_end << '\t' << meta.published << '\t' << meta.published_source << '\t'
               << meta.lead_inspector << '\t' << warnings << '\n';
    }
    auto ours = our_fields(meta);
    std::map<std::string, std::string> theirs = {
        {"published", iso_from_dmy(cell("publication_date"))},
        {"inspection_start", iso_from_dmy(cell("inspection_start_date"))},
        {"inspection_end", iso_from_dmy(cell("inspection_end_date"))},
        {"lead_inspector", ofs::analyzers::fold_whitespace(cell("inspector_name"))},
        {"framework", cell("inspection_framework")},
        {"overall_effectiveness", theirs_grade(cell("overall_effectiveness_grade"))},
        {"impact_of_leaders", theirs_grade(cell("impact_of_leaders_grade"))},
        {"help_and_protection", theirs_grade(cell("help_and_protection_grade"))},
        {"in_care", theirs_grade(cell("in_care_grade"))},
        {"care_leavers", theirs_grade(cell("care_leavers_grade"))}};
    for (const auto& field : kFields) {
      const std::string& o = ours[field];
      const std::string& t = theirs[field];
      if (tsv_out) tsv_out << label << '\t' << field << '\t' << o << '\t' << t << '\n';
      Tally& tally = tallies[field];
      if (o.empty() && t.empty()) ++tally.neither;
      else if (t.empty()) ++tally.ours_only;
      else if (o.empty()) ++tally.theirs_only, gaps.push_back({label, field, o, t});
      else if (ofs::analyzers::normalise_for_index(o) == ofs::analyzers::normalise_for_index(t))
        ++tally.agree;
      else ++tally.disagree, disagreements.push_back({label, field, o, t});
    }
  }
  std::cout << "CSV rows: " << rows << "; PDFs read: " << read << "; rejected by ofs: " << rejected
            << "; missing: " << missing << "\n\n";
  std::printf("%-22s %6s %9s %9s %11s %8s\n", "field", "agree", "disagree", "ours only", "theirs only",
              "neither");
  for (const auto& field : kFields) {
    const Tally& t = tallies[field];
    std::printf("%-22s %6d %9d %9d %11d %8d\n", field.c_str(), t.agree, t.disagree, t.ours_only,
                t.theirs_only, t.neither);
  }
  std::cout << "\nDisagreements (file | field | ours | theirs):\n";
  for (const auto& d : disagreements)
    std::cout << "  " << d.file << " | " << d.field << " | " << d.ours << " | " << d.theirs << "\n";
  std::cout << "\nValues only the peer has (file | field | theirs):\n";
  for (const auto& d : gaps) std::cout << "  " << d.file << " | " << d.field << " | " << d.theirs << "\n";
  return 0;
}
