// smc.S - self-modifying code: each iteration rewrites the MOVZ of a small
// function (a new immediate) and calls it (a store is architecturally
// visible to fetch only after a context synchronisation, so the rewritten
// code runs in a later block, as qemu requires); then the B.cond of a SUBS + B.cond pair is
// rewritten from NE to PL.  The code lives in a writable section.
	.include "lib.inc"

	.section .wtext, "awx", @progbits
_start:
	adr x9, patch
	movz x10, #0
	movz x12, #0
	movz x13, #0x000b           // movz x11, #0 = 0xd280000b
	movk x13, #0xd280, lsl #16
1:	orr x14, x13, x10, lsl #5
	str w14, [x9]
	bl patch
	add x12, x12, x11
	add x10, x10, #1
	cmp x10, #100
	b.ne 1b
	px x12                      // 0 + 1 + ... + 99
	movz x15, #0
	movz x16, #10
	movz x17, #0
2:	add x15, x15, #1
	subs x16, x16, #1
cond:	b.ne 2b
	px x15
	cbnz x17, 3f
	movz x17, #1
	adr x18, cond
	ldr w19, [x18]
	and w19, w19, #0xfffffff0
	orr w19, w19, #4
	orr w19, w19, #1            // PL (0101)
	str w19, [x18]
	movz x16, #5
	b 2b
3:	px x16
	exit 0

patch:	movz x11, #0xffff
	ret
