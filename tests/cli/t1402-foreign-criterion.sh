#!/usr/bin/env bash
# t1402-foreign-criterion.sh - criterion.rs directories through the gate,
# on the hand-written fixture tests/fixtures/criterion (see its README):
# base vs new of one tree exits 1 naming fib/20 (10% slower), A/A exits 0;
# one benchmark's sides, named baselines (DIR@NAME), a single file, the
# pre-0.3.3 format, throughput, the slope metric, broken directories.
. "$(dirname "$0")/lib.sh"
cp -r "$TB_SRC/tests/fixtures/criterion/target" .
C=target/criterion

expect_status "one tree: base vs new, exit 1" 1 "$TBENCH" compare $C --markdown summary.md
check "fib/20 slower, parse faster, sort unchanged" 'grep -qE "^criterion +fib/20 .* slower$" "$T/out" && grep -qE "^criterion +parse .* faster$" "$T/out" && grep -qE "^criterion +sort/1000 .* unchanged$" "$T/out"'
check "the sides are named" 'grep -q "comparison: target/criterion@base -> target/criterion@new" "$T/out"'
check "Markdown names fib/20" 'grep -F "criterion/fib/20" summary.md | grep -q slower'
expect_status "A/A: base vs base" 0 "$TBENCH" compare $C@base $C@base
expect_status "A/A: the tree against itself (new)" 0 "$TBENCH" compare $C $C
expect_status "one benchmark's sides" 1 "$TBENCH" compare $C/fib/20/base $C/fib/20/new
check "... keyed by its id" 'grep -qE "^criterion +fib/20 .* slower$" "$T/out"'
expect_status "a subtree (one group)" 0 "$TBENCH" compare $C/sort@base $C/sort
expect_status "a file names its directory" 1 "$TBENCH" compare $C/fib/20/base/sample.json $C/fib/20/new/estimates.json
expect_usage "a side no benchmark has" "no criterion benchmark here has a 'main' directory" "$TBENCH" compare $C@main $C

run "$TBENCH" report $C --csv c.csv
check "report: the new side, 100 samples each" '[ "$rc" -eq 0 ] && [ "$(grep -c ",criterion,.*,ok,100," c.csv)" = 3 ]'
run "$TBENCH" report $C
check "throughput: bytes -> GB/s, elements -> elem/s" 'grep -qE "^criterion +sort/1000 .* 0\.6[0-9] " "$T/out" && grep -qE "^criterion +parse .*Melem/s" "$T/out"'
check "slope is a metric (linear sampling only)" 'head -1 c.csv | grep -q ctr_slope'
check "linear sampling said" 'grep "fib/20" c.csv | grep -q "10 to 1000 iterations per sample"'
expect_status "what tbench writes it reads back" 0 "$TBENCH" compare c.csv $C

# criterion before 0.3.3: sample.json is [iters, times], estimates capitalised
mkdir -p old/fib/20/new
/usr/bin/python3 - "$C/fib/20/new" old/fib/20/new <<'EOF'
import json, sys
src, dst = sys.argv[1], sys.argv[2]
s = json.load(open(src + "/sample.json"))
json.dump([s["iters"], s["times"]], open(dst + "/sample.json", "w"))
e = json.load(open(src + "/estimates.json"))
json.dump({k.title().replace("_", ""): v for k, v in e.items()}, open(dst + "/estimates.json", "w"))
EOF
run "$TBENCH" compare old $C/fib/20/new
check "the old format reads the same (named by its path)" '[ "$rc" -eq 0 ] && grep -qE "^criterion +fib/20 .*1\.000 " "$T/out"'
run "$TBENCH" report old/fib/20/new
check "a lone side without benchmark.json: named by its directory" 'grep -qE "^criterion +20 " "$T/out"'

# broken directories -> exit 2, one line naming the file and the field
cp -r $C broken
/usr/bin/python3 - <<'EOF'
import json
p = "broken/fib/20/new/estimates.json"
e = json.load(open(p)); e["median"]["point_estimate"] *= 1.5; json.dump(e, open(p, "w"))
p = "broken/sort/1000/new/sample.json"
s = json.load(open(p)); s["times"].pop(); json.dump(s, open(p, "w"))
p = "broken/parse/new/sample.json"
s = json.load(open(p)); s["iters"][7] = 0; json.dump(s, open(p, "w"))
EOF
expect_usage "estimates disagree with the samples" "broken/fib/20/new/estimates.json: median" "$TBENCH" compare $C broken/fib
expect_usage "times and iters of different lengths" "100 iters but 99 times" "$TBENCH" report broken/sort
expect_usage "a zero iteration count" "broken/parse/new/sample.json: iters[7] is not a positive number" "$TBENCH" report broken/parse
echo '{"oops' >broken/parse/new/sample.json
expect_usage "sample.json not JSON" "broken/parse/new/sample.json:" "$TBENCH" report broken/parse
# the values are the loader's checks, as for tbench's own files
cp -r $C broken2
/usr/bin/python3 - <<'EOF'
import json
p = "broken2/fib/20/new/sample.json"
s = json.load(open(p)); s["times"][3] = -s["times"][3]; json.dump(s, open(p, "w"))
p = "broken2/sort/1000/new/benchmark.json"
b = json.load(open(p)); b["full_id"] = "parse"; json.dump(b, open(p, "w"))
EOF
expect_usage "a negative time" "broken2/fib/20/new/sample.json: times / iters: sample 3: -" "$TBENCH" report broken2/fib
expect_usage "two benchmarks of one id" "broken2/sort/1000/new: duplicate case criterion/parse/-/1/1 (also at broken2/parse/new)" "$TBENCH" report broken2@new
mkdir -p nothing/here
expect_usage "a directory with no results" "summary.csv" "$TBENCH" compare nothing $C
finish
