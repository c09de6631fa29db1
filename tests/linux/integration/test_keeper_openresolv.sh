#!/usr/bin/env bash
# The lease keeper and the real openresolv: no stand-in under
# IPCFG_PEER_ROOT (unset here), the real /sbin/resolvconf that ipcfg finds
# on its own.  With IPCFG_KEEPER=detached, `/renew c0` against dnsmasq
# (dns-server 10.77.0.1,10.77.0.2, domain example.test) puts both servers
# and `search example.test` into resolv.conf and `resolvconf -l` lists
# c0.ipcfg; `/release c0` takes them out of both and leaves no keeper.
#
# The client side runs shut in (dhcp_lib.sh's jail_start: the client's
# network namespace, a private mount namespace with /etc and /run on
# scratch, resolv.conf the namespace's own as ip netns exec mounts it), so that openresolv cannot touch
# the host; every ipcfg runs in it (nsenter), and so does the detached
# keeper /renew starts (it inherits the namespace: checked).  The EXIT
# trap kills the keeper and the holder with the namespaces.  The host's
# /etc/resolv.conf is checked unchanged at the end (its sha256), and no
# /etc/resolv.conf.bak or /run/resolvconf appeared on the host.
#
# SPDX-License-Identifier: MIT
export IPCFG_KEEPER=detached
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"
# the real resolver manager, found where ipcfg looks on a host
unset IPCFG_PEER_ROOT

HOST_BEFORE=$(host_resolver_state)
export IPCFG_KEEPER_LOG=$DHCP_TMP/keeper.log

dhcp_net
dnsmasq_start srv "$SRV" s0 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600 \
    --dhcp-option=option:router,10.77.0.1 --dhcp-option=option:dns-server,10.77.0.1,10.77.0.2 \
    --dhcp-option=option:domain-name,example.test
jail_start

assert_eq "$JAIL_RESOLV_BEFORE" "$(in_jail cat /etc/resolv.conf)" "inside: /etc/resolv.conf is the scratch file"
assert_eq "" "$(in_jail /sbin/resolvconf -i 2>&1 | xargs)" "inside: resolvconf knows no interface at the start"

# ---- /renew: the lease's DNS handed to openresolv ---------------------------
run_jail_ipcfg /renew c0
assert_exit 0 "/renew c0 (obtain)"
assert_eq 1 "$(nkeepers c0)" "one keeper after /renew"
K=$(keepers c0)
assert_eq "$(readlink "/proc/$JAIL_HOLDER/ns/mnt")" "$(readlink "/proc/$K/ns/mnt" 2>&1)" \
    "the detached keeper runs in the private mount namespace of the /renew that started it"
R=$(in_jail cat /etc/resolv.conf)
assert_line "$R" "nameserver 10.77.0.1" "resolv.conf (inside) has the lease's first server"
assert_line "$R" "nameserver 10.77.0.2" "resolv.conf (inside) has the lease's second server"
assert_line "$R" "search example.test" "resolv.conf (inside) has the lease's domain"
assert_eq "$R" "$(in_jail cat "$JAIL_RESOLV")" "what openresolv wrote is the namespace's own file (its copy in the overlay)"
L=$(in_jail /sbin/resolvconf -l 2>&1)
assert_line "$L" "# resolv.conf from c0.ipcfg" "resolvconf -l lists c0.ipcfg"
assert_line "$L" "nameserver 10.77.0.1" "resolvconf -l: c0.ipcfg's first server"
assert_line "$L" "nameserver 10.77.0.2" "resolvconf -l: c0.ipcfg's second server"
assert_line "$L" "search example.test" "resolvconf -l: c0.ipcfg's domain"
assert_eq "c0.ipcfg" "$(in_jail /sbin/resolvconf -i 2>&1 | xargs)" "resolvconf -i: c0.ipcfg and nothing else"
assert_eq "$HOST_BEFORE" "$(host_resolver_state)" "the host's resolv.conf is untouched while the lease is held"

# ---- /release: taken back, no keeper ------------------------------------------
run_jail_ipcfg /release c0
assert_exit 0 "/release c0"
assert_eq 0 "$(nkeepers c0)" "no keeper after /release"
assert_eq "" "$(ip netns pids "$CLI" | xargs -r -I{} cat /proc/{}/cmdline 2>/dev/null | tr '\0' '\n' | grep -x -- --keeper)" \
    "no ipcfg keeper of any kind left in the namespace"
R=$(in_jail cat /etc/resolv.conf)
assert_no_line_matching "$R" '10\.77\.0\.|example\.test' "resolv.conf (inside): the lease's entries are gone"
L=$(in_jail /sbin/resolvconf -l 2>&1)
assert_no_line_matching "$L" 'c0\.ipcfg|10\.77\.0\.|example\.test' "resolvconf -l: c0.ipcfg is gone"
assert_eq "" "$(in_jail /sbin/resolvconf -i 2>&1 | xargs)" "resolvconf -i: no interface left"

jail_stop
assert_eq "$HOST_BEFORE" "$(host_resolver_state)" "the host's /etc/resolv.conf is unchanged (sha256), no .bak, no /run/resolvconf"
finish
