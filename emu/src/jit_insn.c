/*
 * jit_insn.c - the translator's instructions: each translated A64
 * instruction of a block (add/sub, logical, move wide, loads and stores,
 * branches) as x86-64 code, in the register and flag state of jit_int.h.
 * Loads and stores check bounds and (stores) the code-page map unless the
 * loop mode (jit_loop.c) proved them safe for the whole loop (t->hoist).
 */
#include "emu_int.h"

#if defined(__x86_64__)

#include "jit_int.h"


bool tb_jit_alu_of(enum tb_emu_opc o, struct alu *a)
{
#define A(name, op_, breg_, inv_, fk_)                                                   \
	case OP_##name##_X: *a = (struct alu){op_, true, breg_, inv_, fk_}; return true;   \
	case OP_##name##_W: *a = (struct alu){op_, false, breg_, inv_, fk_}; return true;
	switch (o) {
	A(ADDI, ALU_ADD, 0, 0, F_MAT) A(SUBI, ALU_SUB, 0, 0, F_MAT)
	A(ADDSI, ALU_ADD, 0, 0, F_ADD64) A(SUBSI, ALU_SUB, 0, 0, F_SUB64)
	A(ADDR, ALU_ADD, 1, 0, F_MAT) A(SUBR, ALU_SUB, 1, 0, F_MAT)
	A(ADDSR, ALU_ADD, 1, 0, F_ADD64) A(SUBSR, ALU_SUB, 1, 0, F_SUB64)
	A(ANDI, ALU_AND, 0, 0, F_MAT) A(ORRI, ALU_OR, 0, 0, F_MAT) A(EORI, ALU_XOR, 0, 0, F_MAT)
	A(ANDSI, ALU_AND, 0, 0, F_LOG64)
	A(ANDR, ALU_AND, 1, 0, F_MAT) A(ORRR, ALU_OR, 1, 0, F_MAT) A(EORR, ALU_XOR, 1, 0, F_MAT)
	A(ANDSR, ALU_AND, 1, 0, F_LOG64)
	A(BICR, ALU_AND, 1, 1, F_MAT) A(ORNR, ALU_OR, 1, 1, F_MAT) A(EONR, ALU_XOR, 1, 1, F_MAT)
	A(BICSR, ALU_AND, 1, 1, F_LOG64)
	default: return false;
	}
#undef A
}

void tb_jit_emit_alu(struct tr *t, const struct tb_emu_op *op, struct alu a)
{
	static const uint8_t shifts[4] = {SH_SHL, SH_SHR, SH_SAR, SH_ROR};
	struct xbuf *b = &t->b;
	bool sink = op->d == R_SINK, bimm = false;
	struct xl bl = xreg(RCX);
	int32_t imm = 0;
	if (a.breg) {
		unsigned amount = op->s & 63;
		if (amount || a.inv) {
			x_mov_load(b, a.w, RCX, loc(t, op->m));
			if (amount)
				x_shift(b, shifts[op->s >> 6], a.w, RCX, amount);
			if (a.inv)
				x_not(b, a.w, RCX);
		} else {
			bl = loc(t, op->m);
		}
	} else if (!a.w || (int64_t)op->imm == (int32_t)op->imm) {
		bimm = true;
		imm = (int32_t)(uint32_t)op->imm;
	} else {
		x_mov_imm(b, RCX, op->imm);
	}
	int hd = sink ? -1 : t->host[op->d];
	unsigned w = RAX;
	if (hd >= 0 && !(bl.kind == XL_REG && bl.base == hd && !bimm && op->n != op->d))
		w = (unsigned)hd;
	x_mov_load(b, true, w, loc(t, op->n));
	if (a.fk == F_SUB64 || a.fk == F_ADD64) {
		x_mov_load(b, true, R13, xreg(w));
		if (!bimm)
			x_mov_load(b, true, R14, bl);
	}
	if (bimm)
		x_alu_imm(b, a.op, a.w, xreg(w), imm);
	else
		x_alu(b, a.op, a.w, w, bl);
	if (a.fk == F_LOG64)
		x_mov_load(b, true, R13, xreg(w));
	if (!sink && (int)w != hd) {
		x_mov_store(b, true, loc(t, op->d), w);
	}
	if (!sink)
		t->written[op->d] = true;
	if (a.fk != F_MAT) {
		t->fs = (struct fstate){(uint8_t)(a.fk + !a.w), !bimm && a.fk != F_LOG64, (uint32_t)imm};
		t->eflags = true;
	}
}

