#!/usr/bin/env bash
# t0608-gate-ab.sh - the gate's method (issue 15, item 13): `run --turns`
# (two processes taking turns sample by sample through FIFOs), and
# scripts/gate-ab.sh and scripts/gate-selftest.sh end to end on tiny cases.
# No timing is asserted: only the protocol, the outputs and exit statuses.
. "$(dirname "$0")/lib.sh"
export TBENCH_BASELINE_DIR=$T/w/bl
Q=(spin -s 1000 --samples 7 --warmup 1 --warmup-time 1ms --min-sample-time 50us -q)

mkfifo f1 f2
expect_usage "--turns without a place" "invalid --turns 'f1,f2'" "$TBENCH" run "${Q[@]}" --turns f1,f2
expect_usage "--turns place 3" "expected IN,OUT,PLACE" "$TBENCH" run "${Q[@]}" --turns f1,f2,3
expect_usage "--turns of a missing FIFO" "invalid --turns FIFO 'nope'" "$TBENCH" run "${Q[@]}" --turns nope,f2,1
: >plain
expect_usage "--turns of a regular file" "'plain': not a FIFO" "$TBENCH" run "${Q[@]}" --turns plain,f2,1

# two processes take turns: every sample of each waited for the other's
"$TBENCH" run "${Q[@]}" --turns f2,f1,1 --save-baseline a &
pa=$!
run "$TBENCH" run "${Q[@]}" --turns f1,f2,2 --save-baseline b
wait $pa
ra=$?
check "both ran" '[ "$rc" -eq 0 ] && [ "$ra" -eq 0 ]'
check "place 1 took 7 turns" 'grep -q "^turns,\"place 1, 7 turns\"" bl/a/options.csv'
check "place 2 took 7 turns" 'grep -q "^turns,\"place 2, 7 turns\"" bl/b/options.csv'
# a peer that never comes: measured alone after the timeout, never hangs
run timeout 60 "$TBENCH" run "${Q[@]}" --turns f1,f2,1 --save-baseline c
check "a silent peer: measured alone" '[ "$rc" -eq 0 ] && grep -q "then alone (the peer went silent)" bl/c/options.csv'
check "all its samples" '[ "$(grep -c ",spin,chain," bl/c/samples.csv)" -eq 7 ]'

# gate-ab.sh: two rounds, both sides of each taking turns
AB=$TB_SRC/scripts/gate-ab.sh
run env TB_ROUNDS=2 TB_MAX_ROUNDS=2 TB_AB_DIR="$T/w/ab" TB_NEW_ENV="TBENCH_TEST_WORK_FACTOR=1.5" \
	TB_COMPARE_ARGS=--fail-on=none "$AB" spin -s 1000 --samples 5 --warmup-time 1ms
check "gate-ab: compared, rounds said" '[ "$rc" -eq 0 ] && grep -q "^comparison: old -> new" "$T/out" && grep -q "^gate-ab: 2 rounds a side$" "$T/out"'
check "gate-ab: two runs a side, paired" 'grep -q "2 and 2 runs: too few for p < 0.01 and a 99% interval (paired)" "$T/out"'
check "gate-ab: the sides took turns" 'grep -q "^turns,\"place [12], 5 turns\"" ab/old/options.csv'
# a base binary from before --turns: the sides of a round one after the other
printf '#!/bin/sh\nif [ "$2" = --help ]; then "%s" "$@" | grep -v -- --turns; exit 0; fi\nexec "%s" "$@"\n' "$TBENCH" "$TBENCH" >old-tbench
chmod +x old-tbench
run env TB_ROUNDS=2 TB_MAX_ROUNDS=2 TB_OLD_TBENCH="$T/w/old-tbench" "$AB" spin -s 1000 --samples 5 --warmup-time 1ms
check "gate-ab: without --turns, ABBA" '[ "$rc" -le 1 ] && grep -q "has no .run --turns." "$T/err"'
expect_usage "gate-ab: bad TB_ROUNDS" "invalid TB_ROUNDS 'x'" env TB_ROUNDS=x "$AB" spin
run env TB_ROUNDS=1 TB_MAX_ROUNDS=1 "$AB" spin -s 1000 --samples 5 --nosuch
check "gate-ab: a run that fails: exit 2, its error shown" '[ "$rc" -eq 2 ] && grep -q "unknown option" "$T/err"'

# gate-selftest.sh: the output's shape (two rounds cannot decide: FAIL, exit 1)
run env K=1 TB_ROUNDS=2 TB_MAX_ROUNDS=2 "$TB_SRC/scripts/gate-selftest.sh" spin -s 1000 --warmup-time 1ms
check "self-test: exit 1 on a missed bar" '[ "$rc" -eq 1 ] && grep -q "^gate self-test: FAIL$" "$T/out"'
check "self-test: rates and bars" 'grep -q "^A/A false alarms: *0/1" "$T/out" && grep -q "^A/B +5% detected: " "$T/out" && grep -q "^A/B +10% detected: " "$T/out"'
check "self-test: the machine and the load" 'grep -q "^machine: .*load average" "$T/out"'
expect_usage "self-test: bad GATE_CASE" "invalid GATE_CASE 'x'" env K=1 GATE_CASE=x "$TB_SRC/scripts/gate-selftest.sh"
finish
