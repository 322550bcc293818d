#!/usr/bin/env bash
# t0605-write-errors.sh - an output that cannot be written exits 3 and names
# its path (issue 15, items 7 and 8): a full device, a closed pipe, a file
# size limit, the HTML report; what can be checked before a run is checked
# before it (a baseline that is a file, an unwritable path); one file given
# for two outputs is refused whatever its spelling.
. "$(dirname "$0")/lib.sh"
export TBENCH_BASELINE_DIR=$T/w/bl
Q=(spin --samples 5 --warmup 1 --warmup-time 1ms --min-sample-time 50us -q)

expect_status "--csv /dev/full: exit 3" 3 "$TBENCH" run "${Q[@]}" --csv /dev/full
check "names the path" 'grep -q "cannot write '"'"'/dev/full'"'"': No space left on device" "$T/err"'
expect_status "--html /dev/full: exit 3" 3 "$TBENCH" run "${Q[@]}" --html /dev/full
check "names the path" 'grep -q "cannot write '"'"'/dev/full'"'"'" "$T/err"'
expect_status "--json /dev/full: exit 3" 3 "$TBENCH" run "${Q[@]}" --json /dev/full
# a regular file over the file size limit (EFBIG, as ENOSPC would be): the
# target is untouched and no temporary file is left
echo keep >big.json
run bash -c 'ulimit -f 1; exec "$0" "$@"' "$TBENCH" run "${Q[@]}" --json big.json --json-samples
check "file size limit: exit 3, named" '[ "$rc" -eq 3 ] && grep -q "cannot write '"'"'big.json'"'"'" "$T/err"'
check "target untouched, no temporary" '[ "$(cat big.json)" = keep ] && ! ls | grep -q tmp'
# a closed pipe (EPIPE): the run's files are still written
"$TBENCH" run spin --samples 5 --warmup 1 --warmup-time 1ms --csv p.csv 2>p.err | true
rcs=("${PIPESTATUS[@]}")
check "closed stdout: exit 3, said" '[ "${rcs[0]}" -eq 3 ] && grep -q "error writing to standard output: Broken pipe" p.err'
check "the CSV was written" '[ -s p.csv ]'
"$TBENCH" run "${Q[@]}" --save-baseline main
expect_status "compare --markdown /dev/full: exit 3" 3 "$TBENCH" compare main main --markdown /dev/full -q
expect_status "report --csv /dev/full: exit 3" 3 "$TBENCH" report bl/main/summary.csv --csv /dev/full
# a regression is still exit 1 when an output also fails
"$TBENCH" run "${Q[@]}" -s 1000 --samples 30 --save-baseline main30
expect_status "regression wins over a write error" 1 env TBENCH_TEST_WORK_FACTOR=3 "$TBENCH" run "${Q[@]}" \
	-s 1000 --samples 30 --baseline main30 --markdown /dev/full

# before the run: the baseline to save is a regular file
: >bl/afile
expect_usage "baseline that is a file: refused before running" "bl/afile' exists and is not a directory" \
	"$TBENCH" run "${Q[@]}" --save-baseline afile --csv never.csv
check "nothing ran, nothing written" '[ ! -e never.csv ]'
cp -r bl/main bl/damaged && : >bl/damaged/samples.csv
expect_usage "--append to a damaged baseline: refused before running" "bl/damaged/samples.csv" \
	"$TBENCH" run "${Q[@]}" --save-baseline damaged --append --csv never.csv
check "nothing written" '[ ! -e never.csv ]'
expect_usage "unwritable path: refused before running" "/nonexistent/x.csv" "$TBENCH" run "${Q[@]}" --csv /nonexistent/x.csv

# one file, two spellings
expect_usage "o.csv and ./o.csv" "'o.csv' and './o.csv' are one file" "$TBENCH" run "${Q[@]}" --csv o.csv --json ./o.csv
mkdir d && ln -s d l
expect_usage "through a symbolic link" "are one file" "$TBENCH" run "${Q[@]}" --html d/r.html --markdown l/r.html
expect_usage "the fingerprint beside the CSV" "are one file" "$TBENCH" run "${Q[@]}" --csv x.csv --json ./x.fingerprint.csv
expect_usage "compare: --markdown and --csv one file" "are one file" "$TBENCH" compare main main --markdown c.md --csv ./c.md
expect_usage "report: two outputs one file" "are one file" "$TBENCH" report bl/main/summary.csv --json r.json --csv d/../r.json
check "nothing written" '[ ! -e o.csv ] && [ ! -e c.md ] && [ ! -e r.json ] && ! ls | grep -q tmp'
finish
