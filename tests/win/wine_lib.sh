# Shared by every runner of Windows programs under Wine (sourced, bash):
# wine_run.sh (the toolchain's CMAKE_CROSSCOMPILING_EMULATOR), wine_tests.sh
# and sim/run_case.sh.  What they all hold to:
#
#   - a run whose output is only Wine's own (nothing at all, or only lines of
#     Wine's loader, server or debug channels) did not run the program: it is
#     started again, 3 attempts in all, whatever its exit status;
#   - a run is refused, whatever its exit status, when after the last attempt
#     it printed nothing of the program's on either stream, or when its
#     output says a part of Wine is missing ("it looks like wine32 is
#     missing", "wine: could not load ntdll.so", "Bad EXE format" ...):
#     Wine then exits 0 having run nothing, and a test that looks only at the
#     exit status would pass falsely.
#
# SPDX-License-Identifier: MIT

# Seconds between two attempts (the runners' own tests set 0).
WINE_RETRY_PAUSE=${WINE_RETRY_PAUSE:-1}

# Lines only Wine itself writes when it cannot start a program: its loader's
# ("wine: ..."), its server connection's ("wine client error:..."), the
# server's, and debug channels ("err:...", "0024:err:...").  An empty line
# is Wine's too; a line of CR alone (ipcfg ends its lines with CR LF) is not.
WINE_NOISE='^((wine: |wine client error|wineserver: |(err|fixme|warn|trace):|[0-9a-f]+:(err|fixme|warn|trace):).*|)$'

# What Wine (and Debian's wrapper around it) prints when a part of it is not
# installed or cannot be loaded: the 32-bit loader and its libraries
# (wine32:i386), ntdll, the server, or an executable of the wrong machine.
WINE_MISSING='wine32 is missing|wine64 is missing|multiarch needs to be enabled|unable to find wine executable|^wine: (could not|cannot|failed to|__wine_main)|could not load ntdll|could not exec wineserver|Bad EXE format|[Ee]xec format error|cannot execute binary file'

# only_wine_noise FILE...: true when the files hold nothing but Wine's own
# messages, or nothing at all; a program that crashed ("wine: Unhandled page
# fault ...") did start.
only_wine_noise() { ! grep -qvhE -- "$WINE_NOISE" "$@" && ! grep -qhiE -- 'unhandled|exception' "$@"; }

# wine_missing_part FILE...: prints the first line that says a part of Wine
# is missing; true when there is one.
wine_missing_part() { grep -hE -m1 -- "$WINE_MISSING" "$@"; }

# wine_retry_wanted RC OUT ERR: true when the run should be started again:
# Wine did not get as far as the program (nothing, or only Wine's own lines,
# whatever the exit status), it did not time out (124), and no part of Wine
# is missing (that does not come back by trying again).
wine_retry_wanted() {
    [ "$1" != 124 ] && only_wine_noise "$2" "$3" && ! wine_missing_part "$2" "$3" >/dev/null
}

# wine_refusal OUT ERR [silent-ok]: prints why the run must not count and is
# true when it must not: a part of Wine is missing, or nothing of the
# program's was printed on either stream.  With "silent-ok" the caller has
# other proof that the program ran (a reader that went away is meant to end
# it silently): only a missing part refuses it.
wine_refusal() {
    local line
    if line=$(wine_missing_part "$1" "$2"); then
        printf 'a part of Wine is missing: %s\n' "$line"
        return 0
    fi
    if [ "${3:-}" != silent-ok ] && only_wine_noise "$1" "$2"; then
        if [ -s "$1" ] || [ -s "$2" ]; then
            printf 'the program printed nothing; only Wine did: %s\n' "$(grep -hv '^$' "$1" "$2" | head -n1)"
        else
            printf 'nothing was printed on stdout or stderr\n'
        fi
        return 0
    fi
    return 1
}

# crlf_lines_ok FILE: every LF of FILE follows a CR (Windows text); an empty
# file is fine.
crlf_lines_ok() { ! LC_ALL=C grep -qE $'[^\r]$|^$' "$1"; }

# lf_only_ok FILE: FILE holds no CR at all (the /json document).
lf_only_ok() { ! LC_ALL=C grep -q $'\r' "$1"; }

# ipcfg_line_end_faults OUT ERR ARGS...: one line for each way a redirected
# run of ipcfg.exe with ARGS broke Windows' line ends: its text (stderr
# always, stdout but for the /json document) ends every line with CR LF;
# the /json document has no CR (help is text even with /json).
ipcfg_line_end_faults() {
    local out=$1 err=$2 a json= help=
    shift 2
    for a in "$@"; do
        case ${a,,} in
        /json | -json | --json) json=1 ;;
        /\? | -\? | /help | -help | --help | -h) help=1 ;;
        esac
    done
    crlf_lines_ok "$err" || echo "stderr has a line that does not end with CR LF"
    if [ -n "$json" ] && [ -z "$help" ]; then
        lf_only_ok "$out" || echo "the /json document holds a CR"
    else
        crlf_lines_ok "$out" || echo "stdout has a line that does not end with CR LF"
    fi
}
