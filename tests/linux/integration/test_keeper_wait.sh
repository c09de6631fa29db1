#!/usr/bin/env bash
# A keeper started for an interface that does not exist yet (what systemd
# does for an enabled ipcfg@IF.service that starts before the driver or
# udev makes IF): it waits for the interface on rtnetlink link events,
# without a wake-up meanwhile, and stops on SIGTERM while it waits; once a
# veth of that name appears and gets carrier it obtains a lease against
# dnsmasq and keeps it.
#
# SPDX-License-Identifier: MIT
export IPCFG_KEEPER=detached
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"
export IPCFG_KEEPER_LOG=$DHCP_TMP/keeper.log
recording_resolvconf
ns_new srv
SRV=$NS
ns_new cli
CLI=$NS
ns_resolv_conf "nameserver 192.0.2.1"

# start_keeper: `ipcfg --keeper c0` as the unit runs it, in the client namespace.
start_keeper() {
    ip netns exec "$CLI" setsid "$IPCFG" --keeper c0 </dev/null >/dev/null 2>&1 &
    wait_for 5 bash -c "grep -q 'waits for it to appear' '$IPCFG_KEEPER_LOG' 2>/dev/null" ||
        _fail "the keeper did not say it waits for c0" "$(cat "$IPCFG_KEEPER_LOG" 2>/dev/null)"
}

# ---- SIGTERM while it waits: it stops (status 0) ------------------------------------
start_keeper
assert_eq 1 "$(nkeepers c0)" "a keeper for c0, which does not exist, waits"
K=$(keepers c0)
kill -TERM "$K"
wait_for 5 bash -c "[ -z \"\$(ip netns pids '$CLI')\" ]" || _fail "the waiting keeper did not stop on SIGTERM"
assert_eq 0 "$(nkeepers c0)" "no keeper after SIGTERM"
: >"$IPCFG_KEEPER_LOG"

# ---- it waits, idle, until c0 appears; then it obtains a lease ------------------------
start_keeper
K=$(keepers c0)
v1=$(awk '$1 ~ /ctxt_switches:/ { s = s $2 " " } END { print s }' "/proc/$K/status")
sleep 3
v2=$(awk '$1 ~ /ctxt_switches:/ { s = s $2 " " } END { print s }' "/proc/$K/status")
assert_eq "$v1" "$v2" "the waiting keeper did not wake up in 3 s (no polling)"
assert_eq "$K" "$(keepers c0)" "still the one keeper, waiting"
# unrelated links come and go: it keeps waiting
ip -n "$CLI" link add x0 type veth peer name x1 || fatal "an unrelated veth pair"
ip -n "$CLI" link del x0
sleep 0.3
assert_eq "$K" "$(keepers c0)" "other links: it keeps waiting"
assert_eq "" "$(v4_addrs "$CLI" c0 2>/dev/null)" "nothing done meanwhile"

ip link add c0 netns "$CLI" type veth peer name s0 netns "$SRV" || fatal "cannot create the veth pair"
ip -n "$SRV" link set s0 up || fatal "s0 up"
ip -n "$SRV" addr add 10.77.0.1/24 dev s0 || fatal "server address"
dnsmasq_start srv "$SRV" s0 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600
wait_for 5 grep -q "the interface appeared" "$IPCFG_KEEPER_LOG" ||
    _fail "the keeper did not see c0 appear" "$(cat "$IPCFG_KEEPER_LOG")"
ip -n "$CLI" link set c0 up || fatal "c0 up"
wait_for 15 bash -c "ip -n '$CLI' -4 -o addr show dev c0 | grep -q 10.77.0.5" ||
    _fail "the keeper did not obtain a lease once c0 appeared" "$(cat "$IPCFG_KEEPER_LOG")"
assert_eq "$K" "$(keepers c0)" "the same keeper keeps the lease"
run_ipcfg /all /json
assert_exit 0 "/all /json"
assert_eq "bound true ipcfg" \
    "$(jq -r '.adapters[] | select(.name == "c0") | "\(.lease.state) \(.lease.kept) \(.lease.keeper)"' <<<"$OUT")" \
    "/json: the lease bound and kept by the keeper that waited"
run_ipcfg /release c0
assert_exit 0 "/release c0"
assert_eq 0 "$(nkeepers c0)" "no keeper after /release"
finish
