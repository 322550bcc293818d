/*
 * emu_int.h - internals of libtbench-emu shared by its files: the machine
 * state, the pre-decoded instruction form, and what each file offers the
 * others.  Not part of the API (see <tbench/emu.h>).
 *
 * Files, each using only those below it: machine.c (create, engines,
 * execute, interrupt) -> jit_run.c (the translator's driver and code cache)
 * -> jit.c, jit_exit.c, jit_loop.c (translation) -> exec.c (the
 * interpreter) -> decode.c -> elf.c -> mem.c (registers, memory,
 * invalidation) -> err.c (messages, names).  mem.c reaches the code cache
 * only through the hooks the translator installs (jit_hooks).
 */
#ifndef TB_EMU_INT_H
#define TB_EMU_INT_H

#include <tbench/emu.h>

#include <stdbool.h>

/* Register file slots: 0..30 = X0..X30, then the three meanings of "31". */
enum { R_ZR = 31 /* reads 0, never written */, R_SP = 32, R_SINK = 33 /* XZR as destination */,
       R_COUNT = 34 };

/* Handlers of the pre-decoded form.  ld/st: size B H W X, addressing UI
 * (base + signed immediate: scaled unsigned offset or LDUR/STUR), PRE, POST,
 * REG (register offset).  Logical register ops carry the N bit (BIC, ORN,
 * EON, BICS) in the opcode. */
