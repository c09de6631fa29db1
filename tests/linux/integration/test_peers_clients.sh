#!/usr/bin/env bash
# Other DHCP clients, for real: dnsmasq serves DHCP in one
# namespace; in the other, the real ISC dhclient and then the real dhcpcd
# obtain a lease on pc0.  Then:
#   - ipcfg /all and /all /json show that client's lease: DHCP Enabled Yes,
#     the address, DHCP Server, DNS Servers, the suffix, and lease times
#     within a second of the client's own (dhclient: its lease file's
#     expire less the lease time; dhcpcd: `dhcpcd -U` and its lease file's
#     mtime) and of dnsmasq's expiry; lease.client names the client;
#   - /renew pc0 and /release pc0 exit 2 with one line naming the client and
#     its command; /renew and /release without an adapter skip pc0 with a
#     note and exit 2 (nothing else is left); the JSON error says
#     "other_dhcp_client";
#   - a keeper is never started for an interface another client runs: each
#     refused /renew runs with IPCFG_KEEPER=detached and leaves no keeper
#     (none runs in the namespace, and none wrote to the keeper log);
#   - none of them changes the address, the routes, the client's lease file
#     or the server's lease, and no ipcfg lease is written;
#   - a dhcpcd that runs pc1 but has no lease yet (no server there) is found
#     by its pid file: pc1 is refused too;
#   - the same checks with the real systemd-networkd, when it is installed.
#
# Every client runs so that it cannot touch the host: in a private mount and
# UTS namespace (unshare -mu) with /etc overlaid on a scratch directory, a
# scratch file bind-mounted over /etc/resolv.conf and tmpfs over its state
# directories (/var/lib/dhcp, /var/lib/dhcpcd, /run/dhcpcd) and a
# resolvconf.conf in the overlay that keeps openresolv's state in the
# scratch (the clients' hooks call its resolvconf when it is installed);
# ipcfg runs in that same mount namespace (nsenter), so it reads the lease
# files where the clients really keep them.  The host's /etc/resolv.conf is
# checked unchanged at the end (and no /etc/resolv.conf.bak nor
# /run/resolvconf appeared).
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"

for _t in dnsmasq dhclient dhcpcd unshare nsenter sha256sum stat; do
    command -v "$_t" >/dev/null || fatal "$_t is required (bash scripts/install-deps.sh test)"
done

IPCFG=$(realpath "$IPCFG") # nsenter -m: the client's mount namespace and directory
HOST_RESOLV=$(host_resolver_state)
SCRATCH=$(mktemp -d /tmp/ipcfg-peers.XXXXXX) || fatal "mktemp"
PIDS=()
PEER_PID=''

peers_cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
    for p in "${PIDS[@]}"; do
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$p" 2>/dev/null
    done
    PIDS=()
    rm -rf "$SCRATCH"
}
trap 'peers_cleanup; _cleanup' EXIT

# The mount points of the clients' state directories (empty directories;
# dhcpcd-base has no /run/dhcpcd until it first runs).
for _d in /var/lib/dhcp /var/lib/dhcpcd /run/dhcpcd; do
    [[ -d $_d ]] || mkdir -p "$_d" || fatal "cannot create the mount point $_d"
done

ns_new srv
SRV=$NS
ns_new cli
CLI=$NS
ip -n "$SRV" link add v0 type veth peer name pc0 netns "$CLI" || fatal "veth"
ip -n "$SRV" link set v0 up || fatal "v0 up"
ip -n "$CLI" link set pc0 up || fatal "pc0 up"
ip -n "$SRV" addr add 10.78.0.1/24 dev v0 || fatal "server address"

# DHCP only (port=0: no DNS), no configuration file, leases in the scratch.
ip netns exec "$SRV" dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --port=0 \
    --user=root --group=root --interface=v0 --bind-interfaces --dhcp-authoritative \
    --dhcp-range=10.78.0.50,10.78.0.59,255.255.255.0,600 \
    --dhcp-option=option:router,10.78.0.1 \
    --dhcp-option=option:dns-server,10.78.0.53,10.78.0.54 \
    --dhcp-option=option:domain-name,peers.example \
    --dhcp-leasefile="$SCRATCH/dnsmasq.leases" --pid-file="$SCRATCH/dnsmasq.pid" \
    --log-dhcp --log-facility="$SCRATCH/dnsmasq.log" >/dev/null 2>&1 &
