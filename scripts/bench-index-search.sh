#!/usr/bin/env bash
# Benchmarks ofs against the tools analysts use today, in one run, on the real corpus
# (../shared/corpus/ofsted-pdf beside the checkout), and prints one table at the end:
#
#   indexing   ofs index CORPUS            -> Xapian index of tagged paragraphs
#              pdftotext of every PDF       -> a folder of .txt files (the baseline for grep)
#              recollindex -c TMPCONF       -> Recoll's Xapian index of whole files
#              wall time, CPU time (user+sys) and peak RSS from /usr/bin/time -v; size on disk.
#   searching  5 queries, each written in each tool's closest syntax:
#              ofs search, grep over the pdftotext folder, recollq.
#              Median latency over RUNS runs (hyperfine, else a date +%s%N loop), and
#              what each tool returns (paragraphs and reports / files and lines / documents).
#
# Usage: scripts/bench-index-search.sh
#   CORPUS=DIR   corpus folder (default: ../shared/corpus/ofsted-pdf relative to the repo root)
#   OFS_BIN=PATH ofs binary (default: build/ofs; built with scripts/build.sh if missing)
#   RUNS=N       timed runs per query and tool (default 20, after 3 warm-up runs)
#   PEERS=0      measure ofs only (no pdftotext, grep or Recoll): for comparing two ofs builds
#
# After the searches, ofs indexes the same corpus a second time into the same index and the
# table gives the size after that re-run and, with xapian-compact (xapian-tools), compacted.
#
# Installs what it needs from Debian packages when missing (time, poppler-utils, recollcmd,
# python3 for Recoll's PDF filter, hyperfine). This is a benchmark, not part of the build.
# Everything it creates lives in one temporary directory, removed on exit.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS:-$repo/../shared/corpus/ofsted-pdf}
runs=${RUNS:-20}
peers=${PEERS:-1}
warmup=3

if [[ ! -d $corpus ]]; then
  echo "bench-index-search: corpus folder not found: $corpus"
  echo "bench-index-search: SKIPPED (nothing measured); put the reports there or set CORPUS=DIR"
  exit 0
fi
corpus=$(cd "$corpus" && pwd)

log() { printf 'bench: %s\n' "$*" >&2; }

# ---------------------------------------------------------------- dependencies (apt, if missing)
sudo_if_needed() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {  # packages...; returns non-zero if apt-get fails
  export DEBIAN_FRONTEND=noninteractive
  if (( ! apt_updated )); then sudo_if_needed apt-get update -qq >/dev/null 2>&1 || true; apt_updated=1; fi
  sudo_if_needed apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1
}
need() {  # command package: install package when command is missing; 0 if command is there after
  local cmd=$1 pkg=$2
  command -v "$cmd" >/dev/null 2>&1 && return 0
  log "installing $pkg (for $cmd)"
  apt_install "$pkg" || true
  command -v "$cmd" >/dev/null 2>&1
}

[[ -x /usr/bin/time ]] || { log "installing time"; apt_install time || true; }
[[ -x /usr/bin/time ]] || { echo "bench-index-search: /usr/bin/time missing and 'time' did not install" >&2; exit 1; }
have_recoll=0; recoll_note=""
if (( peers )); then
  need pdftotext poppler-utils || { echo "bench-index-search: pdftotext missing and poppler-utils did not install" >&2; exit 1; }
  # Recoll: the Debian package 'recoll' is recollcmd (recollindex, recollq) + recollgui (Qt);
  # only the command-line half is needed. Its PDF filter (rclpdf.py) runs pdftotext via python3.
  if need recollindex recollcmd && need python3 python3; then
    have_recoll=1
  else
    recoll_note="Recoll not measured: recollcmd (or python3) did not install from apt"
    log "$recoll_note"
  fi
else
  recoll_note="PEERS=0: pdftotext, grep and Recoll not measured"
fi
have_compact=0
need xapian-compact xapian-tools && have_compact=1
have_hyperfine=0
need hyperfine hyperfine && have_hyperfine=1

# ---------------------------------------------------------------- ofs binary
ofs=${OFS_BIN:-$repo/build/ofs}
if [[ ! -x $ofs ]]; then
  log "no $ofs: building with scripts/build.sh"
  bash "$repo/scripts/install-deps.sh"
  bash "$repo/scripts/build.sh" >/dev/null
  ofs=$repo/build/ofs
fi
[[ -x $ofs ]] || { echo "bench-index-search: ofs binary not found at $ofs" >&2; exit 1; }

