#!/usr/bin/env bash
# Reads the PE import table of a Windows executable with MinGW's objdump and
# fails on any DLL outside kernel32, ws2_32 and the C runtime (msvcrt.dll,
# ucrtbase.dll, api-ms-win-crt-*.dll).  iphlpapi.dll must not be imported
# at all: ipcfg loads it from the system directory at run time.
#
# usage: check_imports.sh OBJDUMP EXE EXPECTED_FORMAT   (pei-x86-64 | pei-i386)
set -euo pipefail

objdump=$1
exe=$2
want_format=$3

fail() { echo "FAIL: $*" >&2; exit 1; }

[ -f "$exe" ] || fail "$exe does not exist"
fmt=$("$objdump" -f "$exe" | sed -n 's/.*file format //p' | head -n1)
[ "$fmt" = "$want_format" ] || fail "$exe is '$fmt', expected '$want_format'"

dlls=$("$objdump" -p "$exe" | sed -n 's/^[[:space:]]*DLL Name:[[:space:]]*//p' | tr -d '\r' | tr 'A-Z' 'a-z')
[ -n "$dlls" ] || fail "no import table found in $exe"

bad=""
for d in $dlls; do
    case "$d" in
    iphlpapi.dll) fail "$exe imports iphlpapi.dll statically (it must be loaded from the system directory at run time)" ;;
    kernel32.dll | ws2_32.dll | msvcrt.dll | ucrtbase.dll | api-ms-win-crt-*.dll) ;;
    *) bad="$bad $d" ;;
    esac
done
[ -z "$bad" ] || fail "$exe imports DLLs outside kernel32, ws2_32 and the C runtime:$bad"
case " $(echo $dlls) " in
*" kernel32.dll "*) ;;
*) fail "kernel32.dll missing from the import table of $exe (objdump output not understood?)" ;;
esac
echo "ok: $exe ($fmt) imports only:" $dlls
