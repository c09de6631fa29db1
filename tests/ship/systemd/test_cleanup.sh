#!/usr/bin/env bash
# A test under a real systemd that fails at any step leaves nothing on the
# host.  A small test (`test_cleanup.sh boot`: the server, dnsmasq, a boot,
# one command in the container) is run with IPCFG_SD_FAIL_AT set, failing
# on purpose (sd_lib.sh's _sd_fail_point): after the server's namespace
# holder started (server); right after the container's first process was
# started, before it could report itself or even join its cgroups (spawn);
# once its pid is known, before the veth pair (pid); while systemd boots
# (go); and by SIGTERM (the ctest timeout's signal) at spawn and at go.
# Each run must fail as asked (1, or 130 for a signal) with the test's
# processes alive at that moment, and leave nothing (sd_leftovers.sh: no
# cgroup, process, mount, directory, interface).  A run without a failure
# must pass and leave nothing either.  The runs' names go to the run's
# ledger too (ship_systemd_clean looks again).
# SPDX-License-Identifier: MIT
here=$(cd "$(dirname "$0")" && pwd)

if [[ ${1:-} == boot ]]; then
    source "$here/sd_lib.sh"
    sd_server
    dnsmasq_start --dhcp-range=10.77.0.50,10.77.0.60,255.255.255.0,2m
    sd_boot
    sd_run systemctl is-system-running
    assert_eq running "${OUT%$'\n'}" "the container's systemd runs"
    finish
fi

set -uo pipefail
TEST=test_cleanup
FAILS=0 CHECKS=0 OUT='' ERR='' RC='' LAST_CMD=''
# shellcheck source=../../linux/integration/assert.sh
source "$here/../../linux/integration/assert.sh"
[[ $(id -u) -eq 0 ]] || { echo "FATAL [$TEST]: root is needed (namespaces, mounts)" >&2; exit 1; }
tmp=$(mktemp -d "${IPCFG_TMP:-/tmp}/sd_cleanup.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

for at in server spawn pid go spawn:TERM go:TERM ''; do
    what=${at:-"no failure"}
    ledger=$tmp/ledger
    : >"$ledger"
    IPCFG_SD_LEDGER=$ledger IPCFG_SD_FAIL_AT=$at bash "$0" boot >"$tmp/out" 2>"$tmp/err"
    RC=$? ERR=$(<"$tmp/err") LAST_CMD="IPCFG_SD_FAIL_AT=$at test_cleanup.sh boot"
    case $at in
    '') assert_exit 0 "$what: the test passes" ;;
    *:TERM) assert_exit 130 "$what: the test ends as by the signal" ;;
    *) assert_exit 1 "$what: the test fails" ;;
    esac
    if [[ -n $at ]]; then
        # what was there to clean up: some of the test's processes alive
        procs=$(sed -n "s/^test_cleanup: failing at ${at%%:*} as asked; the test's processes: *//p" <<<"$ERR")
        [[ -n $procs ]] && _pass || _fail "$what: no failure at ${at%%:*} with processes running" "$ERR"
    fi
    [[ $(wc -l <"$ledger") == 1 ]] && _pass || _fail "$what: the test is in the ledger" "$(cat "$ledger")"
    left=$(bash "$here/sd_leftovers.sh" "$ledger")
    assert_eq 0 "$?" "$what: sd_leftovers.sh finds nothing"
    assert_eq "" "$(grep '^left:' <<<"$left")" "$what: nothing is left on the host"
    [[ -z ${IPCFG_SD_LEDGER:-} ]] || cat "$ledger" >>"$IPCFG_SD_LEDGER"
done

if ((FAILS > 0)); then
    echo "FAILED $TEST: $FAILS of $CHECKS checks" >&2
    exit 1
fi
echo "PASSED $TEST: $CHECKS checks"