# ---------------------------------------------------------------- work area
work=$(mktemp -d "${TMPDIR:-/tmp}/ofs-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

nfiles=$(find "$corpus" -type f -name '*.pdf' | wc -l)
nreal=0
while IFS= read -r -d '' f; do [[ $(head -c 5 "$f") == %PDF- ]] && nreal=$((nreal + 1)); done \
  < <(find "$corpus" -type f -name '*.pdf' -print0)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# Warm the page cache so no tool pays for the first read of the corpus.
find "$corpus" -type f -name '*.pdf' -exec cat {} + >/dev/null

# ---------------------------------------------------------------- indexing
# timed NAME CMD...: runs CMD under /usr/bin/time -v; sets wall_NAME cpu_NAME rss_NAME rc_NAME
timed() {
  local name=$1; shift
  local tf=$work/time.$name rc=0
  /usr/bin/time -v -o "$tf" "$@" >"$work/out.$name" 2>"$work/err.$name" || rc=$?
  local wall user sys rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, a, ":"); s = 0;
                     for (i = 1; i <= n; i++) s = s * 60 + a[i]; printf "%.1f", s}' "$tf")
  user=$(awk -F': ' '/User time \(seconds\)/ {print $2}' "$tf")
  sys=$(awk -F': ' '/System time \(seconds\)/ {print $2}' "$tf")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$tf")
  printf -v "wall_$name" '%s' "$wall"
  printf -v "cpu_$name" '%s' "$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.1f", u + s}')"
  printf -v "rss_$name" '%s' "$rss"
  printf -v "rc_$name" '%s' "$rc"
}
size_mb() { du -sb "$1" | awk '{printf "%.1f MB (%d bytes)", $1 / 1e6, $1}'; }

# (1) ofs: exit 3 = some files rejected (the HTML pages saved as .pdf); anything else is a failure.
log "indexing with ofs"
db=$work/ofs-index
timed ofs "$ofs" --db "$db" index "$corpus"
if [[ $rc_ofs != 0 && $rc_ofs != 3 ]]; then
  cat "$work/err.ofs" >&2; echo "bench-index-search: ofs index failed (exit $rc_ofs)" >&2; exit 1
fi
ofs_summary=$(grep -hoE 'indexed [0-9]+ reports \([0-9]+ paragraphs\)' "$work/out.ofs" "$work/err.ofs" | head -1)
ofs_reports=$(sed -E 's/indexed ([0-9]+) reports.*/\1/' <<<"$ofs_summary")
ofs_paras=$(sed -E 's/.*\(([0-9]+) paragraphs\).*/\1/' <<<"$ofs_summary")
ofs_rejected=$(grep -hoE '[0-9]+ rejected' "$work/out.ofs" | grep -oE '^[0-9]+' | head -1)
size_ofs=$(size_mb "$db")

