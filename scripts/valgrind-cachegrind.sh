#!/usr/bin/env bash
# valgrind-cachegrind.sh - cache simulation (valgrind's cachegrind) of exactly
# one tbench case, with cg_annotate's report saved.
#
# usage: scripts/valgrind-cachegrind.sh FAMILY [--variant V] [--mode M] [--size S] [--threads N]
#                                       [--branch-sim] [--out DIR] [other tbench run options]
#
# The case runs with `tbench run --profile-iters 10 --samples 3` unless other
# --profile-iters / --samples are given.  cachegrind simulates this machine's
# L1 instruction, L1 data and last-level caches (sizes read from the CPU; the
# log says which) and counts references and misses per function;
# --branch-sim adds branch-prediction counts.  cachegrind (valgrind 3.19)
# cannot switch collection on and off, so the totals include setup,
# verification and statistics: read the kernel's own function in the
# per-function table (with `valgrind-callgrind.sh` for the measured calls only).
#
# Writes to results/profile/<case>-<UTC time>/ (or under --out DIR):
#   cachegrind.out   cachegrind's data    cachegrind.txt  cg_annotate's report
#   valgrind.log     valgrind's messages and cache summary; tbench.txt, summary.csv
# and prints the summary, the top functions and, last, the directory.  Needs
# valgrind (Debian package valgrind; cg_annotate is part of it).  Exit: 0 ok,
# 1 the run failed, 2 bad usage or not exactly one case, 3 valgrind missing
# or unable to run this build.

. "$(dirname "${BASH_SOURCE[0]}")/profile-common.sh"

branch=no
own_opt() {
	case "$1" in
	--branch-sim) branch=yes; return 1 ;;
	esac
	return 0
}
tb_parse "$@"
need_tool valgrind valgrind
need_tool cg_annotate valgrind
tb_find_tbench
vg_check
tb_one_case
tb_outdir
tb_defaults 10 3
opts=(--tool=cachegrind --cache-sim=yes --cachegrind-out-file="$out/cachegrind.out"
	--log-file="$out/valgrind.log")
[ "$branch" = no ] || opts+=(--branch-sim=yes)
vg_run "${opts[@]}"
[ $vg_rc -eq 0 ] || fail "tbench failed under cachegrind (exit $vg_rc); see $out/valgrind.log"
tb_check_ok
cg_annotate "$out/cachegrind.out" >"$out/cachegrind.txt" 2>>"$out/valgrind.log" ||
	fail "cg_annotate failed on $out/cachegrind.out"
echo "== cachegrind (whole process) =="
grep -E '(I|D|LL|D1|LLi|LLd|I1|Mispred|Branches).*(refs|misses|miss rate|rate):' "$out/valgrind.log" |
	sed 's/^==[0-9]*== *//'
sed -n '/ file:function$/,/^$/p' "$out/cachegrind.txt" | head -10
tb_finish
