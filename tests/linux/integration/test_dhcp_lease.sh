#!/usr/bin/env bash
# /renew and /release end to end against dnsmasq on a veth pair:
#   obtain on a fresh interface (address, mask, lifetimes, default route as
#   ip(8) reports them; /all and the JSON lease object); renew (same address,
#   lifetime extended, REQUEST unicast with ciaddr set); release (address and
#   route gone, RELEASE reached the server); release again (exit 2); renew
#   after release (a fresh DISCOVER); a corrupt lease file (one line on
#   stderr, treated as no lease); an unprivileged run (exit 4, nothing
#   changed, nothing sent).
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"

dhcp_net
dnsmasq_start srv "$SRV" s0 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600 \
    --dhcp-option=option:router,10.77.0.1 --dhcp-option=option:dns-server,10.77.0.1,10.77.0.2 \
    --dhcp-option=option:domain-name,example.test
sniff_start srv "$SRV" s0
LEASES=$DHCP_TMP/srv.leases PKTS=$DHCP_TMP/srv.pkts
idx=$(ifindex c0)

# ---- unprivileged, before anything exists: exit 4, nothing sent ----------
run_ipcfg_nobody /renew c0
assert_exit 4 "/renew as nobody"
assert_contains "$ERR" "requires elevation" "/renew as nobody: says why"
run_ipcfg_nobody /renew
assert_exit 4 "/renew (no adapter) as nobody: privilege first, before the selection (docs/contract.md)"
sleep 0.2
assert_eq "ready" "$(cat "$PKTS")" "nothing was sent by the unprivileged runs"
assert_eq "" "$(grep -E 'DHCP(DISCOVER|REQUEST|RELEASE|DECLINE)' "$DHCP_TMP/srv.log")" "dnsmasq's log got nothing"
assert_eq "" "$(v4_addrs "$CLI" c0)" "no address after the unprivileged runs"
[[ ! -e $IPCFG_STATE_DIR ]] && _pass || _fail "the unprivileged run created the state directory"

