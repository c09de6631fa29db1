# Helpers of the ipcfg DHCP integration tests (sourced after lib.sh).
#
# dhcp_net builds a server namespace ($SRV) and a client namespace ($CLI,
# also $NS, where run_ipcfg runs ipcfg) joined by a veth pair: c0 in the
# client, s0 in the server (10.77.0.1/24).  dhcp_bridge_net puts a bridge
# br0 (10.77.0.1/24) in the server namespace instead, with the client's
# peer as a port, so that more namespaces can join the link (dhcp_join).
# dnsmasq instances started with dnsmasq_start are stopped by the EXIT trap
# before the namespaces are deleted; so are the packet recorders.  Every
# test's state directory (IPCFG_STATE_DIR) and lock directory
# (IPCFG_RUN_DIR) are fresh temporary directories, removed at exit.
# Waits are bounded.
#
# SPDX-License-Identifier: MIT

command -v dnsmasq >/dev/null || fatal "dnsmasq is required (Debian package dnsmasq-base)"
command -v python3 >/dev/null || fatal "python3 is required (the packet recorder)"

DHCP_TMP=$(mktemp -d /tmp/ipcfg-dhcp-test.XXXXXX) || fatal "mktemp failed"
chmod 0755 "$DHCP_TMP"
export IPCFG_STATE_DIR=$DHCP_TMP/state
export IPCFG_RUN_DIR=$DHCP_TMP/run # the lock files (created 0700 by ipcfg)
# The exchange tests see every packet: no lease keeper renews behind their
# back (the keeper tests turn it on: test_keeper*.sh).
export IPCFG_KEEPER=${IPCFG_KEEPER:-off}
# An empty root for what ipcfg looks up on the host (other clients' files,
# resolvectl, resolvconf, systemd): a lease's DNS servers never reach the
# host's resolver (the DNS tests set up their own root).
mkdir -p "$DHCP_TMP/root"
export IPCFG_PEER_ROOT=${IPCFG_PEER_ROOT:-$DHCP_TMP/root}
DHCP_PIDS=()
LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

_dhcp_cleanup() {
    local p
    # the jail's holder and what runs in its network namespace (a keeper)
    # go with the namespaces (lib.sh); the holder first, by its pid
    [[ -n ${JAIL_HOLDER:-} ]] && kill -9 "$JAIL_HOLDER" 2>/dev/null
    for p in "${DHCP_PIDS[@]}"; do
        kill "$p" 2>/dev/null
    done
    for p in "${DHCP_PIDS[@]}"; do
        # bounded: dnsmasq and the recorder end at once on SIGTERM
        for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.02; done
        kill -9 "$p" 2>/dev/null
    done
    DHCP_PIDS=()
    _cleanup
    rm -rf "$DHCP_TMP"
}
trap _dhcp_cleanup EXIT

# wait_for SECONDS CMD...: runs CMD every 20 ms until it succeeds; 1 on timeout.
wait_for() {
    local end=$((SECONDS + $1)) ; shift
    until "$@"; do
        ((SECONDS > end)) && return 1
        sleep 0.02
    done
    return 0
}

dhcp_net() {
    ns_new srv
    SRV=$NS
    ns_new cli
    CLI=$NS
    ip link add c0 netns "$CLI" type veth peer name s0 netns "$SRV" || fatal "cannot create the veth pair"
    ip -n "$CLI" link set c0 up || fatal "c0 up"
    ip -n "$SRV" link set s0 up || fatal "s0 up"
    ip -n "$SRV" addr add 10.77.0.1/24 dev s0 || fatal "server address"
    SRV_IF=s0
    NS=$CLI
}

dhcp_bridge_net() {
    ns_new srv
    SRV=$NS
    ns_new cli
    CLI=$NS
    ip -n "$SRV" link add br0 type bridge forward_delay 0 || fatal "bridge"
    ip -n "$SRV" link set br0 up || fatal "br0 up"
    ip -n "$SRV" addr add 10.77.0.1/24 dev br0 || fatal "server address"
    ip link add c0 netns "$CLI" type veth peer name p-cli netns "$SRV" || fatal "cannot create the veth pair"
    ip -n "$SRV" link set p-cli master br0 up || fatal "port"
    ip -n "$CLI" link set c0 up || fatal "c0 up"
    SRV_IF=br0
    NS=$CLI
}

