#!/usr/bin/env bash
# t1500-outputs-table.sh - the output files of run, exec and report are one
# table (reports/outputs.def): every row is an option and a --help line of
# each command, writes its file, and reads back; two options naming one file
# are refused before anything runs; a status the table of statuses lacks is
# refused in one line naming it, and every status written reads back.
. "$(dirname "$0")/lib.sh"

rows=$(grep -o '^TB_OUTPUT([A-Z_]*, [a-z_]*, "[a-z-]*"' "$TB_SRC/reports/outputs.def" | sed 's/.*"\(.*\)"/\1/')
check "outputs.def has the five outputs" '[ "$(echo "$rows" | wc -l)" -eq 5 ]'
for cmd in run exec report; do
	"$TBENCH" $cmd --help >"help.$cmd"
	for o in $rows; do
		check "$cmd --help lists --$o" "grep -q -- '^      --$o FILE ' help.$cmd"
	done
done

args=()
for o in $rows; do args+=("--$o" "out.$o"); done
run "$TBENCH" run null --samples 5 -q "${args[@]}"
check "run with every output exits 0" '[ $rc -eq 0 ]'
for o in $rows; do
	check "run wrote --$o" "[ -s out.$o ]"
done
check "the fingerprint CSV beside the summary" '[ -s out.fingerprint.csv ]'
run "$TBENCH" report out.csv --json back.json --csv back.csv -q
check "report reads run's CSV back" '[ $rc -eq 0 ] && [ -s back.json ] && [ -s back.csv ]'
run "$TBENCH" report out.json --markdown back.md -q
check "report reads run's JSON back" '[ $rc -eq 0 ] && grep -q "null" back.md'

mkdir e && cd e || exit 1
eargs=()
for o in $rows; do eargs+=("--$o" "x.$o"); done
run "$TBENCH" exec --runs 3 -q "${eargs[@]}" -- true
check "exec with every output exits 0" '[ $rc -eq 0 ]'
for o in $rows; do
	check "exec wrote --$o" "[ -s x.$o ]"
done
cd .. || exit 1

mkdir r && cd r || exit 1
expect_usage "run: two outputs, one file" "'same' is given for two outputs" \
	"$TBENCH" run null --csv same --json same
expect_usage "exec: two outputs, one file" "'same' is given for two outputs" \
	"$TBENCH" exec --runs 3 --html same --markdown same -- true
expect_usage "report: two outputs, one file" "is given for two outputs" \
	"$TBENCH" report ../out.csv --samples-csv same -o same
check "nothing left by the refused commands" '[ -z "$(ls)" ]'
cd .. || exit 1

# statuses: the enum's names are the CSV's; a name it lacks is refused
run "$TBENCH" run scale --variant neon,scalar --size 100 --samples 5 -q --csv st.csv
check "an unsupported variant is written as 'unsupported'" \
	'grep -q ",unsupported," st.csv || [ "$(uname -m)" = aarch64 ]'
check "the ok rows are written as 'ok'" 'grep -q ",ok," st.csv'
sed 's/,ok,/,great,/' st.csv >bad.csv
expect_usage "an unknown status is refused" "'great' is not a status (allowed: ok, partial, failed-verify, unsupported, setup-failed)" \
	"$TBENCH" report bad.csv
run "$TBENCH" report st.csv --csv st2.csv -q
check "statuses read back as written" \
	'[ "$(cut -d, -f1-12 st.csv | grep -c ",unsupported,\|,ok,")" = "$(cut -d, -f1-12 st2.csv | grep -c ",unsupported,\|,ok,")" ]'

finish
