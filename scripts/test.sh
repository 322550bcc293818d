#!/usr/bin/env bash
# test.sh - quick start 2: install what is missing, build with -Werror, run the
# whole test suite through ctest; then the same suite built with
# AddressSanitizer + UndefinedBehaviorSanitizer, and the unit tests under
# valgrind memcheck.  Works from any directory; safe to run again.
# TB_SKIP_ASAN=1 skips the sanitizer pass, TB_SKIP_MEMCHECK=1 the memcheck one.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/deps.sh" test
jobs=$(nproc)
echo "== release build (-Werror) =="
dir=$("$root/scripts/build.sh" release | tail -1)
ctest --test-dir "$dir" --output-on-failure -j"$jobs"
if [ "${TB_SKIP_MEMCHECK:-0}" != 1 ]; then
	# the cmocka unit tests of the release build: no memory error, no definite
	# or indirect leak (the CLI tests run under ASan below).  test_counters and
	# test_counters_backends are left out: libpapi's own allocations show as
	# leaks and their timing checks need real CPU time (they run under ASan
	# below).
	echo "== valgrind memcheck (unit tests) =="
	log=$(mktemp -d)
	printf '%s\n' "$dir"/tests/test_* | grep -Ev '/test_counters(_backends)?$' | xargs -P"$jobs" -I{} sh -c \
		'valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
			--errors-for-leak-kinds=definite,indirect "$1" >"$2/$(basename "$1").log" 2>&1 ||
			{ echo "memcheck: $(basename "$1") failed"; exit 1; }' sh {} "$log" ||
		{ tail -n 40 "$log"/*.log; rm -rf "$log"; exit 1; }
	echo "memcheck: $(ls "$log" | wc -l) unit-test programs clean"
	rm -rf "$log"
fi
if [ "${TB_SKIP_ASAN:-0}" != 1 ]; then
	echo "== ASan + UBSan build =="
	dir=$("$root/scripts/build.sh" asan | tail -1)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --test-dir "$dir" --output-on-failure -j"$jobs"
fi
