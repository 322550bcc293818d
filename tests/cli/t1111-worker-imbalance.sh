#!/usr/bin/env bash
# t1111-worker-imbalance.sh - threaded cases record how unequal their
# workers were (`imbalance`: the slowest worker's busy time on its equal
# share over the fastest's, measured after the samples): a number >= 1 for
# every pooled threaded case, empty for one thread and for OpenBLAS's own
# threads; with another process spinning on the CPU of worker 1, that
# worker waits for its turn, the ratio passes 1.2, and the case is marked
# and named ("workers unequal"); CSV and JSON read back.  A run may get
# lucky, so up to 5 attempts.
. "$(dirname "$0")/lib.sh"

[ "$(getconf _NPROCESSORS_ONLN)" -ge 2 ] || { echo "SKIP: needs 2 CPUs (has $(getconf _NPROCESSORS_ONLN))"; exit 77; }
col() { # column $2 of the row family $3 variant $4 threads $5 of CSV $1
	awk -F, -v c="$2" -v f="$3" -v v="$4" -v t="$5" '{ sub(/\r$/, "") } NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i }
		NR > 1 && $3 == f && $4 == v && $9 == t { print $k; exit }' "$1"
}

expect_status "quiet machine: a threaded run" 0 "$TBENCH" run add -v threaded,avx2 -m outofplace -s 256x256 -t 1,2 \
	--samples 5 --warmup-time 1ms -q --csv q.csv
check "2 threads: a ratio >= 1" 'awk -v x="$(col q.csv imbalance add threaded 2)" "BEGIN { exit !(x >= 1) }"'
check "1 thread: none" '[ -z "$(col q.csv imbalance add threaded 1)" ] && [ -z "$(col q.csv imbalance add avx2 1)" ]'
expect_status "OpenBLAS's own threads" 0 "$TBENCH" run scale -v blas -m inplace -s 256x256 -t 2 \
	--samples 3 --warmup-time 1ms -q --csv b.csv
check "blas: none (its threads are not the pool's)" '[ -z "$(col b.csv imbalance scale blas 2)" ]'

# worker 1 runs on CPU 1 (--pin=0: worker i on CPU i), where another process spins
taskset -c 1 sh -c 'while :; do :; done' &
spinner=$!
trap 'kill $spinner 2>/dev/null; rm -rf "$T"' EXIT
for attempt in 1 2 3 4 5; do
	rm -f c.csv c.json
	run "$TBENCH" run add -v threaded -m outofplace -s 256x256 -t 2 --pin=0 --samples 10 \
		--csv c.csv --json c.json
	[ "$rc" -eq 0 ] && grep -q "workers unequal" "$T/err" && break
done
kill $spinner 2>/dev/null
wait $spinner 2>/dev/null
x=$(col c.csv imbalance add threaded 2)
echo "# attempts: $attempt, imbalance: $x"
check "run: exit 0" '[ $rc -eq 0 ]'
check "CSV: the slowest worker took at least 1.2x" 'awk -v x="$x" "BEGIN { exit !(x >= 1.2) }"'
check "the warning names it" 'grep -q "warning: add/threaded outofplace 256x256 x2: .*workers unequal: the slowest took [0-9.]*x" "$T/err"'
check "the table marks it" 'grep -Eq "^add +threaded +outofplace +256x256 +2 +ok .* !$" "$T/out"'
check "JSON: the same ratio" '/usr/bin/python3 -c "import json, sys; c = json.load(open(\"c.json\"))[\"cases\"][0]; sys.exit(abs(c[\"imbalance\"] - float(sys.argv[1])) > 1e-6 * c[\"imbalance\"])" "$x"'
run "$TBENCH" report c.csv
check "report of the CSV: the note" 'grep -q "^! add/threaded outofplace 256x256 x2: .*workers unequal" "$T/out"'
run "$TBENCH" report c.json --csv back.csv
check "JSON read back to CSV: the same ratio" '[ "$(col back.csv imbalance add threaded 2)" = "$x" ]'
# a file claiming a ratio below 1 is refused, naming the column
sed '2s/,[^,]*$/,0.5/' c.csv >bad.csv
expect_status "imbalance < 1 refused" 2 "$TBENCH" report bad.csv
check "the error names the column" 'grep -q "imbalance" "$T/err"'
finish
