#!/usr/bin/env bash
# t1601-plugin-example.sh - examples/saxpy from an installed prefix: `cmake
# --install` into a temporary prefix, the plugin built with pkg-config alone
# (by hand and by its Makefile), run by the installed tbench: verified, the
# broken variant failed-verify (exit 1), a baseline saved and gated against,
# and a rebuilt plugin (another build id) shown as a fingerprint difference.
. "$(dirname "$0")/lib.sh"
CC=${CC:-cc}
P=$T/prefix
if ! cmake --install "$TB_BUILD" --prefix "$P" >"$T/install.log" 2>&1; then
	echo "not ok - cmake --install: $(tail -3 "$T/install.log")"; exit 1
fi
check "installed: bin/tbench, <tbench/kernel.h>, tbench.pc" \
	'[ -x "$P/bin/tbench" ] && [ -f "$P/include/tbench/kernel.h" ] && [ -f "$P/lib/pkgconfig/tbench.pc" ]'
export PKG_CONFIG_PATH=$P/lib/pkgconfig
check "pkg-config points into the prefix" '[ "$(pkg-config --cflags tbench | tr -d " ")" = "-I$P/lib/pkgconfig/../../include" ]'
cp "$TB_SRC/examples/saxpy/saxpy.c" "$TB_SRC/examples/saxpy/Makefile" "$T/w/"
# shellcheck disable=SC2046 # pkg-config's words are the flags
if "$CC" -O2 -Wall -Wextra -Werror $(pkg-config --cflags --libs tbench) -shared -fPIC saxpy.c -o saxpy.so 2>"$T/err"; then
	ok "cc \$(pkg-config --cflags --libs tbench) -shared -fPIC builds the example"
else
	bad "the example does not build"; finish; exit
fi
run make -C "$T/w" -s -B CFLAGS="-O2 -Wall -Wextra -Werror" saxpy.so
check "its Makefile builds it too" '[ "$rc" -eq 0 ] && [ -s saxpy.so ]'
TB=$P/bin/tbench
export TBENCH_BASELINE_DIR=$T/w/bl

run "$TB" list --plugin ./saxpy.so saxpy
check "listed with its variants; broken is unsupported without SAXPY_BROKEN" \
	'grep -q "^saxpy: " "$T/out" && grep -qE "^  broken +outofplace .*unsupported: a deliberately wrong variant" "$T/out"'
run "$TB" list --cases --plugin ./saxpy.so saxpy -s 1001 -t 2
check "list --cases: its case ids" \
	'grep -qx "saxpy/avx2/outofplace/1001/t1" "$T/out" && grep -qx "saxpy/threaded/outofplace/1001/t2" "$T/out"'

run "$TB" run --plugin ./saxpy.so saxpy -s 1001 -t 1,2 --samples 5 --warmup-time 1ms -q --csv r.csv
check "run: every supported variant verified and measured" \
	'[ "$rc" -eq 0 ] && [ "$(grep -c ",saxpy,\(scalar\|threaded\),outofplace,1001,.*,ok," r.csv)" -eq 3 ]'
if grep -q avx2 /proc/cpuinfo; then
	check "avx2 verified and measured" 'grep -q ",saxpy,avx2,outofplace,1001,1,1001,1,ok," r.csv'
fi
SAXPY_BROKEN=1 run "$TB" run --plugin ./saxpy.so saxpy -s 1001 --samples 5 --warmup-time 1ms -q --csv b.csv
check "SAXPY_BROKEN=1: exit 1" '[ "$rc" -eq 1 ]'
check "the broken variant is failed-verify, the others ok" \
	'grep -q ",saxpy,broken,.*failed-verify" b.csv && grep -q ",saxpy,scalar,.*,ok," b.csv'

run "$TB" run --plugin ./saxpy.so --filter 'saxpy/scalar/*' -s 1000 --samples 5 --warmup-time 1ms -q --save-baseline sx
check "baseline saved" '[ "$rc" -eq 0 ] && grep -q "plugin.saxpy-example.build_id" bl/sx/fingerprint.csv'
run "$TB" run --plugin ./saxpy.so --filter 'saxpy/scalar/*' -s 1000 --samples 5 --warmup-time 1ms --baseline sx --threshold 1000
check "gated against it (threshold 1000%: never slower)" '[ "$rc" -eq 0 ] && grep -q "comparison: baseline sx" "$T/out"'
check "no fingerprint difference with the same plugin" '! grep -q "plugin.saxpy-example.build_id" "$T/out" "$T/err"'
# shellcheck disable=SC2046
"$CC" -O1 $(pkg-config --cflags --libs tbench) -shared -fPIC saxpy.c -o saxpy.so
run "$TB" run --plugin ./saxpy.so --filter 'saxpy/scalar/*' -s 1000 --samples 5 --warmup-time 1ms --baseline sx --threshold 1000
check "a rebuilt plugin is a fingerprint difference" 'grep -q "differ: plugin.saxpy-example.build_id" "$T/err"'
finish
