#!/usr/bin/env bash
# t1620-exec-events.sh - tbench exec --events: a helper that touches N fresh
# pages and sleeps K times (tests/helpers/touch_pages.c) is counted from its
# exec to its exit: page faults N above the same helper touching none,
# context switches at least K, task-clock above 0, each cross-checked with
# wait4's rusage (no "unknown"); the counters are the case's ctr_ columns
# in CSV, JSON and the table, read back by report; the fingerprint names
# the backend (perf_event_open) and the checks.  Counts, never times.
. "$(dirname "$0")/lib.sh"
H=${TB_BUILD:-}/tests/tb_touch_pages
[ -x "$H" ] || { echo "SKIP: $H is not built"; exit 77; }
E=perf::PAGE-FAULTS,perf::CONTEXT-SWITCHES,perf::TASK-CLOCK,perf::CPU-MIGRATIONS
run "$TBENCH" exec -r 5 -e "$E" -- /bin/true
if grep -q "no counters:" "$T/err"; then echo "SKIP: $(cat "$T/err")"; exit 77; fi

run "$TBENCH" exec -r 5 -e "$E" -n zero -n pages -c "$H 0" -c "$H 3000 20" --csv a.csv --json a.json
check "exit 0" '[ "$rc" -eq 0 ]'
check "the backend is said" 'grep -q "perf_event_open counts perf::PAGE-FAULTS" "$T/out"'
# task-clock may disagree where the kernel's teardown is long (a sanitizer
# build's shadow memory): then it is unknown and said, never a figure
check "page faults and switches agreed with rusage" '! grep -Eq "(PAGE-FAULTS|CONTEXT-SWITCHES) is unknown" "$T/err"'
z=$(csv_col a.csv zero ctr_perf::PAGE-FAULTS) p=$(csv_col a.csv pages ctr_perf::PAGE-FAULTS)
cs=$(csv_col a.csv pages ctr_perf::CONTEXT-SWITCHES) tc=$(csv_col a.csv pages ctr_perf::TASK-CLOCK)
mig=$(csv_col a.csv pages ctr_perf::CPU-MIGRATIONS)
echo "# page faults: $z with 0 pages, $p with 3000; context switches $cs; task-clock $tc ns"
check "3000 pages: 2990 to 3300 faults more than none" '/usr/bin/python3 -c "import sys; d = $p - $z; sys.exit(not (2990 <= d <= 3300))"'
check "the helper without pages still faults (loader)" '/usr/bin/python3 -c "import sys; sys.exit(not ($z > 10))"'
check "20 sleeps: at least 20 context switches" '/usr/bin/python3 -c "import sys; sys.exit(not ($cs >= 20))"'
check "task-clock counted, or unknown and said" '/usr/bin/python3 -c "import sys; sys.exit(not ($tc > 0))" 2>/dev/null || { [ -z "$tc" ] && grep -q "perf::TASK-CLOCK is unknown" "$T/err"; }'
check "migrations a column too" '[ -n "$mig" ]'
check "the rusage metrics stay" '[ -n "$(csv_col a.csv pages ctr_minflt)" ]'
check "the table shows the counters" 'grep -qE "^ +perf::PAGE-FAULTS +[0-9]" "$T/out"'
check "JSON carries them" '/usr/bin/python3 -c "import json, sys
d = json.load(open(\"a.json\"))
c = [r for r in d[\"cases\"] if r[\"variant\"] == \"pages\"][0][\"counters\"]
sys.exit(not (float(c[\"perf::PAGE-FAULTS\"]) == float($p)))"'
check "fingerprint: backend, scope and checks" 'grep -q "^counters.backends,.*perf::PAGE-FAULTS=perf_event_open" a.fingerprint.csv &&
	grep -q "^counters.scope,.*exec to its exit" a.fingerprint.csv && grep -q "^counters.crosscheck,.*ru_minflt" a.fingerprint.csv'
expect_status "report reads the CSV back" 0 "$TBENCH" report a.csv --csv b.csv -q
check "... with the same counter columns" '[ "$(csv_col b.csv pages ctr_perf::PAGE-FAULTS)" = "$p" ] && [ "$(csv_col b.csv zero ctr_perf::CONTEXT-SWITCHES)" = "$(csv_col a.csv zero ctr_perf::CONTEXT-SWITCHES)" ]'
expect_status "report reads the JSON back" 0 "$TBENCH" report a.json --csv c.csv -q
check "... the same counts" '[ "$(csv_col c.csv pages ctr_perf::PAGE-FAULTS)" = "$p" ]'

# the default set: the software events always, hardware ones where counted
run "$TBENCH" exec -r 3 -e default --csv d.csv -- "$H" 100
check "default: exit 0" '[ "$rc" -eq 0 ]'
check "default: task-clock, switches, migrations, faults" 'head -1 d.csv | grep -q "ctr_perf::TASK-CLOCK" && head -1 d.csv | grep -q "ctr_perf::CONTEXT-SWITCHES" &&
	head -1 d.csv | grep -q "ctr_perf::CPU-MIGRATIONS" && head -1 d.csv | grep -q "ctr_perf::PAGE-FAULTS"'
check "default: cycles counted or said once" 'head -1 d.csv | grep -q "ctr_perf::CYCLES" || [ "$(grep -c "not counted here: perf::CYCLES" "$T/err")" = 1 ]'
finish
