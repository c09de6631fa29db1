#!/usr/bin/env bash
# A DHCPv6 lease's DNS servers (option 23) and search list (option 24) with
# the real openresolv, beside the DHCPv4 lease's: /renew6 hands them over
# under the interface's entry c0.ipcfg; /renew adds the DHCPv4 lease's to
# the same entry (servers in /all's order: the DHCPv6 lease's first; the
# DHCPv4 search list first; each name once); /release6 takes the
# DHCPv6 lease's back and leaves the DHCPv4 lease's; /release the rest.
#
# The client side runs shut in as test_keeper_openresolv.sh's does
# (dhcp_lib.sh's jail_start: a private mount namespace with /etc and /run
# on scratch, resolv.conf the namespace's own); the host's resolv.conf is
# checked unchanged at the end.
#
# SPDX-License-Identifier: MIT
export IPCFG_KEEPER=detached
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"
source "$(dirname "$0")/dhcp6_lib.sh"
unset IPCFG_PEER_ROOT # the real resolver manager, found where ipcfg looks on a host

HOST_BEFORE=$(host_resolver_state)
export IPCFG_KEEPER_LOG=$DHCP_TMP/keeper.log

dhcp6_net
dnsmasq6_start one range --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600 \
    --dhcp-option=option:dns-server,10.77.0.1 --dhcp-option=option:domain-search,v4.example.test,example.test
jail_start
assert_eq "" "$(in_jail /sbin/resolvconf -i 2>&1 | xargs)" "inside: resolvconf knows no interface at the start"

# ---- /renew6: option 23 and 24 handed over ------------------------------------------
run_jail_ipcfg /renew6 c0
assert_exit 0 "/renew6 c0"
assert_eq "" "$ERR" "/renew6: nothing on stderr (the servers are in use)"
R=$(in_jail cat /etc/resolv.conf)
assert_line "$R" "nameserver $DNS6" "resolv.conf (inside): the DHCPv6 lease's server"
assert_line "$R" "search $DOMAIN6" "resolv.conf (inside): the DHCPv6 lease's search list"
assert_eq "c0.ipcfg" "$(in_jail /sbin/resolvconf -i 2>&1 | xargs)" "resolvconf -i: c0.ipcfg"

# ---- /renew: the DHCPv4 lease's joins --------------------------------------------------
run_jail_ipcfg /renew c0
assert_exit 0 "/renew c0"
L=$(in_jail /sbin/resolvconf -l 2>&1)
assert_eq "nameserver $DNS6
nameserver 10.77.0.1" "$(grep '^nameserver' <<<"$L")" "c0.ipcfg: the DHCPv6 server first (as /all lists them), then the DHCPv4 one"
assert_line "$L" "search v4.example.test example.test" "c0.ipcfg: the search lists joined, each name once"

# ---- /release6: the DHCPv6 lease's taken back, the DHCPv4 lease's stay -----------------
run_jail_ipcfg /release6 c0
assert_exit 0 "/release6 c0"
L=$(in_jail /sbin/resolvconf -l 2>&1)
assert_eq "nameserver 10.77.0.1" "$(grep '^nameserver' <<<"$L")" "after /release6: the DHCPv4 server only"
assert_no_line_matching "$(in_jail cat /etc/resolv.conf)" "$DNS6" "resolv.conf (inside): the DHCPv6 server is gone"

# ---- /release: nothing left ---------------------------------------------------------------
run_jail_ipcfg /release c0
assert_exit 0 "/release c0"
assert_eq "" "$(in_jail /sbin/resolvconf -i 2>&1 | xargs)" "resolvconf -i: no interface left"
assert_no_line_matching "$(in_jail cat /etc/resolv.conf)" '10\.77\.0\.|example\.test|2001:db8' "resolv.conf (inside): the leases' entries are gone"

jail_stop
assert_eq "$HOST_BEFORE" "$(host_resolver_state)" "the host's /etc/resolv.conf is unchanged (sha256), no .bak, no /run/resolvconf"
finish
