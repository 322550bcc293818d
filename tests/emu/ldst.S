// ldst.S - LDR/STR X, W, B (and H) with scaled offsets up to their maximum,
// LDUR/STUR -256..255, pre- and post-index with writeback, register offsets
// (LSL, UXTW, SXTW, SXTX), unaligned addresses, zero extension, XZR as Rt.
	.include "lib.inc"

_start:
	adr x20, big
	movq x9, 0x0123456789abcdef
	movq x10, 0xfedcba9876543210
	// maximum scaled offsets
	str x9, [x20, #32760]
	str w10, [x20, #16380]
	strb w9, [x20, #4095]
	strh w10, [x20, #8190]
	ldr x11, [x20, #32760]
	px x11
	ldr w11, [x20, #16380]
	px x11
	ldrb w11, [x20, #4095]
	px x11
	ldrh w11, [x20, #8190]
	px x11
	ldr x11, [x20, #32752]
	px x11
	// unscaled -256..255 around the middle
	add x21, x20, #2048
	stur x9, [x21, #-256]
	stur w10, [x21, #255]
	ldur x11, [x21, #-256]
	px x11
	ldur x11, [x21, #252]
	px x11
	ldur w11, [x21, #-255]
	px x11
	ldurb w11, [x21, #-1]
	px x11
	// unaligned addresses: every offset 1..7
	.irp off, 1, 2, 3, 4, 5, 6, 7
	add x22, x20, #(100 + \off)
	str x10, [x22]
	ldr x11, [x22]
	px x11
	ldr w11, [x22, #4]
	px x11
	ldr x11, [x20, #96]
	px x11
	ldr x11, [x20, #104]
	px x11
	.endr
	// W and B loads zero-extend into X
	movq x11, 0xffffffffffffffff
	ldr w11, [x20, #16380]
	px x11
	movq x11, 0xffffffffffffffff
	ldrb w11, [x20, #4095]
	px x11
	// pre- and post-index: base written back
	add x22, x20, #512
	str x9, [x22, #8]!
	sub x23, x22, x20
	px x23
	str x10, [x22], #-16
	sub x23, x22, x20
	px x23
	ldr x11, [x22, #24]!
	sub x23, x22, x20
	px x23
	px x11
	ldr w11, [x22], #255
	sub x23, x22, x20
	px x23
	px x11
	ldrb w11, [x22, #-256]!
	sub x23, x22, x20
	px x23
	px x11
	strb w9, [x22], #1
	ldrb w11, [x22, #-1]
	px x11
	// register offsets
	movz x24, #3
	str x9, [x20, x24, lsl #3]
	ldr x11, [x20, #24]
	px x11
	ldr x11, [x20, x24]
	px x11
	movn x25, #0             // -1
	add x26, x20, #64
	str w10, [x26, w25, sxtw #2]
	ldr w11, [x26, #-4]
	px x11
	ldr w11, [x26, x25, sxtx #2]
	px x11
	movq x27, 0xffffffff00000010
	ldr x11, [x20, w27, uxtw]
	px x11
	ldrb w11, [x20, w27, sxtw]
	px x11
	strb w9, [x20, w24, uxtw]
	ldrb w11, [x20, #3]
	px x11
	// XZR as the register stored / loaded
	str xzr, [x20, #24]
	ldr x11, [x20, #24]
	px x11
	ldr xzr, [x20, #32760]
	orr x11, xzr, xzr
	px x11
	exit 5

	.data
	.balign 16
big:	.fill 32776, 1, 0xa5
