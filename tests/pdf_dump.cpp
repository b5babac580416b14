// Debugging/bench tool: prints the blocks read_pdf makes from each file.
//   pdf_dump [--quiet] FILE...   |   pdf_dump --lines FILE
// --quiet prints only a per-file summary line (used by the benchmark).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "indexer/pdf_layout.h"
#include "indexer/pdf_reader.h"

namespace {

const char* kind_name(ofs::indexer::BlockKind kind) {
  switch (kind) {
    case ofs::indexer::BlockKind::Heading:
      return "H";
    case ofs::indexer::BlockKind::Bullet:
      return "*";
    default:
      return "T";
  }
}

void print_blocks(const ofs::indexer::ReadResult& result) {
  for (const auto& block : result.blocks)
    std::cout << "[p" << block.page << ' ' << kind_name(block.kind) << ' ' << block.font_size
              << (block.bold ? "b" : "") << (block.continues_previous ? " +cont" : "") << "] " << block.text
              << "\n";
}

// --lines: the raw MuPDF lines with geometry, before any cleanup.
void print_lines(const char* file) {
  const auto doc = ofs::indexer::pdf::load_with_mupdf(file);
  for (const auto& page : doc.pages)
    for (const auto& l : page.lines)
      std::printf("p%d b%d x%.1f-%.1f w%.1f/%.1f y%.1f-%.1f base%.1f sz%.1f%s | %s\n", l.page, l.source_block,
                  l.x0, l.x1, l.first_word_x1, l.second_word_x0, l.y0, l.y1, l.baseline, l.font_size,
                  l.bold ? "b" : "", l.text.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  bool quiet = false;
  int failures = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quiet") == 0) {
      quiet = true;
      continue;
    }
    if (std::strcmp(argv[i], "--lines") == 0 && i + 1 < argc) {
      print_lines(argv[++i]);
      continue;
    }
    const auto start = std::chrono::steady_clock::now();
    const auto result = ofs::indexer::read_pdf(argv[i]);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    if (!quiet) print_blocks(result);
    for (const auto& w : result.warnings) std::cerr << argv[i] << ": warning: " << w << "\n";
    if (result.error) {
      ++failures;
      std::cerr << argv[i] << ": error: " << *result.error << "\n";
    }
    if (quiet)
      std::cout << result.page_count << "\t" << result.blocks.size() << "\t" << ms << "\t" << argv[i] << "\n";
  }
  return failures == 0 ? 0 : 1;
}
