#!/usr/bin/env bash
# Installs dependencies, builds and runs the whole test suite through CTest.
# The same suite under AddressSanitizer and UBSan is scripts/sanitize.sh, and
# the fuzzers scripts/fuzz.sh; they are not part of this command yet.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
cd build
ctest --output-on-failure -j2
