#!/usr/bin/env bash
# t1130-agree.sh - smoke test of scripts/agree.sh (tbench vs Google
# Benchmark vs likwid-bench): at tiny tiers (a sysfs-shaped directory of
# 8 KiB / 32 KiB / 128 KiB caches) with --quick, the output has its shape:
# the header, one row per tier and mode with three GB/s figures, two
# ratios with their intervals and verdicts (with 2 rounds: unknown, never a
# verdict from medians alone), what tbench said, the huge-page shares and
# the buffer placement, and the target line.
# Timing is not asserted.  Skips with the reason where a tool cannot run.
. "$(dirname "$0")/lib.sh"

: "${TB_SRC:?TB_SRC must name the source tree}"
cache() { # cache INDEX LEVEL TYPE SIZE
	mkdir -p "$T/caches/index$1"
	echo "$2" >"$T/caches/index$1/level"
	echo "$3" >"$T/caches/index$1/type"
	echo "$4" >"$T/caches/index$1/size"
}
cache 0 1 Data 8K
cache 1 2 Unified 32K
cache 2 3 Unified 128K

TBENCH_CACHE_SYSFS=$T/caches run "$TB_SRC/scripts/agree.sh" --quick --rounds 2
if [ "$rc" -eq 2 ] && grep -Eq "not installed|cannot run|has no kernel|cannot build|needs a release build" "$T/err"; then
	echo "SKIP: $(cat "$T/err")"
	exit 77
fi
check "agree.sh: exit 0" '[ $rc -eq 0 ]'
check "header: the three tools, the CPU, the pinning" 'grep -Eq "^agree: tbench .* vs Google Benchmark [0-9.]+ vs likwid-bench [0-9.]+; CPU: .*; pinned to CPU ${CPU:-0} \(likwid-bench: taskset, it ran on hwthread ${CPU:-0}\)" "$T/out"'
check "the caches the tiers come from" 'grep -q "^caches: L1d 8 KiB, L2 32 KiB, L3 128 KiB; likwid-bench kernels: update_sp_avx[0-9]* (in place), copy_avx[0-9]* (out of place)" "$T/out"'
num='[0-9]+\.[0-9]+ ±( *[0-9.]+%| *- )'
rat='[0-9]+\.[0-9]+ \[( +- +|[0-9.]+,[0-9.]+)\] (agree|differ|unknown)'
says='(-|[0-9]+%/[0-9]+%!?)( d[0-9]+%)?'
pages='([0-9]+%|\?)/([0-9]+%|\?)/([0-9]+%|\?)'
for tier in L1 L2 L3 DRAM; do
	for mode in inplace outofplace; do
		check "row $tier $mode: 3 figures, 2 ratios and verdicts, tbench's say, pages, placement" \
			'grep -Eq "^$tier +$mode +[0-9]+x[0-9]+ +[0-9.]+[KM]iB +$num +$num +$num +$rat +$rat +$says +$pages +x at page\+[0-9]+" "$T/out"'
	done
done
check "out of place: both buffers placed" '[ "$(grep -c "outofplace .*x at page+[0-9]*, y at page+[0-9]*" "$T/out")" -eq 4 ]'
check "2 rounds: no interval, every verdict unknown" '[ "$(grep -Eo "\[ +- +\] unknown" "$T/out" | wc -l)" -eq 16 ]'
check "the target line: unknown (not met or missed on medians)" 'grep -Eq "^target \(ratios within 3% from L2 on\): unknown, the spread between rounds is too wide to tell" "$T/out"'
expect_usage "bad --rounds" "invalid --rounds '1'" "$TB_SRC/scripts/agree.sh" --rounds 1
finish
