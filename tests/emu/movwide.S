// movwide.S - MOVZ, MOVN, MOVK at every shift, X and W (W results zero-extend).
	.include "lib.inc"

	.macro mw r, shifts:vararg
	.irp s, \shifts
	movz \r\()9, #0xbeef, lsl #\s
	px x9
	movn \r\()9, #0xbeef, lsl #\s
	px x9
	movq x9, 0x0123456789abcdef
	movk \r\()9, #0xf00d, lsl #\s
	px x9
	movn \r\()9, #0, lsl #\s
	px x9
	movn \r\()9, #0xffff, lsl #\s
	px x9
	.endr
	.endm

_start:
	mw x, 0, 16, 32, 48
	mw w, 0, 16
	movz x10, #0
	movk x10, #1, lsl #48
	movk x10, #2, lsl #32
	movk x10, #3, lsl #16
	movk x10, #4
	px x10
	mov x11, #-1
	px x11
	mov w11, #-2
	px x11
	movz xzr, #5
	movn xzr, #5
	movk xzr, #5
	orr x12, xzr, xzr
	px x12
	exit 3