PIDS+=($!)
mkdir -p "$SCRATCH/state" # ipcfg's own state directory: must stay empty

# resolvconf_conf DIR: openresolv's configuration in the /etc overlay of DIR
# (dhclient's and dhcpcd's hooks call resolvconf when it is installed):
# resolv.conf is the scratch file, its state in DIR, no subscriber (the
# host's file names dnsmasq's), no service restarted, no daemon signalled.
resolvconf_conf() {
    printf '%s\n' "resolv_conf=/etc/resolv.conf" "state_dir=$1/resolvconf" "libc_restart=:" \
        "avahi_daemon_pidfile=/dev/null" "mdnsd_pidfile=/dev/null" >"$1/etc-up/resolvconf.conf"
}

# peer_start NAME CMD...: CMD in $CLI, shut in as described above; PEER_PID.
peer_start() {
    local name=$1 d=$SCRATCH/$1
    shift
    mkdir -p "$d/etc-up" "$d/etc-work" || fatal "scratch"
    printf 'nameserver 192.0.2.1\n' >"$d/resolv.conf"
    resolvconf_conf "$d"
    # shellcheck disable=SC2016
    ip netns exec "$CLI" unshare -mu --propagation private sh -c '
        d=$1; shift
        set -e
        mount -t overlay overlay -o "lowerdir=/etc,upperdir=$d/etc-up,workdir=$d/etc-work" /etc
        mount --bind "$d/resolv.conf" /etc/resolv.conf
        for m in /var/lib/dhcp /var/lib/dhcpcd /run/dhcpcd; do mount -t tmpfs -o mode=0755 none "$m"; done
        hostname ipcfg-peer-test
        exec "$@"' sh "$d" "$@" >"$d/log" 2>&1 &
    PEER_PID=$!
    PIDS+=("$PEER_PID")
}

# in_peer CMD...: CMD in the client's network and mount namespaces.
in_peer() { nsenter -t "$PEER_PID" -m -n "$@"; }

# wait_lease FILE: until pc0 has a global IPv4 address and FILE exists in the
# client's mount namespace (20 s at most).
wait_lease() {
    local i
    for ((i = 0; i < 100; i++)); do
        kill -0 "$PEER_PID" 2>/dev/null || break
        if [[ -n $(ip -n "$CLI" -4 -o addr show dev pc0 scope global) ]] && in_peer test -s "$1"; then
            sleep 0.3 # the client finishes writing
            return 0
        fi
        sleep 0.2
    done
    fatal "no lease on pc0 from $(basename "$1"); client log: $(cat "$SCRATCH"/*/log 2>/dev/null)"
}

run_peer_ipcfg() {
    TZ=UTC0 IPCFG_STATE_DIR=$SCRATCH/state IPCFG_KEEPER=detached IPCFG_KEEPER_LOG=$SCRATCH/keeper.log \
        run_captured "ipcfg $*" in_peer "$IPCFG" "$@"
}

# no_keeper IF WHAT: the refused /renew (IPCFG_KEEPER=detached) started no
# keeper for IF: none runs in the namespace, none ever wrote its log.
no_keeper() {
    assert_eq 0 "$(nkeepers "$1")" "$2: no keeper for $1 (another client runs it)"
    assert_eq "" "$(cat "$SCRATCH/keeper.log" 2>/dev/null)" "$2: no keeper was ever started (the keeper log is empty)"
}

ipcfg_time() { TZ=UTC0 date -d "@$1" '+%A, %B %-d, %Y %-I:%M:%S %p'; }

within1() { # within1 A B WHAT
    local d=$(($1 - $2))
    if ((d >= -1 && d <= 1)); then _pass; else _fail "$3: $1 and $2 differ by more than a second"; fi
}

