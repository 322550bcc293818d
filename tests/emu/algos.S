// algos.S - a few real algorithms: sieve of Eratosthenes, insertion sort of
// xorshift numbers, a rotate-xor checksum over the sorted bytes, iterative
// Fibonacci; the exit status is the checksum's low byte.
	.include "lib.inc"

_start:
	// sieve: primes below 4000 (one byte per number)
	adr x9, sieve
	movz x10, #2
1:	ldrb w11, [x9, x10]
	cbnz w11, 3f
	add x12, x10, x10
2:	cmp x12, #4000
	b.hs 3f
	movz w13, #1
	strb w13, [x9, x12]
	add x12, x12, x10
	b 2b
3:	add x10, x10, #1
	cmp x10, #4000
	b.lo 1b
	movz x14, #0
	movz x10, #2
4:	ldrb w11, [x9, x10]
	cbnz w11, 5f
	add x14, x14, #1
5:	add x10, x10, #1
	cmp x10, #4000
	b.ne 4b
	px x14                      // 550
	// xorshift64 into 200 values, then insertion sort
	adr x15, arr
	movq x16, 0x9e3779b97f4a7c15
	movz x17, #0
6:	eor x16, x16, x16, lsl #13
	eor x16, x16, x16, lsr #7
	eor x16, x16, x16, lsl #17
	str x16, [x15, x17, lsl #3]
	add x17, x17, #1
	cmp x17, #200
	b.ne 6b
	movz x17, #1
7:	ldr x18, [x15, x17, lsl #3]  // key
	sub x19, x17, #1
8:	ldr x20, [x15, x19, lsl #3]
	cmp x20, x18
	b.ls 9f
	add x21, x19, #1
	str x20, [x15, x21, lsl #3]
	subs x19, x19, #1
	b.pl 8b
9:	add x21, x19, #1
	str x18, [x15, x21, lsl #3]
	add x17, x17, #1
	cmp x17, #200
	b.ne 7b
	ldr x22, [x15]
	px x22
	ldr x22, [x15, #1592]
	px x22
	// checksum: h = (h ror 5) ^ byte, over 1600 bytes
	movz x23, #0
	movz x17, #0
10:	ldrb w24, [x15, x17]
	eor x23, x24, x23, ror #5
	add x17, x17, #1
	cmp x17, #1600
	b.ne 10b
	px x23
	// Fibonacci 90 iteratively
	movz x0, #0
	movz x1, #1
	movz x2, #90
11:	add x3, x0, x1
	mov x0, x1
	mov x1, x3
	subs x2, x2, #1
	b.ne 11b
	px x0
	and x0, x23, #0xff
	movz x8, #93
	svc #0

	.data
	.balign 16
arr:	.fill 1600, 1, 0
sieve:	.fill 4000, 1, 0
