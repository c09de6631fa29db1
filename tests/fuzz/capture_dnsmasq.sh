#!/usr/bin/env bash
# Captures real dnsmasq replies for the DHCP fuzz targets' seed corpora
# (not a test; run by hand as root when the seeds are to be refreshed):
#     bash tests/fuzz/capture_dnsmasq.sh build/dev/ipcfg > tests/fuzz/seeds-dhcp/dnsmasq.hex
# In two network namespaces joined by a veth pair, ipcfg obtains, renews
# and releases leases from dnsmasq in several configurations (plain, many
# options with classless routes, infinite, /32, a NAK, static-only); every
# reply the client side sees is written as one line "TYPE HEX" (the IPv4
# packet as the packet socket delivers it).  fuzz_seedgen_dhcp turns each
# line into a dhcp_msg seed (the UDP payload) and dhcp_frame seeds.
#
# SPDX-License-Identifier: MIT
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../linux/integration/lib.sh" "$@"
source "$here/../linux/integration/dhcp_lib.sh"

dhcp_net
rec=$DHCP_TMP/rec.hex
: >"$rec"
ip netns exec "$CLI" python3 "$here/../linux/integration/dhcp_record.py" c0 "$rec" &
DHCP_PIDS+=("$!")
wait_for 5 grep -q ready "$rec" || fatal "the recorder did not start"

serve() { # TAG ARGS...: one dnsmasq configuration, obtain, renew, release
    local tag=$1
    shift
    dnsmasq_start "$tag" "$SRV" s0 "$@"
    ip netns exec "$CLI" "$IPCFG" /renew c0 /timeout:3 >/dev/null 2>&1
    ip netns exec "$CLI" "$IPCFG" /renew c0 /timeout:3 >/dev/null 2>&1
    ip netns exec "$CLI" "$IPCFG" /release c0 >/dev/null 2>&1
    dnsmasq_stop "$DNSMASQ_PID"
}
serve plain --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600 --dhcp-option=option:router,10.77.0.1
serve full --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,3600 --dhcp-option=option:router,10.77.0.1 \
    --dhcp-option=option:dns-server,10.77.0.1,10.77.0.2 --dhcp-option=option:domain-name,example.test \
    --dhcp-option=option:domain-search,a.example.test,b.example.test --dhcp-option=option:ntp-server,10.77.0.3 \
    --dhcp-option=121,10.99.0.0/16,10.77.0.1,0.0.0.0/0,10.77.0.254 --dhcp-option=option:mtu,1400 \
    --dhcp-option=option:T1,900 --dhcp-option=option:T2,1800 --domain=example.test
serve infinite --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,infinite --dhcp-option=option:router,10.77.0.1
serve p32 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600 \
    --dhcp-option=option:netmask,255.255.255.255 --dhcp-option=option:router,10.77.0.1
# a NAK: a lease from one range, then an authoritative server with another
dnsmasq_start nak1 "$SRV" s0 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600
ip netns exec "$CLI" "$IPCFG" /renew c0 /timeout:3 >/dev/null 2>&1
dnsmasq_stop "$DNSMASQ_PID"
dnsmasq_start nak2 "$SRV" s0 --dhcp-authoritative --dhcp-range=10.77.0.100,10.77.0.109,255.255.255.0,600
ip netns exec "$CLI" "$IPCFG" /renew c0 /timeout:3 >/dev/null 2>&1
dnsmasq_stop "$DNSMASQ_PID"
sleep 0.2
grep -v '^#' "$rec" | awk '!seen[$2]++'
