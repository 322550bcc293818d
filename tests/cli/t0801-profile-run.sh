#!/usr/bin/env bash
# t0801-profile-run.sh - `tbench run --profile` (fixed calls per sample) and
# `--metric instructions` (callgrind counts: identical across runs).
. "$(dirname "$0")/lib.sh"

expect_status "--profile-iters runs" 0 "$TBENCH" run scale -v scalar -m inplace -s 1000 \
	--profile-iters 7 --samples 4 --csv p.csv
check "says what it ran" 'grep -q "^profile: 4 samples x 7 calls per sample, no warmup, no calibration" "$T/out"'
check "iters_per_sample is the fixed count" 'grep -q "^tbench-1,,scale,scalar,inplace,1000,1,1000,1,ok,4,7," p.csv'
check "metric column says time" 'head -1 p.csv | tr -d "\r" | tr , "\n" | grep -qx metric && grep -q ",time" p.csv'
expect_status "--profile defaults to 100 calls" 0 "$TBENCH" run null --profile --samples 2 --csv q.csv
check "100 calls per sample" 'grep -q "^tbench-1,,null,empty,-,[0-9]*,1,[0-9]*,1,ok,2,100," q.csv'
expect_usage "--profile-iters 0" "invalid --profile-iters '0'" "$TBENCH" run null --profile-iters 0
expect_usage "--metric bad" "invalid --metric 'cycles': expected time or instructions" \
	"$TBENCH" run null --metric cycles

if "$TBENCH" env | grep -q fsanitize; then
	expect_usage "sanitizer build refuses --metric instructions" "without AddressSanitizer" \
		"$TBENCH" run null --metric instructions
	finish
	exit
fi
if ! command -v valgrind >/dev/null; then
	echo "SKIP: valgrind is not installed (Debian: valgrind)"
	finish
	exit 77
fi

# deterministic instruction counts: two runs, the same counts
for i in 1 2; do
	expect_status "instructions run $i" 0 "$TBENCH" run scale -v scalar -s 1000 --metric instructions \
		--csv i$i.csv --samples-csv s$i.csv
done
check "table shows instructions per call" 'grep -Eq "^scale +scalar +outofplace +1000 +1 +ok +[0-9.]+ insn +0.0% +[0-9.]+ insn/elem" "$T/out"'
check "says how it counted" 'grep -q "^metric: instructions per call, counted by valgrind" "$T/out"'
check "metric column says instructions" '[ "$(grep -c ",instructions,[0-9][0-9]*," i1.csv)" -eq 2 ]'
check "counts are positive" 'awk -F, "NR>1 && !(\$14 > 1000) {exit 1}" i1.csv'
check "samples are identical within a run" '[ "$(tail -n +2 s1.csv | cut -d, -f4,9 | sort -u | wc -l)" -eq 2 ]'
check "two runs give identical counts" 'diff <(cut -d, -f3-26 i1.csv) <(cut -d, -f3-26 i2.csv) && cmp s1.csv s2.csv'
check "the medians differ between modes (real counts)" '[ "$(tail -n +2 i1.csv | cut -d, -f14 | sort -u | wc -l)" -eq 2 ]'
# more work, more instructions: 10x the size gives about 10x the count
if "$TBENCH" run --help | grep -q -- --markdown; then
	expect_status "instructions in the reports" 0 "$TBENCH" run scale -v scalar -m inplace -s 1000 \
		--metric instructions -q --markdown i.md --html i.html
	check "markdown shows counts, not times" 'grep -Eq "\| ok \| [0-9.]+ insn \|" i.md && ! grep -q "µs" i.md'
	check "html shows counts, no NaN" 'grep -q "[0-9] insn" i.html && ! grep -q "nan" i.html'
fi
expect_status "bigger case" 0 "$TBENCH" run scale -v scalar -m inplace -s 10000 --metric instructions -q --csv big.csv
small=$(awk -F, '$5 == "inplace" {print $14}' i1.csv)
large=$(awk -F, '$5 == "inplace" {print $14}' big.csv)
check "count grows with the size ($small -> $large)" 'awk -v a="$small" -v b="$large" "BEGIN {exit !(b / a > 9 && b / a < 11)}"'

# a missing valgrind is reported, not a crash
mkdir bin && ln -s "$(command -v dirname)" bin/dirname
expect_usage "no valgrind on PATH" "needs valgrind, which is not on PATH (Debian: apt-get install valgrind)" \
	env PATH="$PWD/bin" "$TBENCH" run null --metric instructions --csv nv.csv
check "no output written" '[ ! -e nv.csv ]'
expect_usage "bad output path fails before valgrind" "nodir" \
	"$TBENCH" run null --metric instructions --csv nodir/x.csv
finish
