#!/usr/bin/env bash
# test.sh — installs what is missing, builds everything and runs the whole
# test suite with CTest. CTest's summary line is the last line printed.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
build_dir="${NYXMON_BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNYXMON_WERROR=ON >/dev/null
cmake --build "$build_dir"

log="$build_dir/ctest.log"
set +e
ctest --test-dir "$build_dir" --output-on-failure --timeout 300 -j 2 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# CTest ends with its timing; repeat the summary so that it is the last line.
grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 || echo "no CTest summary (build or discovery failed)"
exit "$status"
