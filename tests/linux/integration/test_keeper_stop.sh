#!/usr/bin/env bash
# How a lease keeper ends, against dnsmasq with a recording resolvconf:
#   - a keeper that ends (SIGTERM from anyone) takes its lease's DNS back
#     as it goes: no lease's DNS outlives it; the next /renew starts one
#     again and hands the DNS over again;
#   - a keeper that finds another one holding the interface leaves without
#     touching the DNS (the lease stays kept by the other);
#   - /release against a stopped keeper (SIGSTOP): exit 5 within the
#     timeout, one line that says the keeper did not stop and the lease
#     may still be kept; nothing was released (no RELEASE, address and
#     lease file kept); once the keeper runs again it ends on the SIGTERM
#     it was sent and takes the DNS back;
#   - /release with the state directory read-only: exit 3 with the
#     reason before anything is sent, changed or stopped;
#   - an unusable keeper lock file (not root's, mode 0644): /renew exits 3
#     and names it, before anything is sent or changed.
#
# SPDX-License-Identifier: MIT
export IPCFG_KEEPER=detached
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"
keeper_net
dnsmasq_start srv "$SRV" s0 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600 \
    --dhcp-option=option:router,10.77.0.1 --dhcp-option=option:dns-server,10.77.0.1,10.77.0.2
LEASE=$IPCFG_STATE_DIR/c0.lease
SLOG=$DHCP_TMP/srv.log

last_resolvconf() { grep '^resolvconf ' "$RESOLVCONF_LOG" | tail -n 1; }
lease_state() { awk '$1 == "state" { print $2 }' "$LEASE"; }
no_keeper() { [[ -z $(keepers c0) ]]; }

# ---- a keeper that ends takes the DNS back -------------------------------------
run_ipcfg /renew c0
assert_exit 0 "/renew c0"
assert_eq "resolvconf -a c0.ipcfg" "$(last_resolvconf)" "/renew handed the DNS over"
K=$(keepers c0)
kill -TERM "$K"
wait_for 5 no_keeper || _fail "the keeper did not end on SIGTERM"
assert_eq "resolvconf -d c0.ipcfg" "$(last_resolvconf)" "a keeper ended by SIGTERM took the DNS back"
assert_eq bound "$(lease_state)" "the lease itself is still recorded (it runs out at its expiry)"
run_ipcfg /renew c0
assert_exit 0 "/renew c0 again"
assert_eq 1 "$(nkeepers c0)" "a keeper again"
assert_eq "resolvconf -a c0.ipcfg" "$(last_resolvconf)" "the DNS handed over again"

# ---- a second keeper leaves the DNS alone ------------------------------------
before=$(cat "$RESOLVCONF_LOG")
timeout 10 ip netns exec "$CLI" "$IPCFG" --keeper c0 </dev/null >/dev/null 2>&1
assert_eq 0 "$?" "a second keeper leaves at once, exit 0"
assert_eq "$before" "$(cat "$RESOLVCONF_LOG")" "a second keeper did not touch the DNS"
assert_eq 1 "$(nkeepers c0)" "the first keeper still runs"

# ---- /release against a stopped keeper ---------------------------------------------
K=$(keepers c0)
kill -STOP "$K"
before=$(cat "$RESOLVCONF_LOG")
addr=$(v4_addrs "$CLI" c0)
t0=$(now_ms)
run_ipcfg /release c0 /timeout:2
ms=$(($(now_ms) - t0))
assert_exit 5 "/release with the keeper stopped: exit 5 (the interface busy)"
assert_took "$ms" 3000 "/release with the keeper stopped (timeout 2 s)"
assert_one_line "$ERR" "/release: one line"
assert_contains "$ERR" "did not stop" "/release: says the keeper did not stop"
assert_contains "$ERR" "may still be kept" "/release: says the lease may still be kept"
assert_not_contains "$ERR" "nothing was changed" "/release: no claim that nothing was changed"
assert_eq bound "$(lease_state)" "/release: the lease file still says bound"
assert_eq "$addr" "$(v4_addrs "$CLI" c0)" "/release: the address is still there"
assert_eq 0 "$(grep -c DHCPRELEASE "$SLOG")" "/release: no RELEASE was sent"
assert_eq "$before" "$(cat "$RESOLVCONF_LOG")" "/release: the DNS was not touched"
kill -CONT "$K"
wait_for 5 no_keeper || _fail "the keeper did not end once it ran again"
assert_eq "resolvconf -d c0.ipcfg" "$(last_resolvconf)" "the resumed keeper ended and took the DNS back"
assert_eq bound "$(lease_state)" "the lease is still recorded (nothing released it)"

# ---- /release with the state directory read-only: refused before anything ---------
run_ipcfg /renew c0
assert_exit 0 "/renew c0 (a keeper again)"
K=$(keepers c0)
before=$(snapshot "$CLI" c0)
dns_before=$(cat "$RESOLVCONF_LOG")
n=$(grep -c DHCPRELEASE "$SLOG")
# shellcheck disable=SC2016
run_captured "ipcfg /release c0 (state directory read-only)" ip netns exec "$CLI" unshare -m sh -c \
    'mount --bind "$IPCFG_STATE_DIR" "$IPCFG_STATE_DIR" && mount -o remount,bind,ro "$IPCFG_STATE_DIR" &&
     exec "$0" "$@"' "$IPCFG" /release c0 /timeout:2
assert_exit 3 "/release, state directory read-only"
assert_one_line "$ERR" "/release, read-only: one line"
assert_contains "$ERR" "Read-only file system" "/release, read-only: the reason"
assert_eq "$before" "$(snapshot "$CLI" c0)" "/release, read-only: address, routes and lease file as they were"
assert_eq "$n" "$(grep -c DHCPRELEASE "$SLOG")" "/release, read-only: no RELEASE sent"
assert_eq "$K" "$(keepers c0)" "/release, read-only: the keeper still runs"
assert_eq "$dns_before" "$(cat "$RESOLVCONF_LOG")" "/release, read-only: the DNS was not touched"

# ---- an unusable keeper lock file: /renew says so before anything -----------------
run_ipcfg /release c0
assert_exit 0 "/release c0"
LOCK=$(ls "$IPCFG_RUN_DIR"/net*.keep.c0)
chown nobody "$LOCK"
chmod 0644 "$LOCK"
before=$(snapshot "$CLI" c0)
n=$(grep -c 'DHCP[A-Z]*(s0)' "$SLOG")
run_ipcfg /renew c0
assert_exit 3 "/renew with an unusable keeper lock file"
assert_one_line "$ERR" "/renew: one line"
assert_contains "$ERR" "$LOCK" "/renew: the line names the lock file"
assert_eq "$before" "$(snapshot "$CLI" c0)" "/renew: nothing changed"
assert_eq "$n" "$(grep -c 'DHCP[A-Z]*(s0)' "$SLOG")" "/renew: nothing was sent"
assert_eq 0 "$(nkeepers c0)" "/renew: no keeper"
rm -f "$LOCK"
run_ipcfg /renew c0
assert_exit 0 "/renew once the lock file is gone"
assert_eq 1 "$(nkeepers c0)" "a keeper once the lock file is gone"
run_ipcfg /release c0
assert_exit 0 "/release c0"
finish
