#!/usr/bin/env bash
# The lease keeper's unit under a real systemd (PID 1 of a container
# without udev, sd_lib.sh), with the package installed by dpkg -i:
# `ipcfg /renew host0` starts ipcfg@host0.service (active, its log in the
# journal, well under 2 s); the keeper renews the lease under the unit
# (T1 4 s); `/all /json` says "keeper": "systemd"; a keeper killed with
# SIGKILL is restarted by systemd; `/release` leaves the unit inactive,
# not failed; an enabled unit takes the lease up again after a reboot
# (PID 1 killed, booted again over the same root with a new host0, no
# ipcfg command run), also when host0 appears only after the boot (the
# unit waits for it).
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/sd_lib.sh"
UNIT=ipcfg@host0.service

sd_server
dnsmasq_start --dhcp-range=10.77.0.50,10.77.0.60,255.255.255.0,2m --dhcp-option=option:T1,4 \
    --dhcp-option=option:T2,100 --dhcp-option=option:dns-server,10.77.0.1 --dhcp-option=option:domain-name,example.test
sd_boot
deb=$(ls "$SD_DEBS"/ipcfg_*.deb)
sd_install "$deb"
assert_exit 0 "dpkg -i ${deb##*/}"
sd_link_up host0

# ---- /renew starts the unit --------------------------------------------------
t0=$(now_ms)
sd_run ipcfg /renew host0
ms=$(($(now_ms) - t0))
assert_exit 0 "/renew host0"
assert_eq "" "$ERR" "/renew host0 says nothing on stderr (no fallback to a detached keeper, no resolv.conf note)"
((ms < 2000)) && _pass || _fail "/renew host0 took $ms ms (at most 2000 under systemd)"
echo "$TEST: /renew host0 under systemd: $ms ms"
assert_contains "$OUT" "IPv4 Address. . . . . . . . . . . : 10.77.0." "/renew host0 shows the lease"
read -r active sub result pid <<<"$(unit_state $UNIT)"
assert_eq "active running success" "$active $sub $result" "$UNIT is active"
assert_eq "$pid" "$(sd_keepers host0)" "its main process is the keeper, the only one"
sd_run journalctl -u $UNIT -o cat --no-pager
assert_contains "$OUT" "host0: keeping the lease (process $pid)" "the keeper's log is in the journal of $UNIT"
sd_run ipcfg /all /json
assert_eq "true systemd" "$(jq -r '.adapters[] | select(.name == "host0") | "\(.lease.kept) \(.lease.keeper)"' <<<"$OUT")" \
    "/all /json: kept by systemd"
sd_run setpriv --reuid=nobody --regid=nogroup --clear-groups ipcfg /all /json
assert_eq "true systemd" "$(jq -r '.adapters[] | select(.name == "host0") | "\(.lease.kept) \(.lease.keeper)"' <<<"$OUT")" \
    "/all /json as nobody: kept by systemd (the status socket)"

# ---- the keeper renews under the unit ----------------------------------------
addr=$(sd_run ip -j -4 addr show dev host0; jq -r '.[0].addr_info[0].local' <<<"$OUT")
renewals() { grep -c "DHCPACK(br0) $addr" "$SD_TMP/dnsmasq.log"; }
before=$(renewals)
wait_for 15 bash -c "(( \$(grep -c 'DHCPACK(br0) $addr' '$SD_TMP/dnsmasq.log') >= $before + 2 ))" && _pass ||
    _fail "the keeper did not renew twice in 15 s (T1 4 s)" "$(grep DHCP "$SD_TMP/dnsmasq.log" | tail -8)"
sd_run journalctl -u $UNIT -o cat --no-pager
(($(grep -c "lease $addr/24 for 120 s, renewal in 4 s" <<<"$OUT") >= 2)) && _pass ||
    _fail "the journal shows the renewals" "$OUT"
assert_eq "active running $pid" "$(unit_state $UNIT | awk '{ print $1, $2, $4 }')" "the same keeper still runs the unit"

# ---- a killed keeper is restarted by systemd (Restart=on-failure) --------------
sd_run sh -c "kill -9 $pid"
assert_exit 0 "the keeper killed (SIGKILL)"
restarted() { read -r a _ _ p <<<"$(unit_state $UNIT)"; [[ $a == active && $p != "$pid" && $p != 0 ]]; }
wait_for 15 restarted && _pass || _fail "$UNIT was not restarted after its keeper was killed" "$(unit_state $UNIT)"
sd_run systemctl show -p NRestarts --value $UNIT
assert_eq 1 "${OUT%$'\n'}" "restarted once"
sd_run ip -j -4 addr show dev host0
assert_eq "$addr" "$(jq -r '.[0].addr_info[0].local' <<<"$OUT")" "host0 keeps its lease"

# ---- /release stops the unit: inactive, not failed ---------------------------
sd_run ipcfg /release host0
assert_exit 0 "/release host0"
assert_eq "inactive dead success 0" "$(unit_state $UNIT)" "$UNIT is inactive after /release, not failed"
assert_eq "" "$(sd_keepers host0)" "no keeper process is left"

# ---- enabled, it takes the lease up again after a reboot ----------------------
sd_run ipcfg /renew host0
assert_exit 0 "/renew host0 again"
addr=$(sd_run ip -j -4 addr show dev host0; jq -r '.[0].addr_info[0].local' <<<"$OUT")
sd_run systemctl enable $UNIT
assert_exit 0 "systemctl enable $UNIT"
sd_reboot
assert_eq "active running" "$(unit_state $UNIT | awk '{ print $1, $2 }')" "after the reboot $UNIT runs (enabled)"
gotit() { sd_run ip -j -4 addr show dev host0; [[ $(jq -r '.[0].addr_info[0].local' <<<"$OUT") == "$addr" ]]; }
wait_for 10 gotit && _pass || _fail "host0 did not take its lease $addr up again" "$OUT"
sd_run journalctl -b -u $UNIT -o cat --no-pager
assert_contains "$OUT" "the lease's address is not on the interface: the lease is verified" "the boot's keeper verified the lease"
sd_run ipcfg /all /json
assert_eq "$addr true systemd" \
    "$(jq -r '.adapters[] | select(.name == "host0") | "\(.ipv4[0].address) \(.lease.kept) \(.lease.keeper)"' <<<"$OUT")" \
    "/all /json after the reboot"

# ---- enabled, host0 appears only after the boot: the unit waits for it --------
SD_LATE_HOST0=1 sd_reboot
assert_eq "active running" "$(unit_state $UNIT | awk '{ print $1, $2 }')" "host0 not there: $UNIT runs (waiting)"
sd_run systemctl show -p StatusText --value $UNIT
assert_eq "host0: waiting for the interface to appear" "${OUT%$'\n'}" "its status: waiting for host0"
sleep 2
sd_add_host0
wait_for 15 gotit && _pass || _fail "host0, added after the boot, did not take its lease $addr up again" "$OUT"
sd_run journalctl -b -u $UNIT -o cat --no-pager
assert_contains "$OUT" "the interface appeared" "the keeper saw host0 appear"
sd_run ipcfg /release host0
assert_exit 0 "/release host0 after the reboot"
assert_eq "inactive dead success" "$(unit_state $UNIT | awk '{ print $1, $2, $3 }')" "$UNIT inactive after /release"
finish
