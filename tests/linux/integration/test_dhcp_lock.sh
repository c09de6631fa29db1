#!/usr/bin/env bash
# Concurrent ipcfg runs: ten /renew of one interface at once serialise on
# its lock (every run succeeds, one address, one consistent lease file, no
# crash); ten /release + /renew pairs racing end in a consistent state; runs
# on another interface do not wait for a held lock.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"

dhcp_net
ip link add c1 netns "$CLI" type veth peer name s1 netns "$SRV" || fatal "veth 1"
ip -n "$CLI" link set c1 up && ip -n "$SRV" link set s1 up || fatal "up 1"
ip -n "$SRV" addr add 10.77.1.1/24 dev s1 || fatal "addr 1"
dnsmasq_start srv "$SRV" s0 --interface=s1 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600 \
    --dhcp-range=10.77.1.50,10.77.1.59,255.255.255.0,600 --dhcp-option=option:router,10.77.0.1

# consistent CHECK: one address from the range on c0 and the lease file
# records exactly it.
consistent() {
    local a rec
    a=$(v4_addrs "$CLI" c0)
    rec=$(awk '$1 == "address" { print $2 }' "$IPCFG_STATE_DIR/c0.lease")
    [[ $a == 10.77.0.5?/24 && $rec == "$a" ]] && _pass ||
        _fail "$1: kernel '$a', lease file '$rec'" "$(cat "$IPCFG_STATE_DIR/c0.lease")"
    # version 2 when the lease carries its keys (the name sent: the host's)
    [[ $(head -n 1 "$IPCFG_STATE_DIR/c0.lease") == "ipcfg-lease "[12] && $(tail -n 1 "$IPCFG_STATE_DIR/c0.lease") == end ]] &&
        _pass || _fail "$1: the file is whole" "$(cat "$IPCFG_STATE_DIR/c0.lease")"
}

run_ipcfg /renew c0
assert_exit 0 "/renew c0 (obtain)"

pids=()
for i in $(seq 10); do
    ip netns exec "$CLI" "$IPCFG" /renew c0 /timeout:20 >"$DHCP_TMP/r$i.out" 2>"$DHCP_TMP/r$i.err" &
    pids+=("$!")
done
for i in $(seq 10); do
    wait "${pids[$((i - 1))]}"
    rc=$?
    LAST_CMD="concurrent /renew c0 #$i"
    RC=$rc OUT=$(cat "$DHCP_TMP/r$i.out") ERR=$(cat "$DHCP_TMP/r$i.err")
    assert_exit 0 "concurrent /renew #$i"
done
LAST_CMD=''
consistent "after ten concurrent renews"
ls -A "$IPCFG_STATE_DIR" | grep -v '^c0.lease$' | grep -q . && _fail "temporary files left: $(ls -A "$IPCFG_STATE_DIR")" || _pass

# release and renew racing: whatever order they ran in, kernel and file agree.
pids=()
for i in $(seq 5); do
    ip netns exec "$CLI" "$IPCFG" /release c0 /timeout:20 >/dev/null 2>&1 &
    pids+=("$!")
    ip netns exec "$CLI" "$IPCFG" /renew c0 /timeout:20 >/dev/null 2>&1 &
    pids+=("$!")
done
bad=0
for p in "${pids[@]}"; do
    wait "$p"
    rc=$?
    ((rc == 0 || rc == 2)) || bad=$rc
done
assert_eq 0 "$bad" "racing /release and /renew: each exits 0 or 2 (already released)"
run_ipcfg /renew c0
assert_exit 0 "/renew c0 after the race"
consistent "after racing release and renew"

# A lock held on c0 does not hold up c1.
ip netns exec "$CLI" python3 "$LIB_DIR/lock_hold.py" if.c0 8 >"$DHCP_TMP/holder.out" &
holder=$!
DHCP_PIDS+=("$holder")
wait_for 5 grep -qs held "$DHCP_TMP/holder.out" || fatal "could not take c0's lock"
t0=$(now_ms)
run_ipcfg /renew c1 /timeout:5
ms=$(($(now_ms) - t0))
assert_exit 0 "/renew c1 while c0 is locked"
((ms < 1000)) && _pass || _fail "c1 waited for c0's lock: $ms ms"
t0=$(now_ms)
run_ipcfg /renew c0 /timeout:1
ms=$(($(now_ms) - t0))
assert_exit 5 "/renew c0 while another run holds c0 past the timeout"
assert_contains "$ERR" "busy" "says another run kept it busy"
((ms >= 900)) && _pass || _fail "waited $ms ms for a 1 s timeout"
assert_took "$ms" 2000 "waiting for a busy interface (timeout 1 s)"
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
run_ipcfg /renew c0 /timeout:5
assert_exit 0 "/renew c0 once the holder is gone"

finish
