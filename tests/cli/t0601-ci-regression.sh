#!/usr/bin/env bash
# t0601-ci-regression.sh - scripts/ci-regression.sh end to end with a tiny
# suite (spin): the first run on main only measures and saves the baseline,
# a branch run compares and leaves it alone, TB_ROUNDS pools runs (the
# summary's runs column) and promotes them on main, bad TB_ROUNDS -> exit 2;
# the A/B mode (TB_BASE_TBENCH, TB_BASE_REF) measures both sides in rounds.
# Verdicts are not asserted (timing): only that a comparison was written.
. "$(dirname "$0")/lib.sh"

CIR=$TB_SRC/scripts/ci-regression.sh
export TBENCH_BASELINE_DIR=$T/w/bl TB_RESULTS=$T/w/res TB_SUMMARY=$T/w/sum.md
unset GITHUB_STEP_SUMMARY GITHUB_REF_NAME CI_COMMIT_BRANCH
ARGS=(spin --size 2000 --samples 12 --min-sample-time 50us --warmup-time 1ms)
runs_of() { awk -F, '{ sub(/\r$/, "") } NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { print $c["runs"] }' "$1" | head -1; }

expect_status "first run on main: measures, saves" 0 env TB_BRANCH=main TB_ROUNDS=1 "$CIR" "${ARGS[@]}"
check "baseline main saved" '[ -f bl/main/summary.csv ] && [ -f bl/main/samples.csv ]'
check "results written" '[ -f res/summary.csv ] && [ -f res/samples.csv ]'
check "said there was no baseline yet" 'grep -q "no baseline" "$T/err"'

before=$(cksum <bl/main/samples.csv)
run env TB_BRANCH=feature TB_ROUNDS=1 "$CIR" "${ARGS[@]}"
check "branch run compares (exit 0 or 1, not an error)" '[ "$rc" -le 1 ]'
check "comparison in the summary" 'grep -q "spin" sum.md && grep -q "comparing with baseline" "$T/err"'
check "a branch leaves the baseline alone" '[ "$(cksum <bl/main/samples.csv)" = "$before" ]'

run env TB_BRANCH=main TB_ROUNDS=3 "$CIR" "${ARGS[@]}"
check "3 pooled rounds on main (exit 0 or 1)" '[ "$rc" -le 1 ] && grep -q "round 3/3" "$T/err"'
check "compared the pooled runs" 'grep -q "comparing 3 pooled runs" "$T/err"'
check "main's baseline now pools 3 runs" '[ "$(runs_of bl/main/summary.csv)" = 3 ]'
check "results pool 3 runs, 36 samples" '[ "$(runs_of res/summary.csv)" = 3 ] && [ "$(grep -c ",spin," res/samples.csv)" = 36 ]'
check "no candidate left behind" '[ ! -e bl/main-candidate ] && ! ls -a bl | grep -q replaced'

before=$(cksum <bl/main/samples.csv)
run env TB_BRANCH=feature TB_ROUNDS=2 "$CIR" "${ARGS[@]}"
check "branch, 2 rounds, compared" '[ "$rc" -le 1 ] && grep -q "comparing 2 pooled runs" "$T/err"'
check "branch rounds leave the baseline alone" '[ "$(cksum <bl/main/samples.csv)" = "$before" ] && [ ! -e bl/main-candidate ]'

# A/B: a base binary (here the same one) and this one, in rounds taking turns
rm -rf res sum.md
run env TB_BRANCH=feature TB_BASE_TBENCH="$TBENCH" TB_ROUNDS=2 TB_MAX_ROUNDS=2 "$CIR" "${ARGS[@]}"
check "A/B: compared (exit 0 or 1)" '[ "$rc" -le 1 ] && grep -q "comparing with the base" "$T/err" && grep -q "gate-ab: 2 rounds a side" "$T/out"'
check "A/B: the summary and the results" 'grep -q "spin" sum.md && [ -f res/summary.csv ] && [ -f res/samples.csv ]'
check "A/B: the rounds took turns" 'grep -q "^turns,\"place [12], 12 turns\"" res/ab/head/options.csv'
check "A/B: paired runs compared" 'grep -q "2 paired runs\|2 and 2 runs" "$T/out"'
expect_usage "A/B: a base that is not an executable" "TB_BASE_TBENCH 'nope'" env TB_BASE_TBENCH=nope "$CIR" "${ARGS[@]}"
if git -C "$TB_SRC" rev-parse --verify -q HEAD >/dev/null 2>&1; then
	expect_usage "A/B: a revision that does not exist" "cannot check out TB_BASE_REF 'no-such-rev'" \
		env TB_BASE_REF=no-such-rev "$CIR" "${ARGS[@]}"
fi

expect_usage "TB_ROUNDS=0 refused" "invalid TB_ROUNDS '0'" env TB_ROUNDS=0 "$CIR" "${ARGS[@]}"
expect_usage "TB_ROUNDS=x refused" "invalid TB_ROUNDS 'x'" env TB_ROUNDS=x "$CIR" "${ARGS[@]}"
finish
