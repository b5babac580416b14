#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install dependencies, build,
# index the bundled corpus/ and run sample searches.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
rm -rf ofs-index
./build/ofs --db ofs-index index corpus
echo
echo "\$ ofs search 'Section 47 joint interviews' --limit 3"
./build/ofs --db ofs-index search 'Section 47 joint interviews' --limit 3
echo
echo "\$ ofs search 'Section 47 joint interviews' --grade inadequate"
./build/ofs --db ofs-index search 'Section 47 joint interviews' --grade inadequate
echo
echo "The same index in a browser (read-only, this machine only):"
echo "  ./build/ofs --db ofs-index serve            # then open http://127.0.0.1:8080/"
echo "  (--port N for another port; docs/web.md describes the page and its JSON API)"
