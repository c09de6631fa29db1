#!/usr/bin/env bash
# Other DHCP clients from their lease files, written by the test
# in the documented formats under IPCFG_PEER_ROOT (systemd-networkd and
# NetworkManager are not run here: they need systemd and D-Bus):
#   n1  systemd-networkd lease (/run/systemd/netif/leases/<ifindex>): the
#       lease shown, Lease Obtained = the file's mtime, Expires = + LIFETIME;
#   m1  NetworkManager internal client (address only): DHCP Enabled, nothing
#       invented (no lease times, no server);
#   m2  NetworkManager's dhclient plug-in file: the last valid block wins;
#   e1  an expired dhclient lease on a dynamic address: not current; the
#       address makes it "another client, unknown";
#   u1  a dynamic address and no lease at all: "unknown";
#   s1  a networkd lease for an address the interface no longer has: stale;
#   c1  corrupt and truncated lease files: ignored;
#   f1  a FIFO where a lease file should be: skipped, never blocks;
#   o1  an address marked as ipcfg's own (IFA_PROTO), with no ipcfg lease
#       file and a networkd lease claiming it: still ipcfg's, not refused;
#   d1, d3  no lease, but a pid file (ifupdown's dhclient, NetworkManager's
#       dhclient) naming a live process of that name: run by that client;
#   d2  a pid file of a process that has exited: nobody's.
# /renew and /release on the peers' interfaces exit 2 with the client's
# command; /renew without an adapter skips them all (exit 2); nothing changes.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
ADDPROTO=${2:-}
[[ -x $ADDPROTO ]] || fatal "usage: $0 IPCFG PEER_ADDPROTO"

SCRATCH=$(mktemp -d /tmp/ipcfg-peerfiles.XXXXXX) || fatal "mktemp"
FAKE_PID=''
trap '[[ -n $FAKE_PID ]] && kill "$FAKE_PID" 2>/dev/null; rm -rf "$SCRATCH"; _cleanup' EXIT
ROOT=$SCRATCH/root
mkdir -p "$ROOT/run/systemd/netif/leases" "$ROOT/var/lib/NetworkManager" "$ROOT/var/lib/dhcp" \
    "$ROOT/var/lib/dhcpcd" "$ROOT/run/NetworkManager" "$SCRATCH/state"
export IPCFG_PEER_ROOT=$ROOT IPCFG_STATE_DIR=$SCRATCH/state TZ=UTC0

ns_new files
for i in n1 m1 m2 e1 u1 s1 c1 f1 o1 d1 d2 d3; do
    nsip link add "$i" type veth peer name "${i}p"
    nsip link set "$i" up
    nsip link set "${i}p" up
done
dyn() { nsip addr add "$1" dev "$2" valid_lft 600 preferred_lft 600; }
dyn 10.79.1.2/24 n1
dyn 10.79.2.2/24 m1
dyn 10.79.3.2/24 m2
dyn 10.79.4.2/24 e1
dyn 10.79.5.2/24 u1
nsip addr add 10.79.6.2/24 dev s1
nsip addr add 10.79.7.2/24 dev c1
nsip addr add 10.79.8.2/24 dev f1

NOW=$(date +%s)
UUID=0f3c8e4a-3b4f-4e4b-9d55-7c2e1b9a6d10
L=$ROOT/run/systemd/netif/leases
printf '# This is private data. Do not parse.\nADDRESS=10.79.1.2\nNETMASK=255.255.255.0\nROUTER=10.79.1.1\nSERVER_ADDRESS=10.79.1.1\nT1=300\nT2=525\nLIFETIME=600\nDNS=10.79.1.53 10.79.1.54\nDOMAINNAME=nd.example\n' \
    >"$L/$(ifindex n1)"
