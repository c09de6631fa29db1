#!/usr/bin/env bash
# ipcfg.exe under Wine with Wine's own iphlpapi.dll, on this machine's real
# interfaces.  One case per ctest test:  wine_tests.sh CASE
#
# Environment (set by tests/win/CMakeLists.txt):
#   IPCFG_WINE          the Wine loader (wine64 for the x86_64 build)
#   IPCFG_WINEPREFIX    the private prefix the fixture created
#   IPCFG_EXE           ipcfg.exe
#   IPCFG_WIN_UNIT      win_unit.exe (prints FormatMessage texts)
#   IPCFG_PLANTED_DLL   the planted iphlpapi.dll (planting cases)
#   IPCFG_NAIVE_LOADER  naive_loader.exe (planting control)
#   IPCFG_VERINFO       win_verinfo.exe (the version resource as version.dll reads it)
#   IPCFG_VERSION       the project's version; IPCFG_COPYRIGHT LICENSE's copyright line
#   IPCFG_TMP           a scratch directory of this build
set -uo pipefail

case_name=${1:?case}

export WINEPREFIX=$IPCFG_WINEPREFIX WINEDEBUG=-all DISPLAY= WAYLAND_DISPLAY=
# Wine's builtin iphlpapi (even if a test DLL sits in the prefix), and no
# Mono/Gecko prompts.  UTF-8 locale: Wine turns argv into UTF-16 with it.
export WINEDLLOVERRIDES="mscoree=;mshtml=;iphlpapi=b"
export LANG=C.UTF-8 LC_ALL=C.UTF-8

T=$(mktemp -d "${IPCFG_TMP:-/tmp}/wine_${case_name}.XXXXXX")
trap 'rm -rf "$T"' EXIT

fails=0
fail() { echo "FAIL [$case_name]: $*" >&2; fails=$((fails + 1)); }
show() {
    echo "---- stdout"; cat "$T/out"
    echo "---- stderr"; cat "$T/err"
    echo "---- exit ${rc:-none}"
}

# One wineserver for the whole suite.  Debian's wineserver wrapper passes
# -p0, so the server Wine starts by itself ends as soon as a test's last Wine
# process (and the session's services) are gone, and the next test starts a
# new session (server, wineboot, services): a start that races a server
# shutting down is a known source of spurious start-up failures.  Before
# its first Wine run each case starts the prefix's server with -p30 (a
# no-op, exit 2, when one is running): it stays up between the tests and
# ends 30 s after the suite's last Wine process.  (A server no client ever
# reached would stay up: so it is started just before a Wine run.)
WINESERVER=$(dirname "$IPCFG_WINE")/wineserver
[ -x "$WINESERVER" ] || WINESERVER=$(command -v wineserver || true)
server_started=
keep_server() {
    [ -n "$server_started" ] && return
    server_started=1
    [ -n "$WINESERVER" ] && timeout 30 "$WINESERVER" -p30 </dev/null >/dev/null 2>&1
    return 0
}

# shellcheck source=wine_lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/wine_lib.sh"

