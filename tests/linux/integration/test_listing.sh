#!/usr/bin/env bash
# ipcfg listings in a throw-away network namespace: `ipcfg`, `/all`,
# `/all /json` and `/addrtable` must show exactly the interfaces and addresses
# set up here with `ip` (loopback only in /addrtable), in the layout of the
# contract (docs/contract.md, "Output").
#
# Namespace contents:
#   v0  <-> v0p   veth, both up; v0: 10.20.0.1/24, 10.21.0.1/16,
#                 2001:db8:20::5/64, fe80::10/64; default route via 10.20.0.254
#   v1  <-> v1p   veth, v1 up but its peer down (no carrier): 10.30.0.1/24
#   v2  <-> v2p   veth, up, v2p is a port of br0; no addresses
#   br0           bridge, up (carrier through v2p): 10.40.0.1/24; default
#                 routes via fe80::1 and via 10.40.0.254 (metric 100)
#   vé0 <-> ve0p  veth with a UTF-8 name, up: 10.50.0.1/24
#   ñandú-λ.0 <-> x123456789abcde   veth, odd names (UTF-8, dash, dot; the
#                 peer's name has the kernel's maximum of 15 bytes), up, no address
# IPv6 link-local generation is off (addrgenmode none) so every address is one
# this script set.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"

ns_new list
ns_resolv_conf "domain corp.example
search corp.example lab.example
nameserver 192.0.2.53"
ip netns exec "$NS" sysctl -qw net.ipv4.ip_forward=0 || fatal "sysctl ip_forward"

# veth PAIR: creates NAME <-> PEER with link-local generation off.
veth() {
    nsip link add "$1" type veth peer name "$2"
    nsip link set "$1" addrgenmode none
    nsip link set "$2" addrgenmode none
}
veth v0 v0p
veth v1 v1p
veth v2 v2p
veth vé0 ve0p
veth ñandú-λ.0 x123456789abcde
nsip link add br0 type bridge forward_delay 0
nsip link set br0 addrgenmode none
nsip link set v2p master br0
for i in v0 v0p v1 v2 v2p br0 vé0 ve0p ñandú-λ.0 x123456789abcde; do nsip link set "$i" up; done
nsip addr add 10.20.0.1/24 dev v0
nsip addr add 10.21.0.1/16 dev v0
nsip addr add 2001:db8:20::5/64 dev v0 nodad
nsip addr add fe80::10/64 dev v0 nodad
nsip addr add 10.30.0.1/24 dev v1
nsip addr add 10.40.0.1/24 dev br0
nsip addr add 10.50.0.1/24 dev vé0
nsip route add default via 10.20.0.254 dev v0
nsip route add default via 10.40.0.254 dev br0 metric 100
nsip -6 route add default via fe80::1 dev br0

# Wait (at most 5 s) for the carrier states to settle: br0 needs its port
# forwarding, v1 must be without carrier (LOWERLAYERDOWN: its peer is down).
for _ in $(seq 50); do
    st=$(ip -n "$NS" -j link show | jq -r '[.[] | select(.ifname == "br0" or .ifname == "v1" or .ifname == "v0") | .ifname + "=" + .operstate] | sort | join(" ")')
    [[ $st == "br0=UP v0=UP v1=LOWERLAYERDOWN" ]] && break
    sleep 0.1
done
[[ $st == "br0=UP v0=UP v1=LOWERLAYERDOWN" ]] || fatal "set-up: operational states did not settle: $st"
# The order in which ip lists v0's IPv4 addresses is the one ipcfg should keep.
[[ $(ip -n "$NS" -j -4 addr show dev v0 | jq -r '[.[0].addr_info[].local] | join(" ")') == "10.20.0.1 10.21.0.1" ]] ||
    fatal "set-up: unexpected IPv4 address order on v0"

i_v0=$(ifindex v0)
i_br0=$(ifindex br0)
declare -A mac
ALL_IFS=(v0 v0p v1 v1p v2 v2p br0 vé0 ve0p ñandú-λ.0 x123456789abcde)
NOADDR_IFS=(v0p v2 v2p ve0p ñandú-λ.0 x123456789abcde)
for i in "${ALL_IFS[@]}"; do mac[$i]=$(mac_dashed "$i"); done