# ---- obtain ---------------------------------------------------------------
run_ipcfg /renew c0
assert_exit 0 "/renew c0 (obtain)"
# no systemd-resolved nor resolvconf in the test namespace: one line says
# where the lease's DNS servers went (nowhere), and that is all
assert_eq "No resolver manager (systemd-resolved, resolvconf) runs here: the lease's DNS servers (10.77.0.1, 10.77.0.2) are not in use, and /etc/resolv.conf was left as it is."$'\n' "$ERR" "/renew c0: only the resolver note on stderr"
addr=$(v4_addrs "$CLI" c0)
[[ $addr =~ ^10\.77\.0\.5[0-9]/24$ ]] && _pass || _fail "a leased address from the range: '$addr'"
ip4=${addr%/*}
read -r _ valid pref <<<"$(v4 "$CLI" c0)"
((valid > 590 && valid <= 600 && pref > 590 && pref <= 600)) && _pass ||
    _fail "lifetimes from the lease (600 s): valid $valid preferred $pref"
assert_eq "10.77.0.1 c0 $((1024 + idx)) 105" "$(default_routes "$CLI")" "default route: the lease's router, metric 1024+ifindex, protocol 105"
assert_eq "$addr 105" "$(ip netns exec "$CLI" python3 "$LIB_DIR/dhcp_ifaproto.py" "$idx")" "the address is marked IFA_PROTO 105 (ipcfg's)"
assert_line "$OUT" "$(field "IPv4 Address" "$ip4")" "/renew prints the resulting brief block"
assert_line "$OUT" "$(field "Default Gateway" "10.77.0.1")" "/renew: gateway in the block"
assert_contains "$(cat "$PKTS")" "DISCOVER 0.0.0.0 255.255.255.255" "obtain: broadcast DISCOVER"
assert_contains "$(cat "$LEASES")" " $ip4 " "dnsmasq holds the lease"
[[ -f $IPCFG_STATE_DIR/c0.lease ]] && _pass || _fail "lease file written"
assert_eq "755" "$(stat -c %a "$IPCFG_STATE_DIR")" "state directory created 0755"

run_ipcfg /all
assert_exit 0 "/all"
blk=$(adapter_block "$OUT" "Ethernet adapter c0:")
assert_line "$blk" "$(field "DHCP Enabled" "Yes")" "/all: DHCP Enabled Yes"
assert_line "$blk" "$(field "DHCP Server" "10.77.0.1")" "/all: DHCP Server"
assert_line "$blk" "$(field "DNS Servers" "10.77.0.1")" "/all: first DNS server"
assert_line "$blk" "$(cont "10.77.0.2")" "/all: second DNS server"
assert_line "$blk" "$(field "Connection-specific DNS Suffix" "example.test")" "/all: suffix (option 15)"
assert_contains "$blk" "   Lease Obtained. . . . . . . . . . : " "/all: Lease Obtained"
assert_contains "$blk" "   Lease Expires . . . . . . . . . . : " "/all: Lease Expires"
assert_layout "$OUT" "/all with a lease"
run_ipcfg /all /json
assert_json "$OUT" '.adapters[] | select(.name=="c0") | [.dhcp_enabled, .dhcp_server, .dns_servers, .dns_suffix]' \
    '[true,"10.77.0.1",["10.77.0.1","10.77.0.2"],"example.test"]' "/all /json: DHCP facts"
assert_json "$OUT" '.adapters[] | select(.name=="c0") | .lease | (.expires_unix - .obtained_unix)' '600' \
    "/all /json: lease object spans the lease time"

# ---- renew ----------------------------------------------------------------
sleep 1.1 # so that the lifetime visibly restarts
: >"$PKTS"
run_ipcfg /renew c0
assert_exit 0 "/renew c0 (renew a bound lease)"
assert_eq "$ip4/24" "$(v4_addrs "$CLI" c0)" "renew keeps the address"
read -r _ valid pref <<<"$(v4 "$CLI" c0)"
((valid >= 599)) && _pass || _fail "renew restarts the lifetime: valid $valid"
assert_eq "REQUEST $ip4 10.77.0.1 ciaddr=$ip4 yiaddr=0.0.0.0 server=-" "$(grep '^REQUEST' "$PKTS")" \
    "renew: REQUEST unicast to the server, from and with ciaddr set"
wait_for 2 grep -q "^ACK .* yiaddr=$ip4" "$PKTS" && _pass || _fail "renew: the server ACKed" "$(cat "$PKTS")"
assert_eq "10.77.0.1 c0 $((1024 + idx)) 105" "$(default_routes "$CLI")" "renew: one default route"

run_ipcfg /renew
assert_exit 0 "/renew with no adapter includes the DHCP interface"
assert_contains "$OUT" "Ethernet adapter c0:" "/renew (all): c0 acted on"

# ---- the lease's own times choose the state (RFC 2131 4.4.5) ----------------
# shift_lease SECONDS: moves the recorded lease that far into the past.
shift_lease() {
    awk -v d="$1" '$1 == "obtained" || $1 == "expires" { $2 -= d } { print }' "$IPCFG_STATE_DIR/c0.lease" >"$DHCP_TMP/shifted" &&
        cat "$DHCP_TMP/shifted" >"$IPCFG_STATE_DIR/c0.lease"
}
shift_lease 560 # past T2 (525 s of 600), before the expiry: REBINDING
: >"$PKTS"
run_ipcfg /renew c0
assert_exit 0 "/renew c0 past T2 (REBINDING)"
assert_eq "REQUEST $ip4 255.255.255.255 ciaddr=$ip4" "$(grep '^REQUEST' "$PKTS" | cut -d' ' -f1-4)" \
    "past T2: REQUEST broadcast, from and with ciaddr set"
assert_eq "$ip4/24" "$(v4_addrs "$CLI" c0)" "rebinding keeps the address"
ip -n "$CLI" addr del "$ip4/24" dev c0
: >"$PKTS"
run_ipcfg /renew c0
assert_exit 0 "/renew c0 with the lease's address gone (INIT-REBOOT)"
assert_eq "REQUEST 0.0.0.0 255.255.255.255 ciaddr=0.0.0.0" "$(grep '^REQUEST' "$PKTS" | cut -d' ' -f1-4)" \
    "address gone: broadcast REQUEST from 0.0.0.0 (INIT-REBOOT)"
assert_not_contains "$(cat "$PKTS")" "DISCOVER" "INIT-REBOOT sends no DISCOVER"
assert_eq "$ip4/24" "$(v4_addrs "$CLI" c0)" "the address is back"
assert_eq "10.77.0.1 c0 $((1024 + idx)) 105" "$(default_routes "$CLI")" "and the route"
shift_lease 700 # expired
: >"$PKTS"
run_ipcfg /renew c0
assert_exit 0 "/renew c0 of an expired lease (INIT)"
assert_prefix "$(head -n 1 "$PKTS")" "DISCOVER 0.0.0.0 255.255.255.255" "expired: DISCOVER first"
ip4=$(v4_addrs "$CLI" c0)
ip4=${ip4%/*}

# ---- unprivileged with a lease: exit 4, nothing changed -------------------
before=$(cat "$IPCFG_STATE_DIR/c0.lease")
sleep 0.2 # the last exchange fully logged
logged=$(grep -c 'DHCP' "$DHCP_TMP/srv.log")
: >"$PKTS"
run_ipcfg_nobody /release c0
assert_exit 4 "/release as nobody"
run_ipcfg_nobody /renew
assert_exit 4 "/renew (all) as nobody"
sleep 0.2
assert_eq "" "$(cat "$PKTS")" "nothing sent by the unprivileged runs"
assert_eq "$logged" "$(grep -c 'DHCP' "$DHCP_TMP/srv.log")" "dnsmasq's log got nothing new"
assert_eq "$before" "$(cat "$IPCFG_STATE_DIR/c0.lease")" "lease file unchanged"
assert_eq "$ip4/24" "$(v4_addrs "$CLI" c0)" "address unchanged"

# ---- release --------------------------------------------------------------
: >"$PKTS"
run_ipcfg /release c0
assert_exit 0 "/release c0"
assert_eq "" "$(v4_addrs "$CLI" c0)" "release removes the address"
assert_eq "" "$(default_routes "$CLI")" "release removes the default route"
assert_contains "$(cat "$PKTS")" "RELEASE $ip4 10.77.0.1 ciaddr=$ip4" "RELEASE unicast to the server"
wait_for 3 bash -c "! grep -q ' $ip4 ' '$LEASES'" && _pass || _fail "dnsmasq no longer holds the lease" "$(cat "$LEASES")"
assert_contains "$(cat "$IPCFG_STATE_DIR/c0.lease")" "state released" "the record says released"
run_ipcfg /all
blk=$(adapter_block "$OUT" "Ethernet adapter c0:")
assert_line "$blk" "$(field "DHCP Enabled" "Yes")" "/all after release: still DHCP Enabled"
assert_not_contains "$blk" "IPv4 Address" "/all after release: no address"
assert_not_contains "$blk" "Lease Obtained" "/all after release: no lease times"
run_ipcfg /release c0
assert_exit 2 "/release again"

# ---- renew after release: INIT, a fresh DISCOVER --------------------------
: >"$PKTS"
run_ipcfg /renew
assert_exit 0 "/renew (all) after release includes the released interface"
assert_contains "$(head -n 1 "$PKTS")" "DISCOVER 0.0.0.0 255.255.255.255 ciaddr=0.0.0.0" "after release: DISCOVER first"
[[ -n $(v4_addrs "$CLI" c0) ]] && _pass || _fail "an address again after renew"

# ---- a corrupt lease file --------------------------------------------------
head -c 40 "$IPCFG_STATE_DIR/c0.lease" >"$DHCP_TMP/cut" && cat "$DHCP_TMP/cut" >"$IPCFG_STATE_DIR/c0.lease"
run_ipcfg /all
assert_exit 0 "/all with a truncated lease file"
blk=$(adapter_block "$OUT" "Ethernet adapter c0:")
assert_line "$blk" "$(field "DHCP Enabled" "No")" "/all: a corrupt file is no lease"
run_ipcfg /renew c0
assert_exit 0 "/renew c0 with a truncated lease file"
assert_one_line "$ERR" "/renew with a corrupt lease file: one line on stderr"
assert_contains "$ERR" "c0.lease" "the line names the file"
assert_contains "$(cat "$IPCFG_STATE_DIR/c0.lease")" "state bound" "the file is replaced by a good record"
printf '\x00\xff garbage\n' >"$IPCFG_STATE_DIR/c0.lease"
run_ipcfg /release c0
assert_exit 2 "/release c0 with a garbage lease file: not DHCP-enabled"

# ---- ipcfg's own address whose lease file is gone: replaced, not kept ------
# The address stays marked as ipcfg's (IFA_PROTO) with nothing recording it;
# a server that now gives another address: the stale one goes first.
rm -f "$IPCFG_STATE_DIR/c0.lease"
stale=$(v4_addrs "$CLI" c0)
[[ $stale == 10.77.0.5?/24 ]] && _pass || _fail "the stale address is there before: '$stale'"
dnsmasq_stop "$DNSMASQ_PID"
dnsmasq_start srv2 "$SRV" s0 --dhcp-range=10.77.0.100,10.77.0.109,255.255.255.0,600 \
    --dhcp-option=option:router,10.77.0.1
run_ipcfg /renew c0
assert_exit 0 "/renew c0 with ipcfg's address but no lease file"
now=$(v4_addrs "$CLI" c0)
[[ $now == 10.77.0.10?/24 ]] && _pass || _fail "only the new address on c0: '$now'"
assert_contains "$(ip -n "$CLI" -4 route show default)" "default via 10.77.0.1 dev c0 proto 105" \
    "the default route of the new lease"

finish
