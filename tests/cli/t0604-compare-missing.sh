#!/usr/bin/env bash
# t0604-compare-missing.sh - no case is not a pass (issue 15, item 4): NEW
# that measured no case OLD has exits 2 ("nothing to compare"); cases OLD
# has and NEW lacks are listed, and --fail-on missing makes them fail.
. "$(dirname "$0")/lib.sh"
export TBENCH_BASELINE_DIR=$T/w/bl
Q=(--samples 5 --warmup 1 --warmup-time 1ms --min-sample-time 50us -q)

"$TBENCH" run spin null "${Q[@]}" --save-baseline two
mkdir empty && head -1 bl/two/summary.csv >empty/summary.csv && head -1 bl/two/samples.csv >empty/samples.csv
expect_usage "header-only NEW" "nothing to compare: empty measured no case that two has" "$TBENCH" compare two empty
check "the missing cases are listed" 'grep -q "only in old: spin/chain" "$T/out" && grep -q "only in old: null/empty" "$T/out"'
expect_usage "header-only summary file" "nothing to compare" "$TBENCH" compare two empty/summary.csv
"$TBENCH" run spin -s 777 "${Q[@]}" --save-baseline other
expect_usage "only other cases" "nothing to compare" "$TBENCH" compare two other
expect_usage "run --baseline with no common case" "nothing to compare" "$TBENCH" run spin -s 555 "${Q[@]}" --baseline two

"$TBENCH" run spin "${Q[@]}" --save-baseline one
expect_status "a case missing: listed, exit 0" 0 "$TBENCH" compare two one --threshold 1000
check "warned on stderr" 'grep -q "warning: 1 case of two missing from one: null/empty" "$T/err"'
expect_status "--fail-on missing: exit 1" 1 "$TBENCH" compare two one --threshold 1000 --fail-on missing
check "said as an error" 'grep -q "error: 1 case of two missing from one" "$T/err"'
expect_status "--fail-on slower,missing" 1 "$TBENCH" compare two one --threshold 1000 --fail-on slower,missing
expect_status "nothing missing: 0" 0 "$TBENCH" compare one two --threshold 1000 --fail-on missing
expect_usage "--fail-on none,missing" "invalid --fail-on 'none,missing'" "$TBENCH" compare two one --fail-on none,missing
finish
