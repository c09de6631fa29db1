#!/usr/bin/env bash
# A changed hardware address (ip link set c0 address ...) against dnsmasq,
# which knows a client by its client identifier (the hardware address):
#   - with a keeper: it follows the link's address at once: RELEASE as the
#     old identity, the old address taken off, a lease obtained for the new
#     one (DISCOVER with the new chaddr); one address on c0, one lease on
#     the server, the lease file names the new address; a /renew then is a
#     plain renewal (its block has its IPv4 Address), and the keeper's next
#     exchange speaks as the new address too;
#   - without a keeper (IPCFG_KEEPER=off): /renew notices the recorded
#     lease's other hardware address and does the same.
#
# SPDX-License-Identifier: MIT
export IPCFG_KEEPER=detached
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"
export IPCFG_KEEPER_LOG=$DHCP_TMP/keeper.log

dhcp_net
dnsmasq_start srv "$SRV" s0 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600 \
    --dhcp-option=option:router,10.77.0.1
LEASE=$IPCFG_STATE_DIR/c0.lease

# server_leases: "mac ip" of every lease dnsmasq holds (its lease file)
server_leases() { awk '{ print $2, $3 }' "$DHCP_TMP/srv.leases" 2>/dev/null | sort; }
# one_lease_for MAC: dnsmasq holds exactly one lease, for MAC
one_lease_for() { [[ $(server_leases | wc -l) -eq 1 && $(server_leases) == "$1 "* ]]; }
mac() { ip -n "$CLI" -j link show dev c0 | jq -r '.[0].address'; }
recorded_hw() { awk '$1 == "hwaddr" { print $2 }' "$LEASE" 2>/dev/null; }
bound_addr() { awk '$1 == "address" { print $2 }' "$LEASE" 2>/dev/null; }

# check_one_lease WHAT MAC: c0, the lease file and the server agree on one
# lease for MAC
check_one_lease() {
    local what=$1 m=$2 addr
    addr=$(bound_addr)
    addr=${addr%/*}
    assert_eq "$m" "$(recorded_hw)" "$what: the lease file names the link's address"
    assert_eq "$addr/24" "$(v4_addrs "$CLI" c0)" "$what: one address on c0, the lease's"
    assert_eq "$m $addr" "$(server_leases)" "$what: the server holds one lease, for $m"
}

# ---- with a keeper -----------------------------------------------------------
run_ipcfg /renew c0
assert_exit 0 "/renew c0 (obtain)"
assert_eq 1 "$(nkeepers c0)" "one keeper"
M1=$(mac)
check_one_lease "before" "$M1"
OLD=$(bound_addr)
OLD=${OLD%/*}

M2=02:11:22:33:44:55
from=$(wc -l <"$DHCP_TMP/srv.log")
ip -n "$CLI" link set c0 address $M2 || fatal "set the address"
wait_for 10 bash -c "[[ \$(awk '\$1 == \"hwaddr\" { print \$2 }' '$LEASE') == $M2 ]]"
wait_for 5 bash -c "[[ \$(awk '{ print \$2 }' '$DHCP_TMP/srv.leases' | sort -u) == $M2 ]]"
check_one_lease "the keeper followed the new address" "$M2"
grep -q "DHCPRELEASE(s0) $OLD $M1" "$DHCP_TMP/srv.log" && _pass ||
    _fail "no RELEASE from the old identity" "$(grep DHCP "$DHCP_TMP/srv.log")"
assert_contains "$(cat "$IPCFG_KEEPER_LOG")" "hardware address" "the keeper logged why"
assert_eq 1 "$(nkeepers c0)" "still one keeper"

run_ipcfg /renew c0
assert_exit 0 "/renew after the change"
assert_line "$OUT" "$(field "IPv4 Address" "$(bound_addr | cut -d/ -f1)")" \
    "/renew's block shows the lease's address"
check_one_lease "after /renew" "$M2"

# the keeper's own next exchange speaks as the new address (a verify: the
# link set down and up again)
n=$(grep -c "DHCPACK(s0)" "$DHCP_TMP/srv.log")
ip -n "$CLI" link set c0 down
sleep 0.3
ip -n "$CLI" link set c0 up
wait_for 6 bash -c "[ \$(grep -c 'DHCPACK(s0)' '$DHCP_TMP/srv.log') -gt $n ]" ||
    _fail "no exchange after the link came back" "$(tail -n 5 "$DHCP_TMP/srv.log")"
assert_eq "DHCPRELEASE(s0) $OLD $M1" "$(tail -n +$((from + 1)) "$DHCP_TMP/srv.log" | grep -oE "DHCP[A-Z]+\(s0\) .*$M1" | sort -u)" \
    "after the change the old identity sent only its RELEASE"
check_one_lease "after the keeper's verify" "$M2"
run_ipcfg /release c0
assert_exit 0 "/release c0"
assert_eq "" "$(server_leases)" "/release: the server holds no lease"

# ---- without a keeper: /renew notices the recorded lease's other address ------
export IPCFG_KEEPER=off
run_ipcfg /renew c0
assert_exit 0 "/renew c0 (keeper off)"
check_one_lease "keeper off, before" "$M2"
OLD=$(bound_addr)
OLD=${OLD%/*}
M3=02:66:77:88:99:aa
ip -n "$CLI" link set c0 address $M3 || fatal "set the address"
run_ipcfg /renew c0
assert_exit 0 "/renew after the change (keeper off)"
assert_line "$OUT" "$(field "IPv4 Address" "$(bound_addr | cut -d/ -f1)")" \
    "/renew's block shows the new lease's address"
check_one_lease "keeper off, after /renew" "$M3"
grep -q "DHCPRELEASE(s0) $OLD $M2" "$DHCP_TMP/srv.log" && _pass ||
    _fail "keeper off: no RELEASE from the old identity" "$(grep DHCP "$DHCP_TMP/srv.log")"
run_ipcfg /release c0
assert_exit 0 "/release c0 (keeper off)"
finish
