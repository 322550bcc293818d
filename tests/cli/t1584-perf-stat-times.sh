#!/usr/bin/env bash
# t1584-perf-stat-times.sh - scripts/perf-stat.sh never shows a made-up
# zero: under perf's --control (the measured phase only) perf 6.1 prints
# "0.000000000 seconds user" and "... sys" (it then waits for the child
# without its rusage); the script drops those two lines and says why,
# keeping task-clock (the measured phase's CPU time).  Skips where perf is
# missing, may not count here, or has no --control.
. "$(dirname "$0")/lib.sh"
: "${TB_SRC:?TB_SRC must name the source tree}"
export TBENCH
skip() { echo "SKIP: $*"; finish; exit 77; }
perf --version >/dev/null 2>&1 || skip "perf is not installed (Debian: linux-perf)"
[[ "$(perf record -h 2>&1)" == *--control* ]] || skip "this perf has no --control"
run "$TB_SRC/scripts/perf-stat.sh" spin -s 100000 --samples 5 --out "$T/r"
[ "$rc" -eq 3 ] && skip "perf-stat.sh cannot count here: $(head -1 "$T/err")"
check "perf-stat.sh: exit 0" '[ "$rc" -eq 0 ]'
d=$(tail -1 "$T/out" | sed -n 's/^results: //p')
check "task-clock counted" 'grep -Eq "^ +[0-9.]+ +msec task-clock" "$d/perf-stat.txt"'
check "no zero user or sys time" '! grep -Eq "^ +0\.0+ seconds (user|sys)$" "$d/perf-stat.txt" "$T/out"'
check "says why they are left out" 'grep -q "user and sys times left out: under --control perf stat does not measure them" "$d/perf-stat.txt"'
finish