# wine_run LABEL CMD... -> $T/out.raw, $T/err.raw (the bytes), $T/out, $T/err
# (CR removed, what the checks read), $rc
# Now and then Wine fails before the program runs: no output at all, or only
# Wine's own loader/server messages.  The programs run here never fail
# silently and never print such lines, so such a run is started again (3
# attempts in all, whatever its exit status), each attempt discarded shown
# as a note (exit code, stdout, stderr); anything a program did print is
# judged as it is.  A run that timed out is not repeated.  A run that still
# printed nothing of the program's, or whose output says a part of Wine is
# missing ("wine32 is missing"), fails the case whatever its exit status
# (wine_lib.sh).
wine_run() {
    local label=$1 attempt reason
    shift
    keep_server
    for attempt in 1 2 3; do
        timeout 120 "$@" >"$T/out.raw" 2>"$T/err.raw" </dev/null
        rc=$?
        if [ "$attempt" -lt 3 ] && wine_retry_wanted "$rc" "$T/out.raw" "$T/err.raw"; then
            {
                echo "note [$case_name]: attempt $attempt: Wine did not start $label (exit $rc); its output:"
                echo "note [$case_name]: ---- stdout"; sed 's/^/note    | /' "$T/out.raw"
                echo "note [$case_name]: ---- stderr"; sed 's/^/note    | /' "$T/err.raw"
                echo "note [$case_name]: once more"
            } >&2
            sleep "$WINE_RETRY_PAUSE"
            continue
        fi
        break
    done
    tr -d '\r' <"$T/out.raw" >"$T/out"
    tr -d '\r' <"$T/err.raw" >"$T/err"
    if reason=$(wine_refusal "$T/out.raw" "$T/err.raw"); then
        fail "$label: the run does not count (exit $rc): $reason"
    fi
}
# run_exe EXE ARGS...: EXE under Wine
run_exe() { wine_run "$(basename "$1")" "$IPCFG_WINE" "$@"; }
# run ARGS...: ipcfg.exe; its text ends every line with CR LF on stdout and
# stderr, its /json document (stdout) has LF alone
run() {
    local fault
    run_exe "$IPCFG_EXE" "$@"
    while IFS= read -r fault; do
        fail "$fault (ipcfg $*)"
    done < <(ipcfg_line_end_faults "$T/out.raw" "$T/err.raw" "$@")
}

expect_rc() { [ "$rc" -eq "$1" ] || fail "exit code $rc, expected $1 (ipcfg $2)"; }
out_has() { grep -qE -- "$1" "$T/out" || fail "stdout lacks /$1/"; }
out_lacks() { if grep -qE -- "$1" "$T/out"; then fail "stdout has /$1/"; fi; }
err_has_fixed() { grep -qF -- "$1" "$T/err" || fail "stderr lacks '$1'"; }
err_lacks_fixed() { if grep -qF -- "$1" "$T/err"; then fail "stderr has '$1'"; fi; }

# This machine's IPv4 addresses on interfaces whose link is up (LOWER_UP:
# Wine reports the others as "Media disconnected"), as `ip` sees them:
# lines "ifname addr prefix".
host_addrs() {
    local up
    up=" $(ip -o link show | awk -F': ' '/LOWER_UP/ { sub(/@.*/, "", $2); printf "%s ", $2 }')"
    ip -4 -o addr show | awk '{ split($4, a, "/"); print $2, a[1], a[2] }' | sed 's/@[^ ]*//' |
        while read -r n a p; do
            case $up in *" $n "*) echo "$n $a $p" ;; esac
        done
}
prefix_to_mask() {
    local p=$1 m="" i
    for i in 1 2 3 4; do
        if [ "$p" -ge 8 ]; then m+="255"; p=$((p - 8)); else m+=$((256 - (1 << (8 - p)))); p=0; fi
        [ $i -lt 4 ] && m+="."
    done
    echo "$m"
}
esc() { printf '%s' "$1" | sed 's/[.]/[.]/g'; }
# the interface holding the first non-loopback IPv4 address
first_if() { host_addrs | awk '$2 !~ /^127\./ { print $1; exit }'; }
first_addr() { host_addrs | awk '$2 !~ /^127\./ { print $2; exit }'; }
# FormatMessage's own text for a Win32 code
# (started again when Wine did not start it, as in wine_run)
fmt_text() {
    local attempt text reason
    keep_server
    for attempt in 1 2 3; do
        timeout 60 "$IPCFG_WINE" "$IPCFG_WIN_UNIT" fmt "$1" >"$T/fmt_out" 2>"$T/fmt_err" </dev/null
        text=$(tr -d '\r' <"$T/fmt_out")
        if [ -n "$text" ] || [ "$attempt" = 3 ] || ! only_wine_noise "$T/fmt_err"; then
            break
        fi
        echo "note [$case_name]: attempt $attempt: no text from win_unit fmt $1; its stderr:" >&2
        sed 's/^/note    | /' "$T/fmt_err" >&2
        sleep "$WINE_RETRY_PAUSE"
    done
    if reason=$(wine_refusal "$T/fmt_out" "$T/fmt_err"); then
        fail "win_unit fmt $1: the run does not count: $reason"
    fi
    printf '%s\n' "$text"
}

