#!/usr/bin/env bash
# Verbs without a Linux implementation yet, and command-line errors, run
# against the real binary in a throw-away network namespace:
#   /release, /renew (the DHCP engine is a later issue): exit 6, one clear line;
#   /release6, /renew6: exit 6, saying no IPv6 release/renew interface exists;
#   unknown switch, abbreviation, missing argument: exit 1 with the usage error.
# None of them changes the namespace's addresses.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"

ns_new dhcp
nsip link add v0 type veth peer name v0p
for i in v0 v0p; do nsip link set "$i" up; done
nsip addr add 10.20.0.1/24 dev v0
all_v4() { ip -n "$NS" -j -4 addr show | jq -r '.[] | .ifname as $n | .addr_info[] | "\($n) \(.local)/\(.prefixlen)"' | sort; }
before=$(all_v4)

for args in "/release" "/renew" "/release v0" "/renew v0" "-RENEW v*" "--release" "/renew v0 /timeout:5"; do
    # shellcheck disable=SC2086
    run_ipcfg $args
    assert_exit 6 "ipcfg $args (DHCP not implemented on Linux yet)"
    assert_one_line "$ERR" "ipcfg $args: one error line"
    assert_contains "$ERR" "not supported" "ipcfg $args: says it is not supported"
    assert_eq "" "$OUT" "ipcfg $args: nothing on stdout"
done
run_ipcfg /renew v0 /json
assert_exit 6 "/renew v0 /json"
assert_json "$OUT" '[.exit_code, .error.reason]' '[6,"not_supported"]' "/renew /json: the error in the document"

for args in "/release6" "/renew6" "/renew6 v0"; do
    # shellcheck disable=SC2086
    run_ipcfg $args
    assert_exit 6 "ipcfg $args"
    assert_one_line "$ERR" "ipcfg $args: one error line"
    assert_contains "$ERR" "IPv6 release/renew" "ipcfg $args: names IPv6 release/renew"
done

for args in "/a" "/al" "/bogus" "/add" "/add v0" "/delete" "all" "/all extra" "/timeout:abc"; do
    # shellcheck disable=SC2086
    run_ipcfg $args
    assert_exit 1 "ipcfg $args (command-line error)"
    assert_eq "" "$OUT" "ipcfg $args: nothing on stdout"
    assert_contains "$ERR" "Error: " "ipcfg $args: an error line on stderr"
done
run_ipcfg /a
assert_eq "Error: unrecognized or incomplete command line." "$(head -n 1 <<<"$ERR")" "/a (no abbreviations): the contract's line"
assert_contains "$ERR" "/release" "/a: the usage follows on stderr"

assert_eq "$before" "$(all_v4)" "nothing changed the namespace's addresses"
finish
