/*
 * x86.h - a tiny x86-64 machine-code emitter for the translator (jit.c):
 * just the instruction forms it uses, written into a byte buffer.  An
 * operand "loc" is a register, [base + disp32] or [base + index + disp].
 * Only compiled into x86-64 builds.
 */
#ifndef TB_EMU_X86_H
#define TB_EMU_X86_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum { RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15 };
/* condition codes (low nibble of Jcc / SETcc) */
enum { CC_O, CC_NO, CC_B, CC_AE, CC_E, CC_NE, CC_BE, CC_A, CC_S, CC_NS, CC_P, CC_NP,
       CC_L, CC_GE, CC_LE, CC_G };
/* group-1 ALU ops: the /ext of 81 /ext; "op r, r/m" opcode is ext * 8 + 3 */
enum { ALU_ADD = 0, ALU_OR = 1, ALU_SBB = 3, ALU_AND = 4, ALU_SUB = 5, ALU_XOR = 6, ALU_CMP = 7 };
/* group-2 shifts: /ext of C1 */
enum { SH_ROR = 1, SH_SHL = 4, SH_SHR = 5, SH_SAR = 7 };

struct xbuf {
	uint8_t *p, *end;
	bool full;
};

struct xl {
	uint8_t kind; /* XL_REG, XL_MEM, XL_SIB */
	uint8_t base, index;
	int32_t disp;
};
enum { XL_REG, XL_MEM, XL_SIB };

static inline struct xl xreg(unsigned r) { return (struct xl){XL_REG, (uint8_t)r, 0, 0}; }
static inline struct xl xmem(unsigned base, int32_t disp)
{
	return (struct xl){XL_MEM, (uint8_t)base, 0, disp};
}
static inline struct xl xsib(unsigned base, unsigned index)
{
	return (struct xl){XL_SIB, (uint8_t)base, (uint8_t)index, 0};
}
static inline struct xl xsibd(unsigned base, unsigned index, int32_t disp)
{
	return (struct xl){XL_SIB, (uint8_t)base, (uint8_t)index, disp};
}

static inline void x_byte(struct xbuf *b, unsigned v)
{
	if (b->p < b->end)
		*b->p++ = (uint8_t)v;
	else
		b->full = true;
}
static inline void x_u32(struct xbuf *b, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		x_byte(b, v >> (8 * i));
}

/* prefix/REX/opcode/ModRM/SIB/disp for "opcode reg, rm"; byteop: an 8-bit
 * register operand (forces REX so that SPL..DIL are reachable); p66:
 * operand-size prefix (16-bit) */
static inline void x_op(struct xbuf *b, bool w, bool byteop, bool p66, const char *opc,
			unsigned oplen, unsigned reg, struct xl rm)
{
	unsigned rex = 0x40 | (unsigned)w << 3 | ((reg >> 3) & 1) << 2 | ((rm.base >> 3) & 1);
	if (rm.kind == XL_SIB)
		rex |= ((rm.index >> 3) & 1) << 1;
	if (p66)
		x_byte(b, 0x66);
	if (rex != 0x40 || (byteop && (reg >= 4 || (rm.kind == XL_REG && rm.base >= 4))))
		x_byte(b, rex);
	for (unsigned i = 0; i < oplen; i++)
		x_byte(b, (uint8_t)opc[i]);
	unsigned r = (reg & 7) << 3;
	if (rm.kind == XL_REG) {
		x_byte(b, 0xc0 | r | (rm.base & 7));
	} else if (rm.kind == XL_MEM) { /* [base + disp32]; base never RSP/R12 here */
		x_byte(b, 0x80 | r | (rm.base & 7));
		x_u32(b, (uint32_t)rm.disp);
	} else { /* [base + index + disp]; rbp/r13 as base need a disp8 even of 0 */
		bool d8 = rm.disp >= -128 && rm.disp <= 127;
		unsigned mod = rm.disp == 0 && (rm.base & 7) != 5 ? 0x00 : d8 ? 0x40 : 0x80;
		x_byte(b, mod | 0x04 | r);
		x_byte(b, (rm.index & 7) << 3 | (rm.base & 7));
		if (mod == 0x40)
			x_byte(b, (uint8_t)rm.disp);
		else if (mod == 0x80)
			x_u32(b, (uint32_t)rm.disp);
	}
}

#define X_OP1(b, w, opc, reg, rm) x_op(b, w, false, false, opc, 1, reg, rm)

