#!/usr/bin/env bash
# ipcfg's locks against an unprivileged user of the network namespace: user
# nobody binds the abstract names (the old lock names \0ipcfg/if/c0 and
# \0ipcfg/addr, and the wake-up names \0ipcfg/if.c0) and tries to open and
# flock the lock files: it cannot, and root's /renew and /add go ahead at
# once.  A holder that is root's is still waited for while nobody squats
# its wake-up name (the waiter polls).  A lock directory that is not root's
# own is refused: exit 3, one line, nothing changed.  The lock directory
# is this test's own (lib.sh: root's, 0700, like /run/ipcfg).
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"
source "$(dirname "$0")/dhcp_lib.sh"

dhcp_net
dnsmasq_start srv "$SRV" s0 --dhcp-range=10.77.0.50,10.77.0.59,255.255.255.0,600

run_ipcfg /renew c0 /timeout:5
assert_exit 0 "/renew c0 (the lock file exists now)"
ino=$(ip netns exec "$CLI" stat -L -c %i /proc/self/ns/net)
RUND=$IPCFG_RUN_DIR
assert_eq "root 700" "$(stat -c '%U %a' "$RUND")" "the lock directory: root's, 0700"
assert_eq "root 600" "$(stat -c '%U %a' "$RUND/net$ino.if.c0")" "the lock file: root's, 0600"

# The squatter: as nobody, binds every name and tries every lock file.
ip netns exec "$CLI" setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all /usr/bin/python3 -c '
import fcntl, os, socket, sys, time
held = []
for n in (b"\0ipcfg/if/c0", b"\0ipcfg/addr", b"\0ipcfg/if.c0"):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(n); s.listen(1); held.append(s)
for f in sys.argv[1:]:
    try:
        fd = os.open(f, os.O_RDONLY | os.O_CREAT, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        print("LOCKED", f, flush=True)
    except OSError as e:
        print("denied", e.errno, flush=True)
print("squatting", flush=True)
time.sleep(30)' "$RUND/net$ino.if.c0" "$RUND/net$ino.addr" "$RUND/net$ino.if.c9" \
    >"$DHCP_TMP/squat.out" 2>&1 &
squat=$!
DHCP_PIDS+=("$squat")
wait_for 5 grep -qs squatting "$DHCP_TMP/squat.out" || fatal "the squatter did not start: $(cat "$DHCP_TMP/squat.out")"
assert_eq "denied 13
denied 13
denied 13
squatting" "$(cat "$DHCP_TMP/squat.out")" "nobody cannot open or flock a lock file"

t0=$(now_ms)
run_ipcfg /renew c0 /timeout:3
ms=$(($(now_ms) - t0))
assert_exit 0 "/renew c0 while nobody squats the names"
((ms < 2000)) && _pass || _fail "/renew c0 took $ms ms beside the squatter"
t0=$(now_ms)
run_ipcfg /add c0 10.61.9.1 32
ms=$(($(now_ms) - t0))
assert_exit 0 "/add while nobody squats \\0ipcfg/addr"
((ms < 2000)) && _pass || _fail "/add took $ms ms beside the squatter"
assert_eq "10.61.9.1/32" "$(ip -n "$CLI" -4 -o addr show to 10.61.9.1/32 | awk '{ print $4 }')" "/add: added"
run_ipcfg /delete 10.61.9.1
assert_exit 0 "/delete while nobody squats"

# A root holder (as an ipcfg run) while nobody squats its wake-up name:
# /renew waits for it, polling, and goes ahead once it is gone.
ip netns exec "$CLI" python3 "$LIB_DIR/lock_hold.py" if.c9 0 >/dev/null 2>&1 # c9's file, no socket
ip netns exec "$CLI" python3 -c '
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(1)' "$RUND/net$ino.if.c0" >"$DHCP_TMP/holder.out" &
holder=$!
DHCP_PIDS+=("$holder")
wait_for 5 grep -qs held "$DHCP_TMP/holder.out" || fatal "could not take c0's lock"
t0=$(now_ms)
run_ipcfg /renew c0 /timeout:5
ms=$(($(now_ms) - t0))
assert_exit 0 "/renew c0 after a root holder, its wake-up name squatted"
((ms >= 700 && ms < 3000)) && _pass || _fail "/renew c0 waited $ms ms for a 1 s holder"
wait "$holder" 2>/dev/null
kill "$squat" 2>/dev/null
wait "$squat" 2>/dev/null

# A lock directory that is not root's own: refused before anything changes.
export IPCFG_RUN_DIR=$DHCP_TMP/badrun
mkdir -m 0700 "$IPCFG_RUN_DIR" && chown 65534 "$IPCFG_RUN_DIR"
run_ipcfg /renew c0 /timeout:3
assert_exit 3 "/renew with a lock directory owned by nobody"
assert_one_line "$ERR" "/renew: one line"
assert_contains "$ERR" "The lock directory $IPCFG_RUN_DIR is not owned by root" "/renew: says why"
run_ipcfg /add c0 10.61.9.2 32
assert_exit 3 "/add with a lock directory owned by nobody"
assert_contains "$ERR" "will not use it" "/add: says why"
assert_eq "" "$(ip -n "$CLI" -4 addr show to 10.61.9.2/32)" "/add: nothing added"
chown 0 "$IPCFG_RUN_DIR" && chmod 0777 "$IPCFG_RUN_DIR"
run_ipcfg /add c0 10.61.9.2 32
assert_exit 3 "/add with a lock directory writable by others"
chmod 0700 "$IPCFG_RUN_DIR"
run_ipcfg /add c0 10.61.9.2 32
assert_exit 0 "/add once the directory is root's 0700"

finish
