#!/usr/bin/env bash
# /renew when the world fails underneath it (the hostile server in its good
# or silent modes):
#   the server killed between OFFER and ACK: exit 5 in time, nothing
#   installed; the interface deleted, the link set down during an exchange
#   (an obtain, and the renewal of a bound lease): exit 5 (or 2) within the
#   timeout, the bound lease and its address kept; kill -9 of ipcfg during renewals, a hundred
#   times: the lease file is always the old one or a complete new one;
#   the state directory read-only, missing (uncreatable) or full: exit 3
#   with the reason, the interface (address, routes) and the lease file as
#   they were.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"

dhcp_net
hostile_start "$SRV" s0

# ---- the server killed between OFFER and ACK --------------------------------------
scen die_after_offer
before=$(snapshot "$CLI" c0)
t0=$(now_ms)
run_ipcfg /renew c0 /timeout:2
ms=$(($(now_ms) - t0))
assert_exit 5 "the server killed between OFFER and ACK"
assert_took "$ms" 3000 "the server killed between OFFER and ACK (timeout 2 s)"
assert_eq "$before" "$(snapshot "$CLI" c0)" "nothing installed or recorded"
grep -q "OFFER sent, exiting" "$DHCP_TMP/hostile.log" && _pass || _fail "the server sent its OFFER and died"
wait_for 5 bash -c "! kill -0 $HOSTILE_PID 2>/dev/null" || _fail "the server is still running"
hostile_start "$SRV" s0

# a bound lease for the rest
run_ipcfg /renew c0
assert_exit 0 "obtain"
LEASE=$IPCFG_STATE_DIR/c0.lease
good_lease=$(cat "$LEASE")

# ---- the link set down, the interface deleted, during an exchange ------------------------
# (c1/s1: a second link to the server, deleted below; the lease of c0 stays)
ip link add c1 netns "$CLI" type veth peer name s1 netns "$SRV" || fatal "veth c1"
ip -n "$CLI" link set c1 up && ip -n "$SRV" link set s1 up || fatal "c1 up"
scen silent
for what in down delete; do
    t0=$(now_ms)
    ip netns exec "$CLI" "$IPCFG" /renew c1 /timeout:3 >"$DHCP_TMP/out" 2>"$DHCP_TMP/err" &
    pid=$!
    sleep 0.5
    if [[ $what == down ]]; then ip -n "$CLI" link set c1 down; else ip -n "$CLI" link del c1; fi
    wait "$pid"
    rc=$?
    ms=$(($(now_ms) - t0))
    LAST_CMD="ipcfg /renew c1 (link $what after 0.5 s)"
    ((rc == 2 || rc == 5)) && _pass || _fail "link $what during the exchange: exit $rc" "$(cat "$DHCP_TMP/err")"
    assert_took "$ms" 4000 "link $what (timeout 3 s)"
    echo "link $what during an exchange: exit $rc after $ms ms: $(cat "$DHCP_TMP/err")" >>"$DHCP_TMP/faults.txt"
    [[ $what == down ]] && ip -n "$CLI" link set c1 up
done
assert_eq "$good_lease" "$(cat "$LEASE")" "c0's lease untouched"

# the link of a bound lease going down during its renewal (RENEWING)
t0=$(now_ms)
ip netns exec "$CLI" "$IPCFG" /renew c0 /timeout:2 >"$DHCP_TMP/out" 2>"$DHCP_TMP/err" &
pid=$!
sleep 0.5
ip -n "$CLI" link set c0 down
wait "$pid"
rc=$?
ms=$(($(now_ms) - t0))
LAST_CMD="ipcfg /renew c0 (bound; link down after 0.5 s)"
((rc == 2 || rc == 5)) && _pass || _fail "link down during a renewal: exit $rc" "$(cat "$DHCP_TMP/err")"
assert_took "$ms" 3000 "link down during a renewal (timeout 2 s)"
echo "link down during a renewal of a bound lease: exit $rc after $ms ms" >>"$DHCP_TMP/faults.txt"
assert_eq "$good_lease" "$(cat "$LEASE")" "link down during a renewal: the lease file kept"
assert_eq "10.77.0.50/24" "$(v4_addrs "$CLI" c0)" "link down during a renewal: the address kept"
ip -n "$CLI" link set c0 up
wait_for 3 bash -c "ip -n $CLI link show c0 | grep -q LOWER_UP" || fatal "c0 has no carrier"
scen good
run_ipcfg /renew c0
assert_exit 0 "a renewal once the link is back"
assert_contains "$(ip -n "$CLI" -4 route show default)" "default via 10.77.0.1 dev c0" \
    "the default route the kernel removed with the link is back"
good_lease=$(cat "$LEASE")

