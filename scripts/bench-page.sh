#!/usr/bin/env bash
# bench-page.sh — how fast the status page answers a large engine: N HTTP
# checks (every 10 s, against a local target, a tenth of them failing), then
# the time to first byte of `/` (the whole board, problems first, per-run
# bars) and of /checks/ID, measured with curl, beside /healthz (the
# listener's floor) in the same run. Three rounds of 50 requests each; the
# median of the rounds' medians is reported. Target: `/` with 1,000 checks
# under 50 ms.
#
#   usage: scripts/bench-page.sh [CHECKS]
set -euo pipefail
cd "$(dirname "$0")/.."
checks=${1:-1000}
build_dir="${NYXMON_BUILD_DIR:-build}"

source scripts/bench-common.sh
bench_build nyxmon engine_bench_target

bench_start_target

{
  echo "engine: { durability: async, max_in_flight: 1024, public_reads: true }"
  echo "defaults: { interval: 10s, timeout: 2s, failure_threshold: 1 }"
  echo "services:"
  for s in $(seq 10); do
    echo "  - id: s$s"
    echo "    checks:"
    for i in $(seq $(( checks / 10 ))); do
      if (( i % 10 == 0 )); then
        echo "      - { id: c$s-$i, tcp: { host: 127.0.0.1, port: 1 } }"
      else
        echo "      - { id: c$s-$i, http: { url: \"http://127.0.0.1:$port/\" } }"
      fi
    done
  done
} > "$scratch/bench.yaml"

bench_start_engine "$scratch/bench.yaml"
sleep 25  # every check has run a few times

ttfb() {  # url → 50 times to first byte, ms, one per line
  for _ in $(seq 50); do
    curl -s -o /dev/null -w '%{time_starttransfer}\n' "$1"
  done | awk '{ printf "%.3f\n", $1 * 1000 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

size=$(curl -s "http://$address/" | wc -c)
echo "page: $checks checks ($(( checks / 10 )) failing); / is $size bytes; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for target in /healthz / /checks/c1-1 /incidents; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://$address$target")
  if [ "$code" != 200 ]; then echo "bench-page: $target answered $code" >&2; exit 1; fi
  rounds=()
  for round in 1 2 3; do
    rounds+=("$(ttfb "http://$address$target" | median)")
  done
  echo "$target: time to first byte, median of 3 rounds of 50: $(printf '%s\n' "${rounds[@]}" | median) ms (rounds: ${rounds[*]})"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill -INT "$engine"; wait "$engine" || true
