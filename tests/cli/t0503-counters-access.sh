#!/usr/bin/env bash
# t0503-counters-access.sh - what tbench does where the kernel limits
# counting, for real: under a seccomp filter that refuses perf_event_open
# (tests/helpers/deny_perf.c; as kernel.perf_event_paranoid=3 does for
# users on Debian) a run says so once, naming why, and carries on without
# counters (no column, never a zero); as an unprivileged user
# (setpriv to nobody, when this runs as root) with perf_event_paranoid=2
# only user space counts: task-clock and page faults are counted, and the
# events the kernel counts in its own context are refused, naming the
# sysctl and the value needed.
. "$(dirname "$0")/lib.sh"
DENY=$TB_BUILD/tests/tb_deny_perf

if "$DENY" true 2>/dev/null; then
	expect_status "run with counting refused" 0 "$DENY" "$TBENCH" run spin -s 1000 --samples 3 \
		--warmup-time 1ms --events default --csv d.csv
	check "says so once, naming why" '[ "$(grep -c "note: no counters: " "$T/err")" -eq 1 ] &&
		grep -q "perf_event_open is refused (Permission denied)" "$T/err" && grep -q "kernel.perf_event_paranoid" "$T/err"'
	check "carries on: the case ran" 'grep -q "^spin .* ok " "$T/out"'
	check "no counter column, no counter block" '! head -1 d.csv | grep -q ctr_ && ! grep -q "^counters per call" "$T/out"'
	check "the fingerprint says why" 'grep -q "^counters.events,none" d.fingerprint.csv && grep -q "^counters.unavailable,.*refused" d.fingerprint.csv'
	expect_status "named events, counting refused" 0 "$DENY" "$TBENCH" run spin -s 1000 --samples 3 \
		--warmup-time 1ms --events perf::PAGE-FAULTS -q --csv q.csv
	check "quiet: nothing said, nothing counted" '[ ! -s "$T/err" ] && ! head -1 q.csv | grep -q ctr_'
	expect_status "counters with counting refused" 0 "$DENY" "$TBENCH" counters
	check "the listing says it is refused and why" 'grep -q "^perf_event_open: refused: perf_event_open is refused" "$T/out"'
else
	echo "SKIP: cannot install a seccomp filter here"
fi

paranoid=$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo unknown)
if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null; then
	echo "SKIP: the unprivileged-user checks need root (to become nobody) and setpriv"
	finish
	exit
fi
chmod 755 "$T"
chmod 777 "$T/w"
as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
if ! as_nobody "$TBENCH" --help >/dev/null 2>&1; then
	echo "SKIP: nobody cannot run $TBENCH (a directory on its path is closed)"
	finish
	exit
fi
echo "# kernel.perf_event_paranoid is $paranoid"
case "$paranoid" in
2)
	expect_status "nobody: run --events default" 0 as_nobody "$TBENCH" run spin -s 1000 --samples 3 \
		--warmup-time 1ms --events default --csv n.csv
	check "task-clock and page faults count" 'head -1 n.csv | grep -q "ctr_perf::TASK-CLOCK" && head -1 n.csv | grep -q "ctr_perf::PAGE-FAULTS"'
	check "no context switches or migrations (they would read 0)" '! head -1 n.csv | grep -Eq "CONTEXT-SWITCHES|MIGRATIONS"'
	check "the backend line says user space only" 'grep -q "^counters: .*; user space only$" "$T/out"'
	check "the fingerprint records it" 'grep -q "^counters.domain,\"\{0,1\}user space only (kernel.perf_event_paranoid is 2" n.fingerprint.csv'
	expect_usage "nobody: kernel-context event refused" "need 1 or lower (sudo sysctl kernel.perf_event_paranoid=1)" \
		as_nobody "$TBENCH" run spin -s 1000 --events perf::CONTEXT-SWITCHES
	check "names the event and why" 'grep -q "'"'"'perf::CONTEXT-SWITCHES'"'"' is counted in the kernel.s own context only and would read 0 here: kernel.perf_event_paranoid is 2" "$T/err"'
	expect_status "nobody: counters" 0 as_nobody "$TBENCH" counters cs
	check "listing says user space only" 'grep -q "^perf_event_open: counts this process, user space only (kernel.perf_event_paranoid is 2" "$T/out"'
	;;
-1 | 0 | 1)
	expect_status "nobody: run counts the kernel side" 0 as_nobody "$TBENCH" run spin -s 1000 --samples 3 \
		--warmup-time 1ms --events perf::CONTEXT-SWITCHES,perf::PAGE-FAULTS --csv n.csv
	check "the backend line says user and kernel side" 'grep -q "^counters: .*; user and kernel side$" "$T/out"'
	;;
*)
	expect_status "nobody: run with counting refused" 0 as_nobody "$TBENCH" run spin -s 1000 --samples 3 \
		--warmup-time 1ms --events default --csv n.csv
	check "says so once, naming the sysctl and the value needed" '[ "$(grep -c "note: no counters: kernel.perf_event_paranoid is $paranoid" "$T/err")" -eq 1 ] && grep -q "2 or lower is needed" "$T/err"'
	;;
esac
finish
