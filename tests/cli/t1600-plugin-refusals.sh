#!/usr/bin/env bash
# t1600-plugin-refusals.sh - `--plugin` refuses a bad plugin in one line,
# exit 2, nothing run: not a shared object, no tbench_plugin table (libm),
# another abi (both numbers named), a hook missing, a family clash (with a
# built-in one, between two plugins), an unresolved symbol; and a good one
# joins the registry, its wrong kernel is failed-verify (exit 1), its file
# and build id are recorded.
. "$(dirname "$0")/lib.sh"
CC=${CC:-cc}
src=$TB_SRC/tests/plugins/variants.c
abi=$(sed -n 's/^#define TB_KERNEL_ABI \([0-9]*\).*/\1/p' "$TB_SRC/include/tbench/kernel.h")
mk() { # mk NAME FLAGS...: $T/NAME.so
	local name=$1; shift
	"$CC" -O1 -Wall -Wextra -Werror -I"$TB_SRC/include" -shared -fPIC "$@" "$src" -o "$T/$name.so" \
		2>"$T/cc-err" || { echo "not ok - cc $name: $(head -3 "$T/cc-err")"; exit 1; }
}
mk good
mk good2 -DFAMILY='"tplug"'
mk other -DFAMILY='"tplug2"'
mk clash -DFAMILY='"scale"'
mk all -DFAMILY='"all"'
mk oldabi -DPLUGIN_ABI=1
mk kabi -DKERNEL_ABI=99
mk notable -DNO_TABLE
mk noverify -DNO_VERIFY
mk noref -DNO_REFERENCE
mk unresolved -DUNRESOLVED
mk wrong -DFAMILY='"twrong"' -DWRONG
echo "not an elf" >"$T/text.so"

for cmd in run list; do
	expect_usage "$cmd: libm has no table" "does not export 'tbench_plugin'" \
		"$TBENCH" $cmd --plugin /lib/x86_64-linux-gnu/libm.so.6
done
expect_usage "not a shared object" "text.so': cannot load it" "$TBENCH" run --plugin "$T/text.so"
expect_usage "no such file" "No such file" "$TBENCH" run --plugin "$T/absent.so"
expect_usage "a directory" "not a regular file" "$TBENCH" run --plugin "$T"
expect_usage "no table" "does not export 'tbench_plugin'" "$TBENCH" run --plugin "$T/notable.so"
expect_usage "table abi" "built for kernel abi 1, this tbench has abi $abi" "$TBENCH" run --plugin "$T/oldabi.so"
expect_usage "descriptor abi" "built for kernel abi 99, this tbench has abi $abi" "$TBENCH" run --plugin "$T/kabi.so"
expect_usage "no verify" "tplug/one refused: no verify()" "$TBENCH" run --plugin "$T/noverify.so"
expect_usage "no reference" "has no kernel of its reference variant 'one'" "$TBENCH" run --plugin "$T/noref.so"
expect_usage "built-in clash" "family 'scale' is a built-in tbench family" "$TBENCH" run --plugin "$T/clash.so"
expect_usage "'all' is taken" "family 'all' is a built-in tbench family" "$TBENCH" run --plugin "$T/all.so"
expect_usage "plugin clash" "family 'tplug' is already loaded from plugin 'tplug-test'" \
	"$TBENCH" run --plugin "$T/good.so" --plugin "$T/good2.so"
expect_usage "unresolved symbol" "undefined symbol: tb_not_exported_by_tbench" \
	"$TBENCH" run --plugin "$T/unresolved.so"
# nothing ran: no output file appeared
run "$TBENCH" run --plugin "$T/kabi.so" --csv "$T/w/r.csv" spin -s 10
check "a refusal writes nothing" '[ "$rc" -eq 2 ] && [ ! -e "$T/w/r.csv" ]'

# a good plugin: listed, run, recorded; the same file twice is loaded once
run "$TBENCH" list --plugin "$T/good.so" tplug
check "list shows the plugin family" 'grep -q "^tplug: a test plugin" "$T/out" && grep -q "plugin: tplug-test ($T/good.so, gnu:" "$T/out"'
run "$TBENCH" list --json --plugin "$T/good.so" tplug
check "list --json names the plugin" 'grep -q "\"build_id\": \"gnu:" "$T/out"'
run "$TBENCH" run -q --plugin "$T/good.so" --plugin "$T/good.so" --plugin "$T/other.so" tplug tplug2 \
	--samples 3 --csv "$T/w/r.csv" --json "$T/w/r.json"
check "good plugins run" '[ "$rc" -eq 0 ] && [ "$(grep -c ",tplug2*,one," "$T/w/r.csv")" -eq 4 ]'
bid=$(readelf -n "$T/good.so" | sed -n 's/.*Build ID: \([0-9a-f]*\).*/\1/p')
check "build id recorded in the options" 'grep -q "\"plugin.tplug-test.build_id\": \"gnu:$bid\"" "$T/w/r.json"'
check "and in the fingerprint" '[ "$(grep -c "plugin.tplug-test.build_id" "$T/w/r.json")" -ge 2 ]'
check "path recorded" 'grep -q "\"plugin.tplug-test.path\": \"$T/good.so\"" "$T/w/r.json"'
# a wrong kernel is failed-verify, exit 1
run "$TBENCH" run -q --plugin "$T/wrong.so" twrong --samples 3 --csv "$T/w/w.csv"
check "wrong kernel: exit 1" '[ "$rc" -eq 1 ]'
check "wrong kernel: failed-verify with the ulp distance" 'grep -q "failed-verify" "$T/w/w.csv" && grep -q "1 ulp apart" "$T/w/w.csv"'
# without --plugin the family is unknown
expect_usage "family needs its plugin" "unknown family 'tplug'" "$TBENCH" run tplug
finish
