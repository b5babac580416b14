#!/usr/bin/env bash
# Checks C++ files against .clang-format without changing them.
#
# Usage: scripts/check-format.sh [FILE...]
#   With no FILE, checks every tracked .cpp and .h file of the repository.
#   CLANG_FORMAT=PATH picks the formatter (default: clang-format on PATH).
#
# Exit status: 0 every file is formatted; 1 some are not (each is named, with
# the first lines that differ); 2 the formatter is missing or a file is unreadable.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
formatter=${CLANG_FORMAT:-clang-format}
if ! command -v "$formatter" >/dev/null 2>&1; then
  echo "check-format: $formatter not found; run scripts/install-deps.sh (Debian package clang-format)" >&2
  exit 2
fi

files=("$@")
if [[ ${#files[@]} -eq 0 ]]; then
  mapfile -t files < <(git -C "$repo" ls-files -- '*.cpp' '*.h' | sed "s|^|$repo/|")
fi

unformatted=0
for file in "${files[@]}"; do
  if [[ ! -r $file ]]; then
    echo "check-format: cannot read $file" >&2
    exit 2
  fi
  # --style=file finds the .clang-format above the file; stdin keeps the file untouched.
  if ! differences=$("$formatter" --style=file --assume-filename="$file" <"$file" | diff -u "$file" - 2>&1); then
    unformatted=$((unformatted + 1))
    echo "check-format: $file is not formatted; clang-format -i $file fixes it:"
    sed -n '3,12p' <<<"$differences"
  fi
done
if ((unformatted > 0)); then
  echo "check-format: $unformatted of ${#files[@]} files need formatting"
  exit 1
fi
echo "check-format: ${#files[@]} files formatted"
