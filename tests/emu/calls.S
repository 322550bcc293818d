// calls.S - B, BL, BR, BLR, RET (also RET Xn), CBZ/CBNZ in X and W,
// B.cond including AL and NV, ADRP, recursion with a memory stack, a jump table.
	.include "lib.inc"

_start:
	adr x9, stack_top
	mov sp, x9
	// recursive fib(15) with x30 and the argument saved on the stack
	movz x0, #15
	bl fib
	px x0
	// recursion depth 100 returning the sum 1..100
	movz x0, #100
	bl sum
	px x0
	// BLR through a register, RET through another register
	adr x10, leaf
	blr x10
	px x0
	adr x30, 1f
	adr x11, leaf2
	br x11
1:	px x0
	// CBZ/CBNZ: W forms look at the low 32 bits only
	movq x12, 0x0000000100000000
	movz x20, #0
	cbz w12, 2f
	orr x20, x20, #1
2:	cbnz x12, 3f
	orr x20, x20, #2
3:	cbnz w12, 4f
	orr x20, x20, #4
4:	cbz x12, 5f
	orr x20, x20, #8
5:	px x20
	// B.AL and B.NV are always taken
	movz x20, #0
	cmp x20, #1
	b.al 6f
	orr x20, x20, #1
6:	b.nv 7f
	orr x20, x20, #2
7:	px x20
	// jump table: for i in 0..3, x21 += table[i]()
	movz x21, #0
	movz x22, #0
8:	adr x23, table
	ldr x24, [x23, x22, lsl #3]
	blr x24
	add x21, x21, x0
	add x22, x22, #1
	cmp x22, #4
	b.ne 8b
	px x21
	// a backward loop counted with CBNZ in W
	movz w25, #1000
	movz x26, #0
9:	add x26, x26, #3
	sub w25, w25, #1
	cbnz w25, 9b
	px x26
	nop
	adrp x27, table             // ADRP: the 4 KiB page of a data label
	px x27
	adrp x27, _start
	px x27
	exit 42

fib:	// x0 = fib(x0)
	cmp x0, #2
	b.lo 1f
	str x30, [sp, #-16]!
	str x0, [sp, #8]
	sub x0, x0, #1
	bl fib
	ldr x1, [sp, #8]
	str x0, [sp, #8]
	sub x0, x1, #2
	bl fib
	ldr x1, [sp, #8]
	add x0, x0, x1
	ldr x30, [sp], #16
1:	ret

sum:	// x0 = 1 + ... + x0
	cbz x0, 1f
	sub sp, sp, #16
	str x30, [sp]
	str x0, [sp, #8]
	sub x0, x0, #1
	bl sum
	ldr x1, [sp, #8]
	add x0, x0, x1
	ldr x30, [sp]
	add sp, sp, #16
1:	ret

leaf:	movz x0, #0x1234
	ret
leaf2:	movz x0, #0x5678
	ret x30
t0:	movz x0, #1
	ret
t1:	movz x0, #10
	ret
t2:	movz x0, #100
	ret
t3:	movz x0, #1000
	ret

	.data
	.balign 8
table:	.quad t0, t1, t2, t3
	.balign 16
stack:	.fill 8192, 1, 0
stack_top:
