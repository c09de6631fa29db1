#!/usr/bin/env bash
# The options of today's networks against dnsmasq, which sends each: the
# domain search list (119, RFC 3397 with compression), the interface MTU
# (26), NTP servers (42) and the captive portal (114) reach the lease file,
# the resolver (a recording resolvconf: option 15's domain first, then the
# list without repeats) and the link (MTU set, the link's own put back by
# /release).  What ipcfg sends: the host's name in options 12 and 81 (RFC
# 4702) by default, another with /hostname:NAME, none with /hostname:, the
# choice kept by the next /renew and dropped by /release; the user class
# (77) of /setclassid in every DISCOVER and REQUEST (dnsmasq logs both),
# /showclassid without privilege, /setclassid and /registerdns with it
# only (exit 4, nothing changed); the lease keeper's renewals send the
# same name and class (the project's server, 10-second leases).  Then
# hostile values (dhcp_hostile.py):
# option 119 with a compression loop and a forward pointer, 26 of three
# bytes, 114 of 255 bytes of garbage, 81 with a shell command: the lease
# binds, one line says what was left out, nothing of it is kept or handed
# over.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"

recording_resolvconf
dhcp_net
ns_resolv_conf "nameserver 192.0.2.1"
ip -n "$CLI" link set c0 mtu 1500
mtu() { ip -n "$CLI" -j link show dev c0 | jq -r '.[0].mtu'; }
LOG=$DHCP_TMP/srv.log
H=$(hostname)
ipcfg_name_ok() { [[ $1 =~ ^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$ ]]; }

dnsmasq_start srv "$SRV" s0 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600 \
    --dhcp-option=option:dns-server,10.77.0.1 --dhcp-option=option:domain-name,corp.example \
    --dhcp-option=option:domain-search,corp.example,eng.corp.example,lab.example \
    --dhcp-option=option:mtu,1400 --dhcp-option=option:ntp-server,10.77.0.1,10.77.0.2 \
    --dhcp-option=114,https://portal.example/login?x=1

# ---- /renew: every option in the lease, the resolver and the link ---------------
run_ipcfg /renew c0 /timeout:10
assert_exit 0 "/renew against dnsmasq with options 119, 26, 42, 114"
assert_eq "" "$ERR" "nothing left out"
lease=$(cat "$IPCFG_STATE_DIR/c0.lease")
assert_line "$(head -n1 <<<"$lease")" "ipcfg-lease 2" "the lease file is of version 2"
assert_line "$lease" "search corp.example" "lease: search list, first name"
assert_line "$lease" "search eng.corp.example" "lease: the compressed second name"
assert_line "$lease" "search lab.example" "lease: the third name"
assert_line "$lease" "mtu 1400" "lease: MTU"
assert_line "$lease" "ntp 10.77.0.1" "lease: first NTP server"
assert_line "$lease" "ntp 10.77.0.2" "lease: second NTP server"
assert_line "$lease" "captive-portal https://portal.example/login?x=1" "lease: captive portal"
if ipcfg_name_ok "$H"; then
    assert_line "$lease" "fqdn $H" "lease: the host's name was sent in option 81"
    assert_contains "$(cat "$LOG")" "client provides name: ${H%%.*}" "dnsmasq heard the host's name"
fi
assert_eq 1400 "$(mtu)" "the lease's MTU on c0"
assert_eq "1500" "$(cat "$IPCFG_STATE_DIR/c0.mtu" | cut -d' ' -f2)" "the link's own MTU kept"
assert_line "$(cat "$RESOLVCONF_LOG")" "search corp.example eng.corp.example lab.example" \
    "resolvconf: option 15's domain, then the list without repeats"

# /all: option 119 in ipconfig's "Connection-specific DNS Suffix Search List"
run_ipcfg /all
assert_exit 0 "/all"
blk=$(adapter_block "$OUT" 'Ethernet adapter c0:')
assert_contains "$blk" "$(printf '%s\n%s\n%s\n%s' "   Connection-specific DNS Suffix Search List :" "$(cont corp.example)" \
    "$(cont eng.corp.example)" "$(cont lab.example)")" "/all: the search list in ipconfig's layout"
