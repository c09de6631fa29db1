#!/usr/bin/env bash
# The tarball and the Windows zips that scripts/package.sh made:
#   archive_test.sh tarball|zip_x86_64|zip_i686
# Environment (tests/ship/CMakeLists.txt): IPCFG_SOURCE_DIR,
# IPCFG_PACKAGE_DIR, IPCFG_VERSION, IPCFG_TMP.
set -u  # no pipefail: "cmd | grep -q" must not fail when grep stops reading early

case_name=${1:?case}
fails=0
fail() { echo "FAIL [$case_name]: $*" >&2; fails=$((fails + 1)); }

T=$(mktemp -d "${IPCFG_TMP:-/tmp}/archive_${case_name}.XXXXXX")
trap 'rm -rf "$T"' EXIT
V=$IPCFG_VERSION

case $case_name in
tarball)
    tgz=$IPCFG_PACKAGE_DIR/ipcfg-$V-linux-$(uname -m).tar.gz
    [ -f "$tgz" ] || { echo "FAIL: $tgz missing (run scripts/package.sh)" >&2; exit 1; }
    top=ipcfg-$V-linux-$(uname -m)
    tar -tzf "$tgz" | sed 's|/$||' | sort >"$T/got"
    for f in bin/ipcfg share/man/man1/ipcfg.1.gz share/bash-completion/completions/ipcfg \
        share/doc/ipcfg/README.md share/doc/ipcfg/copyright share/doc/ipcfg/changelog.gz \
        share/doc/ipcfg/examples/ipcfg.fact; do
        grep -qx "$top/$f" "$T/got" || fail "$top/$f not in the tarball"
    done
    grep -v "^$top\(/\|$\)" "$T/got" | grep . && fail "entries outside $top/"
    tar -xzf "$tgz" -C "$T" || fail "tar -x failed"
    "$T/$top/bin/ipcfg" --version | grep -qx "ipcfg $V" || fail "bin/ipcfg --version"
    "$T/$top/bin/ipcfg" /all >/dev/null || fail "bin/ipcfg /all failed"
    [ -x "$T/$top/share/doc/ipcfg/examples/ipcfg.fact" ] || fail "share/doc/ipcfg/examples/ipcfg.fact is not executable"
    man -M "$T/$top/share/man" -w ipcfg >/dev/null || fail "man -M share/man -w ipcfg found nothing"
    ;;
zip_x86_64 | zip_i686)
    arch=${case_name#zip_}
    zip=$IPCFG_PACKAGE_DIR/ipcfg-$V-windows-$arch.zip
    [ -f "$zip" ] || { echo "FAIL: $zip missing (run scripts/package.sh)" >&2; exit 1; }
    top=ipcfg-$V-windows-$arch
    # exactly these files (docs/development.md, "Packages")
    unzip -Z1 "$zip" | grep -v '/$' | sort >"$T/got"
    printf '%s\n' "$top/LICENSE.txt" "$top/README.md" "$top/ipcfg.exe" | sort >"$T/want"
    diff -u "$T/want" "$T/got" || fail "zip holds other files than ipcfg.exe, README.md, LICENSE.txt"
    unzip -q "$zip" -d "$T" || fail "unzip failed"
    cmp -s "$T/$top/LICENSE.txt" "$IPCFG_SOURCE_DIR/LICENSE" || fail "LICENSE.txt differs from LICENSE"
    cmp -s "$T/$top/README.md" "$IPCFG_SOURCE_DIR/README.md" || fail "README.md differs"
    exe=$T/$top/ipcfg.exe
    case $arch in
    x86_64) triple=x86_64-w64-mingw32 fmt=pei-x86-64 ;;
    i686) triple=i686-w64-mingw32 fmt=pei-i386 ;;
    esac
    objdump=$(command -v "$triple-objdump")
    if [ -z "$objdump" ]; then
        fail "$triple-objdump missing (scripts/install-deps.sh test)"
    else
        got_fmt=$("$objdump" -f "$exe" | sed -n 's/.*file format //p' | head -n1)
        [ "$got_fmt" = "$fmt" ] || fail "ipcfg.exe is '$got_fmt', expected '$fmt'"
        "$objdump" -p "$exe" | grep -qi 'subsystem.*3\|(Windows CUI)' || fail "ipcfg.exe is not a console program"
        # the shipped exe keeps the DLL-planting defence: iphlpapi.dll is not
        # imported, only kernel32, ws2_32 and the C runtime are
        dlls=$("$objdump" -p "$exe" | sed -n 's/^[[:space:]]*DLL Name:[[:space:]]*//p' | tr -d '\r' | tr 'A-Z' 'a-z')
        echo "imports:" $dlls
        for d in $dlls; do
            case $d in
            kernel32.dll | ws2_32.dll | msvcrt.dll | ucrtbase.dll | api-ms-win-crt-*.dll) ;;
            *) fail "ipcfg.exe imports $d" ;;
            esac
        done
        # stripped: no symbol table left
        [ "$("$objdump" -t "$exe" 2>/dev/null | grep -c '^\[')" -eq 0 ] || fail "ipcfg.exe is not stripped"
    fi
    # the shipped exe keeps its version resource and manifest (stripping
    # leaves .rsrc alone)
    python3 "$IPCFG_SOURCE_DIR/tests/win/check_resources.py" "$exe" "$V" \
        "$(grep -m1 '^Copyright ' "$IPCFG_SOURCE_DIR/LICENSE")" || fail "ipcfg.exe's version resource or manifest"

    ;;
*)
    echo "unknown case $case_name" >&2
    exit 2
    ;;
esac

if [ "$fails" -ne 0 ]; then
    exit 1
fi
echo "ok [$case_name]"