expected_headings() {
    local i
    for i in "${ALL_IFS[@]}"; do echo "Ethernet adapter $i:"; done | LC_ALL=C sort
}

lines() { printf '%s\n' "$@"; }

# ---- brief listing -----------------------------------------------------------
run_ipcfg
assert_exit 0 "brief listing"
assert_eq "" "$ERR" "brief listing: stderr"
brief=$OUT
assert_prefix "$brief" $'\nLinux IP Configuration\n\n' "brief: blank line, title, blank line"
assert_layout "$brief" "brief"
assert_eq "$(expected_headings)" "$(headings "$brief" | LC_ALL=C sort)" "brief: one heading per interface, no loopback"
assert_not_contains "$brief" "127.0.0.1" "brief: loopback address"
assert_not_contains "$brief" "adapter lo:" "brief: loopback adapter"

assert_eq "$(lines \
    "$(field "Connection-specific DNS Suffix" "")" \
    "$(field "IPv6 Address" "2001:db8:20::5")" \
    "$(field "Link-local IPv6 Address" "fe80::10%$i_v0")" \
    "$(field "IPv4 Address" "10.20.0.1")" \
    "$(field "Subnet Mask" "255.255.255.0")" \
    "$(field "IPv4 Address" "10.21.0.1")" \
    "$(field "Subnet Mask" "255.255.0.0")" \
    "$(field "Default Gateway" "10.20.0.254")")" \
    "$(adapter_block "$brief" "Ethernet adapter v0:")" "brief: v0 block"
# A veth whose peer is down: Media State and the connection suffix, as
# real ipconfig prints a disconnected adapter.
assert_eq "$(lines "$(field "Media State" "Media disconnected")" "$(field "Connection-specific DNS Suffix" "")")" \
    "$(adapter_block "$brief" "Ethernet adapter v1:")" "brief: v1 (peer down) block"
assert_eq "$(lines "$(field "Media State" "Media disconnected")" "$(field "Connection-specific DNS Suffix" "")")" \
    "$(adapter_block "$brief" "Ethernet adapter v1p:")" "brief: v1p (admin down) block"
for i in "${NOADDR_IFS[@]}"; do
    assert_eq "$(lines "$(field "Connection-specific DNS Suffix" "")" "$(field "Default Gateway" "")")" \
        "$(adapter_block "$brief" "Ethernet adapter $i:")" "brief: $i (no address) block"
done
assert_eq "$(lines \
    "$(field "Connection-specific DNS Suffix" "")" \
    "$(field "IPv4 Address" "10.40.0.1")" \
    "$(field "Subnet Mask" "255.255.255.0")" \
    "$(field "Default Gateway" "fe80::1%$i_br0")" \
    "$(cont "10.40.0.254")")" \
    "$(adapter_block "$brief" "Ethernet adapter br0:")" "brief: br0 (bridge, two gateways) block"
assert_eq "$(lines \
    "$(field "Connection-specific DNS Suffix" "")" \
    "$(field "IPv4 Address" "10.50.0.1")" \
    "$(field "Subnet Mask" "255.255.255.0")" \
    "$(field "Default Gateway" "")")" \
    "$(adapter_block "$brief" "Ethernet adapter vé0:")" "brief: vé0 (UTF-8 name) block"
# Adapters are separated by blank lines: a heading is preceded and followed by one.
assert_eq "0" "$(awk '/ adapter .*:$/ { if (prev != "") bad++; getline nx; if (nx != "") bad++ } { prev = $0 } END { print bad + 0 }' <<<"$brief")" \
    "brief: blank line before and after every heading"

# ---- /all --------------------------------------------------------------------
run_ipcfg /all
assert_exit 0 "/all"
assert_eq "" "$ERR" "/all: stderr"
all=$OUT
assert_prefix "$all" $'\nLinux IP Configuration\n\n' "/all: blank line, title, blank line"
assert_layout "$all" "/all"
assert_eq "$(expected_headings)" "$(headings "$all" | LC_ALL=C sort)" "/all: one heading per interface, no loopback"
assert_not_contains "$all" "127.0.0.1" "/all: loopback address"