# (2) pdftotext (default mode, one process per file) into a folder mirroring the corpus.
txt=$work/pdftotext
mkdir -p "$txt"
if (( peers )); then
log "extracting with pdftotext"
cat >"$work/pdftotext-all.sh" <<'SH'
#!/usr/bin/env bash
# pdftotext every PDF under $1 into $2 (same sub-folders, .txt); prints the failure count.
src=$1 dst=$2 fail=0
while IFS= read -r -d '' f; do
  rel=${f#"$src"/}; mkdir -p "$dst/$(dirname "$rel")"
  pdftotext "$f" "$dst/${rel%.pdf}.txt" 2>/dev/null || fail=$((fail + 1))
done < <(find "$src" -type f -name '*.pdf' -print0 | sort -z)
echo "$fail"
SH
timed ptt bash "$work/pdftotext-all.sh" "$corpus" "$txt"
ptt_failed=$(tail -1 "$work/out.ptt")
ptt_files=$(find "$txt" -type f -name '*.txt' | wc -l)
size_ptt=$(size_mb "$txt")
fi

# (3) Recoll with a throw-away configuration directory whose topdirs is the corpus.
if (( have_recoll )); then
  log "indexing with recollindex"
  rconf=$work/recoll
  mkdir -p "$rconf"
  {
    if [[ $corpus == *' '* ]]; then echo "topdirs = \"$corpus\""; else echo "topdirs = $corpus"; fi
    echo "noaspell = 1"      # no spelling dictionary build (aspell is not installed)
    echo "loglevel = 2"
  } >"$rconf/recoll.conf"
  timed rcl recollindex -c "$rconf"
  if [[ $rc_rcl != 0 ]]; then
    have_recoll=0; recoll_note="recollindex failed (exit $rc_rcl): $(tail -1 "$work/err.rcl")"
    log "$recoll_note"
  else
    rcl_docs=$(recollq -c "$rconf" -n 0-0 -q 'mime:application/pdf' 2>&1 | grep -m1 -oE '^[0-9]+ results' | grep -oE '^[0-9]+' || echo 0)
    rcl_errors=$(grep -c 'next_document error' "$work/err.rcl" || true)
    size_rcl=$(size_mb "$rconf/xapiandb")
    if (( rcl_docs == 0 )); then
      recoll_note="Recoll indexed no PDFs (missing helper? see $rconf/missing)"
      log "$recoll_note"
    fi
  fi
fi

# ---------------------------------------------------------------- searching
# One row per query: label, ofs query, grep -P pattern, recollq query.
# grep runs on whole files (-z: a file without NUL bytes is one record), so \s+ also matches
# the line breaks pdftotext puts inside phrases; "lines" is the same pattern line by line.
labels=(  '"management oversight"'  '"Section 47"'  '"private fostering"'
          'joint NEAR/3 interviews'  'CAMHS AND waiting' )
ofs_q=(   '"management oversight"'  '"Section 47"'  '"private fostering"'
          'joint NEAR/3 interviews'  'CAMHS AND waiting' )
grep_p=(  'management\s+oversight'  'section\s+47'  'private\s+fostering'
          '\bjoint\W+(?:\w+\W+){0,3}?interview\w*|\binterview\w*\W+(?:\w+\W+){0,3}?joint\b'
          '(?s)^(?=.*\bcamhs\b)(?=.*\bwait(?:s|ed|ing)?\b)' )
rcl_q=(   '"management oversight"'  '"section 47"'  '"private fostering"'
          '"joint interviews"po3'  'camhs AND waiting' )

# measure CMD...: sets med (median wall ms) and cpu (mean user+sys CPU ms, hyperfine only)
# over $runs runs of CMD after $warmup warm-up runs; output discarded, exit status ignored.
measure() {
  if (( have_hyperfine )); then
    local js=$work/hf.json
    hyperfine -N -i --runs "$runs" --warmup "$warmup" --export-json "$js" \
      -- "$(printf '%q ' "$@")" >/dev/null 2>&1
    med=$(grep -m1 -oE '"median": *[0-9.eE+-]+' "$js" | awk -F': *' '{printf "%.1f", $2 * 1000}')
    cpu=$(grep -oE '"(user|system)": *[0-9.eE+-]+' "$js" | awk -F': *' '{s += $2} END {printf "%.1f", s * 1000}')
  else
    local i s e t=()
    for ((i = 0; i < warmup; i++)); do "$@" >/dev/null 2>&1 || true; done
    for ((i = 0; i < runs; i++)); do
      s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); t+=($((e - s)))
    done
    med=$(printf '%s\n' "${t[@]}" | sort -n |
      awk '{a[NR] = $1} END {m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2;
                              printf "%.1f", m / 1e6}')
    cpu="-"
  fi
}
json_field() { grep -m1 -oE "\"$1\": *[0-9]+" | grep -oE '[0-9]+$'; }

declare -a s_ofs s_ofsf s_grep s_rcl u_ofs u_ofsf u_grep u_rcl c_ofs c_grep c_rcl
for i in "${!labels[@]}"; do
  log "searching ${labels[$i]}"
  q=${ofs_q[$i]} p=${grep_p[$i]}
  measure "$ofs" --db "$db" search "$q" --limit 10; s_ofs[$i]=$med u_ofs[$i]=$cpu
  measure "$ofs" --db "$db" search "$q" --limit 10 --format json --facets grade,area
  s_ofsf[$i]=$med u_ofsf[$i]=$cpu
  if (( peers )); then measure grep -rlizP -- "$p" "$txt"; s_grep[$i]=$med u_grep[$i]=$cpu; fi
  paras=$("$ofs" --db "$db" search "$q" --limit 0 --format json | json_field total_paragraphs || echo 0)
  reports=$("$ofs" --db "$db" search "$q" --limit 1000000 --format jsonl |
            grep -oE '"report":"([^"\\]|\\.)*"' | sort -u | wc -l)
  gfiles=$(grep -rlizP -- "$p" "$txt" | wc -l)
  glines=$(grep -rhiP -- "$p" "$txt" | wc -l)
  c_ofs[$i]="$paras paras / $reports reports"
  c_grep[$i]="$gfiles files / $glines lines"
  if (( have_recoll )); then
    measure recollq -c "$rconf" -n 10 -q "${rcl_q[$i]}"; s_rcl[$i]=$med u_rcl[$i]=$cpu
    docs=$(recollq -c "$rconf" -n 0-0 -q "${rcl_q[$i]}" 2>&1 | grep -m1 -oE '^[0-9]+ results' | grep -oE '^[0-9]+' || echo 0)
    c_rcl[$i]="$docs docs"
  fi
