#!/usr/bin/env bash
# bench-event-store.sh — the event store's and the projections' benchmarks
# beside RocksDB's own db_bench on the same machine, as ratios: our batch-100
# append to db_bench's fillseq (batch 100, 150-byte values, no compression),
# our read + decode of the log and our fold of it through every projection
# to db_bench's readseq of what fillseq wrote.
#   targets (2 cores): append ≥ 0.6× fillseq; read + decode ≥ 0.75× readseq;
#   fold ≥ 2× readseq
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${NYXMON_BUILD_DIR:-build}"
bash scripts/install-deps.sh >/dev/null
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" --target event_store_bench projections_bench >/dev/null

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Both sides run three times and are compared by their medians: one run of
# either moves by several percent on a shared 2-core machine.
for run in 1 2 3; do
  rm -rf "$scratch/db_bench"
  db_bench --benchmarks=fillseq,readseq --batch_size=100 --value_size=150 --compression_type=none \
    --num=1000000 --db="$scratch/db_bench" >"$scratch/db_bench.txt" 2>&1
  awk '/^fillseq/ { for (i = 1; i <= NF; i++) if ($(i+1) == "ops/sec") print $i }' \
    "$scratch/db_bench.txt" >>"$scratch/db_rates.txt"
  awk '/^readseq/ { for (i = 1; i <= NF; i++) if ($(i+1) == "ops/sec") print $i }' \
    "$scratch/db_bench.txt" >>"$scratch/db_read_rates.txt"
done
db_rate=$(sort -n "$scratch/db_rates.txt" | sed -n 2p)
db_read_rate=$(sort -n "$scratch/db_read_rates.txt" | sed -n 2p)
echo "db_bench fillseq batch 100: $(paste -sd' ' "$scratch/db_rates.txt") ops/s, median ${db_rate}"
echo "db_bench readseq: $(paste -sd' ' "$scratch/db_read_rates.txt") ops/s, median ${db_read_rate}"

"$build_dir/bench/event_store_bench" --benchmark_format=console --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true \
  --benchmark_out="$scratch/ours.json" --benchmark_out_format=json
"$build_dir/bench/projections_bench" --benchmark_filter=Fold --benchmark_format=console \
  --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  --benchmark_out="$scratch/fold.json" --benchmark_out_format=json
python3 - "$scratch/ours.json" "$scratch/fold.json" "$db_rate" "$db_read_rate" <<'PY'
import json, sys
def median(path, prefix):
    for b in json.load(open(path))["benchmarks"]:
        if b["name"].startswith(prefix) and b.get("aggregate_name") == "median":
            return float(b["items_per_second"])
    sys.exit(f"no median of {prefix} in {path}")
fill, read = float(sys.argv[3]), float(sys.argv[4])
append = median(sys.argv[1], "BM_AppendAsync/100/")
decode = median(sys.argv[1], "BM_ReadForwardAndDecode")
fold = median(sys.argv[2], "BM_FoldAllProjections")
print(f"load average: {open('/proc/loadavg').read().split()[0]}")
print(f"append batch 100 (async), median: {append:,.0f} events/s = {append / fill:.2f}x db_bench fillseq (target >= 0.6x)")
print(f"read + decode, median: {decode:,.0f} events/s = {decode / read:.2f}x db_bench readseq (target >= 0.75x)")
print(f"fold through every projection, median: {fold:,.0f} events/s = {fold / read:.2f}x db_bench readseq (target >= 2x)")
PY
