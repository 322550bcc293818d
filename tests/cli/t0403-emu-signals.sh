#!/usr/bin/env bash
# t0403-emu-signals.sh - SIGINT and SIGTERM stop a running guest cleanly in
# both engines: the stop is reported (reason, count, PC, registers) and the
# exit status is 130 / 143.  The guests never stop by themselves (`b .`, and
# a cycle of three chained blocks), and tbench runs as a background job of
# this non-interactive shell, where SIGINT is ignored at exec: the handler
# must be installed anyway.
. "$(dirname "$0")/lib.sh"

words() { local f=$1; shift; : >"$f"; for w in "$@"; do
	printf "\\x${w:6:2}\\x${w:4:2}\\x${w:2:2}\\x${w:0:2}" >>"$f"; done; }
words spin.bin 14000000
# A: add x1, x1, #1; b B ... B: b C ... C: b A
words cycle.bin 91000421 14000002 00000000 14000002 00000000 17fffffb

# the premise: a background job of this shell starts with SIGINT ignored
# (read once the job is sleep itself: until its exec the forked shell has
# not yet set SIGINT to ignored, and a signal to it then runs this shell's
# EXIT trap, which removes $T)
sleep 5 &
for _ in $(seq 200); do
	case $(readlink "/proc/$!/exe" 2>/dev/null) in */sleep) break ;; esac
	sleep 0.05
done
ignored=$(awk '/^SigIgn/ {print $2}' "/proc/$!/status")
kill $!
check "background jobs start with SIGINT ignored (SigIgn $ignored)" '[ $((0x$ignored & 2)) -ne 0 ]'

engines=(interp)
[ "$(uname -m)" = x86_64 ] && engines+=(jit)

# stop_with SIG PROG ENGINE: start the guest, signal it once it runs, wait
# (at most 20 s) and leave its status in rc, its stderr in $T/err
stop_with() {
	local sig=$1 prog=$2 eng=$3 pid i
	"$TBENCH" emu run --raw --engine "$eng" "$prog" >"$T/out" 2>"$T/err" &
	pid=$!
	# once tbench catches both signals (SigCgt bits 2 and 15: its handlers
	# are installed; a loaded or sanitized start can take seconds), give the
	# guest a moment to run
	for i in $(seq 300); do
		local cgt; cgt=$(awk '/^SigCgt/ {print $2}' "/proc/$pid/status" 2>/dev/null)
		[ -n "$cgt" ] && [ $((0x$cgt & 0x4002)) -eq $((0x4002)) ] && break
		sleep 0.1
	done
	sleep 0.3
	kill "-$sig" "$pid"
	for i in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	if kill -0 "$pid" 2>/dev/null; then
		kill -9 "$pid"
		wait "$pid"
		rc=timeout
		return
	fi
	wait "$pid"
	rc=$?
}

for eng in "${engines[@]}"; do
	for prog in spin.bin cycle.bin; do
		stop_with INT "$prog" "$eng"
		if [ "$rc" = 130 ]; then ok "SIGINT stops $prog ($eng): exit 130"
		else bad "SIGINT stops $prog ($eng): exit $rc, wanted 130"; fi
		check "$prog ($eng): the stop names the signal, count and pc" \
			'grep -Eq "^tbench: guest interrupted by SIGINT after [1-9][0-9]* instructions at pc 0x(0|4|c|14)$" "$T/err"'
		check "$prog ($eng): registers follow" 'grep -Eq "^  x0  [0-9a-f]{16}  x1  [0-9a-f]{16}" "$T/err" && grep -Eq "^  pc  [0-9a-f]{16}  nzcv [nN][zZ][cC][vV]$" "$T/err"'
		stop_with TERM "$prog" "$eng"
		if [ "$rc" = 143 ]; then ok "SIGTERM stops $prog ($eng): exit 143"
		else bad "SIGTERM stops $prog ($eng): exit $rc, wanted 143"; fi
		check "$prog ($eng): SIGTERM named" 'grep -q "^tbench: guest interrupted by SIGTERM after" "$T/err"'
	done
done

# the count is exact: x1 counts passes through the cycle (4 instructions
# each), so the reported count and the registers must agree
stop_with INT cycle.bin "${engines[-1]}"
n=$(sed -n 's/^tbench: guest interrupted by SIGINT after \([0-9]*\) instructions at pc 0x\([0-9a-f]*\)$/\1 \2/p' "$T/err")
x1=$(sed -n 's/^  x0  [0-9a-f]*  x1  \([0-9a-f]*\).*/\1/p' "$T/err")
read -r count pc <<<"$n"
in_pass=$(case $pc in 0) echo 4 ;; 4) echo 1 ;; c) echo 2 ;; 14) echo 3 ;; esac)
check "count $count agrees with x1 = 0x$x1 passes at pc 0x$pc" \
	'[ $(( (0x$x1 - 1) * 4 + in_pass )) -eq "$count" ]'
finish