touch -d "@$((NOW - 100))" "$L/$(ifindex n1)"
printf 'ADDRESS=10.79.6.9\nLIFETIME=600\n' >"$L/$(ifindex s1)"                 # not s1's address
printf 'ADDRESS=10.79.7.2\nLIFETIME=banana\n' >"$L/$(ifindex c1)"              # corrupt
printf '# This is private data. Do not parse.\nADDRESS=10.79.2.2\n' >"$ROOT/var/lib/NetworkManager/internal-$UUID-m1.lease"
cat >"$ROOT/var/lib/NetworkManager/dhclient-$UUID-m2.lease" <<EOF
lease {
  fixed-address 10.79.3.9;
  option dhcp-lease-time 600;
  option dhcp-server-identifier 10.79.3.1;
  expire epoch $((NOW + 100));
}
lease {
  fixed-address 10.79.3.2;
  option dhcp-lease-time 600;
  option dhcp-server-identifier 10.79.3.1;
  option domain-name-servers 10.79.3.53;
  option domain-name "nm.example";
  expire epoch $((NOW + 500));
}
lease {
  fixed-address 10.79.3.7;
  option dhcp-lease-time 6
EOF
cat >"$ROOT/var/lib/dhcp/dhclient.e1.leases" <<EOF
lease {
  interface "e1";
  fixed-address 10.79.4.2;
  option dhcp-lease-time 600;
  expire epoch $((NOW - 10));
}
EOF
head -c 100 /dev/urandom >"$ROOT/var/lib/dhcpcd/c1.lease"                    # truncated garbage
mkfifo "$ROOT/var/lib/dhcpcd/f1.lease"

# Pid files (no lease yet): a live process named "dhclient" (a copy of
# sleep) for d1 (ifupdown's /run/dhclient.IFNAME.pid) and d3
# (NetworkManager's /run/NetworkManager/dhclient-IFNAME.pid); d2's names a
# process that has exited.
cp "$(command -v sleep)" "$SCRATCH/dhclient" || fatal "cp sleep"
"$SCRATCH/dhclient" 300 &
FAKE_PID=$!
echo "$FAKE_PID" >"$ROOT/run/dhclient.d1.pid"
echo "$FAKE_PID" >"$ROOT/run/NetworkManager/dhclient-d3.pid"
"$SCRATCH/dhclient" 0 &
wait $!
echo $! >"$ROOT/run/dhclient.d2.pid"

all_state() {
    ip -n "$NS" -4 -j addr show | jq -c '[.[] | .ifname as $n | .addr_info[] | "\($n) \(.local)/\(.prefixlen)"] | sort'
    ip -n "$NS" -4 route show
    (cd "$ROOT" && find . -type f -exec sha256sum {} + | sort)
    ls -A "$SCRATCH/state"
}
BEFORE=$(all_state)

run_ipcfg_t() { # bounded: a listing must never block on a file
    local o e
    o=$(mktemp) e=$(mktemp)
    timeout 20 ip netns exec "$NS" "$IPCFG" "$@" >"$o" 2>"$e"
    RC=$?
    OUT=$(cat "$o"; echo x) OUT=${OUT%x}
    ERR=$(cat "$e"; echo x) ERR=${ERR%x}
    rm -f "$o" "$e"
    LAST_CMD="ipcfg $*"
}
ipcfg_time() { date -d "@$1" '+%A, %B %-d, %Y %-I:%M:%S %p'; }

run_ipcfg_t /all
assert_exit 0 "/all"
assert_layout "$OUT" "/all"
ALL=$OUT
blk() { adapter_block "$ALL" "Ethernet adapter $1:"; }

b=$(blk n1)
assert_line "$b" "$(field "DHCP Enabled" "Yes")" "n1 (networkd): DHCP Enabled"
assert_line "$b" "$(field "Lease Obtained" "$(ipcfg_time $((NOW - 100)))")" "n1: Lease Obtained = the file's mtime"
assert_line "$b" "$(field "Lease Expires" "$(ipcfg_time $((NOW + 500)))")" "n1: Lease Expires = mtime + LIFETIME"
assert_line "$b" "$(field "DHCP Server" "10.79.1.1")" "n1: DHCP Server"
assert_line "$b" "$(field "DNS Servers" "10.79.1.53")" "n1: DNS Servers"
assert_line "$b" "$(cont "10.79.1.54")" "n1: second DNS server"
assert_line "$b" "$(field "Connection-specific DNS Suffix" "nd.example")" "n1: suffix"

b=$(blk m1)
assert_line "$b" "$(field "DHCP Enabled" "Yes")" "m1 (NM internal): DHCP Enabled"
assert_no_line_matching "$b" "Lease|DHCP Server|DNS Servers" "m1: nothing invented"

b=$(blk m2)
assert_line "$b" "$(field "DHCP Enabled" "Yes")" "m2 (NM dhclient): DHCP Enabled"
assert_line "$b" "$(field "Lease Obtained" "$(ipcfg_time $((NOW - 100)))")" "m2: obtained = expire - lease time"
assert_line "$b" "$(field "DHCP Server" "10.79.3.1")" "m2: DHCP Server"
assert_line "$b" "$(field "Connection-specific DNS Suffix" "nm.example")" "m2: the last valid block"

for i in e1 u1; do
    b=$(blk $i)
    assert_line "$b" "$(field "DHCP Enabled" "Yes")" "$i: a dynamic address: DHCP Enabled"
    assert_no_line_matching "$b" "Lease|DHCP Server|DNS Servers" "$i: nothing invented"
done
b=$(blk d1)
assert_line "$b" "$(field "DHCP Enabled" "Yes")" "d1: a live dhclient (pid file): DHCP Enabled"
assert_no_line_matching "$b" "Lease|DHCP Server|DNS Servers" "d1: nothing invented"
assert_line "$(blk d3)" "$(field "DHCP Enabled" "Yes")" "d3: NetworkManager's dhclient (pid file)"
for i in s1 c1 f1 d2; do
    b=$(blk $i)
    assert_line "$b" "$(field "DHCP Enabled" "No")" "$i: stale, corrupt or not a file: not shown"
    assert_no_line_matching "$b" "Lease|DHCP Server|DNS Servers" "$i: nothing shown"
done

run_ipcfg_t /all /json
assert_exit 0 "/all /json"
j() { jq -c ".adapters[] | select(.name == \"$1\") | $2" <<<"$OUT"; }
assert_eq '["systemd-networkd",'$((NOW - 100))','$((NOW + 500))',"10.79.1.1"]' \
    "$(j n1 '[.lease.client, .lease.obtained_unix, .lease.expires_unix, .dhcp_server]')" "n1: JSON lease"
assert_eq '[true,null,null,[]]' "$(j m1 '[.dhcp_enabled, .lease, .dhcp_server, .dns_servers]')" "m1: JSON, nothing invented"
assert_eq '"NetworkManager"' "$(j m2 '.lease.client')" "m2: JSON lease.client"
assert_eq '[true,null]' "$(j u1 '[.dhcp_enabled, .lease]')" "u1: JSON"
assert_eq 'false' "$(j s1 '.dhcp_enabled')" "s1: JSON"

# No fights.
declare -A RENEW=([n1]="networkctl renew n1" [m1]="nmcli device connect m1" [m2]="nmcli device connect m2"
    [d1]="dhclient -r d1 && dhclient d1" [d3]="nmcli device connect d3")
declare -A RELEASE=([n1]="networkctl down n1" [m1]="nmcli device disconnect m1" [m2]="nmcli device disconnect m2"
    [d1]="dhclient -r d1" [d3]="nmcli device disconnect d3")
declare -A WHO=([n1]=systemd-networkd [m1]=NetworkManager [m2]=NetworkManager [d1]=dhclient [d3]=NetworkManager)
for i in n1 m1 m2 d1 d3; do
    run_ipcfg_t /renew $i
    assert_exit 2 "/renew $i"
    assert_eq "Adapter $i is run by ${WHO[$i]}; use \"${RENEW[$i]}\" instead." "${ERR%$'\n'}" "/renew $i: the line"
    run_ipcfg_t /release $i
    assert_exit 2 "/release $i"
    assert_eq "Adapter $i is run by ${WHO[$i]}; use \"${RELEASE[$i]}\" instead." "${ERR%$'\n'}" "/release $i: the line"
done
for i in e1 u1; do
    run_ipcfg_t /renew $i
    assert_exit 2 "/renew $i"
    assert_eq "Adapter $i is run by another DHCP client (its IPv4 address has a lifetime); use that client instead." \
        "${ERR%$'\n'}" "/renew $i: the line"
done
run_ipcfg_t /renew
assert_exit 2 "/renew (no adapter): nothing left to act on"
for i in n1 m1 m2 e1 u1 d1 d3; do
    assert_contains "$ERR" "Adapter $i is run by" "/renew: $i skipped with a note"
done
assert_contains "$ERR" "no adapter is in the state permissible" "/renew: the contract's line"
run_ipcfg_t /release /json
assert_exit 2 "/release /json (no adapter)"
assert_json "$OUT" '.error.reason' '"no_adapter_permissible"' "/release /json: the reason"
assert_eq "$BEFORE" "$(all_state)" "nothing changed: addresses, routes, lease files, no ipcfg lease"

# ipcfg's own address (IFA_PROTO), no ipcfg lease file, a networkd lease
# claiming it: ipcfg's, never another client's.
ip netns exec "$NS" "$ADDPROTO" o1 10.79.9.2 24 0x69 600 || fatal "peer_addproto"
printf 'ADDRESS=10.79.9.2\nLIFETIME=600\n' >"$L/$(ifindex o1)"
run_ipcfg_t /all /json
assert_eq '[false,null]' "$(j o1 '[.dhcp_enabled, .lease]')" "o1: ipcfg's own address, no ipcfg lease file: no peer's lease shown"
run_ipcfg_t /renew o1 /timeout:2
assert_not_contains "$ERR" "is run by" "/renew o1: ipcfg's own interface is not refused"
run_ipcfg_t /all
ALL=$OUT
assert_line "$(blk o1)" "$(field "DHCP Enabled" "No")" "o1: text, as ipcfg's (missing) lease file says"
assert_no_line_matching "$(blk o1)" "Lease|DHCP Server" "o1: the networkd lease for ipcfg's address is not shown"
finish
