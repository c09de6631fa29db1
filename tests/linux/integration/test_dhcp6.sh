#!/usr/bin/env bash
# /renew6 and /release6 end to end against dnsmasq in DHCPv6 mode on a veth
# pair (dhcp6_lib.sh):
#   unprivileged: exit 4 before anything is sent or made;
#   obtain (Solicit, Advertise, Request, Reply): the IA_NA address as a /128
#   without a prefix route, its lifetimes the kernel's, marked ipcfg's; the
#   lease file, the host's DUID file, the server's lease for our DUID/IAID;
#   /all (IPv6 Address, DHCPv6 IAID and Client DUID in Windows' form, DNS
#   server, search list) and /json (lease6);
#   renew (one Renew, the same address, the same DUID);
#   /renew and /renew6 on one interface at once: both leases, and
#   /release6 leaves the DHCPv4 lease alone;
#   /registerdns renews both leases of c0 in one run (a DHCPv4 REQUEST,
#   a DHCPv6 Renew), the Renew not held up by a silent DHCPv4 server;
#   with only the DHCPv4 lease, no DHCPv6 message; with only the DHCPv6
#   lease (no DHCPv4 record), no DHCPv4 message;
#   release (the address gone, the Release seen by the server, the record
#   released), release again (2), /renew6 with no adapter after it (2);
#   duplicate address detection on, another host holding the address:
#   Decline, the address removed, exit 7; with the address free: bound,
#   recorded only once the detection has passed.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"
source "$(dirname "$0")/dhcp6_lib.sh"

dhcp6_net
dnsmasq6_start one range --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600
sniff6_start srv "$SRV" s0
sniff_start v4 "$SRV" s0
idx=$(ifindex c0)
L6=$IPCFG_STATE_DIR/c0.lease6
# v4_types: the DHCPv4 message types seen on s0 since v4_clear, on one line
v4_types() { grep -v '^ready$' "$DHCP_TMP/v4.pkts" | awk '{ printf "%s%s", sep, $1; sep = " " } END { print "" }'; }
v4_clear() { : >"$DHCP_TMP/v4.pkts"; }

# ---- unprivileged: exit 4, nothing sent, nothing made -------------------------
run_ipcfg_nobody /renew6 c0
assert_exit 4 "/renew6 as nobody"
assert_contains "$ERR" "requires elevation" "/renew6 as nobody: says why"
run_ipcfg_nobody /release6 c0
assert_exit 4 "/release6 as nobody"
sleep 0.2
assert_eq "" "$(sniff6_types srv)" "nothing was sent by the unprivileged runs"
[[ ! -e $IPCFG_STATE_DIR ]] && _pass || _fail "the unprivileged runs made the state directory"

