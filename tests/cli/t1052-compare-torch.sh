#!/usr/bin/env bash
# t1052-compare-torch.sh - scripts/compare_torch.py times PyTorch's
# equivalents of the op families (from the registry) at 1 and 2 threads and
# writes tbench summary CSV that `tbench report` merges; one --against
# table holds tbench, NumPy and PyTorch; bad input is refused in one line.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
if ! "$PY" -c 'import torch, numpy' 2>/dev/null; then
	echo "SKIP: $PY has no torch (scripts/deps.sh test installs python3-torch)"
	exit 77
fi
S="$TB_SRC/scripts/compare_torch.py"
quick=(--samples 3 --warmup-time 0.001 --min-sample-time 0.0001)

expect_status "every family PyTorch has, 1 and 2 threads" 0 "$PY" "$S" --size 17x33 "${quick[@]}" --csv torch.csv
check "header is tbench's" 'head -1 torch.csv | grep -q "^schema,name,family,variant,mode,n,rows,cols,threads,status,samples,iters_per_sample,min_ns,median_ns,"'
fams=$("$TBENCH" list --json | "$PY" -c 'import json, sys
print(" ".join(f["name"] for f in json.load(sys.stdin)["families"] if "op" in f))')
for f in $fams; do
	check "$f timed on 1 and 2 threads" 'grep -q "^tbench-1,torch,$f,torch,[^,]*,561,17,33,1,ok,3," torch.csv && grep -q "^tbench-1,torch,$f,torch,[^,]*,561,17,33,2,ok,3," torch.csv'
done
check "add has both modes per thread count" '[ "$(grep -c "^tbench-1,torch,add,torch,\(in\|outof\)place,561,17,33,[12],ok," torch.csv)" -eq 4 ]'
check "gelu_erf is F.gelu" 'grep "^tbench-1,torch,gelu_erf," torch.csv | grep -q "F.gelu(a) with out=y"'
check "medians are numbers" '! tail -n +2 torch.csv | cut -d, -f14 | grep -Eqv "^[0-9.]+$"'
check "the csv is complete: no temporary left" '[ ! -e torch.csv.tmp ]'

expect_status "tbench run" 0 "$TBENCH" run add gelu_erf softmax zeros -s 17x33 -t 1,2 -v scalar,avx2,threaded,pool \
	--samples 2 --warmup 1 --warmup-time 1ms --min-sample-time 100us -q --csv tb.csv
expect_status "numpy peer" 0 "$PY" "$TB_SRC/scripts/compare_numpy.py" add softmax zeros --size 17x33 "${quick[@]}" --csv np.csv
expect_status "--against with the numpy csv: one table" 0 "$PY" "$S" add gelu_erf softmax zeros --size 17x33 \
	"${quick[@]}" --csv t2.csv --against tb.csv --peer-csv np.csv
check "one table, both peers" 'grep -q "^| family | size | threads | best tbench (variant, threads) | PyTorch | speed-up | NumPy | speed-up |$" "$T/out"'
check "a line per family and thread count" 'grep -q "^| add outofplace | 17x33 | 1 |" "$T/out" && grep -q "^| add outofplace | 17x33 | 2 |" "$T/out" && grep -q "^| softmax outofplace | 17x33 | 2 |" "$T/out"'
check "gelu_erf has no NumPy figure" 'grep "^| gelu_erf outofplace | 17x33 | 1 |" "$T/out" | grep -q "| - | - |$"'
expect_status "the same table from tbpeer.py" 0 "$PY" "$TB_SRC/scripts/tbpeer.py" against tb.csv t2.csv np.csv
check "tbpeer.py table has both peers" 'grep -q "| PyTorch | speed-up | NumPy | speed-up |$" "$T/out"'
expect_status "tbench report merges tbench, NumPy and PyTorch" 0 "$TBENCH" report tb.csv np.csv torch.csv --csv m.csv
check "merged csv has all three" 'grep -q ",add,avx2," m.csv && grep -q ",add,numpy," m.csv && grep -q ",add,torch," m.csv'

expect_status "peers-table.sh: the three interleaved, one table" 0 env SAMPLES=3 MAXTIME=0.001 SIZES=17x33 \
	"$TB_SRC/scripts/peers-table.sh" pt add
check "it wrote the three CSVs and the table" '[ -s pt/tb.csv ] && [ -s pt/torch.csv ] && [ -s pt/numpy.csv ] && grep -q "^| add inplace | 17x33 | 2 |" pt/table.md'
check "the table has both peers" 'head -1 pt/table.md | grep -q "| PyTorch | speed-up | NumPy | speed-up |"'
check "peers-table.sh: the wide table and the machine's load" 'grep -q "^| add inplace |" pt/table-wide.md && grep -q "^cpu: " pt/machine.txt && grep -q "^start .* UTC, load average " pt/machine.txt && grep -q "^end .* UTC, load average " pt/machine.txt'
expect_status "peers-table.sh without arguments is a usage error" 2 "$TB_SRC/scripts/peers-table.sh"

expect_usage "unknown family" "nosuch" "$PY" "$S" nosuch --samples 1
expect_usage "a family PyTorch lacks" "scale" "$PY" "$S" scale --samples 1
expect_usage "bad threads" "--threads" "$PY" "$S" add --threads 0 --samples 1
expect_usage "bad size" "--size" "$PY" "$S" add --size 3xq --samples 1 --csv bad.csv
check "no output for bad input" '[ ! -e bad.csv ]'
expect_usage "no registry" "list --json" "$PY" "$S" add --tbench /bin/false --samples 1
expect_usage "a missing --against file" "nosuch.csv" "$PY" "$S" add --samples 1 --against nosuch.csv
finish
