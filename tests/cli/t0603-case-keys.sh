#!/usr/bin/env bash
# t0603-case-keys.sh - case keys cannot collide (issue 15, item 5): the key
# holds the shape (rows x cols), a size or thread count given twice is one
# case, merged unnamed runs get distinct labels, and whatever tbench writes
# (CSV, samples, JSON, baselines, merged reports) tbench reads back.
. "$(dirname "$0")/lib.sh"
export TBENCH_BASELINE_DIR=$T/w/bl
Q=(--samples 5 --warmup 1 --warmup-time 1ms --min-sample-time 50us -q)

expect_status "two shapes of one n saved" 0 "$TBENCH" run sum_rows -v scalar -s 1000x10,10x1000 "${Q[@]}" \
	--save-baseline shapes --csv s.csv --samples-csv s.samples.csv --json s.json --json-samples
check "both shapes in the summary" '[ "$(grep -c ",sum_rows,scalar," s.csv)" -eq 2 ]'
check "the samples carry the shape" 'tr -d "\r" <s.samples.csv >u.csv && head -1 u.csv | grep -q ",rows,cols$" && grep -q ",1000,10$" u.csv && grep -q ",10,1000$" u.csv'
expect_status "the baseline compares with itself" 0 "$TBENCH" compare shapes shapes
check "two rows, both shapes" 'grep -q " 1000x10 " "$T/out" && grep -q " 10x1000 " "$T/out"'
expect_status "report reads its own CSV" 0 "$TBENCH" report s.csv -q
expect_status "report reads its own JSON" 0 "$TBENCH" report s.json --csv r.csv --samples-csv r.samples.csv -q
expect_status "and what report wrote" 0 "$TBENCH" report r.csv -q
expect_status "a baseline of shapes against its CSV" 0 "$TBENCH" compare shapes s.csv -q

# a samples file written before the shape columns: matched by n when unambiguous
cut -d, -f1-10 bl/shapes/samples.csv >old.samples.csv
cp bl/shapes/summary.csv old.csv
expect_usage "old samples file, two shapes of one n" "has two shapes" "$TBENCH" report old.csv
"$TBENCH" run spin -s 1000 "${Q[@]}" --csv v.csv --samples-csv v.samples.csv
cut -d, -f1-10 v.samples.csv >w.samples.csv && cp v.csv w.csv
expect_status "old samples file, one shape" 0 "$TBENCH" compare v.csv w.csv -q

# a size or thread count given twice is one case, said once
expect_status "-s 1000,1k" 0 "$TBENCH" run spin -s 1000,1k "${Q[@]}" --save-baseline k
check "measured once" '[ "$(grep -c ",spin,chain," bl/k/summary.csv)" -eq 1 ]'
run "$TBENCH" run spin -s 1000,1k --dry-run
check "said once" 'grep -q "note: --size 1k is 1000 again: measured once" "$T/err" && [ "$(wc -l <"$T/out")" -eq 1 ]'
expect_status "compare it" 0 "$TBENCH" compare k k -q
expect_status "-t 2,2" 0 "$TBENCH" run add -v threaded -s 4096 -t 2,2 "${Q[@]}" --save-baseline t
check "one case per mode" '[ "$(grep -c ",add,threaded," bl/t/summary.csv)" -eq 2 ]'
expect_status "compare it" 0 "$TBENCH" compare t t -q

# merged runs without names: distinct labels that read back
for d in a b c; do mkdir "$d" && "$TBENCH" run spin -s 1000 "${Q[@]}" --json "$d/run.json"; done
expect_status "merge three unnamed runs" 0 "$TBENCH" report a/run.json b/run.json c/run.json --json m.json --csv m.csv
expect_status "show them" 0 "$TBENCH" report a/run.json b/run.json c/run.json
check "distinct labels" 'grep -q "^spin  *chain  " "$T/out" && grep -q "^spin  *chain@run  " "$T/out" && grep -q "^spin  *chain@run.2  " "$T/out"'
expect_status "the merged JSON reads back" 0 "$TBENCH" report m.json -q
expect_status "the merged CSV reads back" 0 "$TBENCH" report m.csv -q
finish
