#!/usr/bin/env bash
# Times text extraction of every real Ofsted PDF, one thread, with:
#   1. ofs read_pdf (MuPDF structured text in-process, plus our cleanup), via pdf_dump --quiet
#   2. mutool draw -F txt       (MuPDF CLI, one process per file)
#   3. pdftotext -layout        (poppler CLI, one process per file)
#   4. poppler-cpp text_list()  (in-process, small program built here)
# Usage: scripts/bench-pdf-extract.sh [BUILD_DIR] [CORPUS_DIR]
#   BUILD_DIR must contain pdf_dump (default: build-pdf next to this repo's root).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$repo/build-pdf}
corpus=${2:-$repo/../shared/corpus/ofsted-pdf}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[[ -x $build/pdf_dump ]] || { echo "no $build/pdf_dump; build it first" >&2; exit 1; }
[[ -d $corpus ]] || { echo "corpus not found: $corpus" >&2; exit 1; }

# Real PDFs only (the corpus has HTML pages saved as .pdf).
list=$work/files
find "$corpus" -name '*.pdf' -print0 | sort -z |
  while IFS= read -r -d '' f; do
    [[ $(head -c 5 "$f") == %PDF- ]] && printf '%s\0' "$f"
  done > "$list"
count=$(tr -cd '\0' < "$list" | wc -c)
pages=$(xargs -0 -n1 pdfinfo < "$list" 2>/dev/null | awk '/^Pages:/ {s += $2} END {print s}')

# poppler-cpp in-process extractor.
cat > "$work/poppler_text_list.cpp" <<'CPP'
#include <poppler-document.h>
#include <poppler-page.h>
#include <cstdio>
#include <memory>
int main(int argc, char** argv) {
  size_t boxes = 0;
  for (int i = 1; i < argc; ++i) {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(argv[i]));
    if (!doc) continue;
    for (int p = 0; p < doc->pages(); ++p) {
      std::unique_ptr<poppler::page> page(doc->create_page(p));
      if (page) boxes += page->text_list().size();
    }
  }
  std::printf("%zu word boxes\n", boxes);
}
CPP
have_poppler_cpp=0
if g++ -O2 -std=c++20 "$work/poppler_text_list.cpp" -o "$work/poppler_text_list" \
     $(pkg-config --cflags --libs poppler-cpp) 2>/dev/null; then
  have_poppler_cpp=1
fi

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b - a}'; }
results=()
measure() {  # name, command...
  local name=$1; shift
  local t0 t1
  t0=$(now); "$@" > /dev/null 2>&1 || true; t1=$(now)
  local secs; secs=$(elapsed "$t0" "$t1")
  results+=("$(printf '%-40s %8s s  %7.1f ms/file  %6.2f ms/page' "$name" "$secs" \
    "$(awk -v s="$secs" -v n="$count" 'BEGIN {print 1000 * s / n}')" \
    "$(awk -v s="$secs" -v n="$pages" 'BEGIN {print 1000 * s / n}')")")
}

per_file() { xargs -0 -n1 -P1 "$@" < "$list"; }

measure "ofs read_pdf (MuPDF stext, in-process)" xargs -0 -P1 "$build/pdf_dump" --quiet < "$list"
measure "mutool draw -F txt (per file)" per_file sh -c 'mutool draw -q -F txt -o /dev/null "$0"'
measure "pdftotext -layout (per file)" per_file sh -c 'pdftotext -layout "$0" /dev/null'
if (( have_poppler_cpp )); then
  measure "poppler-cpp text_list (in-process)" xargs -0 -P1 "$work/poppler_text_list" < "$list"
else
  results+=("poppler-cpp text_list: not built (libpoppler-cpp-dev missing?)")
fi

echo "$count PDFs, $pages pages, one thread, $(nproc) cores on $(uname -m)"
printf '%s\n' "${results[@]}"
