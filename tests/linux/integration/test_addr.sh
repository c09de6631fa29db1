#!/usr/bin/env bash
# ipcfg /add and /delete in a throw-away network namespace, checked against
# what the kernel holds afterwards (`ip -j addr`), with the exit codes of the
# contract: 0 done, 1 bad command line (naming the bad argument), 2 unknown
# adapter / address not found, 7 address already exists.  A failed command
# changes nothing.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"

ns_new addr
nsip link add v0 type veth peer name v0p
nsip link add v1 type veth peer name v1p
nsip link add vé0 type veth peer name ve0p
for i in v0 v0p v1 v1p vé0 ve0p; do nsip link set "$i" up; done
nsip addr add 10.20.0.1/24 dev v0

# v4 IFNAME: its IPv4 addresses as "a.b.c.d/len" lines, sorted.
v4() { ip -n "$NS" -j -4 addr show dev "$1" | jq -r '(.[0].addr_info // [])[] | "\(.local)/\(.prefixlen)"' | sort -V; }
# all_v4: every IPv4 address of the namespace as "ifname a.b.c.d/len", sorted.
all_v4() { ip -n "$NS" -j -4 addr show | jq -r '.[] | .ifname as $n | .addr_info[] | "\($n) \(.local)/\(.prefixlen)"' | sort; }

before=$(all_v4)

# ---- add, then the same again ------------------------------------------------
run_ipcfg /add v0 10.20.0.5 24
assert_exit 0 "/add v0 10.20.0.5 24"
assert_eq "" "$ERR" "/add: stderr"
assert_eq $'10.20.0.1/24\n10.20.0.5/24' "$(v4 v0)" "/add: the kernel holds 10.20.0.5/24 on v0"

run_ipcfg /add v0 10.20.0.5 24
assert_exit 7 "/add of an existing address"
assert_one_line "$ERR" "/add existing: one error line"
assert_eq "" "$OUT" "/add existing: nothing on stdout"
assert_eq $'10.20.0.1/24\n10.20.0.5/24' "$(v4 v0)" "/add existing: nothing changed"

# The same address with another mask is still the same address (docs/contract.md:
# exit 7 when "the address already exists").
run_ipcfg /add v0 10.20.0.5 255.255.0.0
assert_exit 7 "/add of an existing address with another mask"
if [[ $RC -eq 0 ]]; then ip -n "$NS" addr del 10.20.0.5/16 dev v0; fi
assert_eq $'10.20.0.1/24\n10.20.0.5/24' "$(v4 v0)" "/add existing with another mask: only the first one remains"
# ... and on another adapter too: /delete by address could not tell them apart.
run_ipcfg /add v1 10.20.0.5 24
assert_exit 7 "/add of an address that exists on another adapter"
assert_one_line "$ERR" "/add existing elsewhere: one error line"
if [[ $RC -eq 0 ]]; then ip -n "$NS" addr del 10.20.0.5/24 dev v1; fi
assert_eq "" "$(v4 v1)" "/add existing elsewhere: nothing added to v1"

# ---- the mask forms: dotted, /N, N -------------------------------------------------
run_ipcfg /add v0 10.60.0.5 255.255.0.0
assert_exit 0 "/add v0 10.60.0.5 255.255.0.0"
run_ipcfg /add v0 10.70.0.5 /28
assert_exit 0 "/add v0 10.70.0.5 /28"
run_ipcfg /add v0 10.80.0.5 32
assert_exit 0 "/add v0 10.80.0.5 32"
assert_eq $'10.20.0.1/24\n10.20.0.5/24\n10.60.0.5/16\n10.70.0.5/28\n10.80.0.5/32' "$(v4 v0)" \
    "/add: dotted, /N and N masks"

# ---- the adapter name: case-insensitive, UTF-8, wildcards ----------------------------
run_ipcfg /add V1 10.21.0.5 24
assert_exit 0 "/add V1 (case-insensitive name)"
assert_eq "10.21.0.5/24" "$(v4 v1)" "/add V1: added to v1"
run_ipcfg /add vé0 10.50.0.5 24
assert_exit 0 "/add vé0 (UTF-8 name)"
assert_eq "10.50.0.5/24" "$(v4 vé0)" "/add vé0: added"
run_ipcfg /add 'VÉ0' 10.50.0.6 24
assert_exit 0 "/add VÉ0 (case-insensitive non-ASCII name)"
assert_eq $'10.50.0.5/24\n10.50.0.6/24' "$(v4 vé0)" "/add VÉ0: added to vé0"
run_ipcfg /add 'v1?' 10.22.0.5 24
assert_exit 0 "/add 'v1?' (wildcard matching exactly one adapter: v1p)"
assert_eq "10.22.0.5/24" "$(v4 v1p)" "/add 'v1?': added to v1p"

