#!/usr/bin/env bash
# A kept lease across suspend, against dnsmasq (2-minute leases), with the
# test builds' simulated sleep (IPCFG_TEST_HOOKS): the file that
# IPCFG_TEST_KEEPER_ASLEEP names holds the seconds the keeper's boot clock
# is ahead of the real one, as after a suspend of that long (the
# monotonic clock stopped meanwhile), and SIGUSR1 makes the keeper look:
#   - 20 s asleep: the unexpired lease is verified at once (INIT-REBOOT: a
#     broadcast REQUEST, no ciaddr, no server identifier), no DISCOVER,
#     the address kept;
#   - 5 minutes more asleep, longer than the lease, while the wall clock
#     says it has time left: the lease is obtained afresh (a DISCOVER
#     first, never a REQUEST for the old lease as if it were valid), and
#     the new lease is kept (nothing more sent once it is bound);
#   - 20 s asleep with the link down: nothing sent while it is down, the
#     lease verified (INIT-REBOOT) once it comes back.
#
# SPDX-License-Identifier: MIT
export IPCFG_KEEPER=detached
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"
export IPCFG_TEST_KEEPER_ASLEEP=$DHCP_TMP/asleep
echo 0 >"$IPCFG_TEST_KEEPER_ASLEEP"

keeper_net
dnsmasq_start srv "$SRV" s0 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,2m \
    --dhcp-option=option:router,10.77.0.1
sniff_start srv "$SRV" s0
PKTS=$DHCP_TMP/srv.pkts

run_ipcfg /renew c0
assert_exit 0 "/renew c0 (a 2-minute lease)"
assert_eq 1 "$(nkeepers c0)" "one keeper"
K=$(keepers c0)
addr=$(v4_addrs "$CLI" c0)
[[ $addr == 10.77.0.5?/24 ]] && _pass || _fail "c0 holds a lease's address" "$addr"

# client_msgs FROM_LINE: what the client sent after line FROM_LINE of the recording.
client_msgs() { tail -n +$(($1 + 1)) "$PKTS" | grep -E '^(DISCOVER|REQUEST|DECLINE|RELEASE|INFORM) '; }
# sleep_for SECONDS WHAT: the keeper's boot clock that much further ahead,
# a poke; then the keeper's log line and an ACK are waited for, and $SENT
# holds what the client sent since.
sleep_for() {
    local lines
    lines=$(wc -l <"$PKTS")
    echo $(($(cat "$IPCFG_TEST_KEEPER_ASLEEP") + $1)) >"$IPCFG_TEST_KEEPER_ASLEEP"
    kill -USR1 "$K"
    wait_for 10 grep -q "the host resumed after $1 s asleep" "$IPCFG_KEEPER_LOG" ||
        _fail "$2: the keeper did not see the $1 s asleep" "$(tail -n 5 "$IPCFG_KEEPER_LOG")"
    wait_for 15 bash -c "tail -n +$((lines + 1)) '$PKTS' | grep -q '^ACK '" ||
        _fail "$2: no ACK" "$(tail -n +$((lines + 1)) "$PKTS")"
    SENT=$(client_msgs "$lines")
}

# ---- a short sleep: the lease verified (INIT-REBOOT) -------------------------------
sleep_for 20 "short sleep"
assert_eq "REQUEST 0.0.0.0 255.255.255.255 ciaddr=0.0.0.0 server=-" \
    "$(head -n1 <<<"$SENT" | awk '{ print $1, $2, $3, $4, $6 }')" \
    "short sleep: an INIT-REBOOT REQUEST (broadcast, no ciaddr, no server identifier)"
assert_eq 0 "$(grep -c '^DISCOVER' <<<"$SENT")" "short sleep: no DISCOVER (the unexpired lease verified)"
assert_eq "$addr" "$(v4_addrs "$CLI" c0)" "short sleep: the address kept"
assert_eq "$K" "$(keepers c0)" "short sleep: the same keeper"

