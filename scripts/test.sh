#!/usr/bin/env bash
# Builds every configuration and runs every test through ctest:
#   release  Linux release build (built warning-free; no tests in it)
#   dev      Linux debug: unit tests, goldens, Linux parser tests, network-
#            namespace integration tests (root)
#   asan     Linux ASan + UBSan: the unit tests and goldens (labels "unit",
#            "golden")
#   fuzz     clang libFuzzer targets, each run briefly
#   mingw64  Windows x86_64 cross build: import table, goldens and the
#            Windows suites under wine64
#   mingw32  Windows i686 cross build: import table, goldens and the
#            Windows suites under wine32 (installed by install-deps.sh;
#            never skipped)
#   ship     the packages (scripts/package.sh: .deb, .tar.gz, two zips) and
#            the tests/ship ctest project (label "package"): lintian, the
#            unpacked .deb, man, bash completion, zip contents, actionlint
# Prints one closing line "ipcfg: N passed, N failed"; exits non-zero on any
# failure.  Run scripts/install-deps.sh test first (the README's command does).
set -uo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc 2>/dev/null || echo 2)
total_pass=0
total_fail=0
failed_presets=()
logdir=build/test-logs
mkdir -p "$logdir"

# run_ctest NAME BUILD_DIR [CTEST ARGS]: runs ctest there and adds its
# counts to the totals (a run without a count line is one failure).
run_ctest() {
    local name=$1 dir=$2
    shift 2
    ctest --test-dir "$dir" --output-on-failure --no-tests=error "$@" 2>&1 | tee "$logdir/$name-ctest.log"
    local rc=${PIPESTATUS[0]}
    local line pass fail
    line=$(grep -E "tests passed, [0-9]+ tests? failed out of [0-9]+" "$logdir/$name-ctest.log" | tail -n1)
    if [ -n "$line" ]; then
        fail=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
        pass=$(( $(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line") - fail ))
        total_pass=$((total_pass + pass))
        total_fail=$((total_fail + fail))
    fi
    if [ "$rc" -ne 0 ]; then
        failed_presets+=("$name")
        [ -n "$line" ] || total_fail=$((total_fail + 1))
    fi
}

run_preset() {
    local preset=$1
    shift
    echo "=== $preset: configure + build"
    if ! cmake --preset "$preset" >"$logdir/$preset-configure.log" 2>&1; then
        cat "$logdir/$preset-configure.log"
        failed_presets+=("$preset(configure)")
        total_fail=$((total_fail + 1))
        return
    fi
    if ! cmake --build --preset "$preset" -j "$jobs" >"$logdir/$preset-build.log" 2>&1; then
        cat "$logdir/$preset-build.log"
        failed_presets+=("$preset(build)")
        total_fail=$((total_fail + 1))
        return
    fi
    # Warnings are errors in spirit: show any the build printed.
    grep -E "warning:" "$logdir/$preset-build.log" && {
        failed_presets+=("$preset(warnings)")
        total_fail=$((total_fail + 1))
    }
    if [ "${1:-}" = "--build-only" ]; then
        return
    fi
    echo "=== $preset: ctest $*"
    run_ctest "$preset" "build/$preset" "$@"
}

# ---- packages and the shipping tests (tests/ship) -------------------------
# scripts/package.sh builds every package into build/packages (a failure or
# a compiler warning there counts as one failure); tests/ship is a ctest
# project of its own, counted like a preset.
run_ship() {
    echo "=== ship: scripts/package.sh"
    if ! bash scripts/package.sh --fresh >"$logdir/ship-package.log" 2>&1; then
        cat "$logdir/ship-package.log"
        failed_presets+=("ship(package.sh)")
        total_fail=$((total_fail + 1))
        return
    fi
    grep -E "warning:" "$logdir/ship-package.log" && {
        failed_presets+=("ship(warnings)")
        total_fail=$((total_fail + 1))
    }
    if ! cmake -S tests/ship -B build/ship >"$logdir/ship-configure.log" 2>&1; then
        cat "$logdir/ship-configure.log"
        failed_presets+=("ship(configure)")
        total_fail=$((total_fail + 1))
        return
    fi
    echo "=== ship: ctest -L package"
    run_ctest ship build/ship -L package
}

run_preset release --build-only
run_preset dev -j "$jobs"
run_preset asan -L "^(unit|golden)$" -j "$jobs"
run_preset fuzz
run_preset mingw64
run_preset mingw32
run_ship

echo
if [ ${#failed_presets[@]} -gt 0 ]; then
    echo "failed: ${failed_presets[*]}"
fi
echo "ipcfg: $total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ] && [ ${#failed_presets[@]} -eq 0 ]
