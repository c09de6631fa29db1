#!/usr/bin/env bash
# The Linux integration suites under load: `ctest -L integration` run
# BENCH_RUNS times on a quiet machine and BENCH_RUNS times beside
# `stress-ng --cpu 2 --io 1` (both cores busy, and sync() storms), then one
# table of failures and median wall times per test.  A test that fails
# only under load has a bound too tight for a busy 2-core machine: a
# defect, not the machine's fault (docs/development.md).
#
#   bash scripts/install-deps.sh bench     # stress-ng among the rest
#   cmake -S . -B build/load -DCMAKE_BUILD_TYPE=Debug -DIPCFG_TEST_HOOKS=ON
#   cmake --build build/load
#   bash bench/integration-load.sh build/load     # as root; default build/dev
#
# A build tree of its own (as above, the dev preset's settings): a tree
# that is rebuilt while the suites run would fail them for nothing.
#
# Environment: BENCH_RUNS (3), BENCH_IDLE_RUNS (BENCH_RUNS; 0 skips the
# quiet runs), BENCH_LABEL (integration), BENCH_REGEX (a ctest -R filter,
# default none), BENCH_LOAD (the stress-ng arguments, default
# "--cpu 2 --io 1"), BENCH_LOGS (a directory that keeps each run's ctest
# log, with the output of every failed test).  The machine is shared: what else ran (the load
# average and the busiest processes before and after) is printed with the
# table.  Host hygiene: the suites keep to their own namespaces and
# temporary directories; stress-ng's --io stressor only calls sync(), and
# its temporary path is a scratch directory removed at the end.
#
# SPDX-License-Identifier: MIT
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

build=${1:-build/dev}
runs=${BENCH_RUNS:-3}
idle_runs=${BENCH_IDLE_RUNS:-$runs}
label=${BENCH_LABEL:-integration}
regex=${BENCH_REGEX:-}
load_args=${BENCH_LOAD:---cpu 2 --io 1}
logs=${BENCH_LOGS:-}

die() { echo "integration-load.sh: $*" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || die "run as root (the suites build network namespaces)"
command -v stress-ng >/dev/null || die "stress-ng is missing: bash scripts/install-deps.sh bench"
command -v ctest >/dev/null || die "ctest is missing: bash scripts/install-deps.sh build"
[[ -f $build/CTestTestfile.cmake ]] || die "$build is not a configured build tree (cmake --preset dev)"
resolv_sum=$(sha256sum /etc/resolv.conf | cut -d' ' -f1)

work=$(mktemp -d /tmp/ipcfg-load.XXXXXX) || die "mktemp failed"
STRESS=''
cleanup() {
    if [[ -n $STRESS ]]; then
        kill -- "-$STRESS" 2>/dev/null || kill "$STRESS" 2>/dev/null
        wait "$STRESS" 2>/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# what else runs on this shared machine
machine() {
    echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); busiest processes over one second (%CPU, command):"
    top -b -n 2 -d 1 -w 200 -o %CPU | awk '/^top -/ { n++ } n == 2 && p && NF >= 12 { print "    " $9, $12 } / PID / { p = n == 2 }' |
        head -n 8
}

# suite COND N: one ctest run; one line per test into $work/COND.results:
# "N NAME STATUS SECONDS"
suite() {
    local cond=$1 n=$2 log=$work/$1.$2.log
    local args=(--test-dir "$build" -L "$label" --timeout 300 --output-on-failure)
    [[ -n $regex ]] && args+=(-R "$regex")
    ctest "${args[@]}" >"$log" 2>&1
    # " 3/40 Test #35: integration_linux_dhcp_cli ......   Passed    2.35 sec"
    # "12/40 Test #48: integration_linux_keeper ...***Failed   10.02 sec"
    sed -nE 's/^ *[0-9]+\/[0-9]+ Test +#[0-9]+: ([^ ]+) \.*(\*\*\*)? *([A-Za-z][A-Za-z ]*[a-z]) +([0-9.]+) sec.*/\1 \3 \4/p' "$log" |
        while read -r name status secs; do
            echo "$n $name ${status// /_} $secs"
        done >>"$work/$cond.results"
    echo "  $cond run $n: $(grep -cv ' Passed ' <(grep "^$n " "$work/$cond.results")) failed of" \
        "$(grep -c "^$n " "$work/$cond.results") ($(tail -n 1 "$log" | sed 's/^ *//'))"
    if [[ -n $logs ]]; then
        mkdir -p "$logs" && cp "$log" "$logs/"
    fi
}

echo "# ipcfg integration suites under load: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $(uname -r)"
echo "# build $build, label $label${regex:+, -R $regex}; $idle_runs quiet run(s), $runs with stress-ng $load_args"
echo "## before"
machine
: >"$work/quiet.results"
: >"$work/load.results"
for ((i = 1; i <= idle_runs; i++)); do
    suite quiet "$i"
done
if ((runs > 0)); then
    # its own process group, so that every worker goes at the end
    # shellcheck disable=SC2086 # the arguments, split
    setsid stress-ng $load_args --temp-path "$work" --timeout 6h --quiet >"$work/stress-ng.log" 2>&1 &
    STRESS=$!
    sleep 2
    kill -0 "$STRESS" 2>/dev/null || die "stress-ng did not start"
    echo "## under load (stress-ng $load_args, process group $STRESS)"
    machine
    for ((i = 1; i <= runs; i++)); do
        suite load "$i"
    done
    kill -- "-$STRESS" 2>/dev/null
    wait "$STRESS" 2>/dev/null
    STRESS=''
fi
echo "## after"
machine

# the table: failures of each test in each condition, median seconds
python3 - "$work" "$idle_runs" "$runs" <<'EOF'
import statistics, sys
work, idle, load = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = {}
for cond in ("quiet", "load"):
    for line in open(f"{work}/{cond}.results"):
        n, name, status, secs = line.split()
        r = rows.setdefault(name, {"quiet": [], "load": []})
        r[cond].append((status, float(secs)))
def cell(v, runs):
    if runs == 0:
        return "-"
    bad = [s for s, _ in v if s != "Passed"]
    kinds = ",".join(sorted(set(bad)))
    return f"{len(bad)}/{len(v)}" + (f" ({kinds})" if kinds else "")
def med(v):
    return f"{statistics.median(t for _, t in v):.1f}" if v else "-"
w = max([len(n) for n in rows] + [4])
print()
print(f"| {'test':<{w}} | failed, quiet | failed, load | median s, quiet | median s, load |")
print(f"| {'-' * w} | --- | --- | --- | --- |")
tq = tl = 0
for name in sorted(rows):
    r = rows[name]
    tq += sum(s != "Passed" for s, _ in r["quiet"])
    tl += sum(s != "Passed" for s, _ in r["load"])
    print(f"| {name:<{w}} | {cell(r['quiet'], idle)} | {cell(r['load'], load)} | {med(r['quiet'])} | {med(r['load'])} |")
print(f"| {'all':<{w}} | {tq} | {tl} | | |")
EOF

[[ $(sha256sum /etc/resolv.conf | cut -d' ' -f1) == "$resolv_sum" ]] || die "/etc/resolv.conf CHANGED during the bench"
echo "host /etc/resolv.conf unchanged (sha256 ${resolv_sum:0:16}...)"
