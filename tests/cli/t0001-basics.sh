#!/usr/bin/env bash
# t0001-basics.sh - version, help, list, env and a small run with CSV output.
. "$(dirname "$0")/lib.sh"

expect_status "--version" 0 "$TBENCH" --version
check "--version prints the version" 'grep -Eq "^tbench [0-9]+\.[0-9]+\.[0-9]+" "$T/out"'
expect_status "--help" 0 "$TBENCH" --help
check "--help lists run" 'grep -q "^  run" "$T/out"'
for c in run list env help; do
	expect_status "$c --help" 0 "$TBENCH" "$c" --help
	check "$c --help shows usage" 'grep -q "^usage: tbench '"$c"'" "$T/out"'
	expect_status "help $c" 0 "$TBENCH" help "$c"
done
expect_status "list" 0 "$TBENCH" list
check "list shows scale/scalar supported" 'grep -Eq "^  scalar .*supported" "$T/out"'
check "list shows null" 'grep -q "^null:" "$T/out"'
expect_status "list scale" 0 "$TBENCH" list scale
check "list scale omits null" '! grep -q "^null:" "$T/out"'
expect_status "env" 0 "$TBENCH" env
check "env shows the cpu model" 'grep -q "^cpu.model" "$T/out"'

expect_status "run null" 0 "$TBENCH" run null --samples 10 --warmup-time 10ms
check "null runs in a few ns or less" 'awk "\$1==\"null\" {print \$7, \$8}" "$T/out" | grep -Eq "^[0-9.]+ ns$"'

expect_status "run scale with csv" 0 "$TBENCH" run scale --variant scalar --size 1000x1000 \
	--samples 10 --warmup-time 10ms --csv out.csv --samples-csv samples.csv --name "my run"
check "table has both modes" 'grep -q "inplace" "$T/out" && grep -q "outofplace" "$T/out"'
check "csv header" 'head -1 out.csv | grep -q "^schema,name,family,variant,mode,n,rows,cols,threads,status,samples,iters_per_sample,min_ns,median_ns,mean_ns,sd_ns,mad_ns,"'
check "csv has the required columns" 'for c in items_per_s gbps; do head -1 out.csv | tr , "\n" | grep -qx "$c" || exit 1; done'
check "csv has 2 rows" '[ "$(wc -l < out.csv)" -eq 3 ]'
check "csv rows ok" '[ "$(grep -c "^tbench-1,my run,scale,scalar,.*,1000000,1000,1000,1,ok,10," out.csv)" -eq 2 ]'
check "samples csv has 20 rows" '[ "$(wc -l < samples.csv)" -eq 21 ]'
check "no temporary files left" '! ls | grep -q tmp'

expect_status "default suite sizes in a plan (quiet)" 0 "$TBENCH" run null -q --samples 3 --warmup-time 1ms
check "quiet prints nothing" '[ ! -s "$T/out" ]'

expect_status "seed is recorded" 0 "$TBENCH" run scale -v scalar -s 100 --samples 3 --seed 99 --csv s.csv
finish
