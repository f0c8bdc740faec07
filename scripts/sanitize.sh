#!/usr/bin/env bash
# sanitize.sh — the checked lane: builds everything with clang's
# AddressSanitizer and UndefinedBehaviorSanitizer in build-asan/ (ccache, its
# own tree) and runs the whole test suite there, leaks included; any report
# fails the run. The fuzz targets are built in the same tree
# (scripts/fuzz.sh runs them).
#
#   bash scripts/sanitize.sh              # build and run everything
#   bash scripts/sanitize.sh -R Engine    # extra arguments go to ctest
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir="${NYXMON_ASAN_BUILD_DIR:-build-asan}"
bash scripts/configure-clang.sh "$build_dir" address,undefined -DNYXMON_FUZZ=ON
cmake --build "$build_dir"

source scripts/sanitizer-env.sh
set +e
ctest --test-dir "$build_dir" --output-on-failure --timeout 600 -j 2 "$@" 2>&1 | tee "$build_dir/ctest.log"
status=${PIPESTATUS[0]}
set -e
grep -E '^[0-9]+% tests passed' "$build_dir/ctest.log" | tail -n 1 | sed 's/^/sanitizers (ASan+UBSan): /' || true
exit "$status"
