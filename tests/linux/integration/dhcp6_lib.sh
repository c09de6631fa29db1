# Helpers of the DHCPv6 integration tests (sourced after lib.sh and
# dhcp_lib.sh, whose namespaces, dnsmasq_start, wait_for, jail and EXIT
# trap they build on).
#
#     source "$here/lib.sh" "$@"; source "$here/dhcp_lib.sh"; source "$here/dhcp6_lib.sh"
#     dhcp6_net                      # $CLI (c0) -- $SRV (s0, 2001:db8:77::1/64), link-locals ready
#     dnsmasq6_start one range       # or: hostile6_start; scen6 lease:20
#     sniff6_start srv "$SRV" s0     # every DHCPv6 message and RA/NS/NA in $DHCP_TMP/srv.pkts6
#     ...  run_ipcfg /renew6 c0 ; sniff6_types srv ; dnsmasq6_leases one ; v6 "$CLI" c0
#     finish
#
# The link: dhcp6_net (a veth pair) or dhcp6_net bridge (br0 in the server
# namespace, for more hosts: dhcp6_server2, dhcp_join), IPv6 on both sides:
# the server side holds $SRV6 (2001:db8:77::1/64), both sides' link-local
# addresses are ready ($CLI_LL, $SRV_LL).  Duplicate address detection is
# off in every namespace (lib.sh's ns_new: addresses are usable at once);
# dhcp6_dad_on turns it on for one interface and dhcp6_claim makes another
# host hold an address, for the DAD-failure case.  Servers: dnsmasq in
# DHCPv6 mode (dnsmasq6_start, modes below) or the project's hostile server
# (dhcp6_hostile.py: scenarios, short leases).  Recorders: dhcp6_sniff.py
# (sniff6_start).  Everything started here is stopped by dhcp_lib.sh's EXIT
# trap, before the namespaces go.
#
# SPDX-License-Identifier: MIT

NET6=2001:db8:77:: # the link's prefix (/64); ${NET6}1 is the server
SRV6=${NET6}1
DNS6=${NET6}53     # the DNS server every server here hands out (option 23)
DOMAIN6=example.test

# ---- the link -----------------------------------------------------------------

# dhcp6_ll NAMESPACE IFACE: the interface's link-local address once it is
# usable (not tentative), waited for up to 5 s; empty when it never is.
_ll() {
    ip -n "$1" -j -6 addr show dev "$2" 2>/dev/null |
        jq -r '.[0].addr_info[]? | select(.scope == "link" and (.tentative // false) == false) | .local' | head -n1
}
dhcp6_ll() {
    wait_for 5 test -n "$(_ll "$1" "$2")" || return 0
    _ll "$1" "$2"
}

# dhcp6_net [bridge]: dhcp_net (c0 -- s0) or dhcp_bridge_net (c0 -- port of
# br0; multicast snooping off, so that ff02::1:2 reaches every port), then
# $SRV6/64 on the server side ($SRV_IF) and both link-locals waited for:
# $CLI_LL, $SRV_LL.  The client has no global address.
dhcp6_net() {
    if [[ ${1:-} == bridge ]]; then
        dhcp_bridge_net
        ip -n "$SRV" link set br0 type bridge mcast_snooping 0 || fatal "br0: multicast snooping off"
    else
        dhcp_net
    fi
    ip -n "$SRV" addr add "$SRV6/64" dev "$SRV_IF" nodad || fatal "server address $SRV6"
    CLI_LL=$(dhcp6_ll "$CLI" c0)
    SRV_LL=$(dhcp6_ll "$SRV" "$SRV_IF")
    [[ -n $CLI_LL && -n $SRV_LL ]] || fatal "no link-local address on c0 ($CLI_LL) or $SRV_IF ($SRV_LL)"
}

