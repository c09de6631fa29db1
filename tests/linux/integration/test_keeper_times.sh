#!/usr/bin/env bash
# A server's T1 and T2 that make no timeline (RFC 2131 §4.4.5): with a
# 120-second lease and options 58 and 59 both 0 (dhcp_hostile.py, scenario
# lease:120:0:0), a keeper used to renew again the moment each renewal
# succeeded (1,524 REQUESTs in 5 s).  Now T1 = 0, T2 = 0, T1 >= T2 and
# T2 >= the lease fall back to the defaults (60 s and 105 s here): the
# lease file records them, and in the 60 s after `/renew c0` the server
# sees at most 3 REQUESTs (the obtain's, and the keeper's renewal at T1).
#
# SPDX-License-Identifier: MIT
export IPCFG_KEEPER=detached
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"
export IPCFG_KEEPER_LOG=$DHCP_TMP/keeper.log
HLOG=$DHCP_TMP/hostile.log

dhcp_net
hostile_start "$SRV" s0
scen "lease:120:0:0"

t0=$(now_ms)
run_ipcfg /renew c0
assert_exit 0 "/renew c0 (a 120-second lease, T1 = T2 = 0)"
assert_eq 1 "$(nkeepers c0)" "one keeper"
lease=$(cat "$IPCFG_STATE_DIR/c0.lease")
assert_line "$lease" "t1 60" "the lease file: T1 the default, half the lease"
assert_line "$lease" "t2 105" "the lease file: T2 the default, 7/8 of the lease"

# the rest of the 60 s from the /renew
left=$((60000 - ($(now_ms) - t0)))
((left > 0)) && sleep "$((left / 1000)).$(printf '%03d' $((left % 1000)))"
n=$(grep -c " REQUEST " "$HLOG")
((n >= 1 && n <= 3)) && _pass || _fail "$n REQUESTs in 60 s (at most 3)" "$(head -n 20 "$HLOG")"
assert_eq 1 "$(nkeepers c0)" "the keeper still keeps the lease"
assert_eq "10.77.0.50/24" "$(v4_addrs "$CLI" c0)" "still bound"
finish
