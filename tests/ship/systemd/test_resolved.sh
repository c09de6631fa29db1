#!/usr/bin/env bash
# systemd-resolved for real (sd_lib.sh: systemd as PID 1 of a container, the
# package installed by dpkg): the lease's DNS server, domain and search list
# (option 119) reach resolved for host0 (`resolvectl dns`, `resolvectl
# domain`) and /renew says nothing about resolv.conf; a DHCPv6 lease's DNS
# joins them and the same unit keeps it, /release6 takes back only its own;
# /flushdns empties resolved's cache (a name resolved through the lease's
# server, then flushed), as nobody it is exit 4 and flushes nothing;
# /displaydns is 6; /release withdraws the lease's DNS; so does the lease's
# expiry under the keeper (the project's own server, 10-second leases, then
# silent); with resolved stopped, /flushdns is 6 ("No DNS cache runs on this
# host"). The host's /etc/resolv.conf is unchanged (finish).
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/sd_lib.sh"
HOSTILE=${IPCFG_SOURCE_DIR:-$(cd "$(dirname "$0")/../../.." && pwd)}/tests/linux/integration/dhcp_hostile.py
[[ -f $HOSTILE ]] || fatal "no $HOSTILE"

sd_server
srv ip addr add 2001:db8:77::1/64 dev br0 nodad || fatal "the server's IPv6 address"
dnsmasq_start --dhcp-range=10.77.0.50,10.77.0.60,255.255.255.0,2m --dhcp-option=option:dns-server,10.77.0.1 \
    --dhcp-option=option:domain-name,example.test --dhcp-option=option:domain-search,lab.example.test,corp.example.test \
    --host-record=probe.example.test,10.77.0.99 --local-ttl=300 \
    --dhcp-range=2001:db8:77::50,2001:db8:77::60,64,2m --dhcp-option=option6:dns-server,[2001:db8:77::1] \
    --dhcp-option=option6:domain-search,v6.example.test
sd_boot
sd_install "$(ls "$SD_DEBS"/ipcfg_*.deb)"
assert_exit 0 "dpkg -i"
sd_link_up host0
# (resolvectl wraps a long list at the terminal's width: COLUMNS keeps it on one line)
link_dns() { sd_run env COLUMNS=1000 resolvectl dns host0; sed -n 's/^Link [0-9]* (host0): *//p' <<<"$OUT"; }
link_domain() { sd_run env COLUMNS=1000 resolvectl domain host0; sed -n 's/^Link [0-9]* (host0): *//p' <<<"$OUT"; }
cache_size() { sd_run resolvectl statistics; sed -n 's/^ *Current Cache Size: *//p' <<<"$OUT"; }

# ---- the lease's DNS reaches resolved -----------------------------------------
sd_run ipcfg /renew host0
assert_exit 0 "/renew host0"
assert_not_contains "$ERR" "resolv.conf" "/renew says nothing about resolv.conf where resolved runs"
assert_eq "" "$ERR" "/renew host0: nothing on stderr"
assert_eq "10.77.0.1" "$(link_dns)" "resolvectl dns host0: the lease's server"
assert_eq "example.test lab.example.test corp.example.test" "$(link_domain)" \
    "resolvectl domain host0: the lease's domain, then its search list (option 119)"
sd_run ipcfg /all
assert_contains "$OUT" "Connection-specific DNS Suffix  . : example.test" "/all: host0's suffix"

# ---- DHCPv6: its DNS joins the DHCPv4 lease's, the same unit keeps both ----------
sd_run ipcfg /renew6 host0
assert_exit 0 "/renew6 host0"
assert_eq "" "$ERR" "/renew6 host0: nothing on stderr"
assert_eq "2001:db8:77::1 10.77.0.1" "$(link_dns)" "resolvectl dns host0: the DHCPv6 lease's server, then the DHCPv4 lease's"
assert_eq "example.test lab.example.test corp.example.test v6.example.test" "$(link_domain)" \
    "resolvectl domain host0: the DHCPv4 domain and search list, then the DHCPv6 one"
kept() {
    sd_run ipcfg /all /json
    jq -r '.adapters[] | select(.name == "host0") | "\(.lease.kept) \(.lease.keeper) \(.lease6.kept // "-") \(.lease6.keeper // "-")"' <<<"$OUT"
}
assert_eq "true systemd true systemd" "$(kept)" "/json: both leases kept by ipcfg@host0.service"
sd_run ipcfg /release6 host0
assert_exit 0 "/release6 host0"
assert_eq "10.77.0.1" "$(link_dns)" "resolvectl dns host0: /release6 withdrew the DHCPv6 server only"
assert_eq "example.test lab.example.test corp.example.test" "$(link_domain)" \
    "resolvectl domain host0: /release6 withdrew the DHCPv6 search list only"
