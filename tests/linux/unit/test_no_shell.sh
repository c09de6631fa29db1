#!/usr/bin/env bash
# ipcfg never runs a shell: of the C library's ways to start a program the
# binary imports execve alone (no system, popen, the exec family that
# searches PATH or takes a shell's view of arguments, posix_spawn), so a
# lease's text can reach resolvconf, resolvectl and systemctl only as an
# execve argument or on their stdin (docs/linux.md, "Programs it runs").
#
# SPDX-License-Identifier: MIT
set -uo pipefail
bin=${1:?usage: test_no_shell.sh IPCFG}
command -v nm >/dev/null || { echo "FAIL: nm (binutils) is required" >&2; exit 1; }
imports=$(nm -D --undefined-only "$bin" | awk '{ print $NF }' | sed 's/@.*//') ||
    { echo "FAIL: nm could not read $bin" >&2; exit 1; }
grep -qx execve <<<"$imports" || { echo "FAIL: $bin does not import execve: not the binary expected" >&2; exit 1; }
bad=$(grep -xE 'system|popen|execl|execle|execlp|execv|execvp|execvpe|fexecve|posix_spawnp?|wordexp' <<<"$imports")
if [[ -n $bad ]]; then
    echo "FAIL: $bin imports $(tr '\n' ' ' <<<"$bad")" >&2
    exit 1
fi
echo "PASS: execve is the only way $bin starts a program"
