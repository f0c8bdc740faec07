#!/usr/bin/env bash
# install-deps.sh — installs the Debian packages nyxmon needs to build, test
# and benchmark. Idempotent: asks apt only for what is missing. Run as root
# (or with sudo available) on Debian 12.
#   --peers: also the probers scripts/bench-peers.sh measures nyxmon beside
#            (Prometheus' blackbox_exporter; the Monitoring Plugins are here anyway)
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build ccache pkg-config clang-format
  # libraries (DESIGN.md: chosen libraries)
  librocksdb-dev libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libcereal-dev libssl-dev libc-ares-dev libyaml-cpp-dev libcli11-dev
  libfmt-dev libspdlog-dev libre2-dev libhowardhinnant-date-dev tzdata libsystemd-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev rocksdb-tools openssl
  # the sanitizer and fuzz lanes: clang 16 (C++23's std::expected with
  # libstdc++ 12), its sanitizer and libFuzzer runtimes, lld, llvm-symbolizer
  clang-16 libclang-rt-16-dev lld-16 llvm-16
  # tests of the HTTP side: a browser for the status page, a real Prometheus,
  # and a load generator for the API benchmark
  chromium prometheus wrk curl
  # the Debian package: dpkg-shlibdeps for its dependencies, zsh to check its completions
  dpkg-dev zsh adduser
  # the configuration schema's test: examples validated against it
  python3-jsonschema python3-yaml
  # exec checks: the Monitoring Plugins (check_tcp, check_http, check_dummy)
  monitoring-plugins-basic
  # a real web server for the exec and http checks of the end-to-end tests
  nginx-light
  # scripts: the example target of start.sh, benchmark reports
  python3
)
if [ "${1:-}" = --peers ]; then packages+=(prometheus-blackbox-exporter); fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed'; then
    missing+=("$package")
  fi
done

# The browser tests drive Chromium from Node.js (playwright-core, axe-core);
# a machine without Node.js gets Debian's.
if ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
else
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "install-deps: done"
fi

# The browser tests' packages, as package-lock.json pins them (no browser
# download: they drive /usr/bin/chromium).
browser="$(cd "$(dirname "$0")/.." && pwd)/tests/browser"
if [ ! -f "$browser/node_modules/.package-lock.json" ] ||
  [ "$browser/package-lock.json" -nt "$browser/node_modules/.package-lock.json" ]; then
  npm ci --prefix "$browser" --no-audit --no-fund --loglevel=error
  echo "install-deps: browser test packages installed"
fi