assert_line "$blk" "$(field "Connection-specific DNS Suffix" corp.example)" "/all: option 15 is still the suffix"
assert_layout "$OUT" "/all"
run_ipcfg /all /json
assert_exit 0 "/all /json"
assert_json "$OUT" '.adapters[] | select(.name == "c0") | [.dns_suffix_search_list, .ntp_servers, .captive_portal, .mtu]' \
    '[["corp.example","eng.corp.example","lab.example"],["10.77.0.1","10.77.0.2"],"https://portal.example/login?x=1",1400]' \
    "/json: search list, NTP servers, captive portal, MTU"
if ipcfg_name_ok "$H"; then
    assert_json "$OUT" '.adapters[] | select(.name == "c0") | .fqdn_sent' "\"$H\"" "/json: the name sent"
fi

# ---- the class ID: shown without privilege, set only with it --------------------
run_ipcfg_nobody /showclassid c0
assert_exit 0 "/showclassid as nobody"
run_ipcfg_nobody /setclassid c0 lab-floor3
assert_exit 4 "/setclassid as nobody"
[[ -e $IPCFG_STATE_DIR/c0.classid ]] && _fail "/setclassid as nobody wrote a class" || _pass
run_ipcfg_nobody /registerdns
assert_exit 4 "/registerdns as nobody"
run_ipcfg /setclassid c0 "Lab floor 3"
assert_exit 0 "/setclassid c0 'Lab floor 3'"
assert_eq "Lab floor 3" "$(cat "$IPCFG_STATE_DIR/c0.classid")" "the class kept in the state directory"
run_ipcfg_nobody /showclassid c0 /json
assert_exit 0 "/showclassid /json as nobody"
assert_json "$OUT" '[.. | objects | select(has("classid")) | .classid] | index("Lab floor 3") != null' true \
    "/showclassid /json shows the class"
: >"$LOG.mark"
n0=$(wc -l <"$LOG")
run_ipcfg /renew c0 /timeout:10
assert_exit 0 "/renew with a class ID"
assert_contains "$(tail -n +"$n0" "$LOG")" "user class: Lab floor 3" "dnsmasq heard the user class (option 77)"

# ---- /hostname: another name, kept by the next /renew; none -----------------------
n0=$(wc -l <"$LOG")
run_ipcfg /renew c0 /hostname:web01.corp.example /timeout:10
assert_exit 0 "/renew /hostname:web01.corp.example"
assert_contains "$(tail -n +"$n0" "$LOG")" "client provides name: web01" "dnsmasq heard the name given"
assert_line "$(cat "$IPCFG_STATE_DIR/c0.lease")" "fqdn web01.corp.example" "lease: the name sent"
assert_line "$(cat "$IPCFG_STATE_DIR/c0.lease")" "name given" "lease: the choice kept"
n0=$(wc -l <"$LOG")
run_ipcfg /registerdns /timeout:10
assert_exit 0 "/registerdns"
assert_contains "$(tail -n +"$n0" "$LOG")" "client provides name: web01" "/registerdns sent the kept name again"
run_ipcfg /renew c0 /hostname: /timeout:10
assert_exit 0 "/renew /hostname: (none)"
assert_line "$(cat "$IPCFG_STATE_DIR/c0.lease")" "name none" "lease: no name sent"
assert_no_line_matching "$(cat "$IPCFG_STATE_DIR/c0.lease")" '^fqdn' "lease: no FQDN"
run_ipcfg /all /json
assert_json "$OUT" '.adapters[] | select(.name == "c0") | .fqdn_sent' null "/json: no name sent"

# ---- /release: the link's MTU back, the choice gone -------------------------------
run_ipcfg /release c0
assert_exit 0 "/release"
assert_eq 1500 "$(mtu)" "/release put the link's own MTU back"
[[ -e $IPCFG_STATE_DIR/c0.mtu ]] && _fail "the kept MTU is still recorded" || _pass
assert_no_line_matching "$(cat "$IPCFG_STATE_DIR/c0.lease")" '^name' "released: the /hostname choice ended"
run_ipcfg /setclassid c0
assert_exit 0 "/setclassid c0 (clear)"
[[ -e $IPCFG_STATE_DIR/c0.classid ]] && _fail "the class was not cleared" || _pass
dnsmasq_stop "$DNSMASQ_PID"

