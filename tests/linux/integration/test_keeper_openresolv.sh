#!/usr/bin/env bash
# The lease keeper (issue 17) and the real openresolv: no stand-in under
# IPCFG_PEER_ROOT (unset here), the real /sbin/resolvconf that ipcfg finds
# on its own.  With IPCFG_KEEPER=detached, `/renew c0` against dnsmasq
# (dns-server 10.77.0.1,10.77.0.2, domain example.test) puts both servers
# and `search example.test` into resolv.conf and `resolvconf -l` lists
# c0.ipcfg; `/release c0` takes them out of both and leaves no keeper.
#
# The client side runs shut in, so that openresolv cannot touch the host:
# a holder process in the client's network namespace and a private mount
# namespace (unshare -m) with /etc overlaid on a scratch directory (the
# resolvconf.conf below, openresolv's resolv.conf.bak), the namespace's
# own resolv.conf (/etc/netns/NS/resolv.conf, removed with the namespace)
# bind-mounted over /etc/resolv.conf as `ip netns exec NS` does (so that
# ipcfg takes it for this namespace's resolver), tmpfs over /run (openresolv's state
# directory /run/resolvconf, and no host pid files for its subscribers to
# signal) and over the other clients' lease directories; every ipcfg runs
# in it (nsenter), and so does the detached keeper /renew starts (it
# inherits the namespace: checked).  The EXIT trap kills the keeper and the
# holder with the namespaces.  The host's /etc/resolv.conf is checked
# unchanged at the end (its sha256), and no /etc/resolv.conf.bak or
# /run/resolvconf appeared on the host.
#
# SPDX-License-Identifier: MIT
export IPCFG_KEEPER=detached
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"
# the real resolver manager, found where ipcfg looks on a host
unset IPCFG_PEER_ROOT

for _t in unshare nsenter sha256sum; do
    command -v "$_t" >/dev/null || fatal "$_t is required (util-linux, coreutils)"
done
[[ $(/sbin/resolvconf --version 2>/dev/null | head -n1) == openresolv* ]] ||
    fatal "/sbin/resolvconf is not openresolv: run scripts/install-deps.sh test (package openresolv)"

IPCFG=$(realpath "$IPCFG") # nsenter -m: the holder's mount namespace
HOST_BEFORE=$(host_resolver_state)
export IPCFG_KEEPER_LOG=$DHCP_TMP/keeper.log
MNT=$DHCP_TMP/mnt
HOLDER=''

or_cleanup() {
    # the keeper (in the client's network namespace, whatever its mount
    # namespace) and the holder go before the namespaces are deleted
    local p
    if [[ -n ${CLI:-} ]]; then
        for p in $(keepers c0); do kill -9 "$p" 2>/dev/null; done
    fi
    [[ -n $HOLDER ]] && kill -9 "$HOLDER" 2>/dev/null
    _dhcp_cleanup
}
trap or_cleanup EXIT

dhcp_net
dnsmasq_start srv "$SRV" s0 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600 \
    --dhcp-option=option:router,10.77.0.1 --dhcp-option=option:dns-server,10.77.0.1,10.77.0.2 \
    --dhcp-option=option:domain-name,example.test

# ---- the shut-in client side ------------------------------------------------
mkdir -p "$MNT/etc-up" "$MNT/etc-work" || fatal "scratch"
RESOLV_BEFORE='nameserver 192.0.2.1'
NS=$CLI ns_resolv_conf "$RESOLV_BEFORE"
RESOLV_FILE=/etc/netns/$CLI/resolv.conf
# openresolv's configuration in the overlay: resolv.conf only, no
# subscribers (the host's names dnsmasq's), no service restarted for libc
printf 'resolv_conf=/etc/resolv.conf\nlibc_restart=:\n' >"$MNT/etc-up/resolvconf.conf"
# shellcheck disable=SC2016
ip netns exec "$CLI" unshare -m --propagation private sh -c '
    d=$1
    set -e
    mount -t overlay overlay -o "lowerdir=/etc,upperdir=$d/etc-up,workdir=$d/etc-work" /etc
    mount --bind "$2" /etc/resolv.conf
    mount -t tmpfs -o mode=0755 none /run
    for m in /var/lib/dhcp /var/lib/dhcpcd /var/lib/NetworkManager; do
        if [ -d "$m" ]; then mount -t tmpfs -o mode=0755 none "$m"; fi
    done
    : >"$d/ready"
    exec sleep 300' sh "$MNT" "$RESOLV_FILE" >"$DHCP_TMP/holder.log" 2>&1 &
