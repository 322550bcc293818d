#!/usr/bin/env bash
# t1403-exec.sh - tbench exec: `sleep 0.01` takes at least 10 ms per run and
# gets a CI; it gates against a saved baseline (A/A 0, 20% longer 1 naming
# it); outputs read back; parameter scans, several commands, rounds,
# --prepare, --shell (and no shell without it), failures, peak RSS,
# interrupts, bad usage.  Timed runs go under SCHED_FIFO where allowed
# (chrt -f 1: a sleeper takes no CPU; plain wakeups were 5-9 ms late on
# this shared VM at load 13); the bounds asserted are what a sleep must
# take, not how fast anything is.
. "$(dirname "$0")/lib.sh"
rt() { if chrt -f 1 true 2>/dev/null; then chrt -f 1 "$@"; else "$@"; fi; }
X() { rt "$TBENCH" exec "$@"; }

run X -r 20 --csv a.csv --json a.json -- sleep 0.01
check "sleep 0.01: exit 0" '[ "$rc" -eq 0 ]'
check "the spawn cost is said, not subtracted" 'grep -q "spawning /bin/true takes .* not subtracted" "$T/out" && grep -q "^exec.spawn_subtracted,no" a.options.csv 2>/dev/null || grep -q "\"exec.spawn_subtracted\": \"no\"" a.json'
fam=$(csv_col a.csv "sleep 0.01" family) smp=$(csv_col a.csv "sleep 0.01" samples)
med=$(csv_col a.csv "sleep 0.01" median_ns) lo=$(csv_col a.csv "sleep 0.01" ci_low_ns)
hi=$(csv_col a.csv "sleep 0.01" ci_high_ns) user=$(csv_col a.csv "sleep 0.01" ctr_user_ns)
check "family exec, the command as variant, 20 samples" '[ "$fam $smp" = "exec 20" ]'
check "at least 10 ms per run, well under 1 s" '/usr/bin/python3 -c "import sys; sys.exit(not (1e7 <= $med < 1e9))"'
check "a CI around the median" '/usr/bin/python3 -c "import sys; sys.exit(not ($lo <= $med <= $hi and $lo < $hi))"'
check "user time is a metric" '[ -n "$user" ]'
expect_status "what tbench writes it reads back (JSON)" 0 "$TBENCH" compare a.json a.csv
expect_status "report renders it" 0 "$TBENCH" report a.json --html a.html -q

# the gate: a saved baseline, A/A and 20% longer under the same name
expect_status "save a baseline" 0 X -q -r 20 --save-baseline nap -- sleep 0.01
aa=0 ab=0
for attempt in 1 2 3; do
	run X -r 20 --baseline nap -- sleep 0.01
	[ "$rc" -eq 0 ] && { aa=1; break; }
done
[ $aa = 1 ] && ok "A/A against the baseline: exit 0" || bad "A/A against the baseline: exit $rc in 3 attempts"
for attempt in 1 2 3; do
	run X -r 20 --baseline nap --command-name 'sleep 0.01' -- sleep 0.012
	[ "$rc" -eq 1 ] && grep -qE "^exec +sleep 0.01 .* slower$" "$T/out" && { ab=1; break; }
done
[ $ab = 1 ] && ok "20% longer: exit 1 naming it" || bad "20% longer: exit $rc in 3 attempts"
expect_status "--append pools a second run" 0 X -q -r 10 --save-baseline nap --append -- sleep 0.01
B=.tbench/baselines/nap/summary.csv
check "... 30 samples from 2 runs" '[ "$(csv_col $B "sleep 0.01" samples) $(csv_col $B "sleep 0.01" runs)" = "30 2" ]'
expect_status "a results file as --baseline" 0 X -q -r 5 --baseline a.json -- sleep 0.01

# several commands, names, scans, rounds
run X -r 3 -c 'sleep 0.01' -c 'sleep 0.02' -n short -n long
check "two commands, named" '[ "$rc" -eq 0 ] && grep -qE "^exec +short " "$T/out" && grep -qE "^exec +long " "$T/out"'
check "each against the fastest" 'grep -q "^fastest: short" "$T/out" && grep -qE "^  long: [0-9.]+x the time" "$T/out"'
run X -r 2 -P ms 10 12 -- sleep 0.0{ms}
check "--parameter-scan: one case per value" 'grep -qE "^exec +sleep 0.010 " "$T/out" && grep -qE "^exec +sleep 0.011 " "$T/out" && grep -qE "^exec +sleep 0.012 " "$T/out"'
run X -r 2 -P n 1 2 -n 'nap {n}' -- sleep 0.00{n}
check "--command-name with the parameter" 'grep -qE "^exec +nap 1 " "$T/out" && grep -qE "^exec +nap 2 " "$T/out"'
run X -r 4 --rounds 2 -c 'sleep 0.01' -c true --csv r.csv
check "--rounds: both commands, 2 rounds of 2 runs" '[ "$rc" -eq 0 ] && [ "$(csv_col r.csv true samples) $(csv_col r.csv true runs) $(csv_col r.csv "sleep 0.01" runs)" = "4 2 2" ]'
expect_usage "two commands with one name" "two commands are named 'x'" "$TBENCH" exec -c true -c 'true 1' -n x -n x