# ---- an MTU under the IPv6 floor: the link keeps its own ---------------------------
dnsmasq_start srv2 "$SRV" s0 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600 --dhcp-option=option:mtu,1000
run_ipcfg /renew c0 /timeout:10
assert_exit 0 "/renew with MTU 1000 on a link with IPv6"
assert_eq 1500 "$(mtu)" "MTU 1000 not applied (under 1280 with IPv6)"
assert_contains "$ERR" "MTU 1000 is under 1280" "one line says why"
run_ipcfg /release c0
dnsmasq_stop "$DNSMASQ_PID"

# ---- hostile values: left out, the lease binds ------------------------------------
hostile_start "$SRV" s0
RAW=$DHCP_TMP/raw.hex
hostile() { printf '%s' "$1" >"$RAW"; scen "raw:600:$RAW"; }
# 119: "com" then a pointer to itself (a loop); 26 of three bytes; 114 of
# 255 bytes of garbage; 81 whose name is "a;b"
garbage=$(head -c 255 /dev/urandom | od -An -tx1 -v | tr -d ' \n')
hostile "7706""03636f6dc000""1a03""05dc00""72ff""$garbage""5106""010000""613b62"
run_ipcfg /renew c0 /timeout:10
assert_exit 0 "/renew against hostile options"
assert_eq "10.77.0.50/24" "$(v4_addrs "$CLI" c0)" "the address bound"
assert_one_line "$ERR" "one line on stderr"
assert_contains "$ERR" "domain search list (option 119)" "says the search list was left out"
assert_contains "$ERR" "interface MTU (option 26)" "and the MTU"
assert_contains "$ERR" "captive-portal URI (option 114)" "and the portal"
assert_contains "$ERR" "client FQDN answer (option 81)" "and the FQDN answer"
lease=$(cat "$IPCFG_STATE_DIR/c0.lease")
assert_no_line_matching "$lease" '^(search|mtu|captive-portal)' "nothing of them in the lease file"
assert_eq 1500 "$(mtu)" "the MTU untouched"
run_ipcfg /release c0
# 119 with a forward pointer
hostile "770b""03636f6dc006""036e657400" # a pointer to offset 6, past itself
run_ipcfg /renew c0 /timeout:10
assert_exit 0 "/renew against a forward pointer in option 119"
assert_contains "$ERR" "domain search list (option 119)" "the forward pointer: left out"
assert_no_line_matching "$(cat "$IPCFG_STATE_DIR/c0.lease")" '^search' "no search list kept"
run_ipcfg /release c0

# ---- the keeper sends what /renew chose: 10-second leases, renewed at T1 -----------
HLOG=$DHCP_TMP/hostile.log
scen "lease:10"
run_ipcfg /setclassid c0 kiosk
assert_exit 0 "/setclassid c0 kiosk"
IPCFG_KEEPER=detached IPCFG_KEEPER_LOG=$DHCP_TMP/keeper.log run_ipcfg /renew c0 /hostname:kiosk-7.corp.example
assert_exit 0 "/renew c0 /hostname:kiosk-7.corp.example with the keeper"
assert_eq 1 "$(nkeepers c0)" "a keeper keeps the lease"
n0=$(grep -c "REQUEST ciaddr=10.77.0.50 unicast" "$HLOG")
wait_for 12 bash -c "(( \$(grep -c 'REQUEST ciaddr=10.77.0.50 unicast' '$HLOG') > $n0 ))" &&
    _pass || _fail "the keeper renewed at T1" "$(tail -n5 "$HLOG")"
assert_contains "$(grep "REQUEST ciaddr=10.77.0.50 unicast" "$HLOG" | tail -n1)" " fqdn=kiosk-7.corp.example class=kiosk at=" \
    "the keeper's renewal sent the chosen name and the class"
IPCFG_KEEPER=detached run_ipcfg /release c0
assert_exit 0 "/release stops the keeper"
assert_eq 0 "$(nkeepers c0)" "no keeper left"

finish
