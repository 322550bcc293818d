#!/usr/bin/env bash
# valgrind-memcheck.sh - memcheck over exactly one tbench case, or over the
# test suite's unit-test binaries; fails on any memory error or leak.
#
# usage: scripts/valgrind-memcheck.sh FAMILY [--variant V] [--mode M] [--size S] [--threads N]
#                                     [--out DIR] [other tbench run options]
#        scripts/valgrind-memcheck.sh --tests[=PATTERN] [--out DIR]
#
# The case runs with `tbench run --profile-iters 10 --samples 3` unless other
# --profile-iters / --samples are given (memcheck is slow: use small sizes).
# memcheck runs with --leak-check=full --errors-for-leak-kinds=definite,indirect
# --track-origins=yes and --error-exitcode, so an invalid read or write, a use
# of uninitialised memory or a definite/indirect leak fails the script.
# --tests runs every unit-test binary next to tbench (build/tests/test_*, or
# those whose name contains PATTERN) under memcheck the same way.
#
# Writes to results/profile/<case>-<UTC time>/ (or tests-memcheck-<time>/;
# under --out DIR): memcheck.txt (memcheck's report; memcheck-<test>.txt
# per test), tbench.txt, summary.csv; prints the verdict and, last, the
# directory.  Needs valgrind (Debian package valgrind).
# Exit: 0 clean, 1 errors or leaks found (or the run failed), 2 bad usage or
# not exactly one case, 3 valgrind missing or unable to run this build.

. "$(dirname "${BASH_SOURCE[0]}")/profile-common.sh"

tests=no
pattern=
own_opt() {
	case "$1" in
	--tests) tests=yes; return 1 ;;
	--tests=*) tests=yes; pattern=${1#--tests=}; return 1 ;;
	esac
	return 0
}
tb_parse "$@"
memcheck=(--tool=memcheck --error-exitcode=99 --leak-check=full
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect
	--track-origins=yes)
need_tool valgrind valgrind
tb_find_tbench
vg_check

# the ERROR SUMMARY and leak lines of a memcheck log
verdict() {
	grep -E 'ERROR SUMMARY|definitely lost|indirectly lost|All heap blocks were freed' "$1" |
		sed 's/^==[0-9]*== *//'
}

if [ "$tests" = yes ]; then
	[ ${#tb_args[@]} -eq 0 ] || usage_error "--tests takes no case selection (got: ${tb_args[*]})"
	dir=$(dirname "$TBENCH")/tests
	bins=()
	for b in "$dir"/test_*; do
		[ -x "$b" ] && [ -f "$b" ] || continue
		[ -z "$pattern" ] || [[ "$(basename "$b")" == *"$pattern"* ]] || continue
		bins+=("$b")
	done
	[ ${#bins[@]} -gt 0 ] || usage_error "no unit-test binaries${pattern:+ matching '$pattern'} in $dir (build first: scripts/build.sh release)"
	case_name=tests-memcheck
	tb_outdir
	bad=0
	for b in "${bins[@]}"; do
		name=$(basename "$b")
		valgrind "${memcheck[@]}" --log-file="$out/memcheck-$name.txt" -- "$b" >"$out/$name.out" 2>&1
		rc=$?
		if [ $rc -eq 0 ]; then
			echo "clean  $name: $(verdict "$out/memcheck-$name.txt" | grep 'ERROR SUMMARY')"
		else
			bad=$((bad + 1))
			echo "FAILED $name (exit $rc): $(verdict "$out/memcheck-$name.txt" | grep 'ERROR SUMMARY')"
		fi
	done
	echo "memcheck: ${#bins[@]} test binaries, $bad failed"
	tb_finish
	[ $bad -eq 0 ] || exit 1
	exit 0
fi

tb_one_case
tb_outdir
tb_defaults 10 3
vg_run "${memcheck[@]}" --log-file="$out/memcheck.txt"
echo "== memcheck =="
verdict "$out/memcheck.txt"
if [ $vg_rc -eq 99 ]; then
	grep -E '^==[0-9]+== (Invalid|Conditional|Use of|Syscall param|Mismatched|[0-9,]+ bytes in)' \
		"$out/memcheck.txt" | head -10 >&2
	tb_finish
	fail "memcheck found errors or leaks: see $out/memcheck.txt"
fi
[ $vg_rc -eq 0 ] || fail "tbench failed under memcheck (exit $vg_rc); see $out"
tb_check_ok
tb_finish
