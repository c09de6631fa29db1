#!/usr/bin/env bash
# Racing /add: the "address already held" check and the add are one step
# under ipcfg's address lock (one per network namespace), so two or three
# concurrent runs never both add one address.  300 trials of two runs
# adding one address to two interfaces at the same moment, then 100 of
# three: exactly one succeeds (0), the others answer 7, and the address is
# on exactly one interface.  (Without the lock, 20 of 300 pairs both
# succeeded.)  Also: a lock held by another process makes /add wait, and a
# lock held longer than the bound (5 s) is exit 3, nothing changed.
#
# SPDX-License-Identifier: MIT
source "$(dirname "$0")/lib.sh" "$@"

ns_new race
for i in 0 1 2; do
    nsip link add "v$i" type veth peer name "v${i}p"
    nsip link set "v$i" up
    nsip link set "v${i}p" up
done

PAIRS=${RACE_PAIRS:-300}
TRIPLES=${RACE_TRIPLES:-100}

# The trials run inside the namespace in one shell (no `ip netns exec` per
# run), each run's exit code into a file: "T rc0 rc1 [rc2]" per line.
results=$(mktemp)
ip netns exec "$NS" bash -c '
    ipcfg=$1 pairs=$2 triples=$3
    for ((t = 0; t < pairs + triples; t++)); do
        a=10.60.$((t / 250)).$((t % 250 + 1))
        n=2; ((t >= pairs)) && n=3
        pids=()
        for ((k = 0; k < n; k++)); do
            "$ipcfg" /add "v$k" "$a" 32 >/dev/null 2>&1 &
            pids+=($!)
        done
        line="$a"
        for p in "${pids[@]}"; do wait "$p"; line+=" $?"; done
        echo "$line"
    done' race "$IPCFG" "$PAIRS" "$TRIPLES" >"$results"

trials=$(wc -l <"$results")
assert_eq $((PAIRS + TRIPLES)) "$trials" "every trial ran"
both=$(awk '{ ok = 0; for (i = 2; i <= NF; i++) if ($i == 0) ok++; if (ok != 1) n++ } END { print n + 0 }' "$results")
assert_eq 0 "$both" "exactly one /add of each address succeeded (trials with 0 or more than 1 success)"
others=$(awk '{ for (i = 2; i <= NF; i++) if ($i != 0 && $i != 7) n++ } END { print n + 0 }' "$results")
assert_eq 0 "$others" "every losing /add answered 7 (address conflict)"
held=$(ip -n "$NS" -j -4 addr show | jq -r '.[] | .ifname as $n | .addr_info[] | select(.local | startswith("10.60.")) | .local' |
    sort | uniq -d | wc -l)
assert_eq 0 "$held" "no address is on more than one interface"
count=$(ip -n "$NS" -j -4 addr show | jq -r '[.[] | .addr_info[] | select(.local | startswith("10.60."))] | length')
assert_eq "$trials" "$count" "each address is on exactly one interface"
rm -f "$results"

# Another holder of the lock: /add waits for it, and a holder that keeps
# it past the bound makes /add give up (exit 3) without changing anything.
holder() { # holder SECONDS: holds the address lock in $NS for SECONDS
    ip netns exec "$NS" python3 "$(dirname "$0")/lock_hold.py" addr "$1"
}
fifo=$(mktemp -u)
mkfifo "$fifo"
holder 1 >"$fifo" &
hp=$!
read -r _ <"$fifo"
start=$(date +%s%N)
run_ipcfg /add v0 10.61.0.1 32
ms=$(( ($(date +%s%N) - start) / 1000000 ))
wait "$hp"
assert_exit 0 "/add waits for the lock's holder, then adds"
(( ms >= 700 )) || _fail "/add did not wait for the holder (${ms} ms)"
holder 7 >"$fifo" &
hp=$!
read -r _ <"$fifo"
run_ipcfg /add v0 10.61.0.2 32
assert_exit 3 "/add gives up on a lock held past the bound"
assert_eq "Error: Another ipcfg run kept the addresses locked for 5 seconds; nothing was changed." \
    "${ERR%$'\n'}" "/add on a held lock: its line"
assert_eq "" "$(ip -n "$NS" -4 addr show to 10.61.0.2/32)" "/add on a held lock: nothing added"
kill "$hp" 2>/dev/null
wait "$hp" 2>/dev/null
rm -f "$fifo"

finish
