#!/usr/bin/env bash
# The lease keeper when the issuing server is gone: two servers
# on one link (the project's own, dhcp_hostile.py, as 10.77.0.1 and then
# 10.77.0.2; 12-second leases, T1 6 s, T2 10 s: about 30 s in all).  The
# first issues the lease and dies; from T1 the keeper asks it again,
# unicast, and nothing else (RENEWING, RFC 2131 §4.4.5); at T2 it
# broadcasts (REBINDING) and the second server answers: c0 keeps its
# address without a gap, the lease now names the second server, and
# nothing was obtained afresh.  Then the second server goes too: at the
# expiry the address goes with the lease and the lease's DNS servers are
# taken back (resolvconf -d), and once a server answers again the keeper
# obtains a new lease (DISCOVER).
#
# SPDX-License-Identifier: MIT
export IPCFG_KEEPER=detached
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"
LEASE=12
T1=$((LEASE / 2))
T2=$((LEASE * 7 / 8)) # whole seconds, as the client reckons them

keeper_net
ip -n "$SRV" addr add 10.77.0.2/24 dev s0 || fatal "the second server's address"
sniff_start srv "$SRV" s0
PKTS=$DHCP_TMP/srv.pkts
hostile_start "$SRV" s0 10.77.0.1 "$DHCP_TMP/first.log"
FIRST=$HOSTILE_PID
scen "lease:$LEASE"

stop_server() {
    kill "$1" 2>/dev/null
    wait_for 5 bash -c "! kill -0 $1 2>/dev/null" || kill -9 "$1" 2>/dev/null
}
server_of() { jq -r '.adapters[] | select(.name == "c0") | .dhcp_server' <<<"$OUT"; }

# the lease starts between t_renew and t_bound, at its REQUEST, which the
# keeper reckons its times from in whole seconds (up to 1 s early)
t_renew=$(now_ms)
run_ipcfg /renew c0
assert_exit 0 "/renew c0 (from the first server)"
t_bound=$(now_ms)
run_ipcfg /all /json
assert_eq 10.77.0.1 "$(server_of)" "the lease names the first server"
stop_server "$FIRST"
lines=$(wc -l <"$PKTS")

# ---- the second server, from before T1: it must not be asked before T2 ----
hostile_start "$SRV" s0 10.77.0.2 "$DHCP_TMP/second.log"
SECOND=$HOSTILE_PID
scen "lease:$LEASE"
wait_for $((LEASE + 2)) grep -q "REQUEST ciaddr=10.77.0.50 broadcast: sent 1" "$DHCP_TMP/second.log" ||
    fatal "no REBINDING request reached the second server" "$(cat "$DHCP_TMP/second.log") / $(tail -n +"$lines" "$PKTS")"
t_seen=$(now_ms)
t_rebind=$((t_seen - t_renew))
((t_rebind >= (T2 - 1) * 1000 && t_seen - t_bound < LEASE * 1000)) && _pass ||
    _fail "the broadcast REQUEST came $t_rebind ms after /renew began, $((t_seen - t_bound)) ms after it ended" \
        "(T2 is $T2 s, the lease $LEASE s)"
after=$(tail -n +$((lines + 1)) "$PKTS")
# between T1 and T2: unicast REQUESTs to the first server only
(($(grep -c "^REQUEST 10.77.0.50 10.77.0.1 ciaddr=10.77.0.50" <<<"$after") >= 1)) && _pass ||
    _fail "no unicast RENEWING request to the issuing server" "$after"
assert_eq 0 "$(grep -c "^REQUEST 10.77.0.50 10.77.0.2 " <<<"$after")" "the second server was not asked unicast"
assert_eq 0 "$(grep -c "^DISCOVER" <<<"$after")" "no DISCOVER: the lease was rebound, not obtained afresh"
first_bcast=$(grep -n "^REQUEST .* 255.255.255.255 ciaddr=10.77.0.50" <<<"$after" | head -n1 | cut -d: -f1)
last_unicast=$(grep -n "^REQUEST 10.77.0.50 10.77.0.1 " <<<"$after" | tail -n1 | cut -d: -f1)
((first_bcast > last_unicast)) && _pass || _fail "a broadcast REQUEST came before RENEWING ended" "$after"
# the address's lifetime is the new lease's (the old one had 2 s left)
fresh_lifetime() {
    local v
    v=$(v4 "$CLI" c0 | awk '{ print $2 }')
    [[ $v =~ ^[0-9]+$ ]] && ((v >= LEASE - 6 && v <= LEASE))
}
wait_for 3 fresh_lifetime
run_ipcfg /all /json
assert_eq "10.77.0.2 10.77.0.50 true" \
    "$(jq -r '.adapters[] | select(.name == "c0") | "\(.dhcp_server) \(.ipv4[0].address) \(.lease.kept)"' <<<"$OUT")" \
    "rebound: the same address, now from the second server, still kept"
assert_eq 1 "$(nkeepers c0)" "one keeper"

# ---- both gone: the lease expires, then is obtained afresh ----------------
stop_server "$SECOND"
t_gone=$(now_ms)
wait_for $((LEASE + 3)) bash -c "[ -z \"\$(ip -n '$CLI' -4 -o addr show dev c0)\" ]" ||
    fatal "the address outlived its lease" "$(ip -n "$CLI" -4 addr show dev c0)"
ms=$(($(now_ms) - t_gone))
((ms <= (LEASE + 2) * 1000)) && _pass || _fail "the address went $ms ms after the last lease (at most $(((LEASE + 2) * 1000)))"
assert_eq "" "$(default_routes "$CLI")" "no default route after the expiry"
wait_for 5 grep -q "^resolvconf -d c0.ipcfg$" "$DHCP_TMP/resolvconf.log" && _pass ||
    _fail "the expired lease's DNS servers were not taken back" "$(cat "$DHCP_TMP/resolvconf.log")"
assert_eq 1 "$(nkeepers c0)" "the keeper outlives the expiry"
lines=$(wc -l <"$PKTS")
hostile_start "$SRV" s0 10.77.0.1 "$DHCP_TMP/third.log"
scen "lease:$LEASE"
wait_for 25 bash -c "ip -n '$CLI' -4 -o addr show dev c0 | grep -q 10.77.0.50" ||
    fatal "no new lease once a server answered again" "$(cat "$IPCFG_KEEPER_LOG")"
grep -q "DISCOVER" "$DHCP_TMP/third.log" && _pass || _fail "the new lease was not obtained with a DISCOVER"
assert_eq 1 "$(nkeepers c0)" "still one keeper"

run_ipcfg /release c0
assert_exit 0 "/release c0"
assert_eq 0 "$(nkeepers c0)" "no keeper after /release"
finish
