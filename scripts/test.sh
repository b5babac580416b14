#!/usr/bin/env bash
# Installs dependencies, builds and runs the whole test suite through CTest;
# then the same suite again in a second build under AddressSanitizer and
# UndefinedBehaviorSanitizer (scripts/sanitize.sh), and each libFuzzer target
# for FUZZ_SECONDS (default 30) under the same sanitizers (scripts/fuzz.sh).
# Any failure, sanitizer report or fuzzer finding fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
(cd build && ctest --output-on-failure -j2)
bash scripts/sanitize.sh
bash scripts/fuzz.sh "${FUZZ_SECONDS:-30}"
