#!/usr/bin/env bash
# valgrind-callgrind.sh - instruction-level profile (valgrind's callgrind) of
# exactly one tbench case, with callgrind_annotate's reports saved.
#
# usage: scripts/valgrind-callgrind.sh FAMILY [--variant V] [--mode M] [--size S] [--threads N]
#                                      [--whole] [--out DIR] [other tbench run options]
#
# The case runs with `tbench run --profile-iters 10 --samples 3` unless other
# --profile-iters / --samples are given.  Only the measured calls are
# collected (callgrind --toggle-collect=tb_runner_call: no setup, no
# verification, no statistics); --whole collects the whole process.  For
# per-call instruction counts in tbench's own result files, see
# `tbench run --metric instructions`.
#
# Writes to results/profile/<case>-<UTC time>/ (or under --out DIR):
#   callgrind.out            callgrind's data (open it in kcachegrind)
#   callgrind.txt            callgrind_annotate: instructions by function (self)
#   callgrind-inclusive.txt  the same, inclusive of callees
#   valgrind.log, tbench.txt, summary.csv
# and prints the top functions and, last, the directory.  Needs valgrind
# (Debian package valgrind; callgrind_annotate is part of it).  Exit: 0 ok,
# 1 the run failed, 2 bad usage or not exactly one case, 3 valgrind missing
# or unable to run this build.

. "$(dirname "${BASH_SOURCE[0]}")/profile-common.sh"

whole=no
own_opt() {
	case "$1" in
	--whole) whole=yes; return 1 ;;
	esac
	return 0
}
tb_parse "$@"
need_tool valgrind valgrind
need_tool callgrind_annotate valgrind
tb_find_tbench
vg_check
tb_one_case
tb_outdir
tb_defaults 10 3
opts=(--tool=callgrind --callgrind-out-file="$out/callgrind.out" --log-file="$out/valgrind.log")
[ "$whole" = yes ] || opts+=(--collect-atstart=no --toggle-collect=tb_runner_call)
vg_run "${opts[@]}"
[ $vg_rc -eq 0 ] || fail "tbench failed under callgrind (exit $vg_rc); see $out/valgrind.log"
tb_check_ok
callgrind_annotate --threshold=100 "$out/callgrind.out" >"$out/callgrind.txt" 2>>"$out/valgrind.log" ||
	fail "callgrind_annotate failed on $out/callgrind.out"
callgrind_annotate --threshold=100 --inclusive=yes "$out/callgrind.out" >"$out/callgrind-inclusive.txt" 2>>"$out/valgrind.log" ||
	fail "callgrind_annotate --inclusive=yes failed on $out/callgrind.out"
echo "== callgrind ($([ "$whole" = yes ] && echo "whole process" || echo "measured calls only")) =="
grep 'PROGRAM TOTALS' "$out/callgrind.txt"
sed -n '/ file:function$/,/^$/p' "$out/callgrind.txt" | grep -v '^ *\. ' | head -12
tb_finish