# ---- obtain -------------------------------------------------------------------
run_ipcfg /renew6 c0
assert_exit 0 "/renew6 c0 (obtain)"
assert_eq "SOLICIT ADVERTISE REQUEST REPLY" "$(sniff6_types srv)" "obtain: Solicit, Advertise, Request, Reply"
read -r a6 valid pref <<<"$(v6 "$CLI" c0)"
[[ $a6 =~ ^2001:db8:77::1[0-9a-f]{2}/128$ ]] && _pass || _fail "obtain: a /128 of the range" "$a6"
addr=${a6%/*}
((valid > 590 && valid <= 600 && pref > 590 && pref <= 600)) && _pass ||
    _fail "obtain: the IA address's lifetimes (600 s) in the kernel" "valid $valid preferred $pref"
assert_eq "" "$(v6_routes "$CLI")" "obtain: no prefix route (a /128 without IFA_F_NOPREFIXROUTE's route)"
flags=$(ip -n "$CLI" -j -6 addr show dev c0 | jq -r --arg a "$addr" '.[0].addr_info[] | select(.local == $a) | .noprefixroute // false')
assert_eq true "$flags" "obtain: the address carries noprefixroute"
assert_contains "$(ip netns exec "$CLI" python3 "$LIB_DIR/dhcp_ifaproto.py" "$idx" 6)" "$addr/128 105" \
    "obtain: the address is marked ipcfg's (IFA_PROTO 105)"
assert_eq bound "$(lease6_key "$L6" state)" "obtain: the lease file"
assert_eq "$addr 600 600" "$(lease6_key "$L6" address)" "obtain: the lease file's address"
assert_eq "$DNS6" "$(lease6_key "$L6" dns)" "obtain: DNS server (option 23) recorded"
assert_eq "$DOMAIN6" "$(lease6_key "$L6" domain)" "obtain: search list (option 24) recorded"
duid=$(awk '$1 == "duid" { print $2 }' "$IPCFG_STATE_DIR/dhcp6.duid")
[[ $duid =~ ^00010001[0-9a-f]{8}[0-9a-f]{12}$ ]] && _pass || _fail "the host's DUID file: a DUID-LLT" "$duid"
assert_eq "$duid" "$(lease6_key "$L6" client-duid)" "the lease was obtained with the host's DUID"
iaid=$(lease6_key "$L6" iaid)
srv_duid=$(sed 's/:/-/g' <<<"$(dnsmasq6_leases one | awk '{ print $3 }')")
assert_eq "$addr $iaid" "$(dnsmasq6_leases one | awk '{ print $1, $2 }')" "the server holds the lease for our IAID"
assert_eq "$(sed 's/../&-/g; s/-$//' <<<"$duid")" "$srv_duid" "... and our DUID"
assert_eq "No resolver manager (systemd-resolved, resolvconf) runs here: the lease's DNS servers ($DNS6) are not in use, and /etc/resolv.conf was left as it is."$'\n' \
    "$ERR" "obtain: only the resolver note on stderr"

run_ipcfg /all
assert_exit 0 "/all"
blk=$(adapter_block "$OUT" "Ethernet adapter c0:")
assert_line "$blk" "$(field "IPv6 Address" "$addr(Preferred) ")" "/all: the DHCPv6 address"
assert_line "$blk" "$(field "DHCPv6 IAID" "$iaid")" "/all: DHCPv6 IAID"
wduid=$(sed 's/../&-/g; s/-$//' <<<"$duid" | tr a-f A-F)
assert_line "$blk" "$(field "DHCPv6 Client DUID" "$wduid")" "/all: DHCPv6 Client DUID in Windows' form"
assert_line "$blk" "$(field "DNS Servers" "$DNS6")" "/all: the DHCPv6 DNS server"
assert_contains "$blk" "$DOMAIN6" "/all: the DHCPv6 search list"
run_ipcfg /all /json
assert_exit 0 "/all /json"
assert_json "$OUT" "[.adapters[] | select(.name == \"c0\") | .lease6 | .state, .addresses[0].address, .dns_servers[0], .domain_search_list[0], .iaid]" \
    "[\"bound\",\"$addr\",\"$DNS6\",\"$DOMAIN6\",$iaid]" "/json: the DHCPv6 lease"

# ---- renew: the same address, one Renew ----------------------------------------
sniff6_clear srv
run_ipcfg /renew6 c0
assert_exit 0 "/renew6 c0 (renew)"
assert_eq "RENEW REPLY" "$(sniff6_types srv)" "renew: one Renew, its Reply"
assert_eq "$addr/128" "$(v6_addrs "$CLI" c0)" "renew: the same address, and only it"
assert_eq "$duid" "$(awk '$1 == "duid" { print $2 }' "$IPCFG_STATE_DIR/dhcp6.duid")" "renew: the DUID kept"
assert_eq "$iaid" "$(lease6_key "$L6" iaid)" "renew: the IAID stable"

# ---- /renew and /renew6 on one interface at once -------------------------------
run_captured "renew and renew6" bash -c "ip netns exec '$CLI' '$IPCFG' /renew c0 >'$DHCP_TMP/r4.out' 2>&1 & p=\$!
    ip netns exec '$CLI' '$IPCFG' /renew6 c0 >'$DHCP_TMP/r6.out' 2>&1; r6=\$?; wait \$p; r4=\$?; echo \"\$r4 \$r6\""
assert_eq "0 0" "${OUT%$'\n'}" "/renew and /renew6 together: both succeed"
v4a=$(v4_addrs "$CLI" c0)
[[ $v4a =~ ^10\.77\.0\.5[0-9]/24$ ]] && _pass || _fail "together: the DHCPv4 address" "$v4a"
assert_eq "$addr/128" "$(v6_addrs "$CLI" c0)" "together: the DHCPv6 address"
[[ -f $IPCFG_STATE_DIR/c0.lease && -f $L6 ]] && _pass || _fail "together: both lease files"

# ---- /registerdns: both leases of c0 renewed in one run ---------------------------
sniff6_clear srv
v4_clear
run_ipcfg /registerdns /timeout:10
assert_exit 0 "/registerdns (c0 holds a DHCPv4 and a DHCPv6 lease)"
assert_contains "$OUT" "Registration of the DNS resource records for all adapters of this computer has been initiated." \
    "/registerdns: ipconfig's line"
wait_for 2 grep -q "^ACK" "$DHCP_TMP/v4.pkts" || true
assert_eq "REQUEST ACK" "$(v4_types)" "/registerdns: a DHCPv4 REQUEST, its ACK"
assert_eq "RENEW REPLY" "$(sniff6_types srv)" "/registerdns: a DHCPv6 Renew, its Reply"
assert_eq "$v4a" "$(v4_addrs "$CLI" c0)" "/registerdns: the same DHCPv4 address"
assert_eq "$addr/128" "$(v6_addrs "$CLI" c0)" "/registerdns: the same DHCPv6 address"
assert_eq bound "$(lease6_key "$L6" state)" "/registerdns: the DHCPv6 record still bound"

# the DHCPv4 server silent (the same server, its DUID and leases kept, now
# without DHCPv4): the DHCPv6 Renew is not held up behind the DHCPv4 job
# of the same interface; the DHCPv4 timeout is the adapter's result (5)
dnsmasq_stop "$DNSMASQ_PID"
dnsmasq6_start one range
sniff6_clear srv
obtained=$(lease6_key "$L6" obtained)
sleep 1.1 # a Reply one second later: a later "obtained"
t0=$(now_ms)
run_ipcfg /registerdns /timeout:3
ms=$(($(now_ms) - t0))
assert_exit 5 "/registerdns, no DHCPv4 server: the DHCPv4 timeout"
assert_contains "$ERR" "An error occurred while renewing interface c0 : unable to contact your DHCP server" \
    "/registerdns, no DHCPv4 server: the timeout line"
assert_eq "RENEW REPLY" "$(sniff6_types srv)" "/registerdns, no DHCPv4 server: the DHCPv6 lease still renewed"
(($(lease6_key "$L6" obtained) > obtained)) && _pass || _fail "/registerdns, no DHCPv4 server: the DHCPv6 record renewed"
assert_took "$ms" 4500 "/registerdns, no DHCPv4 server: bounded by /timeout:3"
dnsmasq_stop "$DNSMASQ_PID"
dnsmasq6_start one range --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600

# ---- release ---------------------------------------------------------------------
sniff6_clear srv
run_ipcfg /release6 c0
assert_exit 0 "/release6 c0"
assert_eq "" "$(v6_addrs "$CLI" c0)" "release: the address is gone"
assert_eq "RELEASE REPLY" "$(sniff6_types srv)" "release: Release, the server's Reply"
assert_contains "$(cat "$DHCP_TMP/one.log")" "DHCPRELEASE(s0)" "release: the server's log"
assert_eq released "$(lease6_key "$L6" state)" "release: the record says released"
assert_eq "$v4a" "$(v4_addrs "$CLI" c0)" "/release6 leaves the DHCPv4 lease alone"
run_ipcfg /release6 c0
assert_exit 2 "/release6 c0 again (nothing held)"
run_ipcfg /renew6
assert_exit 2 "/renew6 without an adapter: no interface holds a DHCPv6 lease"
sniff6_clear srv
v4_clear
run_ipcfg /registerdns /timeout:10
assert_exit 0 "/registerdns (c0 holds only its DHCPv4 lease)"
wait_for 2 grep -q "^ACK" "$DHCP_TMP/v4.pkts" || true
assert_eq "REQUEST ACK" "$(v4_types)" "/registerdns, DHCPv4 lease only: the REQUEST, its ACK"
sleep 0.3
assert_eq "" "$(sniff6_types srv)" "/registerdns, DHCPv4 lease only: no DHCPv6 message"
run_ipcfg /release c0
assert_exit 0 "/release c0 (the DHCPv4 lease)"

# ---- duplicate address detection fails: Decline, exit 7 ------------------------------
# DAD on for c0; another host on the link (the server side) holds the
# address the server gives us again
dhcp6_dad_on "$CLI" c0
dhcp6_claim "$addr"
sniff6_clear srv
run_ipcfg /renew6 c0
assert_exit 7 "/renew6 c0: the address is in use on the link"
assert_one_line "$ERR" "DAD failure: one line on stderr"
assert_eq "SOLICIT ADVERTISE REQUEST REPLY DECLINE REPLY" "$(sniff6_types srv)" "DAD failure: the address declined"
assert_contains "$(cat "$DHCP_TMP/one.log")" "DHCPDECLINE(s0)" "DAD failure: the server's log"
assert_eq "" "$(v6_addrs "$CLI" c0)" "DAD failure: the address is not left on the interface"
[[ $(lease6_key "$L6" state) != bound ]] && _pass || _fail "DAD failure: no bound record" "$(cat "$L6")"
ip -n "$SRV" addr del "$addr/128" dev s0

# ---- duplicate address detection passes: bound once it has -------------------------
run_ipcfg /renew6 c0
assert_exit 0 "/renew6 c0 with DAD on, the address free"
a2=$(v6_addrs "$CLI" c0)
[[ $a2 =~ ^2001:db8:77::[0-9a-f]+/128$ ]] && _pass || _fail "DAD passed: the address installed" "$a2"
assert_eq ok "$(dhcp6_addr_state "$CLI" c0 "${a2%/*}")" "DAD passed: no longer tentative when /renew6 returned"
assert_eq bound "$(lease6_key "$L6" state)" "DAD passed: recorded bound"

# ---- /registerdns with only a DHCPv6 lease: its Renew, no DHCPv4 message ---------
# no DHCPv4 record at all: c0 is no DHCPv4 adapter, only its DHCPv6 lease is renewed
rm -f "$IPCFG_STATE_DIR/c0.lease"
sniff6_clear srv
v4_clear
run_ipcfg /registerdns /timeout:10
assert_exit 0 "/registerdns (c0 holds only a DHCPv6 lease)"
assert_eq "RENEW REPLY" "$(sniff6_types srv)" "/registerdns, DHCPv6 lease only: a Renew, its Reply"
sleep 0.3
assert_eq "" "$(v4_types)" "/registerdns, DHCPv6 lease only: no DHCPv4 message"
assert_eq "$a2" "$(v6_addrs "$CLI" c0)" "/registerdns, DHCPv6 lease only: the same address"
finish
