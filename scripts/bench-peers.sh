#!/usr/bin/env bash
# bench-peers.sh — nyxmon beside its peers, in one run, probing the same
# local nginx: checks per CPU-second of nyxmon, of Prometheus'
# blackbox_exporter and of the Monitoring Plugins' check_http / check_tcp,
# for HTTP, HTTPS (the same generated CA, verified by nyxmon and blackbox)
# and TCP connect, and nyxmon's ratio to each peer.
#
#   usage: scripts/bench-peers.sh [SECONDS] [HTTP_RATE] [HTTPS_RATE] [ROUNDS]
#   e.g.   scripts/bench-peers.sh 10 2000 500 3
#
# How each is measured (CPU from /proc: utime + stime of the prober):
#   nyxmon   RATE checks/s (RATE checks every second), durability async; after
#            5 s to settle, CPU over SECONDS whole seconds; the checks counted
#            are the runs recorded in the store that started in that span
#            (bench/engine_report), ok or not (the figures say how many failed).
#   blackbox driven by wrk (1 thread, 8 connections) on /probe for SECONDS;
#            the checks are wrk's completed requests. Its own HTTP serving is
#            counted, as Prometheus' scrapes would be.
#   plugins  one plugin run after another for SECONDS; the CPU of the plugin
#            processes (their rusage), fork and exec included.
#   s_time   for HTTPS, OpenSSL's own client (`openssl s_time`) as the floor:
#            full handshakes (-new, no request) and resumed ones (-reuse), per
#            CPU-second of that process.
# Each prober runs ROUNDS times; the median is reported, with the load average.
# NYXMON_PEERS_KINDS="http tcp" measures only those kinds; NYXMON_BIN=PATH
# measures that nyxmon binary instead of this tree's (a before/after).
# Targets (issue "twice as fast per check"): HTTP ≥ 6× blackbox, HTTPS ≥ 2×.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
http_rate=${2:-2000}
https_rate=${3:-500}
rounds=${4:-3}
build_dir="${NYXMON_BUILD_DIR:-build}"

source scripts/bench-common.sh  # free_port, bench_nginx_config
bash scripts/install-deps.sh --peers >/dev/null
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" --target nyxmon engine_report >/dev/null
nyxmon="${NYXMON_BIN:-$build_dir/tools/nyxmon}"
plugins=/usr/lib/nagios/plugins

scratch=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
ticks_per_second=$(getconf CLK_TCK)

# The target: nginx, one worker, a 3-byte body over HTTP and HTTPS
# (an ECDSA P-256 certificate for 127.0.0.1 signed by a generated CA;
# NYXMON_PEERS_KEY=rsa: RSA 2048 instead).
case "${NYXMON_PEERS_KEY:-ec}" in
  rsa) key_options=(-newkey rsa:2048) ;;
  *) key_options=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1) ;;
esac
openssl req -x509 "${key_options[@]}" -nodes -days 30 \
  -subj /CN=bench-ca -keyout "$scratch/ca.key" -out "$scratch/ca.pem" 2>/dev/null
openssl req "${key_options[@]}" -nodes -subj /CN=127.0.0.1 \
  -keyout "$scratch/server.key" -out "$scratch/server.csr" 2>/dev/null
openssl x509 -req -in "$scratch/server.csr" -CA "$scratch/ca.pem" -CAkey "$scratch/ca.key" \
  -CAcreateserial -days 30 -extfile <(echo "subjectAltName=IP:127.0.0.1") \
  -out "$scratch/server.pem" 2>/dev/null
http_port=$(free_port)
https_port=$(free_port)
bench_nginx_config "$scratch" "$http_port" "$https_port" "$scratch/server.pem" "$scratch/server.key"
nginx -c "$scratch/nginx.conf" -e "$scratch/nginx.error" &
pids+=($!)

# blackbox_exporter: one module per kind, verifying against the same CA.
blackbox_port=$(free_port)
cat >"$scratch/blackbox.yml" <<EOF
modules:
  http:
    prober: http
    timeout: 2s
  https:
    prober: http
    timeout: 2s
    http: { tls_config: { ca_file: $scratch/ca.pem } }
  tcp:
    prober: tcp
    timeout: 2s
