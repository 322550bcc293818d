#!/usr/bin/env bash
# t0400-emu-vs-qemu.sh - differential test of the AArch64 emulator (both
# engines: interpreter and, on x86-64, the translator): every
# tests/emu/*.S is assembled and linked (static, no libc) with Debian's
# aarch64 binutils, run under qemu-aarch64 and under `tbench emu run`, and
# the two must agree byte for byte on stdout and on the exit status.
. "$(dirname "$0")/lib.sh"
: "${TB_SRC:?TB_SRC must name the source tree}"

for tool in aarch64-linux-gnu-as aarch64-linux-gnu-ld qemu-aarch64; do
	if ! command -v "$tool" >/dev/null; then
		echo "SKIP: $tool not installed (scripts/deps.sh test installs binutils-aarch64-linux-gnu and qemu-user)"
		exit 77
	fi
done

src=$TB_SRC/tests/emu
# both engines where the translator exists (x86-64)
engines=interp
[ "$(uname -m)" = x86_64 ] && engines="interp jit"
n=0
for s in "$src"/*.S; do
	b=$(basename "$s" .S)
	n=$((n + 1))
	if ! aarch64-linux-gnu-as -I "$src" "$s" -o "$b.o" 2>"$T/err" ||
		! aarch64-linux-gnu-ld -static -Ttext=0x10000 --no-warn-rwx-segments "$b.o" -o "$b" 2>>"$T/err"; then
		bad "$b: assemble/link"
		continue
	fi
	qemu-aarch64 "./$b" >"$b.qemu" 2>"$b.qemu.err"
	q=$?
	for eng in $engines; do
		"$TBENCH" emu run --engine "$eng" "$b" >"$b.tb" 2>"$T/err"
		t=$?
		if [ "$q" -ne "$t" ]; then
			bad "$b ($eng): exit status $t, qemu $q"
		elif ! cmp -s "$b.qemu" "$b.tb"; then
			bad "$b ($eng): stdout differs from qemu's"
			diff "$b.qemu" "$b.tb" | head -6 | sed 's/^/    | /'
		elif [ ! -s "$b.qemu" ]; then
			bad "$b: printed nothing (the program is broken)"
		else
			ok "$b ($eng): $(wc -l <"$b.tb") lines and exit $t identical to qemu"
		fi
	done
done
check "found the test programs" '[ "$n" -ge 8 ]'

# The loop benchmark's programs, as ELFs: same counts as the in-tree encoder says
"$TB_SRC/scripts/emu-loop-elf.sh" 1000 . >/dev/null 2>"$T/err" || bad "emu-loop-elf.sh builds the loops"
for v in str nostr; do
	want=$([ $v = str ] && echo 4007 || echo 3007)
	for eng in $engines; do
		run "$TBENCH" emu run --engine "$eng" --stats "loop-$v"
		check "loop-$v ($eng) under tbench exits 0" '[ "$rc" -eq 0 ]'
		check "loop-$v ($eng) executes $want instructions" 'grep -q "^emu: $want instructions, stop exit" "$T/err"'
	done
	check "loop-$v under qemu exits 0" 'qemu-aarch64 "./loop-$v"'
done
finish
