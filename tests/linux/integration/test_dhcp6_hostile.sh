#!/usr/bin/env bash
# /renew6 against a hostile DHCPv6 server (dhcp6_hostile.py), each case with
# its outcome:
#   ignored (the exchange goes on waiting; exit 3 with the reason at the
#   timeout, nothing installed or recorded): a Reply for another
#   transaction id, client DUID or IAID, without a Server Identifier, with
#   a truncated or overlong option, an IA Address past its IA_NA, option 23
#   not a multiple of 16 octets, an address whose preferred lifetime exceeds
#   its valid one (RFC 8415 §21.6), a second server's Reply to a Request
#   sent to the first, UnspecFail;
#   bound: T1 over T2 (the RFC's defaults instead), 255 DNS servers (the
#   first 8 kept), names of option 24 that fail the name check (dropped,
#   said in one line, the address still bound), the right server's Reply
#   after another's, an Advertise storm of 1,000 messages (a bounded wait,
#   the best valid Advertise wins);
#   a Renew's Reply with the held address at valid lifetime 0 and a new
#   one: the old address withdrawn (§18.2.10.1), the new one installed;
#   NoBinding on Renew: a new Solicit (§18.2.10.1), a new address.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"
source "$(dirname "$0")/dhcp6_lib.sh"

dhcp6_net
hostile6_start
L6=$IPCFG_STATE_DIR/c0.lease6
TO=1

fresh() {
    run_ipcfg /release6 c0 >/dev/null
    rm -f "$L6"
    ip -n "$CLI" -6 addr flush dev c0 scope global
}

# ignored SCENARIO WHAT REASON: each answer refused, the exchange waits: 3 at the timeout
ignored() {
    fresh
    scen6 "$1"
    local t0 ms
    t0=$(date +%s%N)
    run_ipcfg /renew6 c0 /timeout:$TO
    ms=$((($(date +%s%N) - t0) / 1000000))
    assert_exit 3 "$1: $2"
    assert_one_line "$ERR" "$1: one line on stderr"
    assert_contains "$ERR" "a DHCPv6 server answered, but its answer was refused: " "$1: refused, said so"
    assert_contains "$ERR" "$3" "$1: the reason"
    ((ms >= TO * 1000 - 100)) && _pass || _fail "$1: waited until the timeout" "$ms ms"
    assert_took "$ms" $((TO * 1000 + 1000)) "$1: within the timeout plus a second"
    assert_eq "" "$(v6_addrs "$CLI" c0)" "$1: nothing installed"
    [[ ! -e $L6 ]] && _pass || _fail "$1: nothing recorded" "$(cat "$L6")"
}

# bound SCENARIO WHAT: 0, an address installed and recorded
bound() {
    fresh
    scen6 "$1"
    run_ipcfg /renew6 c0 /timeout:$TO
    assert_exit 0 "$1: $2"
    [[ $(v6_addrs "$CLI" c0) =~ ^2001:db8:77::[0-9a-f]+/128$ ]] && _pass || _fail "$1: an address installed" "$(v6_addrs "$CLI" c0)"
    assert_eq bound "$(lease6_key "$L6" state)" "$1: recorded bound"
}

ignored xid "a Reply for another transaction id" "another transaction id"
ignored duid "a Reply for another client's DUID" "another client's DUID"
ignored iaid "a Reply for another IAID" "no IA_NA for this interface's IAID"
ignored no_server_id "a Reply without a Server Identifier" "no server identifier"
ignored trunc "a truncated option header" "truncated option header"
ignored overlong "an option past the end of the message" "option length past the end"
ignored inner "an IA Address past the end of its IA_NA" "option length past the end"
ignored dns17 "option 23 of 17 octets" "not a multiple of 16"
ignored pref_gt_valid "preferred lifetime over valid lifetime" "preferred lifetime over its valid lifetime"
ignored other_server "a second server's Reply to a Request sent to the first" "another server than the one asked"
ignored unspecfail "UnspecFail" "UnspecFail"

bound t1_gt_t2 "T1 over T2"
assert_eq "300 480" "$(lease6_key "$L6" t1) $(lease6_key "$L6" t2)" "t1_gt_t2: the RFC's defaults (0.5 and 0.8 of the preferred lifetime)"
bound dns255 "255 DNS servers"
assert_eq 8 "$(lease6_key "$L6" dns | wc -l)" "dns255: the first 8 kept"
assert_eq "2001:db8:77::d:1" "$(lease6_key "$L6" dns | head -n1)" "dns255: in the server's order"
bound domains "names that fail the name check in option 24"
assert_eq "ok.example.test" "$(lease6_key "$L6" domain)" "domains: only the valid name kept"
assert_contains "$ERR" "a name that is not a valid domain name was dropped" "domains: one line says so"
bound other_server_then_good "another server's Reply, then the right one"
fresh
scen6 storm
t0=$(date +%s%N)
run_ipcfg /renew6 c0 /timeout:5
ms=$((($(date +%s%N) - t0) / 1000000))
assert_exit 0 "storm: 1,000 Advertise messages, one valid with preference 254"
assert_took "$ms" 6000 "storm: a bounded wait (the storm is paced over about a second)"
assert_eq 1 "$(hostile6_log '^storm REQUEST' | wc -l)" "storm: one Request, to the best server"
assert_eq bound "$(lease6_key "$L6" state)" "storm: bound"

# valid lifetime 0 on Renew: the held address withdrawn, the new one installed
fresh
scen6 good
run_ipcfg /renew6 c0
assert_exit 0 "valid0: obtain"
old=$(lease6_key "$L6" address | awk '{ print $1 }')
scen6 valid0
run_ipcfg /renew6 c0
assert_exit 0 "valid0: the Renew's Reply"
now=$(v6_addrs "$CLI" c0)
[[ -n $now && $now != "$old/128" && $(wc -l <<<"$now") -eq 1 ]] && _pass ||
    _fail "valid0: the held address withdrawn, the new one installed" "old $old now $now"
assert_no_line_matching "$(lease6_key "$L6" address)" "^$old " "valid0: the withdrawn address not recorded"

# NoBinding on Renew: the client asks afresh (Solicit), which gets a new address
fresh
scen6 good
run_ipcfg /renew6 c0
assert_exit 0 "nobinding: obtain"
old=$(lease6_key "$L6" address | awk '{ print $1 }')
scen6 nobinding
run_ipcfg /renew6 c0
assert_exit 0 "nobinding: the Renew answered NoBinding, then a new Solicit"
assert_contains "$(hostile6_log '^nobinding ')" "SOLICIT" "nobinding: a Solicit followed"
new=$(lease6_key "$L6" address | awk '{ print $1 }')
[[ -n $new && $new != "$old" ]] && _pass || _fail "nobinding: a new address recorded" "old $old new $new"
assert_eq "$new/128" "$(v6_addrs "$CLI" c0)" "nobinding: only the new address on the interface"

ps -p "$HOSTILE6_PID" >/dev/null && _pass || _fail "the hostile server died" "$(tail "$HOSTILE6_LOG")"
finish
