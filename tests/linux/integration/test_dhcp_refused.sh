#!/usr/bin/env bash
# A server that answers, but only with replies ipcfg refuses, is not a
# server that could not be contacted (dhcp_hostile.py): a lease time of 1,
# a subnet mask of 0.0.0.0, the subnet's network or broadcast address, a
# duplicate option 51, an ACK for another address than the OFFER's.  Each
# reply is dropped and the exchange goes on waiting; at the timeout /renew
# says that a server answered and why its last answer was refused (one
# line, exit 3; in /json too), nothing installed or recorded.  A silent
# server is still exit 5.  Then a server that answers every message with
# a garbage datagram, a reply of 0.0.0.0 and a truncated reply before the
# valid one: the invalid ones are dropped and the lease binds, twenty
# times over (obtain, renew, release).
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"

dhcp_net
hostile_start "$SRV" s0
TO=2

refused_unchanged lease1 "a lease time of 1 s" "nothing installed or recorded" "its lease time is under 10 seconds."
refused_unchanged mask_zero "a subnet mask of 0.0.0.0" "nothing installed or recorded" \
    "its subnet mask is 0.0.0.0 or not contiguous."
refused_unchanged addr_net "the subnet's network address" "nothing installed or recorded" \
    "the address it offers is not a usable host address"
refused_unchanged addr_subbcast "the subnet's broadcast address" "nothing installed or recorded" \
    "the address it offers is not a usable host address"
refused_unchanged dup51 "option 51 twice" "nothing installed or recorded" \
    "malformed message, bad lease time length."
refused_unchanged ack_other "an ACK for another address than the OFFER's" "nothing installed or recorded" \
    "its DHCPACK is for another address than its DHCPOFFER."
grep -q "^ack_other REQUEST" "$DHCP_TMP/hostile.log" && _pass || _fail "ack_other: the OFFER was taken and requested"

# in /json: the same line, exit code 3
scen lease1
run_ipcfg /renew c0 /timeout:$TO /json
assert_exit 3 "/json: lease1"
assert_json "$OUT" '.results[0] | "\(.exit_code) \(.error.reason)"' '"3 system_error"' "/json: exit 3, reason system_error"
assert_json "$OUT" '.results[0].error.message | contains("a DHCP server answered, but its last answer was refused: its lease time is under 10 seconds.")' \
    'true' "/json: the line"

# nothing at all: exit 5 as before
timed_out_unchanged silent "a silent server" "nothing installed or recorded"

# ---- garbage, a reply of 0.0.0.0 and a truncated one before each valid reply ----------
scen junk_first
fails=()
for i in $(seq 20); do
    run_ipcfg /renew c0 /timeout:10
    [[ $RC == 0 && $(v4_addrs "$CLI" c0) == "10.77.0.50/24" ]] || fails+=("obtain $i: exit $RC: $ERR")
    run_ipcfg /renew c0 /timeout:10
    [[ $RC == 0 ]] || fails+=("renew $i: exit $RC: $ERR")
    run_ipcfg /release c0
    [[ $RC == 0 ]] || fails+=("release $i: exit $RC: $ERR")
done
assert_eq "" "$(printf '%s\n' "${fails[@]}")" "junk_first: 20 obtains and renewals bound, each"
assert_eq 40 "$(grep -c "^junk_first REQUEST.*sent 4" "$DHCP_TMP/hostile.log")" \
    "junk_first: each REQUEST answered with the four replies, and each answered once"
finish
