/*
 * test_emu_loops.c - the translator's loop mode (emu/src/jit_loop.c)
 * against the interpreter: random self-loops (random straight-line bodies,
 * loads and stores with invariant or moving addresses, in or out of
 * memory or into the code's page, then SUBS Xc, Xc, #1; B.NE to the start,
 * the counter mostly left alone by the body) stopped by random budgets and
 * resumed; counters of 0 (they wrap), beyond the budget and re-entered
 * from an outer loop; and a fault in the middle of an unrolled group.
 * Everything must match: result, registers, NZCV, PC and memory.
 * Skipped (77) where the translator does not exist.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <string.h>

#include "emu_check.h"

/* a word of a loop body: straight-line classes only (no branch, SVC, HLT) */
static uint32_t body_word(unsigned c)
{
	uint32_t w;
	do /* data processing and loads/stores; no branch, SVC, HLT */
		w = random_word(0, 1);
	while ((w & 0x1c000000) == 0x14000000 || !((w & 0x0a000000) == 0x08000000 ||
						     (w & 0x1c000000) == 0x10000000 ||
						     (w & 0x0e000000) == 0x0a000000));
	if (rnd() % 4 == 0)
		return w; /* sometimes the counter is written too: no counted exit */
	if ((w & 31) == c)
		w = (w & ~31u) | (c + 1) % 31;
	bool ldst = (w & 0x0a000000) == 0x08000000;
	bool wback = ldst && (w & 0x3f200000) == 0x38000000 && (w & 0x400);
	if (wback && (w >> 5 & 31) == c)
		w = (w & ~0x3e0u) | ((c + 2) % 31) << 5;
	return w;
}

static uint64_t address(void)
{
	switch (rnd() % 8) {
	case 0: return MEM - rnd() % 16;   /* at the end: some sizes fault */
	case 1: return rnd() % 0x80;       /* the code's own page */
	case 2: return rnd();              /* anywhere: faults */
	default: return 0x4000 + rnd() % 0x8000;
	}
}

static void random_loops(void **state)
{
	(void)state;
	unsigned counted_runs = 0;
	for (unsigned seed = 1; seed <= 3000; seed++) {
		rng_state = 0x2545f4914f6cdd1dull * seed;
		uint32_t prog[24];
		/* bodies up to 20 words (loops of 3 to 22): unrolled 8, 4, 2 and 1 passes per branch */
		unsigned c = (unsigned)(rnd() % 8), w = 0;
		unsigned k = rnd() % 3 ? 1 + (unsigned)(rnd() % 10) : 11 + (unsigned)(rnd() % 10);
		while (w < k)
			prog[w++] = body_word(c);
		if (rnd() % 8 == 0) /* the counter written in the body: no counted exit */
			prog[rnd() % k] = tb_a64_add_imm(1, c, c, (unsigned)(rnd() % 2), 0);
		prog[w++] = tb_a64_subs_imm(1, c, c, 1, 0);
		prog[w] = tb_a64_b_cond(TB_NE, -4 * (int64_t)w);
		w++;
		prog[w++] = tb_a64_hlt(0);
		struct tb_emu *a = machine(TB_EMU_ENGINE_INTERP, prog, w);
		struct tb_emu *b = machine(TB_EMU_ENGINE_JIT, prog, w);
		uint64_t count = rnd() % 4 ? rnd() % 50 : rnd() % 3 ? 0 : rnd();
		for (unsigned r = 0; r < 32; r++) {
			uint64_t v = r >= 20 && r < 24 ? address() : r == c ? count : random_reg();
			tb_emu_set_reg(a, r, v);
			tb_emu_set_reg(b, r, v);
		}
		unsigned nzcv = (unsigned)(rnd() % 16);
		tb_emu_set_nzcv(a, nzcv);
		tb_emu_set_nzcv(b, nzcv);
		for (unsigned run = 0; run < 4; run++) {
			uint64_t budget = run == 3 ? 100000 : rnd() % (8 * (k + 2) * 4);
			struct tb_emu_result x = tb_emu_execute(a, budget);
			struct tb_emu_result y = tb_emu_execute(b, budget);
			same_result(x, y, "loop result", seed);
			same_state(a, b, "loop state", seed);
			counted_runs += y.executed > 4 * (k + 2);
			if (x.reason != TB_EMU_BUDGET)
				break;
		}
		tb_emu_destroy(a);
		tb_emu_destroy(b);
	}
	assert_true(counted_runs > 1000); /* loops did run many passes */
}

/* run prog on both engines with the registers given, in steps of budgets */
static void both(const uint32_t *prog, size_t words, const uint64_t *regs, unsigned nregs,
		 const uint64_t *budgets, unsigned nb, const char *what)
{
	struct tb_emu *m[2] = {machine(TB_EMU_ENGINE_INTERP, prog, words),
			       machine(TB_EMU_ENGINE_JIT, prog, words)};
	for (int k = 0; k < 2; k++)
		for (unsigned r = 0; r < nregs; r++)
			tb_emu_set_reg(m[k], r, regs[r]);
	for (unsigned i = 0; i < nb; i++) {
		struct tb_emu_result x = tb_emu_execute(m[0], budgets[i]);
		struct tb_emu_result y = tb_emu_execute(m[1], budgets[i]);
		same_result(x, y, what, i);
		same_state(m[0], m[1], what, i);
	}
	tb_emu_destroy(m[0]);
	tb_emu_destroy(m[1]);
}

