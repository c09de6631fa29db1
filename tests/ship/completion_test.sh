#!/usr/bin/env bash
# The bash completion (completions/ipcfg): sources it and checks the
# candidates (COMPREPLY) for command lines given as COMP_WORDS / COMP_CWORD.
#   completion_test.sh switches   verbs and options in the /, - and -- styles
#   completion_test.sh context    what follows a verb, options not repeated
#   completion_test.sh netns      adapter names and addresses of the live
#                                 system, in a network namespace of its own
#                                 (root; removed on exit)
# Environment: IPCFG_SOURCE_DIR (default: this checkout), IPCFG_TMP.
set -u  # no pipefail: "cmd | grep -q" must not fail when grep stops reading early

case_name=${1:?case}
src=${IPCFG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
comp=${IPCFG_COMPLETION:-$src/completions/ipcfg}
fails=0
fail() { echo "FAIL [completion_$case_name]: $*" >&2; fails=$((fails + 1)); }

# cands WORD... : the candidates for completing the last word, one line,
# sorted, in a fresh bash that sources the completion file
cands() {
    bash -c '
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        _ipcfg
        printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " " | sed "s/ $//"' _ "$comp" "$@"
}
# expect "WANT" WORD... : the candidates are exactly WANT (sorted, space-separated)
expect() {
    local want=$1 got
    shift
    want=$(tr ' ' '\n' <<<"$want" | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//')
    got=$(cands "$@")
    if [ "$got" = "$want" ]; then
        echo "ok: [$*] -> $got"
    else
        fail "[$*]: got '$got', want '$want'"
    fi
}

[ -f "$comp" ] || { echo "FAIL: $comp missing" >&2; exit 1; }
bash -n "$comp" || fail "syntax error in $comp"
bash -c 'source "$1"; complete -p ipcfg' _ "$comp" | grep -qx 'complete -F _ipcfg ipcfg' ||
    fail "sourcing does not register the completion"

case $case_name in
switches)
    all="all release renew addrtable add delete release6 renew6 flushdns displaydns registerdns showclassid setclassid version help json"
    expect "$(for s in $all '?'; do printf '/%s ' "$s"; done)" ipcfg ""
    expect "$(for s in $all '?'; do printf '/%s ' "$s"; done)" ipcfg /
    expect "$(for s in $all '?' h; do printf -- '-%s ' "$s"; done)" ipcfg -
    expect "$(for s in $all; do printf -- '--%s ' "$s"; done)" ipcfg --
    expect "/release /renew /release6 /renew6 /registerdns" ipcfg /re
    expect "-release -renew -release6 -renew6 -registerdns" ipcfg -re
    expect "--release --renew --release6 --renew6 --registerdns" ipcfg --re
    expect "/showclassid /setclassid" ipcfg /s
    expect "/addrtable /add /all" ipcfg /a
    expect "--addrtable --add" ipcfg --add
    expect "/all" ipcfg /AL
    expect "--json" ipcfg --j
    expect "/flushdns" ipcfg /f
    expect "-delete -displaydns" ipcfg -D
    expect "-displaydns" ipcfg -DI
    expect "--flushdns" ipcfg --FLUSH
    expect "/version" ipcfg /v
    expect "" ipcfg /x
    ;;
context)
    # one verb only: after it, the options
    expect "/json" ipcfg /all /
    expect "/json" ipcfg /flushdns /
    expect "" ipcfg /displaydns /json ""
    expect "" ipcfg /flushdns x
    expect "--json" ipcfg /addrtable --
    expect "" ipcfg /all /json /
    expect "/json /timeout: /hostname:" ipcfg /renew eth0 /
    expect "/json /timeout: /hostname:" ipcfg /registerdns /
    expect "/json" ipcfg /showclassid eth0 /
    expect "-json -timeout:" ipcfg /release eth0 -
    expect "--timeout:" ipcfg /renew --t
    expect "/json" ipcfg /renew /timeout : 5 /j
    # "/timeout:" takes its number right after the colon: nothing offered
    expect "" ipcfg /renew /timeout :
    expect "" ipcfg /renew /timeout : ""
    # masks after /add ADAPTER ADDRESS; nothing for the address itself
    expect "" ipcfg /add eth0 ""
    expect "255.255.255.0 255.255.255.255" ipcfg /add eth0 192.0.2.1 255.255.255.
    expect "255.255.0.0" ipcfg /add eth0 192.0.2.1 255.255.0
    # json may come first
    expect "/release /release6" ipcfg /json /rel
    ;;
