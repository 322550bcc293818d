#!/usr/bin/env bash
# t0501-counters.sh - `tbench counters` listing (by backend) and filtering,
# and `tbench run --events`: per-call counter columns, the line naming each
# event's backend, the one-line notice when the machine has no hardware
# counters, and refusals (exit 2, one line, with the reason and a
# suggestion) for events that cannot be counted.  Holds with PAPI's CPU
# component active and with it disabled (ctest's nopmu.cli.t0501-counters).
. "$(dirname "$0")/lib.sh"

expect_status "counters" 0 "$TBENCH" counters
check "names the PAPI version" 'grep -Eq "^PAPI [0-9]+\." "$T/out"'
check "says what the kernel allows" 'grep -Eq "^perf_event_open: counts this process, (user and kernel side|user space only) \(kernel.perf_event_paranoid is" "$T/out"'
check "names libpfm4's PMUs" 'grep -Eq "^libpfm4 PMUs here: perf, perf_raw" "$T/out"'
if grep -Eq "^  perf_event +active" "$T/out"; then papi=active; else papi=disabled; fi
echo "# PAPI's perf_event component: $papi"
if [ $papi = active ]; then
	check "PAPI lists the software events" 'sed -n "/^native events (PAPI)/,/^$/p" "$T/out" | grep -q "perf::PAGE-FAULTS"'
else
	check "PAPI's component disabled, with its reason" 'grep -Eq "^  perf_event +disabled  .+" "$T/out"'
	check "perf_event_open lists the software events" 'sed -n "/^native events (perf_event_open/,\$p" "$T/out" | grep -q "perf::PAGE-FAULTS"'
fi
check "lists software events" 'grep -q "perf::PAGE-FAULTS" "$T/out" && grep -q "perf::TASK-CLOCK" "$T/out"'

expect_status "counters with a substring" 0 "$TBENCH" counters page-f
check "substring keeps PAGE-FAULTS (case-insensitive)" 'grep -q "perf::PAGE-FAULTS" "$T/out"'
check "substring drops TASK-CLOCK" '! grep -q "TASK-CLOCK" "$T/out"'
expect_status "counters with a glob" 0 "$TBENCH" counters 'perf::*-CLOCK'
check "glob keeps TASK-CLOCK and CPU-CLOCK" 'grep -q "perf::TASK-CLOCK" "$T/out" && grep -q "perf::CPU-CLOCK" "$T/out"'
check "glob drops PAGE-FAULTS" '! grep -q "PAGE-FAULTS" "$T/out"'
expect_status "counters with no match" 0 "$TBENCH" counters no-such-event-anywhere
check "says nothing matched" 'grep -q "no event matches" "$T/out"'
expect_status "counters --all" 0 "$TBENCH" counters --all PAPI_TOT_CYC
check "--all lists PAPI_TOT_CYC" 'grep -q "PAPI_TOT_CYC" "$T/out"'
expect_usage "counters with two patterns" "unexpected argument 'b'" "$TBENCH" counters a b
expect_usage "counters with a bad option" "--bogus" "$TBENCH" counters --bogus

hw=yes
"$TBENCH" counters | head -1 | grep -q "hardware counters available" || hw=no

expect_status "run with software events" 0 "$TBENCH" run scale -v scalar -s 4096 --samples 5 \
	--warmup-time 1ms --events perf::TASK-CLOCK,perf::PAGE-FAULTS --csv out.csv
check "csv has ctr_perf::TASK-CLOCK" 'head -1 out.csv | tr , "\n" | grep -qx "ctr_perf::TASK-CLOCK"'
check "task clock per call is a positive number" '
	col=$(head -1 out.csv | tr -d "\r" | tr , "\n" | grep -nx "ctr_perf::TASK-CLOCK" | cut -d: -f1)
	v=$(sed -n 2p out.csv | cut -d, -f"$col"); awk -v v="$v" "BEGIN{exit !(v > 0)}"'
check "table shows the counter block" 'grep -q "^counters per call" "$T/out"'
if [ $papi = active ]; then want=PAPI; else want=perf_event_open; fi
check "one line names the backend of each event" '[ "$(grep -c "^counters: " "$T/out")" -eq 1 ] &&
	grep -Eq "^counters: (PAPI [0-9.]+|perf_event_open) counts perf::TASK-CLOCK, perf::PAGE-FAULTS" "$T/out" && grep "^counters: " "$T/out" | grep -q "$want"'
check "fingerprint records the backends" 'grep -q "^counters.backends,\"perf::TASK-CLOCK=$want,perf::PAGE-FAULTS=$want\"" out.fingerprint.csv'
check "fingerprint records the counting domain" 'grep -Eq "^counters.domain,\"?(user and kernel|user space only)" out.fingerprint.csv'
check "fingerprint written beside the summary" 'grep -q "^counters.events," out.fingerprint.csv'
check "fingerprint has the cpu model" 'grep -q "^cpu.model," out.fingerprint.csv'
if [ "$hw" = no ]; then
	check "one-line notice about missing hardware counters" '[ "$(grep -c "no hardware counters" "$T/err")" -eq 1 ]'
fi

expect_status "run --events default" 0 "$TBENCH" run null --samples 3 --warmup-time 1ms --events default --csv d.csv
if [ "$hw" = no ]; then
	check "default falls back to software events" 'head -1 d.csv | grep -q "ctr_perf::TASK-CLOCK" && head -1 d.csv | grep -q "ctr_perf::PAGE-FAULTS"'
else
	check "default uses presets" 'head -1 d.csv | grep -q "ctr_PAPI_TOT_CYC"'
fi
check "no zero-filled hardware columns" '! head -1 d.csv | grep -q "ctr_PAPI" || [ "$hw" = yes ]'

expect_usage "misspelt event" "did you mean 'perf::PAGE-FAULTS'" \
	"$TBENCH" run null --events perf::PAGE-FALTS --csv bad.csv
check "no output written for a bad event" '[ ! -e bad.csv ]'
expect_usage "unknown event is named" "unknown event 'NOPE_NOT_AN_EVENT'" "$TBENCH" run null --events NOPE_NOT_AN_EVENT
expect_usage "empty event list" "--events" "$TBENCH" run null --events ''
expect_usage "event listed twice" "listed twice" "$TBENCH" run null --events perf::CS,perf::CS
if [ "$hw" = no ]; then
	expect_usage "unavailable preset refused" "'PAPI_TOT_CYC' is a preset that is not available" \
		"$TBENCH" run null --events PAPI_TOT_CYC
	expect_usage "hardware event refused" "'perf::CYCLES' cannot be counted here" \
		"$TBENCH" run null --events perf::CYCLES
else
	echo "SKIP: refusals of hardware events (this machine has hardware counters)"
fi
finish