#define TB_EMU_LS(X, op)                                                                  \
	X(op##_B_UI) X(op##_H_UI) X(op##_W_UI) X(op##_X_UI)                               \
	X(op##_B_PRE) X(op##_H_PRE) X(op##_W_PRE) X(op##_X_PRE)                           \
	X(op##_B_POST) X(op##_H_POST) X(op##_W_POST) X(op##_X_POST)                       \
	X(op##_B_REG) X(op##_H_REG) X(op##_W_REG) X(op##_X_REG)
#define TB_EMU_XW(X, op) X(op##_X) X(op##_W)
/* one handler per register 0..30, for the hottest forms with Rd == Rn: a
 * fixed register-file offset lets the CPU forward the value from the last
 * store to the next load without a round trip through the cache */
#define TB_EMU_REGS(X, op)                                                                \
	X(op##0) X(op##1) X(op##2) X(op##3) X(op##4) X(op##5) X(op##6) X(op##7)           \
	X(op##8) X(op##9) X(op##10) X(op##11) X(op##12) X(op##13) X(op##14) X(op##15)     \
	X(op##16) X(op##17) X(op##18) X(op##19) X(op##20) X(op##21) X(op##22) X(op##23)   \
	X(op##24) X(op##25) X(op##26) X(op##27) X(op##28) X(op##29) X(op##30)
#define TB_EMU_OPS(X)                                                                     \
	X(DECODE) X(UNDEF) X(FETCHFAULT) X(NOP) X(MOVI) TB_EMU_XW(X, MOVK)                 \
	TB_EMU_XW(X, ADDI) TB_EMU_XW(X, SUBI) TB_EMU_XW(X, ADDSI) TB_EMU_XW(X, SUBSI)     \
	TB_EMU_XW(X, ADDR) TB_EMU_XW(X, SUBR) TB_EMU_XW(X, ADDSR) TB_EMU_XW(X, SUBSR)     \
	TB_EMU_XW(X, ANDI) TB_EMU_XW(X, ORRI) TB_EMU_XW(X, EORI) TB_EMU_XW(X, ANDSI)      \
	TB_EMU_XW(X, ANDR) TB_EMU_XW(X, BICR) TB_EMU_XW(X, ORRR) TB_EMU_XW(X, ORNR)       \
	TB_EMU_XW(X, EORR) TB_EMU_XW(X, EONR) TB_EMU_XW(X, ANDSR) TB_EMU_XW(X, BICSR)     \
	TB_EMU_LS(X, LD) TB_EMU_LS(X, ST)                                                 \
	X(B) X(BL) X(BR) X(BLR) TB_EMU_XW(X, CBZ) TB_EMU_XW(X, CBNZ) X(BCOND)              \
	TB_EMU_XW(X, SUBSI_BCOND) X(SVC) X(HLT)                                            \
	TB_EMU_REGS(X, ADDI_XR) TB_EMU_REGS(X, SUBI_XR) TB_EMU_REGS(X, SUBSI_BNE_XR)

enum tb_emu_opc {
#define TB_EMU_ENUM(name) OP_##name,
	TB_EMU_OPS(TB_EMU_ENUM)
#undef TB_EMU_ENUM
	OP_COUNT
};

/* One pre-decoded instruction (16 bytes).  h is the handler's offset from
 * the DECODE handler, so an all-zero entry means "not decoded yet". */
struct tb_emu_op {
	int32_t h;
	union {
		struct {
			uint8_t d, n, m; /* register slots (see R_*) */
			uint8_t s;       /* shift: amount | type << 6; ld/st REG: amount | option << 4 */
		};
		struct {
			uint8_t d_, n_;
			uint16_t mask; /* B.cond / fused: bit nzcv set = condition holds */
		};
	};
	/* immediate / constant / branch target PC / undefined word;
	 * fused SUBS+B.cond: low 32 bits the SUBS immediate, high 32 the target */
	uint64_t imm;
};

struct tb_emu {
	uint8_t *mem;
	uint64_t mem_size;
	struct tb_emu_op *dec; /* mem_size / 4 + 1 entries; the last is a fetch fault */
	uint8_t *codepage;     /* per 4 KiB page: it or the next page holds decoded or
				* translated code (so one look at the page of an
				* access of up to 8 bytes is enough; see tb_emu_mark_code) */
	uint64_t r[R_COUNT];
	uint64_t pc;
	unsigned nzcv;
	tb_emu_write_fn write;
	void *write_ctx;
	int interrupt;         /* tb_emu_interrupt() asked to stop (atomic access only) */
	/* the translator's code cache, when it exists: mem.c calls these */
	const struct tb_emu_jit_hooks *jit_hooks;
	/* the translator tier (jit.c, jit_run.c); translated code reads these
	 * at fixed offsets from the machine pointer */
	enum tb_emu_engine engine;
	uint64_t lim[4];       /* mem_size - 1, 2, 4, 8: last valid address of an access */
	uint64_t jit_left;     /* budget left, in and out of a translated block */
	uint64_t jit_inv_addr; /* a block's store hit a code page: the range to invalidate */
	uint64_t jit_inv_len;
	uint64_t jit_chain;    /* an exit that may be chained: where its jump's rel32 is */
	uint64_t jit_stop;     /* a counted loop's stop value of its counter (jit_loop.c) */
	uint64_t jit_stopu;    /* above it, a whole unrolled group of passes still fits */
	struct tb_emu_jit *jit; /* code cache; NULL until the translator is first used */
};

#define TB_EMU_PAGE_SHIFT 12

/* The word at index i alone (no fusing, no per-register forms). */
enum tb_emu_opc tb_emu_decode_one(const struct tb_emu *e, uint64_t i, struct tb_emu_op *op);
/* Decode the word at index i of the code (fusing with the next word when
 * that is a B.cond); fills op (except h) and returns its opcode. */
enum tb_emu_opc tb_emu_decode(const struct tb_emu *e, uint64_t i, struct tb_emu_op *op);
/* The 16-bit mask of NZCV values for which condition cond holds. */
uint16_t tb_emu_cond_mask(unsigned cond);
/* Forget decoded entries covering [addr, addr + len) (and a fused pair
 * reaching into it); called by every store into a page holding code. */
void tb_emu_invalidate(struct tb_emu *e, uint64_t addr, uint64_t len);

/* The interpreter (exec.c): what tb_emu_execute runs with the interp engine,
 * and the translator's fallback. */
struct tb_emu_result tb_emu_interp(struct tb_emu *e, uint64_t max);

/* snprintf into err (if non-NULL) and return code (err.c) */
int tb_emu_fail(char *err, size_t errlen, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* what the code cache does when guest code is overwritten or the machine
 * goes away (jit_run.c installs them; mem.c calls them) */
struct tb_emu_jit_hooks {
	void (*invalidate)(struct tb_emu *e, uint64_t first, uint64_t last); /* words */
	void (*destroy)(struct tb_emu *e);
};

/* Translator (jit.c): translate the block at guest pc into out (at most cap
 * bytes) as a function int fn(struct tb_emu *) returning a TB_JIT_EXIT_*;
 * returns the bytes used and sets *n to its guest instructions and *chain
 * to the offset of its chain entry (where other blocks' exits may jump), or
 * 0 if nothing at pc can be translated or cap is too small. */
#define TB_JIT_MAXN 32
enum { TB_JIT_EXIT_NEXT, TB_JIT_EXIT_STEP, TB_JIT_EXIT_SMC };
size_t tb_emu_jit_translate(struct tb_emu *e, uint64_t pc, uint8_t *out, size_t cap,
			    unsigned *n, size_t *chain);
/* jit_run.c: the code cache for e (0, or an error with a message), and the
 * translated execution of at most max instructions */
int tb_emu_jit_init(struct tb_emu *e, char *err, size_t errlen);
struct tb_emu_result tb_emu_jit_run(struct tb_emu *e, uint64_t max);

/* note code at [addr, addr + len): its pages and the page before the first */
static inline void tb_emu_mark_code(struct tb_emu *e, uint64_t addr, uint64_t len)
{
	uint64_t p = addr >> TB_EMU_PAGE_SHIFT, last = (addr + len - 1) >> TB_EMU_PAGE_SHIFT;
	for (p = p ? p - 1 : 0; p <= last; p++)
		e->codepage[p] = 1;
}

static inline bool tb_emu_in_bounds(const struct tb_emu *e, uint64_t addr, uint64_t len)
{
	return len <= e->mem_size && addr <= e->mem_size - len;
}

#endif