EOF
prometheus-blackbox-exporter --config.file="$scratch/blackbox.yml" \
  --web.listen-address="127.0.0.1:$blackbox_port" --log.level=error 2>"$scratch/blackbox.log" &
blackbox=$!
pids+=($blackbox)
for _ in $(seq 50); do
  curl -fs "http://127.0.0.1:$http_port/" >/dev/null 2>&1 &&
    curl -fs "http://127.0.0.1:$blackbox_port/" >/dev/null 2>&1 && break
  sleep 0.1
done

target_url() {  # KIND -> what nyxmon and blackbox probe
  case $1 in
    http) echo "http://127.0.0.1:$http_port/" ;;
    https) echo "https://127.0.0.1:$https_port/" ;;
    tcp) echo "127.0.0.1:$http_port" ;;
  esac
}

# nyxmon KIND RATE -> "checks cpu_seconds failed"
run_nyxmon() {
  local kind=$1 rate=$2 dir="$scratch/nyxmon-$1"
  rm -rf "$dir" && mkdir -p "$dir"
  {
    echo "engine: { durability: async, max_in_flight: 4096, snapshot_every: 1000000 }"
    echo "defaults: { interval: 1s, timeout: 2s }"
    echo "services:"
    echo "  - id: bench"
    echo "    checks:"
    for i in $(seq "$rate"); do
      case $kind in
        http) echo "      - { id: c$i, http: { url: \"$(target_url http)\" } }" ;;
        https) echo "      - { id: c$i, http: { url: \"$(target_url https)\", ca_file: \"$scratch/ca.pem\" } }" ;;
        tcp) echo "      - { id: c$i, tcp: { host: 127.0.0.1, port: $http_port } }" ;;
      esac
    done
  } >"$dir/config.yaml"
  "$nyxmon" run --config "$dir/config.yaml" --data "$dir/data" --listen 127.0.0.1:0 2>"$dir/log" &
  local engine=$!
  sleep 5
  # Whole seconds, so that the runs counted are those started in the span.
  sleep "0.$(printf '%03d' $(( 1000 - 10#$(date +%N | cut -c1-3) )))" 2>/dev/null || true
  local from to before after
  from=$(date +%s); before=$(cpu_ticks "$engine")
  sleep "$seconds"
  to=$(date +%s); after=$(cpu_ticks "$engine")
  kill -INT "$engine"; wait "$engine" || true
  "$build_dir/bench/engine_report" "$dir/data" "$from" "$to" >"$dir/report"
  local runs ok
  runs=$(awk '/^check runs:/ {print $3}' "$dir/report")
  ok=$(sed -n 's/.*(ok \([0-9]*\),.*/\1/p' "$dir/report")
  echo "$runs $(( after - before )) $(( runs - ok ))"
}

# blackbox KIND -> "checks cpu_ticks failed"
run_blackbox() {
  local kind=$1 url
  url="http://127.0.0.1:$blackbox_port/probe?module=$kind&target=$(target_url "$kind")"
  curl -fs "$url" | grep -q '^probe_success 1' || { echo "blackbox: $kind probe fails" >&2; exit 1; }
  local before after
  before=$(cpu_ticks "$blackbox")
  wrk -t1 -c8 -d"${seconds}s" "$url" >"$scratch/wrk-$kind"
  after=$(cpu_ticks "$blackbox")
  local requests
  requests=$(awk '/requests in/ {print $1}' "$scratch/wrk-$kind")
  echo "$requests $(( after - before )) 0"
}

