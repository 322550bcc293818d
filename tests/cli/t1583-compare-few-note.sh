#!/usr/bin/env bash
# t1583-compare-few-note.sh - which test decided a comparison: 3 against 3
# samples of a 10x slower case exit 1 because the medians meet the threshold
# (Mann-Whitney's smallest two-sided p for 3 and 3 is 2/C(6,3) = 0.1, so no
# test on them can reach p < 0.01), and the row says so, naming the test and
# its smallest p; with 6 against 6 (smallest p 2/924) the test itself
# decides, and the fallback's note is absent.  Hand-made sets, no timing.
. "$(dirname "$0")/lib.sh"

HDR="schema,name,family,variant,mode,n,rows,cols,threads,status,samples,iters_per_sample,median_ns"
SHDR="schema,family,variant,mode,n,threads,sample,iters,ns_per_iter"
# mkset DIR N BASE: spin/a with N samples BASE..BASE+N-1
mkset() {
	mkdir -p "$1"
	local med
	med=$(awk -v n="$2" -v b="$3" 'BEGIN { printf "%.10g", b + (n - 1) / 2 }')
	{ echo "$HDR"; echo "tbench-1,,spin,a,-,1000,1,1000,1,ok,$2,1,$med"; } >"$1/summary.csv"
	{ echo "$SHDR"; for i in $(seq 0 $(($2 - 1))); do echo "tbench-1,spin,a,-,1000,1,$i,1,$(($3 + i))"; done; } >"$1/samples.csv"
}
mkset few 3 5000
mkset few10 3 50000
expect_status "3 vs 3, 10x slower: exit 1" 1 "$TBENCH" compare few few10 --csv c.csv
check "slower in the table" 'grep -qE "^spin +a .* 0\.1000 +slower$" "$T/out"'
check "the row names the test, its smallest p and what decided" \
	'grep -qF "3 and 3 samples: the test cannot reach p < 0.01; medians and threshold only (Mann-Whitney'"'"'s smallest p is 0.1; the 5% threshold decided)" "$T/out"'
check "the CSV note says the same" 'grep -qF "Mann-Whitney'"'"'s smallest p is 0.1; the 5% threshold decided" c.csv'
check "the summary line counts it as threshold only" 'grep -qF "1 slower, 0 faster, 0 unchanged (1 with too few samples for the test: threshold only)" "$T/out"'
expect_status "3 vs 3, A/A: exit 0" 0 "$TBENCH" compare few few
mkset six 6 5000
mkset six10 6 50000
expect_status "6 vs 6, 10x slower: exit 1" 1 "$TBENCH" compare six six10 --csv c6.csv
check "the test decided: p < 0.01, no fallback note" \
	'grep -qE "^spin +a .* 0\.00[0-9]+ +slower$" "$T/out" && ! grep -q "threshold decided" "$T/out" && ! grep -q "threshold only" "$T/out"'
check "the CSV says exact p 2/924" 'awk -F, "NR == 2 { exit !(\$17 > 0.00216 && \$17 < 0.00217 && \$18 == \"yes\") }" c6.csv'
finish
