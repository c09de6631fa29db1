#!/usr/bin/env bash
# sd_leftovers.sh [--remove] LEDGER [PATH...]: what the tests under a real
# systemd left on the host, one line each, exit 1 if anything.  LEDGER
# lists, a line per test (sd_lib.sh adds them), its cgroup subtree's name
# and its temporary directory; for each:
#   - a cgroup of that name in any of the host's hierarchies,
#   - a live process in it, or with the temporary directory on its command
#     line (the container's init script, say),
#   - a mount of the host's on or from the temporary directory (or under a
#     PATH given: the fixture's directory),
#   - the temporary directory itself;
# and, for all of them, the tests' interfaces or addresses in the host's
# network namespace (host0, sdN, 10.77.0.0/24).  Only what the ledger names
# is looked at: other runs on the same machine are none of its business.
# --remove: what was found is killed, unmounted and removed after it is
# reported (the host clean again for the next run); the exit is 1 all the
# same.
# SPDX-License-Identifier: MIT
set -uo pipefail
# shellcheck source=sd_cgroup.sh
source "$(dirname "$0")/sd_cgroup.sh"
# shellcheck disable=SC2034 # the name in sd_cgroup.sh's messages
TEST=sd_leftovers
remove=0
[[ ${1:-} == --remove ]] && { remove=1; shift; }
ledger=${1:?LEDGER}
shift
found=0
left() {
    echo "left: $*"
    found=1
}

# procs_matching -E|-F FILE PATTERN: the live processes whose /proc/PID/FILE
# matches PATTERN (a zombie is dead, only not yet reaped)
procs_matching() {
    local how=$1 file=$2 pat=$3 f pid st
    for f in $(grep -lsa "$how" -- "$pat" /proc/[0-9]*/"$file"); do
        pid=${f#/proc/}
        pid=${pid%%/*}
        read -r st 2>/dev/null <"/proc/$pid/stat" || continue
        st=${st##*) }
        [[ $pid != "$$" && ${st:0:1} != [ZX] ]] && echo "$pid"
    done
}

args_of() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | cut -c1-200; }

paths=("$@")
if [[ -s $ledger ]]; then
    while read -r cg tmp; do
        [[ -n $cg && -n $tmp ]] || continue
        paths+=("$tmp")
        for root in $(cg_roots); do
            d=$root/$cg
            [[ -d $d ]] || continue
            left "cgroup $d (processes: $(cg_pids "$d" | tr '\n' ' '))"
            ((remove)) && cg_kill "$d" && cg_remove "$d"
        done
        for pid in $(procs_matching -E cgroup ":/$cg(/|\$)"); do
            left "process $pid in the cgroup $cg: $(args_of "$pid")"
            ((remove)) && kill -9 "$pid" 2>/dev/null
        done
        for pid in $(procs_matching -F cmdline "$tmp"); do
            left "process $pid of $tmp: $(args_of "$pid")"
            ((remove)) && kill -9 "$pid" 2>/dev/null
        done
        if [[ -e $tmp ]]; then
            left "the directory $tmp"
        fi
    done <"$ledger"
fi

# mounts on or from these paths, in the host's mount table (this process's:
# run from the host, not from a namespace of a test's)
for p in "${paths[@]}"; do
    while read -r mnt; do
        left "mount on $mnt"
        ((remove)) && umount -l "$mnt"
    done < <(awk -v p="$p" 'index($0, p) { print $5 }' /proc/self/mountinfo | sort -u)
done
if ((remove)); then
    while read -r _ tmp; do [[ -n ${tmp:-} && -e $tmp ]] && rm -rf "$tmp"; done <"$ledger"
fi

# the tests' interfaces and addresses, never the host's
for l in $(ip -o link show 2>/dev/null | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | grep -xE 'host0|sd[0-9]+'); do
    left "interface $l in the host's network namespace"
    ((remove)) && ip link del "$l"
done
ip -o -4 addr show 2>/dev/null | grep -q ' 10\.77\.0\.' &&
    left "an address of 10.77.0.0/24 in the host's network namespace: $(ip -o -4 addr show | grep ' 10\.77\.0\.' | awk '{ print $2, $4 }')"
# another run's subtree whose test is gone (the name's pid): said, but
# neither counted nor touched (that run may be someone else's)
for root in $(cg_roots); do
    for d in "$root"/ipcfg-sd-*; do
        [[ -d $d ]] || continue
        owner=${d##*/ipcfg-sd-}
        owner=${owner%%-*}
        [[ -e /proc/$owner ]] || grep -qs "^${d##*/} " "$ledger" ||
            echo "note: $d, of a test no longer running, is not of this run"
    done
done
exit $found