netns)
    if [ "$(id -u)" -ne 0 ]; then
        echo "FAIL [completion_netns]: needs root (network namespaces)" >&2
        exit 1
    fi
    ns=ipcfgship$$
    cleanup() { ip netns del "$ns" 2>/dev/null; }
    trap cleanup EXIT
    ip netns add "$ns" || { echo "FAIL: ip netns add" >&2; exit 1; }
    in_ns() { ip netns exec "$ns" "$@"; }
    in_ns ip link set lo up
    in_ns ip link add shipeth0 type veth peer name shipeth1 || fail "veth"
    in_ns ip link add shipbr0 type bridge || fail "bridge"
    in_ns ip addr add 192.0.2.10/24 dev shipeth0
    in_ns ip addr add 198.51.100.7/32 dev shipbr0
    in_ns ip link set shipeth0 up
    # the functions run inside the namespace, as an admin's shell would
    cands_ns() {
        in_ns bash -c '
            source "$1"; shift
            COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
            _ipcfg
            printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " " | sed "s/ $//"' _ "$comp" "$@"
    }
    expect_ns() {
        local want=$1 got
        shift
        got=$(cands_ns "$@")
        if [ "$got" = "$want" ]; then echo "ok (netns): [$*] -> $got"; else fail "(netns) [$*]: got '$got', want '$want'"; fi
    }
    # adapters: every interface of the namespace (not lo for release/renew, release6/renew6)
    expect_ns "shipbr0 shipeth0 shipeth1" ipcfg /release ""
    expect_ns "shipbr0 shipeth0 shipeth1" ipcfg --renew ""
    expect_ns "shipeth0 shipeth1" ipcfg /renew shipe
    expect_ns "shipbr0 shipeth0 shipeth1" ipcfg /renew6 ""
    expect_ns "shipeth0 shipeth1" ipcfg /release6 shipe
    expect_ns "lo shipbr0 shipeth0 shipeth1" ipcfg -add ""
    expect_ns "shipbr0" ipcfg /add shipb
    # once the adapter is given: the options
    expect_ns "/json /timeout:" ipcfg /release shipeth0 ""
    # addresses: the namespace's IPv4 addresses, not loopback
    expect_ns "192.0.2.10 198.51.100.7" ipcfg /delete ""
    expect_ns "198.51.100.7" ipcfg /delete 198
    expect_ns "/json" ipcfg /delete 192.0.2.10 ""
    # and the host's own adapters are not offered there
    host_if=$(awk -F: 'NR > 2 { gsub(/ /, "", $1); if ($1 != "lo") { print $1; exit } }' /proc/net/dev)
    if [ -n "$host_if" ]; then
        cands_ns ipcfg /release "" | tr ' ' '\n' | grep -qx "$host_if" && fail "host interface $host_if offered in the namespace"
    fi
    # the same from the host: its own interfaces
    if [ -n "$host_if" ]; then
        cands ipcfg /release "" | tr ' ' '\n' | grep -qx "$host_if" || fail "host interface $host_if not offered on the host"
        cands ipcfg /release "" | tr ' ' '\n' | grep -qx shipeth0 && fail "namespace interface offered on the host"
    fi
    ;;
*)
    echo "unknown case $case_name" >&2
    exit 2
    ;;
esac

if [ "$fails" -ne 0 ]; then
    exit 1
fi
echo "ok [completion_$case_name]"
