// Prints how ofs structures report files: metadata, judgements and (with -p)
// every paragraph with its number, page, section, area and grade.
//   report_dump [-p|-j] FILE...
#include <iostream>
#include "indexer/indexer.h"
int main(int argc, char** argv) {
  auto t = ofs::indexer::Tables::load(OFS_SOURCE_DIR "/data");
  bool paras = std::string(argv[1]) == "-p";
  for (int i = 2; i < argc; ++i) {
    auto r = ofs::indexer::read_report(argv[i], t);
    if (!r.report) {
      std::cout << argv[i] << " REJECTED " << r.outcome.reason << "\n";
      continue;
    }
    auto& m = r.report->meta;
    std::cout << "== " << argv[i] << "\n   " << m.framework << " | " << m.authority << " | "
              << m.inspection_start << ".." << m.inspection_end << " pub " << m.published << " | "
              << m.lead_inspector << " | paras " << r.report->paragraphs.size() << "\n";
    for (auto& w : m.warnings) std::cout << "   W: " << w << "\n";
    for (auto& j : m.judgements)
      std::cout << "   J: " << j.service << " | " << j.name << " | " << j.area << " | "
                << ofs::analyzers::grade_name(j.grade) << " | " << j.words << "\n";
    if (paras)
      for (auto& p : r.report->paragraphs)
        std::cout << "   " << p.number << "/" << p.item << " p" << p.page << " ["
                  << ofs::indexer::join_section(p.section) << "] " << p.area << " "
                  << ofs::analyzers::grade_name(p.grade) << " :: " << p.text.substr(0, 70) << "\n";
  }
}
