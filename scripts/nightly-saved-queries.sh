#!/usr/bin/env bash
# Runs every saved query and writes the counts matrix as a dated CSV,
# OUT_DIR/saved-YYYY-MM-DD.csv, for a spreadsheet or a dashboard.
#
# Usage: scripts/nightly-saved-queries.sh OUT_DIR [extra 'ofs saved run' options, e.g. --by year --new]
# Environment: OFS_DB (index), OFS_SAVED (saved-queries file), OFS_BIN (the
# ofs binary; default: ofs on PATH).  docs/saved-queries.md describes them.
#
# Exit status: 0 the CSV was written (whether or not anything matched);
# 3 it was written without the saved queries that could not run (each named
# on stderr); 2 ofs failed (the message is on stderr and no CSV is left behind).
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 OUT_DIR [ofs saved run options]" >&2
  exit 2
fi
out_dir=$1
shift
ofs=${OFS_BIN:-ofs}

mkdir -p "$out_dir"
target="$out_dir/saved-$(date +%Y-%m-%d).csv"
# Written beside the target and renamed, so a reader never sees half a file.
partial=$(mktemp "$out_dir/.saved-XXXXXX.csv")
trap 'rm -f "$partial"' EXIT

status=0
"$ofs" --quiet saved run --all --format csv "$@" >"$partial" || status=$?
# 1 only means no saved query matched anything: the CSV still says so.
# 3: some saved queries could not run; the table holds the others.
if [[ $status -ne 0 && $status -ne 1 && $status -ne 3 ]]; then
  echo "$0: ofs saved run failed (exit $status)" >&2
  exit 2
fi
mv "$partial" "$target"
trap - EXIT
echo "$target"
if [[ $status -eq 3 ]]; then
  echo "$0: some saved queries could not run (named above); their rows are missing from $target" >&2
  exit 3
fi
