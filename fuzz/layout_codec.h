// The PDF reader's intermediate form (indexer/pdf_layout.h) as text, one
// record a line, so a fuzzer can mutate layouts and seeds can be made from
// real reports without committing the PDFs:
//
//   page NUMBER WIDTH HEIGHT
//   line PAGE BLOCK X0 Y0 X1 Y1 BASELINE TEXT_X0 FIRST_WORD_X1 SECOND_WORD_X0 FONT_SIZE
//   FLAGS<TAB>LABEL<TAB>TEXT<TAB>SUPERSCRIPTS
//
// FLAGS are letters (b bold, u bullet, s starts with a superscript, f field,
// - none); SUPERSCRIPTS are '|'-separated.  A line belongs to the page
// record before it.  Decoding accepts anything: unknown records are skipped,
// missing numbers are 0.
#pragma once

#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>

#include "indexer/pdf_layout.h"

namespace ofs::fuzz {

inline std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    out.emplace_back(
        text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

inline std::string encode_layout(const indexer::pdf::Document& doc) {
  std::ostringstream out;
  out.precision(6);
  for (const auto& page : doc.pages) {
    out << "page " << page.number << ' ' << page.width << ' ' << page.height << '\n';
    for (const auto& l : page.lines) {
      std::string flags;
      if (l.bold) flags += 'b';
      if (l.is_bullet) flags += 'u';
      if (l.starts_with_superscript) flags += 's';
      if (l.is_field) flags += 'f';
      if (flags.empty()) flags = "-";
      std::string superscripts;
      for (std::size_t i = 0; i < l.superscripts.size(); ++i)
        superscripts += (i ? "|" : "") + l.superscripts[i];
      out << "line " << l.page << ' ' << l.source_block << ' ' << l.x0 << ' ' << l.y0 << ' ' << l.x1 << ' '
          << l.y1 << ' ' << l.baseline << ' ' << l.text_x0 << ' ' << l.first_word_x1 << ' '
          << l.second_word_x0 << ' ' << l.font_size << ' ' << flags << '\t' << l.label << '\t' << l.text
          << '\t' << superscripts << '\n';
    }
  }
  return out.str();
}

inline indexer::pdf::Document decode_layout(std::string_view text) {
  indexer::pdf::Document doc;
  for (const std::string& record : split(text, '\n')) {
    const std::vector<std::string> fields = split(record, '\t');
    std::istringstream numbers(fields[0]);
    std::string kind;
    numbers >> kind;
    const auto number = [&numbers] {
      std::string word;
      numbers >> word;
      return std::strtod(word.c_str(), nullptr);
    };
    if (kind == "page") {
      indexer::pdf::Page page;
      page.number = static_cast<int>(number());
      page.width = number();
      page.height = number();
      doc.pages.push_back(std::move(page));
    } else if (kind == "line" && !doc.pages.empty()) {
      indexer::pdf::Line l;
      l.page = static_cast<int>(number());
      l.source_block = static_cast<int>(number());
      for (double* v : {&l.x0, &l.y0, &l.x1, &l.y1, &l.baseline, &l.text_x0, &l.first_word_x1,
                        &l.second_word_x0, &l.font_size})
        *v = number();
      std::string flags;
      numbers >> flags;
      l.bold = flags.find('b') != std::string::npos;
      l.is_bullet = flags.find('u') != std::string::npos;
      l.starts_with_superscript = flags.find('s') != std::string::npos;
      l.is_field = flags.find('f') != std::string::npos;
      if (fields.size() > 1) l.label = fields[1];
      if (fields.size() > 2) l.text = fields[2];
      if (fields.size() > 3 && !fields[3].empty()) l.superscripts = split(fields[3], '|');
      doc.pages.back().lines.push_back(std::move(l));
    }
  }
  doc.page_count = static_cast<int>(doc.pages.size());
  return doc;
}

}  // namespace ofs::fuzz
