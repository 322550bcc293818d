#!/usr/bin/env bash
# t0303-scale-bars.sh - scripts/scale-bars.sh runs tbench, OpenBLAS, NumPy and
# likwid-bench side by side and prints one verdict per bar of issue 18; bad
# options are one-line usage errors (exit 2) that write nothing.
. "$(dirname "$0")/lib.sh"
S=$TB_SRC/scripts/scale-bars.sh
expect_usage "rounds must be a number" "--rounds 'x'" "$S" --rounds x --tbench "$TBENCH" --dir "$T/no1"
expect_usage "sizes must be counts" "size '0'" "$S" --in 0 --out 5 --tbench "$TBENCH" --dir "$T/no2"
expect_usage "unknown option" "unknown option '--bogus'" "$S" --bogus
check "nothing written for bad usage" '[ ! -e "$T/no1" ] && [ ! -e "$T/no2" ]'

run "$S" --rounds 1 --in 4096,70000 --out 70000 --tbench "$TBENCH" --dir "$T/b"
check "exit 0 (all hold) or 1 (a bar fails), never an error" '[ "$rc" = 0 ] || [ "$rc" = 1 ]'
check "the table has best and blas rows' columns" 'grep -q "^| n | best | " "$T/b/bars.md" && grep -q "| blas |" "$T/b/bars.md"'
check "both modes, each size a row" '
	grep -q "^## inplace" "$T/b/bars.md" && grep -q "^## outofplace" "$T/b/bars.md" &&
	[ "$(grep -Ec "^\| (4096|70000) \|" "$T/b/bars.md")" = 3 ]'
check "best says what it ran" 'grep -Eq "^\| 70000 \|.*\| [a-z0-9-]+ \|$" "$T/b/bars.md"'
check "a verdict per bar: BLAS only from L2 on, NumPy and likwid everywhere" '
	grep -Eq "^- inplace n=4096: best >= numpy " "$T/b/bars.md" &&
	! grep -q "^- inplace n=4096: best >= 1.05 x blas" "$T/b/bars.md" &&
	grep -Eq "^- inplace n=70000: best >= likwid-bench (unknown|[0-9.]+x: (holds|FAILS))$" "$T/b/bars.md"'
check "exit 1 exactly when a bar fails" '[ "$rc" = "$(grep -q "FAILS" "$T/b/bars.md" && echo 1 || echo 0)" ]'
check "every round kept" '[ -s "$T/b/in.1.csv" ] && [ -s "$T/b/out.1.csv" ]'
if command -v likwid-bench >/dev/null; then
	check "likwid-bench figures read" 'grep -q "likwid:update_sp" "$T/b/bars.md"'
fi
finish
