#!/usr/bin/env bash
# The DHCP engine's confinement seen from outside: during an
# exchange (a server that OFFERs and never ACKs keeps it waiting) the
# process that reads and parses the network's packets is the /renew's
# child with uid and gid 65534, no capability in any set, no new
# privileges, a seccomp filter, and the empty directory as its root; the
# engine of a /release confines itself the same way (its calls, seen by
# strace), and so does the engine a keeper forks at T1 (seen in /proc).  In a
# test build, a forbidden system call made where a packet is parsed gets
# the engine killed by the filter: /renew exits 3 naming SIGSYS, and
# nothing was installed or recorded.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"

dhcp_net
hostile_start "$SRV" s0
scen silent_ack

# ---- the engine during an exchange ---------------------------------------
before=$(snapshot "$CLI" c0)
ip netns exec "$CLI" "$IPCFG" /renew c0 /timeout:4 >"$DHCP_TMP/out" 2>"$DHCP_TMP/err" &
P=$!
engine=''
# confined PARENT: a child of PARENT under a seccomp filter (the engine),
# its pid in $engine
confined() {
    local c
    for c in $(pgrep -P "$1"); do
        grep -q '^Seccomp:[[:space:]]*2' "/proc/$c/status" 2>/dev/null && { engine=$c; return 0; }
    done
    return 1
}
wait_for 3 confined "$P"
# the OFFER came and the engine waits for an ACK: it has read the network
wait_for 3 grep -q '^silent_ack' "$DHCP_TMP/hostile.log"
if [[ -n $engine ]] && st=$(cat "/proc/$engine/status" 2>/dev/null); then
    _pass
    f() { sed -n "s/^$1:[[:space:]]*//p" <<<"$st"; }
    assert_eq $'65534\t65534\t65534\t65534' "$(f Uid)" "engine: Uid (real, effective, saved, fs) 65534"
    assert_eq $'65534\t65534\t65534\t65534' "$(f Gid)" "engine: Gid 65534"
    assert_eq "" "$(f Groups)" "engine: no supplementary groups"
    for c in CapInh CapPrm CapEff CapBnd CapAmb; do
        assert_eq 0000000000000000 "$(f $c)" "engine: $c empty"
    done
    assert_eq 1 "$(f NoNewPrivs)" "engine: NoNewPrivs"
    assert_eq 2 "$(f Seccomp)" "engine: Seccomp filter mode"
    assert_eq "$IPCFG_RUN_DIR/empty" "$(readlink "/proc/$engine/root")" "engine: root directory is the empty one"
    assert_eq "" "$(ls -A "$IPCFG_RUN_DIR/empty")" "the engine's root is empty"
    # its parent, the privileged side, is root
    assert_eq 0 "$(awk '$1 == "Uid:" { print $3 }' "/proc/$P/status")" "the command itself stays root"
else
    _fail "no confined engine child of the /renew found"
fi
wait "$P"
assert_eq 5 "$?" "/renew against a server that never ACKs: exit 5"
assert_eq "$before" "$(snapshot "$CLI" c0)" "nothing installed or recorded"
assert_eq "" "$(pgrep -P "$P" 2>/dev/null)" "no engine left"

# ---- /release: its engine confines itself the same way ----------------------
# (its exchange is one RELEASE, too short to catch in /proc: the engine's
# own confinement calls, as strace sees them, in a child of the command)
scen good
run_ipcfg /renew c0 /timeout:3
assert_exit 0 "/renew (good server)"
ip netns exec "$CLI" strace -f -qq -e trace=setresuid,capset,seccomp -o "$DHCP_TMP/release.strace" \
    "$IPCFG" /release c0 >/dev/null 2>&1
assert_eq 0 "$?" "/release under strace"
main=$(grep -m1 -- '--- SIGCHLD' "$DHCP_TMP/release.strace" | awk '{ print $1 }')
conf=$(grep -v "^${main:-none} " "$DHCP_TMP/release.strace")
[[ -n $main ]] && _pass || _fail "no engine child of /release seen" "$(cat "$DHCP_TMP/release.strace")"
grep -q 'setresuid(65534, 65534, 65534) *= 0$' <<<"$conf" && grep -q 'capset(.*effective=0, permitted=0, inheritable=0}) *= 0$' <<<"$conf" &&
    grep -q 'seccomp(SECCOMP_SET_MODE_FILTER, .*) *= 0$' <<<"$conf" && _pass ||
    _fail "the /release engine did not confine itself (nobody, no capabilities, filter)" "$(cat "$DHCP_TMP/release.strace")"

# ---- the keeper: each exchange's engine is confined ---------------------------
# a 10-second lease (the shortest ipcfg takes), then a server that stops
# answering: at T1 (5 s) the
# keeper's engine sends its REQUEST and waits, seen in /proc
scen lease:10
IPCFG_KEEPER=detached run_ipcfg /renew c0 /timeout:3
assert_exit 0 "/renew with a keeper (10-second lease)"
scen silent
K=$(keepers c0)
engine=''
if [[ -n $K ]] && wait_for 9 confined "$K" && st=$(cat "/proc/$engine/status" 2>/dev/null); then
    f() { sed -n "s/^$1:[[:space:]]*//p" <<<"$st"; }
    assert_eq $'65534\t65534\t65534\t65534' "$(f Uid)" "keeper's engine: Uid 65534"
    assert_eq 0000000000000000 "$(f CapEff)" "keeper's engine: CapEff empty"
    assert_eq 0000000000000000 "$(f CapPrm)" "keeper's engine: CapPrm empty"
    assert_eq 1 "$(f NoNewPrivs)" "keeper's engine: NoNewPrivs"
    assert_eq 0 "$(awk '$1 == "Uid:" { print $3 }' "/proc/$K/status")" "the keeper itself is root (it applies leases)"
else
    _fail "no confined engine child of the keeper ($K) found at T1"
fi
scen good
IPCFG_KEEPER=detached run_ipcfg /release c0
assert_exit 0 "/release stops the keeper"
assert_eq 0 "$(nkeepers c0)" "no keeper left"

# ---- a forbidden call in the parser: killed by the filter -----------------
if [[ ${IPCFG_TEST_HOOKS:-0} == 1 ]]; then
    scen good
    before=$(snapshot "$CLI" c0)
    export IPCFG_TEST_ENGINE_FORBIDDEN=1
    run_ipcfg /renew c0 /timeout:3
    unset IPCFG_TEST_ENGINE_FORBIDDEN
    assert_exit 3 "forbidden call: exit 3"
    assert_contains "$OUT$ERR" "SIGSYS" "forbidden call: the engine's death is named"
    assert_eq "$before" "$(snapshot "$CLI" c0)" "forbidden call: nothing installed or recorded"
    run_ipcfg /renew c0 /timeout:3
    assert_exit 0 "without the hook the same exchange binds"
else
    # a build without the hooks (not the dev preset, which CI runs)
    echo "note [test_privsep]: the forbidden-call case needs -DIPCFG_TEST_HOOKS=ON; not run in this build" >&2
fi

finish
