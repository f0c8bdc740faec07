#!/usr/bin/env bash
# make-fixture-log.sh — writes tests/fixtures/log-v1.jsonl: a short history
# recorded by a real `nyxmon run` (a flapping HTTP target, a refused TCP
# port, a heartbeat pinged then left silent, a webhook notifier, a pause and
# a resume), exported with `nyxmon export`. The fixture test
# (tests/tools/fixture_log_test.cpp) folds it; run that test once with
# NYXMON_WRITE_FIXTURE=1 to write the projections it must keep giving.
# Usage: scripts/make-fixture-log.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
nyxmon="$(realpath "${1:-build}")/tools/nyxmon"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# A target that answers 200 and 500 in turn, and takes webhook deliveries.
cat > "$work/flip.py" <<'PY'
import http.server, sys
state = {"n": 0}
class Flip(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args): pass
    def do_GET(self):
        state["n"] += 1
        code = 200 if state["n"] % 2 else 500
        self.send_response(code); self.send_header("Content-Length", "2"); self.end_headers()
        self.wfile.write(b"ok")
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(204); self.end_headers()
server = http.server.HTTPServer(("127.0.0.1", 0), Flip)
print(server.server_port, flush=True)
server.serve_forever()
PY
python3 "$work/flip.py" > "$work/port" &
while [ ! -s "$work/port" ]; do sleep 0.1; done
port=$(cat "$work/port")

cat > "$work/nyxmon.yaml" <<YAML
engine: { durability: async, listen: "off" }
defaults: { failure_threshold: 1, recovery_threshold: 1 }
notifiers:
  - { id: hook, kind: webhook, url: "http://127.0.0.1:$port/hook" }
services:
  - id: shop
    checks:
      - { id: web, interval: 200ms, timeout: 2s, notify: [hook], http: { url: "http://127.0.0.1:$port/" } }
      - { id: db, interval: 500ms, timeout: 1s, tcp: { host: 127.0.0.1, port: 1 } }
      - { id: nightly, notify: [hook], heartbeat: { period: 2s, grace: 1s, token: nightly-fixture-token } }
YAML

"$nyxmon" --data "$work/data" run --config "$work/nyxmon.yaml" 2> "$work/engine.log" &
engine=$!
sleep 1
"$nyxmon" --data "$work/data" ping nightly
sleep 2
"$nyxmon" --data "$work/data" ping nightly --start
sleep 0.5
"$nyxmon" --data "$work/data" ping nightly
"$nyxmon" --data "$work/data" check pause db --reason maintenance
sleep 2
"$nyxmon" --data "$work/data" check resume db
sleep 5
kill -TERM $engine
wait $engine
"$nyxmon" --data "$work/data" export > tests/fixtures/log-v1.jsonl
echo "tests/fixtures/log-v1.jsonl: $(wc -l < tests/fixtures/log-v1.jsonl) events"
