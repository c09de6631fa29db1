#!/usr/bin/env bash
# A lease's DNS servers go to resolvconf only where it serves the network
# namespace the lease was obtained in (docs/linux.md, "DNS reaches the
# resolver"), against dnsmasq with a recording resolvconf under the
# test's IPCFG_PEER_ROOT (it changes nothing, so a wrong hand-over shows in
# its log and nowhere else):
#   - `ip netns exec NS` without /etc/netns/NS/resolv.conf: /etc/resolv.conf
#     is the host's: nothing handed over, one line says so, exit 0;
#     /release withdraws nothing;
#   - nsenter into the network namespace only (the host's mount namespace,
#     so the host's /etc/resolv.conf), even with /etc/netns/NS/resolv.conf
#     in place: the same;
#   - `ip netns exec NS` with /etc/netns/NS/resolv.conf (the namespace's
#     own): handed over as c0.ipcfg, withdrawn by /release.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"

command -v nsenter >/dev/null || fatal "nsenter is required (util-linux)"
recording_resolvconf
dhcp_net
dnsmasq_start srv "$SRV" s0 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600 \
    --dhcp-option=option:router,10.77.0.1 --dhcp-option=option:dns-server,10.77.0.1,10.77.0.2 \
    --dhcp-option=option:domain-name,example.test

# refused WHAT: the last /renew obtained the lease and handed nothing over
refused() {
    assert_exit 0 "$1: /renew"
    assert_one_line "$ERR" "$1: one line on stderr"
    assert_contains "$ERR" "were not handed over" "$1: the line says the servers were not handed over"
    assert_contains "$ERR" "(10.77.0.1, 10.77.0.2)" "$1: the line names the servers"
    assert_eq "" "$(cat "$RESOLVCONF_LOG")" "$1: resolvconf was not run"
}

# ---- ip netns exec, the host's resolv.conf ---------------------------------------
run_ipcfg /renew c0
refused "ip netns exec, no /etc/netns/NS/resolv.conf"
run_ipcfg /release c0
assert_exit 0 "/release"
assert_eq "" "$(cat "$RESOLVCONF_LOG")" "/release: nothing to withdraw, resolvconf not run"

# ---- the network namespace alone, the host's mount namespace ----------------------
ns_resolv_conf "nameserver 192.0.2.1"
run_captured "nsenter --net ipcfg /renew c0" nsenter --net="/run/netns/$CLI" "$IPCFG" /renew c0
refused "nsenter --net (the host's /etc/resolv.conf)"
run_captured "nsenter --net ipcfg /release c0" nsenter --net="/run/netns/$CLI" "$IPCFG" /release c0
assert_exit 0 "/release (nsenter --net)"
assert_eq "" "$(cat "$RESOLVCONF_LOG")" "/release (nsenter --net): resolvconf not run"

# ---- ip netns exec, the namespace's own resolv.conf --------------------------------
run_ipcfg /renew c0
assert_exit 0 "/renew with /etc/netns/NS/resolv.conf"
assert_eq "" "$ERR" "/renew with /etc/netns/NS/resolv.conf: nothing on stderr"
assert_eq "resolvconf -a c0.ipcfg
search example.test
nameserver 10.77.0.1
nameserver 10.77.0.2" "$(cat "$RESOLVCONF_LOG")" "the namespace's own resolv.conf: handed over as c0.ipcfg"
run_ipcfg /release c0
assert_exit 0 "/release"
assert_eq "resolvconf -d c0.ipcfg" "$(tail -n 1 "$RESOLVCONF_LOG")" "/release withdraws c0.ipcfg"
finish