# Host block: between the title and the first heading.
host=$(awk 'NR > 3 && / adapter .*:$/ { exit } NR > 3 && $0 != "" { print }' <<<"$all")
assert_line "$host" "$(field "Host Name" "$(hostname)")" "/all: host name"
assert_line "$host" "$(field "IP Routing Enabled" "No")" "/all: IP routing (net.ipv4.ip_forward=0)"
assert_contains "$host" "$(lines "$(field "DNS Suffix Search List" "corp.example")" "$(cont "lab.example")")" \
    "/all: DNS suffix search list from /etc/resolv.conf"
# resolv.conf with both: `search` wins (resolv.conf(5): the last of domain and
# search wins), so only the search list is asserted here.

# With only `domain`, it is the primary DNS suffix and the search list.
ns_resolv_conf "domain corp.example
nameserver 192.0.2.53"
run_ipcfg /all
assert_exit 0 "/all (resolv.conf with domain only)"
host=$(awk 'NR > 3 && / adapter .*:$/ { exit } NR > 3 && $0 != "" { print }' <<<"$OUT")
assert_line "$host" "$(field "Primary Dns Suffix" "corp.example")" "/all: primary DNS suffix (resolv.conf domain)"
assert_line "$host" "$(field "DNS Suffix Search List" "corp.example")" "/all: search list (resolv.conf domain)"
ns_resolv_conf "domain corp.example
search corp.example lab.example
nameserver 192.0.2.53"

# Optional facts the contract lets a platform leave out: when shown, they must
# be true here (no interface holds an ipcfg lease).
optional_ok() { # BLOCK NAME
    local dhcp
    dhcp=$(grep -F "$(field "DHCP Enabled" "")" <<<"$1")
    if [[ -n $dhcp ]]; then assert_eq "$(field "DHCP Enabled" "No")" "$dhcp" "/all: $2 DHCP Enabled"; fi
    assert_no_line_matching "$1" '^   (Lease Obtained|Lease Expires|DHCP Server)' "/all: $2 has no lease"
}
# strip_optional: drops the lines checked by optional_ok, plus DNS Servers and
# NetBIOS (Linux has no per-interface DNS servers without a lease, and no NetBIOS).
strip_optional() {
    grep -v -e '^   DHCP Enabled\. ' -e '^   Autoconfiguration Enabled ' <<<"$1"
}

b=$(adapter_block "$all" "Ethernet adapter v0:")
optional_ok "$b" v0
assert_eq "$(lines \
    "$(field "Connection-specific DNS Suffix" "")" \
    "$(field "Description" "veth")" \
    "$(field "Physical Address" "${mac[v0]}")" \
    "$(field "IPv6 Address" "2001:db8:20::5(Preferred) ")" \
    "$(field "Link-local IPv6 Address" "fe80::10%$i_v0(Preferred) ")" \
    "$(field "IPv4 Address" "10.20.0.1(Preferred) ")" \
    "$(field "Subnet Mask" "255.255.255.0")" \
    "$(field "IPv4 Address" "10.21.0.1(Preferred) ")" \
    "$(field "Subnet Mask" "255.255.0.0")" \
    "$(field "Default Gateway" "10.20.0.254")")" \
    "$(strip_optional "$b")" "/all: v0 block"

b=$(adapter_block "$all" "Ethernet adapter v1:")
optional_ok "$b" v1
assert_eq "$(lines \
    "$(field "Media State" "Media disconnected")" \
    "$(field "Connection-specific DNS Suffix" "")" \
    "$(field "Description" "veth")" \
    "$(field "Physical Address" "${mac[v1]}")")" \
    "$(strip_optional "$b")" "/all: v1 (peer down) block"

b=$(adapter_block "$all" "Ethernet adapter br0:")
optional_ok "$b" br0
assert_eq "$(lines \
    "$(field "Connection-specific DNS Suffix" "")" \
    "$(field "Description" "bridge")" \
    "$(field "Physical Address" "${mac[br0]}")" \
    "$(field "IPv4 Address" "10.40.0.1(Preferred) ")" \
    "$(field "Subnet Mask" "255.255.255.0")" \
    "$(field "Default Gateway" "fe80::1%$i_br0")" \
    "$(cont "10.40.0.254")")" \
    "$(strip_optional "$b")" "/all: br0 (bridge, two gateways) block"

