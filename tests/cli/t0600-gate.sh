#!/usr/bin/env bash
# t0600-gate.sh - baselines and the regression gate end to end: save and
# compare, verdicts and exit statuses on hand-made samples (no timing is
# asserted), Markdown/CSV outputs, unmatched cases, fingerprint warnings,
# counter metrics, and every malformed or missing baseline -> exit 2 with
# one line naming the file (and line).
. "$(dirname "$0")/lib.sh"

export TBENCH_BASELINE_DIR=$T/w/bl
HDR="schema,name,family,variant,mode,n,rows,cols,threads,status,samples,iters_per_sample,median_ns,ctr_INS"
SHDR="schema,family,variant,mode,n,threads,sample,iters,ns_per_iter"

# mkset DIR V1 V2: spin/a with 20 samples V1..V1+19, spin/b with V2..V2+19
# (the summary's median is theirs: V + 9.5)
mkset() {
	mkdir -p "$1"
	{ echo "$HDR"
	  echo "tbench-1,,spin,a,-,1000,1,1000,1,ok,20,1,$(($2 + 9)).5,1000"
	  echo "tbench-1,,spin,b,-,1000,1,1000,1,ok,20,1,$(($3 + 9)).5,500"; } >"$1/summary.csv"
	{ echo "$SHDR"
	  for i in $(seq 0 19); do echo "tbench-1,spin,a,-,1000,1,$i,1,$(($2 + i))"; done
	  for i in $(seq 0 19); do echo "tbench-1,spin,b,-,1000,1,$i,1,$(($3 + i))"; done; } >"$1/samples.csv"
	printf 'key,value\ncpu.model,%s\nrun.timestamp,%s\n' "${4:-cpu X}" "$RANDOM" >"$1/fingerprint.csv"
}

mkset old 1000 1000
mkset same 1000 1000
mkset slow 1000 1300        # b is 30% slower
mkset fast 1000 700 "cpu Y" # b is 30% faster, other machine

expect_status "compare equal sets" 0 "$TBENCH" compare old same
check "equal: both unchanged" '[ "$(grep -cE "^spin .* unchanged$" "$T/out")" -eq 2 ]'
check "equal: no machine warning (run.timestamp is volatile)" '! grep -q "machines differ" "$T/err"'

expect_status "compare slower exits 1" 1 "$TBENCH" compare old slow --markdown sum.md --csv cmp.csv
check "slower: verdict in the table" 'grep -qE "^spin +b .* slower$" "$T/out"'
check "slower: ratio 1.3" 'grep -E "^spin +b " "$T/out" | grep -q "1.297"'
check "slower: markdown says regression" 'grep -q "Regression" sum.md && grep -q "| spin/b |" sum.md'
check "slower: csv has the verdicts" 'grep -q ",b,.*,slower," cmp.csv && grep -q ",a,.*,unchanged," cmp.csv'
check "slower: csv p-value exact" 'awk -F, "\$3==\"b\" {exit !(\$17 < 1e-9 && \$18 == \"yes\")}" cmp.csv'
expect_status "--fail-on none exits 0" 0 "$TBENCH" compare old slow --fail-on none
expect_status "a 40% per-case threshold hides it" 0 "$TBENCH" compare old slow --threshold spin/b=40
expect_status "a 40% global threshold hides it" 0 "$TBENCH" compare old slow --threshold 40%
expect_status "--significance 1e-11 hides it" 0 "$TBENCH" compare old slow --significance 1e-11

expect_status "faster exits 0" 0 "$TBENCH" compare old fast
check "faster: verdict" 'grep -qE "^spin +b .* faster$" "$T/out"'
check "faster: machine warning names cpu.model only" 'grep -q "machines differ: cpu.model" "$T/err" && ! grep -q run.timestamp "$T/err"'

# a summary CSV file without samples beside it: medians and threshold only
cp slow/summary.csv lone.csv
expect_status "summary file without samples" 1 "$TBENCH" compare old/summary.csv lone.csv
check "says medians only" 'grep -q "no raw samples" "$T/out"'

