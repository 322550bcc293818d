#!/usr/bin/env bash
# t1120-rounds.sh - `tbench run --rounds N`: N fresh processes, each
# measuring every case (rotated order), samples pooled (runs, run_samples),
# the spread between processes beside the spread within one in the table,
# CSV and JSON, read back; baselines and compare use the rounds; Ctrl-C
# keeps what was measured; a round that dies is reported; --rounds 1 is a
# plain run; bad values are refused.
. "$(dirname "$0")/lib.sh"

export TMPDIR=$T/tmp TBENCH_BASELINE_DIR=$T/bl
mkdir -p "$TMPDIR"
quick=(--samples 8 --min-sample-time 50us --warmup-time 1ms)
kids() { cat "/proc/$1/task/$1/children" 2>/dev/null; } # the processes PID started
col() { # col CSV COLUMN [ROW]: the value in the data row ROW (default 1)
	awk -F, -v c="$2" -v row="${3:-1}" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i }
		NR == row + 1 { sub(/\r$/, ""); print $k }' "$1"
}

run "$TBENCH" run spin null -s 1000 --rounds 3 "${quick[@]}" --csv r.csv --samples-csv rs.csv --json r.json --json-samples
check "3 rounds: exit 0" '[ $rc -eq 0 ]'
check "the header says so" 'grep -q "2 cases x 3 rounds, each round a fresh process" "$T/out"'
check "runs = 3 per case" '[ "$(col r.csv runs 1)" = 3 ] && [ "$(col r.csv runs 2)" = 3 ]'
check "run_samples 8;8;8 and 24 samples" '[ "$(col r.csv run_samples 1)" = "8;8;8" ] && [ "$(col r.csv samples 1)" = 24 ]'
check "between and within in the CSV" '[ -n "$(col r.csv between_cv 1)" ] && [ -n "$(col r.csv within_cv 1)" ]'
check "every sample in the samples CSV" '[ "$(grep -c "^tbench-1,spin," rs.csv)" -eq 24 ]'
check "the table shows both spreads" 'grep -Eq "^family .* within +between" "$T/out"'
check "three distinct processes" '[ "$(grep -o "\"rounds.pids\": \"[0-9 ]*\"" r.json | grep -o "[0-9][0-9]*" | sort -u | wc -l)" -eq 3 ]'
check "the options record the rounds and the command" 'grep -q "\"rounds\": \"3\"" r.json && grep -q "\"command\": \"tbench run spin null -s 1000 --rounds 3" r.json'
check "JSON: run_samples and the spreads" '/usr/bin/python3 -c "
import json; c = json.load(open(\"r.json\"))[\"cases\"][1]
assert c[\"run_samples\"] == [8, 8, 8] and c[\"runs\"] == 3 and len(c[\"samples_ns\"]) == 24
assert c[\"between_cv\"] >= 0 and c[\"within_cv\"] >= 0, c"'
check "no temporary directory left" '[ -z "$(ls "$TMPDIR")" ]'

# round r starts at case r x cases / rounds (the internal option shows it);
# the plan is null, spin
run "$TBENCH" run --round-of 1,3,"$T" spin null -s 1000 --dry-run
check "round 2 of 3 starts at case 1 x 2 / 3 = 0" '[ "$(head -1 "$T/out")" = "null empty - 1000 1" ]'
run "$TBENCH" run --round-of 2,3,"$T" spin null -s 1000 --dry-run
check "round 3 of 3 starts at case 2 x 2 / 3 = 1" '[ "$(head -1 "$T/out")" = "spin chain - 1000 1" ] && [ "$(tail -1 "$T/out")" = "null empty - 1000 1" ]'

# read back: the same figures, the same table columns
run "$TBENCH" report r.csv
check "report of the CSV shows both spreads" 'grep -Eq "^family .* within +between" "$T/out"'
run "$TBENCH" compare r.csv r.json
check "compare pooled sides: exit 0" '[ $rc -eq 0 ] && grep -q "unchanged" "$T/out"'

# the mark: a summary whose processes disagree more than samples do
{ echo "schema,family,variant,mode,n,threads,median_ns,samples,runs,run_samples,between_cv,within_cv"
  echo "tbench-1,spin,chain,-,1000,1,1500,30,3,10;10;10,0.05,0.01"
  echo "tbench-1,spin,chain,-,2000,1,3000,30,3,10;10;10,0.002,0.01"; } >m.csv
run "$TBENCH" report m.csv
check "between > within: marked" 'grep -Eq "^spin +chain .* 1000 .* 1\.0% +5\.0%\*" "$T/out"'
check "between < within: not marked" 'grep -Eq "^spin +chain .* 2000 .* 1\.0% +0\.2%$" "$T/out"'
check "one note line says what the mark means" '[ "$(grep -c "^\* the spread between processes" "$T/out")" -eq 1 ]'
run "$TBENCH" report m.csv --markdown m.md
check "Markdown lists the case the process decides" 'grep -q "^- spin/chain - 1000: between processes 5.0%, within one 1.0% (3 runs)" m.md && ! grep -q "chain - 2000: between" m.md'

# --rounds 1 is today's run
run "$TBENCH" run spin -s 1000 --rounds 1 "${quick[@]}" --csv one.csv
check "--rounds 1: one run, no spread columns" '[ "$(col one.csv runs)" = 1 ] && [ -z "$(col one.csv between_cv)" ] && ! grep -q within "$T/out" && ! grep -q "x 1 rounds" "$T/out"'

# baselines: the pooled set is saved, appended to, compared run by run
run "$TBENCH" run spin -s 1000 --rounds 3 "${quick[@]}" -q --save-baseline b
check "--save-baseline with rounds: runs 3" '[ $rc -eq 0 ] && [ "$(col "$T/bl/b/summary.csv" runs)" = 3 ]'
run "$TBENCH" run spin -s 1000 --rounds 2 "${quick[@]}" -q --save-baseline b --append
check "--append adds the rounds: runs 5" '[ "$(col "$T/bl/b/summary.csv" runs)" = 5 ] && [ "$(col "$T/bl/b/summary.csv" run_samples)" = "8;8;8;8;8" ]'
run "$TBENCH" run spin -s 1000 --rounds 2 "${quick[@]}" --baseline b --fail-on none
check "--baseline with rounds compares" '[ $rc -eq 0 ] && grep -q "comparison: baseline b -> this run" "$T/out"'

# Ctrl-C in round 3 or later: the rounds so far and the cut one are kept
rm -f i.csv i.json
"$TBENCH" run spin -s 1000 --rounds 200 "${quick[@]}" --csv i.csv --json i.json >"$T/out" 2>"$T/err" &
pid=$!
for _ in $(seq 1200); do # up to a minute: a loaded machine is slow
	[ "$(find "$TMPDIR" -name 'r2.csv*' | wc -l)" -gt 0 ] && break
	sleep 0.05
done
kill -INT $pid
wait $pid
rc=$?
check "interrupted: exit 130 (got $rc)" '[ $rc -eq 130 ]'
check "interrupted: says so" 'grep -q "interrupted by SIGINT" "$T/err"'
check "interrupted: the rounds so far are pooled" '[ "$(col i.csv runs)" -ge 2 ] && [ "$(col i.csv runs)" -lt 200 ]'
check "interrupted: marked partial" 'grep -q "\"partial\": \"yes\"" i.json'
check "interrupted: no temporary file or directory left" '[ -z "$(ls "$TMPDIR")" ] && [ -z "$(ls ./*.tmp.* 2>/dev/null)" ]'

# a round that dies (killed, as the OOM killer would) is reported, not hidden
rm -f k.csv
"$TBENCH" run spin -s 100000 --rounds 50 --samples 200 --csv k.csv >"$T/out" 2>"$T/err" &
pid=$!
for _ in $(seq 1200); do # up to a minute
	[ "$(find "$TMPDIR" -name 'r1.err' | wc -l)" -gt 0 ] && [ -n "$(kids $pid)" ] && break
	sleep 0.05
done
for c in $(kids $pid); do kill -KILL "$c"; done
wait $pid
rc=$?
check "a killed round: exit 1 (got $rc)" '[ $rc -eq 1 ]'
check "a killed round: named on stderr" 'grep -Eq "round [0-9]+/50 failed: tbench was killed by Killed" "$T/err"'
check "a killed round: the rounds before it are written" '[ "$(col k.csv runs)" -ge 1 ]'
check "a killed round: no temporary directory left" '[ -z "$(ls "$TMPDIR")" ]'

expect_usage "--rounds 0" "'0'" "$TBENCH" run null --rounds 0
expect_usage "--rounds 1001" "'1001'" "$TBENCH" run null --rounds 1001
expect_usage "--rounds with --metric instructions" "--rounds cannot be combined" "$TBENCH" run null --rounds 2 --metric instructions
expect_usage "--rounds with an unknown event: refused once, before any round" "unknown event 'no_such_event'" "$TBENCH" run null --rounds 2 --events no_such_event
expect_usage "--round-of malformed" "invalid --round-of" "$TBENCH" run null --round-of 3,2,/tmp
finish
