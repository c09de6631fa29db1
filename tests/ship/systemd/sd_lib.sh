# Helpers of the tests under a real systemd (sourced, not run).
#
# A Debian 12 root made once per test run by mmdebstrap (sd_root.sh, the
# ctest fixture) is booted with systemd as PID 1 of its own PID, mount,
# UTS, IPC, network and cgroup namespaces, on an overlay of its own, so
# that each test starts from the same root and none changes it:
#
#     sd_server                    server namespace with dnsmasq (10.77.0.1)
#     sd_boot                      PID 1 booted; host0 joined to the server
#                                  (SD_LATE_HOST0=1: not yet; sd_add_host0 later)
#     sd_run CMD...                CMD in the container (OUT, ERR, RC)
#     sd_link_up IF                IF up in the container, its state UP
#     sd_reboot                    PID 1 killed, booted again on the same overlay
#
# Nothing outside the temporary directory of the test changes on the host:
# every mount is made inside the container's mount namespace (private
# propagation), /proc/sys and /sys are read-only there (a global sysctl of
# the root's, such as kernel.pid_max, never reaches the host), /dev is a
# tmpfs with the few device nodes bound in, the container's cgroups live in
# a subtree of the test's own, and the server's network namespace belongs
# to a process of the test (no /run/netns entry).  Every process the test
# starts (the container and the server side) runs in that subtree: on
# exit, failure or signal, at whatever step, every one of them is killed
# from outside (namespaces and mounts go with their last process) and the
# subtree and the temporary directory are removed.
#
# Environment (tests/ship/CMakeLists.txt): IPCFG_SD_ROOT (the fixture's
# root), IPCFG_SD_DEBS (the directory with the plain cpack packages),
# IPCFG_TMP; IPCFG_SD_LEDGER, a file to which each test adds its cgroup
# subtree's name and its temporary directory (sd_leftovers.sh checks that
# nothing of them is left); IPCFG_SD_FAIL_AT, for test_cleanup.sh only: a
# step at which the test fails (server, spawn, pid, go; STEP:SIGNAL for a
# signal instead of a fatal error).
#
# SPDX-License-Identifier: MIT

set -uo pipefail

TEST=$(basename "${0%.sh}")
FAILS=0
CHECKS=0
OUT='' ERR='' RC='' LAST_CMD=''
SD_BASE=${IPCFG_SD_ROOT:?the root made by sd_root.sh}
SD_DEBS=${IPCFG_SD_DEBS:?the directory of the packages made by sd_debs.sh}
SD_PID=''      # the container's PID 1, as the host sees it
SD_UNSHARE=''  # the unshare process that started it
SRV_PID=''     # the holder of the server's network namespace
DNSMASQ_PID=''
SD_PIDS=()     # the servers the test started (srv_start)
SD_TMP=''
SD_CG=ipcfg-sd-$$-$RANDOM
SD_BOOTS=0

fatal() {
    echo "FATAL [$TEST]: $*" >&2
    exit 1
}

[[ $(id -u) -eq 0 ]] || fatal "these tests need root (namespaces, mounts)"
[[ -x $SD_BASE/lib/systemd/systemd ]] || fatal "no systemd in $SD_BASE (the fixture sd_root.sh failed?)"
for _t in unshare nsenter ip jq dnsmasq; do command -v "$_t" >/dev/null || fatal "$_t is required"; done
unset _t

HOST_NETNS=$(readlink /proc/self/ns/net)

# ---- the test's cgroups -------------------------------------------------------

# Every process the test starts runs in a cgroup subtree of its own,
# $SD_CG, in each of the host's hierarchies as this machine mounts them:
# cgroup2 at unified/ (or at the top) and the named v1 hierarchy "systemd".
# ctr/ is the container's (its cgroup namespace's root), srv/ the server
# side's (the namespace holder, dnsmasq, the test's own servers).  So
# whatever failed, and whenever, every process of the test can be found
# and killed, and nothing is left behind.
# (sd_cgroup.sh: cg_roots, cg_pids, cg_kill, cg_remove)
# shellcheck source=sd_cgroup.sh
source "$(dirname "${BASH_SOURCE[0]}")/sd_cgroup.sh"

