#!/usr/bin/env bash
# t1001-compare-numpy.sh - scripts/compare_numpy.py writes NumPy's timings
# of the op families as tbench summary CSV that tbench's reader accepts,
# prints speed-ups against a tbench CSV, and refuses bad input.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
if ! "$PY" -c 'import numpy' 2>/dev/null; then
	echo "SKIP: $PY has no numpy (scripts/deps.sh test installs python3-numpy)"
	exit 77
fi
S="$TB_SRC/scripts/compare_numpy.py"

expect_status "numpy equivalents" 0 "$PY" "$S" add sum_cols relu sigmoid gelu softmax rand \
	--size 17x33 --samples 3 --csv np.csv
check "header is tbench's" 'head -1 np.csv | grep -q "^schema,name,family,variant,mode,n,rows,cols,threads,status,samples,iters_per_sample,min_ns,median_ns,"'
check "add has both modes" '[ "$(grep -c "^tbench-1,numpy,add,numpy,\(in\|outof\)place,561,17,33,1,ok,3," np.csv)" -eq 2 ]'
check "one row per family and mode" '[ "$(wc -l < np.csv)" -eq 9 ]'
check "medians are numbers" 'tail -n +2 np.csv | cut -d, -f14 | grep -Eqv "^[0-9.]+$" && exit 1 || true'

expect_status "tbench run for comparison" 0 "$TBENCH" run add relu -s 17x33 -v scalar,avx2 \
	--samples 2 --warmup 1 --warmup-time 1ms --min-sample-time 100us --csv tb.csv
expect_status "--against" 0 "$PY" "$S" add relu --size 17x33 --samples 3 --csv np2.csv --against tb.csv
check "speed-up table per family and mode" 'grep -q "^| add outofplace | 17x33 |" "$T/out" && grep -q "^| relu outofplace | 17x33 |" "$T/out"'
if "$TBENCH" report --help >/dev/null 2>&1; then
	expect_status "tbench report merges NumPy and tbench CSVs" 0 "$TBENCH" report tb.csv np.csv --markdown md.md
	check "the merged report names numpy" 'grep -q numpy md.md'
fi

expect_status "unknown family" 2 "$PY" "$S" nosuch --samples 1
check "one line naming it" '[ "$(wc -l < "$T/err")" -eq 1 ] && grep -q "nosuch" "$T/err"'
expect_status "bad size" 2 "$PY" "$S" add --size 3xq --samples 1
finish
