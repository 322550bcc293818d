/*
 * exec.c - the interpreter engine (tb_emu_interp: what tb_emu_execute in
 * machine.c runs for the interp engine, and what the translator's driver
 * leaves to it with the jit engine): computed goto over the
 * pre-decoded array, one handler per opcode (emu_int.h), the exact
 * instruction budget and the syscall shim (write, exit, exit_group).
 *
 * The budget is counted per dispatch (one decrement, one predictable
 * branch); a fused SUBS+B.cond checks for its second instruction, so the
 * stop PC after N instructions is always exact.  A handler that faults
 * does not count: registers and memory are unchanged and PC names it.
 */
#include "emu_int.h"

#include <string.h>

#define unlikely(x) __builtin_expect(!!(x), 0)

static inline unsigned flags_nz64(uint64_t x) { return (unsigned)(x >> 63) << 3 | (x == 0) << 2; }
static inline unsigned flags_nz32(uint32_t x) { return (x >> 31) << 3 | (x == 0) << 2; }

static inline unsigned flags_add64(uint64_t a, uint64_t b, uint64_t x)
{
	return flags_nz64(x) | (x < a) << 1 | (unsigned)((~(a ^ b) & (a ^ x)) >> 63);
}
static inline unsigned flags_sub64(uint64_t a, uint64_t b, uint64_t x)
{
	return flags_nz64(x) | (a >= b) << 1 | (unsigned)(((a ^ b) & (a ^ x)) >> 63);
}
static inline unsigned flags_add32(uint32_t a, uint32_t b, uint32_t x)
{
	return flags_nz32(x) | (x < a) << 1 | ((~(a ^ b) & (a ^ x)) >> 31);
}
static inline unsigned flags_sub32(uint32_t a, uint32_t b, uint32_t x)
{
	return flags_nz32(x) | (a >= b) << 1 | (((a ^ b) & (a ^ x)) >> 31);
}

/* shifted register operand: s = amount | type << 6 (LSL LSR ASR ROR) */
static inline uint64_t shift64(uint64_t v, unsigned s)
{
	unsigned a = s & 63;
	switch (s >> 6) {
	case 0: return v << a;
	case 1: return v >> a;
	case 2: return (uint64_t)((int64_t)v >> a);
	default: return a ? (v >> a) | (v << (64 - a)) : v;
	}
}
static inline uint32_t shift32(uint32_t v, unsigned s)
{
	unsigned a = s & 31;
	switch (s >> 6) {
	case 0: return v << a;
	case 1: return v >> a;
	case 2: return (uint32_t)((int32_t)v >> a);
	default: return a ? (v >> a) | (v << (32 - a)) : v;
	}
}

/* register offset: option UXTW (2), LSL/UXTX (3), SXTW (6), SXTX (7) */
static inline uint64_t extend(uint64_t v, unsigned s)
{
	unsigned opt = s >> 4;
	if (opt == 2)
		v = (uint32_t)v;
	else if (opt == 6)
		v = (uint64_t)(int64_t)(int32_t)v;
	return v << (s & 7);
}

static uint64_t sys_write(struct tb_emu *e, uint64_t fd, uint64_t buf, uint64_t len)
{
	if (fd != 1 && fd != 2)
		return (uint64_t)-9; /* EBADF */
	if (!tb_emu_in_bounds(e, buf, len))
		return (uint64_t)-14; /* EFAULT */
	if (!e->write)
		return len;
	return (uint64_t)e->write(e->write_ctx, (int)fd, e->mem + buf, len);
}

struct tb_emu_result tb_emu_interp(struct tb_emu *e, uint64_t max)
{
	static const int32_t tbl[OP_COUNT] = {
#define TB_EMU_LABEL(name) [OP_##name] = &&op_##name - &&op_DECODE,
		TB_EMU_OPS(TB_EMU_LABEL)
#undef TB_EMU_LABEL
	};
	struct tb_emu_result res = {0};
	uint64_t *const r = e->r;
	uint8_t *const mem = e->mem;
	const uint64_t msize = e->mem_size;
	struct tb_emu_op *const dec = e->dec;
	const uint8_t *const cp = e->codepage;
	unsigned nzcv = e->nzcv;
	uint64_t left = max, fault_addr = 0;
	struct tb_emu_op *ip;
	uint64_t lazy_a = 0, lazy_b = 0; /* NZCV = flags of lazy_a - lazy_b when lazy */
	bool lazy = false;
#define SETF(v) (nzcv = (v), lazy = false)
#define MATERIALIZE()                                                                     \
	do {                                                                              \
		if (lazy)                                                                 \
			nzcv = flags_sub64(lazy_a, lazy_b, lazy_a - lazy_b);              \
		lazy = false;                                                             \
	} while (0)

