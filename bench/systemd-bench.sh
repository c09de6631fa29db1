#!/usr/bin/env bash
# bench/systemd-bench.sh: `ipcfg /renew` that starts the lease keeper, under
# a real systemd (the unit ipcfg@host0.service) beside the detached keeper
# (IPCFG_KEEPER=detached), in the same container: systemd booted as PID 1
# of namespaces of its own over a Debian 12 root, the package installed by
# dpkg, dnsmasq in a server namespace (tests/ship/systemd/sd_lib.sh, which
# also cleans up).  Each run releases the lease first (untimed: the keeper
# stops), then times `/renew host0` inside the container (date +%s%N
# around it): a renewal that also starts a keeper.  A third row times
# /renew with the unit's keeper already running (it is only told, SIGHUP).
#   sudo bench/systemd-bench.sh            (root; mmdebstrap, dnsmasq)
# BENCH_RUNS (default 15) runs per row.  IPCFG_SD_ROOT / IPCFG_SD_DEBS: a
# root and packages made before (tests/ship/systemd/sd_root.sh, sd_debs.sh);
# otherwise they are made here (about 30 s) and removed at the end.
# SPDX-License-Identifier: MIT
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
RUNS=${BENCH_RUNS:-15}
made=
if [[ -z ${IPCFG_SD_ROOT:-} || -z ${IPCFG_SD_DEBS:-} ]]; then
    made=$(mktemp -d /tmp/ipcfg-sdbench.XXXXXX)
    bash "$src/tests/ship/systemd/sd_root.sh" "$made/root" >&2 || exit 1
    bash "$src/tests/ship/systemd/sd_debs.sh" "$src" "$made/debs" >/dev/null || exit 1
    export IPCFG_SD_ROOT=$made/root IPCFG_SD_DEBS=$made/debs
fi
export IPCFG_TMP=${TMPDIR:-/tmp}
source "$src/tests/ship/systemd/sd_lib.sh"
trap '_sd_cleanup; [[ -n $made ]] && rm -rf "$made"' EXIT

sd_server
dnsmasq_start --dhcp-range=10.77.0.50,10.77.0.60,255.255.255.0,2m
sd_boot
sd_install "$(ls "$SD_DEBS"/ipcfg_*.deb)" >/dev/null
sd_run ip link set host0 up
sd_run ipcfg /renew host0 # the first lease (not timed)

# one timed /renew in the container, in ms (3 decimals); env first
timed_renew() {
    sd_run sh -c 't0=$(date +%s%N); env "$@" ipcfg /renew host0 >/dev/null 2>&1; r=$?; t1=$(date +%s%N);
        echo "$r $(( (t1 - t0) / 1000 ))"' _ "$@"
    read -r rc us <<<"$OUT"
    [[ $rc == 0 ]] || fatal "/renew host0 $* failed: $OUT $ERR"
    echo "$us"
}
stats() { sort -n | awk '{ v[NR] = $1 } END { printf "%.1f | %.1f | %.1f", v[int((NR + 1) / 2)] / 1000, v[1] / 1000, v[NR] / 1000 }'; }
row() {
    local label=$1 mode=$2 first=$3 i
    for ((i = 0; i < RUNS; i++)); do
        [[ $first == release ]] && sd_run ipcfg /release host0
        timed_renew "IPCFG_KEEPER=$mode"
        if [[ $mode == systemd ]]; then
            [[ $(unit_state ipcfg@host0.service | cut -d' ' -f1) == active ]] || fatal "the unit did not start"
        elif [[ -z $(sd_keepers host0) ]]; then
            fatal "no detached keeper"
        fi
    done | stats | { read -r line; echo "| $label | $line |"; }
}
echo "ipcfg /renew host0 in a container under systemd 252 (Debian 12), $RUNS runs each, wall ms inside the container"
echo
echo "| what | median | min | max |"
echo "| --- | --- | --- | --- |"
row "/renew, starts ipcfg@host0.service (systemctl start, Type=notify)" systemd release
sd_run ipcfg /release host0
row "/renew, starts a detached keeper (IPCFG_KEEPER=detached)" detached release
sd_run ipcfg /release host0
sd_run ipcfg /renew host0
row "/renew, the unit's keeper already running (SIGHUP)" systemd keep
sd_run ipcfg /release host0
