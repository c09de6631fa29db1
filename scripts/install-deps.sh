#!/usr/bin/env bash
# Installs what ipcfg needs on Debian (12 "bookworm" or later), by package
# name, as root.
#   scripts/install-deps.sh build   compiler, CMake, iproute2
#   scripts/install-deps.sh test    + CMocka, clang/libFuzzer, MinGW-w64,
#                                   Wine, jq, setpriv, dnsmasq and python3 (the DHCP
#                                   server and packet recorder of the Linux
#                                   integration tests)
#   scripts/install-deps.sh bench   + hyperfine
set -euo pipefail

what=${1:-build}
build_pkgs=(cmake make gcc libc6-dev pkg-config iproute2)
test_pkgs=(libcmocka-dev clang libclang-rt-14-dev mingw-w64 wine wine64 jq util-linux procps dnsmasq-base python3)
bench_pkgs=(hyperfine)
# peers (issue 12): the real DHCP clients and server of the peers_clients
# integration test; none of them installs or enables a service.
test_pkgs+=(isc-dhcp-client dhcpcd-base dnsmasq-base)

case "$what" in
build) pkgs=("${build_pkgs[@]}") ;;
test) pkgs=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
bench) pkgs=("${build_pkgs[@]}" "${bench_pkgs[@]}") ;;
*) echo "usage: $0 build|test|bench" >&2; exit 1 ;;
esac

if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps.sh: run as root (apt-get needs it)" >&2
    exit 1
fi

missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps.sh: all ${#pkgs[@]} packages present"
    exit 0
fi
echo "install-deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps.sh: done"
