#!/usr/bin/env bash
# valgrind-massif.sh - heap profile (valgrind's massif) of exactly one tbench
# case, with ms_print's report saved.
#
# usage: scripts/valgrind-massif.sh FAMILY [--variant V] [--mode M] [--size S] [--threads N]
#                                   [--pages] [--out DIR] [other tbench run options]
#
# The case runs with `tbench run --profile-iters 10 --samples 3` unless other
# --profile-iters / --samples are given.  --pages profiles pages mapped
# (massif --pages-as-heap=yes: includes mmap'd memory, stacks, libraries)
# instead of malloc'd heap blocks.
#
# Writes to results/profile/<case>-<UTC time>/ (or under --out DIR):
#   massif.out   massif's data         massif.txt   ms_print's report (graph + snapshots)
#   valgrind.log valgrind's messages   tbench.txt, summary.csv
# and prints the peak, the graph and, last, the directory.  Needs valgrind
# (Debian package valgrind; ms_print is part of it).  Exit: 0 ok, 1 the run
# failed, 2 bad usage or not exactly one case, 3 valgrind missing or unable
# to run this build.

. "$(dirname "${BASH_SOURCE[0]}")/profile-common.sh"

pages=no
own_opt() {
	case "$1" in
	--pages) pages=yes; return 1 ;;
	esac
	return 0
}
tb_parse "$@"
need_tool valgrind valgrind
need_tool ms_print valgrind
tb_find_tbench
vg_check
tb_one_case
tb_outdir
tb_defaults 10 3
opts=(--tool=massif --massif-out-file="$out/massif.out" --log-file="$out/valgrind.log")
[ "$pages" = no ] || opts+=(--pages-as-heap=yes)
vg_run "${opts[@]}"
[ $vg_rc -eq 0 ] || fail "tbench failed under massif (exit $vg_rc); see $out/valgrind.log"
tb_check_ok
ms_print "$out/massif.out" >"$out/massif.txt" || fail "ms_print failed on $out/massif.out"
# peak = the snapshot with the most heap (useful + allocator overhead)
awk -F= '/^snapshot=/ {s = $2} /^mem_heap_B=/ {h = $2} /^mem_heap_extra_B=/ {
	t = h + $2; if (t > peak) {peak = t; ps = s; ph = h}}
	END {printf "== massif ==\npeak heap: %d bytes (%.1f MiB) in snapshot %d, %d of them requested\n",
		peak, peak / 1048576, ps, ph}' "$out/massif.out"
sed -n '/^    [KMG]\{0,1\}B$/,/^Number of snapshots/p' "$out/massif.txt" | head -30
tb_finish
