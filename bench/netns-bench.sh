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
timer=${BENCH_TIMER:-}
if [[ -z $timer ]]; then
    if command -v hyperfine >/dev/null; then timer=hyperfine; else timer=loop; fi
fi

die() { echo "netns-bench: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root (it creates a network namespace)"
[[ -x $ipcfg ]] || die "ipcfg binary not found or not executable: $ipcfg (build it: cmake --preset release && cmake --build --preset release)"
for tool in ip jq; do command -v "$tool" >/dev/null || die "$tool is required"; done
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

# Times the five commands at the current size; writes <n>.json (hyperfine
# format, or the same shape from the fallback loop).
measure() {
    local n=$1 out=$work/$1.json
    local -a cmds=("$ipcfg" "$ipcfg /all" "$ipcfg /all /json" "ip addr show" "ip -j addr show")
    if [[ $timer == hyperfine ]]; then
        ip netns exec "$ns" hyperfine -N --style none --warmup "$warmup" --runs "$runs" \
            --export-json "$out" "${cmds[@]}" >/dev/null 2>"$work/hyperfine.log" ||
            { cat "$work/hyperfine.log" >&2; die "hyperfine failed at N=$n"; }
    else
        # Fallback: own loop, wall clock with date +%s%N, output to /dev/null.
        local c r t0 first=1
        {
            printf '{"results":['
            for c in "${cmds[@]}"; do
                local -a times=()
                for (( r = 0; r < warmup; r++ )); do
                    # shellcheck disable=SC2086
                    ip netns exec "$ns" $c >/dev/null
                done
                for (( r = 0; r < runs; r++ )); do
                    t0=$(date +%s%N)
                    # shellcheck disable=SC2086
                    ip netns exec "$ns" $c >/dev/null
                    times+=("$(( $(date +%s%N) - t0 ))")
                done
                (( first )) || printf ','
                first=0
                printf '%s\n' "${times[@]}" | jq -s --arg c "$c" \
                    '{command: $c, times: map(. / 1e9), median: (sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end / 1e9)}'
            done
            printf ']}\n'
        } >"$out"
    fi
}

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

labels=("ipcfg" "ipcfg /all" "ipcfg /all /json" "ip addr show" "ip -j addr show")
read -r -a sz <<<"$sizes"
first=${sz[0]}
last=${sz[${#sz[@]} - 1]}

echo
echo "ipcfg listing benchmark: $(uname -sr), $(nproc) CPUs, $runs runs + $warmup warm-up per cell, median wall time"
echo "ipcfg: $ipcfg"
echo "timer: $([[ $timer == hyperfine ]] && hyperfine --version || echo 'own loop, date +%s%N around ip netns exec')"
echo "interfaces: veth pairs, both ends in the namespace, up; 2 IPv4 + 1 IPv6 (nodad) each"
echo
{
    printf 'command'
    for n in "${sz[@]}"; do printf '\tN=%s (ms)\tvs ip addr' "$n"; done
    (( ${#sz[@]} > 1 )) && printf '\tgrowth %s->%s (N x%s)' "$first" "$last" \
        "$(awk -v a="$first" -v b="$last" 'BEGIN { printf "%g", b / a }')"
    printf '\n'
    for i in "${!labels[@]}"; do
        printf '%s' "${labels[$i]}"
        for n in "${sz[@]}"; do
            m=$(median_ms "$n" "$i")
            base=$(median_ms "$n" 3)
            awk -v m="$m" -v b="$base" 'BEGIN { printf "\t%.1f\t%.2fx", m, m / b }'
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
echo "set-up (create + verify) per size: $(for n in "${sz[@]}"; do printf 'N=%s %s ms  ' "$n" "${setup_ms[$n]}"; done)"

# Targets of issue 2: at 1,000 interfaces ipcfg no slower than `ip addr show`;
# at 5,000 at most a quarter of its time; ipcfg linear in the interface count.
echo
echo "targets (ipcfg = the brief listing, ratio vs ip addr show):"
for n in "${sz[@]}"; do
    m=$(median_ms "$n" 0); base=$(median_ms "$n" 3)
    if (( n >= 5000 )); then limit=0.25; else limit=1.00; fi
    awk -v n="$n" -v m="$m" -v b="$base" -v l="$limit" 'BEGIN {
        r = m / b; printf "  N=%s: %.2fx (target <= %.2fx) %s\n", n, r, l, (r <= l ? "met" : "NOT MET") }'
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