state_of() { # what ipcfg must not change
    ip -n "$CLI" -4 -j addr show dev pc0 | jq -c '[.[].addr_info[] | {local, prefixlen}]'
    ip -n "$CLI" -4 route show
    in_peer sha256sum "$1"
    cat "$SCRATCH/dnsmasq.leases"
    kill -0 "$PEER_PID" && echo "client running"
    grep -c 'DHCPRELEASE' "$SCRATCH/dnsmasq.log"
    ls -A "$SCRATCH/state"
}

# check_client CLIENT LEASEFILE OBTAINED EXPIRES RENEW_CMD RELEASE_CMD
check_client() {
    local client=$1 lf=$2 obtained=$3 expires=$4 renew_cmd=$5 release_cmd=$6 addr srv_exp
    addr=$(ip -n "$CLI" -4 -j addr show dev pc0 scope global | jq -r '.[0].addr_info[0].local')
    srv_exp=$(awk -v a="$addr" '$3 == a { print $1 }' "$SCRATCH/dnsmasq.leases")
    [[ -n $srv_exp ]] || fatal "dnsmasq has no lease for $addr"
    within1 "$expires" "$srv_exp" "$client: the client's expiry against dnsmasq's"

    run_peer_ipcfg /all
    assert_exit 0 "$client: /all"
    assert_layout "$OUT" "$client: /all"
    local blk
    blk=$(adapter_block "$OUT" "Ethernet adapter pc0:")
    assert_line "$blk" "$(field "DHCP Enabled" "Yes")" "$client: DHCP Enabled"
    assert_line "$blk" "$(field "IPv4 Address" "$addr(Preferred) ")" "$client: the address"
    assert_line "$blk" "$(field "DHCP Server" "10.78.0.1")" "$client: DHCP Server"
    assert_line "$blk" "$(field "DNS Servers" "10.78.0.53")" "$client: first DNS server"
    assert_line "$blk" "$(cont "10.78.0.54")" "$client: second DNS server"
    assert_line "$blk" "$(field "Connection-specific DNS Suffix" "peers.example")" "$client: the suffix"
    assert_line "$blk" "$(field "Default Gateway" "10.78.0.1")" "$client: the gateway"

    run_peer_ipcfg /all /json
    assert_exit 0 "$client: /all /json"
    local a='.adapters[] | select(.name == "pc0")'
    assert_json "$OUT" "$a | [.dhcp_enabled, .lease.client, .dhcp_server, .dns_servers, .dns_suffix, .ipv4[0].address]" \
        "[true,\"$client\",\"10.78.0.1\",[\"10.78.0.53\",\"10.78.0.54\"],\"peers.example\",\"$addr\"]" \
        "$client: the lease in JSON"
    local jo je
    jo=$(jq -r "$a | .lease.obtained_unix" <<<"$OUT")
    je=$(jq -r "$a | .lease.expires_unix" <<<"$OUT")
    within1 "$jo" "$obtained" "$client: Lease Obtained against the client's"
    within1 "$je" "$expires" "$client: Lease Expires against the client's"
    within1 "$je" "$srv_exp" "$client: Lease Expires against dnsmasq's"
    assert_line "$blk" "$(field "Lease Obtained" "$(ipcfg_time "$jo")")" "$client: Lease Obtained line"
    assert_line "$blk" "$(field "Lease Expires" "$(ipcfg_time "$je")")" "$client: Lease Expires line"

    # No fights.
    local before
    before=$(state_of "$lf")
    run_peer_ipcfg /renew pc0
    assert_exit 2 "$client: /renew pc0"
    assert_one_line "$ERR" "$client: /renew pc0: one line"
    assert_eq "Adapter pc0 is run by $client; use \"$renew_cmd\" instead." "${ERR%$'\n'}" "$client: /renew pc0 says who and what"
    no_keeper pc0 "$client: /renew pc0"
    run_peer_ipcfg /release pc0
    assert_exit 2 "$client: /release pc0"
    assert_one_line "$ERR" "$client: /release pc0: one line"
    assert_eq "Adapter pc0 is run by $client; use \"$release_cmd\" instead." "${ERR%$'\n'}" "$client: /release pc0 says who and what"
    run_peer_ipcfg /renew
    assert_exit 2 "$client: /renew (no adapter)"
    assert_eq "Adapter pc0 is run by $client; use \"$renew_cmd\" instead.
The operation failed as no adapter is in the state permissible for this operation." "${ERR%$'\n'}" "$client: /renew skips pc0"
    no_keeper pc0 "$client: /renew"
    run_peer_ipcfg /release
    assert_exit 2 "$client: /release (no adapter)"
    assert_contains "$ERR" "Adapter pc0 is run by $client" "$client: /release skips pc0"
    run_peer_ipcfg /renew "p*" /json
    assert_exit 2 "$client: /renew p* /json"
    assert_json "$OUT" '[.exit_code, .results[0].adapter, .results[0].error.reason]' '[2,"pc0","other_dhcp_client"]' \
        "$client: the JSON refusal"
    no_keeper pc0 "$client: /renew p* /json"
    sleep 0.5 # anything sent would have had its answer
    assert_eq "$before" "$(state_of "$lf")" "$client: address, routes, lease files and the server's lease untouched"
}

