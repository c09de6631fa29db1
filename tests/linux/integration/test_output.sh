#!/usr/bin/env bash
# Output that cannot be written (docs/contract.md, "Output"; docs/exit-codes.md):
# stdout on /dev/full or closed is one line on stderr and exit 3 for every
# verb (listings, /json, /addrtable, /version, /?, usage, a successful /add,
# whose change stays made); a reader that goes away ends the run quietly by
# SIGPIPE (141).  Closed fd 0, 1, 2 at start-up: /dev/null takes them before
# the rtnetlink socket is opened, so nothing is written into the socket
# (checked with strace), and the lost output is exit 3.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
command -v strace >/dev/null || fatal "strace is required (scripts/install-deps.sh test)"

ns_new out
nsip link add o0 type veth peer name o0p
for i in o0 o0p; do nsip link set "$i" up; done
nsip addr add 10.61.0.1/24 dev o0

# run_redir REDIR ARGS...: runs ipcfg in $NS with stdout redirected as REDIR
# says ("full": /dev/full, "closed": >&-), stderr captured; sets ERR, RC.
run_redir() {
    local how=$1 e
    shift
    e=$(mktemp)
    case $how in
    full) ip netns exec "$NS" "$IPCFG" "$@" >/dev/full 2>"$e" ;;
    closed) ip netns exec "$NS" "$IPCFG" "$@" 2>"$e" >&- ;;
    esac
    RC=$?
    ERR=$(cat "$e")
    rm -f "$e"
    OUT=''
    LAST_CMD="ipcfg $* (stdout $how)"
}

for how in full closed; do
    case $how in
    full) why='No space left on device' ;;
    closed) why='Bad file descriptor' ;;
    esac
    for args in "" "/all" "/all /json" "/json" "/addrtable" "/addrtable /json" "/version" "/version /json" "/?" \
        "/renew6 /json"; do
        # shellcheck disable=SC2086  # word splitting of args is intended
        run_redir "$how" $args
        assert_exit 3 "lost output of '$args'"
        case $args in
        /renew6*) assert_line "$ERR" "Error: the output could not be written: $why." "/renew6: the lost-output line" ;;
        *) assert_eq "Error: the output could not be written: $why." "$ERR" "lost output: one line on stderr" ;;
        esac
    done
done

# A usage error writes nothing on stdout: its exit code stays 1; with /json
# its document is lost: exit 3.
run_redir full /bogus
assert_exit 1 "usage error, stdout full"
run_redir full /bogus /json
assert_exit 3 "usage error with /json, stdout full"

# /add: the change is made, its report is lost: exit 3, and the address stays.
run_redir full /add o0 10.61.0.9 24
assert_exit 3 "/add with stdout full"
assert_eq "Error: the output could not be written: No space left on device." "$ERR" "/add: the lost-output line"
held=$(ip -n "$NS" -j -4 addr show dev o0 | jq -r '.[0].addr_info[].local' | sort | tr '\n' ' ')
assert_eq "10.61.0.1 10.61.0.9 " "$held" "/add with lost output: the address stays added (no rollback)"
run_redir closed /delete 10.61.0.9
assert_exit 3 "/delete with stdout closed"
held=$(ip -n "$NS" -j -4 addr show dev o0 | jq -r '.[0].addr_info[].local' | sort | tr '\n' ' ')
assert_eq "10.61.0.1 " "$held" "/delete with lost output: the address is gone"

# stderr lost too: nothing can be said; exit 3.
RC=0
ip netns exec "$NS" "$IPCFG" /all >/dev/full 2>/dev/full
RC=$?
LAST_CMD="ipcfg /all >/dev/full 2>/dev/full"
assert_exit 3 "stdout and stderr full"

# ---- a reader that goes away: SIGPIPE, quietly --------------------------------
e=$(mktemp)
# the reader has closed its end before ipcfg writes
{ sleep 0.3; exec ip netns exec "$NS" "$IPCFG" /all 2>"$e"; } | (exec 0<&-; sleep 1)
RC=${PIPESTATUS[0]}
LAST_CMD="ipcfg /all | (reader gone)"
assert_exit 141 "reader gone: killed by SIGPIPE"
assert_eq "" "$(cat "$e")" "reader gone: nothing on stderr"
ip netns exec "$NS" "$IPCFG" /all 2>"$e" | head -1 >/dev/null
RC=${PIPESTATUS[0]}
LAST_CMD="ipcfg /all | head -1"
[[ $RC == 0 || $RC == 141 ]] && _pass || _fail "ipcfg /all | head -1: exit $RC (0 or 141)"
assert_eq "" "$(cat "$e")" "| head -1: nothing on stderr"
rm -f "$e"

# ---- closed standard descriptors at start-up -----------------------------------
# strace_fds REDIR ARGS...: the fds of the sockets ipcfg opened, and the fds
# that write/sendto/sendmsg calls went to, as "socket: N ..." and "write: N ...".
t=$(mktemp)
for fd in 0 1 2; do
    case $fd in
    0) ip netns exec "$NS" strace -f -qq -o "$t" -e trace=socket,write,sendto,sendmsg "$IPCFG" /all \
        <&- >/dev/null 2>/dev/null ;;
    1) ip netns exec "$NS" strace -f -qq -o "$t" -e trace=socket,write,sendto,sendmsg "$IPCFG" /all \
        >&- 2>/dev/null ;;
    2) ip netns exec "$NS" strace -f -qq -o "$t" -e trace=socket,write,sendto,sendmsg "$IPCFG" /add nosuch \
        10.61.0.7 24 2>&- >/dev/null ;;
    esac
    RC=$?
    LAST_CMD="ipcfg with fd $fd closed (strace)"
    socks=$(grep -oE 'socket\(AF_NETLINK[^=]*= [0-9]+' "$t" | grep -oE '[0-9]+$' | tr '\n' ' ')
    [[ -n $socks ]] && _pass || _fail "fd $fd closed: no netlink socket seen" "$(cat "$t")"
    for s in $socks; do
        ((s >= 3)) && _pass || _fail "fd $fd closed: the netlink socket took fd $s" "$(cat "$t")"
        # nothing but netlink requests reaches the socket: no write() to it
        if grep -qE "^[0-9]+ +write\($s," "$t"; then _fail "fd $fd closed: text written into the socket (fd $s)" \
            "$(grep -E "write\($s," "$t")"; else _pass; fi
    done
    case $fd in
    0) assert_exit 0 "fd 0 closed: the listing still works" ;;
    1) assert_exit 3 "fd 1 closed: lost output" ;;
    2) assert_exit 3 "fd 2 closed: the error line is lost" ;;
    esac
done
rm -f "$t"

# fd 1 closed without strace: the lost-output line on stderr
run_redir closed /all
assert_exit 3 "fd 1 closed"
assert_eq "Error: the output could not be written: Bad file descriptor." "$ERR" "fd 1 closed: the line"

finish
