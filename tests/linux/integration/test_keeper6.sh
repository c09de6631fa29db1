#!/usr/bin/env bash
# The keeper keeps the DHCPv6 lease as it keeps the DHCPv4 one: /renew6
# starts it (or tells the one running), it Renews at T1 to the lease's
# server and the lease's DNS server and search list stay with openresolv;
# /release6 stops only the DHCPv6 part (the DHCPv4 lease stays kept) and
# /release only the DHCPv4 part (the reverse); with neither left the
# keeper stops; the link back: a Confirm; a server gone silent: Rebind at
# T2, then the expiry takes the DHCPv6 lease's DNS back and a Solicit
# follows.
#
# The DHCPv6 server is the project's RFC 8415 test server
# (dhcp6_hostile.py, scenario "good"): dnsmasq gives no lease under two
# minutes, the keeper's times want seconds.  dnsmasq serves the DHCPv4
# lease.  The client side runs shut in (dhcp_lib.sh's jail_start: a
# private mount namespace with /etc and /run on scratch); the host's
# resolv.conf is checked unchanged at the end.
#
# SPDX-License-Identifier: MIT
export IPCFG_KEEPER=detached
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"
source "$(dirname "$0")/dhcp6_lib.sh"
unset IPCFG_PEER_ROOT # the real resolver manager, found where ipcfg looks on a host

HOST_BEFORE=$(host_resolver_state)
export IPCFG_KEEPER_LOG=$DHCP_TMP/keeper.log

dhcp6_net
dnsmasq_start v4 "$SRV" "$SRV_IF" --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600 \
    --dhcp-option=option:dns-server,10.77.0.1
hostile6_start
scen6 good lease:40:40:4:20 # valid 40 s, T1 4 s, T2 20 s
sniff6_start srv "$SRV" "$SRV_IF"
jail_start

kept6() {
    run_jail_ipcfg /all /json
    jq -r '.adapters[] | select(.name == "c0") | "\(.lease.kept // "-") \(.lease6.kept // "-") \(.lease6.keeper // "-")"' <<<"$OUT"
}
resolv() { in_jail cat /etc/resolv.conf; }
# seen MESSAGE CMD...: a check that CMD succeeds
seen() {
    local m=$1
    shift
    if "$@"; then _pass; else _fail "$m"; fi
}

# ---- /renew6: kept, renewed at T1, DNS stays ------------------------------------------
run_jail_ipcfg /renew6 c0
assert_exit 0 "/renew6 c0"
assert_eq 1 "$(nkeepers c0)" "/renew6 started a keeper"
assert_eq "- true ipcfg" "$(kept6)" "/json: lease6 kept by a detached keeper (no DHCPv4 lease)"
sniff6_clear srv
seen "the keeper sent a Renew at T1 (4 s)" sniff6_wait srv '^RENEW ' 10
seen "the server answered the Renew" sniff6_wait srv '^REPLY ' 5
assert_eq "" "$(sniff6 srv '^(SOLICIT|REBIND) ')" "a Renew, no Solicit or Rebind, before T2"
wait_for 5 grep -q 'DHCPv6 lease .* renewal in 4 s' "$IPCFG_KEEPER_LOG"
assert_contains "$(cat "$IPCFG_KEEPER_LOG")" "DHCPv6 lease 2001:db8:77::" "the keeper logged the renewed DHCPv6 lease"
assert_line "$(resolv)" "nameserver $DNS6" "resolv.conf (inside): the DHCPv6 server stays after the renewal"
assert_line "$(resolv)" "search $DOMAIN6" "resolv.conf (inside): the DHCPv6 search list stays"

# ---- /renew: the same keeper keeps both ---------------------------------------------------
K=$(keepers c0)
run_jail_ipcfg /renew c0
assert_exit 0 "/renew c0"
assert_eq "$K" "$(keepers c0)" "/renew told the running keeper (no second one)"
assert_eq "true true ipcfg" "$(kept6)" "/json: both leases kept"

