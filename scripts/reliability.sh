#!/usr/bin/env bash
# Tries to break ofs the way its users and testers do, and prints one table of
# what happened (docs/reliability.md holds the figures and what each row means):
#
#   kills      SIGKILL `ofs index` of the corpus at random moments (each run
#              resumes the last one's work), then checks the index holds whole
#              reports only; finally a re-run must equal a clean build
#   diskfull   index the corpus onto a disk that fills up part-way (a small
#              tmpfs; RLIMIT_FSIZE where mounting is not allowed), at several
#              sizes: exit 2 with one line naming the index, whole reports
#              only, and a re-run with room equal to a clean build
#   searches   search in a loop while `ofs index --force` re-reads every report
#              of a copy of the clean index: every answer must equal the one
#              every committed revision gives
#   concurrent two `ofs index` of the corpus at once into one new index: one
#              writes, the other is refused as locked; then as `kills`
#   files      hostile files and names, each indexed beside a real report: one
#              line naming the file and why (or indexed with a warning), the
#              real report still whole, under 60 s and 1 GB each
#   queries    COUNT generated hostile and fuzzed queries (tests/hostile_queries.cpp)
#
# Columns: tried; handled (the promise held); crashed (a signal, a sanitizer
# report, an uncaught exception, an unexpected exit code or message); hung
# (past its time limit); lost (a partial or unreadable index, a re-run that
# does not complete it, a search that saw a partial state, a real report gone,
# or more than 1 GB resident).  Any crash, hang or loss makes the script fail.
#
#   scripts/reliability.sh [SECTION...]          (default: all, in the order above)
#   BUILD=build-asan scripts/reliability.sh       the same under ASan/UBSan (scripts/sanitize.sh builds it)
#   CORPUS=DIR KILLS=10 QUERIES=3000 SEED=1       what and how much (defaults shown;
#                                                 CORPUS defaults to ../shared/corpus/ofsted-pdf)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
build=${BUILD:-build}
corpus=${CORPUS:-$repo/../shared/corpus/ofsted-pdf}
kills=${KILLS:-10}
queries=${QUERIES:-3000}
seed=${SEED:-1}
sections=("$@")
[ ${#sections[@]} -gt 0 ] || sections=(kills diskfull searches concurrent files queries)
log() { printf 'reliability: %s\n' "$*" >&2; }

if [ ! -d "$corpus" ]; then
  corpus=$repo/corpus
  log "no shared corpus beside the checkout: using the bundled sample $corpus (one report; crossing batches needs the real corpus)"
fi
if [ ! -x "$build/ofs" ] || [ ! -x "$build/tests/hostile_queries" ] || [ ! -x "$build/tests/index_check" ]; then
  cmake --build "$build" -j2 --target ofs hostile_queries index_check
fi
ofs=$repo/$build/ofs
check=$repo/$build/tests/index_check
work=$(mktemp -d)
mounted=
cleanup() {
  [ -z "$mounted" ] || umount "$mounted" 2>/dev/null || true
  chmod -R u+rwx "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1
RANDOM=$seed
table=$work/table
defects=$work/defects
: >"$table"
: >"$defects"
row() { printf '| %s | %d | %d | %d | %d | %d |\n' "$@" >>"$table"; }
defect() { printf '%s\n' "$*" >>"$defects"; log "DEFECT: $*"; }
# ofs index's expected exits: 0 all indexed, 3 some files rejected.
indexed_ok() { [ "$1" -eq 0 ] || [ "$1" -eq 3 ]; }
digest() { "$check" --content "$1" | sha256sum | cut -d' ' -f1; }
now_ms() { date +%s%3N; }

# The clean build every other state is compared with (the files section
# alone needs none).
clean=$work/clean
clean_summary="not built"
clean_ms=0
build_clean() {
  log "clean build of $corpus"
  started=$(now_ms)
  rc=0
  "$ofs" --quiet --db "$clean" index "$corpus" || rc=$?
  if ! indexed_ok $rc; then
    echo "reliability: the clean build failed (exit $rc)" >&2
    exit 1
  fi
  clean_ms=$(($(now_ms) - started))
  clean_digest=$(digest "$clean")
  clean_summary=$("$check" "$clean")
  log "clean: $clean_summary in ${clean_ms} ms"
}
[ "${sections[*]}" = files ] || build_clean

# Whole reports only in `db`, else a defect naming `what`.
whole_or_defect() {
  local db=$1 what=$2 out rc=0
  [ -e "$db" ] || return 0  # never created: nothing to lose
  out=$("$check" "$db" 2>&1) || rc=$?
  [ $rc -eq 0 ] && return 0
  defect "$what: $(head -3 <<<"$out" | tr '\n' ';')"
  return 1
}

# A re-run with nothing in the way must complete `db` to the clean build.
completes_or_defect() {
  local db=$1 what=$2 rc=0
  "$ofs" --quiet --db "$db" index "$corpus" 2>/dev/null || rc=$?
  if ! indexed_ok $rc || [ "$(digest "$db")" != "$clean_digest" ]; then
    defect "$what: the re-run (exit $rc) did not complete the index to the clean build"
    return 1
  fi
}

kills_section() {
  local db=$work/killed tried=0 handled=0 crashed=0 lost=0 i pid delay rc
  for ((i = 0; i < kills; i++)); do
    # Anywhere from the first files to past the end of a run.
    delay=$((clean_ms / 20 + RANDOM * clean_ms / 32768))
    "$ofs" --quiet --db "$db" index "$corpus" 2>/dev/null &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -KILL $pid 2>/dev/null || true
    rc=0
    wait $pid 2>/dev/null || rc=$?
    tried=$((tried + 1))
    if [ $rc -ne 137 ] && ! indexed_ok $rc; then
      crashed=$((crashed + 1))
      defect "kill $i: ofs index ended by itself with exit $rc"
    elif whole_or_defect "$db" "kill $i after ${delay} ms"; then
      handled=$((handled + 1))
    else
      lost=$((lost + 1))
    fi
  done
  completes_or_defect "$db" "after $kills kills" || lost=$((lost + 1))
  row "SIGKILL during \`ofs index\` ($kills kills, then one re-run)" $tried $handled $crashed 0 $lost
}

diskfull_section() {
  local size_kb tried=0 handled=0 crashed=0 hung=0 lost=0 fraction rc cap_kb db err how
  size_kb=$(du -sk "$clean" | cut -f1)
  local disk=$work/disk
  mkdir -p "$disk"
  if mount -t tmpfs -o size=1m tmpfs "$disk" 2>/dev/null; then
    umount "$disk"
    how="tmpfs"
  else
    how="RLIMIT_FSIZE"
  fi
  for fraction in 10 25 50 75; do
    cap_kb=$((size_kb * fraction / 100))
    db=$disk/db
    err=$work/diskfull.err
    rc=0
    if [ $how = tmpfs ]; then
      mount -t tmpfs -o size=${cap_kb}k tmpfs "$disk"
      mounted=$disk
      # A crash leaves its core in $work/cores for the defect's backtrace.
      mkdir -p "$work/cores"
      (
        cd "$work/cores"
        ulimit -c unlimited
        exec timeout -s KILL 600 "$ofs" --quiet --db "$db" index "$corpus"
      ) 2>"$err" || rc=$?
    else
      # A write past the cap fails with EFBIG where a full disk fails with ENOSPC.
      (
        trap '' XFSZ
        ulimit -f "$cap_kb"
        exec timeout -s KILL 600 "$ofs" --quiet --db "$db" index "$corpus"
      ) 2>"$err" || rc=$?
    fi
    tried=$((tried + 1))
    local what="disk full at ${cap_kb} KB ($how)"
    if [ $rc -eq 137 ]; then
      hung=$((hung + 1))
      defect "$what: still running after 600 s"
    elif [ $rc -ne 2 ] || ! tail -1 "$err" | grep -q "^ofs: could not write index .*run 'ofs index' again"; then
      crashed=$((crashed + 1))
      defect "$what: exit $rc, last message: $(tail -1 "$err")"
      local core
      core=$(ls "$work"/cores/core* 2>/dev/null | head -1 || true)
      if [ -n "$core" ] && command -v gdb >/dev/null; then
        gdb -batch -ex bt "$ofs" "$core" 2>/dev/null | grep '^#' | head -30 >>"$defects" || true
        rm -f "$work"/cores/core*
      fi
    elif whole_or_defect "$db" "$what" && cp -a "$db" "$work/moved" && completes_or_defect "$work/moved" "$what"; then
      handled=$((handled + 1))
      log "$what: $(tail -1 "$err" | grep -o 'holds the [0-9]* whole reports')"
    else
      lost=$((lost + 1))
    fi
    rm -rf "$work/moved" "$db"
    if [ -n "$mounted" ]; then
      umount "$disk"
      mounted=
    fi
  done
  row "disk full while indexing ($how at 10, 25, 50, 75% of the index's size)" $tried $handled $crashed $hung $lost
}

# A search's figures without its ranked results, which may order ties by
# document id, and ids change when a report is replaced.
search_figures() {
  "$ofs" --db "$1" search --format json --limit 0 --facets grade,area,agency,authority,year \
    '"management oversight" OR children'
}

searches_section() {
  local run tried=0 handled=0 crashed=0 lost=0 db=$work/searched expected pid rc out
  for run in 1 2 3; do
    rm -rf "$db"
    cp -a "$clean" "$db"
    expected=$(search_figures "$db")
    "$ofs" --quiet --db "$db" index --force --commit-every 5 "$corpus" 2>/dev/null &
    pid=$!
    while kill -0 $pid 2>/dev/null; do
      rc=0
      out=$(search_figures "$db" 2>&1) || rc=$?
      tried=$((tried + 1))
      if [ $rc -ne 0 ]; then
        crashed=$((crashed + 1))
        defect "search during re-index $run: exit $rc: $(head -1 <<<"$out")"
      elif [ "$out" != "$expected" ]; then
        lost=$((lost + 1))
        defect "search during re-index $run: another total than every committed revision holds"
      else
        handled=$((handled + 1))
      fi
    done
    rc=0
    wait $pid || rc=$?
    indexed_ok $rc || defect "re-index $run failed with exit $rc"
  done
  row "searches during 3 \`ofs index --force\` runs" $tried $handled $crashed 0 $lost
}

concurrent_section() {
  local i tried=0 handled=0 crashed=0 lost=0 db a b rc_a rc_b
  for ((i = 0; i < 6; i++)); do
    db=$work/concurrent
    rm -rf "$db"
    "$ofs" --quiet --db "$db" index "$corpus" 2>"$work/a.err" &
    a=$!
    "$ofs" --quiet --db "$db" index "$corpus" 2>"$work/b.err" &
    b=$!
    rc_a=0 rc_b=0
    wait $a || rc_a=$?
    wait $b || rc_b=$?
    tried=$((tried + 1))
    # One writes; the other is refused with the lock message (or, had it
    # started after the first finished, finds nothing to do).
    if ! { indexed_ok $rc_a || grep -q "is locked" "$work/a.err"; } ||
      ! { indexed_ok $rc_b || grep -q "is locked" "$work/b.err"; }; then
      crashed=$((crashed + 1))
      defect "two at once $i: exits $rc_a and $rc_b: $(tail -1 "$work/a.err") / $(tail -1 "$work/b.err")"
    elif whole_or_defect "$db" "two at once $i" && completes_or_defect "$db" "two at once $i"; then
      handled=$((handled + 1))
    else
      lost=$((lost + 1))
    fi
  done
  row "two \`ofs index\` into one new index at once" $tried $handled $crashed 0 $lost
}

# Writes the hostile inputs into $1, one per entry, and prints their paths.
make_hostile_files() {
  local dir=$1 pdf html sample
  pdf=$(find "$corpus" -name '*.pdf' -size +200k | sort | head -1)
  html=$(grep -l -m1 -i '<html' -r "$corpus" --include='*.pdf' 2>/dev/null | head -1 || true)
  sample=$repo/corpus/wiltshire-2012-safeguarding-and-looked-after-children.txt
  mkdir -p "$dir"
  : >"$dir/empty.txt"
  : >"$dir/empty.pdf"
  head -c 4096 /dev/zero >"$dir/nul-bytes.txt"
  python3 -c "import random,sys; random.seed($seed); sys.stdout.buffer.write(random.randbytes(65536))" >"$dir/random-bytes.pdf"
  printf '%%PDF-1.7\n' >"$dir/header-only.pdf"
  if [ -n "$pdf" ]; then
    head -c $(($(stat -c %s "$pdf") / 2)) "$pdf" >"$dir/truncated.pdf"
    { cat "$pdf"; head -c 10240 /dev/zero | tr '\0' 'x'; } >"$dir/10-kb-of-trailing-bytes.pdf"
    { cat "$pdf"; head -c 500 /dev/zero | tr '\0' 'x'; } >"$dir/500-b-of-trailing-bytes.pdf"
    head -c 200000 /dev/zero | tr '\0' ' ' | cat "$pdf" - >"$dir/200-kb-of-trailing-spaces.pdf"
    if command -v mutool >/dev/null; then
      mutool clean -E aes-256 -U secret -O owner "$pdf" "$dir/encrypted.pdf" 2>/dev/null || true
    fi
    cp "$pdf" "$dir/a-pdf-named.txt"
    cp "$pdf" "$dir/UPPER CASE.PDF"
  fi
  [ -z "$html" ] || cp "$html" "$dir/html-saved-as.pdf"
  iconv -f UTF-8 -t LATIN1//TRANSLIT "$sample" >"$dir/latin-1.txt"
  iconv -f UTF-8 -t UTF-16 "$sample" >"$dir/utf-16.txt"
  sed 's/$/\r/' "$sample" >"$dir/crlf-line-ends.txt"
  printf 'a' >"$dir/one-byte.txt"
  head -c 20000000 /dev/zero | tr '\0' 'w' | fold -w 9 | tr '\n' ' ' >"$dir/20-mb-on-one-line.txt"
  head -c 1000000 /dev/zero | tr '\0' 'a' >"$dir/a-one-megabyte-word.txt"
  head -c 200000 /dev/zero | tr '\0' '\n' >"$dir/200000-empty-lines.txt"
  head -c 70000000 /dev/zero | tr '\0' 'x' >"$dir/70-mb-over-the-size-limit.txt"
  cp "$sample" "$dir/$(printf 'caf\xe9 not utf-8.txt')"
  cp "$sample" "$dir/$(printf 'a new\nline.txt')"
  cp "$sample" "$dir/$(printf 'terminal \033[31mescape\033[0m.txt')"
  cp "$sample" "$dir/it's, a \"quoted\" name (1).txt"
  ln -s loop.txt "$dir/loop.txt"
  ln -s missing-target.pdf "$dir/dangling-link.pdf"
  ln -s /dev/zero "$dir/dev-zero.txt"
  mkfifo "$dir/fifo.txt"
  mkdir -p "$dir/folder-named.pdf"
  mkdir -p "$dir/looping-folder"
  cp "$sample" "$dir/looping-folder/report.txt"
  ln -s .. "$dir/looping-folder/parent"
  mkdir -p "$dir/unreadable-folder"
  cp "$sample" "$dir/unreadable-folder/report.txt"
  chmod 000 "$dir/unreadable-folder"
  # Deeper than PATH_MAX allows a path to be written (bash's cd would spend
  # minutes re-reading the path at every level; Python's chdir does not).
  python3 -c "
import os, shutil, sys
os.chdir(sys.argv[1]); os.mkdir('deep-tree'); os.chdir('deep-tree')
for _ in range(2600): os.mkdir('d'); os.chdir('d')
shutil.copyfile(sys.argv[2], 'report.txt')" "$dir" "$sample"
  find "$dir" -mindepth 1 -maxdepth 1 -print0
}

files_section() {
  local tried=0 handled=0 crashed=0 hung=0 lost=0 file name rc rss base=$work/base db
  cp "$repo/corpus/wiltshire-2012-safeguarding-and-looked-after-children.txt" "$work/real-report.txt"
  "$ofs" --quiet --db "$base" index "$work/real-report.txt"
  while IFS= read -r -d '' file; do
    name=$(basename "$file" | cat -v)
    db=$work/hostile-db
    rm -rf "$db"
    cp -a "$base" "$db"
    rc=0
    /usr/bin/time -f %M -o "$work/rss" timeout -s KILL 60 "$ofs" --db "$db" index "$file" \
      >/dev/null 2>"$work/err" </dev/null || rc=$?
    rss=$(tail -1 "$work/rss" | grep -Eo '^[0-9]+$' || echo 0)
    tried=$((tried + 1))
    if [ $rc -eq 137 ]; then
      hung=$((hung + 1))
      defect "file $name: still running after 60 s"
    elif ! indexed_ok $rc && ! { [ $rc -eq 2 ] && grep -q "^ofs: no report files" "$work/err"; }; then
      crashed=$((crashed + 1))
      defect "file $name: exit $rc: $(head -1 "$work/err" | cat -v)"
    elif grep -qv '^ofs: ' "$work/err" || LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$work/err"; then
      crashed=$((crashed + 1))
      defect "file $name: a message that is not one clean line: $(head -2 "$work/err" | cat -v | tr '\n' ';')"
    elif [ "$rss" -gt 1048576 ] || ! whole_or_defect "$db" "file $name" ||
      ! "$ofs" --db "$db" reports --format csv | grep -q 'Wiltshire'; then
      lost=$((lost + 1))
      [ "$rss" -le 1048576 ] || defect "file $name: ${rss} KB resident"
    else
      handled=$((handled + 1))
      log "file $name: exit $rc: $(head -1 "$work/err" | cut -c1-160)"
    fi
  done < <(make_hostile_files "$work/hostile")
  local as
  as=$([ "$(id -u)" -eq 0 ] && echo "as root, so the unreadable folder is read" || echo "as $(id -un)")
  row "hostile files and names, each beside a real report ($as)" $tried $handled $crashed $hung $lost
}

queries_section() {
  local index=$clean kind query rc rss outcome
  declare -A q_tried q_handled q_crashed q_hung q_lost
  local kinds=()
  while IFS=$'\t' read -r -d '' kind query; do
    if [ -z "${q_tried[$kind]+x}" ]; then
      kinds+=("$kind")
      q_tried[$kind]=0 q_handled[$kind]=0 q_crashed[$kind]=0 q_hung[$kind]=0 q_lost[$kind]=0
    fi
    q_tried[$kind]=$((q_tried[$kind] + 1))
    rc=0
    /usr/bin/time -f %M -o "$work/rss" timeout -s KILL 10 "$ofs" --db "$index" search --limit 5 --format json \
      -- "$query" >/dev/null 2>"$work/err" || rc=$?
    rss=$(tail -1 "$work/rss" | grep -Eo '^[0-9]+$' || echo 0)
    if [ $rc -eq 137 ]; then
      outcome=hung
    elif [ $rc -le 1 ]; then
      outcome=handled # answered
    elif [ $rc -eq 2 ] && [ "$(wc -l <"$work/err")" -eq 1 ] && grep -q '^ofs: ' "$work/err" &&
      ! LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$work/err"; then
      outcome=handled # refused in one clean line
    else
      outcome=crashed
    fi
    if [ $outcome != hung ] && [ "$rss" -gt 1048576 ]; then outcome=lost; fi
    case $outcome in
      handled) q_handled[$kind]=$((q_handled[$kind] + 1)) ;;
      crashed) q_crashed[$kind]=$((q_crashed[$kind] + 1)) ;;
      hung) q_hung[$kind]=$((q_hung[$kind] + 1)) ;;
      lost) q_lost[$kind]=$((q_lost[$kind] + 1)) ;;
    esac
    [ $outcome = handled ] || defect "query ($kind) $outcome, exit $rc, ${rss} KB: $(printf '%.200q' "$query")"
  done < <("$build/tests/hostile_queries" "$queries" "$seed")
  for kind in "${kinds[@]}"; do
    row "queries: $kind" "${q_tried[$kind]}" "${q_handled[$kind]}" "${q_crashed[$kind]}" "${q_hung[$kind]}" \
      "${q_lost[$kind]}"
  done
}

for section in "${sections[@]}"; do
  case $section in
    kills | diskfull | searches | concurrent | files | queries)
      log "== $section"
      "${section}_section"
      ;;
    *)
      echo "reliability: unknown section '$section' (kills diskfull searches concurrent files queries)" >&2
      exit 2
      ;;
  esac
done

echo "corpus: $corpus ($clean_summary); clean build ${clean_ms} ms; binary $build/ofs; seed $seed"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
echo
printf '| test | tried | handled | crashed | hung | lost |\n|---|---|---|---|---|---|\n'
cat "$table"
if [ -s "$defects" ]; then
  echo
  echo "defects:"
  cat "$defects"
  exit 1
fi