# The Windows path of a Unix path (Wine maps Z: to /).
winepath_of() { printf 'Z:%s' "$(tr / '\\' <<<"$1")"; }

need_host_addr() {
    if [ -z "$(first_if)" ]; then
        echo "FAIL [$case_name]: this machine has no non-loopback IPv4 address that is up" >&2
        exit 1
    fi
}

check_listing() { # $1 = all (1) or brief (0)
    local n=0
    while read -r ifname addr plen; do
        if [[ $addr == 127.* ]]; then
            out_lacks "$(esc "$addr")"
            continue
        fi
        n=$((n + 1))
        out_has "adapter $ifname:"
        out_has "Subnet Mask[ .]*: $(esc "$(prefix_to_mask "$plen")")\$"
        if [ "$1" = 0 ]; then
            # the brief listing shows no address state, as ipconfig
            out_has "IPv4 Address[ .]*: $(esc "$addr")\$"
        else
            # /all: the state and its blank, as ipconfig writes it
            out_has "IPv4 Address[ .]*: $(esc "$addr")\\(Preferred\\) \$"
            local mac
            mac=$(ip -o link show "$ifname" | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p' | tr 'a-f:' 'A-F-')
            [ -n "$mac" ] && out_has "Physical Address[ .]*: $mac\$"
        fi
    done < <(host_addrs)
    [ "$n" -gt 0 ] || fail "no non-loopback IPv4 address to compare with"
    out_has "^Windows IP Configuration\$"
    out_lacks "adapter lo:"
}

case $case_name in
show)
    need_host_addr
    run
    expect_rc 0 ""
    check_listing 0
    out_lacks "Host Name"
    ;;
all)
    need_host_addr
    run /all
    expect_rc 0 /all
    check_listing 1
    host=$(hostname | cut -d. -f1)
    grep -qiE "^   Host Name[ .]*: $(esc "$host")\$" "$T/out" || fail "Host Name is not '$host'"
    out_has "^   Node Type[ .]*: (Broadcast|Peer-Peer|Mixed|Hybrid)\$"
    out_has "^   IP Routing Enabled[ .]*: (Yes|No)\$"
    # GetPerAdapterInfo: Wine answers AutoconfigEnabled = 0 for every adapter
    out_has "^   Autoconfiguration Enabled [ .]*: No\$"
    ;;
all_json)
    need_host_addr
    run /all /json
    expect_rc 0 "/all /json"
    jq -e . "$T/out" >/dev/null || fail "stdout is not valid JSON"
    jq -e '.platform == "windows"' "$T/out" >/dev/null || fail "platform is not \"windows\""
    while read -r ifname addr plen; do
        if [[ $addr == 127.* ]]; then
            jq -e --arg a "$addr" '[.. | strings] | index($a) == null' "$T/out" >/dev/null ||
                fail "loopback $addr listed in /all /json"
            continue
        fi
        jq -e --arg a "$addr" '[.. | strings] | index($a) != null' "$T/out" >/dev/null || fail "$addr missing from JSON"
        jq -e --arg n "$ifname" '[.. | strings] | index($n) != null' "$T/out" >/dev/null || fail "$ifname missing from JSON"
    done < <(host_addrs)
    ;;
