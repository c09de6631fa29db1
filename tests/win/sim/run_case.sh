#!/usr/bin/env bash
# Runs one simulated-host test case: the real ipcfg.exe under Wine against
# the test-only iphlpapi.dll (iphlpapi_sim.c) installed in a private prefix.
#
#   run_case.sh CASE_FILE
#
# The case file is bash, sourced here; it uses the functions below (see
# README.md).  Every expectation is checked when it is reached; the case
# fails if any did, and then shows stdout, stderr and the call log.
#
# Environment (set by CMakeLists.txt):
#   SIM_WINE      the Wine loader (wine64)
#   SIM_PREFIX    the prefix whose system32 holds the simulation
#   SIM_PLAIN_PREFIX  a prefix with Wine's own iphlpapi (planting test)
#   SIM_EXE       ipcfg.exe
#   SIM_DLL       the simulated iphlpapi.dll
#   SIM_FMTMSG    sim_fmtmsg.exe (FormatMessage text of a code)
#   SIM_SELFTEST  sim_selftest.exe (checks of the simulation itself)
#   SIM_SCENARIOS the scenario directory
#   SIM_WORK      a scratch directory for this case
#
# SPDX-License-Identifier: MIT
set -uo pipefail

case_file=${1:?usage: run_case.sh CASE_FILE}
# expected outputs (captured real ipconfig text) beside cases/
SIM_EXPECTED=$(cd "$(dirname "$case_file")/.." && pwd)/expected
for v in SIM_WINE SIM_PREFIX SIM_EXE SIM_DLL SIM_FMTMSG SIM_SCENARIOS SIM_WORK; do
    [ -n "${!v:-}" ] || { echo "run_case.sh: $v is not set" >&2; exit 2; }
done

SIM_WINESERVER=$(dirname "$SIM_WINE")/wineserver
[ -x "$SIM_WINESERVER" ] || SIM_WINESERVER=$(command -v wineserver || true)

rm -rf "$SIM_WORK"
mkdir -p "$SIM_WORK"
OUT=$SIM_WORK/stdout.raw
ERR=$SIM_WORK/stderr.raw
OUTN=$SIM_WORK/stdout.txt   # decoded from the output code page, CR removed
ERRN=$SIM_WORK/stderr.txt
LOG=$SIM_WORK/calls.log
STATE=
SCENARIO=
EXIT=
RUN_SECONDS=0
RUN_MS=0
RUNS=0
FAILS=0
LAST_CMD=
SIM_LOCALE=C.UTF-8

fail() {
    FAILS=$((FAILS + 1))
    printf 'FAIL: %s\n' "$*" >&2
}

note() { printf '%s\n' "$*" >&2; }

# What every Wine runner holds to: a run that printed nothing of the
# program's, or whose output says a part of Wine is missing, is refused
# whatever its exit status (only_wine_noise, wine_retry_wanted,
# wine_refusal, crlf_lines_ok, lf_only_ok).
# shellcheck source=../wine_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../wine_lib.sh"

# ---- setting up ------------------------------------------------------------

