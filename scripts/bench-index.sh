#!/usr/bin/env bash
# Benchmarks indexing, in one run, on the real corpus (../shared/corpus/ofsted-pdf beside the
# checkout), and prints one table:
#
#   floor        mutool draw -F stext of every PDF, one file after another: what the PDF library
#                alone costs on one core (ofs reads PDFs with the same library)
#   ofs          ofs index from scratch with --jobs 1 and with --jobs N (all cores); the no-op
#                re-run; the re-run after one file changed (one byte appended after %%EOF)
#   peers        omindex (xapian-omega) and recollindex (recollcmd), from scratch and no-op, when
#                they install from Debian; skipped with a message otherwise
#   for each     wall time, CPU time (user+sys, children included) and peak RSS (largest process)
#                from /usr/bin/time -v; index size on disk (du); ratio of wall time to the floor
#
# Usage: scripts/bench-index.sh
#   CORPUS=DIR    corpus folder (default ../shared/corpus/ofsted-pdf)
#   SCALE=N       index N copies of the corpus under new folder names (default 1)
#   OFS_BIN=PATH  ofs binary (default build/ofs)
#   PEERS=0       do not try omindex and recollindex
# Everything it creates lives in one temporary directory, removed on exit.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS:-$repo/../shared/corpus/ofsted-pdf}
scale=${SCALE:-1}
peers=${PEERS:-1}
ofs=${OFS_BIN:-$repo/build/ofs}
log() { printf 'bench-index: %s\n' "$*" >&2; }

if [[ ! -d $corpus ]]; then
  echo "bench-index: corpus folder not found: $corpus"
  echo "bench-index: SKIPPED (nothing measured); put the reports there or set CORPUS=DIR"
  exit 0
fi
[[ -x $ofs ]] || { echo "bench-index: no ofs binary at $ofs: build it with scripts/build.sh" >&2; exit 1; }

sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 bash -c "$(declare -f sudo_if_needed); sudo_if_needed apt-get -o DPkg::Lock::Timeout=120 install -y -qq \
    --no-install-recommends $*" >/dev/null 2>&1
}
need() { command -v "$1" >/dev/null 2>&1 || { log "installing $2 (for $1)"; apt_install "$2" || true; }
         command -v "$1" >/dev/null 2>&1; }
[[ -x /usr/bin/time ]] || apt_install time || true
[[ -x /usr/bin/time ]] || { echo "bench-index: /usr/bin/time missing and 'time' did not install" >&2; exit 1; }
need mutool mupdf-tools || { echo "bench-index: mutool missing and mupdf-tools did not install" >&2; exit 1; }
have_omindex=0 have_recoll=0 notes=()
if (( peers )); then
  if need omindex xapian-omega; then have_omindex=1; else notes+=("omindex not measured: xapian-omega did not install"); fi
  if need recollindex recollcmd && need python3 python3; then have_recoll=1
  else notes+=("recollindex not measured: recollcmd did not install"); fi
else
  notes+=("peers not measured (PEERS=0)")
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/ofs-bench-index.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The corpus, SCALE times under new folder names, copied so one file can be changed.
data=$work/corpus
for ((i = 1; i <= scale; i++)); do mkdir -p "$data/copy $i"; cp -r "$corpus"/. "$data/copy $i/"; done
mapfile -d '' pdfs < <(find "$data" -type f -name '*.pdf' -print0 | sort -z)
real=()
for f in "${pdfs[@]}"; do [[ $(head -c 5 "$f") == %PDF- ]] && real+=("$f"); done
find "$data" -type f -exec cat {} + >/dev/null  # warm page cache
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# timed NAME CMD...: wall_NAME cpu_NAME rss_NAME rc_NAME from /usr/bin/time -v
timed() {
  local name=$1; shift
  local tf=$work/time.$name rc=0
  /usr/bin/time -v -o "$tf" "$@" >"$work/out.$name" 2>"$work/err.$name" || rc=$?
  printf -v "wall_$name" '%s' "$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, a, ":"); s = 0;
    for (i = 1; i <= n; i++) s = s * 60 + a[i]; printf "%.2f", s}' "$tf")"
  printf -v "cpu_$name" '%s' "$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.1f", u + s}' "$tf")"
  printf -v "rss_$name" '%s' "$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$tf")"
  printf -v "rc_$name" '%s' "$rc"
}
size_mb() { du -sk "$1" | awk '{printf "%.1f", $1 / 1024}'; }

