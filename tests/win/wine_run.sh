#!/usr/bin/env bash
# Runs a Windows program under Wine for ctest: the toolchain files make it
# CMAKE_CROSSCOMPILING_EMULATOR (this script, then the Wine loader), so
# every test that runs a built .exe directly (the goldens,
# unit_win_adapter_info32) goes through it.
#
#   wine_run.sh LOADER EXE [ARGS...]
#
# The program's stdout and stderr are passed on and its exit status is
# returned, but a run is refused (exit 125, the reason on stderr) when it
# printed nothing of the program's on either stream or when Wine says a part
# of it is missing, whatever Wine's exit status (wine_lib.sh); a run that
# Wine did not start is tried again first (3 attempts in all).  The programs
# run this way print something when they pass.
#
# SPDX-License-Identifier: MIT
set -uo pipefail

# shellcheck source=wine_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/wine_lib.sh"

[ $# -ge 2 ] || { echo "usage: wine_run.sh LOADER EXE [ARGS...]" >&2; exit 2; }
loader=$1
shift

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wine_run.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

for attempt in 1 2 3; do
    "$loader" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$attempt" -lt 3 ] && wine_retry_wanted "$rc" "$tmp/out" "$tmp/err"; then
        {
            echo "wine_run.sh: attempt $attempt: Wine did not start $(basename "$1") (exit $rc); its output:"
            sed 's/^/wine_run.sh:    | /' "$tmp/out" "$tmp/err"
            echo "wine_run.sh: once more"
        } >&2
        sleep "$WINE_RETRY_PAUSE"
        continue
    fi
    break
done
cat "$tmp/out"
cat "$tmp/err" >&2
if reason=$(wine_refusal "$tmp/out" "$tmp/err"); then
    echo "wine_run.sh: REFUSED $(basename "$1") (exit $rc, not counted): $reason" >&2
    exit 125
fi
exit "$rc"
