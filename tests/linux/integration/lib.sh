# Shared helpers of the ipcfg Linux integration tests (sourced, not run).
#
# A test script does:
#     source "$(dirname "$0")/lib.sh" "$@"      # $1 = path of the ipcfg binary
#     ns_new main                                  # creates namespace $NS, removed on exit
#     ...  ip -n "$NS" ... ; run_ipcfg /all ; assert_exit 0 ; assert_line "$OUT" "..."
#     finish
#
# Every namespace (and its /etc/netns/<name> directory) is removed by the EXIT
# trap, on success, failure, error or signal.  Assertions record failures and
# go on; finish exits 1 if any failed.  Nothing here sends traffic anywhere:
# the namespaces hold only veth pairs and bridges the tests create.
#
# SPDX-License-Identifier: MIT

set -uo pipefail

IPCFG=${1:-}
TEST=$(basename "${0%.sh}")
FAILS=0
CHECKS=0
NAMESPACES=()
OUT='' ERR='' RC='' LAST_CMD=''

# ipcfg's lock files (IPCFG_RUN_DIR, /run/ipcfg by default) go to a
# directory of this test's own, root's and 0700 as ipcfg wants it, so that
# no test leaves anything on the host.
IPCFG_TEST_RUN_DIR=$(mktemp -d /tmp/ipcfg-run.XXXXXX) || { echo "$TEST: mktemp failed" >&2; exit 1; }
export IPCFG_RUN_DIR=$IPCFG_TEST_RUN_DIR

_cleanup() {
    local ns
    for ns in "${NAMESPACES[@]}"; do
        # what still runs there (a lease keeper, a server) would keep the
        # namespace alive after its name is gone
        ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
        ip netns del "$ns" 2>/dev/null
        rm -rf "/etc/netns/$ns"
    done
    NAMESPACES=()
    rm -rf "$IPCFG_TEST_RUN_DIR"
}
trap _cleanup EXIT
trap 'echo "$TEST: interrupted" >&2; exit 130' INT TERM HUP

fatal() {
    echo "FATAL [$TEST]: $*" >&2
    exit 1
}

[[ -n $IPCFG ]] || fatal "usage: $0 /path/to/ipcfg"
[[ -x $IPCFG ]] || fatal "ipcfg binary not found or not executable: $IPCFG"
[[ $(id -u) -eq 0 ]] || fatal "these tests need root (they create network namespaces)"
for _t in ip jq setpriv; do command -v "$_t" >/dev/null || fatal "$_t is required"; done
unset _t

# ---- namespaces ----------------------------------------------------------