# recording_resolvconf: a resolvconf under the test's IPCFG_PEER_ROOT that
# appends what it is asked ("resolvconf ARGS", then its input for -a) to
# $RESOLVCONF_LOG and changes nothing else.  ipcfg hands DNS to it only
# where it takes the resolv.conf for this network namespace's own (a test
# gives the namespace one with ns_resolv_conf, as ip netns exec uses it).
RESOLVCONF_LOG=$DHCP_TMP/resolvconf.log
recording_resolvconf() {
    mkdir -p "$IPCFG_PEER_ROOT/usr/sbin" || fatal "mkdir"
    cat >"$IPCFG_PEER_ROOT/usr/sbin/resolvconf" <<EOS
#!/bin/sh
{ echo "resolvconf \$*"; [ "\$1" = -a ] && cat; } >>"$RESOLVCONF_LOG"
EOS
    chmod 0755 "$IPCFG_PEER_ROOT/usr/sbin/resolvconf"
    : >"$RESOLVCONF_LOG"
}

# keeper_net [bridge]: a keeper test's network (dhcp_net, or
# dhcp_bridge_net), the keeper's log in $IPCFG_KEEPER_LOG, and a recording
# resolvconf that serves the client namespace (its own resolv.conf).
keeper_net() {
    export IPCFG_KEEPER_LOG=$DHCP_TMP/keeper.log
    recording_resolvconf
    if [[ ${1:-} == bridge ]]; then dhcp_bridge_net; else dhcp_net; fi
    ns_resolv_conf "nameserver 192.0.2.1"
}

# dhcp_join TAG IFNAME: a new namespace ($JOINED) with IFNAME joined to the
# bridge of dhcp_bridge_net.
dhcp_join() {
    local keep=$NS
    ns_new "$1"
    JOINED=$NS
    ip link add "$2" netns "$JOINED" type veth peer name "p-$1" netns "$SRV" || fatal "veth for $1"
    ip -n "$SRV" link set "p-$1" master br0 up || fatal "port for $1"
    ip -n "$JOINED" link set "$2" up || fatal "$2 up"
    NS=$keep
}

# dnsmasq_start TAG NAMESPACE IFACE ARGS...: a DHCP server (no DNS) whose log
# is $DHCP_TMP/TAG.log and lease file $DHCP_TMP/TAG.leases; sets DNSMASQ_PID.
dnsmasq_start() {
    local tag=$1 ns=$2 ifc=$3
    shift 3
    : >"$DHCP_TMP/$tag.log"
    ip netns exec "$ns" dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --port=0 \
        --interface="$ifc" --bind-interfaces --no-ping --log-dhcp --log-facility="$DHCP_TMP/$tag.log" \
        --dhcp-leasefile="$DHCP_TMP/$tag.leases" --pid-file="$DHCP_TMP/$tag.pid" "$@" &
    DNSMASQ_PID=$!
    DHCP_PIDS+=("$DNSMASQ_PID")
    wait_for 5 grep -q "dnsmasq-dhcp\[" "$DHCP_TMP/$tag.log" || fatal "dnsmasq $tag did not start: $(cat "$DHCP_TMP/$tag.log")"
}

# dnsmasq_stop PID
dnsmasq_stop() {
    kill "$1" 2>/dev/null
    wait_for 5 bash -c "! kill -0 $1 2>/dev/null" || kill -9 "$1" 2>/dev/null
    wait "$1" 2>/dev/null
    return 0
}

# sniff_start TAG NAMESPACE IFACE: records DHCP messages into $DHCP_TMP/TAG.pkts.
sniff_start() {
    : >"$DHCP_TMP/$1.pkts"
    ip netns exec "$2" python3 "$LIB_DIR/dhcp_sniff.py" "$3" "$DHCP_TMP/$1.pkts" &
    DHCP_PIDS+=("$!")
    wait_for 5 grep -q ready "$DHCP_TMP/$1.pkts" || fatal "the packet recorder did not start"
}

