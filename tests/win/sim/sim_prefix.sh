#!/usr/bin/env bash
# The private Wine prefixes of the simulated-host tests (ctest fixtures).
#
#   sim_prefix.sh setup WINE PREFIX [SIM_DLL...]   create PREFIX once
#       (wineboot), install each SIM_DLL as the prefix's system iphlpapi.dll
#       for its architecture when given (a 32-bit one in syswow64, a 64-bit
#       one in system32; the "plain" prefix of the planting test keeps
#       Wine's own), then start a persistent wineserver and Wine's services
#       WITHOUT any DLL override.
#   sim_prefix.sh install WINE PREFIX SIM_DLL...   install more DLLs into a
#       prefix that setup made: the i686 build's comparison with the x86_64
#       one puts the 64-bit simulation beside its own 32-bit one.
#   sim_prefix.sh stop WINE PREFIX              stop the prefix's wineserver.
#
# Why the services are started here: the first Wine process of a session
# starts services.exe and winedevice.exe with its own environment.  If that
# were a test run with WINEDLLOVERRIDES=iphlpapi=n, Wine's ndis.sys would load
# the simulated iphlpapi.dll, call GetIfTable2 (which the simulation does not
# export) and crash with noise on the test's stderr.  run_case.sh also primes
# the session this way before each run, in case the server went away.
#
# SPDX-License-Identifier: MIT
set -euo pipefail

usage() { echo "usage: $0 setup|install|stop WINE PREFIX [SIM_DLL...]" >&2; exit 2; }
[ $# -ge 3 ] || usage
action=$1 wine=$2 prefix=$3
shift 3
dlls=("$@")

wineserver=$(dirname "$wine")/wineserver
[ -x "$wineserver" ] || wineserver=$(command -v wineserver || true)

export WINEPREFIX=$prefix WINEDEBUG=-all DISPLAY= WAYLAND_DISPLAY=
unset WINEDLLOVERRIDES

sys32=$prefix/drive_c/windows/system32

# Each of dlls as the prefix's system iphlpapi.dll for its architecture.
install_dlls() {
    local dll machine target
    [ -d "$sys32" ] || { echo "FAIL: no $sys32" >&2; exit 1; }
    for dll in "${dlls[@]}"; do
        [ -f "$dll" ] || { echo "FAIL: no $dll" >&2; exit 1; }
        # A 32-bit DLL goes where 32-bit processes look for system DLLs: the
        # syswow64 directory of a 64-bit prefix, else system32.
        machine=$(od -An -tx1 -j "$(( $(od -An -tu4 -j60 -N4 "$dll") + 4 ))" -N2 "$dll" | tr -d ' \n')
        target=$sys32
        if [ "$machine" = "4c01" ] && [ -d "$prefix/drive_c/windows/syswow64" ]; then
            target=$prefix/drive_c/windows/syswow64
        fi
        cp -f "$dll" "$target/iphlpapi.dll"
        echo "installed $dll as $target/iphlpapi.dll (machine $machine)"
    done
}

case $action in
install)
    # the DLLs into a prefix a setup made (its session keeps running)
    [ ${#dlls[@]} -gt 0 ] || usage
    install_dlls
    ;;
setup)
    if ! { [ -f "$prefix/.ipcfg-sim-ready" ] && [ -f "$prefix/system.reg" ]; }; then
        [ -n "$wineserver" ] && "$wineserver" -k 2>/dev/null || true
        rm -rf "$prefix"
        mkdir -p "$(dirname "$prefix")"
        # No Mono/Gecko installers (they would ask, or try to download).
        WINEDLLOVERRIDES="mscoree=;mshtml=" timeout 300 "$wine" wineboot -i </dev/null
        [ -n "$wineserver" ] && timeout 120 "$wineserver" -w || true
        [ -f "$prefix/system.reg" ] || { echo "FAIL: wineboot did not create $prefix/system.reg" >&2; exit 1; }
        touch "$prefix/.ipcfg-sim-ready"
        echo "wine prefix $prefix created"
    fi
    install_dlls
    if [ ${#dlls[@]} -eq 0 ]; then
        # The plain prefix must hold Wine's own iphlpapi: restore it if an
        # earlier setup replaced it (paranoia: this prefix never gets one).
        if ! grep -q "Wine builtin DLL" "$sys32/iphlpapi.dll" 2>/dev/null &&
           ! grep -q "Wine placeholder DLL" "$sys32/iphlpapi.dll" 2>/dev/null; then
            echo "FAIL: $sys32/iphlpapi.dll is not Wine's own" >&2
            exit 1
        fi
    fi
    # A persistent server, and the services started without overrides.
    if [ -n "$wineserver" ]; then
        "$wineserver" -p 2>/dev/null || true
    fi
    timeout 120 "$wine" cmd.exe /c exit </dev/null >/dev/null 2>&1 || true
    echo "wine session for $prefix is up"
    ;;
stop)
    if [ -n "$wineserver" ]; then
        "$wineserver" -k 2>/dev/null || true
        timeout 60 "$wineserver" -w 2>/dev/null || true
    fi
    echo "wine session for $prefix stopped"
    ;;
*)
    usage
    ;;
esac
