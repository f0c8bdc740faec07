#!/usr/bin/env bash
# bench-event-store.sh — the event store's benchmarks beside RocksDB's own
# db_bench on the same machine, and our batch-100 append rate as a ratio of
# db_bench's fillseq (batch 100, 150-byte values, no compression).
#   targets (2 cores): batch-100 async append ≥ 0.5× db_bench; read + decode ≥ 2M events/s
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${NYXMON_BUILD_DIR:-build}"
bash scripts/install-deps.sh >/dev/null
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" --target event_store_bench >/dev/null

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Both sides run three times and are compared by their medians: one run of
# either moves by several percent on a shared 2-core machine.
for run in 1 2 3; do
  rm -rf "$scratch/db_bench"
  db_bench --benchmarks=fillseq --batch_size=100 --value_size=150 --compression_type=none \
    --num=1000000 --db="$scratch/db_bench" >"$scratch/db_bench.txt" 2>&1
  awk '/^fillseq/ { for (i = 1; i <= NF; i++) if ($(i+1) == "ops/sec") print $i }' \
    "$scratch/db_bench.txt" >>"$scratch/db_rates.txt"
done
db_rate=$(sort -n "$scratch/db_rates.txt" | sed -n 2p)
echo "db_bench fillseq batch 100: $(paste -sd' ' "$scratch/db_rates.txt") ops/s, median ${db_rate}"

"$build_dir/bench/event_store_bench" --benchmark_format=console --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true \
  --benchmark_out="$scratch/ours.json" --benchmark_out_format=json
our_rate=$(python3 - "$scratch/ours.json" <<'PY'
import json, sys
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    if b["name"].startswith("BM_AppendAsync/100/") and b.get("aggregate_name") == "median":
        print(int(b["items_per_second"]))
PY
)
python3 - "$our_rate" "$db_rate" <<'PY'
import sys
ours, theirs = float(sys.argv[1]), float(sys.argv[2])
print(f"nyxmon append batch 100 (async), median: {ours:,.0f} events/s = {ours / theirs:.2f}x db_bench (target >= 0.5x)")
PY
