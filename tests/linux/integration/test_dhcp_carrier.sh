#!/usr/bin/env bash
# A link set up a moment ago has no carrier yet (a veth pair gets it from
# the kernel's link watch a moment later, a NIC after its
# autonegotiation): `ip link set c0 up && ipcfg /renew c0` waits for it
# (up to 5 s, never past /timeout) instead of answering "media
# disconnected" at once.  A veth whose peer comes up 1.5 s later: bound.
# A peer that never comes up: exit 2 with the contract's line after 5 s,
# or at the timeout when that comes first.  A link that is down
# (administratively) is still refused at once, and /release never waits.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"

dhcp_net
dnsmasq_start srv "$SRV" s0 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600 \
    --dhcp-option=option:router,10.77.0.1
MEDIA="No operation can be performed on c0 while it has its media disconnected."

# ---- ip link set c0 up && ipcfg /renew c0, three times --------------------------
for i in 1 2 3; do
    ip -n "$CLI" link set c0 down
    ip -n "$CLI" addr flush dev c0
    rm -f "$IPCFG_STATE_DIR/c0.lease"
    ip -n "$CLI" link set c0 up && run_ipcfg /renew c0
    assert_exit 0 "ip link set c0 up && ipcfg /renew c0 ($i)"
    [[ $(v4_addrs "$CLI" c0) == 10.77.0.5?/24 ]] && _pass || _fail "bound ($i): $(v4_addrs "$CLI" c0)"
done

# ---- the peer comes up 1.5 s after the /renew started ----------------------------
run_ipcfg /release c0
ip -n "$SRV" link set s0 down
wait_for 3 bash -c "ip -n $CLI link show c0 | grep -q NO-CARRIER" || fatal "c0 kept its carrier"
(sleep 1.5; ip -n "$SRV" link set s0 up) &
up_pid=$!
t0=$(now_ms)
run_ipcfg /renew c0 /timeout:10
ms=$(($(now_ms) - t0))
wait "$up_pid"
assert_exit 0 "/renew c0 while the peer comes up 1.5 s later"
[[ $(v4_addrs "$CLI" c0) == 10.77.0.5?/24 ]] && _pass || _fail "bound after the carrier came: $(v4_addrs "$CLI" c0)"
((ms >= 1400)) && _pass || _fail "took $ms ms (the carrier came after 1.5 s)"
assert_took "$ms" 5000 "the carrier after 1.5 s"

# ---- no carrier at all: 5 s, then media disconnected ---------------------------------
ip -n "$SRV" link set s0 down
wait_for 3 bash -c "ip -n $CLI link show c0 | grep -q NO-CARRIER" || fatal "c0 kept its carrier"
t0=$(now_ms)
run_ipcfg /renew c0 /timeout:30
ms=$(($(now_ms) - t0))
assert_exit 2 "/renew c0 without carrier"
assert_contains "$ERR" "$MEDIA" "the contract's line"
assert_one_line "$ERR" "one line"
((ms >= 4900)) && _pass || _fail "without carrier: took $ms ms (waits 5 s)"
assert_took "$ms" 7000 "without carrier (waits 5 s)"
# ... never past the timeout
t0=$(now_ms)
run_ipcfg /renew c0 /timeout:2
ms=$(($(now_ms) - t0))
assert_exit 2 "/renew c0 /timeout:2 without carrier"
assert_contains "$ERR" "$MEDIA" "/timeout:2: the line"
((ms >= 1900)) && _pass || _fail "/timeout:2 without carrier: took $ms ms"
assert_took "$ms" 3000 "/timeout:2 without carrier"
# /json says the same
run_ipcfg /renew c0 /timeout:1 /json
assert_exit 2 "/json without carrier"
assert_json "$OUT" '.results[0].error.reason' '"media_disconnected"' "/json: media_disconnected"
# /release does not wait
t0=$(now_ms)
run_ipcfg /release c0
ms=$(($(now_ms) - t0))
assert_exit 2 "/release c0 without carrier"
assert_took "$ms" 1000 "/release without carrier"

# ---- administratively down: at once -----------------------------------------------
ip -n "$SRV" link set s0 up
ip -n "$CLI" link set c0 down
t0=$(now_ms)
run_ipcfg /renew c0 /timeout:30
ms=$(($(now_ms) - t0))
assert_exit 2 "/renew c0 with c0 down"
assert_contains "$ERR" "$MEDIA" "c0 down: the line"
assert_took "$ms" 1000 "c0 down (no wait)"
finish