# plugins KIND -> "checks cpu_ticks failed"
run_plugins() {
  python3 - "$1" "$seconds" "$plugins" "$http_port" "$https_port" "$ticks_per_second" <<'PY'
import resource, subprocess, sys, time
kind, seconds, plugins, http_port, https_port, hz = sys.argv[1], float(sys.argv[2]), *sys.argv[3:]
command = {
    "http": [f"{plugins}/check_http", "-H", "127.0.0.1", "-p", http_port, "-u", "/"],
    "https": [f"{plugins}/check_http", "-S", "-H", "127.0.0.1", "-p", https_port, "-u", "/"],
    "tcp": [f"{plugins}/check_tcp", "-H", "127.0.0.1", "-p", http_port],
}[kind]
before = resource.getrusage(resource.RUSAGE_CHILDREN)
runs = failed = 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    if subprocess.run(command, stdout=subprocess.DEVNULL).returncode != 0:
        failed += 1
    runs += 1
after = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
print(runs, round(cpu * int(hz)), failed)
PY
}

# s_time MODE -> "handshakes cpu_ticks 0"
run_s_time() {
  python3 - "$1" "$seconds" "$https_port" "$scratch/ca.pem" "$ticks_per_second" <<'PY'
import re, resource, subprocess, sys
mode, seconds, port, ca, hz = sys.argv[1:]
before = resource.getrusage(resource.RUSAGE_CHILDREN)
out = subprocess.run(["openssl", "s_time", "-connect", f"127.0.0.1:{port}", f"-{mode}",
                      "-time", str(int(float(seconds))), "-CAfile", ca, "-verify", "1"],
                     capture_output=True, text=True).stdout
after = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
print(re.search(r"(\d+) connections in", out).group(1), round(cpu * int(hz)), 0)
PY
}

echo "peers: nginx on 127.0.0.1:$http_port (HTTP) and :$https_port (HTTPS); ${seconds}s per measurement, $rounds rounds"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for kind in ${NYXMON_PEERS_KINDS:-http tcp https}; do
  rate=$http_rate
  [ "$kind" = https ] && rate=$https_rate
  for round in $(seq "$rounds"); do
    echo "$kind nyxmon $round $(run_nyxmon "$kind" "$rate")" >>"$scratch/results"
    echo "$kind blackbox $round $(run_blackbox "$kind")" >>"$scratch/results"
    echo "$kind plugins $round $(run_plugins "$kind")" >>"$scratch/results"
    if [ "$kind" = https ]; then
      echo "$kind s_time-new $round $(run_s_time new)" >>"$scratch/results"
      echo "$kind s_time-reuse $round $(run_s_time reuse)" >>"$scratch/results"
    fi
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$scratch/results" "$ticks_per_second" "$seconds" <<'PY'
import collections, statistics, sys
hz, seconds = int(sys.argv[2]), float(sys.argv[3])
rates = collections.defaultdict(list)
for line in open(sys.argv[1]):
    kind, prober, _, checks, ticks, failed = line.split()
    checks, cpu = int(checks), int(ticks) / hz
    rates[kind, prober].append((checks / cpu if cpu else 0.0, checks / seconds, int(failed)))
print(f"{'kind':6} {'prober':12} {'checks/s':>9} {'failed':>7} {'checks per CPU-second (rounds)':>40}  median")
for (kind, prober), figures in rates.items():
    per_cpu = [f[0] for f in figures]
    print(f"{kind:6} {prober:12} {statistics.median(f[1] for f in figures):9.0f} "
          f"{sum(f[2] for f in figures):7d} {' / '.join(f'{r:,.0f}' for r in per_cpu):>40}  "
          f"{statistics.median(per_cpu):,.0f}")
targets = {"http": 6.0, "https": 2.0}
for kind in sorted({kind for kind, _ in rates}):
    ours = statistics.median(f[0] for f in rates[kind, "nyxmon"])
    for peer in ("blackbox", "plugins"):
        theirs = statistics.median(f[0] for f in rates[kind, peer])
        target = f" (target >= {targets[kind]:.0f}x)" if peer == "blackbox" and kind in targets else ""
        print(f"{kind}: nyxmon / {peer} = {ours / theirs:.1f}x{target}")
    if (kind, "s_time-new") in rates:
        floor = statistics.median(f[0] for f in rates[kind, "s_time-new"])
        print(f"{kind}: nyxmon / OpenSSL's full handshakes alone (s_time -new) = {ours / floor:.2f}x")
PY
