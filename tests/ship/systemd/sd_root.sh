#!/usr/bin/env bash
# sd_root.sh DIR: the Debian 12 root the tests under a real systemd boot
# (sd_lib.sh), made once per test run (the ctest fixture "systemd_root"):
# mmdebstrap with systemd, D-Bus, systemd-resolved and iproute2 (the apt
# variant: no udev, as in a container), from this machine's apt sources.
# What would act on its own in a test (the apt and fstrim timers, a getty
# on tty1, pstore) is masked.  mmdebstrap runs in a mount namespace of its
# own, so the mounts it makes in the root while it installs never reach
# the host, even when it fails.
#   sd_root.sh --clean DIR: removes it (the fixture's cleanup).
# SPDX-License-Identifier: MIT
set -euo pipefail

if [[ ${1:-} == --clean ]]; then
    rm -rf "${2:?DIR}"
    exit 0
fi
dir=${1:?DIR}
command -v mmdebstrap >/dev/null || { echo "FAIL: mmdebstrap is required (scripts/install-deps.sh test)" >&2; exit 1; }
rm -rf "$dir"
mkdir -p "$(dirname "$dir")"
start=$SECONDS
unshare --mount --propagation private \
    mmdebstrap --variant=apt --include=systemd,systemd-sysv,dbus,systemd-resolved,iproute2 \
    --customize-hook='chroot "$1" systemctl mask apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer fstrim.timer getty@tty1.service systemd-pstore.service' \
    --customize-hook='echo ipcfg-test >"$1/etc/hostname"' \
    bookworm "$dir" >"$dir.log" 2>&1 || { tail -30 "$dir.log" >&2; echo "FAIL: mmdebstrap failed" >&2; exit 1; }
[[ -x $dir/lib/systemd/systemd && -x $dir/usr/bin/resolvectl ]] || { echo "FAIL: the root has no systemd" >&2; exit 1; }
echo "sd_root.sh: $dir made in $((SECONDS - start)) s ($(du -sh "$dir" | cut -f1))"