# _cg_dirs [SUB]: the subtree (or its SUB) in each hierarchy, one a line
_cg_dirs() {
    local d
    for d in $(cg_roots); do echo "$d/$SD_CG${1:+/$1}"; done
}

# _sd_start [--log FILE] SUB CMD...: CMD in the background, in the cgroup
# SUB of the test's (created if need be), which it joins before it execs
# CMD (with FILE as its output and nothing as its input); sets SD_LAST_PID.
_sd_start() {
    local log='' sub d cgs
    [[ $1 == --log ]] && { log=$2; shift 2; }
    sub=$1
    shift
    # (expanded here: the words of a command run with & are expanded in
    # the forked child, and a command substitution there would be a child
    # of $! for a moment)
    cgs=$(_cg_dirs "$sub")
    for d in $cgs; do mkdir -p "$d" || fatal "cannot create the cgroup $d"; done
    # shellcheck disable=SC2016,SC2086 # the script's own $; one word per cgroup
    bash -c 'log=$1 n=$2; shift 2
        for d in "${@:1:n}"; do echo $$ >"$d/cgroup.procs" || exit 1; done
        shift "$n"
        [[ -z $log ]] || exec >"$log" 2>&1 </dev/null
        exec "$@"' _ "$log" "$(wc -w <<<"$cgs")" $cgs "$@" &
    SD_LAST_PID=$!
}

