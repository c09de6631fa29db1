#!/usr/bin/env bash
# DHCPv6: ipcfg's /renew6 beside the DHCPv6 clients Linux users know,
# dhcpcd -6 and ISC dhclient -6, each against dnsmasq (DHCPv6 with router
# advertisements, M flag) on a veth pair between two throw-away network
# namespaces, with ipcfg's DHCPv4 /renew on the same link for comparison.
# Prints one table of medians; the kernel's duplicate address detection
# (DAD) wait is measured apart (every obtain runs with DAD off on the
# client's interface).
#
# Usage: sudo bench/dhcp6-bench.sh [path/to/ipcfg]   (default: build/release/ipcfg,
#        built first when missing)
# Environment: BENCH_RUNS (default 10), BENCH_WARMUP (default 1),
# BENCH_DAD_RUNS (default 5).
# Needs: hyperfine, dnsmasq (dnsmasq-base), dhcpcd (dhcpcd-base), dhclient
# (isc-dhcp-client), jq (scripts/install-deps.sh bench).  See bench/README.md.
#
# ipcfg rows whose command answers exit 6 ("not supported": /renew6 on a
# build without the DHCPv6 client, or on Windows) are printed as such, not
# timed.
#
# Every figure is hyperfine -N run inside the client namespace and inside a
# jail of its own (shared/bench/dhcp-peers.sh's): a private mount and UTS
# namespace (unshare -mu) with /etc and /var/lib overlaid on scratch
# directories, a scratch /etc/resolv.conf and a scratch directory as /run,
# so that no client's script (nor resolvconf, which writes
# /etc/resolv.conf.bak and /run/resolvconf) touches the host.  The scratch
# directories outlive each jail, so a renew finds the lease its obtain
# left.  At the end: no process left in the namespaces, the host's
# /etc/resolv.conf unchanged (sha256), no /etc/resolv.conf.bak, nothing in
# /run/resolvconf/interfaces.
#
# SPDX-License-Identifier: MIT
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
ipcfg=${1:-$repo/build/release/ipcfg}
[[ $ipcfg == /* ]] || ipcfg=$(cd "$(dirname "$ipcfg")" && pwd)/$(basename "$ipcfg")
runs=${BENCH_RUNS:-10}
warmup=${BENCH_WARMUP:-1}
dad_runs=${BENCH_DAD_RUNS:-5}

die() { echo "dhcp6-bench: $*" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || die "must run as root (network namespaces)"
if [[ ! -x $ipcfg && $ipcfg == "$repo/build/release/ipcfg" ]]; then
    echo "dhcp6-bench: building build/release/ipcfg" >&2
    (cd "$repo" && cmake --preset release >/dev/null && cmake --build --preset release -j "$(nproc)" >/dev/null) ||
        die "the release build failed"
fi
[[ -x $ipcfg ]] || die "ipcfg not found: $ipcfg (cmake --preset release && cmake --build --preset release)"
for t in hyperfine dnsmasq dhclient dhcpcd jq unshare ip; do
    command -v "$t" >/dev/null || die "$t is required (scripts/install-deps.sh bench)"
done

IF=bench0
SRV=ipcfg-d6bench-$$-srv
CLI=ipcfg-d6bench-$$-cli
NET6=2001:db8:77::
work=$(mktemp -d /tmp/ipcfg-dhcp6-bench.XXXXXX)
chmod 0755 "$work"
resolv_before=$(sha256sum /etc/resolv.conf | cut -d' ' -f1)
dns_pid=

cleanup() {
    local p
    # every process in the namespaces was started here (dhclient's daemon, dnsmasq)
    for p in $(ip netns pids "$CLI" 2>/dev/null) $(ip netns pids "$SRV" 2>/dev/null); do
        kill -9 "$p" 2>/dev/null || true
    done
    # dnsmasq killed: its wait says 137, which under set -e would end the
    # trap here and leave the namespaces behind
    if [[ -n $dns_pid ]]; then wait "$dns_pid" 2>/dev/null || true; fi
    ip netns del "$CLI" 2>/dev/null || true
    ip netns del "$SRV" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# ---- the link: client (DAD off), server 10.77.0.1/24 and ${NET6}1/64 --------------------
ip netns add "$SRV"
ip netns add "$CLI"
ip -n "$CLI" link set lo up
ip netns exec "$CLI" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
ip link add "$IF" netns "$CLI" type veth peer name s0 netns "$SRV"
ip -n "$SRV" link set s0 up
ip -n "$SRV" addr add 10.77.0.1/24 dev s0
ip -n "$SRV" addr add "${NET6}1/64" dev s0 nodad
ip -n "$CLI" link set "$IF" up
# link-local ready on both sides (no DAD on the client; the server's is
# probed once, about a second)
ll_ready() { ip -n "$1" -j -6 addr show dev "$2" | jq -e '[.[0].addr_info[]? | select(.scope == "link" and (.tentative // false) == false)] | length > 0' >/dev/null; }
for _ in $(seq 150); do ll_ready "$CLI" "$IF" && ll_ready "$SRV" s0 && break; sleep 0.02; done
ll_ready "$CLI" "$IF" && ll_ready "$SRV" s0 || die "no link-local address on $IF or s0"

# dnsmasq_run [ARGS...]: (re)starts dnsmasq: DHCPv4 10.77.0.50-250 and
# DHCPv6 ${NET6}100-1ff, 3600 s, router advertisements with the M flag,
# DNS server and search list in both; --leasefile-ro: its lease-file
# writes are not counted against the clients.
dnsmasq_run() {
    if [[ -n $dns_pid ]]; then
        kill "$dns_pid" 2>/dev/null || true
        wait "$dns_pid" 2>/dev/null || true
    fi
    : >"$work/dnsmasq.log"
    ip netns exec "$SRV" dnsmasq --keep-in-foreground --conf-file=/dev/null --pid-file="$work/dnsmasq.pid" \
        --no-resolv --no-hosts --port=0 --interface=s0 --bind-interfaces --no-ping --leasefile-ro \
        --log-facility="$work/dnsmasq.log" --dhcp-range=10.77.0.50,10.77.0.250,255.255.255.0,3600 \
        --dhcp-option=option:router,10.77.0.1 --dhcp-option=option:dns-server,10.77.0.1 \
        "--dhcp-range=${NET6}100,${NET6}1ff,64,3600" --enable-ra "--dhcp-option=option6:dns-server,[${NET6}53]" \
        --dhcp-option=option6:domain-search,example.test "$@" &
    dns_pid=$!
    for _ in $(seq 100); do grep -q "dnsmasq-dhcp" "$work/dnsmasq.log" 2>/dev/null && break; sleep 0.05; done
    grep -q "dnsmasq-dhcp" "$work/dnsmasq.log" || die "dnsmasq did not start: $(cat "$work/dnsmasq.log")"
}

# ---- the jail (as ../shared/bench/dhcp-peers.sh) -------------------------------------------
mkdir -p "$work/etc.u" "$work/etc.w" "$work/lib.u" "$work/lib.w" "$work/run"
echo "# scratch resolv.conf of the bench (bind-mounted over /etc/resolv.conf)" >"$work/resolv.conf"
jail="mount -t overlay ov -o lowerdir=/etc,upperdir=$work/etc.u,workdir=$work/etc.w /etc \
&& mount --bind $work/resolv.conf /etc/resolv.conf \
&& mount -t overlay ov -o lowerdir=/var/lib,upperdir=$work/lib.u,workdir=$work/lib.w /var/lib \
&& mount --bind $work/run /run"
in_jail() { ip netns exec "$CLI" unshare -mu sh -c "$jail && exec \"\$@\"" sh "$@"; }
# One-shot exchanges, as the peers' -1 runs: no lease keeper outlives a
# command (each jail is torn down after it); no ARP probe in a DHCPv4 obtain.
export IPCFG_KEEPER=off IPCFG_DHCP_PROBE_MS=0

# measure NAME PREPARE COMMAND [CLEANUP]: the median, min and max (ms) of
# COMMAND's wall time, PREPARE run untimed before each run, CLEANUP once
# after the last; appended to $work/results.
measure() {
    local name=$1 prep=$2 cmd=$3 json=$work/$1.json
    local args=(-N --style none --runs "$runs" --warmup "$warmup" --export-json "$json")
    [[ -n $prep ]] && args+=(--prepare "$prep")
    [[ -n ${4:-} ]] && args+=(--cleanup "$4")
    in_jail hyperfine "${args[@]}" "$cmd" >"$work/$name.out" 2>&1 || {
        cat "$work/$name.out" >&2
        die "$name failed: $cmd"
    }
    jq -r --arg n "$name" '.results[0] | "\($n) \(.median * 1000) \(.min * 1000) \(.max * 1000)"' "$json" >>"$work/results"
}

# unsupported NAME COMMAND...: 0 (and the row marked so) when COMMAND
# answers exit 6, as /renew6 does on a build without the DHCPv6 client.
unsupported() {
    local name=$1 rc=0
    shift
    in_jail "$@" >"$work/$name.probe" 2>&1 || rc=$?
    if ((rc == 6)); then
        echo "$name unsupported" >>"$work/results"
        return 0
    fi
    ((rc == 0)) || die "$name: '$*' failed with exit $rc: $(cat "$work/$name.probe")"
    return 1
}

flush6="ip -6 addr flush dev $IF scope global"
P=/run/dhclient6.bench.pid L=/var/lib/dhcp/bench6.leases D=/var/lib/dhcp/bench6.duid
# dhclient -6 -1 daemonizes once bound: its daemon is killed (SIGKILL: no
# script run, the address and lease file stay) before the next run
kill_dhclient="[ -f $P ] && kill -9 \$(cat $P) 2>/dev/null; rm -f $P; true"
C6="dhclient -6 -1 -pf $P -lf $L -df $D $IF"
C6x="sh -c '$kill_dhclient'"
D6="dhcpcd -1 -6 -B --nodelay -q $IF"

# obtain_rows PHASE: every client's obtain (no lease, no address beforehand)
obtain_rows() {
    local ph=$1
    if ! unsupported "ipcfg6-obtain-$ph" "$ipcfg" /renew6 "$IF"; then
        measure "ipcfg6-obtain-$ph" "$ipcfg /release6 $IF" "$ipcfg /renew6 $IF"
        in_jail "$ipcfg" /release6 "$IF" >/dev/null
    fi
    measure "dhcpcd6-obtain-$ph" "sh -c '$flush6; rm -f /var/lib/dhcpcd/*.lease6'" "$D6"
    in_jail sh -c "$flush6"
    measure "dhclient6-obtain-$ph" "sh -c '$kill_dhclient; $flush6; rm -f $L'" "$C6" "$C6x"
    in_jail sh -c "$flush6"
}

# ---- phase 1: dnsmasq as it comes (Advertise with preference 0) --------------------------
dnsmasq_run
obtain_rows pref0

# ---- phase 2: --dhcp-authoritative (Advertise with preference 255) ----------------------------
dnsmasq_run --dhcp-authoritative
obtain_rows pref255

# renew of a bound lease
if ! unsupported ipcfg6-renew "$ipcfg" /renew6 "$IF"; then
    measure ipcfg6-renew "" "$ipcfg /renew6 $IF"
    in_jail "$ipcfg" /release6 "$IF" >/dev/null
fi
in_jail sh -c "$flush6; rm -f /var/lib/dhcpcd/*.lease6; $D6" >/dev/null 2>&1 || die "dhcpcd's obtain failed"
measure dhcpcd6-renew "" "$D6"
in_jail sh -c "$flush6"
in_jail sh -c "$kill_dhclient; rm -f $L; $C6" >/dev/null 2>&1 || die "dhclient's obtain failed"
measure dhclient6-renew "sh -c '$kill_dhclient'" "$C6" "$C6x"
in_jail sh -c "$kill_dhclient; $flush6"

# ipcfg's DHCPv4 beside it, on the same link and server
in_jail "$ipcfg" /renew "$IF" >/dev/null || die "ipcfg's DHCPv4 obtain failed"
measure ipcfg4-renew "" "$ipcfg /renew $IF"
measure ipcfg4-obtain "$ipcfg /release $IF" "$ipcfg /renew $IF"
in_jail "$ipcfg" /release "$IF" >/dev/null

# ---- the kernel's DAD wait: an address added with DAD on until it is no longer tentative ----------
ip netns exec "$CLI" sysctl -qw "net.ipv6.conf.$IF.accept_dad=1" "net.ipv6.conf.$IF.dad_transmits=1"
tentative() { ip -n "$CLI" -j -6 addr show dev "$IF" | jq -e --arg a "$1" '.[0].addr_info[]? | select(.local == $a) | .tentative // false' >/dev/null; }
for i in $(seq "$dad_runs"); do
    a=${NET6}dad:$i
    t0=$(date +%s%N)
    ip -n "$CLI" addr add "$a/128" dev "$IF"
    while tentative "$a"; do sleep 0.005; done
    echo $((($(date +%s%N) - t0) / 1000)) >>"$work/dad"
    ip -n "$CLI" addr del "$a/128" dev "$IF"
done
ip netns exec "$CLI" sysctl -qw "net.ipv6.conf.$IF.accept_dad=0"
sort -n "$work/dad" | awk -v n="$dad_runs" '{ v[NR] = $1 / 1000 } END {
    m = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    print "dad", m, v[1], v[n] }' >>"$work/results"

# ---- the table ---------------------------------------------------------------------------------
# cell NAME: the median (ms), or the reason it was not timed
cell() {
    awk -v n="$1" '$1 == n { if ($2 == "unsupported") printf "not supported (exit 6)"; else printf "%.1f", $2; f = 1 }
        END { if (!f) printf "-" }' "$work/results"
}
best() { # the lowest median of the names given
    for n in "$@"; do awk -v n="$n" '$1 == n && $2 != "unsupported" { print $2 }' "$work/results"; done | sort -g | head -n1
}
ratio() { # NAME BEST: NAME's median / BEST
    awk -v n="$1" -v b="$2" '$1 == n && $2 != "unsupported" && b > 0 { printf "%.2fx", $2 / b; f = 1 } END { if (!f) printf "-" }' \
        "$work/results"
}
b_pref0=$(best dhcpcd6-obtain-pref0 dhclient6-obtain-pref0)
b_pref255=$(best dhcpcd6-obtain-pref255 dhclient6-obtain-pref255)
b_renew=$(best dhcpcd6-renew dhclient6-renew)
echo
echo "DHCPv6 one-shot benchmark: $(uname -sr), $(nproc) CPUs, $runs runs + $warmup warm-up, median wall ms" \
    "(hyperfine -N in the client namespace, each client jailed), DAD off on the client's interface"
fmt='%-34s %24s %24s %24s  %s\n'
# shellcheck disable=SC2059
printf "$fmt" "client" "obtain (preference 0)" "obtain (preference 255)" "renew" "what 'renew' times"
row() { # LABEL PREFIX WHAT
    # shellcheck disable=SC2059
    printf "$fmt" "$1" "$(cell "$2-obtain-pref0")" "$(cell "$2-obtain-pref255")" "$(cell "$2-renew")" "$3"
}
row "ipcfg /renew6" ipcfg6 "/renew6 of a bound lease (Renew/Reply)"
row "dhcpcd -1 -6 -B --nodelay" dhcpcd6 "a second -1 run with its lease file: Confirm/Reply"
row "dhclient -6 -1" dhclient6 "-1 again with its lease file (daemon killed): Confirm/Reply"
# shellcheck disable=SC2059
printf "$fmt" "ipcfg /renew6 / best peer" "$(ratio ipcfg6-obtain-pref0 "$b_pref0")" "$(ratio ipcfg6-obtain-pref255 "$b_pref255")" \
    "$(ratio ipcfg6-renew "$b_renew")" "goals: obtain <= 1x, renew <= 0.15x"
# shellcheck disable=SC2059
printf "$fmt" "ipcfg /renew (DHCPv4, no probe)" "$(cell ipcfg4-obtain)" "" "$(cell ipcfg4-renew)" \
    "DHCPv4 on the same link: RENEWING, REQUEST/ACK"
printf '%-34s %24s  %s\n' "kernel DAD wait" "$(awk '$1 == "dad" { printf "%.1f (%.0f-%.0f)", $2, $3, $4 }' "$work/results")" \
    "ip addr add with DAD on until not tentative (median, min-max of $dad_runs): apart from every obtain above"
echo "obtain: no lease and no address beforehand (ipcfg: /release6 first, untimed); preference 0: dnsmasq's Advertise" \
    "as it comes (a client without Rapid Commit waits out the first retransmission time, RFC 8415 §18.2.1);" \
    "preference 255: dnsmasq --dhcp-authoritative.  dhcpcd sends Rapid Commit, which dnsmasq honours (Solicit/Reply)."

# ---- the host is as it was -----------------------------------------------------------------------
for p in $(ip netns pids "$CLI" 2>/dev/null); do
    echo "dhcp6-bench: stopping a left-over process: $(tr '\0' ' ' </proc/"$p"/cmdline 2>/dev/null)" >&2
    kill -9 "$p" 2>/dev/null || true
done
[[ $(sha256sum /etc/resolv.conf | cut -d' ' -f1) == "$resolv_before" ]] || die "/etc/resolv.conf CHANGED during the bench"
[[ ! -e /etc/resolv.conf.bak ]] || die "/etc/resolv.conf.bak appeared on the host"
[[ -z $(ls -A /run/resolvconf/interfaces 2>/dev/null) ]] || die "/run/resolvconf/interfaces holds something on the host"
echo "host: /etc/resolv.conf unchanged (sha256 ${resolv_before:0:16}...), no resolv.conf.bak, /run/resolvconf/interfaces empty"
