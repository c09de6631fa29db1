#!/usr/bin/env bash
# The package's life cycle under a real systemd (sd_lib.sh), by dpkg in
# the container: install (systemd reloaded), upgrade to the same sources
# rebuilt with a higher version (reloaded; the running ipcfg@host0.service
# restarted with the new program, its lease kept), remove (the unit
# stopped, the lease state and the enabled link kept), purge (/var/lib/ipcfg
# and the enabled link gone).
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/sd_lib.sh"
UNIT=ipcfg@host0.service

sd_server
dnsmasq_start --dhcp-range=10.77.0.50,10.77.0.60,255.255.255.0,2m
sd_boot
sd_run ip link set host0 up
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
sd_run systemctl enable $UNIT
assert_exit 0 "systemctl enable $UNIT"

# ---- upgrade: reloaded, the running keeper restarted -------------------------
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

# ---- remove: the unit stopped, the state kept ----------------------------------
r2=$(reloads)
sd_run dpkg -r ipcfg
assert_exit 0 "dpkg -r ipcfg"
assert_eq "inactive dead success" "$(unit_state $UNIT | awk '{ print $1, $2, $3 }')" "$UNIT stopped on removal"
assert_eq "" "$(sd_keepers host0)" "no keeper runs after the removal"
(($(reloads) > r2)) && _pass || _fail "systemd was not reloaded after the removal"
[[ ! -e $(sd_file /usr/bin/ipcfg) ]] && _pass || _fail "/usr/bin/ipcfg is still there after the removal"
[[ -f $(sd_file /var/lib/ipcfg/host0.lease) ]] && _pass || _fail "the lease state went with the removal (kept until purge)"
[[ -L $(sd_file /etc/systemd/system/multi-user.target.wants/$UNIT) ]] && _pass ||
    _fail "the enabled link went with the removal (kept until purge)"

# ---- purge: the state gone ---------------------------------------------------
sd_run dpkg -P ipcfg
assert_exit 0 "dpkg -P ipcfg"
[[ ! -e $(sd_file /var/lib/ipcfg) ]] && _pass || _fail "/var/lib/ipcfg is still there after the purge"
link=$(sd_file /etc/systemd/system/multi-user.target.wants/$UNIT)
[[ ! -L $link && ! -e $link ]] && _pass ||
    _fail "the enabled link is still there after the purge"
sd_run dpkg-query -W -f='${db:Status-Status}' ipcfg
[[ $OUT != installed && $OUT != config-files ]] && _pass || _fail "ipcfg is still known to dpkg: $OUT"
finish
