#!/usr/bin/env bash
# t0901-interrupt.sh - SIGINT / SIGTERM during `tbench run`: the results so
# far are written to every output, marked partial, exit 130 / 143; a second
# signal exits at once, removing the temporary files and leaving existing
# files untouched; a closed stdout does not lose the CSV files.
. "$(dirname "$0")/lib.sh"

# start_long: a run that would take hours, in the background ($pid); returns
# once its temporary output files exist (so the signal handlers are set)
start_long() {
	"$TBENCH" run null scale -v empty,scalar -s 1000 --samples 10000000 \
		--csv s.csv --samples-csv p.csv >"$T/out" 2>"$T/err" &
	pid=$!
	for _ in $(seq 600); do
		ls s.csv.tmp.* p.csv.tmp.* >/dev/null 2>&1 && return 0
		sleep 0.05
	done
	echo "the run never opened its outputs"
	kill -9 $pid
	return 1
}

for sig in INT TERM; do
	rm -f ./*.csv*
	start_long || { bad "SIG$sig: start"; continue; }
	kill -$sig $pid
	wait $pid
	rc=$?
	want=$([ $sig = INT ] && echo 130 || echo 143)
	check "SIG$sig: exit $want (got $rc)" '[ $rc -eq $want ]'
	check "SIG$sig: says so on stderr" 'grep -q "interrupted by SIG$sig" "$T/err"'
	check "SIG$sig: summary written" '[ -f s.csv ] && head -1 s.csv | grep -q "^schema,"'
	check "SIG$sig: every planned case listed" '[ $(grep -c "^tbench-1," s.csv) -eq 3 ]'
	check "SIG$sig: marked partial" 'grep -q ",partial," s.csv'
	check "SIG$sig: the cases not run say so" '[ $(grep -c "not run: interrupted" s.csv) -ge 2 ]'
	check "SIG$sig: samples written" '[ -f p.csv ] && head -1 p.csv | grep -q "^schema,"'
	check "SIG$sig: no temporary file left" '[ -z "$(ls ./*.tmp.* 2>/dev/null)" ]'
	check "SIG$sig: the table shows partial" 'grep -q "partial" "$T/out"'
done

# Second signal: both arrive while the process is stopped, so the handler
# sees one, then the other.  Existing files keep their content.
rm -f ./*.csv*
echo "old summary" >s.csv.keep
cp s.csv.keep s.csv
echo "old samples" >p.csv
if start_long; then
	kill -STOP $pid
	kill -INT $pid
	kill -TERM $pid
	kill -CONT $pid
	wait $pid
	rc=$?
	check "second signal: killed by a signal (got $rc)" '[ $rc -eq 130 ] || [ $rc -eq 143 ]'
	check "second signal: summary untouched" 'cmp -s s.csv s.csv.keep'
	check "second signal: samples untouched" '[ "$(cat p.csv)" = "old samples" ]'
	check "second signal: temporary files removed" '[ -z "$(ls ./*.tmp.* 2>/dev/null)" ] || { ls -la; false; }'
else
	bad "second signal: start"
fi

# stdout closed before tbench starts: the CSV is still written, the write
# error is reported, exit 1 (SIGPIPE must not kill the run)
rm -f ./*.csv*
/usr/bin/python3 - "$TBENCH" <<'PY' >"$T/py" 2>&1
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
p = subprocess.run([sys.argv[1], "run", "null", "--samples", "3", "--csv", "s.csv"],
                   stdout=w, stderr=subprocess.PIPE)
print(p.returncode)
print(p.stderr.decode().strip())
PY
check "closed stdout: exit 3 (an output could not be written)" '[ "$(head -1 "$T/py")" = 3 ]'
check "closed stdout: error named" 'grep -q "error writing to standard output" "$T/py"'
check "closed stdout: csv written" '[ $(grep -c "^tbench-1,.*,ok," s.csv) -eq 1 ]'
finish