# too few samples for the test to reach alpha
mkdir few && head -3 old/summary.csv | sed 's/,20,1,[0-9.]*,/,3,1,5001,/' >few/summary.csv
{ echo "$SHDR"; for i in 0 1 2; do echo "tbench-1,spin,a,-,1000,1,$i,1,$((5000 + i))"; echo "tbench-1,spin,b,-,1000,1,$i,1,$((5000 + i))"; done; } >few/samples.csv
mkdir few2 && sed 's/,5001,/,50010,/' few/summary.csv >few2/summary.csv && sed 's/,500[0-9]$/&0/' few/samples.csv >few2/samples.csv
# (10x slower: the test cannot reach alpha, so the medians meet the threshold)
expect_status "too few samples: threshold verdict, exit 1" 1 "$TBENCH" compare few few2
check "too few samples said" 'grep -q "cannot reach p < 0.01; medians and threshold only" "$T/out" && grep -q "with too few samples for the test" "$T/out"'
expect_status "too few samples, A/A: exit 0" 0 "$TBENCH" compare few few

# unmatched cases are listed
mkdir other && head -2 old/summary.csv >other/summary.csv && sed -i 's/,spin,a,/,spin,c,/' other/summary.csv
grep -v ',spin,b,' old/samples.csv | sed 's/,spin,a,/,spin,c,/' >other/samples.csv
expect_usage "unmatched: nothing to compare" "nothing to compare" "$TBENCH" compare old other
check "only in old listed" 'grep -q "only in old: spin/a" "$T/out" && grep -q "only in old: spin/b" "$T/out"'
check "only in new listed" 'grep -q "only in new: spin/c" "$T/out"'

# counter metric: medians of ctr_INS
expect_status "counter metric" 0 "$TBENCH" compare old same --metric ctr_INS
check "counter metric note" 'grep -q "INS: per-sample counter values are not stored" "$T/err"'
expect_usage "unknown counter" "'nosuch'" "$TBENCH" compare old same --metric nosuch

# bad usage
expect_usage "one argument" "OLD and NEW" "$TBENCH" compare old
expect_usage "bad significance" "'2'" "$TBENCH" compare old same --significance 2
expect_usage "bad threshold" "'-5'" "$TBENCH" compare old same --threshold -5
expect_usage "bad fail-on" "'maybe'" "$TBENCH" compare old same --fail-on maybe
expect_usage "bad confidence" "'1.5'" "$TBENCH" compare old same --confidence 1.5
expect_usage "missing path" "'nope/x.csv'" "$TBENCH" compare old nope/x.csv
expect_usage "unwritable markdown, nothing written" "/nonexistent/m.md" "$TBENCH" compare old same --markdown /nonexistent/m.md --csv c2.csv
check "no c2.csv left" '[ ! -e c2.csv ]'

# ---- real runs: save, compare with run --baseline, list when missing ----
expect_status "save a baseline" 0 "$TBENCH" run null --samples 5 --warmup-time 1ms -q --save-baseline main
check "baseline files" '[ -s bl/main/summary.csv ] && [ -s bl/main/samples.csv ] && [ -s bl/main/fingerprint.csv ]'
check "no temporary left" '[ -z "$(ls -A bl | grep -v "^main$")" ]'
expect_status "run --baseline (huge threshold: never slower)" 0 "$TBENCH" run null --samples 5 --warmup-time 1ms --baseline main --threshold 1000
check "comparison printed" 'grep -q "comparison: baseline main" "$T/out" && grep -qE "^null +empty .*(unchanged|faster|too-few)" "$T/out"'
expect_status "compare two baselines" 0 "$TBENCH" compare main main
expect_status "append rounds" 0 "$TBENCH" run null --samples 5 --warmup-time 1ms -q --save-baseline main --append
check "append doubled the samples" '[ "$(grep -c "^tbench-1,null" bl/main/samples.csv)" -eq 10 ]'
expect_usage "--append without --save-baseline" "--append" "$TBENCH" run null --append
expect_usage "bad baseline name" "'../x'" "$TBENCH" run null --save-baseline ../x
expect_usage "missing baseline lists those there" "baselines there: main" "$TBENCH" compare nosuch main
expect_usage "run --baseline missing" "no baseline 'nosuch'" "$TBENCH" run null --baseline nosuch --csv never.csv
check "nothing written for a missing baseline" '[ ! -e never.csv ]'
expect_usage "--baseline-dir overrides the environment" "in 'elsewhere'" "$TBENCH" compare main main --baseline-dir elsewhere
expect_usage "bad work factor" "TBENCH_TEST_WORK_FACTOR '0'" env TBENCH_TEST_WORK_FACTOR=0 "$TBENCH" run spin
expect_usage "no --work-factor option (a test aid is no option)" "'--work-factor'" "$TBENCH" run spin --work-factor 2
expect_usage "bad warmup" "'sometimes'" "$TBENCH" run null --warmup sometimes
expect_status "warmup auto" 0 "$TBENCH" run null --samples 5 --warmup auto --warmup-max 200ms --csv w.csv -q
check "warmup auto reported" 'grep -q "warmup auto:" w.csv'

