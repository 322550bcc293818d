/*
 * jit_loop.c - the translator's loop mode, for a block that branches back
 * to its own start (a self-loop).  Beside the plain loop (every check in
 * every pass) the block gets a fast loop, entered when checks made once on
 * entry (each time the block is entered) hold for every pass:
 *
 * - Invariant accesses: a load or store whose address registers no
 *   instruction of the block writes (unsigned-offset or register-offset
 *   form) has one address in every pass, so its bounds check, and a
 *   store's code-page check, are made once on entry instead of per pass
 *   (within a block nothing translates new code or changes memory's size).
 * - A counted exit: a loop ending SUBS Xc, Xc, #1; B.NE start, where no other
 *   instruction writes Xc, runs until Xc reaches 0 or the budget ends.  Both
 *   are known on entry, so they become one stop value of Xc (e->jit_stop):
 *   a pass ends with one compare-and-branch instead of the guest's branch
 *   and the budget's, and passes run `unroll` at a time, without any
 *   branch between them, while at least that many are left (e->jit_stopu).
 *   Every guest instruction of every pass still executes; only the
 *   emulator's own bookkeeping (budget, lazy flag operand) is done once per
 *   group when no exit inside a pass can need it.
 *
 * The fast loop charges the budget (r12) per pass and keeps the flags lazy
 * as the plain one does, so any exit from it (the end, the stop, a fault or
 * a store into code from an access not hoisted) leaves exactly the state of
 * single-stepping.
 */
#include "emu_int.h"

#if defined(__x86_64__)

#include "jit_int.h"

/* the register slots instruction i writes, as bits */
static uint64_t writes(const struct tr *t, unsigned i)
{
	enum tb_emu_opc o = t->opc[i];
	const struct tb_emu_op *op = &t->op[i];
	struct alu a;
	uint64_t w = 0;
	if (tb_jit_alu_of(o, &a) || o == OP_MOVI || o == OP_MOVK_X || o == OP_MOVK_W || is_ld(o))
		w |= 1ull << op->d;
	if (is_ld(o) || is_st(o)) {
		unsigned mode = (o - (is_ld(o) ? OP_LD_B_UI : OP_ST_B_UI)) / 4;
		if (mode == LS_PRE || mode == LS_POST)
			w |= 1ull << op->n;
	}
	if (o == OP_BL || o == OP_BLR)
		w |= 1ull << 30;
	return w;
}

static bool loops_back(const struct tr *t)
{
	enum tb_emu_opc o = t->opc[t->n - 1];
	return (o == OP_B || o == OP_BCOND || in(o, OP_CBZ_X, OP_CBNZ_W)) &&
	       t->op[t->n - 1].imm == t->start;
}

bool tb_jit_loop_plan(struct tr *t)
{
	if (!loops_back(t))
		return false;
	uint64_t w = 0, others = 0;
	for (unsigned i = 0; i < t->n; i++) {
		w |= writes(t, i);
		if (i + 2 != t->n)
			others |= writes(t, i);
	}
	bool any = false;
	for (unsigned i = 0; i < t->n; i++) {
		enum tb_emu_opc o = t->opc[i];
		if (!is_ld(o) && !is_st(o))
			continue;
		const struct tb_emu_op *op = &t->op[i];
		unsigned mode = (o - (is_ld(o) ? OP_LD_B_UI : OP_ST_B_UI)) / 4;
		t->hoist[i] = (mode == LS_UI || mode == LS_REG) && !(w >> op->n & 1) &&
			      (mode != LS_REG || !(w >> op->m & 1));
		any |= t->hoist[i];
	}
	if (t->n >= 2) {
		const struct tb_emu_op *s = &t->op[t->n - 2];
		unsigned c = s->d;
		t->counted = t->opc[t->n - 1] == OP_BCOND && (t->word[t->n - 1] & 15) == 1 /* NE */ &&
			     t->opc[t->n - 2] == OP_SUBSI_X && s->n == c && c < 31 && s->imm == 1 &&
			     t->host[c] >= 0 && !(others >> c & 1);
	}
	t->exitless = true; /* no exit inside a pass of the fast loop */
	for (unsigned i = 0; i + 2 < t->n; i++)
		if ((is_ld(t->opc[i]) || is_st(t->opc[i])) && !t->hoist[i])
			t->exitless = false;
	/* the copies of the body stay within 2 * TB_JIT_MAXN instructions
	 * (MAXSTUB): `unroll` passes per group and one more for the rest.
	 * Up to 8 passes per group: the group's own compare, branch and budget
	 * charge cost a short store loop a quarter of a cycle per pass at 4
	 * (Zen 3: ADD + STR + SUBS 1.25 cycles per pass at 4, 1.06 at 8) */
	t->unroll = 8;
	while (t->unroll > 1 && t->n * (t->unroll + 1) > 2 * TB_JIT_MAXN)
		t->unroll /= 2;
	return any || t->counted;
}

