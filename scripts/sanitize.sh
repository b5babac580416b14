#!/usr/bin/env bash
# Builds the whole project with AddressSanitizer + UndefinedBehaviorSanitizer
# in build-asan/ (RelWithDebInfo at -O1, frame pointers kept) and runs the
# whole CTest suite there.  Any sanitizer report stops the test that hit it
# (halt_on_error), so a green run means no report.  Prints the time taken.
#   scripts/sanitize.sh [CTEST ARGS...]    e.g. scripts/sanitize.sh -R query_test
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD/..}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# GCC 12 warns of maybe-uninitialized members inside std::regex and
# std::function once the sanitizers instrument them (false positives in the
# standard library's own headers); -Werror must not stop on those.
flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -Wno-maybe-uninitialized"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g -DNDEBUG" \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" "${launcher[@]}" >/dev/null
cmake --build build-asan -j2
built=$(date +%s)
# The ofs binary the CLI tests run inherits these.
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
cd build-asan
ctest --output-on-failure -j2 "$@"
end=$(date +%s)
echo "sanitized build $((built - start))s, tests $((end - built))s"
