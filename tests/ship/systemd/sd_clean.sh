#!/usr/bin/env bash
# sd_clean.sh DIR: the cleanup of the tests under a real systemd (the
# ctest fixtures' cleanup, ship_systemd_clean).  It fails if a test of the
# run left anything on the host: a cgroup, a process, a mount, a file, an
# interface (sd_leftovers.sh, with the run's ledger DIR/ledger that each
# test added its names to), and removes what it found all the same; then
# it removes DIR (the root and the packages of the fixtures).
# SPDX-License-Identifier: MIT
set -uo pipefail
dir=${1:?DIR}
rc=0
if [[ -s $dir/ledger ]]; then
    if out=$(bash "$(dirname "$0")/sd_leftovers.sh" --remove "$dir/ledger" "$dir"); then
        echo "sd_clean.sh: the $(wc -l <"$dir/ledger") tests of the ledger left nothing on the host"
        [[ -z $out ]] || echo "$out"
    else
        echo "$out" >&2
        echo "FAIL: the tests under systemd left the above on the host (removed now)" >&2
        rc=1
    fi
else
    echo "sd_clean.sh: no test under systemd ran (no ledger)"
fi
rm -rf "$dir"
exit $rc
