#!/usr/bin/env bash
# Builds every package of ipcfg into build/packages/:
#   ipcfg_<version>_<arch>.deb            Debian package  (preset package)
#   ipcfg-<version>-linux-<machine>.tar.gz  Linux tarball   (preset package)
#   ipcfg-<version>-windows-x86_64.zip    Windows x86_64  (preset package-win64)
#   ipcfg-<version>-windows-i686.zip      Windows i686    (preset package-win32)
# Each is a CMake workflow preset (configure, build, cpack); one can be made
# alone with `cmake --workflow --preset NAME`.  Needs scripts/install-deps.sh
# build plus mingw-w64 (install-deps.sh test has everything).
#   scripts/package.sh [--fresh] [PRESET...]
set -euo pipefail
cd "$(dirname "$0")/.."

fresh=()
if [ "${1:-}" = "--fresh" ]; then
    fresh=(--fresh)
    shift
fi
presets=("$@")
[ ${#presets[@]} -gt 0 ] || presets=(package package-win64 package-win32)

# at most two compile jobs (shared machines; CMake reads this variable)
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2}
# reproducible archives: time stamps of the files from the last commit
if [ -z "${SOURCE_DATE_EPOCH:-}" ] && git rev-parse --git-dir >/dev/null 2>&1; then
    SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || true)
    [ -n "$SOURCE_DATE_EPOCH" ] && export SOURCE_DATE_EPOCH
fi

mkdir -p build/packages
for p in "${presets[@]}"; do
    echo "=== package.sh: $p"
    cmake --workflow --preset "$p" "${fresh[@]}"
done
# CPack's staging trees are not packages
rm -rf build/packages/_CPack_Packages
echo "=== package.sh: build/packages/"
ls -l build/packages/
