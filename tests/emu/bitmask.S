// bitmask.S - logical immediates (DecodeBitMasks) of every element size and
// rotation, AND/ORR/EOR/ANDS/TST in X and W, and register 31 as SP for
// AND/ORR/EOR immediate destinations.
	.include "lib.inc"

	.macro li imm
	and x11, x9, #\imm
	px x11
	orr x11, x9, #\imm
	px x11
	eor x11, x9, #\imm
	px x11
	ands x11, x10, #\imm
	pflags
	px x11
	tst x9, #\imm
	pflags
	.endm

	.macro liw imm
	and w11, w9, #\imm
	px x11
	orr w11, w9, #\imm
	px x11
	eor w11, w9, #\imm
	px x11
	ands w11, w10, #\imm
	pflags
	px x11
	.endm

_start:
	movq x9, 0x0123456789abcdef
	movq x10, 0xfedcba9876543210
	.irp imm, 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x3333333333333333, 0x6666666666666666, 0x9999999999999999, 0x1111111111111111, 0x7777777777777777, 0x0f0f0f0f0f0f0f0f, 0xc3c3c3c3c3c3c3c3, 0x0101010101010101, 0x7f7f7f7f7f7f7f7f, 0x00ff00ff00ff00ff, 0xff0000ffff0000ff, 0x0001000100010001, 0x7ffe7ffe7ffe7ffe, 0x0000ffff0000ffff, 0xfffe0000fffe0000, 0x0000000100000001, 0x800000007fffffff, 0x00000000ffffffff, 0x8000000000000001, 0x7fffffffffffffff, 0xfffffffffffffffe, 0x0000000000000001, 0x8000000000000000, 0x0ffffffffffffff0
	li \imm
	.endr
	.irp imm, 0x55555555, 0xaaaaaaaa, 0x33333333, 0x0f0f0f0f, 0x00ff00ff, 0xff00ff00, 0x0000ffff, 0x7ffffffe, 0x80000000, 0x00000001, 0xfffffffe, 0xc0000003
	liw \imm
	.endr
	// Rd = 31 is SP for AND/ORR/EOR immediate
	add x12, sp, #0
	adr x13, area
	orr sp, x13, #0xf
	add x14, sp, #0
	sub x14, x14, x13
	px x14
	and sp, x13, #0xfffffffffffffff0
	add x14, sp, #0
	sub x14, x14, x13
	px x14
	add sp, x12, #0
	exit 0

	.data
	.balign 16
area:	.fill 64, 1, 0
