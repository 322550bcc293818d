/*
 * jit.c - the translator tier: one guest basic block (up to TB_JIT_MAXN
 * straight-line instructions ending at the first branch, or before the first
 * instruction it does not translate: SVC, HLT, undefined) to x86-64 code.
 * This file assembles the block: decoding, register allocation, prologue,
 * body, exits, epilogue; the instructions are jit_insn.c's.
 *
 * A block is a function int fn(struct tb_emu *e).  Its prologue loads the
 * most used guest registers (up to 7) into host registers; the code then
 * works on those (the others stay in e->r[]); every exit stores the written
 * ones back.  A branch back to the block's own start loops inside the code
 * without leaving it (registers stay in host registers), charging the
 * block's length to the budget (r12) and leaving when less than one more
 * pass is left, so the interpreter can finish the budget exactly.  Blocks
 * are entered only when the budget covers them (jit_run.c), so the budget
 * stays exact.  An exit to a fixed PC stores the state and jumps on; the
 * driver points that jump at the target block's chain entry (after the
 * prologue's pushes), which checks the budget again before loading its
 * registers.  A self-loop may also get a fast loop beside the plain one
 * (jit_loop.c: checks hoisted out of the loop, a counted exit, unrolling).
 *
 * NZCV is lazy: a flag-setting instruction keeps its operands in r13/r14 (its
 * kind is known at translation time); a B.cond right after it branches on
 * the host's own flags, later ones recompute them (cmp/add/test); exits write
 * e->nzcv.  At a stub reached before the block's first flag write the state
 * is either the entry NZCV (first pass) or the loop's last writer (later
 * passes): r12 below its entry value tells which.
 *
 * Loads and stores check bounds against e->lim[]; a fault leaves by a stub
 * that stores the state before the faulting instruction (not counted) and
 * asks the driver to single-step it in the interpreter, which reports the
 * exact fault.  A store into a page holding code leaves right after the
 * store (counted) so the driver invalidates what it overwrote.
 *
 * Host registers: rbx = e, rbp = guest memory, r12 = budget left minus
 * the block's length (so the loop back is one sub + jae), r13/r14
 * = lazy flag operands, rax/rcx/rdx scratch, rsi rdi r8-r11 r15 guest.
 * Flags and exits are in jit_exit.c, the driver and code cache in jit_run.c.
 */
#include "emu_int.h"

#if defined(__x86_64__)

#include "jit_int.h"

static const uint8_t pool[] = {RSI, RDI, R8, R9, R10, R11, R15};
#define NPOOL (sizeof(pool) / sizeof(pool[0]))

static bool translatable(enum tb_emu_opc o)
{
	struct alu a;
	return o == OP_NOP || o == OP_MOVI || o == OP_MOVK_X || o == OP_MOVK_W || tb_jit_alu_of(o, &a) ||
	       is_ld(o) || is_st(o) || is_branch(o);
}

/* choose the host registers: the most used guest registers of the block */
static void allocate(struct tr *t)
{
	unsigned uses[R_COUNT] = {0};
	for (unsigned i = 0; i < t->n; i++) {
		enum tb_emu_opc o = t->opc[i];
		const struct tb_emu_op *op = &t->op[i];
		struct alu a = {0};
		if (o == OP_BL || o == OP_BLR)
			uses[30]++;
		if (o == OP_MOVI || o == OP_MOVK_X || o == OP_MOVK_W)
			uses[op->d]++;
		if (tb_jit_alu_of(o, &a) || is_ld(o) || is_st(o)) {
			uses[op->d]++;
			uses[op->n]++;
			if (a.breg || (is_ld(o) && o >= OP_LD_B_REG) || (is_st(o) && o >= OP_ST_B_REG))
				uses[op->m]++;
		}
		if (o == OP_BR || o == OP_BLR || in(o, OP_CBZ_X, OP_CBNZ_W))
			uses[op->n]++;
	}
	uses[R_ZR] = uses[R_SINK] = 0;
	memset(t->host, -1, sizeof(t->host));
	for (unsigned p = 0; p < NPOOL; p++) {
		unsigned best = R_COUNT;
		for (unsigned s = 0; s < R_COUNT; s++)
			if (uses[s] && t->host[s] < 0 && (best == R_COUNT || uses[s] > uses[best]))
				best = s;
		if (best == R_COUNT)
			break;
		t->host[best] = (int8_t)pool[p];
		uses[best] = 0;
	}
}

void tb_jit_emit_insn(struct tr *t, unsigned i)
{
	enum tb_emu_opc o = t->opc[i];
	const struct tb_emu_op *op = &t->op[i];
	struct alu a;
	bool eflags = t->eflags;
	t->eflags = false;
	if (tb_jit_alu_of(o, &a)) {
		tb_jit_emit_alu(t, op, a);
	} else if (o == OP_MOVI && op->d != R_SINK) {
		tb_jit_set_reg_imm(t, op->d, op->imm);
	} else if ((o == OP_MOVK_X || o == OP_MOVK_W) && op->d != R_SINK) {
		tb_jit_emit_movk(t, op, o == OP_MOVK_X);
	} else if (is_ld(o) || is_st(o)) {
		tb_jit_emit_ldst(t, i, is_ld(o));
	} else if (is_branch(o)) {
		t->eflags = eflags;
		tb_jit_emit_branch(t, i);
	}
}

