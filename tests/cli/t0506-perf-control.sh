#!/usr/bin/env bash
# t0506-perf-control.sh - profiles of the measured phase only: under
# perf's control fifos (perf -D -1 --control fifo:CTL,ACK, and
# TB_PERF_CONTROL=CTL,ACK for tbench) perf counts and samples only between
# tbench's "enable" before the measured samples and "disable" after them;
# the setup's first touch (page faults) and tbench's own probes (effective
# clock, copy bandwidth) are left out.  A bad TB_PERF_CONTROL is refused in
# one line, at once (never a hang waiting for a perf that is not there).
. "$(dirname "$0")/lib.sh"
S=$TB_SRC/scripts
export TBENCH

touch notfifo
expect_usage "TB_PERF_CONTROL naming a plain file" "'$PWD/notfifo' is not a fifo" \
	env TB_PERF_CONTROL=$PWD/notfifo "$TBENCH" run null --samples 2
mkfifo lonely
expect_usage "a fifo no perf reads" "no perf reads it" env TB_PERF_CONTROL=$PWD/lonely "$TBENCH" run null --samples 2
expect_usage "an empty ack fifo name" "invalid TB_PERF_CONTROL 'x,'" env TB_PERF_CONTROL=x, "$TBENCH" run null --samples 2
expect_usage "a missing fifo" "cannot use '/nonexistent/ctl'" env TB_PERF_CONTROL=/nonexistent/ctl "$TBENCH" run null --samples 2

if ! perf --version >/dev/null 2>&1; then
	echo "SKIP: perf is not installed (Debian: linux-perf)"
	finish
	exit
fi
help=$(perf record -h 2>&1)
if [[ "$help" != *--control* ]]; then
	echo "SKIP: this perf has no --control"
	finish
	exit
fi
case1=(run scale -v scalar -m outofplace -s 100000 --samples 5 --warmup-time 1ms -q)
faults() { awk -F, '$3 ~ /^page-faults/ { print $1 }' "$1"; }
expect_status "perf stat, whole run" 0 perf stat -x, -e task-clock,page-faults -o whole.txt -- "$TBENCH" "${case1[@]}"
mkfifo ctl ack
expect_status "perf stat, measured phase" 0 env TB_PERF_CONTROL=$PWD/ctl,$PWD/ack \
	perf stat -x, -e task-clock,page-faults -D -1 --control fifo:$PWD/ctl,$PWD/ack -o measured.txt -- "$TBENCH" "${case1[@]}"
check "perf saw the events enabled and disabled" 'grep -q "Events enabled" "$T/err" && grep -q "Events disabled" "$T/err"'
echo "# page faults: whole run $(faults whole.txt), measured phase $(faults measured.txt)"
check "the setup's first touch is left out" '[ "$(faults whole.txt)" -ge 100 ] && [ "$(faults measured.txt)" -lt $(( $(faults whole.txt) / 10 )) ]'

expect_status "perf-record.sh" 0 "$S/perf-record.sh" scale -v scalar -m inplace -s 100000 \
	--profile-iters 200 --samples 10 --out "$T/r"
d=$(tail -1 "$T/out" | sed -n 's/^results: //p')
check "the kernel is in the flame graph" 'grep -q "tb_runner_call;tb_scale_run" "$d/stacks.folded"'
check "tbench's probes are not" '! grep -Eq "tb_limits_init|tb_limits_apply|tb_freq_measure|tb_bandwidth_measure|tb_clock_probe" "$d/stacks.folded"'
check "says the share of samples in the measured calls" 'grep -Eq "^samples in the measured calls \(tb_runner_call\): [0-9]+ of [0-9]+ \([0-9.]+%\)$" "$T/out"'
check "the control fifos are gone" '[ ! -e "$d/perf.ctl" ] && [ ! -e "$d/perf.ack" ]'
finish
