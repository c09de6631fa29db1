#!/usr/bin/env bash
# /renew against a hostile DHCP server (dhcp_hostile.py) with no lease
# recorded (SELECTING and REQUESTING, replies through the packet socket).
# Every malformed or adversarial answer is dropped, within /timeout plus
# one second, nothing installed (addresses, routes) and no lease file
# written: exit 3 with the reason when the answers were this exchange's
# own (our xid and hardware address) but refused, exit 5 when nothing of
# ours could be read (another xid or client, broken IP or UDP).  Legal but unusual answers bind: an infinite lease, a
# /32 with its router outside it, a /31, a reply as large as the MTU allows,
# a valid reply after a flood of foreign ones.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"

dhcp_net
hostile_start "$SRV" s0
TO=2

# sent SCENARIO: the server did answer
sent() {
    grep -q "^$1 .*sent\|^$1 .*fragments\|^$1 .*truncated\|^$1 .*wrong" "$DHCP_TMP/hostile.log" && _pass ||
        _fail "$1: the hostile server answered" "$(tail -n3 "$DHCP_TMP/hostile.log")"
}
# unanswered SCENARIO WHAT: nothing the scenario sends is this exchange's: 5
unanswered() {
    timed_out_unchanged "$1" "$2" "nothing installed or recorded"
    sent "$1"
}
# refused SCENARIO WHAT REASON: this exchange's answers, each refused: 3
refused() {
    refused_unchanged "$1" "$2" "nothing installed or recorded" "$3"
    sent "$1"
}

unanswered xid "a reply with another transaction id"
unanswered chaddr "a reply for another hardware address"
unanswered other_client "an OFFER and ACK for another client"
refused optlen "an option whose length runs past the end" "malformed message, option length past the end"
refused overload_loop "option overload repeated inside file and sname" "malformed message, option overload"
refused yiaddr_zero "an OFFER of 0.0.0.0" "not a usable host address"
refused yiaddr_bcast "an OFFER of 255.255.255.255" "not a usable host address"
refused yiaddr_loopback "an OFFER of 127.0.0.1" "not a usable host address"
refused yiaddr_mcast "an OFFER of a multicast address" "not a usable host address"
refused yiaddr_classe "an OFFER of a class E address" "not a usable host address"
refused mask_noncontig "a non-contiguous subnet mask" "subnet mask is 0.0.0.0 or not contiguous"
refused lease0 "a lease time of 0" "lease time is under 10 seconds"
unanswered sid_change "an ACK from another server identifier than the OFFER's"
unanswered nak_other "a NAK from a server other than the one requested"
unanswered silent_ack "an OFFER and no ACK"
unanswered flood "a flood of replies with a wrong xid"
unanswered frag "a reply split into IP fragments (not reassembled from the packet socket)"
unanswered trunc_ip "a truncated IPv4 header"
unanswered trunc_udp "a truncated UDP header"
unanswered bad_ipsum "a wrong IPv4 header checksum"
unanswered bad_udpsum "a wrong UDP checksum"
ps -p "$HOSTILE_PID" >/dev/null && _pass || _fail "the hostile server died" "$(tail "$DHCP_TMP/hostile.log")"

# A server that offers but NAKs every REQUEST: the server answers, no lease
# can be bound: exit 3 (docs/contract.md), before the timeout (the engine stops
# after its fourth NAK), nothing installed.
scen nak_always
before=$(snapshot "$CLI" c0)
t0=$(now_ms)
run_ipcfg /renew c0 /timeout:5
ms=$(($(now_ms) - t0))
assert_exit 3 "nak_always: NAKs and no lease bound"
assert_took "$ms" 6000 "nak_always (timeout 5 s)"
assert_eq "$before" "$(snapshot "$CLI" c0)" "nak_always: nothing installed or recorded"
(($(grep -c "^nak_always REQUEST" "$DHCP_TMP/hostile.log") >= 2)) && _pass ||
    _fail "nak_always: the client requested again after each NAK" "$(tail -n3 "$DHCP_TMP/hostile.log")"

# ---- legal but unusual ----------------------------------------------------------
bound() { # SCENARIO ADDRESS WHAT [TIMEOUT]
    scen "$1"
    run_ipcfg /renew c0 /timeout:${4:-$TO}
    assert_exit 0 "$1: $3"
    assert_eq "$2" "$(v4_addrs "$CLI" c0)" "$1: the address"
    assert_contains "$(cat "$IPCFG_STATE_DIR/c0.lease" 2>/dev/null)" "address $2" "$1: recorded"
}
released() {
    run_ipcfg /release c0
    assert_exit 0 "/release after $1"
    assert_eq "" "$(v4_addrs "$CLI" c0)" "$1: released"
}
bound mtu 10.77.0.50/24 "a reply as large as the 1500-octet MTU allows"
released mtu
# 2000 foreign replies to each request, then (0.2 s later) the valid one:
# the flood may overrun the packet socket's receive queue, the valid reply
# must still be taken.
bound flood_good 10.77.0.50/24 "a valid reply after 2000 foreign ones" 8
released flood_good
bound infinite 10.77.0.50/24 "an infinite lease (0xffffffff)"
a=$(v4 "$CLI" c0)
[[ $a == "10.77.0.50/24 4294967295 4294967295" ]] && _pass || _fail "infinite: a permanent address: '$a'"
released infinite
bound p32 10.77.0.50/32 "a /32 lease, its router outside it"
assert_contains "$(ip -n "$CLI" -4 route show dev c0)" "10.77.0.1 proto 105 scope link" "p32: the router on-link"
assert_contains "$(ip -n "$CLI" -4 route show default)" "default via 10.77.0.1 dev c0" "p32: the default route"
released p32
bound p31 10.77.0.0/31 "a /31 lease (RFC 3021)"
assert_contains "$(ip -n "$CLI" -4 route show default)" "default via 10.77.0.1 dev c0" "p31: the default route"
released p31

# ---- the conflict probe's wait: IPCFG_DHCP_PROBE_MS (0: no probe) ---------------------
scen good
probe_run() { # MS: the obtain's wall time with IPCFG_DHCP_PROBE_MS=MS
    local t0 rc
    t0=$(now_ms)
    IPCFG_DHCP_PROBE_MS=$1 ip netns exec "$CLI" "$IPCFG" /renew c0 >/dev/null 2>&1
    rc=$?
    echo "$rc $(($(now_ms) - t0))"
    ip netns exec "$CLI" "$IPCFG" /release c0 >/dev/null 2>&1
}
read -r rc ms <<<"$(probe_run 1200)"
((rc == 0 && ms >= 1200)) && _pass || _fail "IPCFG_DHCP_PROBE_MS=1200: exit $rc after $ms ms (at least the probe's 1200 ms)"
read -r rc ms <<<"$(probe_run 0)"
((rc == 0 && ms < 1200)) && _pass || _fail "IPCFG_DHCP_PROBE_MS=0: exit $rc after $ms ms (no probe wait)"
read -r rc ms <<<"$(probe_run junk)"
((rc == 0 && ms >= 200)) && _pass || _fail "IPCFG_DHCP_PROBE_MS=junk: exit $rc after $ms ms (the default 200 ms probe)"

finish
