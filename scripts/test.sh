#!/usr/bin/env bash
# test.sh - quick start 2: install what is missing, build with -Werror, run the
# whole test suite through ctest; then the same suite built with
# AddressSanitizer + UndefinedBehaviorSanitizer.  Works from any directory;
# safe to run again.  TB_SKIP_ASAN=1 skips the sanitizer pass.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/deps.sh" test
jobs=$(nproc)
echo "== release build (-Werror) =="
dir=$("$root/scripts/build.sh" release | tail -1)
ctest --test-dir "$dir" --output-on-failure -j"$jobs"
if [ "${TB_SKIP_ASAN:-0}" != 1 ]; then
	echo "== ASan + UBSan build =="
	dir=$("$root/scripts/build.sh" asan | tail -1)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --test-dir "$dir" --output-on-failure -j"$jobs"
fi
