#!/usr/bin/env bash
# t0502-env.sh - the machine fingerprint (`tbench env`, and the
# out.fingerprint.csv a run writes beside its summary) agrees with what the
# kernel says about this machine; noise warnings are one line on stderr that
# never block and stay quiet with -q; --pin[=CPU] pins (no migrations) and
# records its plan.
. "$(dirname "$0")/lib.sh"

val() { awk -v k="$1" '$1 == k { $1 = ""; sub(/^ /, ""); print; exit }' "$T/out"; }

expect_status "env" 0 "$TBENCH" env
for k in cpu.model cpu.vendor cpu.family_model cpu.isa cpu.cores cpu.threads cache.l1d \
	cpu.mhz_nominal cpu.governor cpu.boost machine.virtual os.kernel os.aslr blas.config \
	papi.version papi.hw_counters build.compiler build.flags tbench.git run.timestamp noise; do
	check "env has $k" '[ -n "$(val '"$k"')" ]'
done
check "threads = online CPUs" '[ "$(val cpu.threads)" = "$(getconf _NPROCESSORS_ONLN)" ]'
if grep -qw avx2 /proc/cpuinfo; then want=yes; else want=no; fi
check "cpu.avx2 agrees with /proc/cpuinfo" '[ "$(val cpu.avx2)" = "$want" ]'
if grep -qw avx512f /proc/cpuinfo; then want=yes; else want=no; fi
check "cpu.avx512 agrees with /proc/cpuinfo" '[ "$(val cpu.avx512)" = "$want" ]'
if [ -r /sys/devices/system/cpu/cpu0/cache/index0/size ]; then
	check "L1d size from sysfs" '[ "$(val cache.l1d)" = "$(for i in /sys/devices/system/cpu/cpu0/cache/index*; do
		[ "$(cat $i/level)$(cat $i/type)" = 1Data ] && cat $i/size; done | head -1)" ]'
fi
if grep -qw hypervisor /proc/cpuinfo; then
	check "a VM is named as one" '[ "$(val machine.virtual)" != no ]'
	check "noise names the VM" 'val noise | grep -q "virtual machine"'
fi
check "papi version is PAPI's" 'val papi.version | grep -Eq "^[0-9]+\.[0-9]+"'
check "git revision recorded" '[ "$(val tbench.git)" != unknown ]'

expect_status "env --csv" 0 "$TBENCH" env --csv
check "csv header" 'head -1 "$T/out" | grep -q "^key,value"'
check "csv has cpu.isa" 'grep -q "^cpu.isa," "$T/out"'

expect_status "a run on a noisy machine still runs" 0 "$TBENCH" run null --samples 3 --warmup-time 1ms --csv r.csv
if grep -q "^noise,none seen" r.fingerprint.csv; then
	# (a case disturbed by preemption is warned about on its own line: t1110)
	check "no warning when nothing is noisy" '! grep -v "samples disturbed" "$T/err" | grep -q warning'
else
	check "exactly one warning line" '[ "$(grep -c "warning: timings may be noisy" "$T/err")" -eq 1 ] && [ "$(grep -vc "samples disturbed" "$T/err")" -eq 1 ]'
fi
check "the run's fingerprint has the machine keys" 'grep -q "^cpu.isa," r.fingerprint.csv && grep -q "^clock.source," r.fingerprint.csv'
expect_status "quiet run" 0 "$TBENCH" run null --samples 3 --warmup-time 1ms -q
check "quiet: no warning" '[ ! -s "$T/err" ]'

last=$(($(getconf _NPROCESSORS_ONLN) - 1))
expect_status "--pin=CPU" 0 "$TBENCH" run scale -v scalar -s 100000 --samples 20 --warmup-time 5ms \
	--pin=$last --events perf::CPU-MIGRATIONS --csv p.csv
check "pin recorded" "grep -q '^pin.cpu,$last' p.fingerprint.csv && grep -q '^pin.plan,\"\\{0,1\\}t0:cpu$last' p.fingerprint.csv"
check "a pinned run never migrates" '
	col=$(head -1 p.csv | tr -d "\r" | tr , "\n" | grep -nx "ctr_perf::CPU-MIGRATIONS" | cut -d: -f1)
	[ -n "$col" ] && for r in 2 3; do v=$(sed -n ${r}p p.csv | cut -d, -f"$col" | tr -d "\r"); [ "$v" = 0 ] || exit 1; done'
expect_status "env for the measured clock" 0 "$TBENCH" env
check "env measures the effective clock" 'grep -Eq "^cpu.ghz_measured +([0-9]+\.[0-9]{3} \(dependent imul chain / 3; add/xor chain [0-9.]+ GHz|unknown \()" "$T/out"'
expect_status "bare --pin" 0 "$TBENCH" run null --samples 3 --warmup-time 1ms --pin -q
expect_usage "--pin out of range" "--pin CPU" "$TBENCH" run null --pin=99999
expect_usage "--pin not a number" "--pin CPU" "$TBENCH" run null --pin=x
finish
