// sp_zr.S - register 31 is SP in ADD/SUB immediate (source and destination),
// in ADDS/SUBS immediate sources (CMP SP), and as a load/store base; it is
// XZR in shifted-register forms and as a flag-setting destination.
	.include "lib.inc"

_start:
	adr x9, stack_top
	mov sp, x9                  // ADD sp, x9, #0
	add x10, sp, #0
	sub x10, x10, x9
	px x10
	sub sp, sp, #32
	add x10, sp, #16
	sub x10, x9, x10
	px x10
	movz x11, #32
	cmp sp, #0x10, lsl #12      // SUBS xzr, sp, ...
	pflags
	adds x12, sp, #0            // CMN-like with a result
	sub x12, x9, x12
	px x12
	// shifted register: 31 is XZR
	add x13, xzr, x11           // = x11
	px x13
	sub x13, xzr, x11           // = -x11
	px x13
	orr x13, xzr, x11, lsl #2
	px x13
	subs xzr, x11, x11          // result discarded, flags set
	pflags
	add x30, x11, #5
	add x13, sp, #0
	sub x13, x9, x13
	px x13
	mov sp, x9
	// SP as base with writeback (push/pop)
	movq x14, 0x1122334455667788
	str x14, [sp, #-16]!
	str xzr, [sp, #8]
	add x15, sp, #0
	sub x15, x9, x15
	px x15
	ldr x16, [sp], #16
	px x16
	add x15, sp, #0
	sub x15, x9, x15
	px x15
	ldr x16, [sp, #-8]
	px x16
	// W forms with register 31
	add w17, wzr, w11
	px x17
	add w18, wsp, #7
	sub w18, w18, w9
	px x18
	exit 0

	.data
	.balign 16
stack:	.fill 256, 1, 0
stack_top:
