#!/usr/bin/env bash
# check_dll.sh OBJDUMP DLL: the simulated iphlpapi.dll imports nothing but
# kernel32 and the C runtime (it must load under Wine with no MinGW DLLs)
# and exports exactly the ten IP Helper functions ipcfg resolves, by their
# undecorated Win32 names.
# SPDX-License-Identifier: MIT
set -euo pipefail
objdump=$1 dll=$2
dump=$("$objdump" -p "$dll")
imports=$(awk '/DLL Name:/ { print tolower($3) }' <<<"$dump" | sort -u)
bad=$(grep -vxE 'kernel32\.dll|msvcrt\.dll|ucrtbase\.dll|api-ms-win-crt-[a-z0-9-]+\.dll' <<<"$imports" || true)
if [ -n "$bad" ]; then
    echo "FAIL: $dll imports $(echo $bad)" >&2
    exit 1
fi
exports=$(awk '/^\[Ordinal\/Name Pointer\] Table|Name Pointer\/Ordinal\] Table/ { on = 1; next } on && /^\t\[ *[0-9]+\] / { print $NF } on && /^$/ { on = 0 }' <<<"$dump" | sort)
want=$(printf '%s\n' AddIPAddress DeleteIPAddress GetAdaptersAddresses GetAdaptersInfo GetInterfaceInfo \
    GetIpAddrTable GetNetworkParams GetPerAdapterInfo IpReleaseAddress IpRenewAddress | sort)
if [ "$exports" != "$want" ]; then
    echo "FAIL: exports of $dll:" >&2
    echo "$exports" >&2
    exit 1
fi
echo "ok: imports $(echo $imports); the ten exports"