void tb_jit_emit_movk(struct tr *t, const struct tb_emu_op *op, bool w)
{
	struct xbuf *b = &t->b;
	uint64_t keep = ~(0xffffull << op->s);
	x_mov_load(b, true, RAX, loc(t, op->d));
	if (w) {
		x_mov_imm(b, RCX, keep);
		x_alu(b, ALU_AND, true, RAX, xreg(RCX));
		x_mov_imm(b, RCX, op->imm);
		x_alu(b, ALU_OR, true, RAX, xreg(RCX));
	} else {
		x_alu_imm(b, ALU_AND, false, xreg(RAX), (int32_t)(uint32_t)keep);
		x_alu_imm(b, ALU_OR, false, xreg(RAX), (int32_t)(uint32_t)op->imm);
	}
	x_mov_store(b, true, loc(t, op->d), RAX);
	t->written[op->d] = true;
}

void tb_jit_set_reg_imm(struct tr *t, unsigned slot, uint64_t v)
{
	if (t->host[slot] >= 0) {
		x_mov_imm(&t->b, (unsigned)t->host[slot], v);
	} else {
		x_mov_imm(&t->b, RAX, v);
		x_mov_store(&t->b, true, loc(t, slot), RAX);
	}
	t->written[slot] = true;
}

/* rax = the address of load/store op before any writeback (mode UI, PRE,
 * POST or REG); clobbers rcx */
void tb_jit_ea(struct tr *t, const struct tb_emu_op *op, unsigned mode)
{
	struct xbuf *b = &t->b;
	x_mov_load(b, true, RAX, loc(t, op->n));
	if ((mode == LS_UI || mode == LS_PRE) && op->imm)
		x_alu_imm(b, ALU_ADD, true, xreg(RAX), (int32_t)op->imm);
	if (mode == LS_REG) {
		unsigned opt = op->s >> 4, amount = op->s & 7;
		if (opt == 2)
			x_mov_load(b, false, RCX, loc(t, op->m));
		else if (opt == 6)
			x_movsxd(b, RCX, loc(t, op->m));
		else
			x_mov_load(b, true, RCX, loc(t, op->m));
		if (amount)
			x_shift(b, SH_SHL, true, RCX, amount);
		x_alu(b, ALU_ADD, true, RAX, xreg(RCX));
	}
}

/* host flags "above" when an access of 1 << lsz bytes at rax leaves memory */
void tb_jit_bounds_test(struct tr *t, unsigned lsz)
{
	uint64_t lim = t->e->mem_size - (1u << lsz); /* the last address it may start at */
	if (lim <= INT32_MAX)
		x_alu_imm(&t->b, ALU_CMP, true, xreg(RAX), (int32_t)lim);
	else
		x_alu(&t->b, ALU_CMP, true, RAX, xmem(RBX, OFF(lim[lsz])));
}

/* host flags "not equal" when the address in rax is in a page holding code
 * (clobbers rcx rdx).  The map marks the page before code too, so the page
 * of the first byte tells for both pages an access of up to 8 bytes touches. */
void tb_jit_codepage_test(struct tr *t)
{
	struct xbuf *b = &t->b;
	x_mov_imm(b, RDX, (uint64_t)(uintptr_t)t->e->codepage);
	x_mov_load(b, true, RCX, xreg(RAX));
	x_shift(b, SH_SHR, true, RCX, TB_EMU_PAGE_SHIFT);
	x_op(b, false, false, false, "\x80", 1, 7, xsib(RDX, RCX)); /* cmp byte [rdx+rcx], 0 */
	x_byte(b, 0);
}

