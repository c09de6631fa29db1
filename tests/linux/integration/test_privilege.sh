#!/usr/bin/env bash
# ipcfg without privilege, in a throw-away network namespace: /add and
# /delete run as user nobody with no capabilities (setpriv) answer exit 4 with
# the contract's line and change nothing; the listings still work (exit 0) and
# show what root sees.  Privilege is decided before the arguments are
# resolved (docs/contract.md): every change is 4 whatever it names (an address
# that is not there, one on two interfaces, a guarded primary, an interface
# that does not exist).  Inside a user namespace (unshare -Ur) capget
# reports every capability, yet the kernel refuses changes to a network
# namespace that user namespace does not own: ipcfg answers 4 there too.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"

ns_new priv
nsip link add v0 type veth peer name v0p
for i in v0 v0p; do nsip link set "$i" up; done
nsip link add v1 type veth peer name v1p
for i in v1 v1p; do nsip link set "$i" up; done
nsip addr add 10.20.0.1/24 dev v0
# held on two interfaces; a primary guarded by its secondary
nsip addr add 10.30.0.7/24 dev v0
nsip addr add 10.30.0.7/24 dev v1
nsip addr add 10.40.0.1/24 dev v1
nsip addr add 10.40.0.2/24 dev v1
ip netns exec "$NS" sysctl -qw net.ipv4.conf.all.promote_secondaries=0 net.ipv4.conf.v1.promote_secondaries=0 ||
    fatal "set-up: promote_secondaries"

all_v4() { ip -n "$NS" -j -4 addr show | jq -r '.[] | .ifname as $n | .addr_info[] | "\($n) \(.local)/\(.prefixlen)"' | sort; }
before=$(all_v4)
# docs/contract.md gives this line for Windows; on Linux the backend may say which
# privilege is missing, so the line must start with it (without the full stop).
ELEVATION="The requested operation requires elevation"

# The unprivileged runner really is unprivileged: ip itself is refused.
if ip netns exec "$NS" setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all \
    ip addr add 10.20.0.99/24 dev v0 2>/dev/null; then
    fatal "set-up: setpriv did not drop privilege (ip addr add succeeded as nobody)"
fi

run_ipcfg_nobody /add v0 10.20.0.5 24
assert_exit 4 "/add as nobody"
assert_one_line "$ERR" "/add as nobody: one line on stderr"
assert_prefix "$ERR" "$ELEVATION" "/add as nobody: the contract's line on stderr"
assert_eq "" "$OUT" "/add as nobody: nothing on stdout"
assert_eq "$before" "$(all_v4)" "/add as nobody: nothing changed"

run_ipcfg_nobody /delete 10.20.0.1
assert_exit 4 "/delete as nobody"
assert_one_line "$ERR" "/delete as nobody: one line on stderr"
assert_prefix "$ERR" "$ELEVATION" "/delete as nobody: the contract's line on stderr"
assert_eq "$before" "$(all_v4)" "/delete as nobody: nothing changed"

run_ipcfg_nobody /add v0 10.20.0.5 24 /json
assert_exit 4 "/add /json as nobody"
assert_json "$OUT" '[.exit_code, .error.reason]' '[4,"access_denied"]' "/add /json as nobody"

# Whatever the arguments name, 4 first.
for args in "/delete 10.99.0.1" "/delete 10.30.0.7" "/delete 10.40.0.1" "/add nosuch 10.20.0.5 24" \
    "/add v0 10.20.0.1 24" "/renew nosuch" "/release nosuch" "/renew v0" "/release" "/delete 12"; do
    # shellcheck disable=SC2086
    run_ipcfg_nobody $args
    assert_exit 4 "ipcfg $args as nobody"
    assert_prefix "$ERR" "$ELEVATION" "ipcfg $args as nobody: the contract's line"
done
assert_eq "$before" "$(all_v4)" "changes as nobody: nothing changed"

# run_ipcfg_userns ARGS...: ipcfg in $NS as root of a new user namespace
# (unshare -Ur), which does not own $NS.
run_ipcfg_userns() {
    local o e
    o=$(mktemp) e=$(mktemp)
    ip netns exec "$NS" unshare -Ur "$IPCFG" "$@" >"$o" 2>"$e"
    RC=$?
    OUT=$(cat "$o"; echo x) OUT=${OUT%x}
    ERR=$(cat "$e"; echo x) ERR=${ERR%x}
    rm -f "$o" "$e"
    LAST_CMD="(unshare -Ur) ipcfg $*"
}
# The set-up: inside it capget says CAP_NET_ADMIN, the kernel says no.
caps=$(ip netns exec "$NS" unshare -Ur grep '^CapEff' /proc/self/status | awk '{ print $2 }')
[[ $(( 0x$caps >> 12 & 1 )) -eq 1 ]] || fatal "set-up: no CAP_NET_ADMIN in the user namespace (CapEff $caps)"
if ip netns exec "$NS" unshare -Ur ip addr add 10.20.0.98/24 dev v0 2>/dev/null; then
    fatal "set-up: the kernel accepted a change from a user namespace that does not own the network namespace"
fi
for args in "/add v0 10.20.0.1 24" "/add v0 10.20.0.5 24" "/delete 10.20.0.1" "/delete 10.99.0.1" \
    "/delete 10.30.0.7" "/delete 10.40.0.1" "/renew v0" "/renew nosuch" "/release" "/add v0 10.20.0.5 24 /json"; do
    # shellcheck disable=SC2086
    run_ipcfg_userns $args
    assert_exit 4 "ipcfg $args in a user namespace"
    assert_prefix "$ERR" "$ELEVATION" "ipcfg $args in a user namespace: the contract's line"
done
assert_json "$OUT" '[.exit_code, .error.reason]' '[4,"access_denied"]' "/add /json in a user namespace"
assert_eq "$before" "$(all_v4)" "changes in a user namespace: nothing changed"
# and the listing there still works
run_ipcfg_userns /all
assert_exit 0 "/all in a user namespace"

# Listing needs no privilege and shows the same as for root.
for args in "" "/all" "/addrtable" "/all /json"; do
    # shellcheck disable=SC2086
    run_ipcfg $args
    assert_exit 0 "ipcfg $args as root"
    root_out=$OUT
    # shellcheck disable=SC2086
    run_ipcfg_nobody $args
    assert_exit 0 "ipcfg $args as nobody"
    assert_eq "" "$ERR" "ipcfg $args as nobody: stderr"
    assert_eq "$root_out" "$OUT" "ipcfg $args: nobody sees what root sees"
done
assert_contains "$OUT" '"10.20.0.1"' "/all /json as nobody shows v0's address"

finish
