#!/usr/bin/env bash
# t1580-perf-kernel-share.sh - a profile of one case is that case: the
# issue's command, scripts/perf-record.sh scale -v avx2 -m inplace -s 100000
# (scalar where AVX2 is missing), records only the measured phase, so
# `perf report --sort sym`'s top symbol is the kernel's loop, no probe of
# tbench's is among the symbols, and the script reports the share of samples
# inside tb_runner_call (how large it is is a measurement, quoted in
# docs/profiling.md, not a test: it depends on the machine's load).
# As an unprivileged user under kernel.perf_event_paranoid=2 the profile is
# of user space only, and the script says so.  Skips (with the reason)
# where perf is missing or may not record here (the script's exit 3).
. "$(dirname "$0")/lib.sh"
: "${TB_SRC:?TB_SRC must name the source tree}"
S=$TB_SRC/scripts
export TBENCH
skip() { echo "SKIP: $*"; finish; exit 77; }
perf --version >/dev/null 2>&1 || skip "perf is not installed (Debian: linux-perf)"
if grep -qw avx2 /proc/cpuinfo; then v=avx2 leaf=simd_in; else v=scalar leaf=""; fi

run "$S/perf-record.sh" scale -v $v -m inplace -s 100000 --out "$T/r"
[ "$rc" -eq 3 ] && skip "perf-record.sh cannot record here: $(head -2 "$T/err" | tr '\n' ' ')"
check "perf-record.sh: exit 0" '[ "$rc" -eq 0 ]'
d=$(tail -1 "$T/out" | sed -n 's/^results: //p')
perf report -i "$d/perf.data" --sort sym --stdio --no-children 2>/dev/null |
	awk '/^ *[0-9.]+%/ { sub(/%/, "", $1); print $1, $NF }' >syms.txt
read -r top_share top_sym <syms.txt
echo "# top symbol: $top_sym ($top_share%)"
if [ -n "$leaf" ]; then
	check "the top symbol is the kernel's loop ($leaf)" '[ "$top_sym" = "$leaf" ]'
fi
check "no probe of tbench's among the symbols" '! grep -Eq " (tb_freq_measure|tb_bandwidth_measure|tb_clock_probe|tb_effective_ghz|copy_nt_avx2|copy_avx2|tb_limits_init)$" syms.txt'
share=$(sed -n 's/^samples in the measured calls (tb_runner_call): [0-9]* of [0-9]* (\([0-9.]*\)%)$/\1/p' "$T/out")
check "the script reports the share in the measured calls ($share%)" '[ -n "$share" ]'

# an unprivileged user under paranoid 2: user space only, said once
paranoid=$(cat /proc/sys/kernel/perf_event_paranoid 2>/dev/null || echo unknown)
if [ "$(id -u)" = 0 ] && [ "$paranoid" = 2 ] && command -v setpriv >/dev/null && [ -r "$TBENCH" ] &&
	setpriv --reuid 65534 --regid 65534 --clear-groups test -x "$TBENCH" 2>/dev/null; then
	U=$(mktemp -d /tmp/t1580.XXXXXX) && chmod 777 "$U" # $T is the test's own (mode 700)
	run setpriv --reuid 65534 --regid 65534 --clear-groups bash -c 'cd "$1" && shift && exec "$@"' _ "$U" \
		env HOME="$U" "$S/perf-record.sh" scale -v $v -m inplace -s 100000 --out "$U/r"
	rm -rf "$U"
	check "unprivileged, paranoid 2: exit 0" '[ "$rc" -eq 0 ]'
	check "says the profile is of user space only, naming the sysctl" \
		'[ "$(grep -c "kernel.perf_event_paranoid=2: user space only" "$T/err")" -eq 1 ] && grep -q "sysctl kernel.perf_event_paranoid=1" "$T/err"'
	share=$(sed -n 's/^samples in the measured calls (tb_runner_call): [0-9]* of [0-9]* (\([0-9.]*\)%)$/\1/p' "$T/out")
	check "unprivileged: the share in the measured calls is reported ($share%)" '[ -n "$share" ]'
else
	echo "# (unprivileged check skipped: needs root, setpriv and kernel.perf_event_paranoid=2; it is $paranoid)"
fi
finish