# scenario FILE: the simulated host (a file in scenarios/, or a path); the
# call log starts empty.
scenario() {
    case $1 in
    /*) SCENARIO=$1 ;;
    *) SCENARIO=$SIM_SCENARIOS/$1 ;;
    esac
    [ -f "$SCENARIO" ] || { echo "run_case.sh: no scenario $SCENARIO" >&2; exit 2; }
    : >"$LOG"
}

# scenario_text: the scenario from stdin (for small cases that need a
# variation of a host).
scenario_text() {
    SCENARIO=$SIM_WORK/scenario.scn
    cat >"$SCENARIO"
    : >"$LOG"
}

# scenario_add LINE...: appends lines (result, grow, quirk ...) to a copy of
# the current scenario.
scenario_add() {
    if [ "$SCENARIO" != "$SIM_WORK/scenario.scn" ]; then
        cp "$SCENARIO" "$SIM_WORK/scenario.scn"
        SCENARIO=$SIM_WORK/scenario.scn
    fi
    printf '%s\n' "$@" >>"$SCENARIO"
}

# use_state: state changes (release, renew, add, delete) persist from one
# run to the next, as on a real host.
use_state() {
    STATE=$SIM_WORK/state.txt
    : >"$STATE"
}

# locale NAME: the Unix locale Wine runs under (LC_ALL and LANG); Wine takes
# its code pages from it (ru_RU.UTF-8: OEM 866, ANSI 1251; fr_FR.UTF-8: 850,
# 1252; C.UTF-8: 437, 1252), whether or not the locale is installed.
locale() {
    SIM_LOCALE=$1
}

# The OEM code page Wine has under SIM_LOCALE (probed with GetOEMCP).
sim_oem_cp() {
    case $SIM_LOCALE in
    ru_RU*) echo 866 ;;
    fr_FR* | de_DE*) echo 850 ;;
    *) echo 437 ;;
    esac
}

# Start the prefix's session without overrides (see sim_prefix.sh).
prime() {
    local prefix=$1
    (
        export WINEPREFIX=$prefix WINEDEBUG=-all
        unset WINEDLLOVERRIDES
        [ -n "$SIM_WINESERVER" ] && "$SIM_WINESERVER" -p300 2>/dev/null
        timeout 120 "$SIM_WINE" cmd.exe /c exit </dev/null >/dev/null 2>&1
    ) || true
}

# run ARGS...: ipcfg.exe ARGS against the simulated host.  Its text ends
# every line with CR LF, on stdout and on stderr; its /json document
# (stdout) has LF alone.
run() {
    run_exe "$SIM_PREFIX" "iphlpapi=n" "$SIM_EXE" "$@"
    expect_line_ends "$@"
}

# expect_line_ends ARGS...: the raw bytes of the last redirected ipcfg run
# (ARGS, its arguments) end their lines as Windows text does.
expect_line_ends() {
    local fault
    while IFS= read -r fault; do
        fail "[$LAST_CMD] $fault"
    done < <(ipcfg_line_end_faults "$OUT" "$ERR" "$@")
}

# run_both ARGS...: ipcfg.exe ARGS as this build made it, then the other
# architecture's ipcfg.exe (SIM_OTHER_EXE under SIM_OTHER_WINE: the x86_64
# build beside this i686 one), against the same host in the same prefix
# (which holds the simulation for both), from the same state; both must
# write the same bytes on stdout and stderr, exit with the same code and
# make the same changes to the host.  The checks that follow read the
# second run.
run_both() {
    local keep=$SIM_WORK/both
    for v in SIM_OTHER_WINE SIM_OTHER_EXE; do
        [ -n "${!v:-}" ] || { echo "run_case.sh: $v is not set (run_both)" >&2; exit 2; }
    done
    [ -f "$SIM_OTHER_EXE" ] || { fail "no $SIM_OTHER_EXE: build the other architecture first (scripts/test.sh builds mingw64 before mingw32)"; return; }
    mkdir -p "$keep"
    [ -n "$STATE" ] && cp "$STATE" "$keep/state.before"
    run "$@"
    cp "$OUT" "$keep/out.this"
    cp "$ERR" "$keep/err.this"
    local exit_this=$EXIT
    if [ -n "$STATE" ]; then
        cp "$STATE" "$keep/state.this"
        cp "$keep/state.before" "$STATE"
    fi
    SIM_WINE=$SIM_OTHER_WINE SIM_EXE=$SIM_OTHER_EXE run "$@"
    [ "$EXIT" = "$exit_this" ] || fail "[$LAST_CMD] exit code $exit_this here, $EXIT from $SIM_OTHER_EXE"
    local s
    for s in out err; do
        local f=$OUT
        [ $s = err ] && f=$ERR
        if ! cmp -s "$keep/$s.this" "$f"; then
            fail "[$LAST_CMD] std$s differs between the two architectures:"
            diff -u --label "std$s here" --label "std$s of $SIM_OTHER_EXE" <(od -c "$keep/$s.this") <(od -c "$f") | head -20 >&2
        fi
    done
    # the same changes; their order aside: adapters acted on together are
    # released or renewed on worker threads, which append to the state in
    # the order they finish
    if [ -n "$STATE" ] && ! cmp -s <(sort "$keep/state.this") <(sort "$STATE"); then
        fail "[$LAST_CMD] the simulated host's state differs between the two architectures:"
        diff -u --label "state here" --label "state of $SIM_OTHER_EXE" "$keep/state.this" "$STATE" | head -20 >&2
    fi
}

# run_console ARGS...: the same on a console (stdout and stderr both reach
# the pty, so both land in stdout).
run_console() {
    SIM_CONSOLE=1 run_exe "$SIM_PREFIX" "iphlpapi=n" "$SIM_EXE" "$@"
}

# run_stdout_full ARGS..., run_stdout_closed ARGS...: the same with stdout
# on /dev/full (writes fail: disk full) or closed; stdout.txt stays empty.
run_stdout_full() {
    SIM_STDOUT=full run_exe "$SIM_PREFIX" "iphlpapi=n" "$SIM_EXE" "$@"
    expect_line_ends "$@"
}
run_stdout_closed() {
    SIM_STDOUT=closed run_exe "$SIM_PREFIX" "iphlpapi=n" "$SIM_EXE" "$@"
    expect_line_ends "$@"
}
# run_reader_gone ARGS...: stdout is a pipe whose reader went away.
run_reader_gone() {
    SIM_STDOUT=gone run_exe "$SIM_PREFIX" "iphlpapi=n" "$SIM_EXE" "$@"
    expect_line_ends "$@"
}

# plant_run ARGS...: ipcfg.exe copied into a scratch directory together with
# the simulated iphlpapi.dll, run in the plain prefix (Wine's own iphlpapi
# in system32) with WINEDLLOVERRIDES=iphlpapi=n,b.
plant_run() {
    [ -n "${SIM_PLAIN_PREFIX:-}" ] || { echo "run_case.sh: SIM_PLAIN_PREFIX is not set" >&2; exit 2; }
    local dir=$SIM_WORK/planted
    mkdir -p "$dir"
    cp -f "$SIM_EXE" "$dir/ipcfg.exe"
    cp -f "$SIM_DLL" "$dir/iphlpapi.dll"
    run_exe "$SIM_PLAIN_PREFIX" "iphlpapi=n,b" "$dir/ipcfg.exe" "$@"
    expect_line_ends "$@"
}

# run_selftest MODE: sim_selftest.exe (checks of the simulation itself)
# against the simulated host.
run_selftest() {
    [ -n "${SIM_SELFTEST:-}" ] || { echo "run_case.sh: SIM_SELFTEST is not set" >&2; exit 2; }
    run_exe "$SIM_PREFIX" "iphlpapi=n" "$SIM_SELFTEST" "$@"
}

run_exe() {
    local prefix=$1 overrides=$2 exe=$3
    shift 3
    prime "$prefix"
    RUNS=$((RUNS + 1))
    LAST_CMD="$(basename "$exe" .exe) $*"
    note "--- run $RUNS: $LAST_CMD"
    local t0 t0ms logsize attempt
    for attempt in 1 2 3; do
        logsize=$(stat -c %s "$LOG" 2>/dev/null || echo 0)
        t0=$(date +%s)
        t0ms=$(date +%s%3N)
        (
            export WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLOVERRIDES=$overrides
            export IPCFG_SIM_SCENARIO=$SCENARIO IPCFG_SIM_LOG=$LOG
            if [ -n "$STATE" ]; then export IPCFG_SIM_STATE=$STATE; else unset IPCFG_SIM_STATE; fi
            # UTF-8 arguments reach wmain as UTF-16 only under a UTF-8 locale;
            # lease times are local time: fix the zone.
            export LC_ALL=$SIM_LOCALE LANG=$SIM_LOCALE TZ=UTC
            if [ -n "${SIM_CONSOLE:-}" ]; then
                # on a console: a pseudo-terminal (script(1)); Wine gives the
                # program a console, whose output reaches the pty as UTF-8
                exec timeout 120 script -qec "$(printf '%q ' "$SIM_WINE" "$exe" "$@")" /dev/null </dev/null >"$OUT" 2>"$ERR"
            fi
            # stdout that cannot be written (run_stdout_full, run_stdout_closed)
            case ${SIM_STDOUT:-} in
            full) : >"$OUT"; exec timeout 120 "$SIM_WINE" "$exe" "$@" </dev/null >/dev/full 2>"$ERR" ;;
            closed) : >"$OUT"; exec timeout 120 "$SIM_WINE" "$exe" "$@" </dev/null 2>"$ERR" >&- ;;
            gone)
                # a pipe whose reader has closed its end before ipcfg writes
                : >"$OUT"
                { sleep 0.3; exec timeout 120 "$SIM_WINE" "$exe" "$@" </dev/null 2>"$ERR"; } | (exec 0<&-; sleep 5)
                exit "${PIPESTATUS[0]}" ;;
            esac
            exec timeout 120 "$SIM_WINE" "$exe" "$@" </dev/null >"$OUT" 2>"$ERR"
        )
        EXIT=$?
        RUN_SECONDS=$(( $(date +%s) - t0 ))
        RUN_MS=$(( $(date +%s%3N) - t0ms ))
        note "    exit $EXIT after $RUN_MS ms"
        # Now and then Wine fails before the program runs: no output at all,
        # or only Wine's own loader/server messages, and not one IP Helper
        # call.  ipcfg itself never fails silently, so such a run is started
        # again (3 attempts in all, whatever its exit status), each discarded
        # attempt shown; anything the program did is judged as it is.  (A
        # reader gone away (run_reader_gone) is meant to end a run silently.)
        if [ "$attempt" -lt 3 ] && [ "${SIM_STDOUT:-}" != gone ] && wine_retry_wanted "$EXIT" "$OUT" "$ERR" &&
            [ "$(stat -c %s "$LOG" 2>/dev/null || echo 0)" = "$logsize" ]; then
            note "    attempt $attempt: Wine did not start the program (exit $EXIT, no call); its output:"
            note "    ---- stdout"; sed 's/^/    | /' "$OUT" >&2
            note "    ---- stderr"; sed 's/^/    | /' "$ERR" >&2
            note "    once more"
            sleep "$WINE_RETRY_PAUSE"
            prime "$prefix"
            continue
        fi
        break
    done
    # stdout.txt / stderr.txt: what a Windows reader sees, decoded from the
    # code page ipcfg writes redirected text in (a console run reaches the
    # pty as UTF-8); the raw bytes stay in $OUT / $ERR
    local cp=UTF-8
    [ -n "${SIM_CONSOLE:-}" ] || cp=CP$(sim_oem_cp)
    iconv -f "$cp" -t UTF-8 "$OUT" 2>/dev/null | tr -d '\r' >"$OUTN"
    iconv -f "$cp" -t UTF-8 "$ERR" 2>/dev/null | tr -d '\r' >"$ERRN"
    cp "$OUT" "$SIM_WORK/stdout.$RUNS.raw"
    cp "$ERR" "$SIM_WORK/stderr.$RUNS.raw"
    if [ "$EXIT" = 124 ]; then
        fail "[$LAST_CMD] timed out"
    fi
    # A run that printed nothing of the program's, or that Wine could not
    # start for want of a part of it, is never a pass (whatever its exit
    # status).  A reader gone away ends ipcfg silently: there the call log,
    # which grew, or ipcfg's exit code for lost output (3; Wine that has
    # run nothing exits 0) shows that it ran.  SIM_OUT_FILE: the command
    # writes its output to that file instead (cmd.exe /c "... > FILE").
    local silent= reason
    if [ "${SIM_STDOUT:-}" = gone ] &&
        { [ "$EXIT" = 3 ] || [ "$(stat -c %s "$LOG" 2>/dev/null || echo 0)" != "$logsize" ]; }; then
        silent=silent-ok
    fi
    if reason=$(wine_refusal "${SIM_OUT_FILE:-$OUT}" "$ERR" $silent); then
        fail "[$LAST_CMD] the run does not count (exit $EXIT): $reason"
    fi
}

# fmtmsg CODE: the system's message text for CODE (under this Wine).
# A run of sim_fmtmsg that printed nothing or that Wine could not start is
# a failure of the case (wine_lib.sh), not an empty text.  (fmtmsg runs in a
# command substitution: the failure is marked in a file the end of this
# script counts.)
fmtmsg() {
    local f=$SIM_WORK/fmtmsg reason
    (
        export WINEPREFIX=$SIM_PREFIX WINEDEBUG=-all
        unset WINEDLLOVERRIDES
        timeout 60 "$SIM_WINE" "$SIM_FMTMSG" "$1" </dev/null >"$f.out" 2>"$f.err"
    )
    if reason=$(wine_refusal "$f.out" "$f.err"); then
        fail "sim_fmtmsg $1: the run does not count: $reason"
        : >"$SIM_WORK/failed_in_subshell"
    fi
    tr -d '\r' <"$f.out"
}

# ---- expectations ----------------------------------------------------------

expect_exit() {
    [ "$EXIT" = "$1" ] || fail "[$LAST_CMD] exit code $EXIT, expected $1"
}

# The last run took less than N seconds (wall clock).
# expect_ms_below MS: the last run took less than MS milliseconds.
expect_ms_below() {
    [ "$RUN_MS" -lt "$1" ] || fail "[$LAST_CMD] took $RUN_MS ms, expected less than $1 ms"
}

expect_seconds_below() {
    [ "$RUN_SECONDS" -lt "$1" ] || fail "[$LAST_CMD] took $RUN_SECONDS s, expected less than $1 s"
}

# A line of stdout equal to TEXT.
expect_out_line() {
    grep -Fxq -- "$1" "$OUTN" || fail "[$LAST_CMD] stdout has no line: '$1'"
}

# A line of stdout matching the extended regex.
expect_out_re() {
    grep -Eq -- "$1" "$OUTN" || fail "[$LAST_CMD] stdout has no line matching /$1/"
}

expect_no_out_re() {
    if grep -Eq -- "$1" "$OUTN"; then
        fail "[$LAST_CMD] stdout has a line matching /$1/: $(grep -E -m1 -- "$1" "$OUTN")"
    fi
}

# TEXT appears nowhere in stdout.
expect_no_out_text() {
    if grep -Fq -- "$1" "$OUTN"; then
        fail "[$LAST_CMD] stdout contains '$1'"
    fi
}

expect_out_text() {
    grep -Fq -- "$1" "$OUTN" || fail "[$LAST_CMD] stdout does not contain '$1'"
}

# The first three lines: blank, the title, blank.
expect_title() {
    [ "$(sed -n 1p "$OUTN")" = "" ] && [ "$(sed -n 2p "$OUTN")" = "$1" ] && [ "$(sed -n 3p "$OUTN")" = "" ] ||
        fail "[$LAST_CMD] stdout does not start with a blank line, '$1', a blank line"
}

# Each TEXT appears in stdout, first occurrences in this order.
expect_out_order() {
    local prev=0 t n
    for t in "$@"; do
        n=$(grep -Fn -m1 -- "$t" "$OUTN" | cut -d: -f1)
        if [ -z "$n" ]; then
            fail "[$LAST_CMD] stdout does not contain '$t'"
            return
        fi
        [ "$n" -gt "$prev" ] || fail "[$LAST_CMD] '$t' (line $n) is not after the previous item (line $prev)"
        prev=$n
    done
}

expect_out_empty() {
    [ ! -s "$OUTN" ] || fail "[$LAST_CMD] stdout is not empty"
}

expect_err_line() {
    grep -Fxq -- "$1" "$ERRN" || fail "[$LAST_CMD] stderr has no line: '$1'"
}

expect_err_re() {
    grep -Eq -- "$1" "$ERRN" || fail "[$LAST_CMD] stderr has no line matching /$1/"
}

expect_err_empty() {
    [ ! -s "$ERRN" ] || fail "[$LAST_CMD] stderr is not empty"
}

# Exactly N lines on stderr.
expect_err_lines() {
    local n
    n=$(wc -l <"$ERRN")
    [ "$n" -eq "$1" ] || fail "[$LAST_CMD] stderr has $n lines, expected $1"
}

# The adapter block that starts with header line HEADER (up to the next
# line that starts in column 0).
block() {
    awk -v h="$1" '
        found && /^[^ ]/ { exit }
        found { print }
        $0 == h { found = 1 }
    ' "$OUTN"
}

expect_block_line() {
    grep -Fxq -- "$1" "$OUTN" || { fail "[$LAST_CMD] no adapter block '$1'"; return; }
    block "$1" | grep -Fxq -- "$2" || fail "[$LAST_CMD] block '$1' has no line: '$2'"
}

expect_block_re() {
    grep -Fxq -- "$1" "$OUTN" || { fail "[$LAST_CMD] no adapter block '$1'"; return; }
    block "$1" | grep -Eq -- "$2" || fail "[$LAST_CMD] block '$1' has no line matching /$2/"
}

expect_no_block_re() {
    grep -Fxq -- "$1" "$OUTN" || { fail "[$LAST_CMD] no adapter block '$1'"; return; }
    if block "$1" | grep -Eq -- "$2"; then
        fail "[$LAST_CMD] block '$1' has a line matching /$2/: $(block "$1" | grep -E -m1 -- "$2")"
    fi
}

# The text layout of the contract: every non-empty stdout line is a title or
# adapter header (column 0, ends with ':' for headers), a labelled field
# (3 spaces, label with dot leaders, ':' at column 37, value from column 39),
# a further value indented 39 spaces, or real ipconfig's one longer label,
# "Connection-specific DNS Suffix Search List :" alone on its line.
SEARCH_LIST_LABEL='   Connection-specific DNS Suffix Search List :'
expect_layout() {
    local bad
    bad=$(grep -nEv '^$|^[^ ].*$|^   [^ ].{33}:( .*)?$|^ {39}[^ ]' "$OUTN" | grep -vFx -- "${SEARCH_LIST_LABEL}" |
        grep -vE "^[0-9]+:${SEARCH_LIST_LABEL}\$" | head -3)
    [ -z "$bad" ] || fail "[$LAST_CMD] lines off the ipconfig layout: $bad"
    bad=$(grep -nE '^   [^ ]' "$OUTN" | grep -vE '^[0-9]+:   [^ ][^:]{33}:( |$)' |
        grep -vE "^[0-9]+:${SEARCH_LIST_LABEL}\$" | head -3)
    [ -z "$bad" ] || fail "[$LAST_CMD] labelled lines whose colon is not at column 37: $bad"
}

# expect_out_file FILE: stdout equals FILE (in expected/ unless a path)
# byte for byte: the raw bytes ipcfg wrote, CR LF line ends and trailing
# blanks included (expected/README.md: the captures hold what real ipconfig
# writes).
expect_out_file() {
    local f=$1
    case $f in /*) ;; *) f=$SIM_EXPECTED/$f ;; esac
    [ -f "$f" ] || { fail "no expected file $f"; return; }
    if ! cmp -s "$f" "$OUT"; then
        fail "[$LAST_CMD] stdout differs from $(basename "$f") (bytes; ^M is CR):"
        diff -u --label "$(basename "$f")" --label stdout <(cat -A "$f") <(cat -A "$OUT") | head -40 >&2
    fi
}

# Every labelled line with an empty value ends with ": " (the blank after
# the colon, as real ipconfig writes it); the search-list label has none.
expect_empty_values() {
    local bad
    bad=$(grep -nE '^   [^ ].{33}:$' "$OUTN" | head -3)
    [ -z "$bad" ] || fail "[$LAST_CMD] empty-value lines without the blank after the colon: $bad"
    bad=$(grep -nE "^${SEARCH_LIST_LABEL} +\$" "$OUTN" | head -3)
    [ -z "$bad" ] || fail "[$LAST_CMD] the search-list label has trailing blanks: $bad"
}

# The call log: REGEX (extended) matched by exactly N lines.
expect_log_count() {
    local n
    n=$(grep -Ec -- "$1" "$LOG")
    [ "$n" -eq "$2" ] || fail "[$LAST_CMD] call log: $n lines match /$1/, expected $2"
}

# At least LO and at most HI lines match REGEX.
expect_log_count_between() {
    local n
    n=$(grep -Ec -- "$1" "$LOG")
    [ "$n" -ge "$2" ] && [ "$n" -le "$3" ] || fail "[$LAST_CMD] call log: $n lines match /$1/, expected $2..$3"
}

# The Name= of the IpReleaseAddress/IpRenewAddress lines for GUID.
log_names() {
    grep -E "^$1 " "$LOG" | sed -nE 's/.* Name=([^ ]*) .*/\1/p'
}