# ns_new TAG [bare]: creates namespace ipcfg-t-<pid>-<tag>, with lo up (not
# with "bare") and IPv6 DAD off (addresses are usable at once), and sets NS to
# its name.
ns_new() {
    # A run killed with SIGKILL (e.g. a ctest timeout) cannot clean up: remove
    # the namespaces of test processes that no longer exist.
    local old pid
    for old in $(ip netns list 2>/dev/null | awk '$1 ~ /^ipcfg-t-[0-9]+-/ { print $1 }'); do
        pid=${old#ipcfg-t-}
        pid=${pid%%-*}
        if ! kill -0 "$pid" 2>/dev/null; then
            ip netns del "$old" 2>/dev/null
            rm -rf "/etc/netns/$old"
        fi
    done
    NS=ipcfg-t-$$-$1
    ip netns add "$NS" || fatal "cannot create network namespace $NS"
    NAMESPACES+=("$NS")
    if [[ ${2:-} != bare ]]; then
        ip -n "$NS" link set lo up || fatal "cannot bring lo up in $NS"
    fi
    ip netns exec "$NS" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0 ||
        fatal "cannot turn DAD off in $NS"
}

# nsip ARGS...: `ip` inside $NS; aborts the test when the set-up fails.
nsip() {
    ip -n "$NS" "$@" || fatal "set-up failed: ip -n $NS $*"
}

# ns_resolv_conf TEXT: the /etc/resolv.conf that `ip netns exec $NS` shows.
ns_resolv_conf() {
    mkdir -p "/etc/netns/$NS" || fatal "cannot create /etc/netns/$NS"
    printf '%s\n' "$1" >"/etc/netns/$NS/resolv.conf"
}

# ifindex IFNAME: the interface index in $NS.
ifindex() { ip -n "$NS" -j link show dev "$1" | jq -r '.[0].ifindex'; }

# MAC of an interface in ipconfig form: upper case, dash separated.
mac_dashed() {
    ip -n "$NS" -j link show dev "$1" | jq -r '.[0].address' | tr 'a-f:' 'A-F-'
}

# ---- running ipcfg ---------------------------------------------------------

# run_captured LABEL CMD...: runs CMD (an ipcfg command line, however
# entered); sets OUT, ERR (each exactly as written) and RC, and LAST_CMD to
# LABEL.  The output files are writable by anyone (a command run as nobody).
run_captured() {
    local label=$1 o e
    shift
    o=$(mktemp) e=$(mktemp)
    chmod 0666 "$o" "$e"
    "$@" >"$o" 2>"$e"
    RC=$?
    OUT=$(cat "$o"; echo x) OUT=${OUT%x}
    ERR=$(cat "$e"; echo x) ERR=${ERR%x}
    rm -f "$o" "$e"
    LAST_CMD=$label
}

# run_ipcfg ARGS...: runs ipcfg in $NS as root; sets OUT, ERR and RC, and
# RUN_START_MS: the milliseconds `ip netns exec` took before ipcfg started
# (a new mount namespace and sysfs mounted again; a host busy with mounts
# stretches it to seconds), which assert_took does not count as ipcfg's.
run_ipcfg() {
    local stamp t0
    stamp=$(mktemp)
    t0=$(date +%s%N)
    # shellcheck disable=SC2016 # expanded by the inner bash
    run_captured "ipcfg $*" ip netns exec "$NS" bash -c 'date +%s%N >"$0" && exec "$@"' "$stamp" "$IPCFG" "$@"
    RUN_START_MS=$((($(cat "$stamp" 2>/dev/null || echo "$t0") - t0) / 1000000))
    rm -f "$stamp"
}

# run_ipcfg_nobody ARGS...: the same, as user nobody without capabilities.
run_ipcfg_nobody() {
    run_captured "(as nobody) ipcfg $*" ip netns exec "$NS" \
        setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=-all "$IPCFG" "$@"
}

# host_resolver_state: the host's /etc/resolv.conf (its sha256) and whether
# a resolvconf (openresolv) left its files there: a test that lets a real
# resolvconf run compares it before and after.
host_resolver_state() {
    sha256sum /etc/resolv.conf 2>&1
    ls -d /etc/resolv.conf.bak /run/resolvconf 2>&1
}

# keepers IF: the pids of IF's lease keepers in the network namespace $CLI
# (the engine a keeper forks for an exchange, whose command line is its
# keeper's, is not one).  nkeepers IF: how many.
_is_keeper() { [[ $(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null) == *"--keeper $2 "* ]]; }
keepers() {
    local p pp
    for p in $(ip netns pids "$CLI"); do
        _is_keeper "$p" "$1" || continue
        pp=$(awk '$1 == "PPid:" { print $2 }' "/proc/$p/status" 2>/dev/null)
        # gone since its command line was read (a keeper's engine or
        # resolvconf child ending): no keeper
        [[ -n $pp ]] || continue
        _is_keeper "$pp" "$1" && continue
        echo "$p"
    done
}
nkeepers() { keepers "$1" | grep -c .; }

# ---- assertions: assert.sh ------------------------------------------------

# shellcheck source=assert.sh
source "$(dirname "${BASH_SOURCE[0]}")/assert.sh"

# assert_took MS BOUND_MS WHAT: a run that the test timed (MS, from before
# `ip netns exec` to its end) kept a bound ipcfg promises (BOUND_MS: a
# timeout and the second docs/contract.md allows past it), with a margin for the
# start: `ip netns exec` (a new mount namespace, sysfs mounted again) and
# the process's own start, which a busy machine stretches
# (bench/integration-load.sh: a 2 s timeout took 3.04 s beside stress-ng
# --cpu 4 --io 2 --fork 2 --switch 2).
START_MARGIN_MS=1000
# The last run_ipcfg's RUN_START_MS is taken off: what ipcfg promises
# starts when ipcfg does.
assert_took() {
    local own=$(($1 - ${RUN_START_MS:-0}))
    if ((own <= $2 + START_MARGIN_MS)); then _pass; else
        _fail "$3: took $own ms (at most $2 ms, and $START_MARGIN_MS ms to start; ${RUN_START_MS:-0} ms more before ipcfg started)"
    fi
}

# ---- the text layout of the contract ---------------------------------------

# The label column of every field line, exactly as docs/contract.md lists it (the
# text before the colon at column 37).
CONTRACT_LABELS=(
    "   Host Name . . . . . . . . . . . . "
    "   Primary Dns Suffix  . . . . . . . "
    "   Node Type . . . . . . . . . . . . "
    "   IP Routing Enabled. . . . . . . . "
    "   WINS Proxy Enabled. . . . . . . . "
    "   DNS Suffix Search List. . . . . . "
    "   Media State . . . . . . . . . . . "
    "   Connection-specific DNS Suffix  . "
    "   Description . . . . . . . . . . . "
    "   Physical Address. . . . . . . . . "
    "   DHCP Enabled. . . . . . . . . . . "
    "   Autoconfiguration Enabled . . . . "
    "   Link-local IPv6 Address . . . . . "
    "   IPv6 Address. . . . . . . . . . . "
    "   IPv4 Address. . . . . . . . . . . "
    "   Subnet Mask . . . . . . . . . . . "
    "   Lease Obtained. . . . . . . . . . "
    "   Lease Expires . . . . . . . . . . "
    "   Default Gateway . . . . . . . . . "
    "   DHCP Server . . . . . . . . . . . "
    "   DNS Servers . . . . . . . . . . . "
    "   NetBIOS over Tcpip. . . . . . . . "
    "   Temporary IPv6 Address. . . . . . "
    "   Autoconfiguration IPv4 Address. . "
    "   DHCPv6 IAID . . . . . . . . . . . "
    "   DHCPv6 Client DUID. . . . . . . . "
    "   Primary WINS Server . . . . . . . "
    "   Secondary WINS Server . . . . . . "
)
for _l in "${CONTRACT_LABELS[@]}"; do
    [[ ${#_l} -eq 37 ]] || fatal "lib.sh: contract label '$_l' is ${#_l} characters, not 37"
done
unset _l

# field LABEL VALUE: the exact line the contract gives for a field
# ("Subnet Mask" "255.255.255.0" -> "   Subnet Mask . . . ... : 255.255.255.0").
field() {
    local l
    for l in "${CONTRACT_LABELS[@]}"; do
        if [[ $l == "   $1"[\ .]* ]]; then
            printf '%s: %s' "$l" "$2"
            return
        fi
    done
    fatal "lib.sh: '$1' is not a label of the contract"
}

# cont VALUE: a continuation line (value at column 39).
cont() { printf '%39s%s' "" "$1"; }

# assert_layout TEXT WHAT: every line of a text listing is one of: empty, the
# title, an adapter heading "<Type> adapter <Name>:", a field line whose label
# is a contract label with the colon at column 37 (0-based) and the value at
# column 39, or a continuation line with the value at column 39.
assert_layout() {
    local text=$1 what=$2 line n=0 bad=() l ok col
    while IFS= read -r line; do
        n=$((n + 1))
        [[ -z $line ]] && continue
        [[ $line == "Linux IP Configuration" ]] && continue
        if [[ $line =~ ^(Ethernet|Wireless\ LAN|Tunnel|PPP|Unknown)\ adapter\ .+:$ ]]; then continue; fi
        # ipconfig's one label longer than the column: its values follow on
        # continuation lines
        [[ $line == "   Connection-specific DNS Suffix Search List :" ]] && continue
        if [[ $line == "   "[^\ ]* ]]; then
            ok=0
            for l in "${CONTRACT_LABELS[@]}"; do
                if [[ ${line:0:37} == "$l" ]]; then ok=1; break; fi
            done
            col=${line:37:2}
            if [[ $ok -eq 1 && ( $col == ": " || $line == "${l}:" ) && ${line:39:1} != " " ]]; then
                continue
            fi
            bad+=("line $n (label/colon/value column): '$line'")
            continue
        fi
        if [[ ${line:0:39} == "$(cont '')" && ${line:39:1} != " " && -n ${line:39:1} ]]; then continue; fi
        bad+=("line $n (not title, heading, field or continuation): '$line'")
    done <<<"$text"
    if [[ ${#bad[@]} -eq 0 ]]; then _pass; else _fail "$what: layout" "${bad[@]}"; fi
}

# adapter_block TEXT HEADING: the lines after the heading line up to the next
# heading (or the end), with leading and trailing empty lines removed.
adapter_block() {
    awk -v h="$2" '
        $0 == h { on = 1; next }
        on && /^(Ethernet|Wireless LAN|Tunnel|PPP|Unknown) adapter .*:$/ { exit }
        on { lines[n++] = $0 }
        END {
            s = 0; while (s < n && lines[s] == "") s++
            e = n - 1; while (e >= s && lines[e] == "") e--
            for (i = s; i <= e; i++) print lines[i]
        }' <<<"$1"
}

# headings TEXT: the adapter heading lines, in order.
headings() {
    grep -E '^(Ethernet|Wireless LAN|Tunnel|PPP|Unknown) adapter .*:$' <<<"$1"
}

# finish: prints the tally; exit status 1 if any assertion failed.
finish() {
    if [[ $FAILS -eq 0 ]]; then
        echo "PASS [$TEST]: $CHECKS checks"
        exit 0
    fi
    echo "FAILED [$TEST]: $FAILS of $CHECKS checks failed" >&2
    exit 1
}
