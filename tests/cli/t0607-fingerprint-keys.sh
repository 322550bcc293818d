#!/usr/bin/env bash
# t0607-fingerprint-keys.sh - only stable fingerprint keys are compared
# (issue 15, item 13): load, noise, clock readings, timestamps and the host
# name change between runs of one machine and are never warned about (load
# and noise are shown as context in the Markdown); CPU, ISA, caches,
# memory, kernel, compiler, flags, BLAS and PAPI are.
. "$(dirname "$0")/lib.sh"
export TBENCH_BASELINE_DIR=$T/w/bl
Q=(spin --samples 5 --warmup 1 --warmup-time 1ms --min-sample-time 50us -q)

"$TBENCH" run "${Q[@]}" --save-baseline a
cp -r bl/a bl/b
# what changes between two runs of one machine
sed -i -e 's/^os\.loadavg,.*/os.loadavg,9.99 9.99 9.99\r/' -e 's/^noise,.*/noise,"load average 9.99 on 2 CPUs"\r/' \
	-e 's/^host\.name,.*/host.name,ci-runner-42\r/' -e 's/^cpu\.mhz_nominal,.*/cpu.mhz_nominal,1234\r/' \
	-e 's/^run\.timestamp,.*/run.timestamp,2030-01-01T00:00:00Z\r/' \
	-e 's/^clock\.overhead_ns,.*/clock.overhead_ns,99\r/' -e '/^cpu\.ghz_measured,/d' bl/b/fingerprint.csv
printf 'cpu.ghz_measured,1.234\r\n' >>bl/b/fingerprint.csv
grep -q '^os.loadavg,9.99' bl/b/fingerprint.csv || { echo "not ok - fixture: os.loadavg not set"; exit 1; }
expect_status "same machine, other load" 0 "$TBENCH" compare a b -q --markdown m.md
check "no machine warning" '! grep -q "machines differ" "$T/err"'
check "load and noise shown as context" 'grep -q "Context (not compared): .os.loadavg." m.md && grep -q "noise" m.md'
check "the markdown warns of nothing" '! grep -q "Warning" m.md'
# what makes another machine or build
for kv in "blas.core,Prescott" "build.flags,-O0" "cpu.isa,sse2" "cache.l3,300M" "papi.version,6.0" \
	"os.kernel,Linux 5.10" "build.compiler,clang 14" "mem.total_bytes,1"; do
	k=${kv%%,*}
	cp -r bl/a "bl/$k" && grep -v "^$k," bl/a/fingerprint.csv >"bl/$k/fingerprint.csv"
	printf '%s\r\n' "$kv" >>"bl/$k/fingerprint.csv"
	expect_status "$k differs: compared" 0 "$TBENCH" compare a "$k" -q
	check "$k differs: warned" 'grep -q "machines differ: $k" "$T/err"'
done
finish
