#!/usr/bin/env bash
# Measures `ofs serve`: how long a search request with facet counts takes on
# the real corpus (../shared/corpus/ofsted-pdf beside the checkout) with the
# server already running, next to the same search as a new `ofs search`
# process.  Prints one table with the machine's load before and after.
#
# Usage: scripts/bench-serve.sh
#   CORPUS=DIR    corpus folder (default: ../shared/corpus/ofsted-pdf relative to the repo root)
#   OFS_BIN=PATH  ofs binary (default: build/ofs; built with scripts/build.sh if missing)
#   RUNS=N        timed requests per query (default 50, after 5 warm-up requests)
#   OFS_DB=DIR    an index of the corpus to reuse (default: built in a temporary folder)
#
# A benchmark, not a test: it asserts nothing.  Everything it creates lives in
# one temporary directory, removed on exit.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
corpus=${CORPUS:-$repo/../shared/corpus/ofsted-pdf}
runs=${RUNS:-50}
ofs=${OFS_BIN:-$repo/build/ofs}

if [[ ! -d $corpus ]]; then
  echo "bench-serve: corpus folder not found: $corpus"
  echo "bench-serve: SKIPPED (nothing measured); put the reports there or set CORPUS=DIR"
  exit 0
fi
[[ -x $ofs ]] || bash "$repo/scripts/build.sh" >&2

work=$(mktemp -d)
server_pid=""
cleanup() { [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

db=${OFS_DB:-}
if [[ -z $db ]]; then
  db=$work/db
  echo "bench-serve: indexing $corpus" >&2
  "$ofs" --db "$db" --quiet index "$corpus" || [[ $? -eq 3 ]]  # 3: the two HTML pages saved as .pdf are refused
fi

"$ofs" --db "$db" --quiet serve --port 0 >"$work/address" &
server_pid=$!
for _ in $(seq 100); do [[ -s $work/address ]] && break; sleep 0.1; done
address=$(head -1 "$work/address")
[[ -n $address ]] || { echo "bench-serve: ofs serve did not start" >&2; exit 1; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
python3 - "$address" "$runs" "$ofs" "$db" <<'PY'
import json, statistics, subprocess, sys, time, urllib.parse, urllib.request

address, runs, ofs, db = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
facets = "grade,area,agency,authority,framework,year"
queries = [
    {"q": '"management oversight"'},
    {"q": '"private fostering"', "grade": "inadequate"},
    {"q": "joint NEAR/3 interviews"},
    {"q": "CAMHS AND waiting", "latest": "1"},
    {"q": "children"},
]

def timed(fn, n):
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times

def cli_args(params):
    args = [ofs, "--db", db, "search", params["q"], "--format", "json", "--facets", facets]
    for key, value in params.items():
        if key == "q":
            continue
        args += ["--" + key] if value == "1" else ["--" + key, value]
    return args

print(f"| request (+ facets {facets}) | paragraphs | server median ms | server p90 ms | new process median ms |")
print("|---|---:|---:|---:|---:|")
medians = []
for params in queries:
    url = address + "api/search?" + urllib.parse.urlencode({**params, "facets": facets})
    fetch = lambda: urllib.request.urlopen(url).read()
    total = json.loads(fetch())["total"]
    timed(fetch, 5)
    server = sorted(timed(fetch, runs))
    process = timed(lambda: subprocess.run(cli_args(params), capture_output=True, check=True), max(5, runs // 5))
    medians.append(statistics.median(server))
    label = " ".join(f"{k}={v}" for k, v in params.items())
    print(f"| `{label}` | {total} | {statistics.median(server):.1f} | {server[int(len(server) * 0.9) - 1]:.1f} "
          f"| {statistics.median(process):.1f} |")
print(f"\nslowest median: {max(medians):.1f} ms (goal: under 20 ms); {runs} requests per query after 5 warm-up")
PY
echo "load average (1, 5, 15 min): before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
