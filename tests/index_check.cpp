// Checks one index the way the crash tests do, for scripts/reliability.sh:
//   index_check DB            prints "whole: R reports, P paragraphs" and exits 0, or
//                             prints each defect of a partial state and exits 1
//   index_check --content DB  prints everything a search can see, in a canonical
//                             order, to compare two indexes (e.g. through sha256sum)
// Exits 2 when DB cannot be opened: after a crash, that too is a defect.
#include <iostream>
#include <string>

#include "index_invariants.h"

int main(int argc, char** argv) {
  const bool content = argc == 3 && std::string(argv[1]) == "--content";
  if (argc != 2 && !content) {
    std::cerr << "usage: index_check [--content] DB\n";
    return 2;
  }
  const std::filesystem::path db = argv[argc - 1];
  try {
    if (content) {
      std::cout << ofs::test::index_content(db);
      return 0;
    }
    const auto defects = ofs::test::partial_state_defects(db);
    for (const auto& defect : defects) std::cout << defect << "\n";
    if (!defects.empty()) return 1;
    std::cout << "whole: " << ofs::test::catalogue(db).size() << " reports, "
              << Xapian::Database(db.string()).get_doccount() << " paragraphs\n";
    return 0;
  } catch (const Xapian::Error& e) {
    std::cout << "cannot open " << db.string() << ": " << e.get_description() << "\n";
    return 2;
  }
}
