#!/usr/bin/env bash
# The Wine runners refuse what must never pass: wine_run.sh (the emulator of
# the goldens), wine_tests.sh and sim/run_case.sh are run with a stand-in
# Wine loader that behaves as a broken Wine does (wine32 missing: a hint on
# stderr, nothing on stdout, exit 0; ntdll not loadable; nothing at all) and
# must fail; a stand-in that prints and exits normally must pass, its
# output and exit status passed on, and a first attempt that Wine did not
# start must be tried again.
#
#   harness_test.sh   (run by ctest in the MinGW builds; no Wine needed)
#
# SPDX-License-Identifier: MIT
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
T=$(mktemp -d "${TMPDIR:-/tmp}/wine_harness.XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
checks=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
pass() { checks=$((checks + 1)); }

# The stand-in loader: its behaviour from FAKE_WINE_MODE.  A wineserver
# beside it, so that no runner reaches the real one.
mkdir -p "$T/bin"
cat >"$T/bin/wine" <<'EOF'
#!/usr/bin/env bash
case $FAKE_WINE_MODE in
missing32)
    # what Debian's wine prints for a 32-bit program without wine32
    echo "it looks like wine32 is missing, you should install it." >&2
    echo "multiarch needs to be enabled first.  as root, please" >&2
    echo "execute \"dpkg --add-architecture i386 && apt-get update &&" >&2
    echo "apt-get install wine32:i386\"" >&2
    exit 0 ;;
loadfail) echo "wine: could not load ntdll.so: /nonexistent/ntdll.so: cannot open shared object file" >&2; exit 0 ;;
silent) exit 0 ;;
noise) echo "0024:err:module:import_dll Library foo.dll not found" >&2; exit 0 ;;
flaky)
    # Wine did not start the first time (nothing printed, exit 1), then did
    n=$(cat "$FAKE_WINE_COUNT" 2>/dev/null || echo 0)
    echo $((n + 1)) >"$FAKE_WINE_COUNT"
    [ "$n" -ge 1 ] || exit 1
    echo "ran $*"; exit 0 ;;
ok) echo "ran $*"; echo "a note" >&2; exit 3 ;;
esac
exit 99
EOF
printf '#!/bin/sh\nexit 0\n' >"$T/bin/wineserver"
chmod +x "$T/bin/wine" "$T/bin/wineserver"
export FAKE_WINE_COUNT=$T/count WINE_RETRY_PAUSE=0

# ---- wine_run.sh ---------------------------------------------------------------
for mode in missing32 loadfail silent noise; do
    FAKE_WINE_MODE=$mode bash "$here/wine_run.sh" "$T/bin/wine" prog.exe /x >"$T/out" 2>"$T/err"
    rc=$?
    if [ "$rc" = 125 ] && grep -q "REFUSED prog.exe" "$T/err"; then pass; else
        fail "wine_run.sh ($mode): exit $rc, expected the refusal (125); stderr: $(cat "$T/err")"
    fi
done
FAKE_WINE_MODE=ok bash "$here/wine_run.sh" "$T/bin/wine" prog.exe /x >"$T/out" 2>"$T/err"
rc=$?
if [ "$rc" = 3 ] && [ "$(cat "$T/out")" = "ran prog.exe /x" ] && [ "$(cat "$T/err")" = "a note" ]; then pass; else
    fail "wine_run.sh (ok): exit $rc, stdout '$(cat "$T/out")', stderr '$(cat "$T/err")'"
fi
rm -f "$FAKE_WINE_COUNT"
FAKE_WINE_MODE=flaky bash "$here/wine_run.sh" "$T/bin/wine" prog.exe >"$T/out" 2>"$T/err"
rc=$?
if [ "$rc" = 0 ] && [ "$(cat "$T/out")" = "ran prog.exe" ] && grep -q "attempt 1: Wine did not start" "$T/err"; then pass; else
    fail "wine_run.sh (flaky): exit $rc, stdout '$(cat "$T/out")', stderr '$(cat "$T/err")'"
fi

# ---- wine_tests.sh -------------------------------------------------------------
mkdir -p "$T/wt"
for mode in missing32 silent; do
    FAKE_WINE_MODE=$mode IPCFG_WINE=$T/bin/wine IPCFG_WINEPREFIX=$T/prefix IPCFG_EXE=$T/ipcfg.exe \
        IPCFG_WIN_UNIT=$T/win_unit.exe IPCFG_TMP=$T/wt bash "$here/wine_tests.sh" version >"$T/out" 2>"$T/err"
    rc=$?
    if [ "$rc" -ne 0 ] && grep -q "does not count" "$T/err"; then pass; else
        fail "wine_tests.sh version ($mode): exit $rc, expected a failure saying the run does not count; stderr: $(cat "$T/err")"
    fi
done

# ---- sim/run_case.sh -----------------------------------------------------------
mkdir -p "$T/scn" "$T/cases"
printf 'host-name X\n' >"$T/scn/host.scn"
cat >"$T/cases/version.case" <<'EOF'
scenario host.scn
run /version
expect_exit 0
EOF
for mode in missing32 loadfail silent; do
    FAKE_WINE_MODE=$mode SIM_WINE=$T/bin/wine SIM_PREFIX=$T/prefix SIM_EXE=$T/ipcfg.exe SIM_DLL=$T/iphlpapi.dll \
        SIM_FMTMSG=$T/fmt.exe SIM_SCENARIOS=$T/scn SIM_WORK=$T/work bash "$here/sim/run_case.sh" "$T/cases/version.case" \
        >"$T/out" 2>"$T/err"
    rc=$?
    if [ "$rc" -ne 0 ] && grep -q "does not count" "$T/err"; then pass; else
        fail "run_case.sh ($mode): exit $rc, expected a failure saying the run does not count; stderr: $(cat "$T/err")"
    fi
done

if [ "$fails" -ne 0 ]; then
    echo "harness_test: $fails failed, $checks passed" >&2
    exit 1
fi
echo "harness_test: $checks checks passed"
