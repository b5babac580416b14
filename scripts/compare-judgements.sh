#!/usr/bin/env bash
# Builds the compare_judgements tool and compares our report metadata and judgements with
# the peer extraction in ../shared/corpus/third-party-judgements.csv (see
# docs/judgements-agreement.md).  Extra arguments go to the tool, e.g. --tsv all-fields.tsv.
#   BUILD_DIR (default build, as scripts/build.sh) is the CMake build directory to use.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j"$(nproc)" --target compare_judgements >/dev/null
exec "$build_dir/tests/compare_judgements" "$@"
