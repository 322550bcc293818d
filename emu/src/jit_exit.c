/*
 * jit_exit.c - the translator's lazy flags (recomputing host flags, writing
 * e->nzcv, guest conditions as host condition codes) and its exits: stubs
 * that store the state and return to the driver, two-way branches and the
 * loop back to a block's own start (see jit.c for the design).
 */
#include "emu_int.h"

#if defined(__x86_64__)

#include "jit_int.h"

/* ---- flags ---- */

/* host flags = the guest flags of lazy state f */
void tb_jit_setflags(struct tr *t, struct fstate f)
{
	bool w = wide(f);
	struct xbuf *b = &t->b;
	switch (f.kind) {
	case F_SUB64: case F_SUB32:
		if (f.breg)
			x_alu(b, ALU_CMP, w, R13, xreg(R14));
		else
			x_alu_imm(b, ALU_CMP, w, xreg(R13), (int32_t)f.imm);
		break;
	case F_ADD64: case F_ADD32:
		x_mov_load(b, true, RAX, xreg(R13));
		if (f.breg)
			x_alu(b, ALU_ADD, w, RAX, xreg(R14));
		else
			x_alu_imm(b, ALU_ADD, w, xreg(RAX), (int32_t)f.imm);
		break;
	default:
		x_test(b, w, R13, xreg(R13));
		break;
	}
}

/* e->nzcv = the flags of lazy state f (clobbers rax rcx rdx r13) */
void tb_jit_materialize(struct tr *t, struct fstate f)
{
	struct xbuf *b = &t->b;
	tb_jit_setflags(t, f);
	bool sub = f.kind == F_SUB64 || f.kind == F_SUB32;
	x_setcc(b, sub ? CC_AE : CC_B, RCX); /* C: ARM's carry is x86's inverted borrow */
	x_setcc(b, CC_O, RAX);
	x_setcc(b, CC_E, RDX);
	x_setcc(b, CC_S, R13);
	x_movzx8(b, RAX, RAX);
	x_movzx8(b, RCX, RCX);
	x_movzx8(b, RDX, RDX);
	x_movzx8(b, R13, R13);
	x_shift(b, SH_SHL, false, RCX, 1);
	x_shift(b, SH_SHL, false, RDX, 2);
	x_shift(b, SH_SHL, false, R13, 3);
	x_alu(b, ALU_OR, false, RAX, xreg(RCX));
	x_alu(b, ALU_OR, false, RAX, xreg(RDX));
	x_alu(b, ALU_OR, false, RAX, xreg(R13));
	x_mov_store(b, false, xmem(RBX, OFF(nzcv)), RAX);
}

/* the host condition code for guest cond after lazy kind, -1 if none */
int tb_jit_cond_cc(struct fstate f, unsigned cond)
{
	bool sub = f.kind == F_SUB64 || f.kind == F_SUB32;
	static const int8_t common[14] = {CC_E, CC_NE, -1, -1, CC_S, CC_NS, CC_O, CC_NO,
					  -1, -1, CC_GE, CC_L, CC_G, CC_LE};
	switch (cond) {
	case 2: return sub ? CC_AE : CC_B;
	case 3: return sub ? CC_B : CC_AE;
	case 8: return sub ? CC_A : -1;
	case 9: return sub ? CC_BE : -1;
	default: return common[cond];
	}
}

/* ---- exits ---- */

struct stub *tb_jit_new_stub(struct tr *t, uint8_t reason, uint64_t pc, unsigned count)
{
	if (t->nstub == MAXSTUB) { /* cannot happen: at most 3 per instruction */
		t->b.full = true;
		return &t->stub[0];
	}
	struct stub *s = &t->stub[t->nstub++];
	*s = (struct stub){.reason = reason, .pc = pc, .count = count, .fs = t->fs};
	return s;
}