expect_log_line() {
    grep -Fxq -- "$1" "$LOG" || fail "[$LAST_CMD] call log has no line: '$1'"
}

expect_log_empty() {
    [ ! -s "$LOG" ] || fail "[$LAST_CMD] the call log is not empty"
}

# FUNCTION's first three calls are the size query, a fill that finds the
# size grown (too-small answer again, with a bigger size) and a fill that
# succeeds.
expect_grow_sequence() {
    local fn=$1 small=$2
    local lines
    mapfile -t lines < <(grep -E "^$fn " "$LOG" | head -3)
    if [ "${#lines[@]}" -lt 3 ]; then
        fail "[$LAST_CMD] $fn was called ${#lines[@]} times, expected the query, a grown answer and a fill"
        return
    fi
    [[ ${lines[0]} == *" -> $small size="* ]] || fail "[$LAST_CMD] $fn call 1 is not answered $small: ${lines[0]}"
    [[ ${lines[1]} == *" buf=yes "*" -> $small size="* ]] ||
        fail "[$LAST_CMD] $fn call 2 (the fill) did not see the size grow: ${lines[1]}"
    [[ ${lines[2]} == *" buf=yes "*" -> 0 size="* ]] || fail "[$LAST_CMD] $fn call 3 did not succeed: ${lines[2]}"
    local s1 s2
    s1=$(sed -E 's/.* -> [0-9]+ size=([0-9]+).*/\1/' <<<"${lines[0]}")
    s2=$(sed -E 's/.* -> [0-9]+ size=([0-9]+).*/\1/' <<<"${lines[1]}")
    [ "$s2" -gt "$s1" ] 2>/dev/null || fail "[$LAST_CMD] $fn: the grown size $s2 is not above $s1"
    [[ ${lines[2]} == *" size=$s2 "* ]] || fail "[$LAST_CMD] $fn call 3 did not pass the grown size $s2: ${lines[2]}"
}

