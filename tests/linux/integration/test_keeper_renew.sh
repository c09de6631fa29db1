#!/usr/bin/env bash
# The lease keeper keeps a short lease for three lease times:
# the project's own server (dhcp_hostile.py, scenario lease:N: dnsmasq gives
# no lease under 2 minutes) hands out 10-second leases; after `/renew c0`
# the detached keeper renews each at T1 (5 s), unicast to the server (RFC
# 2131 §4.4.5), so that 31 s later c0 still holds the address, the server's
# log shows a renewal about every 5 s and nothing was ever rebound (no
# broadcast REQUEST) nor obtained afresh (one DISCOVER, the first).
#
# SPDX-License-Identifier: MIT
export IPCFG_KEEPER=detached
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"
export IPCFG_KEEPER_LOG=$DHCP_TMP/keeper.log
LEASE=10
T1=$((LEASE / 2))
HLOG=$DHCP_TMP/hostile.log

dhcp_net
hostile_start "$SRV" s0
scen "lease:$LEASE"


run_ipcfg /renew c0
assert_exit 0 "/renew c0 (a $LEASE-second lease)"
assert_eq 1 "$(nkeepers c0)" "one keeper"
# the kernel counts the lifetime down in whole seconds from the install, and
# the keeper may install it again from the lease's start: LEASE-2..LEASE
v=$(v4 "$CLI" c0)
valid=$(awk '{ print $2 }' <<<"$v")
[[ $v == "10.77.0.50/24 "* ]] && ((valid >= LEASE - 2 && valid <= LEASE)) && _pass ||
    _fail "c0 holds the lease's address for about $LEASE s" "$v"

sleep $((3 * LEASE + 1))

# still bound: the address (whose kernel lifetime is the lease's: it would
# be gone after 10 s unrenewed), the lease file, the keeper
v=$(v4 "$CLI" c0)
[[ $v == "10.77.0.50/24 "* ]] && _pass || _fail "after 3 lease times c0 lost its address" "$v; $(cat "$HLOG")"
valid=$(awk '{ print $2 }' <<<"$v")
((valid > 0 && valid <= LEASE)) && _pass || _fail "the address's valid lifetime is $valid (1..$LEASE)"
run_ipcfg /all /json
assert_exit 0 "/all /json"
assert_eq "10.77.0.50 true ipcfg" \
    "$(jq -r '.adapters[] | select(.name == "c0") | "\(.ipv4[0].address) \(.lease.kept) \(.lease.keeper)"' <<<"$OUT")" \
    "/json: bound and kept after 3 lease times"
exp=$(jq -r '.adapters[] | select(.name == "c0") | .lease.expires_unix' <<<"$OUT")
now=$(date +%s)
((exp > now && exp <= now + LEASE)) && _pass || _fail "Lease Expires ($exp) is not within the next $LEASE s of $now"
assert_eq 1 "$(nkeepers c0)" "still one keeper"

# the server's log: one DISCOVER, then a unicast RENEWING REQUEST at each T1
assert_eq 1 "$(grep -c " DISCOVER " "$HLOG")" "one DISCOVER: the lease never had to be obtained afresh"
assert_eq 0 "$(grep -c "REQUEST ciaddr=10.77.0.50 broadcast" "$HLOG")" "never rebound (no broadcast REQUEST)"
mapfile -t acks < <(grep "REQUEST" "$HLOG" | grep "sent 1" | sed -n 's/.* at=\([0-9.]*\)$/\1/p')
renewals=$(grep -c "REQUEST ciaddr=10.77.0.50 unicast: sent 1" "$HLOG")
((renewals >= 5)) && _pass || _fail "$renewals renewals in $((3 * LEASE + 1)) s (at least 5 at T1 = $T1 s)" "$(cat "$HLOG")"
# each renewal came T1 after the lease it renewed (±1.5 s: the keeper's
# times are whole seconds of the lease's start)
gaps=$(awk -v t1=$T1 'NR > 1 { g = $1 - p; if (g < t1 - 1.5 || g > t1 + 1.5) bad = bad " " g } { p = $1 }
    END { print bad == "" ? "ok" : "gaps:" bad }' < <(printf '%s\n' "${acks[@]}"))
assert_eq ok "$gaps" "every renewal about T1 ($T1 s) after the one before"
assert_contains "$(cat "$IPCFG_KEEPER_LOG")" "renewal in $T1 s" "the keeper logged each lease and its T1"

run_ipcfg /release c0
assert_exit 0 "/release c0"
assert_eq 0 "$(nkeepers c0)" "no keeper after /release"
finish
