#!/usr/bin/env bash
# ipcfg listing benchmark against iproute2, in a throw-away network namespace.
#
# Usage: sudo bench/netns-bench.sh [path/to/ipcfg]     (default: build/release/ipcfg)
#
# Environment (all optional):
#   BENCH_SIZES   interface counts to measure, ascending   (default "1000 5000")
#   BENCH_RUNS    timed runs per command and size           (default 15)
#   BENCH_WARMUP  untimed warm-up runs per command and size (default 2)
#   BENCH_TIMER   "hyperfine" (default when installed) or "loop" (own loop)
#   BENCH_RSS_RUNS runs per command and size for the peak resident memory
#                 (median of /usr/bin/time's %M)               (default 5)
#
# The floor is bench/nlfloor.c, compiled here with the system compiler (cc):
# the four rtnetlink dumps of a listing (links without statistics, addresses,
# main-table unicast IPv4 and IPv6 routes) with ipcfg's socket options and
# request flags, the replies read and discarded.  Every command is timed
# inside the namespace (hyperfine, or the loop, runs in it), so entering the
# namespace is not timed.
#
# The namespace holds N interfaces (N/2 veth pairs, both ends in the namespace,
# all up, so every interface has carrier), each with two IPv4 addresses in
# different /24s and one IPv6 /64 added with nodad; IPv6 link-local generation
# is off (addrgenmode none), so the address count is exactly 2N IPv4 + N IPv6
# (plus lo's 127.0.0.1 and ::1).  The sizes are built incrementally in the same
# namespace: the 1,000-interface set is extended to 5,000.  See bench/README.md.
#
# SPDX-License-Identifier: MIT
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)

