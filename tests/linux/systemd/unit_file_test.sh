#!/usr/bin/env bash
# unit_file_test.sh UNIT_TEMPLATE IPCFG: the unit ipcfg@.service, with
# ExecStart pointing at this build's IPCFG, passes `systemd-analyze verify`
# for an instance without a word of complaint, and says what the product
# needs: Type=notify, the keeper command, no dependency on the interface's
# device unit, restarted on failure but not for a bad name (1) or no
# privilege (4), enabled per interface.  Runs no unit and changes nothing
# outside a temporary directory.
set -u
tmpl=$1 bin=$2
fails=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; fails=$((fails + 1)); }
command -v systemd-analyze >/dev/null || { echo "FAIL systemd-analyze is required (Debian package systemd)"; exit 1; }
T=$(mktemp -d /tmp/ipcfg-unit.XXXXXX) || exit 1
trap 'rm -rf "$T"' EXIT
sed "s#@IPCFG_UNIT_BINDIR@/ipcfg#$bin#" "$tmpl" > "$T/ipcfg@.service"
grep -q '@' <(grep -v '^#' "$T/ipcfg@.service" | grep -v 'ipcfg@' ) && fail "an @VAR@ left unconfigured" || pass "every @VAR@ configured"
cp "$T/ipcfg@.service" "$T/ipcfg@eth0.service"
out=$(cd "$T" && systemd-analyze verify --man=no ./ipcfg@eth0.service 2>&1)
rc=$?
[[ $rc -eq 0 ]] && pass "systemd-analyze verify exits 0" || fail "systemd-analyze verify exits $rc"
[[ -z $out ]] && pass "systemd-analyze verify has nothing to say" || fail "systemd-analyze verify said: $out"
# what the product relies on (keeper_ctl.c starts and stops it by this name)
u=$T/ipcfg@.service
want() { grep -qx -- "$1" "$u" && pass "$1" || fail "missing: $1"; }
want "Type=notify"
want "ExecStart=$bin --keeper %I"
# no dependency on the device unit, which only udev makes: it would keep
# the unit from ever starting in a container (tests/ship/systemd runs it
# there)
grep -E '^[A-Za-z]+=.*\.device' "$u" && fail "a dependency on a device unit" || pass "no dependency on a device unit"
want "Restart=on-failure"
want "RestartPreventExitStatus=1 4"
want "WantedBy=multi-user.target"
# the check can fail: a unit systemd rejects is reported as such
sed 's#^ExecStart=.*#ExecStart=/nonexistent/ipcfg --keeper %I#' "$u" > "$T/ipcfg@eth1.service"
(cd "$T" && systemd-analyze verify --man=no ./ipcfg@eth1.service >/dev/null 2>&1) && fail "a broken unit passed verify" \
    || pass "a broken unit fails verify"
[[ $fails -eq 0 ]] && echo "PASSED unit_file_test" || { echo "FAILED unit_file_test: $fails"; exit 1; }