# dhcp6_server2 [ADDRESS]: a second server host on the bridge of
# "dhcp6_net bridge": namespace $SRV2 with s2 (ADDRESS/64, default
# ${NET6}2), its link-local ready ($SRV2_LL).  Start a server there with
# D6_NS=$SRV2 D6_IF=s2 dnsmasq6_start ... or hostile6_start "$SRV2" s2 ...
dhcp6_server2() {
    dhcp_join srv2 s2
    SRV2=$JOINED
    ip -n "$SRV2" addr add "${1:-${NET6}2}/64" dev s2 nodad || fatal "second server's address"
    SRV2_LL=$(dhcp6_ll "$SRV2" s2)
    [[ -n $SRV2_LL ]] || fatal "no link-local address on s2"
}

# ---- duplicate address detection ------------------------------------------------

# dhcp6_dad_on NAMESPACE IFACE: DAD on for IFACE (RFC 4862 §5.4: one probe,
# the kernel's RetransTimer of 1 s, after a random delay of up to 1 s):
# an address added from now on is tentative until DAD passes, or stays
# "dadfailed" when another host answered for it.  Its link-local address
# is already in use, so it is not probed again.
dhcp6_dad_on() {
    ip netns exec "$1" sysctl -qw "net.ipv6.conf.$2.accept_dad=1" "net.ipv6.conf.$2.dad_transmits=1" ||
        fatal "DAD on for $2"
}

# dhcp6_claim ADDRESS [NAMESPACE IFACE]: another host holds ADDRESS (added
# as /128 without DAD to IFACE in NAMESPACE; by default the server side,
# $SRV $SRV_IF, which is another host on the client's link), so that it
# answers a client's DAD probe for it and the client's DAD fails.
dhcp6_claim() {
    ip -n "${2:-$SRV}" addr add "$1/128" dev "${3:-$SRV_IF}" nodad || fatal "claiming $1"
}

# dhcp6_addr_state NAMESPACE IFACE ADDRESS: "absent", "dadfailed",
# "tentative", "deprecated" (preferred lifetime 0) or "ok".
dhcp6_addr_state() {
    ip -n "$1" -j -6 addr show dev "$2" 2>/dev/null | jq -r --arg a "$3" '
        [.[0].addr_info[]? | select(.local == $a)] | if length == 0 then "absent"
        elif .[0].dadfailed then "dadfailed" elif .[0].tentative then "tentative"
        elif .[0].preferred_life_time == 0 then "deprecated" else "ok" end'
}

# dhcp6_wait_state NAMESPACE IFACE ADDRESS STATE SECONDS: 0 once the
# address is in STATE, 1 when it was not within SECONDS.
dhcp6_wait_state() {
    wait_for "$5" test "$(dhcp6_addr_state "$1" "$2" "$3")" = "$4"
}

# v6 NAMESPACE IFACE: the interface's global IPv6 addresses,
# "address/prefix valid preferred" lines, sorted ("forever" for infinite).
v6() {
    ip -n "$1" -j -6 addr show dev "$2" |
        jq -r '.[0].addr_info[]? | select(.scope == "global") | "\(.local)/\(.prefixlen) \(.valid_life_time | if . == 4294967295 then "forever" else . end) \(.preferred_life_time | if . == 4294967295 then "forever" else . end)"' |
        sort
}

# v6_addrs NAMESPACE IFACE: "address/prefix" of the global IPv6 addresses, sorted.
v6_addrs() {
    ip -n "$1" -j -6 addr show dev "$2" | jq -r '.[0].addr_info[]? | select(.scope == "global") | "\(.local)/\(.prefixlen)"' | sort
}

# v6_routes NAMESPACE: the IPv6 routes of the main table but the kernel's
# link-local and multicast ones, "dst dev protocol" lines (an RA with the
# M flag makes the kernel add its prefix route and default route, protocol
# "ra"; an address installed as /128 brings no prefix route).
v6_routes() {
    ip -n "$1" -j -6 route show table main | jq -r '.[] | select(.dst != "fe80::/64" and (.dst | startswith("ff") | not)) |
        "\(.dst) \(.dev) \(.protocol)"'
}

# ---- dnsmasq in DHCPv6 mode ---------------------------------------------------------------

