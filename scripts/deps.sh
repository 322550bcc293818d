#!/usr/bin/env bash
# deps.sh - install the Debian packages tbench needs that are missing.
#   scripts/deps.sh build   what building tbench needs
#   scripts/deps.sh test    that, plus what the test suite uses (cross
#                           compiler, qemu, chromium, valgrind, perf, clang,
#                           the PostgreSQL server and sqlite3 for the history,
#                           man-db and col for the installed man pages)
# Idempotent: installs only what is missing and says what it installs.
set -euo pipefail

build_pkgs=(cmake make gcc pkg-config git libc6-dev libpapi-dev libpfm4-dev papi-tools
	libopenblas-dev libgsl-dev libcmocka-dev libjansson-dev libcsv-dev libsqlite3-dev libpq-dev)
test_pkgs=(gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user
	python3 python3-numpy python3-torch likwid valgrind linux-perf chromium clang libclang-rt-14-dev
	python3-html5lib sqlite3 postgresql man-db bsdextrautils)

case "${1:-build}" in
build) want=("${build_pkgs[@]}") ;;
test) want=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
-h | --help)
	sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
	exit 0
	;;
*)
	echo "deps.sh: unknown set '$1' (expected build or test)" >&2
	exit 2
	;;
esac

missing=()
for p in "${want[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "deps: all ${#want[@]} packages already installed"
	exit 0
fi
echo "deps: installing ${#missing[@]} missing package(s): ${missing[*]}"
SUDO=
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null; then
		SUDO=sudo
	else
		echo "deps: not root and no sudo; run as root: apt-get install ${missing[*]}" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: done"