/* op reg, rm (ADD/OR/AND/SUB/XOR/CMP) */
static inline void x_alu(struct xbuf *b, unsigned alu, bool w, unsigned reg, struct xl rm)
{
	char opc = (char)(alu * 8 + 3);
	x_op(b, w, false, false, &opc, 1, reg, rm);
}
static inline void x_alu_imm(struct xbuf *b, unsigned alu, bool w, struct xl rm, int32_t imm)
{
	if (imm >= -128 && imm <= 127) {
		x_op(b, w, false, false, "\x83", 1, alu, rm);
		x_byte(b, (uint8_t)imm);
	} else {
		x_op(b, w, false, false, "\x81", 1, alu, rm);
		x_u32(b, (uint32_t)imm);
	}
}
static inline void x_test(struct xbuf *b, bool w, unsigned reg, struct xl rm)
{
	X_OP1(b, w, "\x85", reg, rm);
}
static inline void x_mov_load(struct xbuf *b, bool w, unsigned reg, struct xl rm)
{
	if (rm.kind == XL_REG && rm.base == reg && w)
		return;
	X_OP1(b, w, "\x8b", reg, rm);
}
static inline void x_mov_store(struct xbuf *b, bool w, struct xl rm, unsigned reg)
{
	if (rm.kind == XL_REG && rm.base == reg && w)
		return;
	X_OP1(b, w, "\x89", reg, rm);
}
/* store the low 1, 2, 4 or 8 bytes of reg */
static inline void x_store_sz(struct xbuf *b, unsigned size, struct xl rm, unsigned reg)
{
	if (size == 1)
		x_op(b, false, true, false, "\x88", 1, reg, rm);
	else
		x_op(b, size == 8, false, size == 2, "\x89", 1, reg, rm);
}
/* zero-extending load of 1, 2, 4 or 8 bytes */
static inline void x_load_sz(struct xbuf *b, unsigned size, unsigned reg, struct xl rm)
{
	if (size == 1)
		x_op(b, false, false, false, "\x0f\xb6", 2, reg, rm);
	else if (size == 2)
		x_op(b, false, false, false, "\x0f\xb7", 2, reg, rm);
	else
		X_OP1(b, size == 8, "\x8b", reg, rm);
}
static inline void x_movsxd(struct xbuf *b, unsigned reg, struct xl rm)
{
	X_OP1(b, true, "\x63", reg, rm);
}
static inline void x_lea(struct xbuf *b, unsigned reg, unsigned base, int32_t disp)
{
	X_OP1(b, true, "\x8d", reg, xmem(base, disp));
}
static inline void x_shift(struct xbuf *b, unsigned sh, bool w, unsigned reg, unsigned amount)
{
	X_OP1(b, w, "\xc1", sh, xreg(reg));
	x_byte(b, amount);
}
static inline void x_not(struct xbuf *b, bool w, unsigned reg) { X_OP1(b, w, "\xf7", 2, xreg(reg)); }
/* dst = src * imm (64-bit) */
static inline void x_imul_imm(struct xbuf *b, unsigned dst, unsigned src, int32_t imm)
{
	X_OP1(b, true, "\x69", dst, xreg(src));
	x_u32(b, (uint32_t)imm);
}
/* rax = rdx:rax / reg, rdx = the remainder (unsigned, 64-bit) */
static inline void x_div(struct xbuf *b, unsigned reg) { X_OP1(b, true, "\xf7", 6, xreg(reg)); }
static inline void x_movzx8(struct xbuf *b, unsigned dst, unsigned src)
{
	x_op(b, false, true, false, "\x0f\xb6", 2, dst, xreg(src));
}
static inline void x_setcc(struct xbuf *b, unsigned cc, unsigned reg)
{
	char opc[2] = {0x0f, (char)(0x90 + cc)};
	x_op(b, false, true, false, opc, 2, 0, xreg(reg));
}
/* bt rm32, reg32: CF = bit reg of rm */
static inline void x_bt(struct xbuf *b, unsigned rm, unsigned reg)
{
	x_op(b, false, false, false, "\x0f\xa3", 2, reg, xreg(rm));
}
/* reg = imm (64-bit), shortest form; does not touch the flags */
static inline void x_mov_imm(struct xbuf *b, unsigned reg, uint64_t imm)
{
	if (imm <= 0xffffffffu) {
		if (reg >= 8)
			x_byte(b, 0x41);
		x_byte(b, 0xb8 + (reg & 7));
		x_u32(b, (uint32_t)imm);
	} else if ((int64_t)imm == (int32_t)imm) {
		X_OP1(b, true, "\xc7", 0, xreg(reg));
		x_u32(b, (uint32_t)imm);
	} else {
		x_byte(b, 0x48 | (reg >> 3));
		x_byte(b, 0xb8 + (reg & 7));
		x_u32(b, (uint32_t)imm);
		x_u32(b, (uint32_t)(imm >> 32));
	}
}
static inline void x_push(struct xbuf *b, unsigned reg)
{
	if (reg >= 8)
		x_byte(b, 0x41);
	x_byte(b, 0x50 + (reg & 7));
}
static inline void x_pop(struct xbuf *b, unsigned reg)
{
	if (reg >= 8)
		x_byte(b, 0x41);
	x_byte(b, 0x58 + (reg & 7));
}
/* jumps with a rel32 to patch later: return the offset of the rel32 */
static inline uint8_t *x_jcc(struct xbuf *b, unsigned cc)
{
	x_byte(b, 0x0f);
	x_byte(b, 0x80 + cc);
	uint8_t *at = b->p;
	x_u32(b, 0);
	return at;
}
static inline uint8_t *x_jmp(struct xbuf *b)
{
	x_byte(b, 0xe9);
	uint8_t *at = b->p;
	x_u32(b, 0);
	return at;
}
/* point the rel32 at 'at' to 'target' */
static inline void x_patch(struct xbuf *b, uint8_t *at, const uint8_t *target)
{
	if (b->full)
		return;
	int32_t rel = (int32_t)(target - (at + 4));
	memcpy(at, &rel, 4);
}

#endif
