#!/usr/bin/env bash
# /renew when things go wrong, against dnsmasq:
#   the server stopped: exit 5 within /timeout plus one second, the lease and
#   the address kept; several interfaces at once, one of them with no server:
#   the others bound, exit 5, within /timeout plus one second; link down and
#   carrier lost: exit 2; a NAK (the server restarted, authoritative, with
#   another range): old address removed, a new one bound, exit 0; a NAK with
#   no answer after it: exit 5, the NAKed address removed.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"

dhcp_net
# Two more links to the server namespace: c1/s1 and c2/s2, served; s0 stays silent later.
for k in 1 2; do
    ip link add "c$k" netns "$CLI" type veth peer name "s$k" netns "$SRV" || fatal "veth $k"
    ip -n "$CLI" link set "c$k" up && ip -n "$SRV" link set "s$k" up || fatal "up $k"
    ip -n "$SRV" addr add "10.77.$k.1/24" dev "s$k" || fatal "addr $k"
done
dnsmasq_start a "$SRV" s0 --dhcp-authoritative --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600 \
    --dhcp-option=option:router,10.77.0.1
PID_A=$DNSMASQ_PID

run_ipcfg /renew c0
assert_exit 0 "/renew c0 (obtain)"
addr=$(v4_addrs "$CLI" c0)
lease_before=$(cat "$IPCFG_STATE_DIR/c0.lease")

# ---- the server stopped ------------------------------------------------------
dnsmasq_stop "$PID_A"
t0=$(now_ms)
run_ipcfg /renew c0 /timeout:2
ms=$(($(now_ms) - t0))
assert_exit 5 "/renew c0 with the server stopped"
assert_contains "$ERR" "An error occurred while renewing interface c0 : unable to contact your DHCP server. Request has timed out." "timeout line"
((ms >= 1900)) && _pass || _fail "took $ms ms (timeout 2 s)"
assert_took "$ms" 3000 "/renew c0 (timeout 2 s, at most 1 s more)"
assert_eq "$addr" "$(v4_addrs "$CLI" c0)" "address kept after a timed-out renew"
assert_eq "$lease_before" "$(cat "$IPCFG_STATE_DIR/c0.lease")" "lease kept after a timed-out renew"

# ---- several interfaces, one silent -------------------------------------------
dnsmasq_start b "$SRV" s1 --interface=s2 --dhcp-range=10.77.1.50,10.77.1.59,255.255.255.0,600 \
    --dhcp-range=10.77.2.50,10.77.2.59,255.255.255.0,600
t0=$(now_ms)
run_ipcfg /renew "c*" /timeout:2
ms=$(($(now_ms) - t0))
assert_exit 5 "/renew c* with c0's server silent: the first failure (c0)"
((ms >= 1900)) && _pass || _fail "three interfaces took $ms ms (timeout 2 s)"
assert_took "$ms" 3000 "three interfaces (timeout 2 s, at most 1 s more)"
[[ $(v4_addrs "$CLI" c1) == 10.77.1.5?/24 ]] && _pass || _fail "c1 bound meanwhile: $(v4_addrs "$CLI" c1)"
[[ $(v4_addrs "$CLI" c2) == 10.77.2.5?/24 ]] && _pass || _fail "c2 bound meanwhile: $(v4_addrs "$CLI" c2)"
assert_one_line "$ERR" "one failure line (c0)"
assert_contains "$OUT" "Ethernet adapter c1:" "c1's block printed"

# ---- link down, carrier lost ----------------------------------------------------
ip -n "$CLI" link set c1 down
run_ipcfg /renew c1 /timeout:2
assert_exit 2 "/renew c1 with c1 down"
assert_contains "$ERR" "media disconnected" "link down: the contract's line"
ip -n "$CLI" link set c1 up
ip -n "$SRV" link set s2 down
wait_for 3 bash -c "ip -n $CLI link show c2 | grep -q NO-CARRIER" || fatal "c2 kept its carrier"
run_ipcfg /renew c2 /timeout:2
assert_exit 2 "/renew c2 without carrier"
ip -n "$SRV" link set s2 up

# ---- a NAK, then a new lease ------------------------------------------------------
dnsmasq_start a2 "$SRV" s0 --dhcp-authoritative --dhcp-range=10.77.0.100,10.77.0.109,255.255.255.0,600 \
    --dhcp-option=option:router,10.77.0.1
PID_A2=$DNSMASQ_PID
run_ipcfg /renew c0 /timeout:5
assert_exit 0 "/renew c0 after the server changed its range (NAK, then INIT)"
grep -q "DHCPNAK" "$DHCP_TMP/a2.log" && _pass || _fail "the server sent a NAK" "$(grep DHCP "$DHCP_TMP/a2.log")"
new=$(v4_addrs "$CLI" c0)
[[ $new == 10.77.0.10?/24 ]] && _pass || _fail "a new address from the new range: '$new'"
assert_contains "$(cat "$IPCFG_STATE_DIR/c0.lease")" "address ${new}" "the record holds the new lease"
assert_eq "10.77.0.1" "$(default_routes "$CLI" | awk '$2 == "c0" { print $1 }')" "one default route on c0 after the NAK"

# ---- a NAK and then silence ----------------------------------------------------------
dnsmasq_stop "$PID_A2"
# Static-only: every REQUEST for a dynamic address is NAKed, no DISCOVER answered.
dnsmasq_start a3 "$SRV" s0 --dhcp-authoritative --dhcp-range=10.77.0.0,static
t0=$(now_ms)
run_ipcfg /renew c0 /timeout:2
ms=$(($(now_ms) - t0))
assert_exit 5 "/renew c0: NAK and no answer after it"
grep -q "DHCPNAK" "$DHCP_TMP/a3.log" && _pass || _fail "the static-only server NAKed" "$(grep DHCP "$DHCP_TMP/a3.log")"
assert_eq "" "$(v4_addrs "$CLI" c0)" "the NAKed address is removed"
assert_eq "" "$(default_routes "$CLI" | awk '$2 == "c0"')" "and its route"
assert_took "$ms" 3000 "NAK and no answer after it (timeout 2 s)"
run_ipcfg /all
assert_line "$(adapter_block "$OUT" "Ethernet adapter c0:")" "$(field "DHCP Enabled" "Yes")" "c0 stays DHCP-enabled after the NAK"

finish