	dec[msize / 4].h = tbl[OP_FETCHFAULT];
	if ((e->pc & 3) || e->pc >= msize) {
		res.reason = TB_EMU_FAULT;
		res.addr = res.pc = e->pc;
		return res;
	}
	ip = dec + e->pc / 4;

#define PC() ((uint64_t)(ip - dec) * 4)
#define GOTO_HANDLER() goto *(void *)((char *)&&op_DECODE + ip->h)
#define DISPATCH()                                                                        \
	do {                                                                              \
		if (unlikely(__builtin_sub_overflow(left, 1, &left)))                     \
			goto stop_budget;                                                 \
		GOTO_HANDLER();                                                           \
	} while (0)
#define NEXT()                                                                            \
	do {                                                                              \
		ip++;                                                                     \
		DISPATCH();                                                               \
	} while (0)
#define JUMP(target)                                                                      \
	do {                                                                              \
		uint64_t t_ = (target);                                                   \
		if (unlikely((t_ & 3) | (t_ >= msize))) {                                 \
			fault_addr = t_;                                                  \
			goto stop_fetch;                                                  \
		}                                                                         \
		ip = dec + t_ / 4;                                                        \
		DISPATCH();                                                               \
	} while (0)

	DISPATCH();

op_DECODE: {
	uint64_t i = (uint64_t)(ip - dec);
	enum tb_emu_opc o = tb_emu_decode(e, i, ip);
	tb_emu_mark_code(e, i * 4, 8); /* fused pairs look ahead */
	ip->h = tbl[o];
	GOTO_HANDLER(); /* already counted */
}
op_UNDEF:
	left++;
	res.reason = TB_EMU_UNDEFINED;
	res.insn = (uint32_t)ip->imm;
	goto stop;
op_FETCHFAULT: /* fell off the end of memory */
	left++;
	res.reason = TB_EMU_FAULT;
	res.addr = PC();
	goto stop;
op_NOP:
	NEXT();
op_MOVI:
	r[ip->d] = ip->imm;
	NEXT();
op_MOVK_X:
	r[ip->d] = (r[ip->d] & ~(0xffffull << ip->s)) | ip->imm;
	NEXT();
op_MOVK_W:
	r[ip->d] = (uint32_t)((r[ip->d] & ~(0xffffull << ip->s)) | ip->imm);
	NEXT();

	/* add/sub: immediate (b = imm) and shifted register (b = shift(Rm)) */
#define ALU(name, T, bexpr, expr, setflags)                                               \
	op_##name: {                                                                      \
		T a = (T)r[ip->n], b = (T)(bexpr), x = (T)(expr);                        \
		setflags;                                                                 \
		r[ip->d] = x;                                                             \
		NEXT();                                                                   \
	}
