#!/usr/bin/env bash
# configure-clang.sh BUILD_DIR SANITIZERS [CMAKE_ARGS...] — configures a
# clang-16 build with sanitizers (scripts/sanitize.sh, tsan.sh, fuzz.sh):
# -O1 with debug info, lld, no benchmarks, warnings as errors.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="$1"
sanitizers="$2"
shift 2
cmake -S . -B "$build_dir" -G Ninja \
  -DCMAKE_CXX_COMPILER=clang++-16 \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DCMAKE_EXE_LINKER_FLAGS="-fuse-ld=lld" \
  -DNYXMON_SANITIZE="$sanitizers" \
  -DNYXMON_BUILD_BENCH=OFF \
  -DNYXMON_WERROR=ON "$@" >/dev/null