# ---- ISC dhclient, with its own script (resolv.conf is the scratch file) --
peer_start dhclient dhclient -4 -d -v -lf /var/lib/dhcp/dhclient.pc0.leases -pf /var/lib/dhcp/dhclient.pid pc0
wait_lease /var/lib/dhcp/dhclient.pc0.leases
LEASES=$(in_peer cat /var/lib/dhcp/dhclient.pc0.leases)
EXP=$(awk '$1 == "expire" { d = $3; t = $4 } END { sub(/;$/, "", t); print d " " t }' <<<"$LEASES")
EXP=$(TZ=UTC0 date -d "$EXP" +%s) || fatal "dhclient's expire: $LEASES"
LT=$(awk '$2 == "dhcp-lease-time" { v = $3 } END { sub(/;$/, "", v); print v }' <<<"$LEASES")
[[ $LT =~ ^[0-9]+$ ]] || fatal "dhclient's lease time: $LEASES"
check_client dhclient /var/lib/dhcp/dhclient.pc0.leases $((EXP - LT)) "$EXP" \
    "dhclient -r pc0 && dhclient pc0" "dhclient -r pc0"
kill "$PEER_PID" 2>/dev/null
for _ in $(seq 50); do kill -0 "$PEER_PID" 2>/dev/null || break; sleep 0.1; done
ip -n "$CLI" -4 addr flush dev pc0
ip -n "$CLI" -4 route flush dev pc0 2>/dev/null

# ---- dhcpcd, one interface, IPv4 only, foreground ---------------------------
peer_start dhcpcd dhcpcd -4 -B -A --nodelay -t 20 pc0
wait_lease /var/lib/dhcpcd/pc0.lease
MT=$(in_peer stat -c %Y /var/lib/dhcpcd/pc0.lease)
LT=$(in_peer dhcpcd -4 -U pc0 2>/dev/null | sed -n "s/^dhcp_lease_time='\{0,1\}\([0-9]*\).*/\1/p")
[[ $LT =~ ^[0-9]+$ ]] || fatal "dhcpcd -U pc0 gave no lease time"
check_client dhcpcd /var/lib/dhcpcd/pc0.lease "$MT" $((MT + LT)) "dhcpcd -n pc0" "dhcpcd -k pc0"
stop_peer() {
    kill "$PEER_PID" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$PEER_PID" 2>/dev/null || break; sleep 0.1; done
    ip -n "$CLI" -4 addr flush dev pc0
    ip -n "$CLI" -4 route flush dev pc0 2>/dev/null
}
stop_peer