addrtable)
    need_host_addr
    run /addrtable
    expect_rc 0 /addrtable
    while read -r ifname addr plen; do
        out_has "(^|[^0-9.])$(esc "$addr")[^0-9.]+$(esc "$(prefix_to_mask "$plen")")([^0-9]|\$)"
    done < <(host_addrs)
    out_has "(^|[^0-9.])127[.]0[.]0[.]1[^0-9]"
    ;;
addrtable_json)
    run /addrtable /json
    expect_rc 0 "/addrtable /json"
    jq -e . "$T/out" >/dev/null || fail "stdout is not valid JSON"
    while read -r ifname addr plen; do
        jq -e --arg a "$addr" '[.. | strings] | index($a) != null' "$T/out" >/dev/null || fail "$addr missing from JSON"
    done < <(host_addrs)
    ;;
release | renew)
    # Wine's IpReleaseAddress/IpRenewAddress answer ERROR_NOT_SUPPORTED (50)
    need_host_addr
    ifname=$(first_if)
    text=$(fmt_text 50)
    [ -n "$text" ] || fail "FormatMessage has no text for 50"
    run "/$case_name" "$ifname"
    expect_rc 6 "/$case_name $ifname"
    ing=$([ "$case_name" = release ] && echo releasing || echo renewing)
    err_has_fixed "An error occurred while $ing interface $ifname : $text"
    # the same through the /timeout worker thread
    run "/$case_name" "$ifname" /timeout:5
    expect_rc 6 "/$case_name $ifname /timeout:5"
    err_has_fixed "An error occurred while $ing interface $ifname : $text"
    ;;
release_json)
    need_host_addr
    ifname=$(first_if)
    run /release "$ifname" /json
    expect_rc 6 "/release $ifname /json"
    jq -e . "$T/out" >/dev/null || fail "stdout is not valid JSON"
    jq -e '.. | objects | select(has("exit_code")) | select(.exit_code == 6)' "$T/out" >/dev/null ||
        fail "no exit_code 6 in the JSON"
    jq -e '[.. | numbers] | index(50) != null' "$T/out" >/dev/null || fail "system code 50 missing from the JSON"
    ;;
release_all)
    # No adapter named: every DHCP-enabled adapter Wine reports; the ones up
    # with an address get Wine's "not supported".
    need_host_addr
    text=$(fmt_text 50)
    # (Wine's GetAdaptersInfo calls every adapter DHCP-enabled; disconnected
    # ones are noted on stderr but do not set the exit code when another
    # adapter was acted on.)
    run /release
    expect_rc 6 /release
    while read -r ifname addr plen; do
        [[ $addr == 127.* ]] && continue
        err_has_fixed "An error occurred while releasing interface $ifname : $text"
    done < <(host_addrs)
    ;;
add)
    need_host_addr
    ifname=$(first_if)
    text=$(fmt_text 50)
    run /add "$ifname" 10.99.0.1 24
    expect_rc 6 "/add $ifname 10.99.0.1 24"
    err_has_fixed "$text"
    out_lacks "Added"
    ;;
delete)
    # by an address the adapter holds (context found in GetAdaptersInfo),
    # then by that address's NTE context as /all /json reports it: Wine's
    # DeleteIPAddress says "not supported"
    need_host_addr
    text=$(fmt_text 50)
    addr=$(first_addr)
    run /delete "$addr"
    expect_rc 6 "/delete $addr"
    err_has_fixed "$text"
    run /all /json
    ctx=$(jq -r --arg a "$addr" '[.. | objects | select(.address? == $a) | .context] | first // empty' "$T/out")
    [[ $ctx =~ ^[0-9]+$ ]] || fail "no NTE context for $addr in /all /json"
    run /delete "${ctx:-0}"
    expect_rc 6 "/delete ${ctx:-0}"
    err_has_fixed "$text"
    ;;
