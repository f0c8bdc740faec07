#!/usr/bin/env bash
# deb_package_test.sh BUILD_DIR — the Debian package end to end, as root:
# cpack builds it; dpkg -i installs it (the nyxmon user, /var/lib/nyxmon
# 0700, the conffile, the unit, which systemd-analyze verify accepts, the
# man page and completions); the engine runs as that user and `nyxmon
# verify` passes; dpkg --purge removes every file but the store, and names
# it. Exits 77 (skipped) when not root.
set -euo pipefail
build=$(cd "$1" && pwd)
if [ "$(id -u)" -ne 0 ]; then echo "skipped: installing a package needs root"; exit 77; fi
if dpkg-query -W nyxmon >/dev/null 2>&1 || [ -e /var/lib/nyxmon ]; then
  echo "refusing to run: nyxmon is installed here already, or /var/lib/nyxmon exists" >&2
  exit 1
fi
fail() { echo "deb_package_test: $*" >&2; exit 1; }
cleanup() {
  dpkg --purge nyxmon >/dev/null 2>&1 || true
  rm -rf /var/lib/nyxmon
}
trap cleanup EXIT

cd "$build"
rm -f nyxmon_*.deb
cpack -G DEB >cpack.log 2>&1 || { cat cpack.log; fail "cpack failed"; }
deb=$(ls nyxmon_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
echo "package: $deb; Depends: $depends"
for library in libc6 libssl3 libyaml-cpp libsystemd0 adduser; do
  [[ $depends == *"$library"* ]] || fail "Depends lacks $library: $depends"
done

dpkg -i "$deb" >dpkg.log 2>&1 || { cat dpkg.log; fail "dpkg -i failed"; }
[ "$(/usr/bin/nyxmon --version)" = "$(dpkg-deb -f "$deb" Version)" ] || fail "nyxmon --version is not the package's version"
getent passwd nyxmon >/dev/null || fail "no nyxmon user"
[ "$(stat -c '%a %U' /var/lib/nyxmon)" = "700 nyxmon" ] || fail "/var/lib/nyxmon is $(stat -c '%a %U' /var/lib/nyxmon)"
dpkg-query -W -f='${Conffiles}\n' nyxmon | grep -q '/etc/nyxmon/nyxmon.yaml' || fail "nyxmon.yaml is not a conffile"
for file in /usr/share/man/man1/nyxmon.1.gz /usr/share/bash-completion/completions/nyxmon \
  /usr/share/zsh/vendor-completions/_nyxmon /lib/systemd/system/nyxmon.service \
  /usr/share/doc/nyxmon/nyxmon.rules.yml; do
  [ -f "$file" ] || fail "$file was not installed"
done
zcat /usr/share/man/man1/nyxmon.1.gz | grep -q '^\.SS "nyxmon run"' || fail "the man page lacks nyxmon run"
verify_unit=$(systemd-analyze verify /lib/systemd/system/nyxmon.service 2>&1) || fail "systemd-analyze verify: $verify_unit"
[ -z "$verify_unit" ] || fail "systemd-analyze verify said: $verify_unit"

# Under the sanitizer lane, the leak checker's suppressions must be
# readable by the nyxmon user too (the checkout may not be).
if [[ ${LSAN_OPTIONS:-} =~ suppressions=([^:]+) ]]; then
  cp "${BASH_REMATCH[1]}" /tmp/nyxmon-package-lsan.supp
  chmod 0644 /tmp/nyxmon-package-lsan.supp
  export LSAN_OPTIONS=${LSAN_OPTIONS/${BASH_REMATCH[1]}//tmp/nyxmon-package-lsan.supp}
fi

# The engine as the service would run it (but on a free port), then verify.
# setpriv execs the engine itself (runuser would stand between, and answer
# SIGTERM on its own).
setpriv --reuid=nyxmon --regid=nyxmon --init-groups /usr/bin/nyxmon run \
  --config /etc/nyxmon/nyxmon.yaml --data /var/lib/nyxmon --listen 127.0.0.1:0 2>engine.log &
engine=$!
for _ in $(seq 100); do [ -s /var/lib/nyxmon/nyxmon.http ] && break; sleep 0.1; done
[ -s /var/lib/nyxmon/nyxmon.http ] || { cat engine.log; fail "the engine did not start as nyxmon"; }
sleep 1
kill -TERM "$engine"; wait "$engine" || { cat engine.log; fail "the engine did not stop cleanly"; }
runuser -u nyxmon -- /usr/bin/nyxmon verify --data /var/lib/nyxmon >verify.log 2>&1 || { cat verify.log; fail "nyxmon verify failed"; }
[ "$(stat -c '%U' /var/lib/nyxmon/api-token)" = nyxmon ] || fail "the store's files are not the nyxmon user's"

purged=$(dpkg --purge nyxmon 2>&1) || fail "dpkg --purge: $purged"
[[ $purged == *"/var/lib/nyxmon was kept"* ]] || fail "the purge did not name the store it kept: $purged"
for gone in /usr/bin/nyxmon /etc/nyxmon /lib/systemd/system/nyxmon.service /usr/share/man/man1/nyxmon.1.gz; do
  [ ! -e "$gone" ] || fail "$gone is still there after the purge"
done
[ -d /var/lib/nyxmon ] || fail "the purge removed the store"
echo "deb_package_test: installed, ran as nyxmon, verified, purged ($deb)"
