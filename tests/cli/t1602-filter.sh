#!/usr/bin/env bash
# t1602-filter.sh - case ids (family/variant/mode/size/tN) from `list
# --cases`, and --filter GLOB / --filter-regex ERE on run and list:
# repeatable (any may match), combined with the other selection options,
# across built-in and plugin families; a pattern matching nothing, an empty
# one or a bad regex -> exit 2 naming it.
. "$(dirname "$0")/lib.sh"
CC=${CC:-cc}
"$CC" -O1 -I"$TB_SRC/include" -shared -fPIC "$TB_SRC/tests/plugins/variants.c" -o "$T/p.so" || exit 1

run "$TBENCH" list --cases scale -s 1000x1000 -t 1
check "ids: family/variant/mode/size/tN" 'grep -qx "scale/avx2/inplace/1000x1000/t1" "$T/out" && grep -qx "scale/scalar/outofplace/1000x1000/t1" "$T/out"'
check "a case without a mode shows '-'" '"$TBENCH" list --cases spin -s 10 | grep -qx "spin/chain/-/10/t1"'
run "$TBENCH" list --cases scale -s 1000 -t 2
check "a threaded variant at its thread count" 'grep -qx "scale/threaded/inplace/1000/t2" "$T/out"'
n_dry=$("$TBENCH" run --dry-run scale -s 1000 | wc -l)
check "list --cases shows what run would run" '[ "$(wc -l <"$T/out")" -eq "$n_dry" ]'

run "$TBENCH" run --filter 'scale/avx2*' -s 1000 --samples 3 --warmup-time 1ms -q --csv r.csv
check "run --filter 'scale/avx2*' -s 1000: exit 0" '[ "$rc" -eq 0 ]'
check "... runs only those cases" '[ "$(tail -n +2 r.csv | cut -d, -f3,4 | sort -u | tr "\n" " ")" = "scale,avx2 scale,avx2-pf " ]'
run "$TBENCH" run --dry-run --filter 'scale/avx2/*' --filter 'spin/*' -s 1000
check "repeatable: any pattern may match" '[ "$(cut -d" " -f1,2 "$T/out" | sort -u | tr "\n" " ")" = "scale avx2 spin chain " ]'
run "$TBENCH" run --dry-run --filter-regex '^scale/(scalar|sse)/inplace/' -s 1000
check "--filter-regex (ERE)" '[ "$(cut -d" " -f2,3 "$T/out" | sort -u | tr "\n" " ")" = "scalar inplace sse inplace " ]'
run "$TBENCH" run --dry-run --filter 'scale/*' -m inplace -v scalar -s 1000
check "with -m and -v: both apply" '[ "$(cat "$T/out")" = "scale scalar inplace 1000 1" ]'
run "$TBENCH" run --dry-run --filter 'scale/scalar/outofplace/*'
check "with no FAMILY and no -s: from the default sizes" 'grep -q " 4096x4096 " "$T/out" && [ "$(wc -l <"$T/out")" -eq 5 ]'
run "$TBENCH" list --filter 'tplug/*' --filter 'null/*' --plugin "$T/p.so"
check "list --filter: plugin and built-in families together" 'grep -qx "tplug/one/-/10/t1" "$T/out" && grep -qx "null/empty/-/1/t1" "$T/out" && [ "$(wc -l <"$T/out")" -eq 3 ]'

expect_usage "a pattern matching nothing" "--filter 'scale/nosuch*' matches no case" \
	"$TBENCH" run --filter 'scale/avx2*' --filter 'scale/nosuch*' -s 1000
expect_usage "... on list too" "--filter-regex 'zzz' matches no case" "$TBENCH" list --filter-regex zzz
expect_usage "a bad regex" "invalid --filter-regex 'a(': " "$TBENCH" run --filter-regex 'a('
expect_usage "an empty pattern" "invalid --filter ''" "$TBENCH" list --cases --filter ''
expect_usage "a pattern outside the selected family" "--filter 'spin/*' matches no case" \
	"$TBENCH" run --dry-run scale --filter 'spin/*'
finish
