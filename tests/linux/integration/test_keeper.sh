#!/usr/bin/env bash
# The lease keeper against dnsmasq, detached (no systemd here):
#   /renew leaves exactly one keeper, and /json says the lease is kept and
#   by what; a keeper killed is restored by the next /renew; two racing
#   /renews leave one keeper; the idle keeper makes no wake-ups and stays
#   under 2 MB; carrier back is verified at once (INIT-REBOOT); the lease's
#   DNS servers and domain are handed to resolvconf (a recording stand-in
#   under IPCFG_PEER_ROOT) and withdrawn by /release, which leaves no
#   keeper; with IPCFG_KEEPER=off no keeper starts.
#
# SPDX-License-Identifier: MIT
export IPCFG_KEEPER=detached
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"

keeper_net
dnsmasq_start srv "$SRV" s0 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600 \
    --dhcp-option=option:router,10.77.0.1 --dhcp-option=option:dns-server,10.77.0.1,10.77.0.2 \
    --dhcp-option=option:domain-name,example.test
sniff_start srv "$SRV" s0
PKTS=$DHCP_TMP/srv.pkts

# ---- /renew starts one keeper -------------------------------------------------
run_ipcfg /renew c0
assert_exit 0 "/renew c0 (obtain)"
assert_eq 1 "$(nkeepers c0)" "one keeper after /renew"
K=$(keepers c0)
assert_eq 0 "$(awk '$1 == "Uid:" { print $2 }' "/proc/$K/status")" "the keeper runs as root (it applies leases)"
assert_eq 1 "$(awk '$1 == "PPid:" { print $2 }' "/proc/$K/status" | grep -cvx "$$")" "the keeper is detached (not the test's child)"
run_ipcfg /all /json
assert_exit 0 "/all /json"
assert_eq "true ipcfg" "$(jq -r '.adapters[] | select(.name == "c0") | "\(.lease.kept) \(.lease.keeper)"' <<<"$OUT")" \
    "/json: the lease is kept, by a detached keeper"
run_ipcfg_nobody /all /json
assert_eq "true ipcfg" "$(jq -r '.adapters[] | select(.name == "c0") | "\(.lease.kept) \(.lease.keeper)"' <<<"$OUT")" \
    "/json as nobody: the same (the keeper's status socket)"

# DNS: handed to resolvconf as c0.ipcfg
grep -q "^resolvconf -a c0.ipcfg$" "$DHCP_TMP/resolvconf.log" && _pass ||
    _fail "resolvconf -a c0.ipcfg was not run" "$(cat "$DHCP_TMP/resolvconf.log")"
grep -qx "nameserver 10.77.0.1" "$DHCP_TMP/resolvconf.log" && grep -qx "nameserver 10.77.0.2" "$DHCP_TMP/resolvconf.log" &&
    grep -qx "search example.test" "$DHCP_TMP/resolvconf.log" && _pass ||
    _fail "the lease's servers and domain were not handed over" "$(cat "$DHCP_TMP/resolvconf.log")"

# ---- idle: no wake-ups between timers, at most 2 MB --------------------------
sleep 0.5
v1=$(awk '$1 == "voluntary_ctxt_switches:" { print $2 }' "/proc/$K/status")
n1=$(awk '$1 == "nonvoluntary_ctxt_switches:" { print $2 }' "/proc/$K/status")
sleep 3
v2=$(awk '$1 == "voluntary_ctxt_switches:" { print $2 }' "/proc/$K/status")
n2=$(awk '$1 == "nonvoluntary_ctxt_switches:" { print $2 }' "/proc/$K/status")
assert_eq "$v1 $n1" "$v2 $n2" "the idle keeper did not wake up in 3 s"
rss=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$K/status")
((rss <= 2048)) && _pass || _fail "the keeper's VmRSS is $rss kB (at most 2048)"