ipcfg=${1:-build/release/ipcfg}
case $ipcfg in
    /*) ;;
    *) if [[ -x $ipcfg ]]; then ipcfg=$(cd "$(dirname "$ipcfg")" && pwd)/$(basename "$ipcfg")
       else ipcfg=$repo/$ipcfg; fi ;;
esac
sizes=${BENCH_SIZES:-1000 5000}
runs=${BENCH_RUNS:-15}
warmup=${BENCH_WARMUP:-2}
rss_runs=${BENCH_RSS_RUNS:-5}
timer=${BENCH_TIMER:-}
if [[ -z $timer ]]; then
    if command -v hyperfine >/dev/null; then timer=hyperfine; else timer=loop; fi
fi

die() { echo "netns-bench: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root (it creates a network namespace)"
[[ -x $ipcfg ]] || die "ipcfg binary not found or not executable: $ipcfg (build it: cmake --preset release && cmake --build --preset release)"
for tool in ip jq cc; do command -v "$tool" >/dev/null || die "$tool is required"; done
[[ $ipcfg != *[[:space:]]* ]] || die "the ipcfg path must not contain white space: $ipcfg"
prev=0
for n in $sizes; do
    if ! [[ $n =~ ^[0-9]+$ ]] || (( n < 2 || n % 2 != 0 || n > 32768 )); then
        die "BENCH_SIZES: each size must be an even number between 2 and 32768 (got '$n')"
    fi
    (( n > prev )) || die "BENCH_SIZES must be ascending (got '$sizes')"
    prev=$n
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer"
[[ $warmup =~ ^[0-9]+$ ]] || die "BENCH_WARMUP must be a non-negative integer"
[[ $rss_runs =~ ^[1-9][0-9]*$ ]] || die "BENCH_RSS_RUNS must be a positive integer"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is required for the peak memory (bash scripts/install-deps.sh bench)"
case $timer in
    hyperfine) command -v hyperfine >/dev/null || die "BENCH_TIMER=hyperfine but hyperfine is not installed" ;;
    loop) ;;
    *) die "BENCH_TIMER must be hyperfine or loop (got '$timer')" ;;
esac

# Namespaces of earlier runs killed with SIGKILL (no trap ran) are removed.
for old in $(ip netns list 2>/dev/null | awk '$1 ~ /^ipcfg-bench-[0-9]+$/ { print $1 }'); do
    kill -0 "${old#ipcfg-bench-}" 2>/dev/null || ip netns del "$old" 2>/dev/null || true
done
ns=ipcfg-bench-$$
work=$(mktemp -d /tmp/ipcfg-bench.XXXXXX)
cleanup() {
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

floor=$work/nlfloor
cc -O2 -std=c11 -o "$floor" "$here/nlfloor.c" || die "could not build the floor ($here/nlfloor.c)"

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

ip netns add "$ns"
ip -n "$ns" link set lo up

# Adds interfaces v<from> .. v<to-1> with their addresses, in three batches
# (links, link settings, addresses): one netlink socket per batch.
grow() {
    local from=$1 to=$2 i
    for (( i = from; i < to; i += 2 )); do
        echo "link add v$i type veth peer name v$((i + 1))"
    done | ip -n "$ns" -batch -
    for (( i = from; i < to; i++ )); do
        echo "link set v$i addrgenmode none"
        echo "link set v$i up"
    done | ip -n "$ns" -batch -
    for (( i = from; i < to; i++ )); do
        echo "addr add 10.$(( i >> 8 )).$(( i & 255 )).1/24 dev v$i"
        echo "addr add 10.$(( 128 + (i >> 8) )).$(( i & 255 )).1/24 dev v$i"
        printf 'addr add fd00:0:0:%x::1/64 dev v%d nodad\n' "$i" "$i"
    done | ip -n "$ns" -batch -
}

# Checks that the namespace holds exactly n non-loopback interfaces, all up,
# with 2n IPv4 and n IPv6 addresses, and that ipcfg sees all of them.
verify() {
    local n=$1 links up v4 v6 adapters
    links=$(ip -n "$ns" -o link show | grep -vc ': lo:' || true)
    up=$(ip -n "$ns" -o link show up | grep -v ': lo:' | grep -c 'state UP' || true)
    v4=$(ip -n "$ns" -o -4 addr show | grep -vc ' lo ' || true)
    v6=$(ip -n "$ns" -o -6 addr show | grep -vc ' lo ' || true)
    [[ $links -eq $n && $up -eq $n && $v4 -eq $((2 * n)) && $v6 -eq $n ]] ||
        die "namespace set-up is wrong at N=$n: $links interfaces ($up up), $v4 IPv4, $v6 IPv6 addresses"
    for args in "" "/all"; do
        # shellcheck disable=SC2086
        ip netns exec "$ns" "$ipcfg" $args >/dev/null ||
            die "'ipcfg $args' failed in the namespace (exit $?)"
    done
    adapters=$(ip netns exec "$ns" "$ipcfg" /all /json |
        jq '[.adapters[] | select(.name | test("^v[0-9]+$"))] | length') ||
        die "'ipcfg /all /json' failed or printed invalid JSON"
    [[ $adapters -eq $n ]] || die "'ipcfg /all /json' shows $adapters of the $n interfaces"
}

# The commands, in table order: ipcfg's three listings, the floor, iproute2.
cmds=("$ipcfg" "$ipcfg /all" "$ipcfg /all /json" "$floor" "ip addr show" "ip -j addr show")
labels=("ipcfg" "ipcfg /all" "ipcfg /all /json" "floor (4 dumps)" "ip addr show" "ip -j addr show")
i_floor=3
i_ip=4

# Times the commands at the current size; writes <n>.json (hyperfine
# format, or the same shape from the fallback loop).  Both timers run inside
# the namespace.
measure() {
    local n=$1 out=$work/$1.json
    if [[ $timer == hyperfine ]]; then
        ip netns exec "$ns" hyperfine -N --style none --warmup "$warmup" --runs "$runs" \
            --export-json "$out" "${cmds[@]}" >/dev/null 2>"$work/hyperfine.log" ||
            { cat "$work/hyperfine.log" >&2; die "hyperfine failed at N=$n"; }
    else
        # Fallback: own loop inside the namespace, wall clock with
        # date +%s%N, output to /dev/null; one line of nanoseconds per run.
        local c k first=1
        {
            printf '{"results":['
            for c in "${cmds[@]}"; do
                # shellcheck disable=SC2016
                ip netns exec "$ns" bash -c '
                    set -f
                    for (( r = 0; r < $1; r++ )); do $3 >/dev/null; done
                    for (( r = 0; r < $2; r++ )); do
                        t0=$(date +%s%N); $3 >/dev/null; echo $(( $(date +%s%N) - t0 ))
                    done' bench "$warmup" "$runs" "$c" >"$work/loop.txt" || die "'$c' failed at N=$n"
                (( first )) || printf ','
                first=0
                jq -s --arg c "$c" \
                    '{command: $c, times: map(. / 1e9), median: (sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end / 1e9)}' \
                    "$work/loop.txt"
            done
            printf ']}\n'
        } >"$out"
    fi
    # Peak resident memory (KiB): the median of rss_runs runs of /usr/bin/time.
    for k in "${!cmds[@]}"; do
        # shellcheck disable=SC2086
        for (( r = 0; r < rss_runs; r++ )); do
            ip netns exec "$ns" /usr/bin/time -f %M -o "$work/rss.one" ${cmds[$k]} >/dev/null ||
                die "'${cmds[$k]}' failed at N=$n"
            cat "$work/rss.one"
        done | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }' \
            >"$work/$n.rss.$k"
    done
}

# Median peak RSS (KiB) of command idx at size n.
rss_kb() { cat "$work/$1.rss.$2"; }

# Median (ms) of command number idx (0-based) at size n.
median_ms() {
    jq -r --argjson i "$2" '.results[$i].median * 1000' "$work/$1.json"
}
# Mean CPU time (user + system, ms) of command idx at size n; "n/a" without hyperfine.
cpu_ms() {
    jq -r --argjson i "$2" '.results[$i] | if .user == null then "n/a" else (.user + .system) * 1000 end' "$work/$1.json"
}

script_start=$(date +%s%N)
have=0
declare -A setup_ms
for n in $sizes; do
    t0=$(date +%s%N)
    grow "$have" "$n"
    have=$n
    verify "$n"
    setup_ms[$n]=$(ms_since "$t0")
    measure "$n"
done

read -r -a sz <<<"$sizes"
first=${sz[0]}
last=${sz[${#sz[@]} - 1]}

echo
echo "ipcfg listing benchmark: $(uname -sr), $(nproc) CPUs, $runs runs + $warmup warm-up per cell, median wall time"
echo "ipcfg: $ipcfg"
echo "timer: $([[ $timer == hyperfine ]] && hyperfine --version || echo 'own loop inside the namespace, date +%s%N around each run')"
echo "interfaces: veth pairs, both ends in the namespace, up; 2 IPv4 + 1 IPv6 (nodad) each"
echo
{
    printf 'command'
    for n in "${sz[@]}"; do printf '\tN=%s (ms)\tvs floor\tvs ip addr' "$n"; done
    (( ${#sz[@]} > 1 )) && printf '\tgrowth %s->%s (N x%s)' "$first" "$last" \
        "$(awk -v a="$first" -v b="$last" 'BEGIN { printf "%g", b / a }')"
    printf '\n'
    for i in "${!labels[@]}"; do
        printf '%s' "${labels[$i]}"
        for n in "${sz[@]}"; do
            m=$(median_ms "$n" "$i")
            fl=$(median_ms "$n" "$i_floor")
            base=$(median_ms "$n" "$i_ip")
            awk -v m="$m" -v f="$fl" -v b="$base" 'BEGIN { printf "\t%.1f\t%.2fx\t%.2fx", m, m / f, m / b }'
        done
        if (( ${#sz[@]} > 1 )); then
            awk -v a="$(median_ms "$first" "$i")" -v b="$(median_ms "$last" "$i")" \
                'BEGIN { printf "\tx%.2f", b / a }'
        fi
        printf '\n'
    done
} | column -t -s $'\t'
echo
echo "CPU time (user + system, mean ms; less sensitive to other load on the machine):"
{
    printf 'command'
    for n in "${sz[@]}"; do printf '\tN=%s (ms)' "$n"; done
    (( ${#sz[@]} > 1 )) && printf '\tgrowth'
    printf '\n'
    for i in "${!labels[@]}"; do
        printf '%s' "${labels[$i]}"
        for n in "${sz[@]}"; do
            awk -v c="$(cpu_ms "$n" "$i")" 'BEGIN { if (c == "n/a") printf "\tn/a"; else printf "\t%.1f", c }'
        done
        if (( ${#sz[@]} > 1 )); then
            awk -v a="$(cpu_ms "$first" "$i")" -v b="$(cpu_ms "$last" "$i")" \
                'BEGIN { if (a == "n/a" || a == 0) printf "\tn/a"; else printf "\tx%.2f", b / a }'
        fi
        printf '\n'
    done
} | column -t -s $'\t'
echo
echo "Peak resident memory (median of $rss_runs runs of /usr/bin/time %M, MB = 1,000,000 bytes):"
{
    printf 'command'
    for n in "${sz[@]}"; do printf '\tN=%s (MB)\tvs ip addr' "$n"; done
    (( ${#sz[@]} > 1 )) && printf '\tgrowth'
    printf '\n'
    for i in "${!labels[@]}"; do
        printf '%s' "${labels[$i]}"
        for n in "${sz[@]}"; do
            awk -v m="$(rss_kb "$n" "$i")" -v b="$(rss_kb "$n" "$i_ip")" \
                'BEGIN { printf "\t%.1f\t%.2fx", m * 1.024 / 1000, m / b }'
        done
        if (( ${#sz[@]} > 1 )); then
            awk -v a="$(rss_kb "$first" "$i")" -v b="$(rss_kb "$last" "$i")" 'BEGIN { printf "\tx%.2f", b / a }'
        fi
        printf '\n'
    done
} | column -t -s $'\t'
echo
echo "set-up (create + verify) per size: $(for n in "${sz[@]}"; do printf 'N=%s %s ms  ' "$n" "${setup_ms[$n]}"; done)"

# Targets: the listing's (against ip addr show: at most 1x at 1,000 interfaces,
# 0.25x at 5,000) and the floor's (against the floor at 5,000 and more: ipcfg
# at most 1.25x, ipcfg /all /json at most 1.4x; peak memory at most
# ip addr show's); each listing linear in the interface count.
echo "targets:"
for n in "${sz[@]}"; do
    m=$(median_ms "$n" 0); base=$(median_ms "$n" "$i_ip")
    if (( n >= 5000 )); then limit=0.25; else limit=1.00; fi
    awk -v n="$n" -v m="$m" -v b="$base" -v l="$limit" 'BEGIN {
        r = m / b; printf "  N=%s: ipcfg %.2fx ip addr show (target <= %.2fx) %s\n", n, r, l, (r <= l ? "met" : "NOT MET") }'
    if (( n >= 5000 )); then
        fl=$(median_ms "$n" "$i_floor")
        for i in 0 2; do
            if (( i == 0 )); then limit=1.25; else limit=1.40; fi
            awk -v n="$n" -v c="${labels[$i]}" -v m="$(median_ms "$n" "$i")" -v f="$fl" -v l="$limit" 'BEGIN {
                r = m / f; printf "  N=%s: %s %.2fx the floor (target <= %.2fx) %s\n", n, c, r, l, (r <= l ? "met" : "NOT MET") }'
        done
        for i in 0 1 2; do
            awk -v n="$n" -v c="${labels[$i]}" -v m="$(rss_kb "$n" "$i")" -v b="$(rss_kb "$n" "$i_ip")" 'BEGIN {
                printf "  N=%s: %s peak memory %.1f MB, ip addr show %.1f MB %s\n", n, c, m * 1.024 / 1000,
                    b * 1.024 / 1000, (m <= b ? "met" : "NOT MET") }'
        done
    fi
done
if (( ${#sz[@]} > 1 )); then
    for i in 0 1 2; do
        awk -v c="${labels[$i]}" -v a="$(median_ms "$first" "$i")" -v b="$(median_ms "$last" "$i")" \
            -v na="$first" -v nb="$last" 'BEGIN {
            g = b / a; k = nb / na
            printf "  %s: time grew x%.2f for x%g interfaces (%s)\n", c, g, k,
                (g <= k * 1.25 ? "linear or better" : "worse than linear") }'
    done
fi
echo
echo "machine load (1/5/15 min) at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "total script time: $(( $(ms_since "$script_start") / 1000 )) s"
