#!/usr/bin/env bash
# test.sh — installs what is missing, then runs the whole test suite in
# three lanes: the release build (gcc) with CTest, the same suite built with
# AddressSanitizer and UndefinedBehaviorSanitizer (clang, scripts/sanitize.sh)
# and every fuzz target for 30 s (scripts/fuzz.sh). Fails when any lane
# fails; CTest's summary line of the release lane is the last line printed.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
started=$(date +%s)
build_dir="${NYXMON_BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNYXMON_WERROR=ON >/dev/null
cmake --build "$build_dir"

log="$build_dir/ctest.log"
set +e
ctest --test-dir "$build_dir" --output-on-failure --timeout 300 -j 2 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
released=$(date +%s)

bash scripts/sanitize.sh
sanitized=$?
checked=$(date +%s)
bash scripts/fuzz.sh "${NYXMON_FUZZ_SECONDS:-30}"
fuzzed=$?
set -e
finished=$(date +%s)

echo "lanes: release $((released - started)) s (exit $status), sanitizers $((checked - released)) s (exit $sanitized), fuzz $((finished - checked)) s (exit $fuzzed)"
# CTest ends with its timing; repeat the summary so that it is the last line.
grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 || echo "no CTest summary (build or discovery failed)"
if [ "$status" -ne 0 ]; then exit "$status"; fi
if [ "$sanitized" -ne 0 ]; then exit "$sanitized"; fi
exit "$fuzzed"
