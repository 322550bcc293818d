#!/usr/bin/env bash
# perf-record.sh - `perf record` with call graphs over exactly one tbench
# case, then the report as text, folded stacks and a flame graph SVG.
#
# usage: scripts/perf-record.sh FAMILY [--variant V] [--mode M] [--size S] [--threads N]
#                               [--call-graph dwarf|fp] [--freq HZ] [--out DIR]
#                               [other tbench run options]
#
# The case runs with `tbench run --profile` (fixed calls per sample, no warmup,
# no calibration; raise --profile-iters N or --samples N for more perf samples
# on a small case).  Only the measured samples are recorded: perf starts with
# its events disabled (-D -1 --control fifo:...) and tbench enables them right
# before its measured samples and disables them right after (TB_PERF_CONTROL),
# so tbench's own probes (effective clock, copy bandwidth) are not in it; the
# last lines say how many samples fell inside the measured calls.  Call graphs: dwarf by default (tbench is built without
# frame pointers, so `-g` frame-pointer stacks are cut short); --call-graph fp
# gives `perf record -g`.  The event is the CPU's cycles, or the cpu-clock
# software timer where hardware events are not supported (many VMs; it says so).
#
# Writes to results/profile/<case>-<UTC time>/ (or under --out DIR):
#   perf.data       the recording          report.txt      perf report --stdio
#   stacks.folded   one line per stack     flamegraph.svg  rendered from it
#   tbench.txt      tbench's table         summary.csv     tbench's summary CSV
# and prints the top of the report and, last, the directory.  Folding
# (scripts/stackcollapse-perf.awk) and rendering (scripts/flamegraph.py) are
# tbench's own: nothing is downloaded.  Needs perf (Debian package linux-perf).
# Exit: 0 ok, 1 perf or the run failed, 2 bad usage or not exactly one case,
# 3 perf missing or not allowed to record here.

. "$(dirname "${BASH_SOURCE[0]}")/profile-common.sh"

callgraph=dwarf
freq=
own_opt() {
	case "$1" in
	--call-graph)
		[ $# -ge 2 ] || usage_error "--call-graph needs dwarf or fp"
		callgraph=$2
		return 2
		;;
	--freq)
		[ $# -ge 2 ] || usage_error "--freq needs a sampling frequency in Hz"
		freq=$2
		return 2
		;;
	esac
	return 0
}
tb_parse "$@"
case "$callgraph" in
dwarf | fp) ;;
*) usage_error "invalid --call-graph '$callgraph': expected dwarf or fp" ;;
esac
if [ -n "$freq" ] && ! [[ "$freq" =~ ^[1-9][0-9]{0,5}$ ]]; then
	usage_error "invalid --freq '$freq': expected a whole number of Hz from 1 to 999999"
fi
[ -x /usr/bin/python3 ] || need_tool python3 python3
perf_find
tb_find_tbench
tb_one_case
perf_check
if [ "$perf_hw" = yes ]; then event=cycles; else perf_explain_hw; event=cpu-clock; fi
tb_outdir
tb_defaults
perf_control
rec=(-e "$event" --call-graph "$callgraph" -o "$out/perf.data" "${perf_ctl[@]}")
[ -z "$freq" ] || rec+=(-F "$freq")
echo "$me: perf record ${rec[*]}: $case_line" >&2
"$PERF" record "${rec[@]}" -- "$TBENCH" run "${tb_args[@]}" >"$out/tbench.txt" 2>"$out/perf-record.log"
rc=$?
perf_control_done
cat "$out/tbench.txt"
if [ $rc -ne 0 ]; then
	sed 's/^/    /' "$out/perf-record.log" >&2
	fail "perf record or tbench failed (exit $rc); see $out"
fi
tb_check_ok
"$PERF" report -i "$out/perf.data" --stdio --no-children >"$out/report.txt" 2>>"$out/perf-record.log" ||
	fail "perf report failed; see $out/perf-record.log"
"$PERF" script -i "$out/perf.data" 2>>"$out/perf-record.log" |
	awk -f "$TB_HERE/stackcollapse-perf.awk" >"$out/stacks.folded" ||
	fail "perf script or folding failed; see $out/perf-record.log"
[ -s "$out/stacks.folded" ] || fail "perf recorded no samples (the case ran too briefly? raise --profile-iters)"
/usr/bin/python3 "$TB_HERE/flamegraph.py" --title "tbench $case_line ($event)" \
	"$out/stacks.folded" >"$out/flamegraph.svg" || fail "rendering the flame graph failed"
samples=$(awk '{s += $NF} END {print s}' "$out/stacks.folded")
echo "== perf report (top) =="
grep -v '^#' "$out/report.txt" | grep -v '^$' | head -25
echo "== hottest stacks ($samples samples) =="
awk '{print $NF "\t" $0}' "$out/stacks.folded" | sort -rn -k1,1 | head -5 | cut -f2-
awk '{ s += $NF } /(^|;)tb_runner_call;/ { k += $NF }
	END { printf "samples in the measured calls (tb_runner_call): %d of %d (%.1f%%)\n", k, s, s ? 100 * k / s : 0 }' \
	"$out/stacks.folded"
tb_finish
