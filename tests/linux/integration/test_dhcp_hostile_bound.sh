#!/usr/bin/env bash
# /renew of a bound lease against a hostile DHCP server (dhcp_hostile.py):
# RENEWING, a unicast REQUEST to the lease's server, replies through the
# kernel's UDP socket.  Every malformed or adversarial answer is dropped:
# within /timeout plus one second, the lease file, the address and the
# routes as they were; exit 3 with the reason when the answers were this
# exchange's own but refused, 5 when nothing of ours came.  Then
# INIT-REBOOT (the address gone, broadcast REQUEST, the packet socket): the
# same answers change nothing either.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"

dhcp_net
hostile_start "$SRV" s0
TO=2
run_ipcfg /renew c0
assert_exit 0 "a lease from the hostile server in its good mode"
assert_eq "10.77.0.50/24" "$(v4_addrs "$CLI" c0)" "bound"

kept() { # SCENARIO WHAT [REASON]: REASON given, the answers were refused (3), else none came (5)
    if [[ -n ${3:-} ]]; then
        refused_unchanged "$1" "$2" "the lease, its address and routes kept" "$3"
    else
        timed_out_unchanged "$1" "$2" "the lease, its address and routes kept"
    fi
    grep -q "^$1 REQUEST ciaddr=10.77.0.50 unicast" "$DHCP_TMP/hostile.log" && _pass ||
        _fail "$1: a RENEWING request reached the server" "$(tail -n3 "$DHCP_TMP/hostile.log")"
}
kept xid "an ACK with another transaction id"
kept chaddr "an ACK for another hardware address"
kept other_client "an ACK for another client"
kept optlen "an option whose length runs past the end" "malformed message, option length past the end"
kept overload_loop "option overload repeated inside file and sname" "malformed message, option overload"
kept yiaddr_zero "an ACK of 0.0.0.0" "carries no subnet mask"
kept yiaddr_bcast "an ACK of 255.255.255.255" "carries no subnet mask"
kept yiaddr_loopback "an ACK of 127.0.0.1" "carries no subnet mask"
kept yiaddr_mcast "an ACK of a multicast address" "carries no subnet mask"
kept yiaddr_classe "an ACK of a class E address" "carries no subnet mask"
kept mask_noncontig "a non-contiguous subnet mask" "subnet mask is 0.0.0.0 or not contiguous"
kept lease0 "a lease time of 0" "lease time is under 10 seconds"
kept sid_change "an ACK from another server than the lease's"
kept nak_other "a NAK from another server than the lease's"
kept flood "a flood of ACKs with a wrong xid"
kept frag_bad "overlapping IP fragments"
kept bad_udpsum "a wrong UDP checksum"
ps -p "$HOSTILE_PID" >/dev/null && _pass || _fail "the hostile server died"

# a legal renewal in fragments: the kernel reassembles what reaches the UDP socket
scen frag
run_ipcfg /renew c0 /timeout:$TO
assert_exit 0 "a RENEWING ACK in two IP fragments"

# ---- INIT-REBOOT: the address removed, the lease recorded ---------------------------
# (a NAK from any server is heard here: the REQUEST is broadcast, RFC 2131 §3.2)
ip -n "$CLI" addr flush dev c0 scope global
for s in xid chaddr other_client yiaddr_bcast lease0 bad_ipsum trunc_udp; do
    scen "$s"
    before=$(snapshot "$CLI" c0)
    t0=$(now_ms)
    run_ipcfg /renew c0 /timeout:1
    ms=$(($(now_ms) - t0))
    case $s in
    yiaddr_bcast | lease0) assert_exit 3 "INIT-REBOOT, $s (refused answers)" ;;
    *) assert_exit 5 "INIT-REBOOT, $s (no answer of ours)" ;;
    esac
    assert_took "$ms" 2000 "INIT-REBOOT $s (timeout 1 s)"
    assert_eq "$before" "$(snapshot "$CLI" c0)" "INIT-REBOOT, $s: nothing changed"
done
scen good
run_ipcfg /renew c0 /timeout:$TO
assert_exit 0 "INIT-REBOOT against the good server"
assert_eq "10.77.0.50/24" "$(v4_addrs "$CLI" c0)" "the recorded address back"

# ---- a renewal that moves the lease, an address added by hand beside it --------------
# The new address is added while the old one is the subnet's primary; the
# kernel would delete every other address of the subnet with that primary
# unless promote_secondaries is on (ipcfg turns it on, as networkd does).
ip -n "$CLI" addr add 10.77.0.7/24 dev c0
scen moves
run_ipcfg /renew c0 /timeout:$TO
assert_exit 0 "a renewal that moves the lease to 10.77.0.60"
assert_eq $'10.77.0.60/24\n10.77.0.7/24' "$(v4_addrs "$CLI" c0)" \
    "moves: the new address and the hand-added one, the old one gone"
assert_contains "$(ip -n "$CLI" -4 route show default)" "default via 10.77.0.1 dev c0 proto 105" "moves: the default route"
assert_contains "$(cat "$IPCFG_STATE_DIR/c0.lease")" "address 10.77.0.60/24" "moves: recorded"
# /release takes only the lease's address
scen good
run_ipcfg /release c0
assert_exit 0 "/release after the move"
assert_eq "10.77.0.7/24" "$(v4_addrs "$CLI" c0)" "/release: the hand-added address stays"

finish
