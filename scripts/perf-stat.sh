#!/usr/bin/env bash
# perf-stat.sh - `perf stat` over exactly one tbench case.
#
# usage: scripts/perf-stat.sh FAMILY [--variant V] [--mode M] [--size S] [--threads N]
#                             [--events LIST] [--out DIR] [other tbench run options]
#
# The case runs with `tbench run --profile` (fixed calls per sample, no warmup,
# no calibration; --profile-iters N and --samples N change it).  Default events:
# cycles, instructions, branches, branch-misses, cache-references, cache-misses
# and the software events task-clock, context-switches, cpu-migrations,
# page-faults; where the machine has no hardware counters (many VMs) only the
# software events, and it says so.  --events LIST replaces the list.
# Only the measured samples are counted: perf starts with its events disabled
# (-D -1 --control fifo:...) and tbench enables them around its measured
# samples (TB_PERF_CONTROL), so warmup and tbench's own probes are left out.
#
# Writes to results/profile/<case>-<UTC time>/ (or under --out DIR):
#   perf-stat.txt  perf's report     tbench.txt  tbench's table
#   summary.csv    tbench's summary CSV
# and prints the report and, last, the directory.  Needs perf (Debian package
# linux-perf).  Exit: 0 ok, 1 perf or the run failed, 2 bad usage or not
# exactly one case, 3 perf missing or not allowed to count here.

. "$(dirname "${BASH_SOURCE[0]}")/profile-common.sh"

events=
own_opt() {
	case "$1" in
	--events)
		[ $# -ge 2 ] || usage_error "--events needs a comma-separated event list"
		events=$2
		return 2
		;;
	--events=*) events=${1#--events=}; return 1 ;;
	esac
	return 0
}
tb_parse "$@"
perf_find
tb_find_tbench
tb_one_case
perf_check
if [ -z "$events" ]; then
	sw=task-clock,context-switches,cpu-migrations,page-faults
	if [ "$perf_hw" = yes ]; then
		events=cycles,instructions,branches,branch-misses,cache-references,cache-misses,$sw
	else
		perf_explain_hw
		events=$sw,minor-faults,major-faults
	fi
fi
tb_outdir
tb_defaults
perf_control
echo "$me: perf stat -e $events ${perf_ctl[*]}: $case_line" >&2
"$PERF" stat -e "$events" -o "$out/perf-stat.txt" "${perf_ctl[@]}" -- \
	"$TBENCH" run "${tb_args[@]}" >"$out/tbench.txt"
rc=$?
perf_control_done
# under --control perf stat waits for tbench without its rusage and prints
# 0 s user and sys: a made-up zero, dropped and said
if [ ${#perf_ctl[@]} -gt 0 ] && grep -Eq '^ +0\.0+ seconds (user|sys)$' "$out/perf-stat.txt" 2>/dev/null; then
	grep -Ev '^ +0\.0+ seconds (user|sys)$' "$out/perf-stat.txt" >"$out/perf-stat.tmp"
	echo "# user and sys times left out: under --control perf stat does not measure them (it printed 0); task-clock is the measured phase's CPU time" >>"$out/perf-stat.tmp"
	mv "$out/perf-stat.tmp" "$out/perf-stat.txt"
fi
cat "$out/tbench.txt"
[ $rc -eq 0 ] || fail "perf stat or tbench failed (exit $rc); see $out"
tb_check_ok
cat "$out/perf-stat.txt"
tb_finish
