#!/usr/bin/env bash
# t1110-contention.sh - a threaded case measured while another process
# spins on the other CPU: tbench warns, naming the case, marks it in the
# table with a note, and stores its `disturbed` share (the samples during
# which one of its threads was preempted) in the CSV and JSON; the share is
# read back by `tbench report`.  A run may get lucky, so up to 3 attempts.
. "$(dirname "$0")/lib.sh"

[ "$(getconf _NPROCESSORS_ONLN)" -eq 2 ] || { echo "SKIP: needs 2 CPUs, so 2 threads and a spinner compete (has $(getconf _NPROCESSORS_ONLN))"; exit 77; }
ncpu=$(getconf _NPROCESSORS_ONLN)
taskset -c $((ncpu - 1)) sh -c 'while :; do :; done' &
spinner=$!
trap 'kill $spinner 2>/dev/null; rm -rf "$T"' EXIT

share() { # the disturbed column of the add/threaded outofplace row of CSV $1
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "disturbed") c = i }
		 NR > 1 && $3 == "add" && $4 == "threaded" && $5 == "outofplace" { print $c }' "$1"
}

# exactly the command of the issue (2 threads: the CPUs online), with outputs
for attempt in 1 2 3; do
	rm -f c.csv c.json
	run "$TBENCH" run add -v threaded -s 256x256 --csv c.csv --json c.json
	[ "$rc" -eq 0 ] && grep -q "warning: add/threaded outofplace 256x256 x2: " "$T/err" && break
done
kill $spinner 2>/dev/null
wait $spinner 2>/dev/null
echo "# attempts: $attempt, disturbed share: $(share c.csv)"
check "run: exit 0" '[ $rc -eq 0 ]'
check "one warning line naming the case" \
	'[ "$(grep -c "warning: add/threaded outofplace 256x256 x2: .*samples disturbed" "$T/err")" -eq 1 ]'
check "the table marks the case" 'grep -Eq "^add +threaded +outofplace +256x256 +2 +ok .* !$" "$T/out"'
check "the table's note names it" 'grep -q "^! add/threaded outofplace 256x256 x2: [0-9]*% of samples disturbed" "$T/out"'
check "CSV: a disturbed share of at least 10%" 'awk -v s="$(share c.csv)" "BEGIN { exit !(s >= 0.1 && s <= 1) }"'
check "JSON: the same share" '/usr/bin/python3 -c "import json, sys; c = [x for x in json.load(open(\"c.json\"))[\"cases\"] if x[\"mode\"] == \"outofplace\"][0]; sys.exit(abs(c[\"disturbed\"] - float(sys.argv[1])) > 1e-6)" "$(share c.csv)"'

# read back: the mark survives the files
run "$TBENCH" report c.csv
check "report of the CSV: the mark and the note" 'grep -q "^! add/threaded outofplace 256x256 x2" "$T/out"'
run "$TBENCH" report c.json
check "report of the JSON: the mark and the note" 'grep -q "^! add/threaded outofplace 256x256 x2" "$T/out"'
run "$TBENCH" report c.json --markdown c.md
check "Markdown lists it as disturbed" 'grep -q "^- add/threaded outofplace 256x256 x2: [0-9]*% of samples disturbed" c.md'

# an idle CPU: the null kernel, quiet: no mark unless the machine itself is busy
run "$TBENCH" run null --samples 5 --warmup-time 1ms -q --csv q.csv
check "quiet: nothing on stderr" '[ ! -s "$T/err" ]'
check "the share is recorded for every measured case" '[ -n "$(awk -F, "NR == 1 { for (i = 1; i <= NF; i++) if (\$i == \"disturbed\") c = i } NR == 2 { print \$c }" q.csv)" ]'
finish