/* the counted loop's stop value of its counter, with L = budget left
 * (r12 + n, at least n on entry) and P = L / n passes allowed: 0 when the
 * counter reaches 0 within P passes, else counter - P.  So the counter
 * stays at or above the stop value, and counter - stop is the number of
 * passes left.  A counter of 0 would wrap below its stop value: that loop
 * (2^64 passes) runs the plain way. */
static void stop_value(struct tr *t, unsigned hc, uint8_t **to_plain, unsigned *nto_plain)
{
	struct xbuf *b = &t->b;
	x_mov_load(b, true, RCX, xreg(R12));
	x_alu_imm(b, ALU_ADD, true, xreg(RCX), (int32_t)t->n); /* rcx = L */
	x_mov_load(b, true, RAX, xreg(hc));
	x_test(b, true, RAX, xreg(RAX));
	to_plain[(*nto_plain)++] = x_jcc(b, CC_E);
	x_alu(b, ALU_CMP, true, RAX, xreg(RCX));
	uint8_t *div1 = x_jcc(b, CC_A);
	x_imul_imm(b, RDX, RAX, (int32_t)t->n); /* no overflow: counter <= L <= 2^24 */
	x_alu(b, ALU_CMP, true, RDX, xreg(RCX));
	uint8_t *div2 = x_jcc(b, CC_A);
	x_alu(b, ALU_XOR, false, RDX, xreg(RDX));
	uint8_t *done = x_jmp(b);
	x_patch(b, div1, b->p);
	x_patch(b, div2, b->p);
	x_mov_load(b, true, RAX, xreg(RCX));
	x_alu(b, ALU_XOR, false, RDX, xreg(RDX));
	x_mov_imm(b, RCX, t->n);
	x_div(b, RCX);
	x_mov_load(b, true, RDX, xreg(hc));
	x_alu(b, ALU_SUB, true, RDX, xreg(RAX));
	x_patch(b, done, b->p);
	x_mov_store(b, true, xmem(RBX, OFF(jit_stop)), RDX);
	if (t->unroll > 1) { /* stop + unroll - 1, saturating */
		x_mov_load(b, true, RAX, xreg(RDX));
		x_alu_imm(b, ALU_ADD, true, xreg(RAX), (int32_t)t->unroll - 1);
		x_alu(b, ALU_SBB, true, RCX, xreg(RCX));
		x_alu(b, ALU_OR, true, RAX, xreg(RCX));
		x_mov_store(b, true, xmem(RBX, OFF(jit_stopu)), RAX);
	}
}

void tb_jit_loop_entry(struct tr *t, uint8_t **to_plain, unsigned *nto_plain)
{
	struct xbuf *b = &t->b;
	for (unsigned i = 0; i < t->n; i++) {
		if (!t->hoist[i])
			continue;
		enum tb_emu_opc o = t->opc[i];
		unsigned k = o - (is_ld(o) ? OP_LD_B_UI : OP_ST_B_UI);
		tb_jit_ea(t, &t->op[i], k / 4);
		tb_jit_bounds_test(t, k % 4);
		to_plain[(*nto_plain)++] = x_jcc(b, CC_A);
		if (is_st(o)) {
			tb_jit_codepage_test(t);
			to_plain[(*nto_plain)++] = x_jcc(b, CC_NE);
		}
	}
	if (t->counted)
		stop_value(t, (unsigned)t->host[t->op[t->n - 2].d], to_plain, nto_plain);
	t->to_fast = x_jmp(b);
}

