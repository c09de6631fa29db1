#!/usr/bin/env bash
# ipcfg without privilege, in a throw-away network namespace: /add and
# /delete run as user nobody with no capabilities (setpriv) answer exit 4 with
# the contract's line and change nothing; the listings still work (exit 0) and
# show what root sees.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"

ns_new priv
nsip link add v0 type veth peer name v0p
for i in v0 v0p; do nsip link set "$i" up; done
nsip addr add 10.20.0.1/24 dev v0

all_v4() { ip -n "$NS" -j -4 addr show | jq -r '.[] | .ifname as $n | .addr_info[] | "\($n) \(.local)/\(.prefixlen)"' | sort; }
before=$(all_v4)
# PRODUCT.md gives this line for Windows; on Linux the backend may say which
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