state=$(all_v4)
run_ipcfg /add 'v*' 10.20.0.9 24
# The lead's decision: /add needs exactly one adapter; several is a
# command-line error (exit 1).
assert_exit 1 "/add 'v*' matching several adapters"
assert_contains "$ERR" "v*" "/add 'v*': the error names the pattern"
assert_one_line "$ERR" "/add 'v*': one error line"
assert_eq "$state" "$(all_v4)" "/add 'v*': nothing changed"

# ---- bad arguments: exit 1, the message names the argument, nothing changes ----------
bad_add() { # WHAT BADARG ARGS...
    local what=$1 badarg=$2
    shift 2
    run_ipcfg /add "$@"
    assert_exit 1 "$what"
    assert_contains "$ERR" "$badarg" "$what: the error names the bad argument"
    assert_eq "" "$OUT" "$what: nothing on stdout"
    assert_eq "$state" "$(all_v4)" "$what: nothing changed"
}
bad_add "bad address 10.20.0.300" 10.20.0.300 v0 10.20.0.300 24
bad_add "bad address 10.20.0" 10.20.0 v0 10.20.0 24
bad_add "bad address 010.20.0.7 (no octal)" 010.20.0.7 v0 010.20.0.7 24
bad_add "IPv6 address" 2001:db8::7 v0 2001:db8::7 64
bad_add "non-contiguous mask 255.0.255.0" 255.0.255.0 v0 10.20.0.7 255.0.255.0
bad_add "prefix 33" 33 v0 10.20.0.7 33
bad_add "mask abc" abc v0 10.20.0.7 abc
bad_add "mask /33" /33 v0 10.20.0.7 /33

# Missing argument: the usage error line, then the usage, on stderr.
run_ipcfg /add v0 10.20.0.7
assert_exit 1 "/add without a mask"
assert_eq "Error: unrecognized or incomplete command line." "$(head -n 1 <<<"$ERR")" "/add without a mask: first stderr line"
assert_contains "$ERR" "/addrtable" "/add without a mask: the usage follows"
assert_eq "" "$OUT" "/add without a mask: nothing on stdout"
assert_eq "$state" "$(all_v4)" "/add without a mask: nothing changed"

# ---- unknown adapter: exit 2 ---------------------------------------------------------
run_ipcfg /add nosuch0 10.20.0.7 24
assert_exit 2 "/add to an unknown adapter"
assert_one_line "$ERR" "/add unknown adapter: one error line"
assert_eq "$state" "$(all_v4)" "/add unknown adapter: nothing changed"

# ---- delete, then the same again ---------------------------------------------------
run_ipcfg /delete 10.20.0.5
assert_exit 0 "/delete 10.20.0.5"
assert_eq "" "$ERR" "/delete: stderr"
assert_eq $'10.20.0.1/24\n10.60.0.5/16\n10.70.0.5/28\n10.80.0.5/32' "$(v4 v0)" "/delete: 10.20.0.5 is gone, the rest stays"
state=$(all_v4)
run_ipcfg /delete 10.20.0.5
assert_exit 2 "/delete of an address that is not there"
assert_one_line "$ERR" "/delete absent: one error line"
assert_eq "$state" "$(all_v4)" "/delete absent: nothing changed"
run_ipcfg /delete 10.20.0.300
assert_exit 1 "/delete 10.20.0.300"
assert_contains "$ERR" "10.20.0.300" "/delete bad address: the error names it"
assert_eq "$state" "$(all_v4)" "/delete bad address: nothing changed"
# A bare number is an NTE context, which Linux does not have (exit 6).
run_ipcfg /delete 5
assert_exit 6 "/delete by context on Linux"
assert_one_line "$ERR" "/delete by context: one error line"
assert_eq "$state" "$(all_v4)" "/delete by context: nothing changed"

