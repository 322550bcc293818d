#!/usr/bin/env bash
# t1000-ops.sh - the tensor-op families: listed, every variant runs and
# verifies on odd RxC shapes, `tbench run add` writes every report format
# that `tbench run --help` offers.
. "$(dirname "$0")/lib.sh"

# the op families are the registry's (tbench list --json: one per ops.def row)
expect_status "list --json" 0 "$TBENCH" list --json
fams=$(/usr/bin/python3 -c 'import json, sys
print(" ".join(f["name"] for f in json.load(sys.stdin)["families"] if "op" in f))' <"$T/out")
check "at least the 30 op families of the seed" '[ "$(echo $fams | wc -w)" -ge 30 ]'
for f in add divs sum_cols max_rows gelu_erf softmax zeros from_vec rand; do
	check "registry has $f" 'echo " $fams " | grep -q " $f "'
done
quick=(--samples 2 --warmup 1 --warmup-time 1ms --min-sample-time 100us)

expect_status "list" 0 "$TBENCH" list
for f in $fams; do
	check "list shows $f" 'grep -q "^$f:" "$T/out"'
done
expect_status "list add" 0 "$TBENCH" list add
check "add has scalar, avx2, avx512, neon, threaded" \
	'for v in scalar avx2 avx512 neon threaded; do grep -Eq "^  $v " "$T/out" || exit 1; done'

# every family, every variant, odd shapes: no failed verification
# shellcheck disable=SC2086
expect_status "all op families on 17x33 and 3x1025" 0 "$TBENCH" run $fams -s 17x33,3x1025 \
	-t 1,3 "${quick[@]}" --csv all.csv
check "no failed-verify" '! grep -q failed-verify all.csv'
check "every family has an ok row" 'for f in $fams; do grep -q "^tbench-1,,$f,[^,]*,[^,]*,561,17,33,.*,ok," all.csv || exit 1; done'
check "threaded ran on 3 threads" 'grep -q "^tbench-1,,sum,threaded,-,3075,3,1025,3,ok," all.csv'
check "neon is unsupported here, with a reason" \
	'[ "$(uname -m)" = aarch64 ] || grep -q "^tbench-1,,add,neon,.*,unsupported,.*AArch64" all.csv'

# every report format that run --help lists
expect_status "run --help" 0 "$TBENCH" run --help
formats=$(grep -oE -- '--(csv|samples-csv|json|html|md|markdown|junit)[ =]' "$T/out" | tr -d ' =' | sort -u)
for opt in $formats; do
	expect_status "run add $opt" 0 "$TBENCH" run add -v scalar,avx2 -s 100x100 "${quick[@]}" "$opt" "out$opt"
	check "$opt file written and non-empty" '[ -s "out$opt" ]'
	check "$opt file names add" 'grep -q add "out$opt"'
done
check "csv was among the formats" '[ -n "$(echo "$formats" | grep -x -- --csv)" ]'

expect_usage "reduction with a bad size" "3x0" "$TBENCH" run sum_rows -s 3x0
finish
