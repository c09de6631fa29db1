#!/usr/bin/env bash
# sd_debs.sh SRC DIR: the packages the tests under a real systemd install,
# made as a user makes them, by a plain `cpack -G DEB` in a tree of the
# sources (the ctest fixture "systemd_debs"):
#   DIR/ipcfg_<version>_<arch>.deb      the package
#   DIR/upgrade/ipcfg_<version>-1_<arch>.deb   the same sources rebuilt
#                                       with a higher version (a Debian
#                                       revision), for the upgrade
# SPDX-License-Identifier: MIT
set -euo pipefail
src=${1:?SRC} dir=${2:?DIR}
rm -rf "$dir"
mkdir -p "$dir/upgrade"
B=$dir/build
{
    cmake -S "$src" -B "$B" -DCMAKE_BUILD_TYPE=Release -DIPCFG_BUILD_TESTS=OFF &&
        cmake --build "$B" -j2 && (cd "$B" && cpack -G DEB) && mv "$B"/ipcfg_*.deb "$dir/" &&
        cmake -S "$src" -B "$B" -DIPCFG_DEBIAN_REVISION=1 && (cd "$B" && cpack -G DEB) &&
        mv "$B"/ipcfg_*-1_*.deb "$dir/upgrade/"
} >"$dir/build.log" 2>&1 || { tail -30 "$dir/build.log" >&2; echo "FAIL: the plain cpack builds failed" >&2; exit 1; }
rm -rf "$B"
ls "$dir"/*.deb "$dir"/upgrade/*.deb
