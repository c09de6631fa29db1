# Helpers of the tests under a real systemd (sourced, not run).
#
# A Debian 12 root made once per test run by mmdebstrap (sd_root.sh, the
# ctest fixture) is booted with systemd as PID 1 of its own PID, mount,
# UTS, IPC, network and cgroup namespaces, on an overlay of its own, so
# that each test starts from the same root and none changes it:
#
#     sd_server                    server namespace with dnsmasq (10.77.0.1)
#     sd_boot                      PID 1 booted; host0 joined to the server
#     sd_run CMD...                CMD in the container (OUT, ERR, RC)
#     sd_reboot                    PID 1 killed, booted again on the same overlay
#
# Nothing outside the temporary directory of the test changes on the host:
# every mount is made inside the container's mount namespace (private
# propagation), /proc/sys and /sys are read-only there (a global sysctl of
# the root's, such as kernel.pid_max, never reaches the host), /dev is a
# tmpfs with the few device nodes bound in, the container's cgroups live in
# a subtree of the test's own that is removed at the end, and the server's
# network namespace belongs to a process of the test (no /run/netns entry).
# On exit, failure or signal the PID 1 is killed with SIGKILL from outside:
# its namespaces and mounts go with it.
#
# Environment (tests/ship/CMakeLists.txt): IPCFG_SD_ROOT (the fixture's
# root), IPCFG_SD_DEBS (the directory with the plain cpack packages),
# IPCFG_TMP.
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
SD_PIDS=()     # other processes to end (servers)
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

SD_TMP=$(mktemp -d "${IPCFG_TMP:-/tmp}/sd_${TEST}.XXXXXX") || fatal "mktemp failed"
chmod 0755 "$SD_TMP"
mkdir -p "$SD_TMP/upper" "$SD_TMP/work" "$SD_TMP/merged"

# ---- the container's cgroups ------------------------------------------------

# The host's cgroup hierarchies as this machine mounts them: cgroup2 at
# unified/ (or at the top) and the named v1 hierarchy "systemd".  The
# container gets a subtree of each, as its cgroup namespace's root.
_cg_dirs() {
    local d
    for d in /sys/fs/cgroup/unified /sys/fs/cgroup/systemd /sys/fs/cgroup; do
        if [[ -e $d/cgroup.procs ]] && { [[ $d != /sys/fs/cgroup ]] || [[ ! -e /sys/fs/cgroup/unified ]]; }; then
            echo "$d/$SD_CG"
        fi
    done
}

# removes a cgroup subtree, deepest first (a cgroup can go only once empty)
_cg_remove() {
    local d=$1 i
    [[ -d $d ]] || return 0
    for i in $(seq 100); do
        find "$d" -depth -type d -exec rmdir {} + 2>/dev/null
        [[ -d $d ]] || return 0
        sleep 0.05
    done
    echo "$TEST: cgroup $d could not be removed" >&2
}

# ---- boot and halt ----------------------------------------------------------

# The container's PID 1 killed from outside, and waited for.
sd_kill() {
    [[ -n $SD_PID ]] && kill -9 "$SD_PID" 2>/dev/null
    if [[ -n $SD_UNSHARE ]]; then
        for _ in $(seq 250); do kill -0 "$SD_UNSHARE" 2>/dev/null || break; sleep 0.02; done
        kill -9 "$SD_UNSHARE" 2>/dev/null
        wait "$SD_UNSHARE" 2>/dev/null
    fi
    SD_PID='' SD_UNSHARE=''
    local d
    for d in $(_cg_dirs); do _cg_remove "$d"; done
}

_sd_cleanup() {
    local p
    sd_kill
    for p in "${SD_PIDS[@]}" $SRV_PID; do kill -9 "$p" 2>/dev/null; done
    for p in "${SD_PIDS[@]}" $SRV_PID; do wait "$p" 2>/dev/null; done
    rm -rf "$SD_TMP"
}
trap _sd_cleanup EXIT
trap 'echo "$TEST: interrupted" >&2; exit 130' INT TERM HUP

