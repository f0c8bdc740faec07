#!/usr/bin/env bash
# bench-http.sh — does reading the HTTP API disturb the checks? The engine
# monitors N HTTP checks; first the scheduling lag is measured idle, then
# while wrk (a second process) loads GET /api/v1/status. Target: lag p99
# under load ≤ 2 × the idle p99.
#
#   usage: scripts/bench-http.sh [CHECKS] [SECONDS] [CONNECTIONS]
#   e.g.   scripts/bench-http.sh 1000 20 32      # 1,000 checks/s, 20 s each phase
set -euo pipefail
cd "$(dirname "$0")/.."
checks=${1:-1000}
seconds=${2:-20}
connections=${3:-32}
build_dir="${NYXMON_BUILD_DIR:-build}"

source scripts/bench-common.sh
bench_build nyxmon engine_bench_target engine_report

bench_start_target

{
  echo "engine: { durability: async, max_in_flight: 1024, public_reads: true }"
  echo "defaults: { interval: 1s, timeout: 2s }"
  echo "services:"
  for s in $(seq 10); do
    echo "  - id: s$s"
    echo "    checks:"
    for i in $(seq $(( checks / 10 ))); do
      echo "      - { id: c$s-$i, http: { url: \"http://127.0.0.1:$port/\" } }"
    done
  done
} > "$scratch/bench.yaml"

bench_start_engine "$scratch/bench.yaml"
sleep 3  # settle: every check has run once

echo "http: $checks HTTP checks every 1s; idle for ${seconds}s, then wrk -c$connections on /api/v1/status for ${seconds}s"
idle_from=$(date +%s); sleep "$seconds"; idle_to=$(date +%s)
load_from=$(date +%s)
wrk -t1 -c"$connections" -d"${seconds}s" --latency "http://$address/api/v1/status" | tee "$scratch/wrk"
load_to=$(date +%s)
kill -INT "$engine"; wait "$engine" || true

idle=$("$build_dir/bench/engine_report" "$scratch/data" "$idle_from" "$idle_to" | grep '^scheduling lag')
load=$("$build_dir/bench/engine_report" "$scratch/data" "$load_from" "$load_to" | grep '^scheduling lag')
echo "idle:      $idle"
echo "under load: $load"
python3 - "$idle" "$load" <<'PY'
import re, sys
p99 = [float(re.search(r"p99 ([0-9.]+) ms", line).group(1)) for line in sys.argv[1:3]]
print(f"lag p99 under load / idle: {p99[1] / max(p99[0], 1e-9):.2f} (target ≤ 2)")
PY
