#!/usr/bin/env bash
# t0802-profile-perf.sh - scripts/perf-stat.sh and scripts/perf-record.sh on a
# tiny case: their files and output, the one-case rule, a missing perf.
. "$(dirname "$0")/lib.sh"
S=$TB_SRC/scripts
export TBENCH

# the one-case rule and bad options, before any tool runs
expect_status "two cases are refused" 2 "$S/perf-stat.sh" scale -v scalar -s 1000 --out "$T/r"
check "says how many and what" 'grep -q "the selection names 2 cases; a profile needs exactly one" "$T/err" && grep -q "scale scalar inplace 1000 1" "$T/err"'
expect_status "a bad selection is refused" 2 "$S/perf-stat.sh" scale -v nope --out "$T/r"
check "names the bad variant" 'grep -q "unknown variant .nope." "$T/err"'
expect_status "--help" 0 "$S/perf-record.sh" --help
check "--help shows usage" 'grep -q "^usage: scripts/perf-record.sh FAMILY" "$T/out"'
expect_status "bad --call-graph" 2 "$S/perf-record.sh" scale --call-graph lbr
check "names it" 'grep -q "invalid --call-graph .lbr." "$T/err"'
check "nothing written for bad usage" '[ ! -e "$T/r" ]'

# a missing perf: a PATH with everything but perf
bin_without "$T/bin"
for s in perf-stat perf-record; do
	expect_status "$s without perf" 3 env PATH="$T/bin" "$S/$s.sh" scale -v scalar -m inplace -s 1000
	check "$s says how to install perf" 'grep -q "'"'"'perf'"'"' is not installed; install the Debian package '"'"'linux-perf'"'"': sudo apt-get install linux-perf" "$T/err"'
done

if ! perf --version >/dev/null 2>&1; then
	echo "SKIP: perf is not installed (Debian: linux-perf)"
	finish
	exit 77
fi

case1=(scale -v scalar -m inplace -s 1000)
expect_status "perf-stat.sh" 0 "$S/perf-stat.sh" "${case1[@]}" --samples 5 --out "$T/r"
d=$(tail -1 "$T/out" | sed -n 's/^results: //p')
check "prints the results directory last" '[ -d "$d" ]'
check "directory named after the case and time" '[[ "$(basename "$d")" =~ ^scale-scalar-inplace-1000-[0-9]{8}T[0-9]{6}$ ]]'
check "perf-stat.txt has the counts" 'grep -q "Performance counter stats" "$d/perf-stat.txt" && grep -q "task-clock" "$d/perf-stat.txt"'
check "ran the case with --profile" 'grep -q "^profile: 5 samples x 100 calls per sample" "$d/tbench.txt"'
check "summary CSV saved" 'grep -q "^tbench-1,,scale,scalar,inplace,1000,.*,ok,5,100," "$d/summary.csv"'
if grep -q "<not supported>" "$d/perf-stat.txt" || grep -q "not supported here" "$T/err"; then
	check "explains the missing hardware events" 'grep -q "hardware events (cycles, instructions, cache misses) are not supported here" "$T/err"'
	check "falls back to software events" 'grep -q "page-faults" "$d/perf-stat.txt" && ! grep -q "<not supported>" "$d/perf-stat.txt"'
fi
expect_status "perf-stat.sh --events" 0 "$S/perf-stat.sh" "${case1[@]}" --samples 2 --events task-clock,page-faults --out "$T/r"
d=$(tail -1 "$T/out" | sed -n 's/^results: //p')
check "uses the given events only" 'grep -q page-faults "$d/perf-stat.txt" && ! grep -q context-switches "$d/perf-stat.txt"'

expect_status "perf-record.sh" 0 "$S/perf-record.sh" scale -v scalar -m inplace -s 10000 \
	--profile-iters 1000 --samples 10 --out "$T/r"
d=$(tail -1 "$T/out" | sed -n 's/^results: //p')
check "perf.data and the report" '[ -s "$d/perf.data" ] && grep -q "tb_scale_run" "$d/report.txt"'
check "folded stacks reach the kernel through tb_runner_call" 'grep -Eq "^tbench;.*tb_runner_call;tb_scale_run;in(;[^ ]+)? [0-9]+$" "$d/stacks.folded"'
check "folded lines are 'stack count'" '! grep -Evq "^[^ ].* [0-9]+$" "$d/stacks.folded"'
check "flame graph is an SVG with the kernel in it" '/usr/bin/python3 -c "import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); assert d.documentElement.tagName == \"svg\"" "$d/flamegraph.svg" && grep -q "<title>tb_runner_call (" "$d/flamegraph.svg"'
check "prints the hottest stacks" 'grep -q "^== hottest stacks" "$T/out"'

# the folder and the renderer on a known input
printf 'prog 12 1.0: 1 cpu-clock:\n\t  401000 leaf+0x4 (/x/prog)\n\t  402000 mid+0x10 (/x/prog)\n\tffffffffffffffff [unknown] ([unknown])\n\nprog 12 1.1: 1 cpu-clock:\n\t  401000 leaf+0x8 (/x/prog)\n\t  402000 mid+0x10 (/x/prog)\n\nprog 12 1.2: 1 cpu-clock:\n\tffffffff81000000 clear_page+0x1 ([kernel.kallsyms])\n\t  7f0000 [unknown] (/usr/lib/libm.so.6)\n\n' >script.txt
awk -f "$S/stackcollapse-perf.awk" script.txt >folded.txt
check "folding counts equal stacks" 'grep -qx "prog;mid;leaf 2" folded.txt'
check "folding marks kernel and unknown frames" 'grep -qx "prog;\[libm.so.6\];clear_page_\[k\] 1" folded.txt'
check "the renderer draws every frame" '/usr/bin/python3 "$S/flamegraph.py" folded.txt >fg.svg && [ "$(grep -c "<rect x=.*rx=" fg.svg)" -eq 6 ] && grep -q "<title>leaf (2 samples, 66.67%)</title>" fg.svg'
printf 'no count here\n' >bad.txt
expect_status "the renderer refuses a bad line" 2 /usr/bin/python3 "$S/flamegraph.py" bad.txt
check "names the line" 'grep -q "line 1: count .here. is not a whole number" "$T/err"'
finish
