#!/usr/bin/env bash
# t0703-progress.sh - progress on a TTY only (case i of N, phase, ETA, drawn
# in place on stderr), never in redirected output or CSV; --quiet and
# --verbose.  The TTY comes from script(1); SKIP where it is missing.
. "$(dirname "$0")/lib.sh"
fast=(scale -v scalar -s 1000,2000 --samples 5 --warmup 1 --warmup-time 1ms --min-sample-time 50us)

expect_status "redirected run" 0 "$TBENCH" run "${fast[@]}" --csv s.csv
check "no progress in redirected stderr" '! grep -q "ETA" "$T/err" && ! grep -q $'"'"'\r'"'"' "$T/err"'
check "no progress in stdout" '! grep -q "ETA" "$T/out" && ! grep -q $'"'"'\r'"'"' "$T/out"'
check "csv is clean" '[ "$(wc -l <s.csv)" -eq 5 ] && ! grep -q "ETA\|measure" s.csv'

expect_status "quiet run" 0 "$TBENCH" run "${fast[@]}" -q --csv q.csv
check "quiet: nothing on stdout or stderr" '[ ! -s "$T/out" ] && [ ! -s "$T/err" ] && [ -s q.csv ]'

expect_status "verbose run" 0 "$TBENCH" run "${fast[@]}" --verbose
check "verbose: one detail line per case on stderr" '[ "$(grep -c "^  scale/scalar .*: 5 samples x [0-9]* calls, warmup .* ms.*median .*outliers" "$T/err")" -eq 4 ]'
check "verbose: the table is still on stdout" '[ "$(grep -c "^scale " "$T/out")" -eq 4 ]'

if ! command -v script >/dev/null; then
	echo "SKIP TTY checks: script(1) is not installed"
	finish
	exit $?
fi
script -qec "'$TBENCH' run ${fast[*]} 2>tty-err.txt >/dev/null; echo rc=\$?" /dev/null >/dev/null 2>&1
# script gives the child a TTY on stdin/stdout/stderr; our redirection above
# moved stderr to a file, so no progress may appear
check "stderr redirected inside a TTY session: no progress" '! grep -q ETA tty-err.txt'
script -qec "'$TBENCH' run ${fast[*]} --csv t.csv" /dev/null >tty.txt 2>&1
check "TTY: progress shows case i of N, phase and ETA" 'grep -q "\[1/4 .*\] scale/scalar outofplace 1000: warmup  ETA" tty.txt && grep -q "\[4/4 .*measure 5/5  ETA" tty.txt'
check "TTY: drawn in place (carriage return, erase line)" 'grep -q $'"'"'\r\033\[K\[2/4'"'"' tty.txt'
# (on a loaded machine the per-case "disturbed" warnings come between;
# without them the header follows the erase on the progress line's line)
check "TTY: the line is erased before the table" 'grep -aEq $'"'"'\r\033\[K(family  variant|tbench: warning)'"'"' tty.txt && grep -aq "family  variant" tty.txt'
check "TTY: csv is clean" '[ "$(wc -l <t.csv)" -eq 5 ] && ! grep -q "ETA" t.csv'
script -qec "'$TBENCH' run ${fast[*]} -q" /dev/null >ttyq.txt 2>&1
check "TTY quiet: nothing at all" '[ ! -s ttyq.txt ]'
finish
