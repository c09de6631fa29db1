#!/usr/bin/env bash
# Wall time of ipcfg /renew against dnsmasq on a veth pair (not a ctest
# test; run by hand as root):
#     bash tests/linux/integration/bench_dhcp.sh build/release/ipcfg [RUNS]
# Prints the median and range, in microseconds, of
#   renew:  /renew c0 of a bound lease (RENEWING: one unicast REQUEST/ACK),
#   obtain: /renew c0 after /release (INIT: DISCOVER/OFFER, ARP probe,
#           REQUEST/ACK),
# each timed inside the client namespace with date +%s%N around the run.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$1"
source "$(dirname "$0")/dhcp_lib.sh"
RUNS=${2:-21}

dhcp_net
# --leasefile-ro: dnsmasq then keeps its leases in memory only, so that its
# own lease-file write (about 2 ms per ACK here) is not counted as ipcfg's.
# BENCH_DNSMASQ_WRITES=1 measures with the write.
ro=(--leasefile-ro)
[[ ${BENCH_DNSMASQ_WRITES:-0} == 1 ]] && ro=()
dnsmasq_start srv "$SRV" s0 --dhcp-range=10.77.0.50,10.77.0.250,255.255.255.0,3600 \
    --dhcp-option=option:router,10.77.0.1 "${ro[@]}"
ip netns exec "$CLI" "$IPCFG" /renew c0 >/dev/null || fatal "first obtain failed"

median() { sort -n | awk '{ v[NR] = $1 } END { printf "median %d us (min %d, max %d, n %d)\n", v[int((NR + 1) / 2)], v[1], v[NR], NR }'; }

# shellcheck disable=SC2016
ip netns exec "$CLI" bash -c '
    for i in $(seq '"$RUNS"'); do
        t0=$(date +%s%N); "$0" /renew c0 >/dev/null || exit 1; t1=$(date +%s%N)
        echo $(((t1 - t0) / 1000))
    done' "$IPCFG" | median | sed 's/^/renew (bound lease):  /'
# shellcheck disable=SC2016
ip netns exec "$CLI" bash -c '
    for i in $(seq '"$RUNS"'); do
        "$0" /release c0 >/dev/null || exit 1
        t0=$(date +%s%N); "$0" /renew c0 >/dev/null || exit 1; t1=$(date +%s%N)
        echo $(((t1 - t0) / 1000))
    done' "$IPCFG" | median | sed 's/^/obtain (after release): /'