# ---- carrier back: verified at once (INIT-REBOOT) ------------------------------
lines=$(wc -l <"$PKTS")
ip -n "$CLI" link set c0 down
sleep 0.3
ip -n "$CLI" link set c0 up
t0=$(now_ms)
wait_for 4 bash -c "tail -n +$((lines + 1)) '$PKTS' | grep -q '^REQUEST 0.0.0.0 255.255.255.255 ciaddr=0.0.0.0'"
ms=$(($(now_ms) - t0))
tail -n +$((lines + 1)) "$PKTS" | grep -q '^REQUEST 0.0.0.0 255.255.255.255 ciaddr=0.0.0.0' && _pass ||
    _fail "no INIT-REBOOT after the link came back" "$(tail -n +$((lines + 1)) "$PKTS")"
((ms <= 3000)) && _pass || _fail "the INIT-REBOOT came $ms ms after the carrier (at most 3000)"
assert_eq 0 "$(tail -n +$((lines + 1)) "$PKTS" | grep -c '^DISCOVER')" \
    "carrier back: the lease verified (INIT-REBOOT), not obtained afresh (no DISCOVER)"
wait_for 3 bash -c "ip -n '$CLI' -4 -o addr show dev c0 | grep -q 10.77.0.5"
assert_eq 1 "$(nkeepers c0)" "still one keeper after the verify"
assert_contains "$(cat "$IPCFG_KEEPER_LOG")" "the link is back" "the keeper logged why it verified"

# ---- an extra dynamic address (another tool's) is not another client -------------
# the interface holds the lease's address, marked as ipcfg's: it stays
# ipcfg's (docs/linux.md, "Who runs an interface"), in the keeper too
ip -n "$CLI" addr add 10.99.0.77/24 dev c0 valid_lft 100 preferred_lft 100 || fatal "extra address"
sleep 1
assert_eq 1 "$(nkeepers c0)" "an extra dynamic address: the keeper stays"
assert_not_contains "$(cat "$IPCFG_KEEPER_LOG")" "runs the interface now" "an extra dynamic address: the keeper did not yield"
assert_eq 0 "$(grep -c "^resolvconf -d" "$DHCP_TMP/resolvconf.log")" "an extra dynamic address: the lease's DNS servers stay"
run_ipcfg /all /json
assert_eq "ipcfg true" "$(jq -r '.adapters[] | select(.name == "c0") | "\(.lease.client) \(.lease.kept)"' <<<"$OUT")" \
    "an extra dynamic address: /json says ipcfg keeps the lease"
ip -n "$CLI" addr del 10.99.0.77/24 dev c0

# ---- a killed keeper is restored by the next /renew ---------------------------
# kill_keeper: kill -9 c0's keeper and wait until no process of it is left
kill_keeper() {
    kill -9 "$(keepers c0)"
    wait_for 2 bash -c "[ -z \"\$(ip netns pids '$CLI' | xargs -r -I{} cat /proc/{}/cmdline 2>/dev/null | tr '\0' ' ' | grep -- '--keeper c0')\" ]"
}
kill_keeper
run_ipcfg /all /json
assert_eq "false null" "$(jq -r '.adapters[] | select(.name == "c0") | "\(.lease.kept) \(.lease.keeper)"' <<<"$OUT")" \
    "/json: the lease is not kept once its keeper is gone"
run_ipcfg /renew c0
assert_exit 0 "/renew after the keeper was killed"
assert_eq 1 "$(nkeepers c0)" "one keeper again"