assert_eq "active running" "$(unit_state ipcfg@host0.service | cut -d' ' -f1-2)" "the unit keeps the DHCPv4 lease after /release6"
assert_eq "true systemd - -" "$(kept)" "/json: the DHCPv4 lease still kept, no lease6"

# ---- /flushdns empties resolved's cache ----------------------------------------
sd_run ipcfg /flushdns
assert_exit 0 "/flushdns (an empty cache)"
sd_run resolvectl query probe.example.test
assert_contains "$OUT" "10.77.0.99" "a name resolved through the lease's server"
size=$(cache_size)
((size >= 1)) && _pass || _fail "resolved cached nothing (Current Cache Size: '$size')"
sd_run setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all ipcfg /flushdns
assert_exit 4 "/flushdns as nobody"
assert_eq "The requested operation requires elevation (root or CAP_SYS_ADMIN)." "${ERR%$'\n'}" "/flushdns as nobody: the elevation line"
assert_eq "$size" "$(cache_size)" "/flushdns as nobody flushed nothing"
sd_run ipcfg /flushdns
assert_exit 0 "/flushdns"
assert_eq $'\nLinux IP Configuration\n\nSuccessfully flushed the DNS Resolver Cache.\n' "$OUT" "/flushdns: ipconfig's line"
assert_eq "" "$ERR" "/flushdns: nothing on stderr"
assert_eq 0 "$(cache_size)" "resolved's cache is empty after /flushdns"
sd_run journalctl -u systemd-resolved -o cat --no-pager
assert_contains "$OUT" "Flushed all caches." "resolved logged the flush"
sd_run resolvectl query probe.example.test
sd_run ipcfg /flushdns /json
assert_exit 0 "/flushdns /json"
assert_eq '["flushdns",["systemd-resolved"],0,null]' "$(jq -c '[.command, .flushed, .exit_code, .error]' <<<"$OUT")" \
    "/flushdns /json: the cache it flushed"
sd_run ipcfg /displaydns
assert_exit 6 "/displaydns"
assert_contains "$ERR" "systemd-resolved" "/displaydns: says why"

# ---- /release withdraws the lease's DNS ----------------------------------------
sd_run ipcfg /release host0
assert_exit 0 "/release host0"
assert_eq "" "$(link_dns)" "resolvectl dns host0: withdrawn by /release"
assert_eq "" "$(link_domain)" "resolvectl domain host0: withdrawn by /release"

# ---- so does the lease's expiry -------------------------------------------------
dnsmasq_stop
echo "lease:10" >"$SD_TMP/scenario"
: >"$SD_TMP/hostile.log"
# (it reads br0's address in /sys: the server namespace's own sysfs, in a
# mount namespace of its own, as `ip netns exec` would mount it)
srv_start unshare --mount --propagation private \
    sh -c 'mount -t sysfs sysfs /sys && exec python3 "$@"' _ "$HOSTILE" br0 10.77.0.1 "$SD_TMP/scenario" "$SD_TMP/hostile.log"
wait_for 5 grep -q ready "$SD_TMP/hostile.log" || fatal "the DHCP server did not start"
sd_run ipcfg /renew host0
assert_exit 0 "/renew host0 (a 10-second lease)"
assert_eq "10.77.0.1" "$(link_dns)" "resolvectl dns host0: the short lease's server"
echo silent >"$SD_TMP/scenario"
t0=$(now_ms)
withdrawn() { [[ -z $(link_dns) && -z $(link_domain) ]]; }
wait_for 20 withdrawn && _pass || _fail "the expired lease's DNS is still on host0: $(link_dns) $(link_domain)"
ms=$(($(now_ms) - t0))
((ms >= 7000)) && _pass || _fail "withdrawn after $ms ms, before the 10-second lease could expire"
sd_run journalctl -u ipcfg@host0.service -o cat --no-pager
assert_contains "$OUT" "host0:" "the keeper's log is in the unit's journal"
sd_run ipcfg /release host0

# ---- no resolved: no DNS cache runs ----------------------------------------------
sd_run systemctl stop systemd-resolved.socket systemd-resolved.service
sd_run ipcfg /flushdns
assert_exit 6 "/flushdns with resolved stopped"
assert_eq "Error: No DNS cache runs on this host: systemd-resolved does not run for this network namespace, so there is nothing to flush." \
    "${ERR%$'\n'}" "/flushdns: no DNS cache runs"
finish
