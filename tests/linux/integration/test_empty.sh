#!/usr/bin/env bash
# ipcfg on a machine with nothing configured: a fresh namespace whose lo is
# down and whose only other interfaces are a veth pair that is down, with no
# address and no route at all (no IPv4 routing table exists yet).  Listing
# must still work (exit 0): every adapter is "Media disconnected" and the
# address table is empty; /add and /delete work; unprivileged /add is exit 4.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"

ns_new empty bare
nsip link add v0 type veth peer name v0p
[[ -z $(ip -n "$NS" -4 route show table all) ]] || fatal "set-up: the namespace already has IPv4 routes"

run_ipcfg
assert_exit 0 "brief listing with no address and no route"
assert_eq "" "$ERR" "brief: stderr"
assert_prefix "$OUT" $'\nLinux IP Configuration\n\n' "brief: blank line, title, blank line"
assert_layout "$OUT" "brief"
assert_eq $'Ethernet adapter v0:\nEthernet adapter v0p:' "$(headings "$OUT" | LC_ALL=C sort)" "brief: both adapters, no loopback"
for i in v0 v0p; do
    assert_eq "$(field "Media State" "Media disconnected")"$'\n'"$(field "Connection-specific DNS Suffix" "")" \
        "$(adapter_block "$OUT" "Ethernet adapter $i:")" \
        "brief: $i (down) block"
done

run_ipcfg /all
assert_exit 0 "/all with no address and no route"
assert_eq "" "$ERR" "/all: stderr"
assert_layout "$OUT" "/all"
assert_line "$OUT" "$(field "Host Name" "$(hostname)")" "/all: host name"
assert_no_line_matching "$OUT" '^   (IPv4 Address|Subnet Mask|Default Gateway|IPv6 Address|Link-local)' "/all: no address, no gateway"

run_ipcfg /all /json
assert_exit 0 "/all /json with no address and no route"
assert_json "$OUT" '[.adapters[] | [.name, .media_state, (.ipv4 + .ipv6 + .gateways | length)]] | sort' \
    '[["v0","disconnected",0],["v0p","disconnected",0]]' "/all /json: the adapters"

run_ipcfg /addrtable
assert_exit 0 "/addrtable with no address"
assert_eq "" "$ERR" "/addrtable: stderr"
assert_no_line_matching "$OUT" '^ *[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+ ' "/addrtable: no rows (lo is down: no 127.0.0.1)"
run_ipcfg /addrtable /json
assert_exit 0 "/addrtable /json with no address"
assert_json "$OUT" '.addresses' '[]' "/addrtable /json: empty table"

run_ipcfg_nobody
assert_exit 0 "brief listing as nobody"
run_ipcfg_nobody /add v0 10.9.0.5 24
assert_exit 4 "/add as nobody"
assert_prefix "$ERR" "The requested operation requires elevation" "/add as nobody: the elevation line"

run_ipcfg /add v0 10.9.0.5 24
assert_exit 0 "/add to a down adapter"
assert_eq "10.9.0.5/24" "$(ip -n "$NS" -j -4 addr show dev v0 | jq -r '(.[0].addr_info // [])[] | "\(.local)/\(.prefixlen)"')" \
    "/add: the kernel holds the address"
run_ipcfg /delete 10.9.0.5
assert_exit 0 "/delete"
assert_eq "" "$(ip -n "$NS" -4 addr show)" "/delete: no IPv4 address left"

finish
