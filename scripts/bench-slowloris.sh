#!/usr/bin/env bash
# bench-slowloris.sh — does a slowloris attack on the HTTP API lock out
# well-behaved clients or disturb the checks? The engine monitors N HTTP
# checks. For SECONDS it runs undisturbed while a normal client asks
# GET /api/v1/status twice a second (a new connection each time, 2 s to
# answer); then for SECONDS more, SLOW connections from 127.0.0.2-9 each
# send one byte every 2 s and reconnect whenever they are closed, while the
# normal client goes on from 127.0.0.1. Targets: ≥ 99 % of the normal
# client's requests answered under attack; scheduling lag p99 under attack
# ≤ 2 × the undisturbed p99.
#
#   usage: scripts/bench-slowloris.sh [CHECKS] [SECONDS] [SLOW]
#   e.g.   scripts/bench-slowloris.sh 200 60 600
set -euo pipefail
cd "$(dirname "$0")/.."
checks=${1:-200}
seconds=${2:-60}
slow=${3:-600}
build_dir="${NYXMON_BUILD_DIR:-build}"

source scripts/bench-common.sh
bench_build nyxmon engine_bench_target engine_report
ulimit -n 4096

bench_start_target

{
  echo "engine: { durability: async, public_reads: true }"
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

echo "slowloris: $checks HTTP checks every 1s; ${seconds}s undisturbed, then ${seconds}s with $slow slow connections"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$address" "$seconds" "$slow" "$scratch/times" <<'PY'
import socket, sys, threading, time

host, port = sys.argv[1].rsplit(":", 1)
port = int(port)
seconds, slow_count, times_file = float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]

def normal_client(until):
    asked = answered = 0
    while time.monotonic() < until:
        started = time.monotonic()
        asked += 1
        try:
            with socket.create_connection((host, port), timeout=2, source_address=("127.0.0.1", 0)) as s:
                s.sendall(b"GET /api/v1/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                reply = b""
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    reply += chunk
                answered += reply.startswith(b"HTTP/1.1 200")
        except OSError:
            pass
        time.sleep(max(0, 0.5 - (time.monotonic() - started)))
    return asked, answered

def connect_slow(i):
    s = socket.socket()
    s.settimeout(1)
    try:
        s.bind((f"127.0.0.{2 + i % 8}", 0))
        s.connect((host, port))
        s.setblocking(False)
        return s
    except OSError:
        s.close()
        return None

stop = threading.Event()
reconnects = [0]
def slowloris():
    conns = [connect_slow(i) for i in range(slow_count)]
    while not stop.is_set():
        for i, s in enumerate(conns):
            alive = s is not None
            if alive:
                try:
                    if s.recv(4096) == b"":
                        alive = False
                except BlockingIOError:
                    pass
                except OSError:
                    alive = False
            if alive:
                try:
                    s.send(b"G")
                except OSError:
                    alive = False
            if not alive:
                if s is not None:
                    s.close()
                reconnects[0] += 1
                conns[i] = connect_slow(i)
        stop.wait(2)
    open_at_end = sum(s is not None for s in conns)
    for s in conns:
        if s is not None:
            s.close()
    return open_at_end

t0 = time.time()
quiet = normal_client(time.monotonic() + seconds)
t1 = time.time()
attacker = threading.Thread(target=slowloris)
attacker.start()
time.sleep(2)  # every slow connection is open
attacked = normal_client(time.monotonic() + seconds)
t2 = time.time()
stop.set()
attacker.join()
with open(times_file, "w") as out:
    out.write(f"{int(t0)} {int(t1)} {int(t1) + 2} {int(t2)}\n")
for name, (asked, answered) in (("undisturbed", quiet), ("under attack", attacked)):
    print(f"normal client {name}: {answered} of {asked} answered ({100 * answered / max(asked, 1):.1f} %)")
print(f"slow connections: {slow_count}, closed by the server and reopened {reconnects[0]} times")
rate = 100 * attacked[1] / max(attacked[0], 1)
print(f"answered under attack: {rate:.1f} % (target ≥ 99 %)")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
kill -INT "$engine"; wait "$engine" || true

read -r quiet_from quiet_to attack_from attack_to < "$scratch/times"
quiet=$("$build_dir/bench/engine_report" "$scratch/data" "$quiet_from" "$quiet_to" | grep '^scheduling lag')
attack=$("$build_dir/bench/engine_report" "$scratch/data" "$attack_from" "$attack_to" | grep '^scheduling lag')
echo "undisturbed:  $quiet"
echo "under attack: $attack"
python3 - "$quiet" "$attack" <<'PY'
import re, sys
p99 = [float(re.search(r"p99 ([0-9.]+) ms", line).group(1)) for line in sys.argv[1:3]]
print(f"lag p99 under attack / undisturbed: {p99[1] / max(p99[0], 1e-9):.2f} (target ≤ 2)")
PY