/* one pass of a counted loop without its branch: the body, the SUBS, the
 * budget charged.  The SUBS's flags stay lazy: its operand goes to r13
 * where an exit inside a pass may need it; when the body has no exit the
 * fast loop's end sets r13 once, and charge = false leaves the budget to
 * one subtraction for a whole group. */
static void pass(struct tr *t, unsigned c, bool charge)
{
	struct xbuf *b = &t->b;
	unsigned hc = (unsigned)t->host[c];
	for (unsigned i = 0; i + 2 < t->n; i++)
		tb_jit_emit_insn(t, i);
	if (!t->exitless)
		x_mov_load(b, true, R13, xreg(hc));
	x_alu_imm(b, ALU_SUB, true, xreg(hc), 1);
	t->written[c] = true;
	t->fs = (struct fstate){F_SUB64, false, 1};
	if (charge || !t->exitless)
		x_alu_imm(b, ALU_SUB, true, xreg(R12), (int32_t)t->n);
	t->eflags = false;
}

static void head(struct tr *t)
{
	t->fs.kind = F_ENTRY; /* first pass: e->nzcv; later ones: t->loopfs */
	t->eflags = false;
}

void tb_jit_loop_fast(struct tr *t)
{
	struct xbuf *b = &t->b;
	x_patch(b, t->to_fast, b->p);
	t->fast = true;
	if (!t->counted) { /* the plain loop without the hoisted checks */
		t->head = b->p;
		head(t);
		for (unsigned i = 0; i < t->n; i++)
			tb_jit_emit_insn(t, i);
		return;
	}
	unsigned c = t->op[t->n - 2].d, hc = (unsigned)t->host[c];
	struct xl stop = xmem(RBX, OFF(jit_stop)), stopu = xmem(RBX, OFF(jit_stopu));
	uint8_t *to_rest = NULL;
	if (t->unroll > 1) { /* groups while the counter is above stop + unroll - 1 */
		x_alu(b, ALU_CMP, true, hc, stopu);
		to_rest = x_jcc(b, CC_BE);
		uint8_t *group = b->p;
		head(t);
		for (unsigned u = 0; u < t->unroll; u++)
			pass(t, c, false);
		if (t->exitless)
			x_alu_imm(b, ALU_SUB, true, xreg(R12), (int32_t)(t->n * t->unroll));
		x_alu(b, ALU_CMP, true, hc, stopu);
		x_patch(b, x_jcc(b, CC_A), group);
		x_patch(b, to_rest, b->p);
	}
	/* the rest, one pass at a time while the counter is above stop */
	x_alu(b, ALU_CMP, true, hc, stop);
	uint8_t *done = x_jcc(b, CC_BE);
	uint8_t *single = b->p;
	head(t);
	pass(t, c, true);
	x_alu(b, ALU_CMP, true, hc, stop);
	x_patch(b, x_jcc(b, CC_A), single);
	x_patch(b, done, b->p);
	/* at least one pass ran: the flags are its SUBS's (of r13 = counter + 1);
	 * the counter at 0 is the guest's exit, else the budget ended (pc = the
	 * start) */
	if (t->exitless)
		x_lea(b, R13, hc, 1);
	t->fs = (struct fstate){F_SUB64, false, 1};
	t->eflags = false;
	x_test(b, true, hc, xreg(hc));
	tb_jit_new_stub(t, TB_JIT_EXIT_NEXT, t->start + 4ull * t->n, 0)->fix[0] = x_jcc(b, CC_E);
	tb_jit_exit_inline(t, t->start, 0);
}

#endif
