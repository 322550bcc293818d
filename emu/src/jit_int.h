/*
 * jit_int.h - internals of the translator shared by jit.c (the block),
 * jit_insn.c (instructions), jit_loop.c (the loop mode) and jit_exit.c
 * (lazy flags, exits and the loop back): the translation state and its
 * helpers.  x86-64 builds only.
 */
#ifndef TB_EMU_JIT_INT_H
#define TB_EMU_JIT_INT_H

#include "emu_int.h"
#include "x86.h"

#include <stddef.h>

#define OFF(f) ((int32_t)offsetof(struct tb_emu, f))
#define OFF_R(slot) ((int32_t)(offsetof(struct tb_emu, r) + 8 * (unsigned)(slot)))
/* exits: at most 3 per instruction emitted, and the loop mode's copies
 * of the body (jit_loop.c) hold at most 2 * TB_JIT_MAXN instructions */
#define MAXSTUB (3 * 3 * TB_JIT_MAXN + 8)

/* where NZCV lives: e->nzcv (MAT), unknown-at-entry (ENTRY), or lazy */
enum { F_MAT, F_ENTRY, F_SUB64, F_SUB32, F_ADD64, F_ADD32, F_LOG64, F_LOG32 };
struct fstate {
	uint8_t kind;
	bool breg;    /* operand b in r14, else imm */
	uint32_t imm;
};
static inline bool lazy(struct fstate f) { return f.kind >= F_SUB64; }
static inline bool wide(struct fstate f) { return (f.kind - F_SUB64) % 2 == 0; }

struct stub {
	uint8_t *fix[2]; /* jumps to this stub (NULL: none / inline) */
	uint8_t reason;
	bool pc_rax;     /* next PC in rax (indirect branch), else pc */
	uint8_t size;    /* SMC: store size (address in rax) */
	uint64_t pc;
	unsigned count;  /* instructions completed in this pass */
	struct fstate fs;
};

/* load/store addressing modes, in the order of the opcodes (emu_int.h) */
enum { LS_UI, LS_PRE, LS_POST, LS_REG };

struct tr {
	struct tb_emu *e;
	struct xbuf b;
	uint64_t start;
	unsigned n;
	enum tb_emu_opc opc[TB_JIT_MAXN];
	struct tb_emu_op op[TB_JIT_MAXN];
	uint32_t word[TB_JIT_MAXN];
	int8_t host[R_COUNT];
	bool written[R_COUNT];
	struct fstate fs, loopfs;
	bool eflags;  /* host flags are those of fs (set by the previous insn) */
	bool live_in; /* the block reads NZCV before writing it */
	uint8_t *head;
	/* the loop mode (jit_loop.c) */
	bool fast;                 /* emitting the fast loop (hoisted checks left out) */
	bool hoist[TB_JIT_MAXN];   /* access with the same address in every pass */
	bool counted;              /* ends SUBS Xc, Xc, #1; B.NE start (c = op[n-2].d) */
	bool exitless;             /* ... and no exit can leave a pass of its fast loop */
	unsigned unroll;           /* passes per unrolled group of the counted loop */
	uint8_t *to_fast;          /* the entry checks' jump to the fast loop */
	unsigned nstub, nepi, nret;
	/* the lists: only their first nstub / nepi / nret entries are set
	 * (translation zeroes the struct up to here) */
	struct stub stub[MAXSTUB];
	uint8_t *epi_fix[MAXSTUB + 2]; /* jumps to the epilogue */
	uint8_t *ret_fix[MAXSTUB + 2]; /* jumps to its return (registers stored) */
};

static inline bool in(enum tb_emu_opc o, enum tb_emu_opc lo, enum tb_emu_opc hi) { return o >= lo && o <= hi; }
static inline bool is_ld(enum tb_emu_opc o) { return in(o, OP_LD_B_UI, OP_LD_X_REG); }
static inline bool is_st(enum tb_emu_opc o) { return in(o, OP_ST_B_UI, OP_ST_X_REG); }
static inline bool is_branch(enum tb_emu_opc o) { return in(o, OP_B, OP_BCOND); }
static inline bool is_flagset(enum tb_emu_opc o)
{
	return o == OP_ADDSI_X || o == OP_ADDSI_W || o == OP_SUBSI_X || o == OP_SUBSI_W ||
	       o == OP_ADDSR_X || o == OP_ADDSR_W || o == OP_SUBSR_X || o == OP_SUBSR_W ||
	       o == OP_ANDSI_X || o == OP_ANDSI_W || o == OP_ANDSR_X || o == OP_ANDSR_W ||
	       o == OP_BICSR_X || o == OP_BICSR_W;
}

static inline struct xl loc(const struct tr *t, unsigned slot)
{
	return t->host[slot] >= 0 ? xreg((unsigned)t->host[slot]) : xmem(RBX, OFF_R(slot));
}

/* jit_insn.c: instructions */
struct alu {
	uint8_t op;   /* ALU_* */
	bool w, breg, inv;
	uint8_t fk;   /* F_MAT (none) or F_SUB64 / F_ADD64 / F_LOG64 */
};
bool tb_jit_alu_of(enum tb_emu_opc o, struct alu *a);
void tb_jit_emit_alu(struct tr *t, const struct tb_emu_op *op, struct alu a);
void tb_jit_emit_movk(struct tr *t, const struct tb_emu_op *op, bool w);
void tb_jit_set_reg_imm(struct tr *t, unsigned slot, uint64_t v);
void tb_jit_ea(struct tr *t, const struct tb_emu_op *op, unsigned mode);
void tb_jit_bounds_test(struct tr *t, unsigned lsz);
void tb_jit_codepage_test(struct tr *t);
void tb_jit_emit_ldst(struct tr *t, unsigned i, bool ld);
void tb_jit_emit_branch(struct tr *t, unsigned i);
/* jit.c: instruction i of the block, whatever it is */
void tb_jit_emit_insn(struct tr *t, unsigned i);
/* jit_loop.c: decide the loop mode (after decoding and allocation); the
 * checks on entry (their failures jump to the plain loop, patched at
 * *to_plain); the fast loop */
bool tb_jit_loop_plan(struct tr *t);
void tb_jit_loop_entry(struct tr *t, uint8_t **to_plain, unsigned *nto_plain);
void tb_jit_loop_fast(struct tr *t);


/* jit_exit.c: flags */
void tb_jit_setflags(struct tr *t, struct fstate f);
void tb_jit_materialize(struct tr *t, struct fstate f);
int tb_jit_cond_cc(struct fstate f, unsigned cond);
/* jit_exit.c: exits */
struct stub *tb_jit_new_stub(struct tr *t, uint8_t reason, uint64_t pc, unsigned count);
void tb_jit_emit_stub(struct tr *t, const struct stub *s);
void tb_jit_store_state(struct tr *t);
void tb_jit_exit_inline(struct tr *t, uint64_t pc, unsigned count);
void tb_jit_goto(struct tr *t, uint64_t target);
void tb_jit_two_way(struct tr *t, unsigned cc, uint64_t target, uint64_t next);

#endif