# ---- dhcpcd running on pc1 with no server to answer: no lease yet, but its
# pid file (/run/dhcpcd/pc1-4.pid) names a live dhcpcd: never fought ---------
nsip link add pc1 type veth peer name pc1p
nsip link set pc1 up
nsip link set pc1p up
peer_start dhcpcd-idle dhcpcd -4 -B -A -t 0 pc1
for _ in $(seq 100); do in_peer test -s /run/dhcpcd/pc1-4.pid && break; sleep 0.1; done
in_peer test -s /run/dhcpcd/pc1-4.pid || fatal "dhcpcd wrote no pid file for pc1: $(cat "$SCRATCH/dhcpcd-idle/log")"
run_peer_ipcfg /all /json
assert_json "$OUT" '.adapters[] | select(.name == "pc1") | [.dhcp_enabled, .lease, .ipv4]' '[true,null,[]]' \
    "pc1: dhcpcd runs it (no lease yet): DHCP Enabled, nothing invented"
run_peer_ipcfg /renew pc1
assert_exit 2 "/renew pc1 (dhcpcd, no lease yet)"
assert_eq 'Adapter pc1 is run by dhcpcd; use "dhcpcd -n pc1" instead.' "${ERR%$'\n'}" "/renew pc1: the line"
no_keeper pc1 "/renew pc1 (dhcpcd, no lease yet)"
run_peer_ipcfg /release pc1
assert_exit 2 "/release pc1 (dhcpcd, no lease yet)"
assert_eq "" "$(ls -A "$SCRATCH/state")" "pc1: no ipcfg lease written"
stop_peer

# ---- the real systemd-networkd, when this machine has it (the systemd
# package; not installed by install-deps.sh).  Besides the shut-in above:
# a .network file for pc0 in the /etc overlay, tmpfs over /run/systemd (its
# state, leases in /run/systemd/netif/leases/IFINDEX) and /run/dbus (no
# bus: nothing is registered anywhere), and /sys read-only in its mount
# namespace (networkd then does not wait for udev). ------------------------
NETWORKD=/lib/systemd/systemd-networkd
# systemd (Debian's image has it; scripts/install-deps.sh test names it)
[[ -x $NETWORKD ]] || fatal "$NETWORKD is missing: run scripts/install-deps.sh test"
d=$SCRATCH/networkd
mkdir -p "$d/etc-up/systemd/network" "$d/etc-work"
printf '[Match]\nName=pc0\n\n[Network]\nDHCP=ipv4\nLinkLocalAddressing=no\nIPv6AcceptRA=no\n' \
    >"$d/etc-up/systemd/network/10-pc0.network"
printf 'nameserver 192.0.2.1\n' >"$d/resolv.conf"
resolvconf_conf "$d"
# shellcheck disable=SC2016
ip netns exec "$CLI" unshare -mu --propagation private sh -c '
    d=$1; shift
    set -e
    mount -t overlay overlay -o "lowerdir=/etc,upperdir=$d/etc-up,workdir=$d/etc-work" /etc
    mount --bind "$d/resolv.conf" /etc/resolv.conf
    mount -t tmpfs -o mode=0755 none /run/systemd
    if [ -d /run/dbus ]; then mount -t tmpfs -o mode=0755 none /run/dbus; fi
    mount -o remount,bind,ro /sys
    hostname ipcfg-peer-test
    exec "$@"' sh "$d" "$NETWORKD" >"$d/log" 2>&1 &
PEER_PID=$!
PIDS+=("$PEER_PID")
NDL=/run/systemd/netif/leases/$(ifindex pc0)
wait_lease "$NDL"
MT=$(in_peer stat -c %Y "$NDL")
LT=$(in_peer sed -n 's/^LIFETIME=\([0-9]*\)$/\1/p' "$NDL")
[[ $LT =~ ^[0-9]+$ ]] || fatal "networkd's lease has no LIFETIME in seconds: $(in_peer cat "$NDL")"
check_client systemd-networkd "$NDL" "$MT" $((MT + LT)) "networkctl renew pc0" "networkctl down pc0"
stop_peer

peers_cleanup
assert_eq "$HOST_RESOLV" "$(host_resolver_state)" "the host's /etc/resolv.conf is unchanged (no .bak, no /run/resolvconf)"
finish