# dnsmasq6_start TAG MODE [ARGS...]: dnsmasq (dnsmasq_start: its log with
# --log-dhcp in $DHCP_TMP/TAG.log, its leases in $DHCP_TMP/TAG.leases,
# DNSMASQ_PID) serving DHCPv6 in $SRV on $SRV_IF (D6_NS and D6_IF name
# another host and interface, e.g. D6_NS=$SRV2 D6_IF=s2), every mode with
# DNS server $DNS6 (option 23) and search list $DOMAIN6 (option 24), then
# ARGS.  MODE:
#   range[:LEASE]  addresses ${NET6}100 to ${NET6}1ff, LEASE seconds (600;
#                  dnsmasq's minimum is 120); no router advertisements
#   ra[:LEASE]     the same, and router advertisements with the M flag
#                  (addresses by DHCPv6) and no A flag (no SLAAC); the
#                  client's kernel then adds the prefix's on-link route and
#                  a default route (protocol ra)
#   full           a range of one address, ${NET6}100, reserved for another
#                  client (DUID 00:03:00:01:02:00:00:00:00:ff): NoAddrsAvail
#                  to everyone else
#   noaddrs        no range of addresses at all (static, no host): every
#                  Solicit answered NoAddrsAvail (at the message's top
#                  level), Information-request answered (DNS, search list)
#   stateless      router advertisements with the O and A flags
#                  (ra-stateless: addresses by SLAAC, the rest by DHCPv6):
#                  only Information-request is answered
#   raw            ARGS only
dnsmasq6_start() {
    local tag=$1 mode=${2%%:*} lease=600
    [[ $2 == *:* ]] && lease=${2#*:}
    shift 2
    local base=("--dhcp-option=option6:dns-server,[$DNS6]" "--dhcp-option=option6:domain-search,$DOMAIN6")
    case $mode in
    range) base+=("--dhcp-range=${NET6}100,${NET6}1ff,64,$lease") ;;
    ra) base+=("--dhcp-range=${NET6}100,${NET6}1ff,64,$lease" --enable-ra) ;;
    full) base+=("--dhcp-range=${NET6}100,${NET6}100,64,600" "--dhcp-host=id:00:03:00:01:02:00:00:00:00:ff,[${NET6}100]") ;;
    noaddrs) base+=("--dhcp-range=${NET6},static") ;;
    stateless) base+=("--dhcp-range=${NET6},ra-stateless" --enable-ra) ;;
    raw) base=() ;;
    *) fatal "dnsmasq6_start: unknown mode $mode" ;;
    esac
    dnsmasq_start "$tag" "${D6_NS:-$SRV}" "${D6_IF:-$SRV_IF}" "${base[@]}" "$@"
}

# dnsmasq6_leases TAG: the DHCPv6 leases in dnsmasq's lease file,
# "ADDRESS IAID CLIENT-DUID" lines (the DUID as dnsmasq writes it,
# colon-separated hex), sorted.
dnsmasq6_leases() {
    awk '$1 == "duid" { v6 = 1; next } v6 && NF >= 5 { print $3, $2, $5 }' "$DHCP_TMP/$1.leases" 2>/dev/null | sort
}

# dnsmasq6_log TAG [ERE]: dnsmasq's DHCPv6 log lines ("dnsmasq-dhcp6"), those
# matching ERE, e.g. 'DHCPRELEASE\(s0\)' or 'DHCPREPLY\(s0\) 2001:db8:77::1'.
dnsmasq6_log() {
    grep 'dnsmasq-dhcp6' "$DHCP_TMP/$1.log" | grep -E -- "${2:-.}"
}

# ---- the packet recorder ---------------------------------------------------------------

# sniff6_start TAG NAMESPACE IFACE [--hex]: records every DHCPv6 message
# and RS/RA/NS/NA seen on IFACE into $DHCP_TMP/TAG.pkts6 (dhcp6_sniff.py:
# "TYPE SRC DST xid=... client=... ia=IAID/T1/T2{ADDR/PREF/VALID} ... at=S";
# --hex appends each message's bytes).
sniff6_start() {
    : >"$DHCP_TMP/$1.pkts6"
    ip netns exec "$2" python3 "$LIB_DIR/dhcp6_sniff.py" ${4:+"$4"} "$3" "$DHCP_TMP/$1.pkts6" &
    DHCP_PIDS+=("$!")
    wait_for 5 grep -q ready "$DHCP_TMP/$1.pkts6" || fatal "the DHCPv6 packet recorder did not start"
}