# Added addresses show in the listing and the table.
run_ipcfg
assert_exit 0 "brief after /add"
assert_contains "$(adapter_block "$OUT" "Ethernet adapter v0:")" \
    "$(printf '%s\n' "$(field "IPv4 Address" "10.60.0.5")" "$(field "Subnet Mask" "255.255.0.0")")" \
    "brief shows the address /add put on v0"

# 10.50.0.6 is a secondary of 10.50.0.5: with promote_secondaries off the
# kernel would drop it together with its primary, so /delete of the primary
# is refused (exit 2, one line naming the secondary) and changes nothing.
ip netns exec "$NS" sysctl -qw "net.ipv4.conf.vé0.promote_secondaries=0" || fatal "cannot set promote_secondaries"
state=$(all_v4)
run_ipcfg /delete 10.50.0.5
assert_exit 2 "/delete of a primary with a secondary (promote_secondaries=0)"
assert_contains "$ERR" "10.50.0.6" "/delete primary: the error names the secondary it would lose"
assert_one_line "$ERR" "/delete primary: one error line"
assert_eq "$state" "$(all_v4)" "/delete primary refused: nothing changed"
# With promotion on, the secondary survives, so the delete goes ahead.
ip netns exec "$NS" sysctl -qw "net.ipv4.conf.vé0.promote_secondaries=1" || fatal "cannot set promote_secondaries"
run_ipcfg /delete 10.50.0.5
assert_exit 0 "/delete of a primary with promote_secondaries=1"
assert_eq "10.50.0.6/24" "$(v4 vé0)" "/delete primary with promotion: the secondary stays"
run_ipcfg /add vé0 10.50.0.5 24
assert_exit 0 "/add 10.50.0.5 again"
# The kernel promotes when conf/all OR conf/<if> says so: all=1 is enough.
ip netns exec "$NS" sysctl -qw "net.ipv4.conf.vé0.promote_secondaries=0" "net.ipv4.conf.all.promote_secondaries=1" ||
    fatal "cannot set promote_secondaries"
run_ipcfg /delete 10.50.0.6
assert_exit 0 "/delete of a primary with conf/all promote_secondaries=1"
assert_eq "10.50.0.5/24" "$(v4 vé0)" "/delete primary with all=1: the secondary stays"
run_ipcfg /add vé0 10.50.0.6 24
assert_exit 0 "/add 10.50.0.6 again"
ip netns exec "$NS" sysctl -qw "net.ipv4.conf.vé0.promote_secondaries=1" "net.ipv4.conf.all.promote_secondaries=0" ||
    fatal "cannot set promote_secondaries"

# Remove what the test added; only the set-up's address remains.
for a in 10.60.0.5 10.70.0.5 10.80.0.5 10.21.0.5 10.22.0.5 10.50.0.6 10.50.0.5; do
    run_ipcfg /delete "$a"
    assert_exit 0 "/delete $a"
done
assert_eq "$before" "$(all_v4)" "after deleting everything added: the set-up's addresses only"

# ---- /json results ---------------------------------------------------------------------
# The result and error code are in the document (docs/json.md).
run_ipcfg /add v0 10.20.0.5 24 /json
assert_exit 0 "/add /json"
assert_json "$OUT" '[.command, .adapter, .address, .prefix_length, .subnet_mask, .result, .exit_code, .error]' \
    '["add","v0","10.20.0.5",24,"255.255.255.0","ok",0,null]' "/add /json: the result"
run_ipcfg /add v0 10.20.0.5 24 /json
assert_exit 7 "/add /json of an existing address"
assert_json "$OUT" '[.result, .exit_code, .error.reason]' '["error",7,"already_exists"]' "/add /json existing: the error"
run_ipcfg /add nosuch0 10.20.0.6 24 /json
assert_exit 2 "/add /json unknown adapter"
assert_json "$OUT" '[.result, .exit_code, .error.reason]' '["error",2,"not_found"]' "/add /json unknown adapter: the error"
run_ipcfg /delete 10.20.0.5 /json
assert_exit 0 "/delete /json"
assert_json "$OUT" '[.command, .address, .result, .exit_code, .error]' '["delete","10.20.0.5","ok",0,null]' "/delete /json: the result"
run_ipcfg /delete 10.20.0.5 /json
assert_exit 2 "/delete /json absent"
assert_json "$OUT" '[.result, .exit_code, .error.reason]' '["error",2,"not_found"]' "/delete /json absent: the error"
assert_eq "$before" "$(all_v4)" "after the /json round: the set-up's addresses only"

finish
