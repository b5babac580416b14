#!/usr/bin/env bash
# Runs COUNT generated hostile and fuzzed queries (tests/hostile_queries.cpp,
# fixed SEED so runs repeat) against an index of the shared corpus (the
# sample report when the corpus is absent) and counts the outcomes:
#   answered  exit 0 or 1
#   refused   exit 2 with one "ofs: …" line, no raw control characters
#   crashed   any other exit (signal, sanitizer report, uncaught exception)
#   hung      still running after 10 s
#   memory    answered or refused, but past 1 GB resident
# docs/reliability.md holds the figures.
#   scripts/reliability.sh [COUNT] [SEED] [BUILD_DIR] [REPORTS]
#   (defaults: 3000 1 build ../shared/corpus/ofsted-pdf, or corpus/ when that is absent)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-3000}
seed=${2:-1}
build=${3:-build}
if [ ! -x "$build/ofs" ] || [ ! -x "$build/tests/hostile_queries" ]; then
  cmake --build "$build" -j2 --target ofs hostile_queries
fi
ofs=$PWD/$build/ofs
corpus=${4:-../shared/corpus/ofsted-pdf}
[ -d "$corpus" ] || corpus=corpus
index=$build/reliability-index-$(basename "$corpus")
if [ ! -d "$index" ]; then
  echo "indexing $corpus into $index"
  "$ofs" --quiet --db "$index" index "$corpus" || [ $? -eq 3 ]  # 3: some files rejected (the HTML pages)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1

declare -A tried answered refused crashed hung memory
kinds=()
examples=$work/examples
while IFS=$'\t' read -r -d '' kind query; do
  [ -n "${tried[$kind]+x}" ] || { kinds+=("$kind"); tried[$kind]=0 answered[$kind]=0 refused[$kind]=0 crashed[$kind]=0 hung[$kind]=0 memory[$kind]=0; }
  tried[$kind]=$((tried[$kind] + 1))
  rc=0
  /usr/bin/time -f %M -o "$work/rss" timeout -s KILL 10 "$ofs" --db "$index" search --limit 5 --format json -- "$query" \
    >/dev/null 2>"$work/err" || rc=$?
  rss=$(tail -1 "$work/rss" | grep -Eo '^[0-9]+$' || echo 0)
  if [ $rc -eq 137 ]; then
    hung[$kind]=$((hung[$kind] + 1)); outcome=hung
  elif [ $rc -le 1 ]; then
    answered[$kind]=$((answered[$kind] + 1)); outcome=answered
  elif [ $rc -eq 2 ] && [ "$(wc -l <"$work/err")" -eq 1 ] && grep -q '^ofs: ' "$work/err" \
      && ! LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$work/err"; then
    refused[$kind]=$((refused[$kind] + 1)); outcome=refused
  else
    crashed[$kind]=$((crashed[$kind] + 1)); outcome=crashed
  fi
  if [ "$outcome" != hung ] && [ "$rss" -gt 1048576 ]; then memory[$kind]=$((memory[$kind] + 1)); outcome=memory; fi
  if [ "$outcome" = crashed ] || [ "$outcome" = hung ] || [ "$outcome" = memory ]; then
    printf '%s\t%s\texit %s\t%.200q\n' "$outcome" "$kind" "$rc" "$query" >>"$examples"
  fi
done < <("$build/tests/hostile_queries" "$count" "$seed")

printf '| kind | tried | answered | refused | crashed | hung | over 1 GB |\n|---|---|---|---|---|---|---|\n'
total=(0 0 0 0 0 0)
for k in "${kinds[@]}"; do
  printf '| %s | %d | %d | %d | %d | %d | %d |\n' "$k" "${tried[$k]}" "${answered[$k]}" "${refused[$k]}" \
    "${crashed[$k]}" "${hung[$k]}" "${memory[$k]}"
  i=0
  for v in "${tried[$k]}" "${answered[$k]}" "${refused[$k]}" "${crashed[$k]}" "${hung[$k]}" "${memory[$k]}"; do
    total[$i]=$((total[$i] + v)); i=$((i + 1))
  done
done
printf '| **all** | %d | %d | %d | %d | %d | %d |\n' "${total[@]}"
echo "index: $corpus ($("$ofs" --db "$index" reports --format csv | tail -n +2 | wc -l) reports); seed $seed; binary $build/ofs"
if [ -s "$examples" ]; then
  echo "defects:"
  cat "$examples"
  exit 1
fi
