#!/usr/bin/env bash
# A DHCP server whose names are shell commands, against the real openresolv
# (which evaluates what it is given: dhclient's CVE-2011-0997 class).  The
# hostile server (dhcp_hostile.py, scenario names:N[:T1:T2]:FILE) puts the
# same text into every name-carrying option (12 host name, 15 domain name,
# 81 client FQDN, 119 domain search, there followed by a valid name):
# $(...), backticks, ';', '|', quotes, a newline with resolv.conf lines
# after it, '%', empty labels, a 254-byte name.  Each value goes through
# /renew and again through a renewal of the keeper (T1 of 2 s, the server's
# answer switched between renewals): the lease binds, one line says what
# was left out, a canary file the commands would create never appears, and
# the resolver (resolvconf -l, the scratch resolv.conf) gets only valid
# names: the search list's valid name arrives (its hostile name is dropped
# alone), except beside the 254-byte name, which makes option 119 malformed
# (over 255 bytes on the wire) and left out whole.  A valid domain beside
# hostile host names and search lists is handed over alone.  The client
# side is shut in (dhcp_lib.sh's jail_start); the host's resolver is
# checked unchanged at the end.
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

# names TEXT DOMAIN [NAME...]: the JSON file $NAMES: TEXT in options 12
# and 81, DOMAIN in 15, TEXT then each NAME in the search list (119).  All
# are JSON string bodies (\n, \" and \\ escaped).
names() {
    local t=$1 d=$2 list n
    shift 2
    list="\"$t\""
    for n in "$@"; do list+=", \"$n\""; done
    printf '{"12": "%s", "15": "%s", "81": "%s", "119": [%s]}\n' "$t" "$d" "$t" "$list" >"$NAMES"
}

# resolver_clean WHAT: the canary is absent, and every line openresolv
# holds (resolvconf -l) and wrote (the scratch resolv.conf) is empty, a
# comment, the lease's DNS server (or the scratch file's own), or a search
# line of valid names.
resolver_clean() {
    local bad
    [[ -e $CANARY ]] && _fail "$1: the canary was created: a name ran as a command" || _pass
    bad=$( (in_jail /sbin/resolvconf -l 2>&1; in_jail cat "$JAIL_RESOLV") |
        grep -Ev '^(|#.*|nameserver (10\.77\.0\.1|192\.0\.2\.1)|search [A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*( [A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*)*)$')
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
KEPT=kept.example.test # the valid name after each hostile one in option 119
LEFT_OUT="The DHCP server's domain name (option 15) is not a valid DNS name; it was left out of the lease."
# what the line names after the domain: the search list's hostile names,
# or the whole search list
ALSO="Also left out, not what its option must carry: the"
SEARCH_NAMES="$ALSO names of the domain search list (option 119) that are not valid DNS names"
SEARCH_WHOLE="$ALSO domain search list (option 119)"

# expect VALUE: what the lease keeps of VALUE in every name option, then
# KEPT in 119: E_SEARCH, its search list (space-separated), and E_LEFT,
# what the line names as left out of 119.  Every value is a well-encoded
# name in 119 whose labels are what lies between its dots, except that an
# empty label has no wire form (a..b.test reads a.b.test, a valid name; ""
# is the root name, no search domain) and the 254-byte name is over 255
# bytes on the wire: malformed, option 119 left out whole.
expect() {
    case $1 in
    "$L254") E_SEARCH='' E_LEFT=$SEARCH_WHOLE ;;
    a..b.test) E_SEARCH="a.b.test $KEPT" E_LEFT='' ;;
    *) E_SEARCH=$KEPT E_LEFT=$SEARCH_NAMES ;;
    esac
}

# lease_checked WHAT VALUE LINE: what a lease obtained or renewed with
# VALUE left: the address bound, LINE (the one line of /renew or the
# keeper's log) names the domain and what of the search list was left out,
# the lease file holds no domain and the search list expect gives, the
# resolver has the lease's DNS server and exactly that search list, and
# nothing else but valid names.
lease_checked() {
    local lease got
    expect "$2"
    assert_eq "10.77.0.50/24" "$(v4_addrs "$CLI" c0)" "$1: the address bound"
    assert_contains "$3" "$LEFT_OUT" "$1: the line says the domain was left out"
    if [[ -n $E_LEFT ]]; then
        assert_contains "$3" "$E_LEFT" "$1: the line says what of the search list was left out"
    else
        assert_not_contains "$3" "(option 119)" "$1: the line leaves nothing of the search list out"
    fi
    lease=$(cat "$IPCFG_STATE_DIR/c0.lease")
    assert_no_line_matching "$lease" '^domain' "$1: no domain in the lease file"
    got=$(sed -n 's/^search //p' <<<"$lease" | paste -sd' ')
    assert_eq "$E_SEARCH" "$got" "$1: the lease file's search list"
    L=$(in_jail /sbin/resolvconf -l 2>&1)
    assert_line "$L" "nameserver 10.77.0.1" "$1: the lease's DNS server handed over"
    assert_eq "${E_SEARCH:+search $E_SEARCH}" "$(grep '^search' <<<"$L")" "$1: resolvconf holds the valid search names"
    assert_eq "${E_SEARCH:+search $E_SEARCH}" "$(in_jail cat "$JAIL_RESOLV" | grep '^search')" \
        "$1: resolv.conf: the valid search names"
    resolver_clean "$1"
}