# ---- every malformed baseline: exit 2, one line naming the file ----
# damage NAME DESC NEEDLE: runs compare NAME main
damage() {
	expect_usage "$2" "$3" "$TBENCH" compare "$1" main
}
mkbad() { rm -rf "bl/$1"; cp -r bl/main "bl/$1"; }
mkbad empty; : >bl/empty/summary.csv
damage empty "empty summary" "bl/empty/summary.csv: empty file"
mkbad garbage; head -c 300 /dev/urandom | tr -d '\0' >bl/garbage/summary.csv; printf 'x,y\n1,2\n' >>bl/garbage/summary.csv
damage garbage "garbage summary" "bl/garbage/summary.csv"
mkbad trunc; head -c 150 bl/main/summary.csv >bl/trunc/x && { head -1 bl/main/summary.csv; sed -n 2p bl/main/summary.csv | cut -c1-40; } >bl/trunc/summary.csv
damage trunc "truncated summary row" "bl/trunc/summary.csv:2"
mkbad nocol; cut -d, -f1-13,15- bl/main/summary.csv >bl/nocol/summary.csv
damage nocol "missing median column" "missing column 'median_ns'"
mkbad schema; sed 's/^tbench-1,/tbench-9,/' bl/main/summary.csv >bl/schema/summary.csv
damage schema "wrong schema" "bl/schema/summary.csv:2: schema 'tbench-9'"
mkbad nan; awk -F, -v OFS=, 'NR==2 {$14="nan"} {print}' bl/main/summary.csv >bl/nan/summary.csv
damage nan "NaN median" "bl/nan/summary.csv:2: column median_ns: 'nan'"
mkbad neg; awk -F, -v OFS=, 'NR==2 {$14="-3"} {print}' bl/main/summary.csv >bl/neg/summary.csv
damage neg "negative median" "bl/neg/summary.csv:2: column median_ns: -3 is negative"
mkbad dup; { cat bl/main/summary.csv; tail -1 bl/main/summary.csv; } >bl/dup/summary.csv
damage dup "duplicate case" "bl/dup/summary.csv:3: duplicate case"
mkbad nosamples; rm bl/nosamples/samples.csv
damage nosamples "samples file missing" "bl/nosamples/samples.csv"
mkbad cutsamples; head -4 bl/main/samples.csv >bl/cutsamples/samples.csv
damage cutsamples "samples cut at a row boundary" "summary.csv:2 declares 10"
mkbad negsample; awk -F, -v OFS=, 'NR==2 {$9="-1"} {print}' bl/main/samples.csv >bl/negsample/samples.csv
damage negsample "negative sample" "bl/negsample/samples.csv:2"
mkbad badfp; printf 'nokey\n' >bl/badfp/fingerprint.csv
damage badfp "malformed fingerprint" "bl/badfp/fingerprint.csv:1"
: >bl/notadir
damage notadir "baseline that is a file" "not a directory"
finish