HOLDER=$!
disown "$HOLDER" # its end (kill -9, here or in the trap) is no job report
wait_for 5 test -e "$MNT/ready" || fatal "the mount namespace was not set up: $(cat "$DHCP_TMP/holder.log")"

# in_ns CMD...: CMD in the client's network namespace and the private mount one
in_ns() { nsenter -t "$HOLDER" -m -n "$@"; }
run_ns_ipcfg() { run_captured "ipcfg $*" in_ns "$IPCFG" "$@"; }

assert_eq "$RESOLV_BEFORE" "$(in_ns cat /etc/resolv.conf)" "inside: /etc/resolv.conf is the namespace's own"
assert_eq "" "$(in_ns /sbin/resolvconf -i 2>&1 | xargs)" "inside: resolvconf knows no interface at the start"

# ---- /renew: the lease's DNS handed to openresolv ---------------------------
run_ns_ipcfg /renew c0
assert_exit 0 "/renew c0 (obtain)"
assert_eq 1 "$(nkeepers c0)" "one keeper after /renew"
K=$(keepers c0)
assert_eq "$(readlink "/proc/$HOLDER/ns/mnt")" "$(readlink "/proc/$K/ns/mnt" 2>&1)" \
    "the detached keeper runs in the private mount namespace of the /renew that started it"
R=$(in_ns cat /etc/resolv.conf)
assert_line "$R" "nameserver 10.77.0.1" "resolv.conf (inside) has the lease's first server"
assert_line "$R" "nameserver 10.77.0.2" "resolv.conf (inside) has the lease's second server"
assert_line "$R" "search example.test" "resolv.conf (inside) has the lease's domain"
assert_eq "$R" "$(in_ns cat "$RESOLV_FILE")" "what openresolv wrote is the namespace's own file (its copy in the overlay)"
L=$(in_ns /sbin/resolvconf -l 2>&1)
assert_line "$L" "# resolv.conf from c0.ipcfg" "resolvconf -l lists c0.ipcfg"
assert_line "$L" "nameserver 10.77.0.1" "resolvconf -l: c0.ipcfg's first server"
assert_line "$L" "nameserver 10.77.0.2" "resolvconf -l: c0.ipcfg's second server"
assert_line "$L" "search example.test" "resolvconf -l: c0.ipcfg's domain"
assert_eq "c0.ipcfg" "$(in_ns /sbin/resolvconf -i 2>&1 | xargs)" "resolvconf -i: c0.ipcfg and nothing else"
assert_eq "$HOST_BEFORE" "$(host_resolver_state)" "the host's resolv.conf is untouched while the lease is held"

# ---- /release: taken back, no keeper ------------------------------------------
run_ns_ipcfg /release c0
assert_exit 0 "/release c0"
assert_eq 0 "$(nkeepers c0)" "no keeper after /release"
assert_eq "" "$(ip netns pids "$CLI" | xargs -r -I{} cat /proc/{}/cmdline 2>/dev/null | tr '\0' '\n' | grep -x -- --keeper)" \
    "no ipcfg keeper of any kind left in the namespace"
R=$(in_ns cat /etc/resolv.conf)
assert_no_line_matching "$R" '10\.77\.0\.|example\.test' "resolv.conf (inside): the lease's entries are gone"
L=$(in_ns /sbin/resolvconf -l 2>&1)
assert_no_line_matching "$L" 'c0\.ipcfg|10\.77\.0\.|example\.test' "resolvconf -l: c0.ipcfg is gone"
assert_eq "" "$(in_ns /sbin/resolvconf -i 2>&1 | xargs)" "resolvconf -i: no interface left"

kill -9 "$HOLDER" 2>/dev/null
wait_for 5 bash -c "! kill -0 $HOLDER 2>/dev/null" || fatal "the holder of the mount namespace outlived kill -9"
HOLDER=''
assert_eq "$HOST_BEFORE" "$(host_resolver_state)" "the host's /etc/resolv.conf is unchanged (sha256), no .bak, no /run/resolvconf"
finish
