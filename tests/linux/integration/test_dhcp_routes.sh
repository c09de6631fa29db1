#!/usr/bin/env bash
# What a lease installs, against dnsmasq: classless static routes (option
# 121) take precedence over the router option; a /32 lease reaches its
# router through an on-link host route; a default route something else
# installed is left alone (and survives release); an infinite lease is a
# permanent address.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"

dhcp_net
idx=$(ifindex c0)
metric=$((1024 + idx))
routes() { ip -n "$CLI" -j -4 route show dev c0 | jq -r '.[] | "\(.dst) \(.gateway // "-") \(.protocol // "boot") \(.metric // 0)"' | sort; }

# ---- option 121 over option 3; a foreign default route stays ------------------
ip -n "$CLI" addr add 192.0.2.2/24 dev c0 || fatal "static address"
ip -n "$CLI" route add default via 192.0.2.1 dev c0 metric 5 || fatal "foreign default route"
dnsmasq_start r121 "$SRV" s0 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600 \
    --dhcp-option=option:router,10.77.0.9 \
    --dhcp-option=121,10.99.0.0/16,10.77.0.1,0.0.0.0/0,10.77.0.254
PID=$DNSMASQ_PID
run_ipcfg /renew c0
assert_exit 0 "/renew c0 with option 121"
r=$(routes)
assert_contains "$r" "10.99.0.0/16 10.77.0.1 105 $metric" "option 121 route installed"
assert_contains "$r" "default 10.77.0.254 105 $metric" "option 121 default route installed"
assert_not_contains "$r" "10.77.0.9" "option 3 ignored when option 121 is present"
assert_contains "$r" "default 192.0.2.1 boot 5" "the foreign default route is left alone"
run_ipcfg /release c0
assert_exit 0 "/release c0"
r=$(routes)
assert_not_contains "$r" " 105 " "every route of the lease removed"
assert_contains "$r" "default 192.0.2.1 boot 5" "the foreign default route survives the release"
assert_eq "192.0.2.2/24" "$(v4_addrs "$CLI" c0)" "the static address survives the release"
dnsmasq_stop "$PID"
ip -n "$CLI" route del default via 192.0.2.1 dev c0 metric 5
ip -n "$CLI" addr del 192.0.2.2/24 dev c0

# ---- a /32 lease: the router is reached on-link; an infinite lease --------------
dnsmasq_start r32 "$SRV" s0 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,infinite \
    --dhcp-option=option:netmask,255.255.255.255 --dhcp-option=option:router,10.77.0.1
run_ipcfg /renew c0
assert_exit 0 "/renew c0 for a /32 lease"
a=$(v4 "$CLI" c0)
[[ $a == 10.77.0.5?/32\ 4294967295\ 4294967295 ]] && _pass || _fail "a /32 address, permanent (infinite lease): '$a'"
r=$(routes)
assert_contains "$r" "10.77.0.1 - 105 $metric" "on-link host route to the router outside the /32"
assert_contains "$r" "default 10.77.0.1 105 $metric" "default route via that router"
run_ipcfg /all /json
assert_json "$OUT" '.adapters[] | select(.name=="c0") | (.lease != null)' 'true' "an infinite lease is shown"
run_ipcfg /renew c0
assert_exit 0 "/renew of the infinite lease"
run_ipcfg /release c0
assert_exit 0 "/release of the /32 lease"
assert_eq "" "$(routes | grep ' 105 ')" "its routes removed"
assert_eq "" "$(v4_addrs "$CLI" c0)" "its address removed"

finish
