#!/usr/bin/env bash
# Creates the private Wine prefix the Windows tests share (a ctest fixture),
# once: later runs find it ready and return at once.
#
# usage: wine_prefix.sh WINE PREFIX_DIR
set -euo pipefail

wine=$1
prefix=$2

if [ -f "$prefix/.ipcfg-ready" ] && [ -f "$prefix/system.reg" ]; then
    echo "wine prefix $prefix is ready"
    exit 0
fi

rm -rf "$prefix"
mkdir -p "$(dirname "$prefix")"
export WINEPREFIX=$prefix WINEDEBUG=-all DISPLAY= WAYLAND_DISPLAY=
# no Mono/Gecko installers (they would ask, or download)
export WINEDLLOVERRIDES="mscoree=;mshtml="

wineserver=$(dirname "$wine")/wineserver
[ -x "$wineserver" ] || wineserver=$(command -v wineserver || true)

timeout 300 "$wine" wineboot -i </dev/null
if [ -n "$wineserver" ]; then
    timeout 120 "$wineserver" -w || true
fi
[ -f "$prefix/system.reg" ] || { echo "FAIL: wineboot did not create $prefix/system.reg" >&2; exit 1; }
[ -d "$prefix/drive_c/windows/system32" ] || { echo "FAIL: no system32 in $prefix" >&2; exit 1; }
touch "$prefix/.ipcfg-ready"
echo "wine prefix $prefix created"
