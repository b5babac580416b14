#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang and AddressSanitizer +
# UndefinedBehaviorSanitizer in build-fuzz/, then runs each for SECONDS
# (default 60) from its seed corpus in fuzz/corpus/.  New inputs go to
# build-fuzz/corpus/ (the committed seeds stay as they are); a crash, a
# hang (> 10 s for one input) or > 2 GB of memory stops that target, leaves
# the input in build-fuzz/artifacts/ and fails the script.  The random seed
# is fixed (FUZZ_SEED, default 1): a run from the committed seeds (as in CI,
# on a fresh clone) tries the same inputs in the same order, so it fails only
# on a real defect, and fails again when re-run.
#   scripts/fuzz.sh [SECONDS] [TARGET...]   targets: query text_reader pdf_layout saved_queries
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
fuzz_seed=${FUZZ_SEED:-1}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(query text_reader pdf_layout saved_queries)

export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD/..}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DOFS_FUZZ=ON -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" "${launcher[@]}" >/dev/null
cmake --build build-fuzz -j2 --target "${targets[@]/#/fuzz_}"

mkdir -p build-fuzz/artifacts
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
status=0
for t in "${targets[@]}"; do
  work=build-fuzz/corpus/$t
  mkdir -p "$work"
  dict=()
  [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
  echo "== fuzz_$t: ${seconds}s"
  if ! "build-fuzz/fuzz/fuzz_$t" "$work" "fuzz/corpus/$t" "${dict[@]}" -max_total_time="$seconds" -seed="$fuzz_seed" \
      -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="build-fuzz/artifacts/$t-" 2>"build-fuzz/fuzz_$t.log"; then
    status=1
    echo "fuzz_$t FAILED: see build-fuzz/fuzz_$t.log and build-fuzz/artifacts/"
    grep -E "^(==[0-9]+==ERROR|SUMMARY)" "build-fuzz/fuzz_$t.log" | head -5 || true
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "build-fuzz/fuzz_$t.log" || true
done
exit $status
