#!/usr/bin/env bash
# t0302-scale-best.sh - best and threaded pick their loop at set-up and say
# which in the note (CSV and table); out of place beyond the last-level
# cache (sysfs) they pick a streaming-store kernel, below it and in place
# never; the new explicit variants are listed, stream512 without AVX-512
# unsupported with a reason.
. "$(dirname "$0")/lib.sh"
Q=(--samples 3 --warmup-time 1ms --min-sample-time 100us)

expect_status "list scale" 0 "$TBENCH" list scale
for v in best sse avx2-pf avx512-pf stream512; do
	check "list shows $v" 'grep -Eq "^  $v +" "$T/out"'
done
if ! grep -q avx512f /proc/cpuinfo 2>/dev/null; then
	check "stream512 unsupported with a reason" 'grep -Eq "^  stream512 .*unsupported: .*AVX-512" "$T/out"'
fi

expect_status "best and threaded, small" 0 "$TBENCH" run scale -v best,threaded -s 1000,33x31 -t 1,2 \
	"${Q[@]}" --csv s.csv
note_col() { awk -F, 'NR==1 { for (i = 1; i <= NF; i++) if ($i == "note") c = i; next } { print $3 "," $4 "," $5 "," $9 "," $c }' "$1"; }
check "every best/threaded row says which kernel it ran" '
	[ "$(note_col s.csv | grep -c ",runs [a-z0-9-]*$")" = 12 ]'
check "the kernel named is an ordinary-store one" '! note_col s.csv | grep -q "runs stream"'

# beyond the last-level cache, out of place: streaming stores
llc=0
for d in /sys/devices/system/cpu/cpu0/cache/index*; do
	[ -r "$d/size" ] || continue
	s=$(cat "$d/size"); case $s in *K) b=$(( ${s%K} * 1024 )) ;; *M) b=$(( ${s%M} * 1048576 )) ;; *) b=$s ;; esac
	[ "$b" -gt "$llc" ] && llc=$b
done
if [ "$llc" -gt 0 ] && grep -q avx2 /proc/cpuinfo && [ "$llc" -le $((512 << 20)) ]; then
	n=$(( llc / 8 + 4096 ))
	expect_status "best beyond the LLC ($llc bytes)" 0 "$TBENCH" run scale -v best -s "$n" \
		--samples 2 --warmup-time 1ms --min-sample-time 100us --csv big.csv
	check "out of place it runs a streaming kernel" 'note_col big.csv | grep -q "^scale,best,outofplace,1,runs stream"'
	check "in place it does not" 'note_col big.csv | grep "^scale,best,inplace," | grep -vq "runs stream"'
else
	echo "ok - # SKIP no AVX2 or no LLC size in sysfs (or it is over 512 MiB)"
fi

expect_status "explicit variants verify and run" 0 "$TBENCH" run scale -v sse,avx2-pf,avx512-pf,stream512 \
	-s 1000,1027 "${Q[@]}" --csv e.csv
check "no failed verification" '! grep -q failed-verify e.csv'
check "sse and avx2-pf ran in both modes" '
	[ "$(grep -Ec ",scale,(sse|avx2-pf),(in|outof)place,.*,ok," e.csv)" = 8 ] || ! grep -q avx2 /proc/cpuinfo'
check "stream512 is out of place only" '! grep -q ",scale,stream512,inplace," e.csv'
expect_status "stream512 cannot run in place" 2 "$TBENCH" run scale -v stream512 -m inplace -s 100
finish
