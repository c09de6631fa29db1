#!/usr/bin/env bash
# Adapter names that look like patterns, switches or terminal commands:
# on Linux names are case-sensitive bytes and
# an exact name wins over wildcard matching; "--" ends the switches; a
# switch where an adapter name belongs is exit 1 with a hint (one JSON
# document with /json), never the usage with exit 0; control characters
# are shown as \xHH and the name still matches as typed; /add refuses the
# network and broadcast addresses and 0.0.0.0/8.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"

ns_new names
esc=$'e\e[2J'
i=0
for n in abc ABC 'x?y' xzy -help -h "$esc"; do
    nsip link add "$n" type veth peer name "p$i"
    nsip link set "$n" up
    nsip link set "p$i" up
    i=$((i + 1))
done

# v4 IFNAME: its IPv4 addresses, sorted, space separated
# (not ip -j: iproute2 writes the ESC of a name raw into its JSON)
v4() { ip -n "$NS" -o -4 addr show dev "$1" | awk '{ print $4 }' | sort | tr '\n' ' '; }

# ---- exact names win, case-sensitively ---------------------------------------
run_ipcfg /add abc 10.61.1.1 24
assert_exit 0 "/add abc (abc and ABC exist)"
assert_eq "10.61.1.1/24 " "$(v4 abc)" "/add abc: on abc"
assert_eq "" "$(v4 ABC)" "/add abc: not on ABC"
run_ipcfg /add ABC 10.61.2.1 24
assert_exit 0 "/add ABC"
assert_eq "10.61.2.1/24 " "$(v4 ABC)" "/add ABC: on ABC"
run_ipcfg /add Abc 10.61.3.1 24
assert_exit 1 "/add Abc: no exact name, the wildcard matches two"
assert_contains "$ERR" '"Abc" matches 2 adapters' "/add Abc: ambiguous"
run_ipcfg /add 'x?y' 10.61.4.1 24
assert_exit 0 "/add 'x?y' (x?y and xzy exist)"
assert_eq "10.61.4.1/24 " "$(v4 'x?y')" "/add x?y: on x?y"
assert_eq "" "$(v4 xzy)" "/add x?y: not on xzy"
run_ipcfg /release 'x?y'
assert_exit 2 "/release 'x?y': the exact name only"
assert_eq "Adapter x?y is not enabled for Dhcp." "${ERR%$'\n'}" "/release x?y: names x?y alone"

# ---- switches where an adapter name belongs; "--" ---------------------------
for sw in -help -h; do
    run_ipcfg /add "$sw" 10.61.5.1 24
    assert_exit 1 "/add $sw: a switch where the adapter name belongs"
    assert_eq "" "$OUT" "/add $sw: no usage on stdout"
    assert_eq "Error: \"$sw\" is a switch where an adapter name is expected; to give an argument that starts with / or -, put -- before it." \
        "${ERR%$'\n'}" "/add $sw: the hint"
    assert_eq "" "$(v4 "$sw")" "/add $sw: nothing added"
    run_ipcfg /add "$sw" 10.61.5.1 24 /json
    assert_exit 1 "/add $sw /json"
    assert_json "$OUT" '[.command, .exit_code, (.error.message | startswith("Error: \"'"$sw"'\" is a switch"))]' \
        '["usage",1,true]' "/add $sw /json: one document"
done
run_ipcfg /add -- -help 10.61.5.1 24
assert_exit 0 "/add -- -help"
assert_eq "10.61.5.1/24 " "$(v4 -help)" "/add -- -help: on -help"
run_ipcfg /json /add -- -h 10.61.6.1 24
assert_exit 0 "/json /add -- -h"
assert_json "$OUT" '[.adapter, .result]' '["-h","ok"]' "/add -- -h /json"
assert_eq "10.61.6.1/24 " "$(v4 -h)" "/add -- -h: on -h"
run_ipcfg /release -h
assert_exit 1 "/release -h"
assert_contains "$ERR" 'put -- before it.' "/release -h: the hint"
run_ipcfg /add /json 10.61.7.1 24
assert_exit 1 "/add /json 10.61.7.1 24"
assert_json "$OUT" '.error.message' '"Error: \"/json\" is a switch where an adapter name is expected; to give an argument that starts with / or -, put -- before it."' \
    "/add /json ADDR MASK: the hint, as JSON"

# ---- control characters ------------------------------------------------------
run_ipcfg
assert_exit 0 "listing with e<ESC>[2J"
assert_line "$OUT" 'Ethernet adapter e\x1b[2J:' "the name escaped in the heading"
assert_not_contains "$OUT" $'\e' "no ESC byte on stdout"
run_ipcfg /addrtable
assert_not_contains "$OUT" $'\e' "/addrtable: no ESC byte"
run_ipcfg /add "$esc" 10.61.8.1 24
assert_exit 0 "/add of the name as it is"
assert_eq "10.61.8.1/24 " "$(v4 "$esc")" "/add e<ESC>[2J: added"
assert_eq 'Added 10.61.8.1, subnet mask 255.255.255.0, to e\x1b[2J.' "${OUT%$'\n'}" "/add: the name escaped"
run_ipcfg /add $'zz\e]0;x\a' 10.61.9.1 24
assert_exit 2 "/add of an unknown name with ESC"
assert_eq 'Error: no adapter matches "zz\x1b]0;x\x07".' "${ERR%$'\n'}" "the pattern escaped on stderr"
run_ipcfg /add $'zz\e]0;x\a' 10.61.9.1 24 /json
assert_json "$OUT" '.error.message' '"Error: no adapter matches \"zz\\x1b]0;x\\x07\"."' "error.message = the stderr line"
run_ipcfg /json
assert_json "$OUT" '[.adapters[].name | select(startswith("e"))]' '["e\u001b[2J"]' "JSON: the name itself"

# ---- /add: addresses no interface can hold ----------------------------------
run_ipcfg /add abc 0.1.2.3 24
assert_exit 1 "/add 0.1.2.3/24"
assert_eq 'Error: "0.1.2.3" is in 0.0.0.0/8 ("this network"), which no interface can hold.' "${ERR%$'\n'}" "0.0.0.0/8"
run_ipcfg /add abc 1.2.3.255 24
assert_exit 1 "/add 1.2.3.255/24"
assert_eq 'Error: "1.2.3.255" is the broadcast address of 1.2.3.0/24.' "${ERR%$'\n'}" "broadcast"
run_ipcfg /add abc 1.2.3.0 255.255.255.0
assert_exit 1 "/add 1.2.3.0/24"
assert_eq 'Error: "1.2.3.0" is the network address of 1.2.3.0/24.' "${ERR%$'\n'}" "network"
assert_eq "10.61.1.1/24 " "$(v4 abc)" "nothing added by the refused /add"
run_ipcfg /add abc 1.2.3.0 31
assert_exit 0 "/add 1.2.3.0/31 (no network address)"
run_ipcfg /add abc 1.2.4.255 32
assert_exit 0 "/add 1.2.4.255/32"

finish
