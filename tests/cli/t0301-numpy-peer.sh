#!/usr/bin/env bash
# t0301-numpy-peer.sh - scripts/compare_numpy.py scale writes NumPy's figures in
# tbench's summary columns, and tbench reads them back beside its own run
# (tbench report merges both).  Also: the BLAS library is in the fingerprint.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
if ! "$PY" -c "import numpy" 2>/dev/null; then
	echo "SKIP: $PY has no numpy (scripts/deps.sh test installs python3-numpy)"
	exit 77
fi
expect_status "numpy peer, tiny sizes" 0 "$PY" "$TB_SRC/scripts/compare_numpy.py" scale \
	--sizes 1000,4x8 --samples 3 --warmup-time 0.001 --min-sample-time 0.0001 --csv np.csv
check "three ops x two sizes" '[ "$(grep -c "^tbench-1,numpy,scale," np.csv)" -eq 6 ]'
check "in-place and out-of-place rows" 'grep -q ",scale,numpy,inplace,32,4,8,1,ok,3," np.csv && grep -q ",scale,numpy,outofplace,1000,1,1000,1,ok,3," np.csv'
expect_status "tbench run" 0 "$TBENCH" run scale -v scalar -s 1000 --samples 3 --warmup-time 1ms -q --csv t.csv
expect_status "tbench reads the numpy csv beside its own" 0 "$TBENCH" report t.csv np.csv --csv m.csv
check "merged file has both" 'grep -q ",scale,scalar,inplace,1000," m.csv && grep -q ",scale,numpy,inplace,1000," m.csv && grep -q ",scale,numpy-alloc,outofplace,1000," m.csv'
expect_status "bad size is refused" 2 "$PY" "$TB_SRC/scripts/compare_numpy.py" scale --sizes 0x5 --csv bad.csv
check "no output for a bad size" '[ ! -e bad.csv ]'
expect_status "env" 0 "$TBENCH" env
check "fingerprint names the BLAS" 'grep -q "^blas.config .*OpenBLAS" "$T/out" && grep -Eq "^blas.threads +[0-9]+" "$T/out"'
finish
