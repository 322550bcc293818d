// flags.S - ADDS/SUBS/CMP/CMN (immediate and register, X and W): result and
// every condition code, on carry and overflow edges.
	.include "lib.inc"

	.macro fl a, b
	movq x9, \a
	movq x10, \b
	adds x11, x9, x10
	pflags
	px x11
	subs x11, x9, x10
	pflags
	px x11
	adds w11, w9, w10
	pflags
	px x11
	subs w11, w9, w10
	pflags
	px x11
	cmp x9, x10
	pflags
	cmn w9, w10
	pflags
	subs x11, x9, #1
	pflags
	px x11
	adds w11, w9, #0xfff, lsl #12
	pflags
	px x11
	cmp w9, #0
	pflags
	cmn x9, #1
	pflags
	.endm

_start:
	fl 0, 0
	fl 0, 1
	fl 1, 0
	fl 1, 1
	fl 0xffffffffffffffff, 1
	fl 0xffffffffffffffff, 0xffffffffffffffff
	fl 0x7fffffffffffffff, 1
	fl 0x8000000000000000, 1
	fl 0x8000000000000000, 0x8000000000000000
	fl 0x7fffffffffffffff, 0xffffffffffffffff
	fl 0x000000007fffffff, 1
	fl 0x0000000080000000, 1
	fl 0x00000000ffffffff, 1
	fl 0xffffffff80000000, 0x0000000080000000
	fl 0x123456789abcdef0, 0x0fedcba987654321
	fl 0x00000000fffff000, 0x0000000000001000
	// flags survive non-flag-setting instructions
	movq x9, 0x8000000000000000
	subs x10, x9, #1
	add x11, x9, #1
	and x12, x9, #0xff
	pflags
	// SUBS + B.NE pairs (fused in tbench): the flags they leave behind
	movz x12, #3
1:	subs x12, x12, #1
	b.ne 1b
	pflags
	movq x12, 0x8000000000000000
	subs x12, x12, #1
	b.ne 2f
2:	pflags
	movz w13, #0
	subs w13, w13, #1
	b.ne 3f
3:	pflags
	px x13
	exit 7