# sniff6 TAG [ERE]: the recorded lines (not "ready"), those matching ERE.
sniff6() { grep -v '^ready$' "$DHCP_TMP/$1.pkts6" | grep -E -- "${2:-.}"; }

# sniff6_types TAG: the DHCPv6 message types recorded, in order, on one
# line ("SOLICIT ADVERTISE REQUEST REPLY"); RS/RA/NS/NA left out.
sniff6_types() {
    sniff6 "$1" | awk '$1 !~ /^(RS|RA|NS|NA)$/ { printf "%s%s", sep, $1; sep = " " } END { print "" }'
}

# sniff6_clear TAG: forgets what was recorded so far.
sniff6_clear() { : >"$DHCP_TMP/$1.pkts6"; }

# sniff6_wait TAG ERE SECONDS: 0 once a recorded line matches ERE.
sniff6_wait() { wait_for "$3" grep -qE -- "$2" "$DHCP_TMP/$1.pkts6"; }

# sniff6_field LINE KEY: the value of KEY=... in one recorded line.
sniff6_field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p" | head -n1; }

# ---- the hostile server ----------------------------------------------------------------

# hostile6_start [NAMESPACE IFACE [LOG [CONTROL]]]: dhcp6_hostile.py on
# IFACE (default $SRV $SRV_IF) serving the scenario in CONTROL (default
# $HOSTILE6_CTL, which scen6 writes; "good" at the start), logging to LOG
# (default $DHCP_TMP/hostile6.log); sets HOSTILE6_PID.  Two of them (on
# two hosts of a bridge, each with its own CONTROL) play two servers.
HOSTILE6_CTL=$DHCP_TMP/scenario6
HOSTILE6_LOG=$DHCP_TMP/hostile6.log
hostile6_start() {
    local ns=${1:-$SRV} ifc=${2:-$SRV_IF} log=${3:-$HOSTILE6_LOG} ctl=${4:-$HOSTILE6_CTL}
    echo good >"$ctl"
    : >"$log"
    ip netns exec "$ns" python3 "$LIB_DIR/dhcp6_hostile.py" "$ifc" "$ctl" "$log" "$NET6" &
    HOSTILE6_PID=$!
    DHCP_PIDS+=("$HOSTILE6_PID")
    wait_for 5 grep -q ready "$log" || fatal "the hostile DHCPv6 server did not start: $(cat "$log")"
}

# scen6 WORDS...: the hostile server's scenario from now on (dhcp6_hostile.py
# lists the words: good, lease:VALID[:PREFERRED[:T1:T2]], pref:N, xid,
# dns255, storm, ...).  HOSTILE6_CTL=FILE scen6 ... for another server.
scen6() { echo "$*" >"$HOSTILE6_CTL"; }

# hostile6_log [ERE]: the hostile server's log lines (not "ready"), those matching ERE.
hostile6_log() { grep -v '^ready$' "$HOSTILE6_LOG" | grep -E -- "${1:-.}"; }

# ---- the lease files ---------------------------------------------------------------------

# lease6_key FILE KEY: the values of KEY in a DHCPv6 lease file
# (docs/dhcp.md, "ipcfg-lease6 1"), one line each.
lease6_key() { awk -v k="$2" '$1 == k { sub(/^[^ ]+ /, ""); print }' "$1" 2>/dev/null; }

# lease6_age FILE SECONDS: the lease file's record made SECONDS older (its
# obtained and expires times moved back), as if it had been obtained then.
lease6_age() {
    python3 - "$1" "$2" <<'PY' || fatal "aging the lease $1"
import sys
p, d = sys.argv[1], int(sys.argv[2])
lines = open(p).read().split("\n")
for i, l in enumerate(lines):
    k, _, v = l.partition(" ")
    if k in ("obtained", "expires"):
        lines[i] = "%s %d" % (k, int(v) - d)
open(p, "w").write("\n".join(lines))
PY
}
