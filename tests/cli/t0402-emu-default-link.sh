#!/usr/bin/env bash
# t0402-emu-default-link.sh - a static ELF linked at GNU ld's default address
# (0x400000, just past the default 4 MiB of guest memory) runs without --mem,
# exactly as under qemu-aarch64; an explicit --mem too small is still refused.
. "$(dirname "$0")/lib.sh"
for t in aarch64-linux-gnu-as aarch64-linux-gnu-ld qemu-aarch64; do
	command -v "$t" >/dev/null || { echo "SKIP: $t missing (scripts/deps.sh test installs it)"; exit 77; }
done
cat >hello.S <<'ASM'
.global _start
_start:
	mov x0, #1
	adr x1, msg
	mov x2, #6
	mov x8, #64
	svc #0
	mov x0, #7
	mov x8, #93
	svc #0
msg:	.ascii "hello\n"
ASM
aarch64-linux-gnu-as hello.S -o hello.o && aarch64-linux-gnu-ld -static hello.o -o hello
check "linked at the default address" 'aarch64-linux-gnu-readelf -l hello | grep -q "0x0000000000400000"'
qemu-aarch64 ./hello >q.out; qrc=$?
expect_status "runs without --mem, guest exit status" "$qrc" "$TBENCH" emu run hello
check "same output as qemu" 'cmp -s "$T/out" q.out'
expect_usage "an explicit --mem too small is refused" "outside guest memory" "$TBENCH" emu run hello --mem 4Mi
finish
