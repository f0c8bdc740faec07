#!/usr/bin/env bash
# soak.sh — the engine against misbehaving loopback targets (bench/soak_targets.cpp:
# slow first byte, 1 byte/s trickle, endless body, garbage, resets, a huge header,
# a redirect loop, garbage after the TLS ClientHello, silence, replies at the
# deadline, a silent DNS server) and healthy ones, killed with SIGKILL at random
# moments and started again, over and over. Not part of CI.
#
#   bash scripts/soak.sh [MINUTES] [KILLS]     # default 30 minutes and 200 kills, whichever is later
#
# After each kill: `nyxmon verify` must pass, and the newest events a reader saw
# just before the kill must still be there, byte for byte (nothing acknowledged
# lost, no sequence given to another event). At the end: export, import into an
# empty store, and status, incidents, uptime and every check's history must be
# the same in both. Prints RSS, open descriptors and the healthy checks'
# scheduling lag p99 over time, and a summary. Work files stay in build/soak/.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes="${1:-30}"
kills_wanted="${2:-200}"
build_dir="${NYXMON_BUILD_DIR:-build}"
work="$build_dir/soak"
nyxmon="$build_dir/tools/nyxmon"

cmake --build "$build_dir" --target nyxmon soak_targets >/dev/null
rm -rf "$work"
mkdir -p "$work"
data="$work/data"

# The targets serve until their standard input closes.
exec 3> >("$build_dir/bench/soak_targets" "$work/soak.yaml" >"$work/targets.out" 2>&1)
for _ in $(seq 100); do [ -s "$work/targets.out" ] && break; sleep 0.1; done
[ -s "$work/soak.yaml" ] || { echo "soak: the targets did not start" >&2; exit 1; }

engine=0
cleanup() {
  if [ "$engine" -gt 0 ]; then kill -9 "$engine" 2>/dev/null || true; fi
  exec 3>&- || true
}
trap cleanup EXIT

start_engine() {
  rm -f "$data/nyxmon.http"
  "$nyxmon" run --config "$work/soak.yaml" --data "$data" --listen 127.0.0.1:0 \
    >>"$work/engine.log" 2>&1 &
  engine=$!
  for _ in $(seq 300); do [ -s "$data/nyxmon.http" ] && return 0; sleep 0.05; done
  echo "soak: the engine did not start; see $work/engine.log" >&2
  exit 1
}

sample() {  # seconds-since-start rss-kib fds
  local rss fds
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$engine/status" 2>/dev/null || echo 0)
  fds=$(ls "/proc/$engine/fd" 2>/dev/null | wc -l)
  echo "$(( $(date +%s) - started )) $rss $fds" >>"$work/samples.txt"
}

# The last 50 events as a reader sees them now.
last_events() {
  local head
  head=$("$nyxmon" status --data "$data" --json 2>/dev/null |
    python3 -c 'import json,sys; print(json.loads(sys.stdin.read() or "{\"sequence\":0}")["sequence"])')
  "$nyxmon" events --data "$data" --json --after $((head > 50 ? head - 50 : 0)) --limit 50 2>/dev/null
}

started=$(date +%s)
kills=0
verify_failures=0
changed_after_kill=0
: >"$work/samples.txt"
echo "soak: ${minutes} min and ${kills_wanted} kills at least; engine log in $work/engine.log"
while [ $(( $(date +%s) - started )) -lt $((minutes * 60)) ] || [ "$kills" -lt "$kills_wanted" ]; do
  start_engine
  run_for=$(( (RANDOM % 6000) + 2000 ))  # 2 to 8 seconds
  until_kill=$(( $(date +%s%3N) + run_for ))
  while [ "$(date +%s%3N)" -lt "$until_kill" ]; do
    sample
    sleep 1
  done
  last_events >"$work/before-kill.jsonl" || true
  kill -9 "$engine"
  wait "$engine" 2>/dev/null || true
  engine=0
  kills=$((kills + 1))
  if ! "$nyxmon" verify --data "$data" >"$work/verify.txt" 2>&1; then
    verify_failures=$((verify_failures + 1))
    echo "soak: kill $kills: verify failed:" && head -n 5 "$work/verify.txt"
  fi
  # What a reader saw before the kill is still there, unchanged.
  if [ -s "$work/before-kill.jsonl" ]; then
    first=$(head -n 1 "$work/before-kill.jsonl" |
      python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["sequence"])')
    count=$(wc -l <"$work/before-kill.jsonl")
    "$nyxmon" events --data "$data" --json --after $((first - 1)) --limit "$count" \
      >"$work/after-kill.jsonl" 2>/dev/null || true
    if ! cmp -s "$work/before-kill.jsonl" "$work/after-kill.jsonl"; then
      changed_after_kill=$((changed_after_kill + 1))
      echo "soak: kill $kills: events seen before the kill differ afterwards"
      diff "$work/before-kill.jsonl" "$work/after-kill.jsonl" | head -n 6 || true
    fi
  fi
  if [ $((kills % 20)) -eq 0 ]; then
    echo "soak: $kills kills, $(( ($(date +%s) - started) / 60 )) min, verify failures $verify_failures"
  fi
