#!/usr/bin/env bash
# One /renew and one /release of many interfaces at once (200 on one
# bridge, dnsmasq): every interface is handed to the one DHCP engine at the
# start, more than its control socket holds (the socket's send buffer)
# while the engine waits for this side's answer to its first request:
# none may fail or wait for that, and each run takes about as long as its
# slowest interface (docs/contract.md: adapters selected together are renewed
# concurrently), far less than its timeout.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"

N=${N:-200}
dhcp_bridge_net
for ((i = 1; i < N; i++)); do
    ip link add "c$i" netns "$CLI" type veth peer name "p-c$i" netns "$SRV" || fatal "veth c$i"
    ip -n "$SRV" link set "p-c$i" master br0 up || fatal "port c$i"
    ip -n "$CLI" link set "c$i" up || fatal "c$i up"
done
# a /16 of addresses: dnsmasq picks them by a hash of the client, and in a
# small range two clients it answers at once would be offered one address
# (the second REQUEST then gets a NAK)
ip -n "$SRV" addr add 10.78.0.1/16 dev br0 || fatal "the server's /16"
dnsmasq_start srv "$SRV" br0 --dhcp-range=10.78.1.0,10.78.255.254,255.255.0.0,600

addressed() { ip -n "$CLI" -4 -o addr show | grep -c ' c[0-9]* .*inet 10\.78\.'; }
t0=$(now_ms)
run_ipcfg /renew 'c*' /json
ms=$(($(now_ms) - t0))
assert_exit 0 "/renew c* ($N interfaces)"
assert_eq "$N" "$(jq '[.results[] | select(.result == "ok")] | length' <<<"$OUT")" "/renew c*: every interface ok"
assert_eq "" "$(jq -r '.results[] | select(.result != "ok") | "\(.adapter): \(.error.message)"' <<<"$OUT")" \
    "/renew c*: no failure"
OUT="(the document)"
assert_eq "$N" "$(addressed)" "/renew c*: every interface has its address"
echo "$N interfaces obtained in $ms ms" >&2
# about as long as the slowest one: far less than one interface after
# another (each about 0.3 s with the 200 ms conflict probe)
((ms < 15000)) && _pass || _fail "/renew of $N interfaces took $ms ms"
t0=$(now_ms)
run_ipcfg /release 'c*'
ms=$(($(now_ms) - t0))
assert_exit 0 "/release c*"
echo "$N interfaces released in $ms ms" >&2
((ms < 15000)) && _pass || _fail "/release of $N interfaces took $ms ms"
assert_eq 0 "$(addressed)" "/release c*: no address left"
finish
