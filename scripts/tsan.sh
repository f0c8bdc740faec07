#!/usr/bin/env bash
# tsan.sh — the threaded tests under ThreadSanitizer, in build-tsan/ (its own
# tree, ccache): the engine end to end, the core loop, the HTTP server and
# API, secondary readers, notifications, the projections' hand-over to
# readers, the probes' I/O. Any data race fails the run. Not part of scripts/test.sh (a third
# full build would not fit CI's time); run it after touching threads.
#
#   bash scripts/tsan.sh            # the threaded tests
#   bash scripts/tsan.sh -R Http    # extra arguments go to ctest
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir="${NYXMON_TSAN_BUILD_DIR:-build-tsan}"
bash scripts/configure-clang.sh "$build_dir" thread
started=$(date +%s)
cmake --build "$build_dir"
built=$(date +%s)

source scripts/sanitizer-env.sh
threaded='CoreLoop|Engine|Http|Run|Notifications|Secondary|Reading|CheckStates|TcpExchange|DnsQuery|Repair|FullDisk|Prometheus|StatusPage|CheckApply|Compact|Status|Backup|ServiceManager|Inbox|Exec|AsioProbeRunner'
if [ $# -eq 0 ]; then set -- -R "$threaded"; fi
set +e
ctest --test-dir "$build_dir" --output-on-failure --timeout 600 -j 2 "$@" 2>&1 | tee "$build_dir/ctest.log"
status=${PIPESTATUS[0]}
set -e
finished=$(date +%s)
echo "tsan: build $((built - started)) s, tests $((finished - built)) s"
grep -E '^[0-9]+% tests passed' "$build_dir/ctest.log" | tail -n 1 | sed 's/^/tsan: /' || true
exit "$status"