# --prepare before every run (warmup too), untimed
run "$TBENCH" exec -q -w 1 -r 3 --prepare 'echo x >>prep.log' -- true
check "--prepare ran 4 times" '[ "$rc" -eq 0 ] && [ "$(wc -l <prep.log)" = 4 ]'
expect_usage "a failing --prepare" "the --prepare command '/bin/sh' failed: exit status 3" "$TBENCH" exec -q -r 2 --prepare 'exit 3' -- true
# no shell unless --shell
expect_status "--shell runs the string through sh" 0 "$TBENCH" exec -q -r 2 --shell -c 'sleep 0.001; true'
run "$TBENCH" exec -q -r 2 -c 'sleep 0.001; true'
check "without --shell ';' is an argument (sleep fails)" '[ "$rc" -eq 1 ] && grep -q "the command failed: exit status 1" "$T/err"'
run "$TBENCH" exec -q -w 0 -r 1 --show-output -c "printf '<%s>' 'a b' \"c \\\"d\\\"\" e\\ f '' g'h'i" 
check "--command words: quotes and backslashes as a shell" 'grep -qxF "<a b><c \"d\"><e f><><ghi>" "$T/out"'
run "$TBENCH" exec -r 2 --show-output -- echo hello-from-child
check "--show-output lets output through" 'grep -qx hello-from-child "$T/out"'
run "$TBENCH" exec -r 2 -- echo hello-from-child
check "otherwise it goes to /dev/null" '! grep -qx hello-from-child "$T/out"'

# failures
run "$TBENCH" exec -r 3 --csv f.csv -- false
check "a failing command: exit 1, failed-verify, said once" '[ "$rc" -eq 1 ] && grep -q ",false,.*,failed-verify," f.csv && [ "$(wc -l <"$T/err")" -le 2 ]'
run "$TBENCH" exec -i -r 3 --csv f2.csv -- false
check "--ignore-failure measures it, with a note" '[ "$rc" -eq 0 ] && grep -q "3 of 3 runs failed (first: exit status 1)" f2.csv'
run "$TBENCH" exec -r 2 -c 'sh -c "kill -SEGV \$\$"'
check "a signal is a failure, named" '[ "$rc" -eq 1 ] && grep -q "killed by SIGSEGV" "$T/err"'
expect_usage "no such program" "cannot run 'no-such-program-here': no such executable file in PATH" "$TBENCH" exec -- no-such-program-here
expect_usage "not executable" "cannot run './a.csv'" "$TBENCH" exec -- ./a.csv

# peak RSS: the child's own when above tbench's, else unknown
run "$TBENCH" exec -q -r 2 --csv m.csv -- /usr/bin/python3 -c 'x = bytearray(96 << 20)'
rss=$(csv_col m.csv "/usr/bin/python3 -c 'x = bytearray(96 << 20)'" ctr_max_rss_bytes)
check "peak RSS of a 96 MiB child" '/usr/bin/python3 -c "import sys; sys.exit(not $rss >= 96 * 2**20)"'
check "... unknown for a tiny one (below tbench's own)" '[ -z "$(csv_col a.csv "sleep 0.01" ctr_max_rss_bytes)" ]'

# interrupted: what was measured is written, marked partial
"$TBENCH" exec -q -r 100000 --csv i.csv -- sleep 0.02 >"$T/out" 2>"$T/err" &
pid=$!
sleep 1.5
kill -INT $pid
wait $pid
rc=$?
check "SIGINT: exit 130, results written, partial" '[ "$rc" -eq 130 ] && grep -q ",partial," i.csv && grep -q "interrupted after" i.csv'

expect_usage "--runs 0" "--runs" "$TBENCH" exec -r 0 -- true
expect_usage "min over max" "--min-runs 5 is more than --max-runs 2" "$TBENCH" exec -m 5 -M 2 -- true
expect_usage "--append alone" "--append needs --save-baseline" "$TBENCH" exec --append -- true
expect_usage "both forms" "not both" "$TBENCH" exec -c true -- true
expect_usage "unbalanced quote" "unbalanced single quote" "$TBENCH" exec -c "echo 'a"
expect_usage "a scan without its values" "--parameter-scan needs NAME LO HI" "$TBENCH" exec -P n 1
expect_usage "an unknown option" "unknown option '--frobnicate'" "$TBENCH" exec --frobnicate -- true
expect_usage "a bad baseline name" "baseline" "$TBENCH" exec --baseline 'no such' -- true
finish