# The program the container's first process runs (as PID 1 of its PID
# namespace, before it execs systemd): the root's mounts, then it waits
# until the host has put host0 into its network namespace.
_sd_init_script() {
    cat <<'EOF'
set -e
base=$1 upper=$2 work=$3 r=$4 go=$5
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
read -r _ <"$go"
exec env -i container=ipcfg-test TERM=dumb /usr/sbin/chroot "$r" /lib/systemd/systemd --system --log-target=journal
EOF
}

# sd_boot: boots systemd over the overlay (the same upper directory every
# time: sd_reboot keeps what the last boot wrote), with a new veth pair
# host0 (container) - sd$SD_BOOTS (server namespace), and waits until
# `systemctl is-system-running --wait` answers.
sd_boot() {
    local d go=$SD_TMP/go.$SD_BOOTS srvif
    SD_BOOTS=$((SD_BOOTS + 1))
    srvif=sd$SD_BOOTS
    for d in $(_cg_dirs); do mkdir -p "$d" || fatal "cannot create the cgroup $d"; done
    mkfifo "$go"
    _sd_init_script >"$SD_TMP/init.sh"
    # the first process joins the cgroups, then unshares: its cgroup
    # namespace's root is the test's own subtree
    setsid bash -c '
        for d in "${@:7}"; do echo $$ >"$d/cgroup.procs" || exit 1; done
        exec unshare --pid --fork --mount --propagation private --uts --ipc --net --cgroup \
            bash "$1" "$2" "$3" "$4" "$5" "$6"' _ \
        "$SD_TMP/init.sh" "$SD_BASE" "$SD_TMP/upper" "$SD_TMP/work" "$SD_TMP/merged" "$go" $(_cg_dirs) \
        >"$SD_TMP/boot.$SD_BOOTS.log" 2>&1 </dev/null &
    SD_UNSHARE=$!
    for _ in $(seq 250); do
        SD_PID=$(cat "/proc/$SD_UNSHARE/task/$SD_UNSHARE/children" 2>/dev/null | awk '{ print $1 }')
        [[ -n $SD_PID ]] && break
        sleep 0.02
    done
    [[ -n $SD_PID ]] || fatal "the container did not start: $(cat "$SD_TMP/boot.$SD_BOOTS.log")"
    # host0 into its network namespace before systemd starts, as
    # systemd-nspawn and LXC hand a container its interfaces
    # one MAC address across boots, as a machine keeps its own
    ip link add host0 address 02:77:00:00:00:02 netns "$SD_PID" type veth peer name "$srvif" netns "$SRV_PID" ||
        fatal "cannot create the veth pair host0 - $srvif"
    nsenter -t "$SRV_PID" -n ip link set "$srvif" master br0 up || fatal "cannot join $srvif to the server's bridge"
    echo go >"$go"
    SD_IF_SRV=$srvif
    sd_wait_running
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
    sd_kill
    sd_boot
}

# ---- the server ------------------------------------------------------------

# sd_server: a network namespace of a process of the test's own, with a
# bridge br0 (10.77.0.1/24) that each boot's veth joins.
sd_server() {
    unshare --net sleep 1000000 &
    SRV_PID=$!
    for _ in $(seq 100); do
        [[ $(readlink "/proc/$SRV_PID/ns/net") != $(readlink /proc/self/ns/net) ]] && break
        sleep 0.02
    done
    srv() { nsenter -t "$SRV_PID" -n "$@"; }
    srv ip link set lo up && srv ip link add br0 type bridge forward_delay 0 && srv ip link set br0 up &&
        srv ip addr add 10.77.0.1/24 dev br0 || fatal "cannot set up the server's namespace"
}

# dnsmasq_start ARGS...: dnsmasq on br0 (DHCP and DNS), its log
# $SD_TMP/dnsmasq.log; sets DNSMASQ_PID.
dnsmasq_start() {
    : >"$SD_TMP/dnsmasq.log"
    nsenter -t "$SRV_PID" -n dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts \
        --interface=br0 --bind-interfaces --no-ping --log-dhcp --log-queries --log-facility="$SD_TMP/dnsmasq.log" \
        --dhcp-leasefile="$SD_TMP/dnsmasq.leases" --pid-file="$SD_TMP/dnsmasq.pid" "$@" &
    DNSMASQ_PID=$!
    SD_PIDS+=("$DNSMASQ_PID")
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
