#!/usr/bin/env bash
# The DHCPv6 library against a real server: dnsmasq in a network namespace,
# the library's state machine in another behind the test driver
# dhcp6_drive (a UDP socket, the DUID and lease files in a directory;
# nothing installed in the kernel).  Obtain (Solicit, Advertise, Request,
# Reply), renew to the same address, release seen by the server, obtain
# again, rebind to a second server once the first is gone and T2 has
# passed, NoAddrsAvail from every server -> Information-request, and a
# silent link (status 5 within the timeout).  With DHCP6_SEEDS_OUT=FILE,
# every answer received is written there as hex (the fuzzers' captured
# seeds: tests/fuzz/seeds-dhcp6/dnsmasq.hex).
#
#     bash tests/dhcp6/test_dhcp6_dnsmasq.sh build/dev/tests/dhcp6/dhcp6_drive
#
# SPDX-License-Identifier: MIT
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../linux/integration/lib.sh" "$@"
source "$here/../linux/integration/dhcp_lib.sh"

DRIVE=$IPCFG
ST=$DHCP_TMP/dhcp6
mkdir -p "$ST"
export DHCP6_CAPTURE=$DHCP_TMP/answers.hex

dhcp_net
ip -n "$SRV" addr add 2001:db8:77::1/64 dev s0 nodad || fatal "server address"
RANGE=(--dhcp-range=2001:db8:77::100,2001:db8:77::1ff,64,600 "--dhcp-option=option6:dns-server,[2001:db8:77::53]"
    --dhcp-option=option6:domain-search,example.test)

drive() { run_captured "dhcp6_drive $*" ip netns exec "$CLI" "$DRIVE" c0 "$ST" "$@"; }
lease() { cat "$ST/lease6" 2>/dev/null; }
key() { lease | awk -v k="$1" '$1 == k { sub(/^[^ ]+ /, ""); print }'; }

# obtain
dnsmasq_start one "$SRV" s0 "${RANGE[@]}"
drive renew 10000
assert_exit 0 "obtain"
assert_contains "$OUT" "status 0 outcome bound" "obtain"
assert_eq "send type 1
send type 3" "$(grep '^send' <<<"$OUT")" "obtain: Solicit, then Request"
assert_eq bound "$(key state)" "obtain: the record"
addr=$(key address)
[[ $addr =~ ^2001:db8:77::1[0-9a-f]{2}\ 600\ 600$ ]] && _pass || _fail "obtain: an address of the range" "$addr"
assert_eq "2001:db8:77::53" "$(key dns)" "obtain: DNS server (option 23)"
assert_eq "example.test" "$(key domain)" "obtain: search list (option 24)"
assert_eq "300 525" "$(key t1) $(key t2)" "obtain: T1, T2"
assert_contains "$(cat "$DHCP_TMP/one.log")" "DHCPREPLY(s0) ${addr%% *}" "obtain: the server's log"
duid=$(awk '$1 == "duid" { print $2 }' "$ST/duid")
assert_eq "$duid" "$(key client-duid)" "obtain: the DUID file's DUID"
server1=$(key server-duid)

# renew: the same address, from the same server
drive renew 10000
assert_exit 0 "renew"
assert_eq "send type 5" "$(grep '^send' <<<"$OUT")" "renew: one Renew"
assert_eq "$addr" "$(key address)" "renew: the same address"

# release: the address off first, then Release; the server sees it
drive release 10000
assert_exit 0 "release"
assert_eq "unapply ${addr%% *}
send type 8" "$(grep -E '^(send|unapply)' <<<"$OUT")" "release: the address removed before the Release"
assert_eq released "$(key state)" "release: the record"
assert_contains "$(cat "$DHCP_TMP/one.log")" "DHCPRELEASE(s0)" "release: the server's log"
drive release 10000
assert_exit 2 "release with nothing to release"

# obtain again, then the server goes: past T2, Rebind reaches a second one
drive renew 10000
assert_exit 0 "obtain again"
addr=$(key address)
dnsmasq_stop "$DNSMASQ_PID"
python3 - "$ST/lease6" <<'EOF' || fatal "aging the lease"
import sys
p = sys.argv[1]
lines = open(p).read().split("\n")
for i, l in enumerate(lines):
    k, _, v = l.partition(" ")
    if k in ("obtained", "expires"):
        lines[i] = "%s %d" % (k, int(v) - 540)   # T2 is 525 s after obtained
open(p, "w").write("\n".join(lines))
EOF
dnsmasq_start two "$SRV" s0 "${RANGE[@]}"
drive renew 10000
assert_exit 0 "rebind"
assert_eq "send type 6" "$(grep '^send' <<<"$OUT" | sort -u)" "rebind: Rebind, no Renew"
assert_eq "$addr" "$(key address)" "rebind: the same address"
[[ $(key server-duid) != "$server1" ]] && _pass || _fail "rebind: the second server's DUID recorded" "$(lease)"
dnsmasq_stop "$DNSMASQ_PID"

# no address for us anywhere: configuration only
rm -f "$ST/lease6"
dnsmasq_start static "$SRV" s0 --dhcp-range=2001:db8:77::,static "--dhcp-option=option6:dns-server,[2001:db8:77::53]" \
    --dhcp-option=option6:domain-search,example.test
drive renew 10000
assert_exit 0 "NoAddrsAvail"
assert_contains "$OUT" "ignored: status NoAddrsAvail" "NoAddrsAvail: the Advertise refused"
assert_contains "$OUT" "send type 11" "NoAddrsAvail: Information-request"
assert_contains "$OUT" "note: no DHCPv6 server has an address for this interface" "NoAddrsAvail: one line says so"
assert_contains "$OUT" "status 0 outcome stateless" "NoAddrsAvail: configuration only"
assert_eq "stateless 2001:db8:77::53 example.test 86400" "$(key state) $(key dns) $(key domain) $(key refresh)" \
    "NoAddrsAvail: the record"
dnsmasq_stop "$DNSMASQ_PID"

# nobody: status 5 at the timeout
rm -f "$ST/lease6"
start=$SECONDS
drive renew 2500
assert_exit 5 "silence"
assert_contains "$OUT" "unable to contact your DHCP server" "silence"
((SECONDS - start <= 4)) && _pass || _fail "silence: bounded by the timeout" "$((SECONDS - start)) s"

if [[ -n ${DHCP6_SEEDS_OUT:-} ]]; then
    awk '!seen[$0]++' "$DHCP6_CAPTURE" >"$DHCP6_SEEDS_OUT"
fi
finish
