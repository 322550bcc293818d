#!/usr/bin/env bash
# build.sh - configure and build tbench with CMake (idempotent: a second run
# re-uses the build directory).
#   scripts/build.sh [release|asan]   (default release)
# release -> build/ (Release, -Werror); asan -> build-asan/ (ASan + UBSan).
# Prints the build directory on its last line.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
kind=${1:-release}
case "$kind" in
release) dir=$root/build; flags=(-DCMAKE_BUILD_TYPE=Release -DTB_WERROR=ON -DTB_SANITIZE=OFF) ;;
asan) dir=$root/build-asan; flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DTB_WERROR=ON -DTB_SANITIZE=ON) ;;
*) echo "build.sh: unknown kind '$kind' (expected release or asan)" >&2; exit 2 ;;
esac
cmake -S "$root" -B "$dir" "${flags[@]}" >/dev/null
cmake --build "$dir" -j"$(nproc)" >/dev/null
echo "$dir"
