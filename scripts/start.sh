#!/usr/bin/env bash
# start.sh — builds nyxmon and runs the engine on the embedded default: its
# own store in ./nyxmon-data and examples/nyxmon.yaml, which watches real
# targets on this machine — a small web server this script starts on
# 127.0.0.1:8089, the loopback interface, a heartbeat job. Ctrl-C stops it;
# run it again and it resumes where it stopped.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target nyxmon

python3 -m http.server 8089 --bind 127.0.0.1 --directory examples/site >/dev/null 2>&1 &
site=$!
trap 'kill "$site" 2>/dev/null || true' EXIT

echo "nyxmon: watching examples/nyxmon.yaml, store in ./nyxmon-data (Ctrl-C to stop)"
echo "        status page: http://127.0.0.1:8787/  API: docs/api.md  token: nyxmon-data/api-token"
echo "        in another terminal: build/tools/nyxmon status; curl 127.0.0.1:8787/ping/demo-job-ping-not-secret"
build/tools/nyxmon run --config examples/nyxmon.yaml --data nyxmon-data