/* loop: add x1, x1, #1; str x1, [x2]; subs x0, x0, #1; b.ne loop; hlt */
static const uint32_t str_loop[] = {0x91000421, 0xf9000041, 0xf1000400, 0x54ffffa1, 0xd4400000};

static void counters_and_budgets(void **state)
{
	(void)state;
	assert_int_equal(str_loop[2], tb_a64_subs_imm(1, 0, 0, 1, 0));
	/* a counter of 0 wraps: the budget ends it, at every phase */
	for (uint64_t b = 1; b < 40; b++) {
		uint64_t regs[] = {0, 0, 0x8000}, budgets[] = {b, 4 * b + 3, 1000};
		both(str_loop, 5, regs, 3, budgets, 3, "counter 0");
	}
	/* counters around the budget (the division path) and below it */
	uint64_t counts[] = {1, 2, 3, 4, 5, 7, 8, 9, 250, 251, 252, 1000, 123456};
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
		for (uint64_t b = 995; b <= 1005; b++) {
			uint64_t regs[] = {counts[i], 0, 0x8000}, budgets[] = {b, b, 1u << 20};
			both(str_loop, 5, regs, 3, budgets, 3, "counts");
		}
	/* a long body: one pass per branch (no unrolling) */
	uint32_t longer[24];
	unsigned w = 0;
	for (unsigned i = 0; i < 18; i++)
		longer[w++] = i % 3 == 2 ? tb_a64_str(3, 5, 2, 8 * i) : tb_a64_add_imm(1, 5, 5, i, 0);
	longer[w++] = tb_a64_subs_imm(1, 0, 0, 1, 0);
	longer[w] = tb_a64_b_cond(TB_NE, -4 * (int64_t)w);
	w++;
	longer[w++] = tb_a64_hlt(0);
	for (uint64_t b = 1; b < 200; b += 3) {
		uint64_t regs[] = {5, 0, 0x8000}, budgets[] = {b, 7, 1000};
		both(longer, w, regs, 3, budgets, 3, "long body");
	}
	/* an outer loop enters the inner counted loop many times with a fresh
	 * count: x3 outer passes, x0 = x4 inner ones each */
	const uint32_t nest[] = {
		tb_a64_orr_reg(1, 0, 31, 4, TB_LSL, 0), /* 0: outer: mov x0, x4 */
		tb_a64_add_imm(1, 1, 1, 1, 0),          /* 4: inner: x1 += 1 */
		tb_a64_str(3, 1, 2, 0),                 /*    [x2] = x1 */
		tb_a64_subs_imm(1, 0, 0, 1, 0),         /*    x0 -= 1 */
		tb_a64_b_cond(TB_NE, -12),              /*    inner */
		tb_a64_subs_imm(1, 3, 3, 1, 0),         /* x3 -= 1 */
		tb_a64_b_cond(TB_NE, -24),              /* outer */
		tb_a64_hlt(0),
	};
	for (uint64_t inner = 1; inner <= 9; inner++)
		for (uint64_t b = 1; b < 300; b += 7) {
			uint64_t regs[] = {0, 0, 0x8000, 30, inner}, budgets[] = {b, b * 3, 100000};
			both(nest, 8, regs, 5, budgets, 3, "nested");
		}
}

/* a post-index load walks off the end of memory in the middle of an
 * unrolled group: the fault, its PC and count, NZCV from the last SUBS */
static void fault_inside_group(void **state)
{
	(void)state;
	const uint32_t walk[] = {
		0xf8408443,                     /* ldr x3, [x2], #8 */
		tb_a64_add_reg(1, 1, 1, 3, TB_LSL, 0),
		tb_a64_subs_imm(1, 0, 0, 1, 0),
		tb_a64_b_cond(TB_NE, -12),
		tb_a64_hlt(0),
	};
	for (uint64_t left = 1; left <= 13; left++) {
		uint64_t regs[] = {100, 0, MEM - 8 * left}, budgets[] = {1000, 1000};
		both(walk, 5, regs, 3, budgets, 2, "fault in group");
		struct tb_emu *e = machine(TB_EMU_ENGINE_JIT, walk, 5);
		for (unsigned r = 0; r < 3; r++)
			tb_emu_set_reg(e, r, regs[r]);
		struct tb_emu_result y = tb_emu_execute(e, 1000);
		assert_int_equal(y.reason, TB_EMU_FAULT);
		assert_int_equal(y.pc, 0);
		assert_int_equal(y.addr, MEM);
		assert_int_equal(y.executed, 4 * left);
		assert_int_equal(tb_emu_get_reg(e, 0), 100 - left);
		assert_int_equal(tb_emu_get_nzcv(e), 2); /* SUBS of a positive: C only */
		tb_emu_destroy(e);
	}
}

int main(void)
{
	if (!tb_emu_jit_available()) {
		printf("SKIP: no translator on this host (x86-64 only)\n");
		return 77;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(random_loops),
		cmocka_unit_test(counters_and_budgets),
		cmocka_unit_test(fault_inside_group),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