b=$(adapter_block "$all" "Ethernet adapter vé0:")
optional_ok "$b" vé0
assert_eq "$(lines \
    "$(field "Connection-specific DNS Suffix" "")" \
    "$(field "Description" "veth")" \
    "$(field "Physical Address" "${mac[vé0]}")" \
    "$(field "IPv4 Address" "10.50.0.1(Preferred) ")" \
    "$(field "Subnet Mask" "255.255.255.0")" \
    "$(field "Default Gateway" "")")" \
    "$(strip_optional "$b")" "/all: vé0 (UTF-8 name) block"

for i in "${NOADDR_IFS[@]}"; do
    b=$(adapter_block "$all" "Ethernet adapter $i:")
    optional_ok "$b" "$i"
    assert_eq "$(lines \
        "$(field "Connection-specific DNS Suffix" "")" \
        "$(field "Description" "veth")" \
        "$(field "Physical Address" "${mac[$i]}")" \
        "$(field "Default Gateway" "")")" \
        "$(strip_optional "$b")" "/all: $i (no address) block"
done

# IP routing follows net.ipv4.ip_forward of the namespace.
ip netns exec "$NS" sysctl -qw net.ipv4.ip_forward=1 || fatal "sysctl ip_forward=1"
run_ipcfg /all
assert_exit 0 "/all (forwarding on)"
assert_line "$OUT" "$(field "IP Routing Enabled" "Yes")" "/all: IP routing (net.ipv4.ip_forward=1)"
ip netns exec "$NS" sysctl -qw net.ipv4.ip_forward=0 || fatal "sysctl ip_forward=0"

# Switches are case-insensitive and take /, - and -- prefixes.
for sw in /ALL -all --all /All; do
    run_ipcfg "$sw"
    assert_exit 0 "$sw"
    assert_eq "$all" "$OUT" "$sw prints the same as /all"
done

# ---- /all /json ------------------------------------------------------------------
run_ipcfg /all /json
assert_exit 0 "/all /json"
assert_eq "" "$ERR" "/all /json: stderr"
json=$OUT
if ! jq -e . >/dev/null 2>&1 <<<"$json"; then
    _fail "/all /json: not one valid JSON document" "$json"
else
    _pass
    assert_json "$json" '[.adapters[].name] | sort' \
        "$(printf '%s\n' "${ALL_IFS[@]}" | jq -R . | jq -sc 'sort')" "/json: adapter names (no loopback)"
    assert_json "$json" '[.adapters[] | select(.name == "v0") | .ipv4[] | [.address, .prefix_length, .subnet_mask]]' \
        '[["10.20.0.1",24,"255.255.255.0"],["10.21.0.1",16,"255.255.0.0"]]' "/json: v0 IPv4 addresses"
    assert_json "$json" '[.adapters[] | select(.name == "v0") | .ipv6[] | [.address, .prefix_length, .link_local]] | sort' \
        '[["2001:db8:20::5",64,false],["fe80::10",64,true]]' "/json: v0 IPv6 addresses"
    assert_json "$json" '.adapters[] | select(.name == "v0") | .gateways' '["10.20.0.254"]' "/json: v0 gateway"
    assert_json "$json" '.adapters[] | select(.name == "v0") | [.index, .type, .media_state, .description, .physical_address]' \
        "[$i_v0,\"ethernet\",\"connected\",\"veth\",\"${mac[v0]}\"]" "/json: v0 facts"
    assert_json "$json" '.adapters[] | select(.name == "v1") | [.media_state, [.ipv4[].address]]' \
        '["disconnected",["10.30.0.1"]]' "/json: v1 (peer down)"
    assert_json "$json" '.adapters[] | select(.name == "br0") | [.description, [.ipv4[] | .address + "/" + (.prefix_length | tostring)], (.gateways | sort)]' \
        "[\"bridge\",[\"10.40.0.1/24\"],[\"10.40.0.254\",\"fe80::1%$i_br0\"]]" "/json: br0"
    assert_json "$json" '.adapters[] | select(.name == "vé0") | [.ipv4[].address]' '["10.50.0.1"]' "/json: vé0 (UTF-8 name)"
    assert_json "$json" '[.adapters[] | select(.name | IN("v0p", "v2", "v2p", "ve0p", "v1p", "ñandú-λ.0", "x123456789abcde")) | (.ipv4 + .ipv6 + .gateways) | length] | add' \
        '0' "/json: interfaces without addresses have none"
    assert_json "$json" '[.adapters[] | .ipv4[].address] | sort' \
        '["10.20.0.1","10.21.0.1","10.30.0.1","10.40.0.1","10.50.0.1"]' "/json: every IPv4 address, nothing else"
    assert_json "$json" '[.adapters[] | .ipv6[].address] | sort' '["2001:db8:20::5","fe80::10"]' \
        "/json: every IPv6 address, nothing else"
    assert_json "$json" '[.host.host_name, .host.ip_routing_enabled, .host.dns_suffix_search_list]' \
        "[\"$(hostname)\",false,[\"corp.example\",\"lab.example\"]]" "/json: host block"