# ---- carrier back: a Confirm, the address installed again ---------------------------
# (the kernel drops the IPv6 addresses of a link set down, keep_addr_on_down 0)
A6=$(v6_addrs "$CLI" c0 | head -n1 | cut -d/ -f1) # the lease's, c0's only global address
assert_contains "$A6" "2001:db8:77::" "the DHCPv6 lease's address is on c0"
sniff6_clear srv
ip -n "$CLI" link set c0 down
sleep 1
ip -n "$CLI" link set c0 up
seen "the link came back: the keeper sent a Confirm (RFC 8415 §18.2.3)" sniff6_wait srv '^CONFIRM ' 10
assert_eq "" "$(sniff6 srv '^SOLICIT ')" "a Confirm, no Solicit, for a lease still valid"
seen "the confirmed lease's address $A6 is on c0 again" dhcp6_wait_state "$CLI" c0 "$A6" ok 10
assert_eq "$K" "$(keepers c0)" "the same keeper after the link came back"

# ---- /release6: only the DHCPv6 part ----------------------------------------------------
run_jail_ipcfg /release6 c0
assert_exit 0 "/release6 c0"
assert_eq 1 "$(nkeepers c0)" "a keeper still keeps the DHCPv4 lease after /release6"
assert_eq "true - -" "$(kept6)" "/json: the DHCPv4 lease kept, no lease6"
assert_line "$(resolv)" "nameserver 10.77.0.1" "resolv.conf (inside): the DHCPv4 server stays after /release6"
assert_no_line_matching "$(resolv)" "$DNS6" "resolv.conf (inside): the DHCPv6 server is gone after /release6"
sniff6_clear srv
sleep 6
assert_eq "" "$(sniff6 srv '^(RENEW|REBIND|SOLICIT|CONFIRM) ')" "nothing sent for the released DHCPv6 lease past its T1"

# ---- /renew6 again, then /release: only the DHCPv4 part ------------------------------------
run_jail_ipcfg /renew6 c0
assert_exit 0 "/renew6 c0 (again)"
assert_eq 1 "$(nkeepers c0)" "one keeper for both leases"
run_jail_ipcfg /release c0
assert_exit 0 "/release c0"
assert_eq 1 "$(nkeepers c0)" "a keeper still keeps the DHCPv6 lease after /release"
assert_eq "- true ipcfg" "$(kept6)" "/json: lease6 still kept, no DHCPv4 lease"
assert_no_line_matching "$(resolv)" '10\.77\.0\.1' "resolv.conf (inside): the DHCPv4 server is gone after /release"
assert_line "$(resolv)" "nameserver $DNS6" "resolv.conf (inside): the DHCPv6 server stays after /release"
sniff6_clear srv
seen "the keeper still renews the DHCPv6 lease at T1" sniff6_wait srv '^RENEW ' 10

# ---- the server silent: Rebind at T2, the expiry takes the DNS back ----------------------
scen6 silent lease:40:40:4:20
seen "the server silent: a Rebind once T2 passed" sniff6_wait srv '^REBIND ' 25
wait_for 30 bash -c "! nsenter -t $JAIL_HOLDER -m -n grep -q '$DNS6' /etc/resolv.conf"
assert_no_line_matching "$(resolv)" "$DNS6" "resolv.conf (inside): the expired DHCPv6 lease's server is withdrawn"
seen "expired: the keeper solicits a new DHCPv6 lease" sniff6_wait srv '^SOLICIT ' 15

# ---- neither lease left: the keeper stops -----------------------------------------------
scen6 good lease:40:40:4:20
run_jail_ipcfg /release6 c0
assert_eq 0 "$(nkeepers c0)" "no keeper once neither lease is left to keep"

jail_stop
assert_eq "$HOST_BEFORE" "$(host_resolver_state)" "the host's /etc/resolv.conf is unchanged (sha256), no .bak, no /run/resolvconf"
finish
