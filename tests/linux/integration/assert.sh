# The assertions of ipcfg's shell tests (sourced, not run): lib.sh (the
# integration tests) and tests/ship/systemd/sd_lib.sh use them.  Each
# records a check in CHECKS, a failure in FAILS (with what was expected and
# what came), and goes on; the test's finish reports and exits.  They read
# OUT, ERR, RC and LAST_CMD, set by the caller's run helpers, and TEST.
#
# SPDX-License-Identifier: MIT

_pass() { CHECKS=$((CHECKS + 1)); }
_fail() {
    CHECKS=$((CHECKS + 1))
    FAILS=$((FAILS + 1))
    echo "FAIL [$TEST] ${LAST_CMD:-}: $1" >&2
    shift
    local extra
    for extra in "$@"; do printf '%s\n' "$extra" | sed 's/^/    | /' >&2; done
}

# assert_eq EXPECTED ACTUAL WHAT
assert_eq() {
    if [[ $1 == "$2" ]]; then _pass; else
        _fail "$3" "expected:" "$1" "actual:" "$2"
        if command -v diff >/dev/null; then
            diff <(printf '%s\n' "$1") <(printf '%s\n' "$2") | sed 's/^/    diff /' >&2
        fi
    fi
}

# assert_contains HAYSTACK NEEDLE WHAT  (substring)
assert_contains() {
    if [[ $1 == *"$2"* ]]; then _pass; else _fail "$3: '$2' not found in" "$1"; fi
}

# assert_prefix TEXT PREFIX WHAT
assert_prefix() {
    if [[ $1 == "$2"* ]]; then _pass; else _fail "$3: expected to start with" "$2" "actual:" "$1"; fi
}

# assert_not_contains HAYSTACK NEEDLE WHAT
assert_not_contains() {
    if [[ $1 != *"$2"* ]]; then _pass; else _fail "$3: '$2' must not appear in" "$1"; fi
}

# assert_line TEXT LINE WHAT: LINE is one whole line of TEXT.
assert_line() {
    if grep -qxF -- "$2" <<<"$1"; then _pass; else _fail "$3: line '$2' not found in" "$1"; fi
}

# assert_no_line_matching TEXT ERE WHAT
assert_no_line_matching() {
    local hit
    hit=$(grep -E -- "$2" <<<"$1")
    if [[ -z $hit ]]; then _pass; else _fail "$3: unexpected line(s)" "$hit"; fi
}

# assert_exit EXPECTED [WHAT]: checks RC of the last run_ipcfg*.
assert_exit() {
    if [[ $RC == "$1" ]]; then _pass; else
        _fail "${2:-exit code}: expected exit $1, got $RC" "stdout:" "$OUT" "stderr:" "$ERR"
    fi
}

# assert_one_line TEXT WHAT: TEXT is exactly one non-empty line.
assert_one_line() {
    local n
    n=$(printf '%s' "$1" | grep -c '')
    if [[ $n -eq 1 && -n ${1//[$'\n']/} ]]; then _pass; else _fail "$2: expected exactly one line, got $n" "$1"; fi
}

# assert_json TEXT JQ_EXPR EXPECTED WHAT: jq -c EXPR on TEXT prints EXPECTED.
assert_json() {
    local got
    if ! got=$(jq -c "$2" <<<"$1" 2>&1); then
        _fail "$4: jq '$2' failed: $got" "$1"
        return
    fi
    assert_eq "$3" "$got" "$4 (jq $2)"
}
