#!/usr/bin/env bash
# fuzz.sh [SECONDS] [TARGET...] — runs each libFuzzer target (fuzz/*_fuzz.cpp)
# for SECONDS (default 30) under ASan and UBSan, from its seed corpus
# (fuzz/corpus/<target>, read-only) and a working corpus that grows in
# build-asan/fuzz-corpus/<target>. Prints executions, coverage and findings
# per target. A finding (crash, sanitizer report, leak, timeout, out of
# memory) fails the run; its input is kept in build-asan/fuzz-findings/.
#
#   bash scripts/fuzz.sh            # CI: 30 s each
#   bash scripts/fuzz.sh 600        # longer, before a release
#   bash scripts/fuzz.sh 60 config_fuzz
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-30}"
shift || true
build_dir="${NYXMON_ASAN_BUILD_DIR:-build-asan}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for source in fuzz/*_fuzz.cpp; do targets+=("$(basename "$source" .cpp)"); done
fi

if [ ! -f "$build_dir/build.ninja" ]; then
  bash scripts/configure-clang.sh "$build_dir" address,undefined -DNYXMON_FUZZ=ON
fi
cmake --build "$build_dir" --target "${targets[@]}"

source scripts/sanitizer-env.sh
failed=0
for target in "${targets[@]}"; do
  name="${target%_fuzz}"
  work="$build_dir/fuzz-corpus/$name"
  findings="$build_dir/fuzz-findings/$name"
  mkdir -p "$work" "$findings"
  log="$build_dir/fuzz-$name.log"
  set +e
  "$build_dir/fuzz/$target" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 \
    -rss_limit_mb=2048 -max_len=16384 -artifact_prefix="$findings/" \
    "$work" "fuzz/corpus/$name" >"$log" 2>&1
  status=$?
  set -e
  runs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  coverage=$(grep -oE 'cov: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+$' || echo "?")
  found=$(find "$findings" -type f | wc -l)
  if [ "$status" -ne 0 ] || [ "$found" -ne 0 ]; then
    failed=1
    echo "fuzz $name: FAILED after $runs executions (exit $status); findings in $findings; log $log"
    grep -E 'ERROR|SUMMARY|runtime error|deadly signal' "$log" | head -n 5 || true
  else
    echo "fuzz $name: $runs executions in ${seconds}s, coverage $coverage edges, corpus $(find "$work" -type f | wc -l) inputs, no findings"
  fi
done
exit "$failed"
