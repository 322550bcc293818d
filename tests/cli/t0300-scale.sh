#!/usr/bin/env bash
# t0300-scale.sh - the vector-scale family end to end: every variant listed
# with its support, a run of all supported variants in both modes verified
# and carrying the measured context (limit share, items per cycle), the
# threaded variant at several thread counts, stream only out of place.
. "$(dirname "$0")/lib.sh"

expect_status "list scale" 0 "$TBENCH" list scale
for v in scalar autovec avx2 avx512 neon blas stream threaded; do
	check "list shows $v" 'grep -Eq "^  $v +" "$T/out"'
done
if [ "$(uname -m)" != aarch64 ]; then
	check "neon unsupported with a reason" 'grep -Eq "^  neon .*unsupported: .*AArch64" "$T/out"'
fi

expect_status "run scale, all variants, small size" 0 "$TBENCH" run scale -s 1000,33x31 -t 1,2 \
	--samples 3 --warmup-time 1ms --min-sample-time 100us --csv s.csv --verbose
check "header names the effective clock" 'head -1 "$T/out" | grep -Eq "effective clock [0-9.]+ GHz"'
check "verbose table has the per-cycle column" 'grep -q "/cycle" "$T/out"'
check "no failed verification" '[ -s s.csv ] && ! grep -q "failed-verify" s.csv'
check "csv has items_per_cycle" 'head -1 s.csv | tr -d "\r" | tr , "\n" | grep -qx items_per_cycle'
# every ok row has a limit share and items per cycle
check "ok rows carry limit_share and items_per_cycle" '
	awk -F, "NR==1 { for (i = 1; i <= NF; i++) col[\$i] = i; next }
		\$col[\"status\"] == \"ok\" { n++; if (\$col[\"limit_share\"] == \"\" || \$col[\"items_per_cycle\"] == \"\") bad++ }
		END { exit !(n > 0 && bad == 0) }" <(tr -d "\r" < s.csv)'
check "stream runs out of place only" '! grep -q ",scale,stream,inplace," s.csv && grep -q ",scale,stream,outofplace," s.csv'
check "threaded at 1 and 2 threads" 'grep -q ",scale,threaded,inplace,1000,1,1000,2,ok" s.csv && grep -q ",scale,threaded,inplace,1000,1,1000,1,ok" s.csv'
check "blas follows --threads" 'grep -q ",scale,blas,inplace,1000,1,1000,2,ok" s.csv'
check "unsupported variants are rows with a reason, not failures" '
	[ "$(uname -m)" = aarch64 ] || grep -q ",scale,neon,outofplace,.*,unsupported,.*AArch64" s.csv'
if [ "$(uname -m)" != aarch64 ]; then
	Q=(--samples 3 --warmup-time 1ms --min-sample-time 100us)
	expect_status "scalar and neon" 0 "$TBENCH" run scale -v scalar,neon -s 1000 "${Q[@]}"
	check "unsupported said once per reason, not a row each" '
		! grep -Eq "^scale +neon " "$T/out" && grep -Eq "^scale +scalar " "$T/out" &&
		[ "$(grep -c "NEON needs an AArch64 CPU" "$T/out")" = 1 ] &&
		grep -q "^unsupported here, not run (2 cases" "$T/out" && grep -q "^    neon (2 cases): " "$T/out"'
	expect_status "scalar and neon, verbose" 0 "$TBENCH" run scale -v scalar,neon -s 1000 "${Q[@]}" --verbose
	check "--verbose lists the unsupported rows" '[ "$(grep -Ec "^scale +neon .*unsupported" "$T/out")" = 2 ]'
	expect_status "neon only" 0 "$TBENCH" run scale -v neon -s 1000 "${Q[@]}"
	check "nothing else ran: the rows are shown" '[ "$(grep -Ec "^scale +neon .*unsupported" "$T/out")" = 2 ]'
fi
expect_status "stream cannot run in place" 2 "$TBENCH" run scale -v stream -m inplace -s 100
finish
