#!/usr/bin/env bash
# An expired lease is shown as expired, not as current (the project's own
# server, dhcp_hostile.py, with 10-second leases (the shortest the client takes), DNS server and domain;
# a detached keeper): with the link down past the lease's expiry,
#   /all /json: lease.state "expired", kept false, keeper null, no DNS
#   servers, no DHCP server, no connection-specific suffix;
#   /all: DHCP Enabled Yes, and no Lease Obtained, Lease Expires, DHCP
#   Server, DNS Servers line nor the lease's suffix;
# with the link back and the server silent, the same in the connected
# block; once the keeper has a new lease, "bound" and kept again.
#
# SPDX-License-Identifier: MIT
export IPCFG_KEEPER=detached
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"
keeper_net
hostile_start "$SRV" s0
scen "lease:10"

c0() { jq -c '.adapters[] | select(.name == "c0")' <<<"$OUT"; }
lease_of() { c0 | jq -c '{state: .lease.state, kept: .lease.kept, keeper: .lease.keeper}'; }

run_ipcfg /renew c0
assert_exit 0 "/renew c0 (a 10-second lease)"
run_ipcfg /all /json
assert_eq '{"state":"bound","kept":true,"keeper":"ipcfg"}' "$(lease_of)" "a current lease: bound, kept"
expires=$(c0 | jq -r '.lease.expires_unix')
ip -n "$CLI" link set c0 down
# past the expiry (and the second the keeper may be late by)
while (($(date +%s) <= expires + 1)); do sleep 0.2; done
run_ipcfg /all /json
assert_exit 0 "/all /json after the expiry"
assert_eq '{"state":"expired","kept":false,"keeper":null}' "$(lease_of)" "the expired lease: expired, not kept"
assert_eq '{"dns":[],"server":null,"suffix":"","dhcp":true}' \
    "$(c0 | jq -c '{dns: .dns_servers, server: .dhcp_server, suffix: .dns_suffix, dhcp: .dhcp_enabled}')" \
    "the expired lease: no DNS servers, no DHCP server, no suffix; DHCP still enabled"
assert_eq 1 "$(nkeepers c0)" "the keeper still runs (it obtains a new lease when the link is back)"
run_ipcfg /all
B=$(adapter_block "$OUT" "Ethernet adapter c0:")
assert_line "$B" "$(field "DHCP Enabled" "Yes")" "/all: DHCP Enabled"
assert_line "$B" "$(field "Connection-specific DNS Suffix" "")" "/all: no suffix from the expired lease"
assert_no_line_matching "$B" "Lease Obtained|Lease Expires|DHCP Server|DNS Servers" "/all: nothing of the expired lease as if current"
# the link back, the server silent: connected, and still nothing of the
# expired lease shown as current
scen silent
ip -n "$CLI" link set c0 up
sleep 1.5
run_ipcfg /all
B=$(adapter_block "$OUT" "Ethernet adapter c0:")
assert_no_line_matching "$B" "Media State" "/all, link up: connected"
assert_no_line_matching "$B" "Lease Obtained|Lease Expires|DHCP Server|DNS Servers|IPv4 Address" \
    "/all, link up: nothing of the expired lease as if current"
run_ipcfg /all /json
assert_eq '{"state":"expired","kept":false,"keeper":null}' "$(lease_of)" "link up, no server: still expired"
# the server back: the keeper's next DISCOVER gets a new lease
scen "lease:10"
wait_for 12 bash -c "ip -n '$CLI' -4 -o addr show dev c0 | grep -q 10.77.0.50" ||
    _fail "no new lease once the server was back" "$(tail -n 5 "$IPCFG_KEEPER_LOG")"
run_ipcfg /all /json
assert_eq '{"state":"bound","kept":true,"keeper":"ipcfg"}' "$(lease_of)" "a new lease: bound, kept again"
run_ipcfg /release c0
assert_exit 0 "/release c0"
finish
