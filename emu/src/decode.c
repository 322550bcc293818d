/*
 * decode.c - A64 instruction words to the pre-decoded form (emu_int.h).
 * Field positions and the rules for register 31, W forms and reserved
 * encodings follow the Arm ARM (DDI 0487) encoding index; anything outside
 * the supported subset decodes to UNDEF with the word kept in imm.
 */
#include "emu_int.h"

#include <string.h>

static inline unsigned bits(uint32_t w, unsigned hi, unsigned lo)
{
	return (w >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static inline int64_t sext(uint64_t v, unsigned width)
{
	return (int64_t)(v << (64 - width)) >> (64 - width);
}

/* register operand: 31 means the zero register or SP, as the encoding says */
static inline uint8_t zr(unsigned r) { return r == 31 ? R_ZR : (uint8_t)r; }
static inline uint8_t zr_dst(unsigned r) { return r == 31 ? R_SINK : (uint8_t)r; }
static inline uint8_t sp(unsigned r) { return r == 31 ? R_SP : (uint8_t)r; }

uint16_t tb_emu_cond_mask(unsigned cond)
{
	uint16_t mask = 0;
	for (unsigned f = 0; f < 16; f++) {
		unsigned n = f >> 3 & 1, z = f >> 2 & 1, c = f >> 1 & 1, v = f & 1;
		bool r;
		switch (cond >> 1) {
		case 0: r = z; break;
		case 1: r = c; break;
		case 2: r = n; break;
		case 3: r = v; break;
		case 4: r = c && !z; break;
		case 5: r = n == v; break;
		case 6: r = n == v && !z; break;
		default: r = true; break;
		}
		if ((cond & 1) && cond != 15)
			r = !r;
		mask |= (uint16_t)(r << f);
	}
	return mask;
}

/* DecodeBitMasks(N, imms, immr, immediate=TRUE) -> wmask, for an
 * element of datasize bits; false for a reserved encoding */
static bool bitmask_imm(unsigned n, unsigned imms, unsigned immr, unsigned datasize,
			uint64_t *out)
{
	unsigned v = (n << 6) | (~imms & 0x3f);
	if (v == 0)
		return false;
	unsigned len = 31 - (unsigned)__builtin_clz(v);
	if (len < 1)
		return false;
	unsigned esize = 1u << len, levels = esize - 1;
	if ((imms & levels) == levels)
		return false;
	if (esize > datasize)
		return false;
	unsigned s = imms & levels, r = immr & levels;
	uint64_t emask = esize == 64 ? ~0ull : (1ull << esize) - 1;
	uint64_t welem = (s + 1 == 64) ? ~0ull : (1ull << (s + 1)) - 1;
	if (r)
		welem = ((welem >> r) | (welem << (esize - r))) & emask;
	uint64_t m = 0;
	for (unsigned i = 0; i < 64; i += esize)
		m |= welem << i;
	*out = datasize == 32 ? m & 0xffffffffu : m;
	return true;
}

static enum tb_emu_opc undef(struct tb_emu_op *op, uint32_t w)
{
	op->imm = w;
	return OP_UNDEF;
}

static enum tb_emu_opc dp_imm(uint32_t w, uint64_t pc, struct tb_emu_op *op)
{
	unsigned sf = w >> 31, rd = bits(w, 4, 0), rn = bits(w, 9, 5);
	if ((w & 0x1f000000) == 0x10000000) { /* ADR, ADRP */
		int64_t imm = sext((uint64_t)bits(w, 23, 5) << 2 | bits(w, 30, 29), 21);
		op->d = zr_dst(rd);
		op->imm = sf ? (pc & ~0xfffull) + ((uint64_t)imm << 12) : pc + (uint64_t)imm;
		return OP_MOVI;
	}
	if ((w & 0x1f800000) == 0x11000000) { /* add/sub immediate */
		unsigned opS = bits(w, 30, 29);
		op->imm = (uint64_t)bits(w, 21, 10) << (bits(w, 22, 22) ? 12 : 0);
		op->n = sp(rn);
		op->d = (opS & 1) ? zr_dst(rd) : sp(rd);
		static const enum tb_emu_opc t[2][4] = {
			{OP_ADDI_W, OP_ADDSI_W, OP_SUBI_W, OP_SUBSI_W},
			{OP_ADDI_X, OP_ADDSI_X, OP_SUBI_X, OP_SUBSI_X}};
		return t[sf][opS];
	}
	if ((w & 0x1f800000) == 0x12000000) { /* logical immediate */
		unsigned opc = bits(w, 30, 29), nbit = bits(w, 22, 22);
		if (!sf && nbit)
			return undef(op, w);
		if (!bitmask_imm(nbit, bits(w, 15, 10), bits(w, 21, 16), sf ? 64 : 32, &op->imm))
			return undef(op, w);
		op->n = zr(rn);
		op->d = opc == 3 ? zr_dst(rd) : sp(rd);
		static const enum tb_emu_opc t[2][4] = {
			{OP_ANDI_W, OP_ORRI_W, OP_EORI_W, OP_ANDSI_W},
			{OP_ANDI_X, OP_ORRI_X, OP_EORI_X, OP_ANDSI_X}};
		return t[sf][opc];
	}
	if ((w & 0x1f800000) == 0x12800000) { /* move wide */
		unsigned opc = bits(w, 30, 29), hw = bits(w, 22, 21);
		if (opc == 1 || (!sf && hw >= 2))
			return undef(op, w);
		uint64_t v = (uint64_t)bits(w, 20, 5) << (hw * 16);
		op->d = zr_dst(rd);
		if (opc == 3) {
			op->imm = v;
			op->s = (uint8_t)(hw * 16);
			return sf ? OP_MOVK_X : OP_MOVK_W;
		}
		if (opc == 0)
			v = ~v;
		op->imm = sf ? v : v & 0xffffffffu;
		return OP_MOVI;
	}
	return undef(op, w);
}

static enum tb_emu_opc dp_reg(uint32_t w, struct tb_emu_op *op)
{
	unsigned sf = w >> 31, imm6 = bits(w, 15, 10), type = bits(w, 23, 22);
	if (!sf && imm6 >= 32)
		return undef(op, w);
	op->d = zr_dst(bits(w, 4, 0));
	op->n = zr(bits(w, 9, 5));
	op->m = zr(bits(w, 20, 16));
	op->s = (uint8_t)(imm6 | type << 6);
	if ((w & 0x1f000000) == 0x0a000000) { /* logical shifted register */
		static const enum tb_emu_opc t[2][8] = {
			{OP_ANDR_W, OP_BICR_W, OP_ORRR_W, OP_ORNR_W, OP_EORR_W, OP_EONR_W,
			 OP_ANDSR_W, OP_BICSR_W},
			{OP_ANDR_X, OP_BICR_X, OP_ORRR_X, OP_ORNR_X, OP_EORR_X, OP_EONR_X,
			 OP_ANDSR_X, OP_BICSR_X}};
		return t[sf][bits(w, 30, 29) << 1 | bits(w, 21, 21)];
	}
	if ((w & 0x1f200000) == 0x0b000000 && type != 3) { /* add/sub shifted register */
		static const enum tb_emu_opc t[2][4] = {
			{OP_ADDR_W, OP_ADDSR_W, OP_SUBR_W, OP_SUBSR_W},
			{OP_ADDR_X, OP_ADDSR_X, OP_SUBR_X, OP_SUBSR_X}};
		return t[sf][bits(w, 30, 29)];
	}
	return undef(op, w);
}

static enum tb_emu_opc ldst(uint32_t w, struct tb_emu_op *op)
{
	unsigned size = bits(w, 31, 30), opc = bits(w, 23, 22);
	if (bits(w, 26, 26) || opc > 1) /* SIMD&FP, sign-extending loads, PRFM */
		return undef(op, w);
	unsigned rt = bits(w, 4, 0), mode;
	op->n = sp(bits(w, 9, 5));
	op->d = opc ? zr_dst(rt) : zr(rt); /* a load writes Rt, a store reads it */
	if ((w & 0x3f000000) == 0x39000000) { /* unsigned scaled offset */
		op->imm = (uint64_t)bits(w, 21, 10) << size;
		mode = 0;
	} else if ((w & 0x3f200000) == 0x38000000) { /* imm9: unscaled, post, pre */
		unsigned idx = bits(w, 11, 10);
		if (idx == 2) /* unprivileged LDTR/STTR */
			return undef(op, w);
		op->imm = (uint64_t)sext(bits(w, 20, 12), 9);
		mode = idx == 0 ? 0 : idx == 1 ? 2 : 1;
	} else if ((w & 0x3f200c00) == 0x38200800) { /* register offset */
		unsigned option = bits(w, 15, 13);
		if (!(option & 2))
			return undef(op, w);
		op->m = zr(bits(w, 20, 16));
		op->s = (uint8_t)((bits(w, 12, 12) ? size : 0) | option << 4);
		mode = 3;
	} else {
		return undef(op, w);
	}
	/* LS list order: size B H W X within mode UI PRE POST REG */
	return (enum tb_emu_opc)((opc ? OP_LD_B_UI : OP_ST_B_UI) + mode * 4 + size);
}

static enum tb_emu_opc branch(const struct tb_emu *e, uint64_t i, uint32_t w,
			      struct tb_emu_op *op)
{
	uint64_t pc = i * 4;
	if ((w & 0x7c000000) == 0x14000000) { /* B, BL */
		op->imm = pc + (uint64_t)(sext(bits(w, 25, 0), 26) * 4);
		return w >> 31 ? OP_BL : OP_B;
	}
	if ((w & 0x7e000000) == 0x34000000) { /* CBZ, CBNZ */
		op->imm = pc + (uint64_t)(sext(bits(w, 23, 5), 19) * 4);
		op->n = zr(bits(w, 4, 0));
		static const enum tb_emu_opc t[2][2] = {{OP_CBZ_W, OP_CBNZ_W}, {OP_CBZ_X, OP_CBNZ_X}};
		return t[w >> 31][bits(w, 24, 24)];
	}
	if ((w & 0xff000010) == 0x54000000) { /* B.cond */
		op->imm = pc + (uint64_t)(sext(bits(w, 23, 5), 19) * 4);
		op->mask = tb_emu_cond_mask(bits(w, 3, 0));
		return OP_BCOND;
	}
	if ((w & 0xffe0001f) == 0xd4000001) {
		op->imm = bits(w, 20, 5);
		return OP_SVC;
	}
	if ((w & 0xffe0001f) == 0xd4400000) {
		op->imm = bits(w, 20, 5);
		return OP_HLT;
	}
	if ((w & 0xfffff01f) == 0xd503201f) /* hints: NOP, YIELD, ... all NOP here */
		return OP_NOP;
	if ((w & 0xff9ffc1f) == 0xd61f0000) { /* BR, BLR, RET (opc 00, 01, 10) */
		unsigned opc = bits(w, 22, 21);
		op->n = zr(bits(w, 9, 5));
		return opc == 1 ? OP_BLR : OP_BR;
	}
	(void)e;
	return undef(op, w);
}

static enum tb_emu_opc decode_one(const struct tb_emu *e, uint64_t i, uint32_t w,
				   struct tb_emu_op *op)
{
	switch (bits(w, 28, 26)) {
	case 4: return dp_imm(w, i * 4, op);
	case 5: return branch(e, i, w, op);
	default: break;
	}
	if ((w & 0x0a000000) == 0x08000000) /* loads and stores: op0 x1x0 */
		return ldst(w, op);
	if ((w & 0x0e000000) == 0x0a000000) /* data processing, register */
		return dp_reg(w, op);
	return undef(op, w);
}

enum tb_emu_opc tb_emu_decode_one(const struct tb_emu *e, uint64_t i, struct tb_emu_op *op)
{
	uint32_t w;
	memcpy(&w, e->mem + i * 4, 4);
	memset(op, 0, sizeof(*op));
	return decode_one(e, i, w, op);
}

enum tb_emu_opc tb_emu_decode(const struct tb_emu *e, uint64_t i, struct tb_emu_op *op)
{
	uint32_t next;
	enum tb_emu_opc opc = tb_emu_decode_one(e, i, op);
	if ((opc == OP_ADDI_X || opc == OP_SUBI_X) && op->d == op->n && op->d < 31)
		return (enum tb_emu_opc)((opc == OP_ADDI_X ? OP_ADDI_XR0 : OP_SUBI_XR0) + op->d);
	/* SUBS #imm followed by B.cond runs as one handler when the branch
	 * target is inside memory (the handler then needs no range check) */
	if ((opc != OP_SUBSI_X && opc != OP_SUBSI_W) || i + 1 >= e->mem_size / 4)
		return opc;
	memcpy(&next, e->mem + (i + 1) * 4, 4);
	if ((next & 0xff000010) != 0x54000000)
		return opc;
	uint64_t target = (i + 1) * 4 + (uint64_t)(sext(bits(next, 23, 5), 19) * 4);
	if (target >= e->mem_size)
		return opc;
	op->mask = tb_emu_cond_mask(bits(next, 3, 0));
	op->imm |= target << 32;
	if (opc == OP_SUBSI_X && op->d == op->n && op->d < 31 && bits(next, 3, 0) == 1)
		return (enum tb_emu_opc)(OP_SUBSI_BNE_XR0 + op->d); /* the loop idiom */
	return opc == OP_SUBSI_X ? OP_SUBSI_BCOND_X : OP_SUBSI_BCOND_W;
}