done
# The floor every query pays: starting the process and printing its version or help.
log "start-up floor"
measure "$ofs" --help; f_ofs="$med ms wall / $cpu ms CPU"
if (( peers )); then measure grep -V; f_grep="$med ms wall / $cpu ms CPU"; fi
if (( have_recoll )); then measure recollq -v; f_rcl="$med ms wall / $cpu ms CPU"; fi

# ---------------------------------------------------------------- re-run and compaction
# The same corpus again into the same index: every report's documents are replaced.
log "re-running ofs index over the same corpus"
timed ofs2 "$ofs" --db "$db" index "$corpus"
size_ofs_rerun=$(size_mb "$db")
size_ofs_compact="n/a (no xapian-compact)"
if (( have_compact )); then
  xapian-compact "$db" "$work/ofs-compact" >/dev/null
  size_ofs_compact=$(size_mb "$work/ofs-compact")
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- the table
na="n/a"
rcl() { if (( have_recoll )); then printf '%s' "$1"; else printf '%s' "$na"; fi; }
pp() { if (( peers )); then printf '%s' "$1"; else printf '%s' "$na"; fi; }
row() { printf '%-42s | %-30s | %-26s | %-26s\n' "$@"; }
rule() { printf '%s\n' "$(printf -- '-%.0s' {1..133})"; }

echo
echo "ofs benchmark: index + search, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "corpus: $corpus ($nfiles .pdf files, $nreal real PDFs), page cache warm"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo),"\
     "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load avg before $load_before, after $load_after"
echo "ofs: $ofs ($(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "tools: $( (( peers )) && pdftotext -v 2>&1 | head -1)$( (( have_recoll )) && printf ', %s' "$(recollq -v 2>&1 | head -1)");"\
     "latency = median wall and mean CPU of $runs runs after $warmup warm-up, $( (( have_hyperfine )) && echo "hyperfine $(hyperfine --version | cut -d' ' -f2) -N" || echo 'date +%s%N loop')"
rule
row "" "ofs" "pdftotext + grep" "Recoll"
rule
row "index: wall time" "${wall_ofs} s" "$(pp "${wall_ptt:-} s")" "$(rcl "${wall_rcl:-} s")"
row "index: CPU time (user+sys)" "${cpu_ofs} s" "$(pp "${cpu_ptt:-} s")" "$(rcl "${cpu_rcl:-} s")"
row "index: peak RSS (largest process)" "${rss_ofs} MB" "$(pp "${rss_ptt:-} MB")" "$(rcl "${rss_rcl:-} MB")"
row "index: size on disk (du -sb)" "${size_ofs}" "$(pp "${size_ptt:-} of text")" "$(rcl "${size_rcl:-}")"
row "index: size after a re-run" "${size_ofs_rerun} (${wall_ofs2} s)" "" ""
row "index: re-run, xapian-compact" "${size_ofs_compact}" "" ""
row "index: what is stored" "$ofs_paras paras, $ofs_reports reports" "$(pp "${ptt_files:-} .txt files")" "$(rcl "${rcl_docs:-} PDF docs")"
row "index: files refused" "${ofs_rejected:-0} (exit $rc_ofs)" "$(pp "${ptt_failed:-} (pdftotext error)")" "$(rcl "${rcl_errors:-0} (filter error)")"
rule
for i in "${!labels[@]}"; do
  row "${labels[$i]}: median wall" "${s_ofs[$i]} ms (+facets ${s_ofsf[$i]})" "$(pp "${s_grep[$i]:-} ms")" "$(rcl "${s_rcl[$i]:-} ms")"
  row "${labels[$i]}: CPU user+sys" "${u_ofs[$i]} ms (+facets ${u_ofsf[$i]})" "$(pp "${u_grep[$i]:-} ms")" "$(rcl "${u_rcl[$i]:-} ms")"
  row "${labels[$i]}: matches" "${c_ofs[$i]}" "$(pp "${c_grep[$i]:-}")" "$(rcl "${c_rcl[$i]:-}")"
done
row "start-up only: --help / -V / -v" "$f_ofs" "$(pp "${f_grep:-}")" "$(rcl "${f_rcl:-}")"
rule
echo "queries as run: ofs search Q --limit 10 (text; +facets = --format json --facets grade,area);"
echo "  grep -rlizP PATTERN over the pdftotext folder (files; 'lines' = grep -rhiP, line by line);"
echo "  recollq -c CONF -n 10 -q Q"
for i in "${!labels[@]}"; do
  printf '  %-26s ofs: %-28s grep: %s\n  %-26s recoll: %s\n' "${labels[$i]}" "${ofs_q[$i]}" "${grep_p[$i]}" "" "${rcl_q[$i]}"
done
[[ -n $recoll_note ]] && echo "note: $recoll_note"
exit 0