#define ADDSUB(sfx, bx, bw)                                                               \
	ALU(ADD##sfx##_X, uint64_t, bx, a + b, )                                          \
	ALU(ADD##sfx##_W, uint32_t, bw, a + b, )                                          \
	ALU(SUB##sfx##_X, uint64_t, bx, a - b, )                                          \
	ALU(SUB##sfx##_W, uint32_t, bw, a - b, )                                          \
	ALU(ADDS##sfx##_X, uint64_t, bx, a + b, SETF(flags_add64(a, b, x)))              \
	ALU(ADDS##sfx##_W, uint32_t, bw, a + b, SETF(flags_add32(a, b, x)))              \
	ALU(SUBS##sfx##_X, uint64_t, bx, a - b, SETF(flags_sub64(a, b, x)))              \
	ALU(SUBS##sfx##_W, uint32_t, bw, a - b, SETF(flags_sub32(a, b, x)))
	ADDSUB(I, ip->imm, ip->imm)
	ADDSUB(R, shift64(r[ip->m], ip->s), shift32((uint32_t)r[ip->m], ip->s))

	/* logical: immediate, and shifted register with optional inversion */
#define LOGIC(sfx, bx, bw)                                                                \
	ALU(AND##sfx##_X, uint64_t, bx, a & b, )                                          \
	ALU(AND##sfx##_W, uint32_t, bw, a & b, )                                          \
	ALU(ORR##sfx##_X, uint64_t, bx, a | b, )                                          \
	ALU(ORR##sfx##_W, uint32_t, bw, a | b, )                                          \
	ALU(EOR##sfx##_X, uint64_t, bx, a ^ b, )                                          \
	ALU(EOR##sfx##_W, uint32_t, bw, a ^ b, )                                          \
	ALU(ANDS##sfx##_X, uint64_t, bx, a & b, SETF(flags_nz64(x)))                     \
	ALU(ANDS##sfx##_W, uint32_t, bw, a & b, SETF(flags_nz32(x)))
	LOGIC(I, ip->imm, ip->imm)
	LOGIC(R, shift64(r[ip->m], ip->s), shift32((uint32_t)r[ip->m], ip->s))
	ALU(BICR_X, uint64_t, ~shift64(r[ip->m], ip->s), a & b, )
	ALU(BICR_W, uint32_t, ~shift32((uint32_t)r[ip->m], ip->s), a & b, )
	ALU(ORNR_X, uint64_t, ~shift64(r[ip->m], ip->s), a | b, )
	ALU(ORNR_W, uint32_t, ~shift32((uint32_t)r[ip->m], ip->s), a | b, )
	ALU(EONR_X, uint64_t, ~shift64(r[ip->m], ip->s), a ^ b, )
	ALU(EONR_W, uint32_t, ~shift32((uint32_t)r[ip->m], ip->s), a ^ b, )
	ALU(BICSR_X, uint64_t, ~shift64(r[ip->m], ip->s), a & b, SETF(flags_nz64(x)))
	ALU(BICSR_W, uint32_t, ~shift32((uint32_t)r[ip->m], ip->s), a & b, SETF(flags_nz32(x)))

	/* loads and stores: address, bounds check, access, writeback */
#define A_UI r[ip->n] + ip->imm
#define A_PRE r[ip->n] + ip->imm
#define A_POST r[ip->n]
#define A_REG r[ip->n] + extend(r[ip->m], ip->s)
#define WB_UI
#define WB_PRE r[ip->n] = addr;
#define WB_POST r[ip->n] = addr + ip->imm;
#define WB_REG
#define LDST(sz, T, mode)                                                                 \
	op_LD_##sz##_##mode: {                                                            \
		uint64_t addr = A_##mode;                                                 \
		T v;                                                                      \
		if (unlikely(addr > msize - sizeof(T))) {                                 \
			fault_addr = addr;                                                \
			goto stop_fault;                                                  \
		}                                                                         \
		memcpy(&v, mem + addr, sizeof(T));                                        \
		WB_##mode                                                                 \
		r[ip->d] = v;                                                             \
		NEXT();                                                                   \
	}                                                                                 \
	op_ST_##sz##_##mode: {                                                            \
		uint64_t addr = A_##mode;                                                 \
		T v = (T)r[ip->d];                                                        \
		if (unlikely(addr > msize - sizeof(T))) {                                 \
			fault_addr = addr;                                                \
			goto stop_fault;                                                  \
		}                                                                         \
		memcpy(mem + addr, &v, sizeof(T));                                        \
		if (unlikely(cp[addr >> TB_EMU_PAGE_SHIFT] |                              \
			     cp[(addr + sizeof(T) - 1) >> TB_EMU_PAGE_SHIFT]))            \
			tb_emu_invalidate(e, addr, sizeof(T));                            \
		WB_##mode                                                                 \
		NEXT();                                                                   \
	}
#define LDST_MODES(mode)                                                                  \
	LDST(B, uint8_t, mode) LDST(H, uint16_t, mode) LDST(W, uint32_t, mode)            \
	LDST(X, uint64_t, mode)
	LDST_MODES(UI)
	LDST_MODES(PRE)
	LDST_MODES(POST)
	LDST_MODES(REG)

op_B:
	JUMP(ip->imm);
op_BL:
	r[30] = PC() + 4;
	JUMP(ip->imm);
op_BR:
	JUMP(r[ip->n]);
op_BLR: {
	uint64_t t = r[ip->n];
	r[30] = PC() + 4;
	JUMP(t);
}
op_CBZ_X:
	if (r[ip->n] == 0)
		JUMP(ip->imm);
	NEXT();
op_CBZ_W:
	if ((uint32_t)r[ip->n] == 0)
		JUMP(ip->imm);
	NEXT();
op_CBNZ_X:
	if (r[ip->n] != 0)
		JUMP(ip->imm);
	NEXT();
op_CBNZ_W:
	if ((uint32_t)r[ip->n] != 0)
		JUMP(ip->imm);
	NEXT();
op_BCOND:
	MATERIALIZE();
	if ((ip->mask >> nzcv) & 1)
		JUMP(ip->imm);
	NEXT();

	/* SUBS #imm + B.cond: two instructions, two budget units (the SUBS's
	 * was taken by the dispatch; the B.cond and the next dispatch take
	 * theirs here when at least 2 are left, else it stops exactly); the
	 * target was checked at decode time */
#define FUSED_BRANCH(taken)                                                               \
	do {                                                                              \
		struct tb_emu_op *next_ = (taken) ? dec + (ip->imm >> 34) : ip + 2;       \
		if (unlikely(left < 2)) {                                                 \
			ip = left ? next_ : ip + 1; /* left 0: only the SUBS ran */       \
			goto stop_budget;                                                 \
		}                                                                         \
		left -= 2;                                                                \
		ip = next_;                                                               \
		GOTO_HANDLER();                                                           \
	} while (0)
#define FUSED(sfx, T, flags)                                                              \
	op_SUBSI_BCOND_##sfx: {                                                           \
		T a = (T)r[ip->n], b = (T)(uint32_t)ip->imm, x = a - b;                   \
		SETF(flags(a, b, x));                                                     \
		r[ip->d] = x;                                                             \
		FUSED_BRANCH((ip->mask >> nzcv) & 1);                                     \
	}
	FUSED(X, uint64_t, flags_sub64)
	FUSED(W, uint32_t, flags_sub32)

	/* the same with Rd == Rn == k fixed (see TB_EMU_REGS); SUBS + B.NE
	 * leaves its flags lazy: NZCV is computed from lazy_a - lazy_b only
	 * when something reads it */
#define REG_HANDLERS(k)                                                                   \
	op_ADDI_XR##k:                                                                    \
		r[k] += ip->imm;                                                          \
		NEXT();                                                                   \
	op_SUBI_XR##k:                                                                    \
		r[k] -= ip->imm;                                                          \
		NEXT();                                                                   \
	op_SUBSI_BNE_XR##k: {                                                             \
		uint64_t x = r[k] - (uint32_t)ip->imm;                                    \
		lazy_a = r[k];                                                            \
		lazy_b = (uint32_t)ip->imm;                                               \
		lazy = true;                                                              \
		r[k] = x;                                                                 \
		FUSED_BRANCH(x != 0);                                                     \
	}
	REG_HANDLERS(0) REG_HANDLERS(1) REG_HANDLERS(2) REG_HANDLERS(3) REG_HANDLERS(4)
	REG_HANDLERS(5) REG_HANDLERS(6) REG_HANDLERS(7) REG_HANDLERS(8) REG_HANDLERS(9)
	REG_HANDLERS(10) REG_HANDLERS(11) REG_HANDLERS(12) REG_HANDLERS(13) REG_HANDLERS(14)
	REG_HANDLERS(15) REG_HANDLERS(16) REG_HANDLERS(17) REG_HANDLERS(18) REG_HANDLERS(19)
	REG_HANDLERS(20) REG_HANDLERS(21) REG_HANDLERS(22) REG_HANDLERS(23) REG_HANDLERS(24)
	REG_HANDLERS(25) REG_HANDLERS(26) REG_HANDLERS(27) REG_HANDLERS(28) REG_HANDLERS(29)
	REG_HANDLERS(30)

op_SVC: {
	uint64_t nr = r[8];
	if (nr == 64) {
		r[0] = sys_write(e, r[0], r[1], r[2]);
		NEXT();
	}
	ip++;
	if (nr == 93 || nr == 94) {
		res.reason = TB_EMU_EXIT;
		res.exit_status = (int)(r[0] & 0xff);
	} else {
		res.reason = TB_EMU_SVC;
		res.syscall = nr;
	}
	goto stop;
}
op_HLT:
	res.reason = TB_EMU_HALT;
	goto stop;

stop_budget: /* left wrapped: it was 0 */
	left = 0;
	res.reason = TB_EMU_BUDGET;
	goto stop;
stop_fault:
	left++;
	res.reason = TB_EMU_FAULT;
	res.addr = fault_addr;
	goto stop;
stop_fetch: /* the branch completed; the fetch at its target faults */
	res.reason = TB_EMU_FAULT;
	res.addr = fault_addr;
	e->pc = fault_addr;
	goto out;
stop:
	e->pc = PC();
out:
	MATERIALIZE();
	e->nzcv = nzcv;
	res.pc = e->pc;
	res.executed = max - left;
	return res;
}
