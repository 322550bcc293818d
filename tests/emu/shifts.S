// shifts.S - shifted register operands LSL/LSR/ASR/ROR at 0, 1, 31, 63 for
// ADD/SUB/ADDS/SUBS and every logical op, X and W.
	.include "lib.inc"

	.macro sh op, amt
	\op x11, x9, x10, lsl #\amt
	px x11
	\op x11, x9, x10, lsr #\amt
	px x11
	\op x11, x9, x10, asr #\amt
	px x11
	.endm

	.macro shw op, amt
	\op w11, w9, w10, lsl #\amt
	px x11
	\op w11, w9, w10, lsr #\amt
	px x11
	\op w11, w9, w10, asr #\amt
	px x11
	.endm

	.macro logic op
	\op x11, x9, x10, ror #0
	px x11
	\op x11, x9, x10, ror #1
	px x11
	\op x11, x9, x10, ror #31
	px x11
	\op x11, x9, x10, ror #63
	px x11
	\op w11, w9, w10, ror #1
	px x11
	\op w11, w9, w10, ror #31
	px x11
	.endm

	.macro all a, b
	movq x9, \a
	movq x10, \b
	.irp op, add, sub, adds, subs, and, orr, eor, bic, orn, eon, ands, bics
	sh \op, 0
	sh \op, 1
	sh \op, 31
	sh \op, 63
	shw \op, 0
	shw \op, 1
	shw \op, 31
	.endr
	.irp op, and, orr, eor, bic, orn, eon, ands, bics
	logic \op
	.endr
	ands x11, x9, x10, lsl #1
	pflags
	bics w11, w9, w10, asr #31
	pflags
	tst x9, x10, ror #63
	pflags
	.endm

_start:
	all 0x8000000000000001, 0xf0f0f0f0f0f0f0f1
	all 0x0123456789abcdef, 0x8000000080000001
	all 0xffffffffffffffff, 0x0000000000000003
	// MOV (register) is ORR with XZR
	mov x12, x10
	mov w13, w9
	px x12
	px x13
	exit 0