# _sd_is_child PID: a process this shell started and has not waited for
# (a pid that is no longer one, gone and maybe reused, is not)
_sd_is_child() {
    [[ -n $1 && $(sed -n 's/^PPid:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null) == "$$" ]]
}

# _sd_end_child PID: a process the test started, killed and waited for
_sd_end_child() {
    _sd_is_child "$1" || return 0
    kill -9 "$1" 2>/dev/null
    wait "$1" 2>/dev/null
}

# _sd_state PID: the process's state letter (R, S, D, T, Z...), none if gone
_sd_state() {
    local st
    read -r st 2>/dev/null <"/proc/$1/stat" || return 0
    st=${st##*) }
    echo "${st:0:1}"
}
_sd_alive() { [[ $(_sd_state "$1") == [^ZX] ]]; }
_sd_gone() { ! _sd_alive "$1"; }
_sd_stopped() {
    local st
    st=$(_sd_state "$1")
    [[ -z $st || $st == [TZX] ]]
}

# ---- boot and halt ----------------------------------------------------------

# sd_kill: the container killed from outside, every process in its cgroups
# (PID 1, whatever it started, the unshare process) and the cgroups
# removed.  Its namespaces and mounts go with the last of its processes.
# 1 if a process or a cgroup is left.
sd_kill() {
    _sd_end_container
    SD_PID='' SD_UNSHARE=''
    # (what is still there has escaped: killed all the same)
    # shellcheck disable=SC2046 # one word per cgroup
    cg_kill $(_cg_dirs ctr) && cg_remove $(_cg_dirs ctr)
}

# _sd_end_container: the container's PID 1 (and with it its PID namespace)
# killed while the unshare process, its parent, is there to reap it (an
# orphan would be left to the host's init), then the unshare process,
# which exits once its child is gone.  The unshare process is stopped
# first so that it cannot fork meanwhile: with no child yet (it may not
# even have joined its cgroups) it is killed at once.
_sd_end_container() {
    local u=$SD_UNSHARE pids
    _sd_is_child "$u" || return 0
    kill -STOP "$u" 2>/dev/null
    wait_for 5 _sd_stopped "$u"
    if [[ -z $(cat "/proc/$u/task/$u/children" 2>/dev/null) ]]; then
        kill -9 "$u" 2>/dev/null
    else
        # shellcheck disable=SC2046 # one word per cgroup
        pids=$(cg_pids $(_cg_dirs ctr) | grep -vx "$u")
        # shellcheck disable=SC2086 # one word per pid
        [[ -z $pids ]] || kill -9 $pids 2>/dev/null
        kill -CONT "$u" 2>/dev/null
        wait_for 10 _sd_gone "$u" || kill -9 "$u" 2>/dev/null
    fi
    wait "$u" 2>/dev/null
}

# On exit, failure or signal: the container, then the server's processes
# (the holder of its namespace, the servers), then every process still in
# the test's cgroups; the cgroups and the temporary directory removed.  A
# test that left a process or a cgroup fails.
_sd_cleanup() {
    local rc=$? p left=0
    sd_kill || left=1
    for p in $SRV_PID "${SD_PIDS[@]}"; do _sd_end_child "$p"; done
    # shellcheck disable=SC2046 # one word per cgroup
    { cg_kill $(_cg_dirs) && cg_remove $(_cg_dirs); } || left=1
    [[ -z $SD_TMP ]] || rm -rf "$SD_TMP"
    if ((left && rc == 0)); then
        echo "FAILED $TEST: it left processes or cgroups on the host" >&2
        exit 1
    fi
}
trap _sd_cleanup EXIT
trap 'echo "$TEST: interrupted" >&2; exit 130' INT TERM HUP

SD_TMP=$(mktemp -d "${IPCFG_TMP:-/tmp}/sd_${TEST}.XXXXXX") || fatal "mktemp failed"
chmod 0755 "$SD_TMP"
mkdir -p "$SD_TMP/upper" "$SD_TMP/work" "$SD_TMP/merged"
# the run's ledger: what the test could leave behind, for sd_leftovers.sh
[[ -z ${IPCFG_SD_LEDGER:-} ]] || echo "$SD_CG $SD_TMP" >>"$IPCFG_SD_LEDGER"

# _sd_fail_point STEP: the failure test_cleanup.sh asks for at STEP
# (IPCFG_SD_FAIL_AT=STEP: a fatal error; STEP:SIGNAL: that signal to this
# shell), after it names the test's processes at that moment
_sd_fail_point() {
    local at=${IPCFG_SD_FAIL_AT:-} pids p
    [[ ${at%%:*} == "$1" ]] || return 0
    # shellcheck disable=SC2046 # one word per cgroup
    pids=$({ cg_pids $(_cg_dirs); for p in $SD_UNSHARE $SRV_PID; do _sd_alive "$p" && echo "$p"; done; } | sort -un)
    echo "$TEST: failing at $1 as asked; the test's processes: ${pids//$'\n'/ }" >&2
    [[ $at == *:* ]] || fatal "failure injected at $1"
    kill -s "${at#*:}" $$
}

# The program the container's first process runs (as PID 1 of its PID
# namespace, before it execs systemd): the root's mounts, then it reports
# its pid as the host sees it, and waits until the host has put host0 into
# its network namespace.
_sd_init_script() {
    cat <<'EOF'
set -e
base=$1 upper=$2 work=$3 r=$4 go=$5 ready=$6
mount -t overlay overlay -o "lowerdir=$base,upperdir=$upper,workdir=$work" "$r"
mount -t proc proc "$r/proc"
mount --bind -o ro "$r/proc/sys" "$r/proc/sys"          # no global sysctl from inside
mount -o remount,bind,ro "$r/proc/sys"
mount --bind "$r/proc/sys/net" "$r/proc/sys/net"        # its own network namespace's
mount -o remount,bind,rw "$r/proc/sys/net"
mount --bind -o ro /proc/sysrq-trigger "$r/proc/sysrq-trigger" 2>/dev/null || true
mount -t sysfs -o ro sysfs "$r/sys"                     # no udev: /sys read-only, as in a container
mount -t tmpfs -o mode=755 tmpfs "$r/sys/fs/cgroup"
mkdir "$r/sys/fs/cgroup/unified" "$r/sys/fs/cgroup/systemd"
mount -t cgroup2 cgroup2 "$r/sys/fs/cgroup/unified"
mount -t cgroup -o none,name=systemd cgroup "$r/sys/fs/cgroup/systemd"
mount -t tmpfs -o mode=755 tmpfs "$r/run"
mount -t tmpfs -o mode=1777 tmpfs "$r/tmp"
mount -t tmpfs -o mode=755 tmpfs "$r/dev"
for n in null zero full random urandom tty; do
    touch "$r/dev/$n"
    mount --bind "/dev/$n" "$r/dev/$n"
done
mkdir "$r/dev/pts" "$r/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$r/dev/pts"
ln -s pts/ptmx "$r/dev/ptmx"
ln -s /proc/self/fd "$r/dev/fd"
ln -s /proc/self/fd/0 "$r/dev/stdin"
ln -s /proc/self/fd/1 "$r/dev/stdout"
ln -s /proc/self/fd/2 "$r/dev/stderr"
# /proc is still the host's here (the container's is mounted at $r/proc),
# so /proc/self names this shell by its pid in the host's PID namespace;
# the file appears whole (renamed), once the root is mounted
read -r pid _ </proc/self/stat
echo "$pid" >"$ready.new"
mv "$ready.new" "$ready"
read -r _ <"$go"
exec env -i container=ipcfg-test TERM=dumb /usr/sbin/chroot "$r" /lib/systemd/systemd --system --log-target=journal
EOF
}

# sd_boot: boots systemd over the overlay (the same upper directory every
# time: sd_reboot keeps what the last boot wrote), with a new veth pair
# host0 (container) - sd$SD_BOOTS (server namespace), and waits until
# `systemctl is-system-running --wait` answers.  With SD_LATE_HOST0=1 the
# container boots without host0: sd_add_host0 adds it later (an interface
# that appears after boot).
sd_boot() {
    local go=$SD_TMP/go.$SD_BOOTS ready=$SD_TMP/pid.$SD_BOOTS srvif
    SD_BOOTS=$((SD_BOOTS + 1))
    srvif=sd$SD_BOOTS
    mkfifo "$go"
    _sd_init_script >"$SD_TMP/init.sh"
    # it joins the cgroups ctr/, then unshares: its cgroup namespace's root
    # is ctr/
    _sd_start --log "$SD_TMP/boot.$SD_BOOTS.log" ctr setsid unshare --pid --fork --mount --propagation private --uts --ipc --net --cgroup \
        bash "$SD_TMP/init.sh" "$SD_BASE" "$SD_TMP/upper" "$SD_TMP/work" "$SD_TMP/merged" "$go" "$ready"
    SD_UNSHARE=$SD_LAST_PID
    _sd_fail_point spawn
    # The container's first process is known by its own word only: it
    # writes its pid once it runs in its namespaces with its root mounted.
    # (Not a child of the unshare process as /proc lists them: that may be
    # a passing process, dead by the time its pid is used.)
    local end=$((SECONDS + 60))
    until [[ -s $ready ]]; do
        _sd_alive "$SD_UNSHARE" || fatal "the container did not start: $(cat "$SD_TMP/boot.$SD_BOOTS.log")"
        ((SECONDS > end)) && fatal "the container's first process did not report in 60 s: $(cat "$SD_TMP/boot.$SD_BOOTS.log")"
        sleep 0.02
    done
    SD_PID=$(<"$ready")
    _sd_in_new_ns "$SD_PID" &&
        [[ $(sed -n 's/^NSpid:[[:space:]]*//p' "/proc/$SD_PID/status" 2>/dev/null) =~ ^${SD_PID}[[:space:]]+1$ ]] ||
        fatal "process $SD_PID is not the container's PID 1 in namespaces of its own: $(cat "$SD_TMP/boot.$SD_BOOTS.log")"
    _sd_fail_point pid
    # host0 into its network namespace before systemd starts, as
    # systemd-nspawn and LXC hand a container its interfaces
    SD_IF_SRV=$srvif
    [[ ${SD_LATE_HOST0:-0} == 1 ]] || sd_add_host0
    echo go >"$go"
    _sd_fail_point go
    sd_wait_running
}

# sd_add_host0: the veth pair host0 (container) - $SD_IF_SRV (the server's
# bridge), one MAC address across boots, as a machine keeps its own.
sd_add_host0() {
    ip link add host0 address 02:77:00:00:00:02 netns "$SD_PID" type veth peer name "$SD_IF_SRV" netns "$SRV_PID" ||
        fatal "cannot create the veth pair host0 - $SD_IF_SRV"
    nsenter -t "$SRV_PID" -n ip link set "$SD_IF_SRV" master br0 up || fatal "cannot join $SD_IF_SRV to the server's bridge"
}

# _sd_in_new_ns PID: the process runs in a network namespace other than
# the host's (a process gone has none)
_sd_in_new_ns() {
    local ns
    ns=$(readlink "/proc/$1/ns/net" 2>/dev/null) && [[ -n $ns && $ns != "$HOST_NETNS" ]]
}

# sd_wait_running: the system is up (running; degraded names its failed units)
sd_wait_running() {
    local state end=$((SECONDS + 60))
    # systemctl answers once PID 1's private socket is there
    wait_for 30 test -S "$(sd_file /run/systemd/private)" || fatal "systemd did not start: $(cat "$SD_TMP/boot.$SD_BOOTS.log")"
    state=$(timeout 60 nsenter -t "$SD_PID" -a -r -w env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
        systemctl is-system-running --wait 2>&1)
    if [[ $state != running ]]; then
        sd_run systemctl --failed --no-legend
        fatal "the container's systemd did not come up ($state): $OUT $(cat "$SD_TMP/boot.$SD_BOOTS.log")"
    fi
}

# sd_reboot: PID 1 killed from outside, then booted again over the same
# root (the overlay's upper directory kept), with a new host0.
sd_reboot() {
    sd_kill || fatal "the container's processes or cgroups are still there"
    sd_boot
}

# ---- the server ------------------------------------------------------------

# sd_server: a network namespace of a process of the test's own, with a
# bridge br0 (10.77.0.1/24) that each boot's veth joins.
sd_server() {
    _sd_start srv unshare --net sleep 1000000
    SRV_PID=$SD_LAST_PID
    # (until it has unshared, it is in the host's namespace: nothing may be
    # set up there)
    local end=$((SECONDS + 60))
    until _sd_in_new_ns "$SRV_PID"; do
        _sd_alive "$SRV_PID" || fatal "the server's namespace holder died"
        ((SECONDS > end)) && fatal "the server's namespace holder did not unshare in 60 s"
        sleep 0.02
    done
    _sd_fail_point server
    srv() { nsenter -t "$SRV_PID" -n "$@"; }
    srv ip link set lo up && srv ip link add br0 type bridge forward_delay 0 && srv ip link set br0 up &&
        srv ip addr add 10.77.0.1/24 dev br0 || fatal "cannot set up the server's namespace"
}

# srv_start CMD...: CMD in the background in the server's network
# namespace (and the test's cgroup srv/); sets SD_LAST_PID.
srv_start() {
    _sd_start srv nsenter -t "$SRV_PID" -n "$@"
    SD_PIDS+=("$SD_LAST_PID")
}

# dnsmasq_start ARGS...: dnsmasq on br0 (DHCP and DNS), its log
# $SD_TMP/dnsmasq.log; sets DNSMASQ_PID.
dnsmasq_start() {
    : >"$SD_TMP/dnsmasq.log"
    srv_start dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts \
        --interface=br0 --bind-interfaces --no-ping --log-dhcp --log-queries --log-facility="$SD_TMP/dnsmasq.log" \
        --dhcp-leasefile="$SD_TMP/dnsmasq.leases" --pid-file="$SD_TMP/dnsmasq.pid" "$@"
    DNSMASQ_PID=$SD_LAST_PID
    wait_for 5 grep -q "dnsmasq-dhcp\[" "$SD_TMP/dnsmasq.log" || fatal "dnsmasq did not start: $(cat "$SD_TMP/dnsmasq.log")"
}

dnsmasq_stop() {
    [[ -n $DNSMASQ_PID ]] || return 0
    kill "$DNSMASQ_PID" 2>/dev/null
    wait "$DNSMASQ_PID" 2>/dev/null
    DNSMASQ_PID=''
}

# ---- inside the container ---------------------------------------------------

# sd_run CMD...: CMD in every namespace of the container, in its root, with
# a clean environment; sets OUT, ERR, RC and LAST_CMD.
sd_run() {
    local o=$SD_TMP/out e=$SD_TMP/err
    timeout 60 nsenter -t "$SD_PID" -a -r -w env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
        SYSTEMD_PAGER='' SYSTEMD_COLORS=0 "$@" >"$o" 2>"$e" </dev/null
    RC=$?
    OUT=$(cat "$o"; echo x) OUT=${OUT%x}
    ERR=$(cat "$e"; echo x) ERR=${ERR%x}
    LAST_CMD="$*"
}

# sd_file PATH: the file in the container's root as the host sees it
# (the overlay merged at the container's root: /proc/PID/root).
sd_file() { echo "/proc/$SD_PID/root$1"; }

# sd_link_up IF: IF set up in the container, and waited for until its
# state is UP, which ipcfg reads as "media connected" (the kernel sets it
# from the carrier a moment after `ip link set up`, by its link watch,
# later on a loaded machine)
sd_link_up() {
    sd_run ip link set "$1" up
    [[ $RC == 0 ]] || fatal "cannot set $1 up: $ERR"
    wait_for 10 _sd_link_is_up "$1" || fatal "$1 is not UP 10 s after ip link set up: $OUT"
}
_sd_link_is_up() {
    sd_run ip -o link show dev "$1"
    [[ $OUT == *" state UP "* ]]
}

# sd_install DEB: the package copied into the container and installed
sd_install() {
    cp "$1" "$(sd_file /tmp)/" || fatal "cannot copy $1 into the container"
    sd_run dpkg -i "/tmp/${1##*/}"
}

# unit_state UNIT: "ActiveState SubState Result MainPID"
unit_state() {
    sd_run systemctl show -p ActiveState -p SubState -p Result -p MainPID "$1"
    awk -F= '{ v[$1] = $2 } END { print v["ActiveState"], v["SubState"], v["Result"], v["MainPID"] }' <<<"$OUT"
}

# sd_keepers IF: the pids (in the container) of the processes whose
# command line is `ipcfg --keeper IF` (the unit's /usr/bin/ipcfg, or a
# detached keeper's ipcfg; a keeper's engine, forked during an exchange,
# has its keeper's command line too)
sd_keepers() {
    sd_run sh -c 'for p in /proc/[0-9]*; do
        case "$(tr "\0" " " <$p/cmdline 2>/dev/null)" in
        "/usr/bin/ipcfg --keeper $1 " | "ipcfg --keeper $1 ") echo ${p#/proc/} ;;
        esac
    done; true' _ "$1"
    echo $OUT
}

# ---- waits and assertions ---------------------------------------------------

# wait_for SECONDS CMD...: runs CMD every 50 ms until it succeeds; 1 on timeout.
wait_for() {
    local end=$((SECONDS + $1))
    shift
    until "$@"; do
        ((SECONDS > end)) && return 1
        sleep 0.05
    done
    return 0
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# _pass, _fail, assert_eq, assert_contains, assert_exit, ...: the
# integration tests' own
# shellcheck source=../../linux/integration/assert.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../linux/integration/assert.sh"

# The host's resolver, compared at the end (docs: host hygiene).
HOST_RESOLV=$(sha256sum /etc/resolv.conf 2>&1; ls -d /etc/resolv.conf.bak /run/resolvconf 2>&1)

finish() {
    assert_eq "$HOST_RESOLV" "$(sha256sum /etc/resolv.conf 2>&1; ls -d /etc/resolv.conf.bak /run/resolvconf 2>&1)" \
        "the host's /etc/resolv.conf is unchanged"
    if ((FAILS > 0)); then
        echo "FAILED $TEST: $FAILS of $CHECKS checks" >&2
        exit 1
    fi
    echo "PASSED $TEST: $CHECKS checks"
    exit 0
}