# ---- /renew: each hostile name, an obtain each ---------------------------------
NAMES=$DHCP_TMP/names.json
for h in "${HOSTILE[@]}"; do
    names "$h" "$h" "$KEPT"
    scen "names:600:$NAMES"
    run_jail_ipcfg /renew c0 /timeout:10
    assert_exit 0 "/renew with the name '$h'"
    assert_one_line "$ERR" "'$h': one line on stderr"
    lease_checked "/renew, '$h'" "$h" "$ERR"
    run_jail_ipcfg /release c0
    assert_exit 0 "/release after '$h'"
done

# ---- a valid domain beside hostile host names and search lists -----------------
names "x\$(touch\${IFS}$CANARY)" "corp.example.test"
scen "names:600:$NAMES"
run_jail_ipcfg /renew c0 /timeout:10
assert_exit 0 "/renew with a valid domain and hostile names elsewhere"
assert_contains "$ERR" "domain search list (option 119) holds a name that is not a valid DNS name" \
    "the hostile search list name was left out, said in one line"
assert_contains "$ERR" "client FQDN answer (option 81)" "and the hostile FQDN answer"
assert_not_contains "$ERR" "(option 15)" "the valid domain was not left out"
assert_one_line "$ERR" "a valid domain: one line on stderr"
assert_no_line_matching "$(cat "$IPCFG_STATE_DIR/c0.lease")" '^search' "no search list in the lease file"
L=$(in_jail /sbin/resolvconf -l 2>&1)
assert_line "$L" "search corp.example.test" "the valid domain handed over"
assert_line "$(in_jail cat "$JAIL_RESOLV")" "search corp.example.test" "resolv.conf: the valid domain"
resolver_clean "a valid domain"
run_jail_ipcfg /release c0

# ---- the keeper's renewals: each hostile name in a renewal of its own ----------
# 120-second leases renewed at T1 = 2 s (T2 100 s: a late renewal is no
# expiry).  Each value has a names file and so a scenario of its own, which
# the server's log names beside each REQUEST it answered: once the
# keeper's unicast REQUEST under value i's scenario is in that log, the
# next "renewal in" line of the keeper's log is a renewal with value i
# done, its DNS handed over (the keeper logs it after the exchange); the
# server answers value i until the checks are done.
export IPCFG_KEEPER=detached
NAMES=$DHCP_TMP/names-start.json
names "" "corp.example.test"
scen "names:120:2:100:$NAMES"
run_jail_ipcfg /renew c0
assert_exit 0 "/renew with the keeper (T1 2 s)"
assert_eq 1 "$(nkeepers c0)" "a keeper keeps the lease"
assert_line "$(in_jail /sbin/resolvconf -l 2>&1)" "search corp.example.test" "the valid domain handed over first"
renewals() { grep -c 'renewal in' "$IPCFG_KEEPER_LOG"; }
i=0
for h in "${HOSTILE[@]}"; do
    i=$((i + 1))
    LAST_CMD="the keeper's renewal $i" # what a failure below is said of
    NAMES=$DHCP_TMP/names-keeper-$i.json
    names "$h" "$h" "$KEPT"
    sc="names:120:2:100:$NAMES"
    scen "$sc"
    if ! wait_for 20 grep -qF "$sc REQUEST ciaddr=10.77.0.50 unicast" "$DHCP_TMP/hostile.log"; then
        _fail "the keeper renewed with the name '$h'" "$(tail -n5 "$DHCP_TMP/hostile.log")" \
            "$(tail -n5 "$IPCFG_KEEPER_LOG")"
        continue
    fi
    n=$(renewals)
    wait_for 20 bash -c "(( \$(grep -c 'renewal in' '$IPCFG_KEEPER_LOG') > $n ))" ||
        _fail "the keeper's renewal with '$h' ended" "$(tail -n5 "$IPCFG_KEEPER_LOG")"
    line=$(grep -F "The DHCP server's" "$IPCFG_KEEPER_LOG" | tail -n1)
    lease_checked "the keeper's renewal, '$h'" "$h" "$line"
    assert_eq 1 "$(nkeepers c0)" "'$h': the keeper still keeps the lease"
done
LAST_CMD=''
assert_no_line_matching "$(cat "$IPCFG_KEEPER_LOG")" 'not renewed' "every renewal of the keeper succeeded"
run_jail_ipcfg /release c0
assert_exit 0 "/release stops the keeper"
no_keeper() { (($(nkeepers c0) == 0)); }
wait_for 5 no_keeper && _pass || _fail "no keeper after /release" "$(keepers c0)"
assert_no_line_matching "$(in_jail /sbin/resolvconf -l 2>&1)" '^(nameserver|search)' "/release took the DNS back"

jail_stop
[[ -e $CANARY ]] && _fail "the canary exists at the end" || _pass
assert_eq "$HOST_BEFORE" "$(host_resolver_state)" "the host's /etc/resolv.conf is unchanged (sha256), no .bak, no /run/resolvconf"
finish
