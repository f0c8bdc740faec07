#!/usr/bin/env bash
# bench-engine.sh — the engine monitoring N HTTP checks against a local
# server for a fixed time, every event recorded: sustained checks/s, CPU
# seconds per 1,000 checks, scheduling lag p50/p99, peak RSS (and per
# defined check), bytes on disk per check run after compaction.
#
#   usage: scripts/bench-engine.sh [CHECKS] [INTERVAL] [SECONDS]
#   e.g.   scripts/bench-engine.sh 1000 1s 30      # 1,000 checks/s
#          scripts/bench-engine.sh 10000 1s 30     # 10,000 checks/s offered
#          scripts/bench-engine.sh 100000 60s 90   # RSS per check, every check run
# RSS is read just before the stop: run longer than the interval, so that
# every check has results (and the memory they take).
# NYXMON_BENCH_KIND=exec makes every check an exec check running the
# Monitoring Plugins' check_http against the same server (its CPU, reaped by
# the engine, is counted in the engine's): the cost of a plugin run beside
# an http check's, e.g. NYXMON_BENCH_KIND=exec scripts/bench-engine.sh 100 1s 30.
# NYXMON_BENCH_TARGET=nginx probes a local nginx (one worker) instead of
# the bench target. NYXMON_BENCH_IO_THREADS=N sets engine.io_threads (unset: the default, one
# per CPU); NYXMON_BIN=PATH runs that nyxmon binary (a before/after).
# NYXMON_BENCH_STEADY_AFTER=S also reports the runs started from S seconds
# after the start to the end (the steady state, past the start-up burst).
# Targets (2 cores): ≥ 5,000 checks/s sustained; lag p99 ≤ 20 ms at
# 1,000 checks/s; ≤ 4 KiB RSS per defined check; ≤ 120 bytes per run on disk.
set -euo pipefail
cd "$(dirname "$0")/.."
checks=${1:-1000}
interval=${2:-1s}
seconds=${3:-30}
build_dir="${NYXMON_BUILD_DIR:-build}"
kind="${NYXMON_BENCH_KIND:-http}"

source scripts/bench-common.sh
bench_build nyxmon engine_bench_target engine_report

if [ "${NYXMON_BENCH_TARGET:-}" = nginx ]; then bench_start_nginx; else bench_start_target; fi

{
  echo "engine: { durability: async, max_in_flight: 1024, snapshot_every: 1000000${NYXMON_BENCH_IO_THREADS:+, io_threads: $NYXMON_BENCH_IO_THREADS} }"
  echo "defaults: { interval: $interval, timeout: 2s }"
  echo "services:"
  echo "  - id: bench"
  echo "    checks:"
  for i in $(seq "$checks"); do
    if [ "$kind" = exec ]; then
      echo "      - { id: c$i, exec: { command: [check_http, -H, 127.0.0.1, -p, \"$port\", -u, /] } }"
    else
      echo "      - { id: c$i, http: { url: \"http://127.0.0.1:$port/\" } }"
    fi
  done
} > "$scratch/bench.yaml"

echo "engine: $checks $kind checks every $interval for ${seconds}s against 127.0.0.1:$port"
/usr/bin/time -f "%U %S %M" -o "$scratch/time" \
  "${NYXMON_BIN:-$build_dir/tools/nyxmon}" run --config "$scratch/bench.yaml" --data "$scratch/data" --listen 127.0.0.1:0 2>"$scratch/log" &
engine=$!
started_at=$(date +%s)
sleep "$seconds"
ended_at=$(date +%s)
nyxmon_pid=$(pgrep -P "$engine")
steady_rss_kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$nyxmon_pid/status")
kill -INT "$nyxmon_pid"  # nyxmon itself, not time(1)
wait "$engine" || true
read -r user system rss_kib < "$scratch/time"

if [ -n "${NYXMON_BENCH_STEADY_AFTER:-}" ]; then
  echo "steady state, runs started from ${NYXMON_BENCH_STEADY_AFTER}s to the end:"
  "$build_dir/bench/engine_report" "$scratch/data" "$((started_at + NYXMON_BENCH_STEADY_AFTER))" "$ended_at"
  echo "whole run:"
fi
"$build_dir/bench/engine_report" "$scratch/data" | tee "$scratch/report"
runs=$(awk '/^check runs:/ {print $3}' "$scratch/report")
python3 - "$user" "$system" "$rss_kib" "$steady_rss_kib" "$checks" "$runs" <<'PY'
import sys
user, system = float(sys.argv[1]), float(sys.argv[2])
peak, steady, checks, runs = (int(x) for x in sys.argv[3:7])
cpu = user + system
print(f"CPU: {cpu:.1f} s ({1000 * cpu / max(runs, 1):.3f} s per 1,000 checks, start-up included)")
print(f"RSS while running: {steady / 1024:.1f} MiB ({steady * 1024 / checks:.0f} bytes per defined check); "
      f"peak {peak / 1024:.1f} MiB (start-up)")
PY
