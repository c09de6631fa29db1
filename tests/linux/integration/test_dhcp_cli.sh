#!/usr/bin/env bash
# /release and /renew without a DHCP server, and command-line errors, run
# against the real binary in a throw-away network namespace:
#   /release, /renew with no lease anywhere: exit 2, one line;
#   /release of a named interface without a lease: "not enabled for Dhcp", 2;
#   /renew of a named interface without a lease asks for one: no server
#   answers, exit 5 within /timeout plus one second, nothing changed;
#   /release6, /renew6 without a DHCPv6 lease anywhere: exit 2; /renew6 of a
#   named interface with no server: exit 5 within /timeout; /release6 of it: 2;
#   /flushdns where no DNS cache runs (a network namespace of its own, so
#   not systemd-resolved's): exit 6; without root exit 4 before it looks;
#   /displaydns: exit 6 with its reason;
#   unknown switch, abbreviation, missing argument: exit 1 with the usage error.
# None of them changes the namespace's addresses.  (The exchanges with a
# real server: test_dhcp_*.sh.)
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"

IPCFG_STATE_DIR=$(mktemp -d /tmp/ipcfg-dhcp-cli.XXXXXX) || fatal "mktemp"
export IPCFG_STATE_DIR
trap '_cleanup; rm -rf "$IPCFG_STATE_DIR"' EXIT

ns_new dhcp
nsip link add v0 type veth peer name v0p
for i in v0 v0p; do nsip link set "$i" up; done
nsip addr add 10.20.0.1/24 dev v0
all_v4() { ip -n "$NS" -j -4 addr show | jq -r '.[] | .ifname as $n | .addr_info[] | "\($n) \(.local)/\(.prefixlen)"' | sort; }
before=$(all_v4)

for args in "/release" "/renew" "--release" "/renew /timeout:1"; do
    # shellcheck disable=SC2086
    run_ipcfg $args
    assert_exit 2 "ipcfg $args (no interface holds a lease)"
    assert_one_line "$ERR" "ipcfg $args: one error line"
    assert_contains "$ERR" "no adapter is in the state permissible" "ipcfg $args: the contract's line"
done
run_ipcfg /release v0
assert_exit 2 "/release v0 (no lease)"
assert_eq "Adapter v0 is not enabled for Dhcp." "${ERR%$'\n'}" "/release v0: the contract's line"

for args in "/renew v0 /timeout:1" "-RENEW v* /timeout:1"; do
    t0=$(date +%s%N)
    # shellcheck disable=SC2086
    run_ipcfg $args
    ms=$((($(date +%s%N) - t0) / 1000000))
    assert_exit 5 "ipcfg $args (no DHCP server on the link)"
    assert_contains "$ERR" "unable to contact your DHCP server" "ipcfg $args: the timeout line"
    ((ms >= 900)) && _pass || _fail "ipcfg $args: took $ms ms (timeout 1 s)"
    assert_took "$ms" 2000 "ipcfg $args (timeout 1 s, at most 1 s more)"
done
run_ipcfg /renew v0 /json /timeout:1
assert_exit 5 "/renew v0 /json"
assert_json "$OUT" '[.exit_code, .error.reason]' '[5,"dhcp_timeout"]' "/renew /json: the error in the document"
[[ ! -e $IPCFG_STATE_DIR/v0.lease ]] && _pass || _fail "no lease file after a renew nobody answered"

for args in "/release6" "/renew6"; do
    # shellcheck disable=SC2086
    run_ipcfg $args
    assert_exit 2 "ipcfg $args (no interface holds a DHCPv6 lease)"
    assert_one_line "$ERR" "ipcfg $args: one error line"
    assert_contains "$ERR" "no adapter is in the state permissible" "ipcfg $args: the contract's line"
done
t0=$(date +%s%N)
run_ipcfg /renew6 v0 /timeout:1
ms=$((($(date +%s%N) - t0) / 1000000))
assert_exit 5 "/renew6 v0 (no DHCPv6 server on the link)"
assert_contains "$ERR" "unable to contact your DHCP server" "/renew6 v0: the timeout line"
assert_took "$ms" 2000 "/renew6 v0 (timeout 1 s, at most 1 s more)"
[[ ! -e $IPCFG_STATE_DIR/v0.lease6 ]] && _pass || _fail "no DHCPv6 lease file after a /renew6 nobody answered"
run_ipcfg /release6 v0
assert_exit 2 "/release6 v0 (no DHCPv6 lease)"
assert_one_line "$ERR" "/release6 v0: one error line"
run_ipcfg /renew6 v0 /hostname:web01 /timeout:1
assert_exit 6 "/renew6 /hostname: no name is sent over DHCPv6"
assert_contains "$ERR" "/hostname is not sent over DHCPv6" "/renew6 /hostname: says why"

# /flushdns: no resolver cache serves this namespace (and IPCFG_PEER_ROOT
# is unset: the host's own resolved, if any, is not this namespace's)
run_captured "ipcfg /flushdns" ip netns exec "$NS" env -u IPCFG_PEER_ROOT "$IPCFG" /flushdns
assert_exit 6 "/flushdns where no DNS cache runs"
assert_eq "" "$OUT" "/flushdns (6): nothing on stdout"
assert_eq "Error: No DNS cache runs on this host: systemd-resolved does not run for this network namespace, so there is nothing to flush." \
    "${ERR%$'\n'}" "/flushdns (6): says no DNS cache runs"
run_ipcfg /flushdns /json
assert_exit 6 "/flushdns /json"
assert_json "$OUT" '[.command, .flushed, .exit_code, .error.reason]' '["flushdns",[],6,"not_supported"]' "/flushdns /json (6)"
run_ipcfg_nobody /flushdns
assert_exit 4 "/flushdns as nobody"
assert_eq "The requested operation requires elevation (root or CAP_SYS_ADMIN)." "${ERR%$'\n'}" "/flushdns as nobody: the elevation line"
run_captured "(as nobody) strace ipcfg /flushdns" ip netns exec "$NS" strace -f -qq -e trace=execve,connect \
    setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all "$IPCFG" /flushdns
assert_exit 4 "/flushdns as nobody (strace)"
# what ipcfg did (setpriv's own look-ups come before its execve)
assert_eq 0 "$(sed -n '/^execve("[^"]*ipcfg"/,$p' <<<"$ERR" | grep -c -e 'connect(' -e 'execve(.*resolvectl')" \
    "/flushdns as nobody asks nothing (no connect, no resolvectl)"
run_ipcfg /displaydns
assert_exit 6 "/displaydns"
assert_one_line "$ERR" "/displaydns: one error line"
assert_contains "$ERR" "no call that lists" "/displaydns: says why"
run_ipcfg /displaydns /json
assert_json "$OUT" '[.command, .exit_code, .error.reason]' '["displaydns",6,"not_supported"]' "/displaydns /json"

for args in "/a" "/al" "/bogus" "/add" "/add v0" "/delete" "all" "/all extra" "/timeout:abc" "/flushdns x" "/displaydns v0"; do
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