void tb_jit_emit_ldst(struct tr *t, unsigned i, bool ld)
{
	struct xbuf *b = &t->b;
	const struct tb_emu_op *op = &t->op[i];
	unsigned k = t->opc[i] - (ld ? OP_LD_B_UI : OP_ST_B_UI), mode = k / 4, lsz = k % 4;
	unsigned size = 1u << lsz;
	uint64_t pc = t->start + 4ull * i;
	bool safe = t->fast && t->hoist[i]; /* checked once before the loop */
	struct xl at = xsib(RBP, RAX);
	if (safe && mode == LS_UI && t->host[op->n] >= 0) {
		at = xsibd(RBP, (unsigned)t->host[op->n], (int32_t)op->imm);
	} else {
		tb_jit_ea(t, op, mode);
	}
	if (!safe) {
		tb_jit_bounds_test(t, lsz);
		tb_jit_new_stub(t, TB_JIT_EXIT_STEP, pc, i)->fix[0] = x_jcc(b, CC_A);
	}
	bool wb = mode == LS_PRE || mode == LS_POST;
	int hd = op->d == R_SINK ? -1 : t->host[op->d];
	unsigned v = RDX;
	if (ld) {
		if (!wb && hd >= 0)
			v = (unsigned)hd;
		x_load_sz(b, size, v, at);
	} else {
		if (hd >= 0)
			v = (unsigned)hd;
		else
			x_mov_load(b, true, RDX, loc(t, op->d));
		x_store_sz(b, size, at, v);
	}
	if (mode == LS_PRE) {
		x_mov_store(b, true, loc(t, op->n), RAX);
	} else if (mode == LS_POST) {
		x_lea(b, RCX, RAX, (int32_t)op->imm);
		x_mov_store(b, true, loc(t, op->n), RCX);
	}
	if (wb)
		t->written[op->n] = true;
	if (ld && op->d != R_SINK) {
		if ((int)v != hd)
			x_mov_store(b, true, loc(t, op->d), v);
		t->written[op->d] = true;
	}
	if (ld || safe)
		return;
	/* a store into a page holding code: leave after it, to invalidate */
	struct stub *s = tb_jit_new_stub(t, TB_JIT_EXIT_SMC, pc + 4, i + 1);
	s->size = (uint8_t)size;
	tb_jit_codepage_test(t);
	s->fix[0] = x_jcc(b, CC_NE);
}

void tb_jit_emit_branch(struct tr *t, unsigned i)
{
	struct xbuf *b = &t->b;
	const struct tb_emu_op *op = &t->op[i];
	enum tb_emu_opc o = t->opc[i];
	uint64_t pc = t->start + 4ull * i, next = pc + 4;
	switch (o) {
	case OP_BL:
		tb_jit_set_reg_imm(t, 30, next);
		/* fall through */
	case OP_B:
		tb_jit_goto(t, op->imm);
		return;
	case OP_BR:
	case OP_BLR: {
		x_mov_load(b, true, RAX, loc(t, op->n));
		if (o == OP_BLR) {
			if (t->host[30] >= 0) {
				x_mov_imm(b, (unsigned)t->host[30], next);
			} else {
				x_mov_imm(b, RCX, next);
				x_mov_store(b, true, loc(t, 30), RCX);
			}
			t->written[30] = true;
		}
		struct stub s = {.reason = TB_JIT_EXIT_NEXT, .pc_rax = true, .count = t->n, .fs = t->fs};
		tb_jit_emit_stub(t, &s);
		return;
	}
	case OP_CBZ_X: case OP_CBZ_W: case OP_CBNZ_X: case OP_CBNZ_W: {
		bool w = o == OP_CBZ_X || o == OP_CBNZ_X;
		if (t->host[op->n] >= 0)
			x_test(b, w, (unsigned)t->host[op->n], loc(t, op->n));
		else
			x_alu_imm(b, ALU_CMP, w, loc(t, op->n), 0);
		tb_jit_two_way(t, o == OP_CBZ_X || o == OP_CBZ_W ? CC_E : CC_NE, op->imm, next);
		return;
	}
	default: /* OP_BCOND */
		break;
	}
	unsigned cond = t->word[i] & 15;
	if (cond >= 14) {
		tb_jit_goto(t, op->imm);
		return;
	}
	if (lazy(t->fs)) {
		int cc = tb_jit_cond_cc(t->fs, cond);
		if (cc >= 0) {
			if (!t->eflags)
				tb_jit_setflags(t, t->fs);
			tb_jit_two_way(t, (unsigned)cc, op->imm, next);
			return;
		}
		tb_jit_materialize(t, t->fs);
		t->fs.kind = F_MAT;
	}
	x_mov_load(b, false, RAX, xmem(RBX, OFF(nzcv)));
	x_mov_imm(b, RCX, op->mask);
	x_bt(b, RCX, RAX);
	tb_jit_two_way(t, CC_B, op->imm, next);
}

#endif