log "floor: mutool draw -F stext, ${#real[@]} PDFs, one after another"
printf '%s\0' "${real[@]}" >"$work/real.list"
timed floor bash -c 'while IFS= read -r -d "" f; do mutool draw -q -F stext -o /dev/null "$f" 2>/dev/null || true; done' \
  <"$work/real.list"

jobs=$(nproc)
log "ofs index --jobs 1"
timed ofs1 "$ofs" --db "$work/ofs1" --quiet index --jobs 1 "$data"
size_ofs1=$(size_mb "$work/ofs1")
log "ofs index --jobs $jobs"
timed ofsN "$ofs" --db "$work/ofsN" --quiet index --jobs "$jobs" "$data"
size_ofsN=$(size_mb "$work/ofsN")
log "ofs index, no-op re-run"
timed ofs0 "$ofs" --db "$work/ofsN" --quiet index "$data"
printf '\n' >>"${real[0]}"  # PDF readers ignore bytes after %%EOF: the same report, other bytes
log "ofs index, one file changed"
timed ofsT "$ofs" --db "$work/ofsN" index --format json "$data"
size_ofsT=$(size_mb "$work/ofsN")
touched=$(grep -oE '"(indexed|unchanged|removed)": [0-9]+' "$work/out.ofsT" | tr '\n' ' ')
for run in ofs1 ofsN ofs0; do
  rc=rc_$run; [[ ${!rc} == 0 || ${!rc} == 3 ]] || { cat "$work/err.$run" >&2; echo "bench-index: $run failed (exit ${!rc})" >&2; exit 1; }
done

if (( have_omindex )); then
  log "omindex from scratch and no-op"
  timed omi omindex --db "$work/omega" --url / "$data"
  size_omi=$(size_mb "$work/omega")
  timed omi0 omindex --db "$work/omega" --url / "$data"
fi
if (( have_recoll )); then
  log "recollindex from scratch and no-op"
  mkdir -p "$work/recoll"
  printf 'topdirs = "%s"\nnoaspell = 1\nloglevel = 2\n' "$data" >"$work/recoll/recoll.conf"
  timed rcl recollindex -c "$work/recoll"
  size_rcl=$(size_mb "$work/recoll/xapiandb")
  timed rcl0 recollindex -c "$work/recoll"
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

ratio() { awk -v a="$1" -v b="$wall_floor" 'BEGIN {if (b > 0) printf "%.2f×", a / b; else print "-"}'; }
row() { printf '%-36s | %9s | %9s | %9s | %10s | %8s\n' "$@"; }
rule() { printf '%s\n' "$(printf -- '-%.0s' {1..98})"; }
echo
echo "ofs indexing benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "corpus: $corpus ×$scale = ${#pdfs[@]} .pdf files (${#real[@]} real PDFs), page cache warm"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo),"\
     "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load avg before $load_before, after $load_after"
echo "ofs: $ofs ($(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')); $(mutool -v 2>&1 | head -1)"
rule
row "" "wall s" "CPU s" "RSS MiB" "size MB" "÷ floor"
rule
row "floor: mutool draw -F stext, 1 core" "$wall_floor" "$cpu_floor" "$rss_floor" "-" "1.00×"
row "ofs index, scratch, --jobs 1" "$wall_ofs1" "$cpu_ofs1" "$rss_ofs1" "$size_ofs1" "$(ratio "$wall_ofs1")"
row "ofs index, scratch, --jobs $jobs" "$wall_ofsN" "$cpu_ofsN" "$rss_ofsN" "$size_ofsN" "$(ratio "$wall_ofsN")"
row "ofs index, no-op re-run" "$wall_ofs0" "$cpu_ofs0" "$rss_ofs0" "-" "-"
row "ofs index, one file changed" "$wall_ofsT" "$cpu_ofsT" "$rss_ofsT" "$size_ofsT" "-"
if (( have_omindex )); then
  row "omindex, scratch" "$wall_omi" "$cpu_omi" "$rss_omi" "$size_omi" "$(ratio "$wall_omi")"
  row "omindex, no-op re-run" "$wall_omi0" "$cpu_omi0" "$rss_omi0" "-" "-"
fi
if (( have_recoll )); then
  row "recollindex, scratch" "$wall_rcl" "$cpu_rcl" "$rss_rcl" "$size_rcl" "$(ratio "$wall_rcl")"
  row "recollindex, no-op re-run" "$wall_rcl0" "$cpu_rcl0" "$rss_rcl0" "-" "-"
fi
rule
echo "one file changed: $touched"
for n in "${notes[@]}"; do echo "note: $n"; done
exit 0