# ---- kill -9 during renewals: never a torn lease file ------------------------------------
scen good
killed=0
for i in $(seq 100); do
    ip netns exec "$CLI" "$IPCFG" /renew c0 /timeout:2 >/dev/null 2>&1 &
    pid=$!
    # a delay of 0 to a few milliseconds, spread over the whole run of a
    # renewal (start, exchange, apply, write)
    for ((k = 0; k < (i * 211) % 6000; k++)); do :; done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    [[ $? == 137 ]] && killed=$((killed + 1))
    f=$(cat "$LEASE")
    if [[ $(head -n1 <<<"$f") != "ipcfg-lease "[12] || $(tail -n1 <<<"$f") != end ]] ||
        ! grep -q "^address 10.77.0.50/24$" <<<"$f"; then
        _fail "kill -9 #$i: a torn lease file" "$f"
        break
    fi
    _pass
done
echo "kill -9: $killed of 100 runs killed before they ended" >>"$DHCP_TMP/faults.txt"
((killed >= 10)) && _pass || _fail "only $killed of 100 runs were killed before they ended"
run_ipcfg /renew c0
assert_exit 0 "a renewal after the kills"
run_ipcfg /all /json
assert_json "$OUT" '.adapters[] | select(.name=="c0") | .lease != null' true "the lease file reads"
tmps=$(find "$IPCFG_STATE_DIR" -name '.c0.lease.*.tmp' | wc -l)
echo "kill -9: $tmps temporary files left by runs killed inside the write (never read)" >>"$DHCP_TMP/faults.txt"
rm -f "$IPCFG_STATE_DIR"/.c0.lease.*.tmp

# ---- the state directory read-only, missing, full ------------------------------------------
# each in a private mount namespace: a tmpfs over a scratch directory
SD=$DHCP_TMP/sd
mkdir -p "$SD"
# run_sd MOUNT_SCRIPT ARGS...: ipcfg with IPCFG_STATE_DIR=$SD after the script's mounts
run_sd() {
    local setup=$1
    shift
    LAST_CMD="ipcfg $* (state directory: $setup)"
    OUT=$(IPCFG_STATE_DIR=$SD ip netns exec "$CLI" unshare -m sh -c "$setup && exec \"\$0\" \"\$@\"" "$IPCFG" "$@" 2>"$DHCP_TMP/err")
    RC=$?
    ERR=$(cat "$DHCP_TMP/err")
}
fill='mount -t tmpfs -o size=64k none "$IPCFG_STATE_DIR" && { dd if=/dev/zero of="$IPCFG_STATE_DIR/fill" bs=4k 2>/dev/null; true; }'
cp_lease="cp '$LEASE' \"\$IPCFG_STATE_DIR/c0.lease\""
for mode in ro full; do
    for with in nolease lease; do
        if [[ $with == nolease ]]; then
            run_ipcfg /release c0
            assert_exit 0 "release before '$mode' without a lease"
        else
            run_ipcfg /renew c0
            assert_exit 0 "a lease before '$mode'"
        fi
        case $mode in
        ro) m='mount -t tmpfs none "$IPCFG_STATE_DIR"'
            [[ $with == lease ]] && m="$m && $cp_lease"
            m="$m && mount -o remount,ro \"\$IPCFG_STATE_DIR\"" ;;
        full) m='mount -t tmpfs -o size=64k none "$IPCFG_STATE_DIR"'
            [[ $with == lease ]] && m="$m && $cp_lease"
            m="$m && { dd if=/dev/zero of=\"\$IPCFG_STATE_DIR/fill\" bs=4k 2>/dev/null; true; }" ;;
        esac
        before=$(snapshot "$CLI" c0)
        run_sd "$m" /renew c0 /timeout:2
        assert_exit 3 "state directory $mode, $with"
        case $mode in
        ro) assert_contains "$ERR" "Read-only file system" "state directory $mode, $with: the reason" ;;
        full) assert_contains "$ERR" "No space left on device" "state directory $mode, $with: the reason" ;;
        esac
        assert_eq "$before" "$(snapshot "$CLI" c0)" "state directory $mode, $with: the interface as it was"
    done
done
# missing, and not creatable (its parent does not exist)
run_ipcfg /release c0
before=$(snapshot "$CLI" c0)
LAST_CMD="ipcfg /renew c0 (state directory missing)"
OUT=$(IPCFG_STATE_DIR=$DHCP_TMP/no/such/dir ip netns exec "$CLI" "$IPCFG" /renew c0 /timeout:2 2>"$DHCP_TMP/err")
RC=$? ERR=$(cat "$DHCP_TMP/err")
assert_exit 3 "state directory missing"
assert_contains "$ERR" "No such file or directory" "state directory missing: the reason"
assert_eq "$before" "$(snapshot "$CLI" c0)" "state directory missing: nothing installed"

cat "$DHCP_TMP/faults.txt"
finish