delete_not_found)
    # an address / a context nobody has: exit 2, before DeleteIPAddress
    run /delete 10.99.0.1
    expect_rc 2 "/delete 10.99.0.1"
    err_has_fixed "10.99.0.1"
    run /delete 4242424
    expect_rc 2 "/delete 4242424"
    err_has_fixed "4242424"
    ;;
usage)
    for args in "/bogus" "/a" "/add" "/add x 10.0.0.1" "/add x 10.0.0.1 255.0.255.0" "/add x 10.0.0 24" "/delete" "/all /release"; do
        # shellcheck disable=SC2086
        run $args
        expect_rc 1 "$args"
        [ -s "$T/out" ] && fail "stdout not empty for '$args'"
        grep -q "^Error: " "$T/err" || fail "no Error: line on stderr for '$args'"
    done
    run /bogus
    err_has_fixed "Error: unrecognized or incomplete command line."
    err_has_fixed "USAGE:"
    ;;
v6)
    for v in /release6 /renew6; do
        run "$v"
        expect_rc 6 "$v"
        grep -qi "ipv6" "$T/err" || fail "$v: stderr does not mention IPv6"
    done
    ;;
dns)
    # recognised, exit 6 with the reason: dnsapi.dll is not ipcfg's to use
    for v in /flushdns /displaydns; do
        run "$v"
        expect_rc 6 "$v"
        [ -s "$T/out" ] && fail "$v: stdout not empty"
        grep -q "dnsapi.dll" "$T/err" || fail "$v: stderr does not say why (dnsapi.dll)"
        grep -q "unrecognized" "$T/err" && fail "$v: taken for an unknown switch"
    done
    ;;
dhcp_client)
    # recognised, exit 6 with the reason: dhcpcsvc.dll is not ipcfg's to
    # use; nothing is renewed or changed (Wine's own iphlpapi, the real
    # interfaces of this machine)
    client_case() {
        run "$@"
        expect_rc 6 "$*"
        grep -q "unrecognized" "$T/err" && fail "$*: taken for an unknown switch"
        if [ "${!#}" = /json ]; then
            jq -e '.exit_code == 6 and .error.reason == "not_supported"' "$T/out" >/dev/null ||
                fail "$*: not a JSON document with exit code 6"
        else
            [ -s "$T/out" ] && fail "$*: stdout not empty"
            grep -Eq "dhcpcsvc[.]dll|computer's own name" "$T/err" || fail "$*: stderr does not say why"
        fi
    }
    client_case /registerdns
    client_case /showclassid '*'
    client_case /setclassid '*' lab
    client_case /setclassid nosuch
    client_case /renew /hostname:web01
    client_case /registerdns /json
    run /setclassid x "$(printf 'a\tb')"
    expect_rc 1 "/setclassid with a control character"
    err_has_fixed "Error: the class ID holds a control character (byte 2); it must be printable text."
    ;;
version)
    run /version
    expect_rc 0 /version
    out_has "^ipcfg [0-9]+[.][0-9]+"
    run --version
    expect_rc 0 --version
    out_has "^ipcfg [0-9]+[.][0-9]+"
    ;;
help)
    for h in "/?" /help -h --help; do
        run "$h"
        expect_rc 0 "$h"
        out_has "USAGE:"
        [ -s "$T/err" ] && grep -q "Error" "$T/err" && fail "$h printed an error"
    done
    ;;
unicode_arg)
    # a UTF-16 argument reaches the core as UTF-8 and comes back unchanged;
    # redirected, stderr is in the OEM code page (437 under C.UTF-8), which
    # has no euro sign: it becomes '?'
    name=$'\xc3\x9cn\xc3\xafc\xc3\xb6d\xc3\xa9 \xe2\x82\xac'
    run /add "$name" 10.99.0.1 24
    expect_rc 2 "/add '$name' 10.99.0.1 24"
    iconv -f CP437 -t UTF-8 "$T/err" | grep -qF -- $'"\xc3\x9cn\xc3\xafc\xc3\xb6d\xc3\xa9 ?"' ||
        fail "stderr (code page 437) lacks the name with '?' for the euro sign"
    run /release "$name*"
    expect_rc 2 "/release '$name*'"
    ;;