# ---- a boot: the unit's `ipcfg --keeper c0` takes the recorded lease up again --
# (what systemd starts for an enabled ipcfg@c0.service): the address gone
# and the link down, as after a reboot; the keeper sets the link up and
# verifies the lease at once (INIT-REBOOT), without a DISCOVER
kill_keeper
ip -n "$CLI" addr flush dev c0
ip -n "$CLI" link set c0 down
lines=$(wc -l <"$PKTS")
ip netns exec "$CLI" setsid "$IPCFG" --keeper c0 </dev/null >/dev/null 2>&1 &
wait_for 6 bash -c "ip -n '$CLI' -4 -o addr show dev c0 | grep -q 10.77.0.5"
assert_contains "$(ip -n "$CLI" -o link show c0)" "UP" "boot: the keeper set the link up"
v=$(ip -n "$CLI" -4 -o addr show dev c0)
[[ $v == *10.77.0.5* ]] && _pass || _fail "boot: the lease's address is not back" "$v" "$(tail -n +$((lines + 1)) "$PKTS")"
tail -n +$((lines + 1)) "$PKTS" | grep -q '^REQUEST 0.0.0.0 255.255.255.255 ciaddr=0.0.0.0' && _pass ||
    _fail "boot: no INIT-REBOOT" "$(tail -n +$((lines + 1)) "$PKTS")"
assert_eq 0 "$(tail -n +$((lines + 1)) "$PKTS" | grep -c '^DISCOVER')" "boot: no DISCOVER (the recorded lease verified)"
assert_eq 1 "$(nkeepers c0)" "boot: one keeper"
assert_contains "$(cat "$IPCFG_KEEPER_LOG")" "the lease's address is not on the interface" "boot: the keeper logged why it verified"

# ---- two racing /renews: one keeper -------------------------------------------
kill -9 "$(keepers c0)"
sleep 0.2
ip netns exec "$CLI" "$IPCFG" /renew c0 >/dev/null 2>&1 &
a=$!
ip netns exec "$CLI" "$IPCFG" /renew c0 >/dev/null 2>&1 &
b=$!
wait "$a"; ra=$?
wait "$b"; rb=$?
assert_eq "0 0" "$ra $rb" "two racing /renews both succeed"
sleep 0.3
assert_eq 1 "$(nkeepers c0)" "two racing /renews leave one keeper"

# ---- /release: no keeper, no resolver entry -----------------------------------
run_ipcfg /release c0
assert_exit 0 "/release c0"
assert_eq 0 "$(nkeepers c0)" "no keeper after /release"
assert_eq "" "$(ip netns pids "$CLI" | xargs -r -I{} cat /proc/{}/cmdline 2>/dev/null | tr '\0' '\n' | grep -x -- --keeper)" \
    "no ipcfg process of any kind left in the namespace"
grep -q "^resolvconf -d c0.ipcfg$" "$DHCP_TMP/resolvconf.log" && _pass ||
    _fail "resolvconf -d c0.ipcfg was not run by /release" "$(cat "$DHCP_TMP/resolvconf.log")"

# ---- a keeper started for a released lease (systemd restarting it after a
# /release, or an enabled unit) leaves at once and sends nothing
lines=$(wc -l <"$PKTS")
t0=$(now_ms)
timeout 10 ip netns exec "$CLI" "$IPCFG" --keeper c0 </dev/null >/dev/null 2>&1
rc=$?
assert_eq 0 "$rc" "a keeper for a released lease exits 0 (systemd does not restart it)"
ms=$(($(now_ms) - t0))
((ms <= 3000)) && _pass || _fail "a keeper for a released lease took $ms ms to leave"
assert_eq 0 "$(nkeepers c0)" "no keeper for a released lease"
sleep 0.3
assert_eq "" "$(tail -n +$((lines + 1)) "$PKTS" | grep -v '^ready')" "a keeper for a released lease sent nothing"
assert_contains "$(cat "$IPCFG_KEEPER_LOG")" "the lease was released" "the keeper logged why it left"

# ---- IPCFG_KEEPER=off: a one-shot /renew ----------------------------------------
IPCFG_KEEPER=off run_ipcfg /renew c0
assert_exit 0 "/renew with IPCFG_KEEPER=off"
assert_eq 0 "$(nkeepers c0)" "IPCFG_KEEPER=off: no keeper"
IPCFG_KEEPER=off run_ipcfg /release c0
assert_exit 0 "/release with IPCFG_KEEPER=off"

finish