size_t tb_emu_jit_translate(struct tb_emu *e, uint64_t pc, uint8_t *out, size_t cap, unsigned *n,
			    size_t *chain)
{
	struct tr tloc;
	struct tr *t = &tloc;
	memset(t, 0, offsetof(struct tr, stub));
	t->e = e;
	t->start = pc;
	for (uint64_t a = pc; t->n < TB_JIT_MAXN && a + 4 <= e->mem_size; a += 4) {
		struct tb_emu_op op;
		enum tb_emu_opc o = tb_emu_decode_one(e, a / 4, &op);
		if (!translatable(o))
			break;
		t->op[t->n] = op;
		t->opc[t->n] = o;
		memcpy(&t->word[t->n], e->mem + a, 4);
		t->n++;
		if (is_branch(o))
			break;
	}
	*n = t->n;
	if (!t->n)
		return 0;
	for (unsigned i = 0; i < t->n; i++) {
		if (is_flagset(t->opc[i]))
			break;
		if (t->opc[i] == OP_BCOND && (t->word[i] & 15) < 14) {
			t->live_in = true;
			break;
		}
	}
	allocate(t);
	t->b = (struct xbuf){out, out + cap, false};
	struct xbuf *b = &t->b;
	static const uint8_t saved[] = {RBX, RBP, R12, R13, R14, R15};
	for (unsigned k = 0; k < sizeof(saved); k++)
		x_push(b, saved[k]);
	x_mov_load(b, true, RBX, xreg(RDI));
	x_mov_load(b, true, RBP, xmem(RBX, OFF(mem)));
	/* the chain entry: another block's exit jumps here with rbx, rbp and
	 * the saved registers in place; leave at once unless the budget
	 * covers the whole block (e->pc is this block's start already) */
	*chain = (size_t)(b->p - out);
	x_mov_load(b, true, R12, xmem(RBX, OFF(jit_left)));
	x_alu_imm(b, ALU_SUB, true, xreg(R12), (int32_t)t->n); /* biased: see loop_back */
	uint8_t *bail = x_jcc(b, CC_B);
	for (unsigned s = 0; s < R_COUNT; s++)
		if (t->host[s] >= 0)
			x_mov_load(b, true, (unsigned)t->host[s], xmem(RBX, OFF_R(s)));
	bool loop = tb_jit_loop_plan(t);
	uint8_t *to_plain[2 * TB_JIT_MAXN + 2];
	unsigned nto_plain = 0;
	if (loop)
		tb_jit_loop_entry(t, to_plain, &nto_plain);
	for (unsigned k = 0; k < nto_plain; k++)
		x_patch(b, to_plain[k], b->p);
	t->head = b->p;
	t->fs.kind = F_ENTRY;
	t->loopfs.kind = F_ENTRY;
	for (unsigned i = 0; i < t->n; i++)
		tb_jit_emit_insn(t, i);
	if (loop)
		tb_jit_loop_fast(t);
	if (!is_branch(t->opc[t->n - 1]))
		tb_jit_exit_inline(t, pc + 4ull * t->n, t->n);
	for (unsigned k = 0; k < t->nstub; k++) {
		struct stub *s = &t->stub[k];
		for (unsigned f = 0; f < 2; f++)
			if (s->fix[f])
				x_patch(b, s->fix[f], b->p);
		tb_jit_emit_stub(t, s);
	}
	x_patch(b, bail, b->p);
	x_mov_imm(b, RAX, TB_JIT_EXIT_NEXT);
	if (t->nret < sizeof(t->ret_fix) / sizeof(t->ret_fix[0]))
		t->ret_fix[t->nret++] = x_jmp(b);
	else
		b->full = true;
	for (unsigned k = 0; k < t->nepi; k++)
		x_patch(b, t->epi_fix[k], b->p);
	tb_jit_store_state(t);
	for (unsigned k = 0; k < t->nret; k++)
		x_patch(b, t->ret_fix[k], b->p);
	for (unsigned k = sizeof(saved); k-- > 0;)
		x_pop(b, saved[k]);
	x_byte(b, 0xc3);
	return b->full ? 0 : (size_t)(b->p - out);
}

#else /* no translator on this host */

size_t tb_emu_jit_translate(struct tb_emu *e, uint64_t pc, uint8_t *out, size_t cap, unsigned *n,
			    size_t *chain)
{
	(void)e, (void)pc, (void)out, (void)cap;
	*chain = 0;
	*n = 0;
	return 0;
}

#endif
