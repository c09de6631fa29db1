#!/usr/bin/env bash
# DHCPv6 on two interfaces of one host at once (a bridge, dnsmasq), with
# duplicate address detection on both: `/renew6 c*` obtains a lease on each
# (their detections run side by side in one exchange); `/renew6` without an
# adapter renews every interface that holds a DHCPv6 lease, and
# `/release6` without one releases them all; each interface has its own
# IAID under the host's one DUID.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"
source "$(dirname "$0")/dhcp6_lib.sh"

dhcp6_net bridge
ip link add c1 netns "$CLI" type veth peer name p-c1 netns "$SRV" || fatal "veth for c1"
ip -n "$SRV" link set p-c1 master br0 up || fatal "port for c1"
ip -n "$CLI" link set c1 up || fatal "c1 up"
[[ -n $(dhcp6_ll "$CLI" c1) ]] || fatal "no link-local address on c1"
dnsmasq6_start one range
sniff6_start srv "$SRV" br0
dhcp6_dad_on "$CLI" c0
dhcp6_dad_on "$CLI" c1

run_ipcfg /renew6 'c*'
assert_exit 0 "/renew6 c* (two interfaces, DAD on)"
for i in c0 c1; do
    a=$(v6_addrs "$CLI" "$i")
    [[ $a =~ ^2001:db8:77::[0-9a-f]+/128$ ]] && _pass || _fail "$i: an address" "$a"
    assert_eq ok "$(dhcp6_addr_state "$CLI" "$i" "${a%/*}")" "$i: its detection passed before /renew6 returned"
    assert_eq bound "$(lease6_key "$IPCFG_STATE_DIR/$i.lease6" state)" "$i: recorded bound"
done
[[ $(v6_addrs "$CLI" c0) != "$(v6_addrs "$CLI" c1)" ]] && _pass || _fail "two different addresses"
i0=$(lease6_key "$IPCFG_STATE_DIR/c0.lease6" iaid)
i1=$(lease6_key "$IPCFG_STATE_DIR/c1.lease6" iaid)
[[ $i0 != "$i1" ]] && _pass || _fail "an IAID per interface" "$i0 $i1"
assert_eq "$(lease6_key "$IPCFG_STATE_DIR/c0.lease6" client-duid)" "$(lease6_key "$IPCFG_STATE_DIR/c1.lease6" client-duid)" \
    "one DUID for the host"

sniff6_clear srv
run_ipcfg /renew6
assert_exit 0 "/renew6 without an adapter: every interface with a DHCPv6 lease"
assert_eq 2 "$(sniff6 srv '^RENEW ' | wc -l)" "two Renew messages, one per interface"

sniff6_clear srv
run_ipcfg /release6
assert_exit 0 "/release6 without an adapter"
assert_eq 2 "$(sniff6 srv '^RELEASE ' | wc -l)" "two Release messages"
assert_eq "" "$(v6_addrs "$CLI" c0)$(v6_addrs "$CLI" c1)" "no address left"
run_ipcfg /release6
assert_exit 2 "/release6 again: nothing held"
finish
