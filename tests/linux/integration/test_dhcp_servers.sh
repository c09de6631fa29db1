#!/usr/bin/env bash
# Several machines on one link (a bridge in the server namespace):
#   two DHCP servers: /renew goes (unicast) to the one that issued the
#   lease, and the other one hears nothing of it;
#   an address conflict: a third namespace already holds the address that
#   dnsmasq offers (--no-ping): the client's ARP probe finds it, DECLINEs,
#   and binds another address.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"

dhcp_bridge_net
dhcp_join s2 e2
S2=$JOINED
ip -n "$S2" addr add 10.77.0.2/24 dev e2 || fatal "second server address"
mac=$(ip -n "$CLI" -j link show dev c0 | jq -r '.[0].address')

# ---- two servers -------------------------------------------------------------
dnsmasq_start one "$SRV" br0 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600
PID1=$DNSMASQ_PID
dnsmasq_start two "$S2" e2 --dhcp-range=10.77.0.150,10.77.0.159,255.255.255.0,600
PID2=$DNSMASQ_PID
sniff_start cli "$CLI" c0
run_ipcfg /renew c0
assert_exit 0 "/renew c0 with two servers"
server=$(awk '$1 == "server" { print $2 }' "$IPCFG_STATE_DIR/c0.lease")
[[ $server == 10.77.0.1 || $server == 10.77.0.2 ]] && _pass || _fail "the lease names its server: '$server'"
other=10.77.0.1 other_tag=one issuer_tag=two
[[ $server == 10.77.0.1 ]] && other=10.77.0.2 other_tag=two issuer_tag=one
ip4=$(awk '$1 == "address" { print $2 }' "$IPCFG_STATE_DIR/c0.lease")
ip4=${ip4%/*}
: >"$DHCP_TMP/cli.pkts"
: >"$DHCP_TMP/$other_tag.log.mark"
other_before=$(grep -c "DHCPREQUEST" "$DHCP_TMP/$other_tag.log")
issuer_before=$(grep -c "DHCPREQUEST" "$DHCP_TMP/$issuer_tag.log")
run_ipcfg /renew c0
assert_exit 0 "/renew c0 (renew with two servers)"
wait_for 2 grep -q "^ACK" "$DHCP_TMP/cli.pkts" || true
assert_eq "REQUEST $ip4 $server ciaddr=$ip4" "$(grep '^REQUEST' "$DHCP_TMP/cli.pkts" | cut -d' ' -f1-4)" \
    "the renewing REQUEST goes to the issuing server only"
assert_contains "$(grep '^ACK' "$DHCP_TMP/cli.pkts")" "server=$server" "the issuing server ACKs"
assert_eq "$((issuer_before + 1))" "$(grep -c "DHCPREQUEST" "$DHCP_TMP/$issuer_tag.log")" "the issuer logged the REQUEST"
assert_eq "$other_before" "$(grep -c "DHCPREQUEST" "$DHCP_TMP/$other_tag.log")" "the other server ($other) heard nothing"
run_ipcfg /release c0
assert_exit 0 "/release c0"
dnsmasq_stop "$PID1"
dnsmasq_stop "$PID2"

# ---- an address conflict ---------------------------------------------------------
dhcp_join holder h0
H=$JOINED
ip -n "$H" addr add 10.77.0.70/24 dev h0 || fatal "holder address"
# The client's fixed address is the one in use; the range has one free address.
dnsmasq_start three "$SRV" br0 --dhcp-host="$mac,10.77.0.70" --dhcp-range=10.77.0.71,10.77.0.71,255.255.255.0,600
run_ipcfg /renew c0 /timeout:10
assert_exit 0 "/renew c0 when the offered address is in use"
assert_eq "10.77.0.71/24" "$(v4_addrs "$CLI" c0)" "the other address is bound"
grep -q "DHCPDECLINE.*10.77.0.70" "$DHCP_TMP/three.log" && _pass || _fail "the client DECLINEd 10.77.0.70" "$(grep DHCP "$DHCP_TMP/three.log")"
assert_eq "10.77.0.70/24" "$(v4_addrs "$H" h0)" "the holder keeps its address"

finish