done

# A clean stop, then the whole log through export and import.
start_engine
sleep 3
kill -TERM "$engine"
wait "$engine" || { echo "soak: the final stop failed" >&2; exit 1; }
engine=0
"$nyxmon" verify --data "$data" >"$work/verify.txt" 2>&1 || verify_failures=$((verify_failures + 1))
"$nyxmon" export --data "$data" --output "$work/export.jsonl"
"$nyxmon" import "$work/export.jsonl" --data "$work/imported"
compare_failures=0
compare() {  # name, arguments...
  local name="$1"
  shift
  # `status` exits 3 when something is down, which here is expected.
  "$nyxmon" "$@" --json --data "$data" >"$work/live-$name.json" 2>&1 || true
  "$nyxmon" "$@" --json --data "$work/imported" >"$work/imported-$name.json" 2>&1 || true
  # Uptime's not-down share and open incidents' durations run on to now: the
  # two runs are a moment apart.
  local moving='s/"(not_down_percent|duration_s)":[^,}]*//g'
  if ! diff <(sed -E "$moving" "$work/live-$name.json") \
    <(sed -E "$moving" "$work/imported-$name.json") >/dev/null; then
    compare_failures=$((compare_failures + 1))
    echo "soak: $name differs between the live and the imported store"
  fi
}
head=$(tail -n 1 "$work/export.jsonl" | python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["sequence"])')
compare status status --seq "$head"
compare incidents incidents
compare uptime uptime
checks=$(grep -oE 'id: [a-z0-9-]+' "$work/soak.yaml" | awk '{print $2}' | grep -v '^soak$')
for check in $checks; do
  compare "history-$check" history "$check" --limit 1000000
done

echo
echo "=== soak: $(( ($(date +%s) - started) / 60 )) min, $kills kills ==="
python3 - "$work" "$started" <<'EOF'
import json, pathlib, sys, datetime
work, started = pathlib.Path(sys.argv[1]), int(sys.argv[2])
samples = [tuple(map(int, l.split())) for l in (work / "samples.txt").read_text().split("\n") if l]
def window(rows, minutes=5):
    out = {}
    for t, *rest in rows:
        out.setdefault(t // (minutes * 60), []).append(rest)
    return out
print("RSS (MiB) and open descriptors of the engine, per 5 minutes (min / median / max):")
for w, rows in sorted(window(samples).items()):
    rss = sorted(r[0] / 1024 for r in rows); fds = sorted(r[1] for r in rows)
    print(f"  {w*5:3d}-{w*5+5:3d} min  RSS {rss[0]:6.1f} / {rss[len(rss)//2]:6.1f} / {rss[-1]:6.1f}"
          f"   fds {fds[0]:3d} / {fds[len(fds)//2]:3d} / {fds[-1]:3d}")
lags = []
for f in work.glob("live-history-healthy-*.json"):
    for line in f.read_text().splitlines():
        r = json.loads(line)
        t = datetime.datetime.fromisoformat(r["started_at"].replace("Z", "+00:00")).timestamp()
        lags.append((int(t) - started, r["lag_ms"], r["outcome"]))
print("Scheduling lag of the healthy checks (ms), per 5 minutes: p50 / p99 / max, results, not ok:")
for w, rows in sorted(window([(t, lag, o) for t, lag, o in lags if t >= 0]).items()):
    values = sorted(r[0] for r in rows)
    bad = sum(1 for r in rows if r[1] != "ok")
    p = lambda q: values[min(len(values) - 1, int(q * len(values)))]
    print(f"  {w*5:3d}-{w*5+5:3d} min  {p(0.5):7.1f} / {p(0.99):7.1f} / {values[-1]:7.1f}   {len(values):6d}  {bad}")
EOF
events=$(wc -l <"$work/export.jsonl")
echo "events recorded: $events; kills survived: $kills; verify failures: $verify_failures;" \
  "events seen before a kill and changed or lost after it: $changed_after_kill;" \
  "live vs imported differences: $compare_failures"
[ "$verify_failures" -eq 0 ] && [ "$changed_after_kill" -eq 0 ] && [ "$compare_failures" -eq 0 ]
