#!/usr/bin/env bash
# t1621-exec-events-inherit.sh - tbench exec --events counts the children a
# command forks: a shell running the page-touching helper, and the helper
# forking a child that does the work, both count its 3000 page faults;
# events with --rounds (interleaved commands) and --parameter-scan; saved
# baselines carry the counter columns and compare reads two of them.
. "$(dirname "$0")/lib.sh"
H=${TB_BUILD:-}/tests/tb_touch_pages
[ -x "$H" ] || { echo "SKIP: $H is not built"; exit 77; }
atleast() { /usr/bin/python3 -c "import sys; sys.exit(not ($1 >= $2))"; }
E=perf::PAGE-FAULTS,perf::CONTEXT-SWITCHES
run "$TBENCH" exec -r 3 -e "$E" -- /bin/true
if grep -q "no counters:" "$T/err"; then echo "SKIP: $(cat "$T/err")"; exit 77; fi

# the shell forks (a second command after it), the helper is its child
run "$TBENCH" exec -r 3 -e "$E" -n sh -n fork -n alone --csv a.csv \
	-c "/bin/sh -c '\"$H\" 3000 2; :'" -c "$H 3000 2 fork" -c "$H 0"
check "exit 0, no disagreement" '[ "$rc" -eq 0 ] && ! grep -q "is unknown" "$T/err"'
sh=$(csv_col a.csv sh ctr_perf::PAGE-FAULTS) fk=$(csv_col a.csv fork ctr_perf::PAGE-FAULTS)
z=$(csv_col a.csv alone ctr_perf::PAGE-FAULTS)
echo "# page faults: sh $sh, fork $fk, helper alone touching none $z"
check "a shell's child is counted (grandchild of tbench)" 'atleast "$sh" "$z + 2990"'
check "a forked child is counted" 'atleast "$fk" "$z + 2990"'
check "its sleeps too" 'atleast "$(csv_col a.csv fork ctr_perf::CONTEXT-SWITCHES)" 2'

# rounds and scans
run "$TBENCH" exec -r 4 --rounds 2 -e "$E" -c "$H 0" -c "$H 500" -n a -n b --csv r.csv
check "--rounds: exit 0" '[ "$rc" -eq 0 ]'
check "--rounds: 4 runs in 2 rounds, counted" '[ "$(csv_col r.csv b samples) $(csv_col r.csv b runs)" = "4 2" ] && atleast "$(csv_col r.csv b ctr_perf::PAGE-FAULTS)" "$(csv_col r.csv a ctr_perf::PAGE-FAULTS) + 490"'
run "$TBENCH" exec -r 2 -e perf::PAGE-FAULTS -P n 1 2 -n 'p{n}' --csv s.csv -- "$H" "{n}000"
check "--parameter-scan: one counted case per value" '[ "$rc" -eq 0 ] && atleast "$(csv_col s.csv p2 ctr_perf::PAGE-FAULTS)" "$(csv_col s.csv p1 ctr_perf::PAGE-FAULTS) + 990"'

# baselines carry the counters; compare reads two
expect_status "save baseline one" 0 "$TBENCH" exec -q -r 5 -e "$E" -n h --save-baseline one -- "$H" 1000
expect_status "save baseline two" 0 "$TBENCH" exec -q -r 5 -e "$E" -n h --save-baseline two -- "$H" 1000
B=.tbench/baselines
check "the baseline has the counter columns" 'atleast "$(csv_col $B/one/summary.csv h ctr_perf::PAGE-FAULTS)" 1000'
run "$TBENCH" compare "$B/one" "$B/two"
check "compare of two baselines with events: no usage error" '[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]'
check "... judges the case" 'grep -qE "^exec +h " "$T/out"'
run "$TBENCH" compare "$B/one" "$B/two" --metric ctr_perf::PAGE-FAULTS
check "compare on a counter of two baselines" '{ [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]; } && grep -q "perf::PAGE-FAULTS" "$T/out"'
run "$TBENCH" exec -r 5 -e "$E" -n h --baseline one -- "$H" 1000
check "exec --events --baseline: judged, no usage error" '[ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]'
finish