void tb_jit_emit_stub(struct tr *t, const struct stub *s)
{
	struct xbuf *b = &t->b;
	if (s->reason == TB_JIT_EXIT_SMC) {
		x_mov_store(b, true, xmem(RBX, OFF(jit_inv_addr)), RAX);
		x_mov_imm(b, RCX, s->size);
		x_mov_store(b, true, xmem(RBX, OFF(jit_inv_len)), RCX);
	}
	if (!s->pc_rax)
		x_mov_imm(b, RAX, s->pc);
	x_mov_store(b, true, xmem(RBX, OFF(pc)), RAX);
	if (s->fs.kind == F_ENTRY && lazy(t->loopfs)) {
		x_mov_load(b, true, RAX, xreg(R12));
		x_alu_imm(b, ALU_ADD, true, xreg(RAX), (int32_t)t->n);
		x_alu(b, ALU_CMP, true, RAX, xmem(RBX, OFF(jit_left)));
		uint8_t *first = x_jcc(b, CC_E); /* first pass: e->nzcv is current */
		tb_jit_materialize(t, t->loopfs);
		x_patch(b, first, b->p);
	} else if (lazy(s->fs)) {
		tb_jit_materialize(t, s->fs);
	}
	if (s->count)
		x_alu_imm(b, ALU_SUB, true, xreg(R12), (int32_t)s->count);
	if (s->reason == TB_JIT_EXIT_NEXT && !s->pc_rax && s->pc != t->start) {
		/* chainable: store the state here, then jump on; the jump first
		 * goes to a return that asks the driver to point it at the
		 * target block's chain entry (jit_run.c) */
		tb_jit_store_state(t);
		uint8_t *rel = x_jmp(b);
		x_patch(b, rel, b->p);
		x_mov_imm(b, RAX, (uint64_t)(uintptr_t)rel);
		x_mov_store(b, true, xmem(RBX, OFF(jit_chain)), RAX);
		x_mov_imm(b, RAX, TB_JIT_EXIT_NEXT);
		if (t->nret < sizeof(t->ret_fix) / sizeof(t->ret_fix[0]))
			t->ret_fix[t->nret++] = x_jmp(b);
		else
			b->full = true;
		return;
	}
	x_mov_imm(b, RAX, s->reason);
	if (t->nepi < sizeof(t->epi_fix) / sizeof(t->epi_fix[0]))
		t->epi_fix[t->nepi++] = x_jmp(b);
	else
		b->full = true;
}

/* the guest registers held in host registers back to e->r[], the budget
 * back to e->jit_left */
void tb_jit_store_state(struct tr *t)
{
	struct xbuf *b = &t->b;
	for (unsigned s = 0; s < R_COUNT; s++)
		if (t->host[s] >= 0 && t->written[s])
			x_mov_store(b, true, xmem(RBX, OFF_R(s)), (unsigned)t->host[s]);
	x_alu_imm(b, ALU_ADD, true, xreg(R12), (int32_t)t->n);
	x_mov_store(b, true, xmem(RBX, OFF(jit_left)), R12);
}

/* leave here for guest pc after count instructions */
void tb_jit_exit_inline(struct tr *t, uint64_t pc, unsigned count)
{
	struct stub s = {.reason = TB_JIT_EXIT_NEXT, .pc = pc, .count = count, .fs = t->fs};
	tb_jit_emit_stub(t, &s);
}

/* a jump to the block's start: charge one pass, go round while the budget
 * covers another */
static void loop_back(struct tr *t)
{
	struct xbuf *b = &t->b;
	if (t->live_in && lazy(t->fs)) {
		tb_jit_materialize(t, t->fs);
		t->fs.kind = F_MAT;
	}
	t->loopfs = t->fs;
	/* r12 holds the budget left minus one pass (the prologue subtracted n,
	 * the epilogue adds it back): no borrow = another pass fits */
	x_alu_imm(b, ALU_SUB, true, xreg(R12), (int32_t)t->n);
	x_patch(b, x_jcc(b, CC_AE), t->head);
	tb_jit_exit_inline(t, t->start, 0);
}

void tb_jit_goto(struct tr *t, uint64_t target)
{
	if (target == t->start)
		loop_back(t);
	else
		tb_jit_exit_inline(t, target, t->n);
}

/* if host condition cc then target else fall through to next */
void tb_jit_two_way(struct tr *t, unsigned cc, uint64_t target, uint64_t next)
{
	if (target == t->start) {
		tb_jit_new_stub(t, TB_JIT_EXIT_NEXT, next, t->n)->fix[0] = x_jcc(&t->b, cc ^ 1);
		loop_back(t);
	} else if (next == t->start) {
		tb_jit_new_stub(t, TB_JIT_EXIT_NEXT, target, t->n)->fix[0] = x_jcc(&t->b, cc);
		loop_back(t);
	} else {
		tb_jit_new_stub(t, TB_JIT_EXIT_NEXT, target, t->n)->fix[0] = x_jcc(&t->b, cc);
		tb_jit_exit_inline(t, next, t->n);
	}
}


#endif
