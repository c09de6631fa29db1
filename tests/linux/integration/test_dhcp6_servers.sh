#!/usr/bin/env bash
# /renew6 against servers that are gone, replaced or have no address:
#   the issuing server gone and T2 past: Rebind reaches a second server,
#   the same address kept, the new server recorded;
#   no address for us (dnsmasq answers NoAddrsAvail): Information-request,
#   the DNS server and search list recorded, shown and handed to the
#   resolver, one line says so, exit 0; the record is configuration only
#   and /release6 withdraws it (from the resolver too);
#   nobody on the link: exit 5 within /timeout;
#   an expired record: "expired" in /json, skipped by /release6 without an
#   adapter (exit 2, nothing sent).
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"
source "$(dirname "$0")/dhcp6_lib.sh"

dhcp6_net
L6=$IPCFG_STATE_DIR/c0.lease6
sniff6_start srv "$SRV" s0

# ---- Rebind to a second server -------------------------------------------------------
dnsmasq6_start one range
run_ipcfg /renew6 c0
assert_exit 0 "/renew6 c0 (obtain from the first server)"
addr=$(lease6_key "$L6" address | awk '{ print $1 }')
server1=$(lease6_key "$L6" server-duid)
dnsmasq_stop "$DNSMASQ_PID"
# the lease 540 s older: T2 (525 s) has passed, the valid lifetime (600 s) not
lease6_age "$L6" 540
dnsmasq6_start two range
sniff6_clear srv
run_ipcfg /renew6 c0
assert_exit 0 "/renew6 c0 past T2 (rebind)"
assert_eq "REBIND REPLY" "$(sniff6_types srv)" "rebind: Rebind to every server, no Renew"
assert_eq "$addr/128" "$(v6_addrs "$CLI" c0)" "rebind: the same address"
[[ $(lease6_key "$L6" server-duid) != "$server1" ]] && _pass || _fail "rebind: the second server recorded"
read -r _ valid _ <<<"$(v6 "$CLI" c0)"
((valid > 590)) && _pass || _fail "rebind: the lifetimes extended in the kernel" "valid $valid"
run_ipcfg /release6 c0
assert_exit 0 "/release6 c0"
dnsmasq_stop "$DNSMASQ_PID"

# ---- NoAddrsAvail: configuration only ---------------------------------------------------
rm -f "$L6"
# from here on a resolver manager serves the client's namespace (its own
# resolv.conf): a recording stand-in
recording_resolvconf
NS=$CLI ns_resolv_conf "nameserver 192.0.2.1"
dnsmasq6_start static noaddrs
sniff6_clear srv
run_ipcfg /renew6 c0
assert_exit 0 "/renew6 c0 (every server: NoAddrsAvail)"
assert_contains "$(sniff6_types srv)" "INFORMATION-REQUEST REPLY" "NoAddrsAvail: an Information-request answered"
assert_eq 1 "$(grep -c "no DHCPv6 server has an address for this interface" <<<"$OUT$ERR")" "NoAddrsAvail: one line says so"
assert_line "$(cat "$RESOLVCONF_LOG")" "nameserver $DNS6" "NoAddrsAvail: the DNS server handed to the resolver"
assert_line "$(cat "$RESOLVCONF_LOG")" "search $DOMAIN6" "NoAddrsAvail: the search list handed to the resolver"
: >"$RESOLVCONF_LOG"
assert_eq "" "$(v6_addrs "$CLI" c0)" "NoAddrsAvail: no address installed"
assert_eq "stateless $DNS6 $DOMAIN6" "$(lease6_key "$L6" state) $(lease6_key "$L6" dns) $(lease6_key "$L6" domain)" \
    "NoAddrsAvail: the record (configuration only)"
run_ipcfg /all /json
assert_json "$OUT" '[.adapters[] | select(.name == "c0") | .lease6 | .state, .addresses, .dns_servers[0]]' \
    "[\"stateless\",[],\"$DNS6\"]" "NoAddrsAvail: /json's lease6"
run_ipcfg /release6 c0
assert_exit 0 "/release6 c0 (configuration only: withdrawn)"
assert_eq released "$(lease6_key "$L6" state)" "the configuration-only record released"
assert_contains "$(cat "$RESOLVCONF_LOG")" "resolvconf -d" "the configuration's DNS taken back from the resolver"
assert_no_line_matching "$(cat "$RESOLVCONF_LOG")" "$DNS6" "nothing of the configuration handed over again"
dnsmasq_stop "$DNSMASQ_PID"

# ---- nobody: 5 within the timeout ----------------------------------------------------------
rm -f "$L6"
t0=$(date +%s%N)
run_ipcfg /renew6 c0 /timeout:2
ms=$((($(date +%s%N) - t0) / 1000000))
assert_exit 5 "/renew6 with no server"
assert_contains "$ERR" "unable to contact your DHCP server" "no server: the timeout line"
assert_took "$ms" 3500 "no server: bounded by /timeout:2"

# ---- an expired record: shown as expired, skipped by /release6 without an adapter ----
dnsmasq6_start three range
run_ipcfg /renew6 c0
assert_exit 0 "/renew6 c0 (obtain from a third server)"
dnsmasq_stop "$DNSMASQ_PID"
lease6_age "$L6" 700 # past the valid lifetime (600 s)
run_ipcfg /all /json
assert_json "$OUT" '[.adapters[] | select(.name == "c0") | .lease6.state]' '["expired"]' "/json: the record expired"
sniff6_clear srv
run_ipcfg /release6
assert_exit 2 "/release6 without an adapter: an expired lease is nothing to release"
assert_eq "" "$(sniff6_types srv)" "expired: no Release sent"
finish