# v4 NAMESPACE IFACE: "address/prefix valid preferred" lines, sorted.
v4() {
    ip -n "$1" -j -4 addr show dev "$2" |
        jq -r '.[0].addr_info[]? | "\(.local)/\(.prefixlen) \(.valid_life_time) \(.preferred_life_time)"' | sort
}

# v4_addrs NAMESPACE IFACE: "address/prefix" lines, sorted.
v4_addrs() { ip -n "$1" -j -4 addr show dev "$2" | jq -r '.[0].addr_info[]? | "\(.local)/\(.prefixlen)"' | sort; }

# default_routes NAMESPACE: "gateway dev metric protocol" of the IPv4 default routes.
default_routes() {
    ip -n "$1" -j -4 route show default | jq -r '.[] | "\(.gateway) \(.dev) \(.metric // 0) \(.protocol)"'
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# hostile_start NAMESPACE IFACE [SERVER_IP [LOG]]: the hostile server
# (dhcp_hostile.py) on IFACE as SERVER_IP (10.77.0.1), serving the scenario
# in $HOSTILE_CTL (scen sets it); its log is LOG ($DHCP_TMP/hostile.log).
HOSTILE_CTL=$DHCP_TMP/scenario
hostile_start() {
    local sip=${3:-10.77.0.1} log=${4:-$DHCP_TMP/hostile.log}
    echo good >"$HOSTILE_CTL"
    : >"$log"
    ip netns exec "$1" python3 "$LIB_DIR/dhcp_hostile.py" "$2" "$sip" "$HOSTILE_CTL" "$log" &
    HOSTILE_PID=$!
    DHCP_PIDS+=("$HOSTILE_PID")
    wait_for 5 grep -q ready "$log" || fatal "the hostile server did not start"
}
scen() { echo "$1" >"$HOSTILE_CTL"; }

# unchanged_after CODE SCENARIO WHAT KEPT TEXT: with the hostile server in
# SCENARIO, /renew c0 /timeout:$TO is exit CODE within the timeout plus one
# second, its one line on stderr holds TEXT, and c0 (addresses, routes, the
# state directory) is as it was.
unchanged_after() {
    local before ms t0
    scen "$2"
    before=$(snapshot "$CLI" c0)
    t0=$(now_ms)
    run_ipcfg /renew c0 /timeout:$TO
    ms=$(($(now_ms) - t0))
    assert_exit "$1" "$2: $3"
    assert_took "$ms" $((TO * 1000 + 1000)) "$2 (timeout $TO s)"
    assert_contains "$ERR" "An error occurred while renewing interface c0 : $5" "$2: the line"
    assert_one_line "$ERR" "$2: one line"
    assert_eq "$before" "$(snapshot "$CLI" c0)" "$2: $4"
}
# timed_out_unchanged SCENARIO WHAT KEPT: nothing of ours was heard: exit 5.
timed_out_unchanged() { unchanged_after 5 "$1" "$2" "$3" "unable to contact your DHCP server. Request has timed out."; }
# refused_unchanged SCENARIO WHAT KEPT REASON: the server answered, only
# with replies ipcfg refuses: exit 3, the line says why (REASON, a part of it).
refused_unchanged() {
    unchanged_after 3 "$1" "$2" "$3" "a DHCP server answered, but its last answer was refused: "
    assert_contains "$ERR" "$4" "$1: the reason"
}

# snapshot NAMESPACE IFACE: the interface's IPv4 addresses, every IPv4
# route of the namespace and the state directory's lease files (names and
# contents), for "nothing changed" checks.
snapshot() {
    ip -n "$1" -j -4 addr show dev "$2" | jq -c '[.[0].addr_info[]? | {local, prefixlen}]'
    ip -n "$1" -j -4 route show table all | jq -c '[.[] | del(.expires)]'
    local f
    for f in "$IPCFG_STATE_DIR"/*; do
        [[ -e $f ]] && { echo "== $f"; cat "$f"; }
    done
    return 0
}

# ---- the real openresolv, shut in ------------------------------------------------
# jail_start: the client side shut in, so that the real openresolv (which
# ipcfg finds on its own: unset IPCFG_PEER_ROOT first) cannot touch the
# host: a holder process ($JAIL_HOLDER) in the client's network namespace
# and a private mount namespace (unshare -m) with /etc overlaid on a
# scratch directory (openresolv's resolvconf.conf: resolv.conf only, no
# subscribers, no service restarted; its resolv.conf.bak), the namespace's
# own resolv.conf $JAIL_RESOLV (/etc/netns/NS/resolv.conf, holding
# $JAIL_RESOLV_BEFORE, removed with the namespace; read it with in_jail:
# what openresolv writes lands in its copy in the overlay) bind-mounted
# over /etc/resolv.conf as `ip netns exec NS` does, so that ipcfg takes it
# for this namespace's resolver, tmpfs over /run (openresolv's /run/resolvconf, and no
# host pid files for its subscribers to signal) and over the other
# clients' lease directories.  in_jail CMD... runs CMD there (nsenter);
# run_jail_ipcfg ARGS... runs ipcfg there (run_captured), and a detached
# keeper it starts inherits both namespaces.  The EXIT trap kills the
# holder and what runs in the namespaces.
JAIL_HOLDER=''
JAIL_RESOLV_BEFORE='nameserver 192.0.2.1'
jail_start() {
    local mnt=$DHCP_TMP/jail _t
    for _t in unshare nsenter sha256sum; do
        command -v "$_t" >/dev/null || fatal "$_t is required (util-linux, coreutils)"
    done
    [[ $(/sbin/resolvconf --version 2>/dev/null | head -n1) == openresolv* ]] ||
        fatal "/sbin/resolvconf is not openresolv: run scripts/install-deps.sh test (package openresolv)"
    IPCFG=$(realpath "$IPCFG") # entered by path in the holder's mount namespace
    mkdir -p "$mnt/etc-up" "$mnt/etc-work" || fatal "scratch"
    JAIL_RESOLV=/etc/netns/$CLI/resolv.conf
    NS=$CLI ns_resolv_conf "$JAIL_RESOLV_BEFORE"
    printf 'resolv_conf=/etc/resolv.conf\nlibc_restart=:\n' >"$mnt/etc-up/resolvconf.conf"
    # shellcheck disable=SC2016
    ip netns exec "$CLI" unshare -m --propagation private sh -c '
        d=$1
        set -e
        mount -t overlay overlay -o "lowerdir=/etc,upperdir=$d/etc-up,workdir=$d/etc-work" /etc
        mount --bind "$2" /etc/resolv.conf
        mount -t tmpfs -o mode=0755 none /run
        for m in /var/lib/dhcp /var/lib/dhcpcd /var/lib/NetworkManager; do
            if [ -d "$m" ]; then mount -t tmpfs -o mode=0755 none "$m"; fi
        done
        : >"$d/ready"
        exec sleep 600' sh "$mnt" "$JAIL_RESOLV" >"$DHCP_TMP/holder.log" 2>&1 &
    JAIL_HOLDER=$!
    disown "$JAIL_HOLDER" # its end (kill -9, here or in the trap) is no job report
    wait_for 5 test -e "$mnt/ready" || fatal "the mount namespace was not set up: $(cat "$DHCP_TMP/holder.log")"
}
in_jail() { nsenter -t "$JAIL_HOLDER" -m -n "$@"; }
run_jail_ipcfg() { run_captured "ipcfg $*" in_jail "$IPCFG" "$@"; }

# jail_stop: the holder killed and gone (its mount namespace with it).
jail_stop() {
    kill -9 "$JAIL_HOLDER" 2>/dev/null
    wait_for 5 bash -c "! kill -0 $JAIL_HOLDER 2>/dev/null" || fatal "the holder of the mount namespace outlived kill -9"
    JAIL_HOLDER=''
}
