/*
 * jit.c - the translator tier: one guest basic block (up to TB_JIT_MAXN
 * straight-line instructions ending at the first branch, or before the first
 * instruction it does not translate: SVC, HLT, undefined) to x86-64 code.
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
 * registers.
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

/* ---- instructions ---- */

struct alu {
	uint8_t op;   /* ALU_* */
	bool w, breg, inv;
	uint8_t fk;   /* F_MAT (none) or F_SUB64 / F_ADD64 / F_LOG64 */
};

static bool alu_of(enum tb_emu_opc o, struct alu *a)
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

static void emit_alu(struct tr *t, const struct tb_emu_op *op, struct alu a)
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

static void emit_movk(struct tr *t, const struct tb_emu_op *op, bool w)
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

static void set_reg_imm(struct tr *t, unsigned slot, uint64_t v)
{
	if (t->host[slot] >= 0) {
		x_mov_imm(&t->b, (unsigned)t->host[slot], v);
	} else {
		x_mov_imm(&t->b, RAX, v);
		x_mov_store(&t->b, true, loc(t, slot), RAX);
	}
	t->written[slot] = true;
}

static void emit_ldst(struct tr *t, unsigned i, bool ld)
{
	struct xbuf *b = &t->b;
	const struct tb_emu_op *op = &t->op[i];
	unsigned k = t->opc[i] - (ld ? OP_LD_B_UI : OP_ST_B_UI), mode = k / 4, lsz = k % 4;
	unsigned size = 1u << lsz;
	uint64_t pc = t->start + 4ull * i;
	enum { UI, PRE, POST, REG };
	x_mov_load(b, true, RAX, loc(t, op->n));
	if ((mode == UI || mode == PRE) && op->imm)
		x_alu_imm(b, ALU_ADD, true, xreg(RAX), (int32_t)op->imm);
	if (mode == REG) {
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
	uint64_t lim = t->e->mem_size - size; /* last address the access may start at */
	if (lim <= INT32_MAX)
		x_alu_imm(b, ALU_CMP, true, xreg(RAX), (int32_t)lim);
	else
		x_alu(b, ALU_CMP, true, RAX, xmem(RBX, OFF(lim[lsz])));
	tb_jit_new_stub(t, TB_JIT_EXIT_STEP, pc, i)->fix[0] = x_jcc(b, CC_A);
	bool wb = mode == PRE || mode == POST;
	int hd = op->d == R_SINK ? -1 : t->host[op->d];
	unsigned v = RDX;
	if (ld) {
		if (!wb && hd >= 0)
			v = (unsigned)hd;
		x_load_sz(b, size, v, xsib(RBP, RAX));
	} else {
		if (hd >= 0)
			v = (unsigned)hd;
		else
			x_mov_load(b, true, RDX, loc(t, op->d));
		x_store_sz(b, size, xsib(RBP, RAX), v);
	}
	if (mode == PRE) {
		x_mov_store(b, true, loc(t, op->n), RAX);
	} else if (mode == POST) {
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
	if (ld)
		return;
	/* a store into a page holding code: leave after it, to invalidate */
	struct stub *s = tb_jit_new_stub(t, TB_JIT_EXIT_SMC, pc + 4, i + 1);
	s->size = (uint8_t)size;
	/* the map marks the page before code too: the page of the first byte
	 * tells for both pages an access of up to 8 bytes touches */
	x_mov_imm(b, RDX, (uint64_t)(uintptr_t)t->e->codepage);
	x_mov_load(b, true, RCX, xreg(RAX));
	x_shift(b, SH_SHR, true, RCX, TB_EMU_PAGE_SHIFT);
	x_op(b, false, false, false, "\x80", 1, 7, xsib(RDX, RCX)); /* cmp byte [rdx+rcx], 0 */
	x_byte(b, 0);
	s->fix[0] = x_jcc(b, CC_NE);
}

static void emit_branch(struct tr *t, unsigned i)
{
	struct xbuf *b = &t->b;
	const struct tb_emu_op *op = &t->op[i];
	enum tb_emu_opc o = t->opc[i];
	uint64_t pc = t->start + 4ull * i, next = pc + 4;
	switch (o) {
	case OP_BL:
		set_reg_imm(t, 30, next);
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

/* ---- the block ---- */

static bool translatable(enum tb_emu_opc o)
{
	struct alu a;
	return o == OP_NOP || o == OP_MOVI || o == OP_MOVK_X || o == OP_MOVK_W || alu_of(o, &a) ||
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
		if (alu_of(o, &a) || is_ld(o) || is_st(o)) {
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

size_t tb_emu_jit_translate(struct tb_emu *e, uint64_t pc, uint8_t *out, size_t cap, unsigned *n,
			    size_t *chain)
{
	struct tr tloc;
	struct tr *t = &tloc;
	memset(t, 0, sizeof(*t));
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
	t->head = b->p;
	t->fs.kind = F_ENTRY;
	t->loopfs.kind = F_ENTRY;
	for (unsigned i = 0; i < t->n; i++) {
		enum tb_emu_opc o = t->opc[i];
		struct alu a;
		bool eflags = t->eflags;
		t->eflags = false;
		if (alu_of(o, &a))
			emit_alu(t, &t->op[i], a);
		else if (o == OP_MOVI && t->op[i].d != R_SINK)
			set_reg_imm(t, t->op[i].d, t->op[i].imm);
		else if ((o == OP_MOVK_X || o == OP_MOVK_W) && t->op[i].d != R_SINK)
			emit_movk(t, &t->op[i], o == OP_MOVK_X);
		else if (is_ld(o) || is_st(o))
			emit_ldst(t, i, is_ld(o));
		else if (is_branch(o)) {
			t->eflags = eflags;
			emit_branch(t, i);
		}
	}
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
