#!/usr/bin/env bash
# Interface names ipcfg's lease file cannot hold: the kernel allows control
# bytes in a name (rv\x01q).  /renew refuses it before anything is sent or
# changed (exit 3, one line, the name shown as \xHH); no lease file, no
# address, /release says it is not DHCP-enabled.  A lease file ignored by
# /renew is said in one line through the core, escaped like every output
# byte (a state directory path with an ESC in it).
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"

dhcp_net
bad=$'rv\x01q'
ip link add "$bad" netns "$CLI" type veth peer name s1 netns "$SRV" || fatal "cannot create $bad"
ip -n "$CLI" link set "$bad" up && ip -n "$SRV" link set s1 up || fatal "up"
ip -n "$SRV" addr add 10.77.1.1/24 dev s1 || fatal "addr s1"
dnsmasq_start srv "$SRV" s0 --interface=s1 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600 \
    --dhcp-range=10.77.1.50,10.77.1.59,255.255.255.0,600
sniff_start s1 "$SRV" s1
PKTS=$DHCP_TMP/s1.pkts

# ---- /renew of a name with a control byte: refused, nothing sent ------------
run_ipcfg /renew "$bad" /timeout:3
assert_exit 3 "/renew rv\\x01q: refused"
assert_one_line "$ERR" "/renew rv\\x01q: one line"
assert_contains "$ERR" 'rv\x01q' "the name shown escaped"
assert_contains "$ERR" "lease file cannot record" "says why"
assert_not_contains "$ERR" $'\x01' "no raw control byte on stderr"
sleep 0.2
assert_eq "ready" "$(cat "$PKTS")" "nothing was sent on s1"
assert_eq "" "$(v4_addrs "$CLI" "$bad")" "no address on rv\\x01q"
assert_eq "" "$(ls -A "$IPCFG_STATE_DIR")" "no lease file written"
run_ipcfg /all
assert_exit 0 "/all"
blk=$(adapter_block "$OUT" 'Ethernet adapter rv\\x01q:') # awk -v reads \\ as \
assert_line "$blk" "$(field "DHCP Enabled" "No")" "/all: rv\\x01q is not DHCP-enabled"
run_ipcfg /release "$bad"
assert_exit 2 "/release rv\\x01q: not DHCP-enabled"
run_ipcfg /renew c0 /timeout:5
assert_exit 0 "/renew c0 beside it"
run_ipcfg /renew /timeout:5
assert_exit 0 "/renew (all): c0 renewed, rv\\x01q skipped"
[[ -n $(v4_addrs "$CLI" c0) ]] && _pass || _fail "c0 got an address"
assert_eq "" "$(v4_addrs "$CLI" "$bad")" "still no address on rv\\x01q"

# ---- a lease file ignored: said once, through the core, escaped -------------
esc_dir=$DHCP_TMP/$'st\e[2J'
mkdir -m 0755 "$esc_dir" && printf '\x00\xff garbage\n' >"$esc_dir/c0.lease"
IPCFG_STATE_DIR=$esc_dir run_ipcfg /renew c0 /timeout:5
assert_exit 0 "/renew c0 with a garbage lease file"
assert_one_line "$ERR" "one line on stderr"
assert_contains "$ERR" 'st\x1b[2J/c0.lease' "the path shown escaped"
assert_not_contains "$ERR" $'\e' "no raw ESC on stderr"
assert_contains "$(cat "$esc_dir/c0.lease")" "state bound" "the file replaced by a good record"
IPCFG_STATE_DIR=$esc_dir run_ipcfg /renew c0 /timeout:5 /json
assert_exit 0 "/renew c0 /json"
assert_eq "" "$ERR" "/json: a good file, no note"

finish
