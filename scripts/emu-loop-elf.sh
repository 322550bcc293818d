#!/usr/bin/env bash
# emu-loop-elf.sh - build the emu benchmark loops as static AArch64 ELFs
# (the same loops `tbench run emu` builds in memory with its encoder):
#   loop-str:   ADD + STR + SUBS + B.NE    (4N + 7 instructions)
#   loop-nostr: ADD + SUBS + B.NE          (3N + 7 instructions)
# usage: scripts/emu-loop-elf.sh N [OUTDIR]   (N loop iterations, 1..4294967295)
# Needs binutils-aarch64-linux-gnu.  Prints the two paths.
set -euo pipefail
n=${1:?usage: emu-loop-elf.sh N [OUTDIR]}
out=${2:-.}
if ! [[ $n =~ ^[0-9]+$ ]] || [ "$n" -lt 1 ] || [ "$n" -gt 4294967295 ]; then
	echo "emu-loop-elf.sh: invalid N '$n': expected 1 to 4294967295 iterations" >&2
	exit 2
fi
mkdir -p "$out"
for v in str nostr; do
	store=""
	[ $v = str ] && store="	str x1, [x2]"
	cat >"$out/loop-$v.S" <<ASM
	.text
	.global _start
_start:
	movz x0, #($n & 0xffff)
	movk x0, #(($n >> 16) & 0xffff), lsl #16
	movz x1, #0
	adr x2, data
1:	add x1, x1, #1
$store
	subs x0, x0, #1
	b.ne 1b
	movz x0, #0
	movz x8, #93
	svc #0
	.data
	.balign 8
data:	.quad 0
ASM
	aarch64-linux-gnu-as "$out/loop-$v.S" -o "$out/loop-$v.o"
	aarch64-linux-gnu-ld -static -Ttext=0x10000 "$out/loop-$v.o" -o "$out/loop-$v"
	rm -f "$out/loop-$v.o"
	echo "$out/loop-$v"
done
