#!/usr/bin/env bash
# t1622-exec-events-errors.sh - bad --events for tbench exec: an unknown
# name (with a suggestion), an empty list, a name twice, too many, a PAPI
# preset perf_event_open cannot count: each exit 2 with one line naming it,
# before any command runs (its mark file is never made) and with no output
# file written.
. "$(dirname "$0")/lib.sh"
for spec in perf::PAGE-FALTS NOT_AN_EVENT; do
	expect_usage "unknown event '$spec' is named" "unknown event '$spec'" \
		"$TBENCH" exec -e "$spec" --csv bad.csv --json bad.json -- touch ran
	check "... nothing ran, nothing written" '[ ! -e ran ] && [ ! -e bad.csv ] && [ ! -e bad.json ] && [ -z "$(ls)" ]'
done
expect_usage "a suggestion for a near name" "did you mean 'perf::PAGE-FAULTS'" \
	"$TBENCH" exec -e perf::PAGE-FALTS -- touch ran
expect_usage "an empty list" "invalid --events ''" "$TBENCH" exec -e '' -- touch ran
expect_usage "a name twice" "listed twice" "$TBENCH" exec -e perf::CS,perf::CS -- touch ran
many=$(printf 'perf::PAGE-FAULTS,%.0s' $(seq 17))perf::CS
expect_usage "more than 16 events" "up to 16 event names" "$TBENCH" exec -e "$many" -- touch ran
expect_usage "a preset only PAPI counts" "PAPI_L1_DCM" "$TBENCH" exec -e PAPI_L1_DCM --csv bad.csv -- touch ran
check "nothing ran, nothing written" '[ ! -e ran ] && [ -z "$(ls)" ]'
check "--help documents --events" '"$TBENCH" exec --help | grep -- "--events LIST" >/dev/null'
finish