console_unicode)
    # On a console (a pty here; Wine gives the program a console) text goes
    # through WriteConsoleW: a non-ASCII name arrives intact.  Raw UTF-8
    # written with WriteFile would come out in the console code page.
    command -v script >/dev/null || { echo "FAIL [$case_name]: script(1) (util-linux) is missing" >&2; exit 1; }
    name=$'\xc3\x9cn\xc3\xafc\xc3\xb6d\xc3\xa9 \xe2\x82\xac'
    wine_run "ipcfg.exe on a console" script -qec "$(printf '%q ' "$IPCFG_WINE" "$IPCFG_EXE" /add "$name" 10.99.0.1 24)" /dev/null
    expect_rc 2 "/add '$name' on a console"
    grep -qF "no adapter matches \"$name\"" "$T/out" || fail "the console output lacks the name '$name'"
    ;;
unit)
    run_exe "$IPCFG_WIN_UNIT"
    expect_rc 0 win_unit
    out_has "all checks passed"
    ;;
planting)
    # ipcfg.exe with a planted iphlpapi.dll beside it, native first: the
    # planted DLL must not be loaded and the real interfaces must show.
    need_host_addr
    mkdir -p "$T/app"
    cp "$IPCFG_EXE" "$T/app/ipcfg.exe"
    cp "$IPCFG_PLANTED_DLL" "$T/app/iphlpapi.dll"
    export WINEDLLOVERRIDES="mscoree=;mshtml=;iphlpapi=n,b"
    run_exe "$T/app/ipcfg.exe" /all
    expect_rc 0 "/all (planted DLL beside the exe)"
    err_lacks_fixed "PLANTED-IPHLPAPI-LOADED"
    check_listing 1
    ;;
version_resource)
    # Windows' own reading of ipcfg.exe's version resource (version.dll, as
    # Explorer and inventory tools read it): the project's version, names
    # and copyright (check_resources.py reads the bytes themselves)
    run_exe "$IPCFG_VERINFO" "$(winepath_of "$IPCFG_EXE")"
    expect_rc 0 "win_verinfo ipcfg.exe"
    company=${IPCFG_COPYRIGHT#Copyright (c) }
    company=${company#* }
    for line in "FixedFileVersion=$IPCFG_VERSION.0" "FixedProductVersion=$IPCFG_VERSION.0" "Translation=040904B0" \
        "CompanyName=$company" "FileDescription=ipcfg - ipconfig-style DHCP lease utility" \
        "FileVersion=$IPCFG_VERSION" "InternalName=ipcfg" "LegalCopyright=$IPCFG_COPYRIGHT" \
        "OriginalFilename=ipcfg.exe" "ProductName=ipcfg" "ProductVersion=$IPCFG_VERSION"; do
        grep -qxF -- "$line" "$T/out" || fail "win_verinfo: no line '$line'"
    done
    ;;
planting_control)
    # The same setup loads the planted DLL into a program that uses the
    # default search order: the planting test can fail.
    mkdir -p "$T/app"
    cp "$IPCFG_NAIVE_LOADER" "$T/app/naive_loader.exe"
    cp "$IPCFG_PLANTED_DLL" "$T/app/iphlpapi.dll"
    export WINEDLLOVERRIDES="mscoree=;mshtml=;iphlpapi=n,b"
    run_exe "$T/app/naive_loader.exe"
    expect_rc 0 naive_loader
    err_has_fixed "PLANTED-IPHLPAPI-LOADED"
    ;;
*)
    echo "unknown case $case_name" >&2
    exit 2
    ;;
esac

if [ "$fails" -ne 0 ]; then
    show
    exit 1
fi
echo "ok [$case_name]"
