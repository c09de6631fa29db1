#!/usr/bin/env bash
# The package's life cycle under a real systemd (sd_lib.sh), by dpkg in
# the container: install (systemd reloaded), upgrade to the same sources
# rebuilt with a higher version (reloaded; the running ipcfg@host0.service,
# started by /renew and not enabled, restarted with the new program, its
# leases kept), the same package installed again with the unit enabled
# (restarted again), remove (the unit stopped, the lease state, the DUID
# and the enabled link kept), purge (/var/lib/ipcfg with the DUID and the
# enabled link gone).
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/sd_lib.sh"
UNIT=ipcfg@host0.service

sd_server
srv ip addr add 2001:db8:77::1/64 dev br0 nodad || fatal "the server's IPv6 address"
dnsmasq_start --dhcp-range=10.77.0.50,10.77.0.60,255.255.255.0,2m --dhcp-range=2001:db8:77::50,2001:db8:77::60,64,2m
sd_boot
sd_link_up host0
reloads() { sd_run journalctl _PID=1 -o cat --no-pager; grep -c '^Reloading' <<<"$OUT"; }
version() { sd_run dpkg-query -W -f='${Version} ${db:Status-Status}' ipcfg; echo "$OUT"; }
v1=$(ls "$SD_DEBS"/ipcfg_*.deb)
v2=$(ls "$SD_DEBS"/upgrade/ipcfg_*.deb)

# ---- install -----------------------------------------------------------------
r0=$(reloads)
sd_install "$v1"
assert_exit 0 "dpkg -i ${v1##*/}"
(($(reloads) > r0)) && _pass || _fail "systemd was not reloaded after the install"
old=$(version)
[[ $old == *" installed" ]] && _pass || _fail "ipcfg is installed" "$old"
sd_run ipcfg /renew host0
assert_exit 0 "/renew host0"
read -r active _ _ pid1 <<<"$(unit_state $UNIT)"
assert_eq active "$active" "$UNIT runs"
addr=$(sd_run ip -j -4 addr show dev host0; jq -r '.[0].addr_info[0].local' <<<"$OUT")
# a DHCPv6 lease too: the host's DUID is made (/var/lib/ipcfg/dhcp6.duid)
sd_run ipcfg /renew6 host0
assert_exit 0 "/renew6 host0"
[[ -s $(sd_file /var/lib/ipcfg/dhcp6.duid) ]] && _pass || _fail "/renew6 made no DUID file"
assert_eq "$pid1" "$(unit_state $UNIT | awk '{ print $4 }')" "the same unit keeps the DHCPv6 lease"
v6addr() { sd_run ip -j -6 addr show dev host0 scope global; jq -r '.[0].addr_info[0].local // ""' <<<"$OUT"; }
addr6=$(v6addr)
[[ $addr6 == 2001:db8:77::* ]] && _pass || _fail "host0 has no DHCPv6 address: '$addr6'"
sd_run systemctl is-enabled $UNIT
assert_eq disabled "${OUT%$'\n'}" "$UNIT started by /renew, not enabled"

# ---- upgrade: reloaded, the running keeper restarted (a unit not enabled) ----
r1=$(reloads)
sd_install "$v2"
assert_exit 0 "dpkg -i ${v2##*/} (upgrade)"
new=$(version)
[[ $new == *-1" installed" && $new != "$old" ]] && _pass || _fail "the higher version is installed" "$old -> $new"
(($(reloads) > r1)) && _pass || _fail "systemd was not reloaded after the upgrade"
read -r active sub result pid2 <<<"$(unit_state $UNIT)"
assert_eq "active running" "$active $sub" "$UNIT runs after the upgrade"
[[ $pid2 != "$pid1" && $pid2 != 0 ]] && _pass || _fail "$UNIT was not restarted by the upgrade (MainPID $pid1 -> $pid2)"
assert_eq "$pid2" "$(sd_keepers host0)" "one keeper, the unit's"
sd_run ip -j -4 addr show dev host0
assert_eq "$addr" "$(jq -r '.[0].addr_info[0].local' <<<"$OUT")" "host0 kept its lease across the upgrade"
assert_eq "$addr6" "$(v6addr)" "host0 kept its DHCPv6 lease across the upgrade"

# ---- the same package again, the unit enabled: restarted again ---------------
sd_run systemctl enable $UNIT
assert_exit 0 "systemctl enable $UNIT"
sd_install "$v2"
assert_exit 0 "dpkg -i ${v2##*/} (again, the unit enabled)"
read -r active sub result pid3 <<<"$(unit_state $UNIT)"
assert_eq "active running" "$active $sub" "the enabled $UNIT runs after the reinstall"
[[ $pid3 != "$pid2" && $pid3 != 0 ]] && _pass || _fail "the enabled $UNIT was not restarted (MainPID $pid2 -> $pid3)"
assert_eq "$pid3" "$(sd_keepers host0)" "one keeper, the unit's, after the reinstall"

# ---- remove: the unit stopped, the state kept ----------------------------------
r2=$(reloads)
sd_run dpkg -r ipcfg
assert_exit 0 "dpkg -r ipcfg"
assert_eq "inactive dead success" "$(unit_state $UNIT | awk '{ print $1, $2, $3 }')" "$UNIT stopped on removal"
assert_eq "" "$(sd_keepers host0)" "no keeper runs after the removal"
(($(reloads) > r2)) && _pass || _fail "systemd was not reloaded after the removal"
[[ ! -e $(sd_file /usr/bin/ipcfg) ]] && _pass || _fail "/usr/bin/ipcfg is still there after the removal"
[[ -f $(sd_file /var/lib/ipcfg/host0.lease) ]] && _pass || _fail "the lease state went with the removal (kept until purge)"
[[ -s $(sd_file /var/lib/ipcfg/dhcp6.duid) ]] && _pass || _fail "the DUID went with the removal (kept until purge)"
[[ -L $(sd_file /etc/systemd/system/multi-user.target.wants/$UNIT) ]] && _pass ||
    _fail "the enabled link went with the removal (kept until purge)"

# ---- purge: the state gone ---------------------------------------------------
sd_run dpkg -P ipcfg
assert_exit 0 "dpkg -P ipcfg"
[[ ! -e $(sd_file /var/lib/ipcfg/dhcp6.duid) ]] && _pass || _fail "the DUID is still there after the purge"
[[ ! -e $(sd_file /var/lib/ipcfg) ]] && _pass || _fail "/var/lib/ipcfg is still there after the purge"
link=$(sd_file /etc/systemd/system/multi-user.target.wants/$UNIT)
[[ ! -L $link && ! -e $link ]] && _pass ||
    _fail "the enabled link is still there after the purge"
sd_run dpkg-query -W -f='${db:Status-Status}' ipcfg
[[ $OUT != installed && $OUT != config-files ]] && _pass || _fail "ipcfg is still known to dpkg: $OUT"
finish
