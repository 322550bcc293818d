#!/usr/bin/env bash
# t0803-profile-valgrind.sh - the valgrind wrappers (memcheck, massif,
# callgrind, cachegrind) on a tiny case: their files and output, memcheck
# failing on a real leak and invalid read, a missing valgrind.
. "$(dirname "$0")/lib.sh"
S=$TB_SRC/scripts
export TBENCH
case1=(scale -v scalar -m inplace -s 1000)

if "$TBENCH" env | grep -q fsanitize; then
	expect_status "a sanitizer build is refused" 3 "$S/valgrind-memcheck.sh" "${case1[@]}" --out "$T/r"
	check "says why" 'grep -q "built with AddressSanitizer, which valgrind cannot run" "$T/err"'
	finish
	exit
fi

# a missing valgrind: a PATH with the basic tools only
bin_without "$T/bin"
for s in memcheck massif callgrind cachegrind; do
	expect_status "$s without valgrind" 3 env PATH="$T/bin" "$S/valgrind-$s.sh" "${case1[@]}"
	check "$s says how to install valgrind" 'grep -q "'"'"'valgrind'"'"' is not installed; install the Debian package '"'"'valgrind'"'"': sudo apt-get install valgrind" "$T/err"'
done
if ! command -v valgrind >/dev/null; then
	echo "SKIP: valgrind is not installed (Debian: valgrind)"
	finish
	exit 77
fi
expect_status "one case only" 2 "$S/valgrind-massif.sh" scale -v scalar -s 1000 --out "$T/r"
check "says so" 'grep -q "the selection names 2 cases" "$T/err"'

results() { d=$(tail -1 "$T/out" | sed -n 's/^results: //p'); [ -d "$d" ] || d=/nonexistent; }

expect_status "memcheck: a clean case passes" 0 "$S/valgrind-memcheck.sh" "${case1[@]}" --out "$T/r"
results
check "memcheck ran with the fixed defaults" 'grep -q "^profile: 3 samples x 10 calls per sample" "$d/tbench.txt"'
check "memcheck report says no errors" 'grep -q "ERROR SUMMARY: 0 errors" "$d/memcheck.txt" && grep -q "ERROR SUMMARY: 0 errors" "$T/out"'
check "directory named after the case" '[[ "$(basename "$d")" =~ ^scale-scalar-inplace-1000-[0-9]{8}T[0-9]{6}$ ]]'
expect_status "memcheck --tests=test_parse" 0 "$S/valgrind-memcheck.sh" --tests=test_parse --out "$T/r"
check "ran that test binary clean" 'grep -q "^clean  test_parse: ERROR SUMMARY: 0 errors" "$T/out" && grep -q "1 test binaries, 0 failed" "$T/out"'
expect_status "--tests takes no case" 2 "$S/valgrind-memcheck.sh" --tests scale

# a program with a leak and an invalid read, answering like tbench
cat >leaky.c <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--dry-run"))
			return puts("scale scalar inplace 1000 1") < 0;
	if (argc > 1 && !strcmp(argv[1], "env"))
		return 0;
	char *volatile p = malloc(16);
	p[0] = 1;
	volatile char c = p[16]; /* invalid read */
	(void)c;
	p = malloc(100); /* both blocks are now definitely lost */
	p = NULL;
	return 0;
}
C
if cc -g -O0 -o leaky leaky.c; then
	expect_status "memcheck: errors and leaks fail" 1 env TBENCH="$PWD/leaky" "$S/valgrind-memcheck.sh" scale --out "$T/r"
	check "names the invalid read" 'grep -q "Invalid read of size 1" "$T/err"'
	check "names the leak" 'grep -q "definitely lost: 116 bytes in 2 blocks" "$T/out"'
	check "says where the report is" 'grep -q "memcheck found errors or leaks: see .*memcheck.txt" "$T/err"'
fi

expect_status "massif" 0 "$S/valgrind-massif.sh" scale -v scalar -m outofplace -s 100k --out "$T/r"
results
check "ms_print report saved" 'grep -q "^Command: .*tbench run scale" "$d/massif.txt" && grep -q "Number of snapshots" "$d/massif.txt"'
# x and y are 2 x 400000 bytes: the peak holds at least those
check "peak heap covers the case's buffers" 'awk "/^peak heap:/ {exit !(\$3 >= 800000)}" "$T/out"'

expect_status "callgrind" 0 "$S/valgrind-callgrind.sh" "${case1[@]}" --out "$T/r"
results
check "annotated output saved" 'grep -q "PROGRAM TOTALS" "$d/callgrind.txt" && grep -q ":in \[" "$d/callgrind.txt" && grep -q "PROGRAM TOTALS" "$d/callgrind-inclusive.txt"'
check "measured calls only: no setup in the profile" '! grep -q "tb_fill_uniform" "$d/callgrind.txt"'
total=$(awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}' "$d/callgrind.txt")
expect_status "instructions metric for the same case" 0 "$TBENCH" run "${case1[@]}" --metric instructions --csv i.csv
per_call=$(awk -F, 'NR == 2 {print $14}' i.csv)
# 3 samples x 10 calls: the profile's total is 30 x the metric's count per call
check "callgrind total ($total) = 30 x --metric instructions ($per_call)" \
	'awk -v t="$total" -v c="$per_call" "BEGIN {exit !(t == 30 * c)}"'
expect_status "callgrind --whole" 0 "$S/valgrind-callgrind.sh" "${case1[@]}" --whole --out "$T/r"
results
check "--whole includes setup" 'grep -q "tb_fill_uniform" "$d/callgrind.txt"'

expect_status "cachegrind" 0 "$S/valgrind-cachegrind.sh" "${case1[@]}" --out "$T/r"
results
check "cg_annotate output saved" 'grep -q "file:function" "$d/cachegrind.txt" && grep -q "D1mr" "$d/cachegrind.txt" && grep -q "???:in$" "$d/cachegrind.txt"'
check "prints the cache summary" 'grep -q "^D1  miss rate:" "$T/out"'
finish
