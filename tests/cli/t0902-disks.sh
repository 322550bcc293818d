#!/usr/bin/env bash
# t0902-disks.sh - a full disk (/dev/full), a device as the output path and a
# directory that disappears mid-run: a clear one-line error and a non-zero
# exit, never a silent truncation; existing files and devices untouched.
. "$(dirname "$0")/lib.sh"
[ -c /dev/full ] || { echo "SKIP: no /dev/full"; exit 77; }

one_error() { # DESC NEEDLE: exactly one error line on stderr containing NEEDLE
	# (noise warnings before a run are labelled "tbench: warning:" and allowed)
	needle=$2
	check "$1: one line naming the problem" '[ $(grep -vc "^tbench: warning:" "$T/err") -eq 1 ] && grep -qF -- "$needle" "$T/err"'
}
full_err="cannot write '/dev/full': No space left on device"
stdout_err="error writing to standard output: No space left on device"

expect_status "--csv /dev/full fails: exit 3" 3 "$TBENCH" run null --samples 3 -q --csv /dev/full
one_error "--csv /dev/full" "$full_err"
expect_status "--samples-csv /dev/full fails: exit 3" 3 "$TBENCH" run null --samples 3 -q --samples-csv /dev/full
one_error "--samples-csv /dev/full" "$full_err"
check "/dev/full is still a device (never renamed over)" '[ -c /dev/full ]'
check "no temporary file beside /dev/full" '[ -z "$(ls /dev/full.tmp.* 2>/dev/null)" ]'

for cmd in "list" "env" "help" "run null --samples 3" "run null --samples 3 -q --csv -" "--help" "--version"; do
	# shellcheck disable=SC2086
	"$TBENCH" $cmd >/dev/full 2>"$T/err"
	rc=$?
	check "'tbench $cmd > /dev/full' exits non-zero (got $rc)" '[ $rc -ne 0 ]'
	one_error "'tbench $cmd > /dev/full'" "$stdout_err"
done

# A device written in place works when it can take the data
expect_status "--csv /dev/null is fine" 0 "$TBENCH" run null --samples 3 -q --csv /dev/null
check "/dev/null is still a device" '[ -c /dev/null ]'

# the output directory disappears while the run measures
mkdir gone
"$TBENCH" run null --samples 20 --min-sample-time 50ms -q --csv gone/s.csv >"$T/out" 2>"$T/err" &
pid=$!
for _ in $(seq 600); do
	ls gone/s.csv.tmp.* >/dev/null 2>&1 && break
	sleep 0.05
done
kill -STOP $pid
rm -rf gone
kill -CONT $pid
wait $pid
rc=$?
check "vanished directory: exit 3 (got $rc)" '[ $rc -eq 3 ]'
# (one line per output that --csv writes: the summary and its companions)
check "vanished directory: the summary's error is named" 'grep -qF "cannot write '"'gone/s.csv'"': No such file or directory" "$T/err"'
check "vanished directory: every line is such an error" '! grep -v "^tbench: cannot write .gone/.*: No such file or directory$" "$T/err"'


# a failed write leaves the existing file as it was
echo "precious" >keep.csv
chmod 0555 .
if [ "$(id -u)" -ne 0 ]; then
	expect_status "read-only directory refused before running" 2 "$TBENCH" run null --csv keep.csv
	check "existing file untouched" '[ "$(cat keep.csv)" = precious ]'
fi
chmod 0755 .
finish
