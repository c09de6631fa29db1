#!/usr/bin/env bash
# A DHCP server whose names are shell commands, against the real openresolv
# (which evaluates what it is given: dhclient's CVE-2011-0997 class).  The
# hostile server (dhcp_hostile.py, scenario names:N:FILE) puts the same
# text into every name-carrying option (12 host name, 15 domain name, 81
# client FQDN, 119 domain search): $(...), backticks, ';', '|', quotes, a
# newline with resolv.conf lines after it, '%', empty labels, a 254-byte
# name.  Through /renew and through the keeper's renewal (10-second
# leases): the lease binds, one line says the domain was left out, a
# canary file the commands would create never appears, and the resolver
# (resolvconf -l, the scratch resolv.conf) gets only valid names; a valid
# domain beside hostile host names and search lists is handed over alone.
# The client side is shut in (dhcp_lib.sh's jail_start); the host's
# resolver is checked unchanged at the end.
#
# SPDX-License-Identifier: MIT
export IPCFG_KEEPER=off
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"
unset IPCFG_PEER_ROOT # the real resolver manager, found where ipcfg looks on a host

HOST_BEFORE=$(host_resolver_state)
export IPCFG_KEEPER_LOG=$DHCP_TMP/keeper.log
CANARY=$DHCP_TMP/canary
NAMES=$DHCP_TMP/names.json

dhcp_net
hostile_start "$SRV" s0
jail_start

# names TEXT [DOMAIN]: the JSON file of names: TEXT in options 12, 81 and
# 119, DOMAIN (default TEXT) in option 15.  Both are JSON string bodies
# (\n, \" and \\ escaped).
names() { printf '{"12": "%s", "15": "%s", "81": "%s", "119": "%s"}\n' "$1" "${2-$1}" "$1" "$1" >"$NAMES"; }

# resolver_clean WHAT: the canary is absent, and every line openresolv
# holds (resolvconf -l) and wrote (the scratch resolv.conf) is empty, a
# comment, the lease's DNS server (or the scratch file's own), or a search
# line of valid names.
resolver_clean() {
    local bad
    [[ -e $CANARY ]] && _fail "$1: the canary was created: a name ran as a command" || _pass
    bad=$( (in_jail /sbin/resolvconf -l 2>&1; in_jail cat "$JAIL_RESOLV") |
        grep -Ev '^(|#.*|nameserver (10\.77\.0\.1|192\.0\.2\.1)|search [A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*)$')
    assert_eq "" "$bad" "$1: the resolver holds only the lease's server and valid names"
}

L254=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
[[ ${#L254} -eq 254 ]] || fatal "the long name is ${#L254} bytes"
HOSTILE=(
    "x\$(touch\${IFS}$CANARY)"
    "a\`touch $CANARY\`.test"
    "a;touch $CANARY;b.test"
    "a|touch $CANARY|b.test"
    "a'b.test"
    'a\"b.test'
    "a.test\\nnameserver 192.0.2.66\\nsearch evil.test"
    "a%b.test"
    "a..b.test"
    ""
    "$L254"
)
LEFT_OUT="The DHCP server's domain name (option 15) is not a valid DNS name; it was left out of the lease."

# ---- /renew: each hostile name, an obtain each ---------------------------------
for h in "${HOSTILE[@]}"; do
    names "$h"
    scen "names:600:$NAMES"
    run_jail_ipcfg /renew c0 /timeout:10
    assert_exit 0 "/renew with the name '$h'"
    assert_eq "10.77.0.50/24" "$(v4_addrs "$CLI" c0)" "'$h': the address bound"
    assert_contains "$ERR" "$LEFT_OUT" "'$h': one line says the domain was left out"
    assert_one_line "$ERR" "'$h': one line on stderr"
    lease=$(cat "$IPCFG_STATE_DIR/c0.lease")
    assert_no_line_matching "$lease" '^domain' "'$h': no domain in the lease file"
    assert_line "$(in_jail /sbin/resolvconf -l 2>&1)" "nameserver 10.77.0.1" "'$h': the lease's DNS server handed over"
    resolver_clean "/renew, '$h'"
    run_jail_ipcfg /release c0
    assert_exit 0 "/release after '$h'"
done

# ---- a valid domain beside hostile host names and search lists -----------------
names "x\$(touch\${IFS}$CANARY)" "corp.example.test"
scen "names:600:$NAMES"
run_jail_ipcfg /renew c0 /timeout:10
assert_exit 0 "/renew with a valid domain and hostile names elsewhere"
assert_contains "$ERR" "domain search list (option 119)" "the hostile search list was left out, said in one line"
assert_contains "$ERR" "client FQDN answer (option 81)" "and the hostile FQDN answer"
assert_not_contains "$ERR" "(option 15)" "the valid domain was not left out"
assert_one_line "$ERR" "a valid domain: one line on stderr"
assert_no_line_matching "$(cat "$IPCFG_STATE_DIR/c0.lease")" '^search' "no search list in the lease file"
L=$(in_jail /sbin/resolvconf -l 2>&1)
assert_line "$L" "search corp.example.test" "the valid domain handed over"
assert_line "$(in_jail cat "$JAIL_RESOLV")" "search corp.example.test" "resolv.conf: the valid domain"
resolver_clean "a valid domain"
run_jail_ipcfg /release c0

# ---- the keeper's renewal: 10-second leases, renewed at T1 ------------------------
export IPCFG_KEEPER=detached
names "" "corp.example.test"
scen "names:10:$NAMES"
run_jail_ipcfg /renew c0
assert_exit 0 "/renew with the keeper (10-second leases)"
assert_eq 1 "$(nkeepers c0)" "a keeper keeps the lease"
n0=$(grep -c "REQUEST ciaddr=10.77.0.50 unicast" "$DHCP_TMP/hostile.log")
names "x\$(touch\${IFS}$CANARY)\\n search evil.test"
scen "names:10:$NAMES"
# the keeper's renewals (T1 = 5 s): two of them
wait_for 15 bash -c "(( \$(grep -c 'REQUEST ciaddr=10.77.0.50 unicast' '$DHCP_TMP/hostile.log') >= $n0 + 2 ))" &&
    _pass || _fail "the keeper renewed twice" "$(tail -n5 "$DHCP_TMP/hostile.log")"
sleep 0.5 # the second renewal's resolver hand-over
assert_contains "$(cat "$IPCFG_KEEPER_LOG")" "$LEFT_OUT" "the keeper's log says the domain was left out"
L=$(in_jail /sbin/resolvconf -l 2>&1)
assert_line "$L" "nameserver 10.77.0.1" "after the keeper's renewals: the server still handed over"
assert_no_line_matching "$L" '^search' "after the keeper's renewals: the old domain taken back, nothing in its place"
resolver_clean "the keeper's renewals"
run_jail_ipcfg /release c0
assert_exit 0 "/release stops the keeper"

jail_stop
[[ -e $CANARY ]] && _fail "the canary exists at the end" || _pass
assert_eq "$HOST_BEFORE" "$(host_resolver_state)" "the host's /etc/resolv.conf is unchanged (sha256), no .bak, no /run/resolvconf"
finish