fi
run_ipcfg /json
assert_exit 0 "/json (brief)"
assert_json "$OUT" '[.adapters[].name] | sort' \
    "$(printf '%s\n' "${ALL_IFS[@]}" | jq -R . | jq -sc 'sort')" "/json (brief): adapter names"

# ---- /addrtable --------------------------------------------------------------------
# Every IPv4 address, loopback included: address, mask, index, interface.
run_ipcfg /addrtable
assert_exit 0 "/addrtable"
assert_eq "" "$ERR" "/addrtable: stderr"
expected_rows=$(
    for i in lo v0 v1 br0 vé0; do
        ip -n "$NS" -j -4 addr show dev "$i" | jq -r '.[0] as $l | $l.addr_info[] | "\(.local) \(.prefixlen) \($l.ifindex) \($l.ifname)"'
    done | while read -r a p x n; do
        m=$(( 0xffffffff << (32 - p) & 0xffffffff ))
        echo "$a $(( m >> 24 & 255 )).$(( m >> 16 & 255 )).$(( m >> 8 & 255 )).$(( m & 255 )) $x $n"
    done | sort -t . -k1,1n -k2,2n -k3,3n -k4,4n
)
assert_eq "6" "$(grep -c '' <<<"$expected_rows")" "set-up: six IPv4 addresses expected in the table"
# Data rows: lines whose first word is a dotted quad; the columns are located
# by the header line (Address, Subnet Mask, Index right-aligned, Interface).
rows=$(awk '
    index($0, "Address") && index($0, "Interface") && !hdr {
        hdr = 1; ia = index($0, "Address"); im = index($0, "Subnet Mask")
        ix = index($0, "Index") + length("Index") - 1; ii = index($0, "Interface"); next
    }
    hdr && $1 ~ /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/ {
        a = substr($0, ia); sub(/ .*/, "", a)
        m = substr($0, im); sub(/ .*/, "", m)
        x = substr($0, 1, ix); sub(/.* /, "", x)
        n = substr($0, ii); sub(/ .*/, "", n)
        print a, m, x, n
    }' <<<"$OUT")
assert_contains "$OUT" "IPv4 Address Table" "/addrtable: heading"
assert_eq "$expected_rows" "$rows" "/addrtable: rows (address mask index interface), sorted by address"
run_ipcfg /addrtable /json
assert_exit 0 "/addrtable /json"
assert_json "$OUT" '[.addresses[] | "\(.address) \(.subnet_mask) \(.index) \(.interface)"] | join("\n")' \
    "$(jq -Rsc 'rtrimstr("\n")' <<<"$expected_rows")" "/addrtable /json: rows"
# GetIpAddrTable's wType: an address on an adapter without carrier is
# "disconnected" (MIB_IPADDR_DISCONNECTED); the others are not.
assert_json "$OUT" '[.addresses[] | select(any(.type[]; . == "disconnected")) | .address]' '["10.30.0.1"]' \
    "/addrtable /json: only v1's address is disconnected"

finish
