#!/usr/bin/env bash
# t1623-exec-events-nopmu.sh - tbench exec --events where PAPI's perf_event
# component is disabled, as on the Intel KVM guests (libpfm4 "no default
# PMU found", reproduced with LIBPFM_DISABLED_PMUS): the software events
# still count through perf_event_open; hardware events this machine lacks
# are said in one line and the rest counted (exit 0); on a machine that has
# them they are counted.
. "$(dirname "$0")/lib.sh"
H=${TB_BUILD:-}/tests/tb_touch_pages
[ -x "$H" ] || { echo "SKIP: $H is not built"; exit 77; }
pmus=$("$TBENCH" counters | sed -n 's/^libpfm4 PMUs here: //p' | tr -d ' ' | tr , '\n' |
	grep -Ev '^(perf|perf_raw|none)$' | paste -sd, -)
export LIBPFM_DISABLED_PMUS=${LIBPFM_DISABLED_PMUS:+$LIBPFM_DISABLED_PMUS,}${pmus:-amd64_fam19h_zen3,amd64_fam19h_zen3_l3,amd64_rapl}
run "$TBENCH" counters
check "PAPI's perf_event component is disabled" 'grep -Eq "^  perf_event +disabled" "$T/out"'
run "$TBENCH" exec -r 3 -e perf::PAGE-FAULTS -- /bin/true
if grep -q "no counters:" "$T/err"; then echo "SKIP: $(cat "$T/err")"; exit 77; fi

run "$TBENCH" exec -r 3 -e perf::TASK-CLOCK,perf::PAGE-FAULTS,perf::CONTEXT-SWITCHES -n h --csv a.csv -- "$H" 2000 3
check "software events: exit 0" '[ "$rc" -eq 0 ]'
check "... through perf_event_open" 'grep -q "perf_event_open counts perf::TASK-CLOCK, perf::PAGE-FAULTS, perf::CONTEXT-SWITCHES" "$T/out"'
check "... counted" '/usr/bin/python3 -c "import sys; sys.exit(not ($(csv_col a.csv h ctr_perf::PAGE-FAULTS) >= 2000 and $(csv_col a.csv h ctr_perf::CONTEXT-SWITCHES) >= 3))"'
check "... task-clock counted, or unknown and said" '[ -n "$(csv_col a.csv h ctr_perf::TASK-CLOCK)" ] || grep -q "perf::TASK-CLOCK is unknown" "$T/err"'
run "$TBENCH" exec -r 3 -e perf::INSTRUCTIONS,perf::PAGE-FAULTS -n h --csv b.csv -- "$H" 2000
check "a hardware event and a software one: exit 0" '[ "$rc" -eq 0 ]'
check "... page faults counted" '/usr/bin/python3 -c "import sys; sys.exit(not ($(csv_col b.csv h ctr_perf::PAGE-FAULTS) >= 2000))"'
if grep -q "not counted here: perf::INSTRUCTIONS" "$T/err"; then
	check "... instructions said in one line" '[ "$(grep -c "perf::INSTRUCTIONS" "$T/err")" = 1 ] && ! head -1 b.csv | grep -q ctr_perf::INSTRUCTIONS'
	check "... and in the fingerprint" 'grep -q "^counters.unavailable,perf::INSTRUCTIONS" b.fingerprint.csv'
else
	check "... instructions counted (this machine has them)" '[ -n "$(csv_col b.csv h ctr_perf::INSTRUCTIONS)" ]'
fi
finish