# stdout is one JSON document and FILTER (jq -e) holds on it.
expect_json() {
    jq -e . "$OUTN" >/dev/null 2>&1 || { fail "[$LAST_CMD] stdout is not valid JSON"; return; }
    jq -e "$1" "$OUTN" >/dev/null 2>&1 || fail "[$LAST_CMD] JSON check failed: $1"
}

# stdout (or stderr, with "err") decodes from code page CP to UTF-8 text
# holding TEXT.
expect_cp_text() {
    local cp=$1 text=$2 file=$OUT
    [ "${3:-}" = err ] && file=$ERR
    iconv -f "CP$cp" -t UTF-8 "$file" 2>/dev/null | tr -d '\r' | grep -Fq -- "$text" ||
        fail "[$LAST_CMD] ${3:-out} decoded as code page $cp does not contain '$text'"
}

# stdout is pure ASCII (no byte above 0x7F).
expect_out_ascii() {
    if LC_ALL=C grep -q '[^[:print:][:space:]]' "$OUT"; then
        fail "[$LAST_CMD] stdout holds bytes outside printable ASCII"
    fi
}

# stdout is valid UTF-8.
expect_out_utf8() {
    iconv -f UTF-8 -t UTF-8 "$OUT" >/dev/null 2>&1 || fail "[$LAST_CMD] stdout is not valid UTF-8"
}

# shellcheck source=/dev/null
. "$case_file"

if [ "$RUNS" -eq 0 ]; then
    fail "the case ran nothing"
fi
if [ -e "$SIM_WORK/failed_in_subshell" ]; then
    FAILS=$((FAILS + 1))
fi
if [ "$FAILS" -ne 0 ]; then
    note "=== $FAILS expectation(s) failed in $(basename "$case_file"); last run: $LAST_CMD (exit $EXIT)"
    note "--- stdout:"
    cat "$OUTN" >&2
    note "--- stderr:"
    cat "$ERRN" >&2
    note "--- call log:"
    cat "$LOG" >&2 2>/dev/null
    exit 1
fi
note "=== ok: $(basename "$case_file") ($RUNS run(s))"
exit 0
