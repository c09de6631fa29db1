# Cgroup helpers of the tests under a real systemd (sourced, not run):
# shellcheck shell=bash
# sd_lib.sh, which runs every process of a test in a cgroup subtree of the
# test's own, and sd_leftovers.sh, which looks for what a test left.
#
# SPDX-License-Identifier: MIT

# cg_roots: the host's cgroup hierarchies as this machine mounts them, one
# a line: cgroup2 at unified/ (or at the top) and the named v1 hierarchy
# "systemd" (the ones a container's systemd uses)
cg_roots() {
    local d
    for d in /sys/fs/cgroup/unified /sys/fs/cgroup/systemd /sys/fs/cgroup; do
        if [[ -e $d/cgroup.procs ]] && { [[ $d != /sys/fs/cgroup ]] || [[ ! -e /sys/fs/cgroup/unified ]]; }; then
            echo "$d"
        fi
    done
}

# cg_pids DIR...: the pids in these cgroups and all below them
cg_pids() {
    local d
    for d; do
        [[ -d $d ]] && find "$d" -name cgroup.procs -exec cat {} + 2>/dev/null
    done
    return 0
}

# cg_kill DIR...: every process in these cgroups and below killed, until
# none is left: cgroup.kill where cgroup2 has it (one step, no fork can
# escape), then SIGKILL to each pid still listed, read again until empty
cg_kill() {
    local d pids end=$((SECONDS + 10))
    for d; do [[ -e $d/cgroup.kill ]] && echo 1 >"$d/cgroup.kill" 2>/dev/null; done
    while pids=$(cg_pids "$@") && [[ -n $pids ]]; do
        if ((SECONDS > end)); then
            echo "${TEST:-sd}: processes still in $*: ${pids//$'\n'/ }" >&2
            return 1
        fi
        # shellcheck disable=SC2086 # one word per pid
        kill -9 $pids 2>/dev/null
        sleep 0.02
    done
}

# cg_remove DIR...: the cgroups removed, deepest first (a cgroup can go
# only once empty, and a killed process leaves it a moment later); 1 if
# one is left
cg_remove() {
    local d pids left=0
    for d; do
        for _ in $(seq 100); do
            [[ -d $d ]] || break
            find "$d" -depth -type d -exec rmdir {} + 2>/dev/null
            [[ -d $d ]] && sleep 0.05
        done
        if [[ -d $d ]]; then
            pids=$(cg_pids "$d")
            echo "${TEST:-sd}: cgroup $d could not be removed (processes: ${pids//$'\n'/ })" >&2
            left=1
        fi
    done
    return $left
}
