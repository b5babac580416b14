// Writes the intermediate layout of a PDF's pages (layout_codec.h), the
// seed form for fuzz_pdf_layout: layout_seed FILE.pdf FIRST_PAGE LAST_PAGE
#include <cstdlib>
#include <iostream>

#include "fuzz/layout_codec.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: layout_seed FILE.pdf FIRST_PAGE LAST_PAGE\n";
    return 2;
  }
  auto doc = ofs::indexer::pdf::load_with_mupdf(argv[1]);
  if (doc.error) {
    std::cerr << "layout_seed: " << argv[1] << ": " << *doc.error << "\n";
    return 2;
  }
  const int first = std::atoi(argv[2]), last = std::atoi(argv[3]);
  std::erase_if(doc.pages, [&](const auto& page) { return page.number < first || page.number > last; });
  std::cout << ofs::fuzz::encode_layout(doc);
  return 0;
}
