#!/usr/bin/env bash
# Default gateways through nexthop objects (ip nexthop), as FRR sets them
# up: with net.ipv4.nexthop_compat_mode=0 a route names only its nexthop id
# (RTA_NH_ID) and carries no gateway of its own.  /all and /json must show
# the gateways of the objects, groups resolved to their members, IPv4 and
# IPv6; a blackhole nexthop shows nothing.  nexthop_compat_mode is per
# network namespace (kernel 5.19 and later, where it lives in
# net->ipv4.sysctl_nexthop_compat_mode): it is set inside the namespace
# only, and the test checks that the host's value did not change.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"

host_compat=$(sysctl -n net.ipv4.nexthop_compat_mode)
ns_new nh
ip netns exec "$NS" sysctl -qw net.ipv4.nexthop_compat_mode=0 || fatal "set-up: nexthop_compat_mode"
[[ $(ip netns exec "$NS" sysctl -n net.ipv4.nexthop_compat_mode) == 0 ]] || fatal "set-up: compat mode still on"
for i in 0 1 2; do
    nsip link add "v$i" type veth peer name "v${i}p"
    nsip link set "v$i" up
    nsip link set "v${i}p" up
done
nsip addr add 10.70.0.2/24 dev v0
nsip addr add 10.71.0.2/24 dev v1
nsip addr add 10.72.0.2/24 dev v2
nsip -6 addr add 2001:db8:70::2/64 dev v0 nodad
nsip nexthop add id 10 via 10.70.0.1 dev v0
nsip nexthop add id 11 via 10.71.0.1 dev v1
nsip nexthop add id 20 group 10/11
nsip nexthop add id 30 via 2001:db8:70::1 dev v0
nsip -6 route add default nhid 30
nsip route add default nhid 20
# a default route in another table, and a blackhole: never shown
nsip nexthop add id 12 via 10.72.0.1 dev v2
nsip route add default nhid 12 table 100
nsip nexthop add id 40 blackhole
nsip route add 198.51.100.0/24 nhid 40
assert_eq "default nhid 20" "$(ip -n "$NS" route show default | sed 's/ *$//')" "set-up: the route names only its nexthop"

run_ipcfg /all
assert_exit 0 "/all"
v0=$(adapter_block "$OUT" "Ethernet adapter v0:")
v1=$(adapter_block "$OUT" "Ethernet adapter v1:")
v2=$(adapter_block "$OUT" "Ethernet adapter v2:")
assert_line "$v0" "$(field 'Default Gateway' '2001:db8:70::1')" "/all: v0's IPv6 gateway from nexthop 30"
assert_line "$v0" "$(cont '10.70.0.1')" "/all: v0's gateway from nexthop 10 (group 20)"
assert_line "$v1" "$(field 'Default Gateway' '10.71.0.1')" "/all: v1's gateway from nexthop 11 (group 20)"
assert_line "$v2" "$(field 'Default Gateway' '')" "/all: v2 has no default gateway (table 100 only)"

run_ipcfg /json
assert_exit 0 "/json"
assert_json "$OUT" '[.adapters[] | select(.name == "v0") | .gateways[]]' '["10.70.0.1","2001:db8:70::1"]' \
    "/json: v0's gateways"
assert_json "$OUT" '[.adapters[] | select(.name == "v1") | .gateways[]]' '["10.71.0.1"]' "/json: v1's gateways"
assert_json "$OUT" '[.adapters[] | select(.name == "v2") | .gateways[]]' '[]' "/json: v2 has none"

# A single nexthop (no group), and with compat mode on again the kernel
# expands the route itself: the same gateways, once.
nsip route replace default nhid 11
run_ipcfg /json
assert_json "$OUT" '[.adapters[] | select(.gateways | length > 0) | {(.name): .gateways}] | add' \
    '{"v0":["2001:db8:70::1"],"v1":["10.71.0.1"]}' "/json: a single nexthop"
ip netns exec "$NS" sysctl -qw net.ipv4.nexthop_compat_mode=1 || fatal "set-up: nexthop_compat_mode=1"
nsip route replace default nhid 20
run_ipcfg /json
assert_json "$OUT" '[.adapters[] | select(.gateways | length > 0) | {(.name): .gateways}] | add' \
    '{"v0":["10.70.0.1","2001:db8:70::1"],"v1":["10.71.0.1"]}' "/json: compat mode on, the same gateways once"

assert_eq "$host_compat" "$(sysctl -n net.ipv4.nexthop_compat_mode)" "the host's nexthop_compat_mode is unchanged"
finish
