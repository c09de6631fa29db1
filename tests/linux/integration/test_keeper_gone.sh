#!/usr/bin/env bash
# An interface that goes away while ipcfg keeps its lease (dnsmasq on a
# bridge, a recording resolvconf, detached keepers): deleted (c1), renamed
# (c2 -> c2x), moved to another network namespace (c3): the keeper stops
# and takes the lease's DNS back (resolvconf -d cN.ipcfg).  /release of a
# name no interface has any more withdraws what ipcfg still holds under it:
# the lease record of c2 (recorded as released), and for c4, deleted while
# no keeper ran, its DNS servers too; a second /release of it, or of a name
# ipcfg never held, is exit 2 as before.
#
# SPDX-License-Identifier: MIT
export IPCFG_KEEPER=detached
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"
keeper_net bridge
for i in 1 2 3 4; do
    ip link add "c$i" netns "$CLI" type veth peer name "p-c$i" netns "$SRV" || fatal "veth c$i"
    ip -n "$SRV" link set "p-c$i" master br0 up || fatal "port c$i"
    ip -n "$CLI" link set "c$i" up || fatal "c$i up"
done
dnsmasq_start srv "$SRV" br0 --dhcp-range=10.77.0.50,10.77.0.69,255.255.255.0,600 \
    --dhcp-option=option:dns-server,10.77.0.1
ns_new other
OTHER=$NS
NS=$CLI

lease_state() { awk '$1 == "state" { print $2 }' "$IPCFG_STATE_DIR/$1.lease"; }
no_keeper() { [[ -z $(keepers "$1") ]]; }
withdrawn() { grep -qx "resolvconf -d $1.ipcfg" "$RESOLVCONF_LOG"; }

for i in 1 2 3 4; do
    run_ipcfg /renew "c$i"
    assert_exit 0 "/renew c$i"
    assert_eq 1 "$(nkeepers "c$i")" "a keeper for c$i"
    grep -qx "resolvconf -a c$i.ipcfg" "$RESOLVCONF_LOG" && _pass || _fail "c$i: DNS not handed over"
done

# gone CASE IF: the keeper of IF stopped and took IF's DNS back
gone() {
    wait_for 5 no_keeper "$2" || _fail "$1: the keeper of $2 still runs"
    wait_for 3 withdrawn "$2" || _fail "$1: the DNS of $2 was not taken back" "$(cat "$RESOLVCONF_LOG")"
    assert_contains "$(cat "$IPCFG_KEEPER_LOG")" "$2: the interface is gone" "$1: the keeper logged why it stopped"
}
ip -n "$CLI" link del c1
gone deleted c1
ip -n "$CLI" link set c2 down
ip -n "$CLI" link set c2 name c2x
gone renamed c2
ip -n "$CLI" link set c3 netns "$OTHER"
gone moved c3

# ---- /release of a name that no longer exists ----------------------------------------
assert_eq bound "$(lease_state c2)" "c2's lease file still says bound"
run_ipcfg /release c2
assert_exit 0 "/release c2 (renamed away)"
assert_one_line "$ERR" "/release c2: one line"
assert_prefix "$ERR" "Adapter c2 no longer exists: ipcfg recorded its lease as released" "/release c2: what was done"
assert_eq released "$(lease_state c2)" "/release c2: the lease recorded as released"
run_ipcfg /release c2 /json
assert_exit 2 "/release c2 again: nothing left"

# c4: its keeper killed first, then the interface deleted: nothing took the DNS back
kill -9 "$(keepers c4)"
wait_for 3 no_keeper c4
ip -n "$CLI" link del c4
sleep 0.3
assert_eq 0 "$(grep -cx "resolvconf -d c4.ipcfg" "$RESOLVCONF_LOG")" "c4: no keeper ran, so nothing took its DNS back yet"
run_ipcfg /release c4 /json
assert_exit 0 "/release c4 (deleted, no keeper)"
assert_json "$OUT" '[.results[] | {adapter, result, state}]' '[{"adapter":"c4","result":"ok","state":null}]' \
    "/release c4 /json: one result, no state"
assert_contains "$ERR" "took its DNS servers back from the resolver" "/release c4: says the DNS went"
withdrawn c4 && _pass || _fail "/release c4: resolvconf -d c4.ipcfg was not run" "$(cat "$RESOLVCONF_LOG")"
assert_eq released "$(lease_state c4)" "/release c4: the lease recorded as released"
run_ipcfg /release c4
assert_exit 2 "/release c4 again: nothing left"
run_ipcfg /release nosuch
assert_exit 2 "/release of a name ipcfg never held"
assert_eq "The operation failed as no adapter is in the state permissible for this operation." "${ERR%$'\n'}" \
    "/release nosuch: the usual line"
finish
