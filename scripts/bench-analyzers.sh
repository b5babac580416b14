#!/usr/bin/env bash
# Indexing cost of two ofs builds side by side (e.g. before and after a change to the
# analyzers), on the same machine in one run, so that the ratio means something on a
# shared, noisy machine:
#
#   corpus     ofs index CORPUS into a fresh index, RUNS times per build, alternating;
#              median wall time, median CPU time (user+sys), largest peak RSS.
#   one line   a generated text file that is one line of SIZES MiB (words and spaces, no
#              full stop), indexed alone: how the cost grows with a paragraph's length.
#
# Usage: scripts/bench-analyzers.sh BEFORE_BIN AFTER_BIN
#   CORPUS=DIR     corpus folder (default: ../shared/corpus/ofsted-pdf beside the repo)
#   RUNS=N         corpus runs per build (default 3)
#   SIZES="1 2 4"  one-line file sizes in MiB (default "1 2 4")
#   TIMEOUT=S      give up on one run after S seconds (default 300), reported as ">S"
# Prints a Markdown table on stdout, progress on stderr.  Needs /usr/bin/time (Debian
# package `time`).  Everything it creates lives in one temporary folder, removed on exit.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
before=${1:?usage: bench-analyzers.sh BEFORE_BIN AFTER_BIN}
after=${2:?usage: bench-analyzers.sh BEFORE_BIN AFTER_BIN}
corpus=${CORPUS:-$repo/../shared/corpus/ofsted-pdf}
runs=${RUNS:-3}
sizes=${SIZES:-1 2 4}
timeout_s=${TIMEOUT:-300}
[[ -x /usr/bin/time ]] || { echo "bench-analyzers: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log() { printf 'bench: %s\n' "$*" >&2; }

# run BIN LABEL ARGS...: one timed `ofs index` into a fresh index; prints "wall cpu rss_mb"
# ("timeout" when it ran past TIMEOUT).
run() {
  local bin=$1 label=$2; shift 2
  rm -rf "$work/db"
  if ! timeout "$timeout_s" /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$bin" --quiet --db "$work/db" index "$@" \
      >/dev/null 2>"$work/err.$label"; then
    [[ $? -eq 124 ]] && { echo "timeout"; return; }
  fi
  awk '{ printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$work/time"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "| input | build | wall s (median) | CPU s (median) | peak RSS MiB |"
echo "| --- | --- | --- | --- | --- |"

if [[ -d $corpus ]]; then
  cat "$corpus"/*/* >/dev/null 2>&1 || true  # warm the page cache for both builds alike
  declare -A walls cpus rss
  for ((i = 1; i <= runs; i++)); do
    for label in before after; do
      bin=$before; [[ $label == after ]] && bin=$after
      log "corpus run $i, $label"
      read -r w c r < <(run "$bin" "$label" "$corpus")
      walls[$label]+="$w "; cpus[$label]+="$c "; rss[$label]=$(( ${rss[$label]:-0} > r ? ${rss[$label]:-0} : r ))
    done
  done
  for label in before after; do
    echo "| corpus ($(ls "$corpus" | wc -l) folders) | $label | $(tr ' ' '\n' <<<"${walls[$label]}" | grep . | median) |" \
         "$(tr ' ' '\n' <<<"${cpus[$label]}" | grep . | median) | ${rss[$label]} |"
  done
else
  log "corpus folder not found: $corpus (corpus rows skipped)"
fi

for mib in $sizes; do
  file="$work/line-$mib.txt"
  python3 -c "import sys; n=int(sys.argv[1])*1048576; s=''.join('sentence%d without end ' % (i % 1000) for i in range(n // 20 + 1)); open(sys.argv[2], 'w').write(s[:n])" "$mib" "$file"
  for label in before after; do
    bin=$before; [[ $label == after ]] && bin=$after
    log "one line of $mib MiB, $label"
    result=$(run "$bin" "$label" "$file")
    if [[ $result == timeout ]]; then
      echo "| one line, $mib MiB | $label | >$timeout_s | | |"
    else
      read -r w c r <<<"$result"
      echo "| one line, $mib MiB | $label | $w | $c | $r |"
    fi
  done
done
echo
echo "Load average at the start: $load; $(nproc) cores."