# ---- a sleep longer than the lease: obtained afresh ---------------------------------
# the wall clock did not move: by it the lease has more than a minute left
sleep_for 300 "long sleep"
assert_eq DISCOVER "$(head -n1 <<<"$SENT" | awk '{ print $1 }')" "long sleep: a DISCOVER first (obtained afresh)"
assert_eq "" "$(grep '^REQUEST' <<<"$SENT" | grep -v 'ciaddr=0.0.0.0 .* server=10.77.0.1$')" \
    "long sleep: every REQUEST answers an OFFER (SELECTING), none for the old lease as if valid"
wait_for 5 bash -c "ip -n '$CLI' -4 -o addr show dev c0 | grep -q 10.77.0.5" ||
    _fail "long sleep: no address after the new lease" "$(v4 "$CLI" c0)"
# the keeper logs each lease it binds: the verified one, then the new one
nbound() { grep -c ': lease 10\.77\.0\.5./24 for 120 s' "$IPCFG_KEEPER_LOG"; }
wait_for 5 bash -c "[ \"\$(grep -c ': lease 10\.77\.0\.5./24 for 120 s' '$IPCFG_KEEPER_LOG')\" = 2 ]"
assert_eq 2 "$(nbound)" "long sleep: the keeper bound a new lease"
# the new lease is the keeper's to keep: nothing more is sent at once
lines=$(wc -l <"$PKTS")
sleep 2
assert_eq "" "$(client_msgs "$lines")" "the new lease kept: nothing more sent"
run_ipcfg /all /json
assert_eq "bound true ipcfg" \
    "$(jq -r '.adapters[] | select(.name == "c0") | "\(.lease.state) \(.lease.kept) \(.lease.keeper)"' <<<"$OUT")" \
    "/json: the new lease bound and kept"
assert_eq "$K" "$(keepers c0)" "long sleep: the same keeper"
assert_eq 2 "$(nbound)" "no lease bound since"

# ---- a sleep with the link down: verified once the link comes back ----------------
lines=$(wc -l <"$PKTS")
resumes() { grep -c "the host resumed after 20 s asleep" "$IPCFG_KEEPER_LOG"; }
r0=$(resumes)
ip -n "$CLI" link set c0 down
echo $(($(cat "$IPCFG_TEST_KEEPER_ASLEEP") + 20)) >"$IPCFG_TEST_KEEPER_ASLEEP"
kill -USR1 "$K"
wait_for 10 bash -c "[ \"\$(grep -c 'the host resumed after 20 s asleep' '$IPCFG_KEEPER_LOG')\" -gt $r0 ]" ||
    _fail "link down: the keeper did not see the 20 s asleep" "$(tail -n 5 "$IPCFG_KEEPER_LOG")"
sleep 2
assert_eq "" "$(client_msgs "$lines")" "resumed with the link down: nothing sent while it is down"
ip -n "$CLI" link set c0 up
wait_for 15 bash -c "tail -n +$((lines + 1)) '$PKTS' | grep -q '^ACK '" ||
    _fail "link back: no ACK" "$(tail -n +$((lines + 1)) "$PKTS")"
SENT=$(client_msgs "$lines")
assert_eq "REQUEST 0.0.0.0 255.255.255.255 ciaddr=0.0.0.0 server=-" \
    "$(head -n1 <<<"$SENT" | awk '{ print $1, $2, $3, $4, $6 }')" \
    "link back after the sleep: an INIT-REBOOT REQUEST"
assert_eq 0 "$(grep -c '^DISCOVER' <<<"$SENT")" "link back after the sleep: no DISCOVER (the unexpired lease verified)"
assert_eq "$K" "$(keepers c0)" "link back: the same keeper"

run_ipcfg /release c0
assert_exit 0 "/release c0"
assert_eq 0 "$(nkeepers c0)" "no keeper after /release"
finish
