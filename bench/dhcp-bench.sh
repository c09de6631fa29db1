#!/usr/bin/env bash
# ipcfg's /renew against the DHCP clients Linux users know: BusyBox udhcpc,
# ISC dhclient and dhcpcd, each against dnsmasq on a veth pair between two
# throw-away network namespaces.  Prints one table of medians.
#
# Usage: sudo bench/dhcp-bench.sh [path/to/ipcfg]   (default: build/release/ipcfg,
#        built first when missing)
# Environment: BENCH_RUNS (default 15), BENCH_WARMUP (default 2).
# Needs: hyperfine, dnsmasq (dnsmasq-base), udhcpc, isc-dhcp-client,
# dhcpcd-base (scripts/install-deps.sh bench).  See bench/README.md.
#
# Everything is timed by hyperfine -N inside the client namespace (entering
# the namespace is never part of a figure).  hyperfine and every client run
# in a private mount and UTS namespace (unshare -mu): a scratch file is
# bind-mounted over /etc/resolv.conf and tmpfs over /run, /var/lib/dhcp and
# /var/lib/dhcpcd, so that no client's script can change the host (its name
# servers, host name, NTP configuration, lease files).  ipcfg's state
# directory stays where users have it (/var/lib/ipcfg); the bench's lease
# file there is removed at the end.  The host's /etc/resolv.conf is
# checksummed before and after, and no client process outlives the run.
#
# SPDX-License-Identifier: MIT
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
ipcfg=${1:-$repo/build/release/ipcfg}
[[ $ipcfg == /* ]] || ipcfg=$(cd "$(dirname "$ipcfg")" && pwd)/$(basename "$ipcfg")
runs=${BENCH_RUNS:-15}
warmup=${BENCH_WARMUP:-2}

die() { echo "dhcp-bench: $*" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || die "must run as root (network namespaces)"
if [[ ! -x $ipcfg && $ipcfg == "$repo/build/release/ipcfg" ]]; then
    # a clean clone: the release build first
    echo "dhcp-bench: building build/release/ipcfg" >&2
    (cd "$repo" && cmake --preset release >/dev/null && cmake --build --preset release -j "$(nproc)" >/dev/null) ||
        die "the release build failed"
fi
[[ -x $ipcfg ]] || die "ipcfg not found: $ipcfg (cmake --preset release && cmake --build --preset release)"
for t in hyperfine dnsmasq udhcpc dhclient dhcpcd jq unshare ip; do
    command -v "$t" >/dev/null || die "$t is required (scripts/install-deps.sh bench)"
done
for d in /var/lib/dhcp /var/lib/dhcpcd; do
    [[ -d $d ]] || die "$d is missing (its package installs it); the bench mounts a tmpfs over it"
done

IF=bench0
SRV=ipcfg-dbench-$$-srv
CLI=ipcfg-dbench-$$-cli
work=$(mktemp -d /tmp/ipcfg-dhcp-bench.XXXXXX)
chmod 0755 "$work"
resolv_sum=$(sha256sum /etc/resolv.conf | cut -d' ' -f1)
statedir=/var/lib/ipcfg
had_statedir=0
[[ -d $statedir ]] && had_statedir=1
dns_pid=

cleanup() {
    local p
    # every process left in the client namespace was started here
    for p in $(ip netns pids "$CLI" 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
    [[ -n $dns_pid ]] && kill "$dns_pid" 2>/dev/null && wait "$dns_pid" 2>/dev/null
    ip netns del "$CLI" 2>/dev/null || true
    ip netns del "$SRV" 2>/dev/null || true
    rm -f "$statedir/$IF.lease" "$statedir"/."$IF".lease.*.tmp
    ((had_statedir)) || rmdir "$statedir" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

ip netns add "$SRV"
ip netns add "$CLI"
ip -n "$CLI" link set lo up
ip link add "$IF" netns "$CLI" type veth peer name s0 netns "$SRV"
ip -n "$SRV" link set s0 up
ip -n "$SRV" addr add 10.77.0.1/24 dev s0
ip -n "$CLI" link set "$IF" up
ip netns exec "$CLI" sysctl -qw "net.ipv6.conf.$IF.disable_ipv6=1"
for _ in $(seq 100); do ip -n "$CLI" link show "$IF" | grep -q LOWER_UP && break; sleep 0.05; done
# --no-ping: dnsmasq does not ping an address before offering it (a
# second's wait otherwise); --leasefile-ro: its own lease-file write is not
# counted against the clients.
ip netns exec "$SRV" dnsmasq --keep-in-foreground --conf-file=/dev/null --pid-file="$work/dnsmasq.pid" --no-resolv --no-hosts --port=0 \
    --interface=s0 --bind-interfaces --no-ping --leasefile-ro --log-facility="$work/dnsmasq.log" \
    --dhcp-range=10.77.0.50,10.77.0.250,255.255.255.0,3600 --dhcp-option=option:router,10.77.0.1 \
    --dhcp-option=option:dns-server,10.77.0.1 &
dns_pid=$!
for _ in $(seq 100); do grep -q "dnsmasq-dhcp" "$work/dnsmasq.log" 2>/dev/null && break; sleep 0.05; done
grep -q "dnsmasq-dhcp" "$work/dnsmasq.log" || die "dnsmasq did not start"

echo "# scratch resolv.conf of the bench (bind-mounted over /etc/resolv.conf)" >"$work/resolv.conf"
# The private mount and UTS namespace every measurement runs in: /etc
# overlaid on a scratch directory (a resolvconf such as openresolv, which a
# client's script may run, writes beside resolv.conf: /etc/resolv.conf.bak),
# the scratch resolv.conf over /etc/resolv.conf, tmpfs over /run and the
# clients' state directories.
mkdir -p "$work/etc-up" "$work/etc-work"
jail="mount -t overlay overlay -o lowerdir=/etc,upperdir=$work/etc-up,workdir=$work/etc-work /etc \
&& mount --bind $work/resolv.conf /etc/resolv.conf && mount -t tmpfs none /run && mkdir -p /run/dhcpcd \
&& mount -t tmpfs none /var/lib/dhcp && mount -t tmpfs none /var/lib/dhcpcd"
# in_jail CMD...: CMD in the client namespace and a jail of its own
in_jail() { ip netns exec "$CLI" unshare -mu sh -c "$jail && exec \"\$@\"" sh "$@"; }
# Each measurement is a jail of its own (a fresh /run): ipcfg's lease keeper,
# which would outlive it, is not started (IPCFG_KEEPER=off: one-shot
# exchanges, as the peers' -1 runs are).  dhcp-peers.sh in shared/bench
# times /renew with the keeper.
export IPCFG_KEEPER=off

# measure NAME ENVVARS PREPARE COMMAND [CLEANUP]: the median (ms) of
# COMMAND's wall time, PREPARE run untimed before each run, CLEANUP once
# after the last; appended to $work/results.
measure() {
    local name=$1 envs=$2 prep=$3 cmd=$4 json=$work/$1.json
    local args=(-N --style none --runs "$runs" --warmup "$warmup" --export-json "$json")
    [[ -n $prep ]] && args+=(--prepare "$prep")
    [[ -n ${5:-} ]] && args+=(--cleanup "$5")
    # shellcheck disable=SC2086
    in_jail env $envs hyperfine "${args[@]}" "$cmd" >"$work/$name.out" 2>&1 || {
        cat "$work/$name.out" >&2
        die "$name failed: $cmd"
    }
    jq -r --arg n "$name" '.results[0] | "\($n) \(.median * 1000) \(.min * 1000) \(.max * 1000)"' "$json" >>"$work/results"
}

L=/var/lib/dhcp/bench.leases P=/run/dhclient.bench.pid
flush="ip addr flush dev $IF scope global"
# one obtain first: the address range and ARP caches are warm for everybody
in_jail "$ipcfg" /renew "$IF" >/dev/null || die "ipcfg's first obtain failed"
addr=$(ip -n "$CLI" -j -4 addr show dev "$IF" | jq -r '.[0].addr_info[0].local')

# ---- ipcfg ---------------------------------------------------------------------------
measure ipcfg-renew "" "" "$ipcfg /renew $IF"
measure ipcfg-obtain-probe "" "$ipcfg /release $IF" "$ipcfg /renew $IF"
measure ipcfg-obtain "IPCFG_DHCP_PROBE_MS=0" "$ipcfg /release $IF" "$ipcfg /renew $IF"
in_jail "$ipcfg" /release "$IF" >/dev/null

# ---- dhcpcd: -1 one-shot, -4, -B foreground, --nodelay, -A no ARP check ----------------
# obtain: no address, no lease file; renew: the second -1 run (REBOOT: a
# REQUEST for the address its lease file holds, the address on the link).
D="dhcpcd -1 -4 -B --nodelay -A -L -q $IF"
measure dhcpcd-obtain "" "sh -c '$flush; rm -f /var/lib/dhcpcd/*'" "$D"
measure dhcpcd-renew "" "sh -c '$flush; rm -f /var/lib/dhcpcd/*; $D'" "$D"
ip netns exec "$CLI" ip addr flush dev "$IF" scope global

# ---- dhclient: -1 one try; it daemonizes once bound (-x stops that daemon) -----------
# obtain: no address, no lease file; renew: -1 again with its lease file
# (REBOOT: a REQUEST of the recorded address; the -x that stopped the
# previous daemon ran its script, which removed the address);
# release-obtain: -r then -1 (its own renewal from the command line).
C="dhclient -1 -pf $P -lf $L $IF"
# (-x, and the pid file's process killed should -x not have stopped it)
X="sh -c 'dhclient -x -pf $P 2>/dev/null; [ -f $P ] && kill \$(cat $P) 2>/dev/null; true'"
Xs="dhclient -x -pf $P 2>/dev/null; [ -f $P ] && kill \$(cat $P) 2>/dev/null; true"
measure dhclient-obtain "" "sh -c '$Xs; $flush; rm -f $L'" "$C" "$X"
measure dhclient-renew "" "sh -c '$Xs; $flush; rm -f $L; $C; $Xs'" "$C" "$X"
measure dhclient-relobt "" "sh -c '$Xs; $flush; rm -f $L; $C; $Xs'" \
    "sh -c 'dhclient -r -pf $P -lf $L $IF && exec $C'" "$X"
ip netns exec "$CLI" ip addr flush dev "$IF" scope global

# ---- udhcpc: -q quit once bound, -n no background, -f foreground, script /bin/true ---
# (its script is what would install the address: nothing is installed)
U="udhcpc -q -n -f -i $IF -s /bin/true"
measure udhcpc-obtain "" "" "$U"
measure udhcpc-renew "" "" "$U -r $addr"

# ---- the table -----------------------------------------------------------------------------
med() { awk -v n="$1" '$1 == n { printf "%.1f", $2 }' "$work/results"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else printf "-" }'; }
r_ipcfg=$(med ipcfg-renew) o_ipcfg=$(med ipcfg-obtain)
echo
echo "DHCP one-shot benchmark: $(uname -sr), $(nproc) CPUs, $runs runs + $warmup warm-up, median wall ms (hyperfine -N in the client namespace)"
printf '%-44s %9s %8s  %9s %8s  %s\n' "client" "obtain" "/ipcfg" "renew" "/ipcfg" "what 'renew' times"
row() { # LABEL OBTAIN-NAME RENEW-NAME WHAT
    local o r
    o=$(med "$2")
    r=$([[ -n $3 ]] && med "$3" || true)
    printf '%-44s %9s %8s  %9s %8s  %s\n' "$1" "$o" "$(ratio "$o" "$o_ipcfg")" "${r:--}" \
        "$([[ -n $r ]] && ratio "$r" "$r_ipcfg" || echo -)" "$4"
}
row "ipcfg /renew (IPCFG_DHCP_PROBE_MS=0)" ipcfg-obtain ipcfg-renew "/renew of a bound lease: RENEWING, unicast REQUEST/ACK, lease file written"
row "ipcfg /renew (200 ms ARP probe)" ipcfg-obtain-probe ipcfg-renew "(a renewal of the same address is never probed)"
row "dhcpcd -1 -4 -B --nodelay -A -L" dhcpcd-obtain dhcpcd-renew "a second -1 run: REBOOT from its lease file"
row "dhclient -1" dhclient-obtain dhclient-renew "-1 again with its lease file: REBOOT"
row "dhclient -r, then -1" dhclient-relobt "" "release and obtain (its renewal from the command line), in the obtain column"
row "udhcpc -q -n -f -s /bin/true" udhcpc-obtain udhcpc-renew "-r ADDRESS: DISCOVER asking for the address; nothing installed"
echo "obtain: no lease and no address beforehand (ipcfg: /release first); dnsmasq --no-ping --leasefile-ro"

# ---- the host is as it was ---------------------------------------------------------------
for p in $(ip netns pids "$CLI" 2>/dev/null); do
    echo "dhcp-bench: stopping a left-over process: $(tr '\0' ' ' </proc/"$p"/cmdline 2>/dev/null)" >&2
    kill -9 "$p" 2>/dev/null || true
done
[[ $(sha256sum /etc/resolv.conf | cut -d' ' -f1) == "$resolv_sum" ]] || die "/etc/resolv.conf CHANGED during the bench"
echo "host /etc/resolv.conf unchanged (sha256 ${resolv_sum:0:16}...)"
