#!/usr/bin/env bash
# bench-status-at.sh — `nyxmon status --at` over a long history: builds a
# store of EVENTS events (1,000 checks every minute, snapshots every 100,000
# events, as the engine keeps them), then times status at instants spread
# over the whole history, as a user runs it (a new process each time,
# opening the store as a secondary). Target: p50 ≤ 100 ms at 10 million events.
#
#   usage: scripts/bench-status-at.sh [EVENTS] [QUERIES]
#   e.g.   scripts/bench-status-at.sh 10000000 20
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-10000000}
queries=${2:-20}
build_dir="${NYXMON_BUILD_DIR:-build}"

source scripts/bench-common.sh
bench_build nyxmon history_generator

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
echo "status-at: writing $events events ..."
start=$(date +%s)
read -r first last < <("$build_dir/bench/history_generator" "$scratch/data" "$events" 2>/dev/null)
echo "status-at: written in $(( $(date +%s) - start )) s; $(du -sh "$scratch/data" | cut -f1) on disk"

python3 - "$build_dir/tools/nyxmon" "$scratch/data" "$first" "$last" "$queries" <<'PY'
import datetime, subprocess, sys, time
nyxmon, data, queries = sys.argv[1], sys.argv[2], int(sys.argv[5])
start = datetime.datetime.fromtimestamp(int(sys.argv[3]), datetime.timezone.utc)
end = datetime.datetime.fromtimestamp(int(sys.argv[4]), datetime.timezone.utc)
times = []
for i in range(queries):
    at = start + (end - start) * (i + 0.5) / queries
    stamp = at.strftime("%Y-%m-%dT%H:%M:%SZ")
    began = time.perf_counter()
    out = subprocess.run([nyxmon, "status", "--data", data, "--at", stamp, "--json"],
                         capture_output=True, text=True)
    times.append((time.perf_counter() - began) * 1000)
    if out.returncode not in (0, 3):
        sys.exit(f"status --at {stamp} failed: {out.stderr}")
times.sort()
print(f"status --at over {queries} instants: p50 {times[len(times) // 2]:.0f} ms, "
      f"max {times[-1]:.0f} ms (target ≤ 100 ms)")
PY
