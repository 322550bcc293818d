/*
 * test_emu_jit.c - the translator tier against the interpreter: random
 * programs of every translated instruction class (random fields, random
 * registers, flags and budgets; loops, faults and stores into code happen
 * by chance) must leave identical results, registers, NZCV and memory in
 * both engines; plus targeted cases: the budget stopping inside a
 * translated block and inside a self-looping one at the exact PC and
 * count, a fault inside a block (PC, address, nothing changed, flags of an
 * earlier pass), and stores overwriting an already translated block.
 * Skipped (77) where the translator does not exist (non-x86-64 hosts).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <string.h>

#include <tbench/emu.h>
#include <tbench/emu_encode.h>

#include "emu_check.h"

/* random programs: interpreter and translator agree on everything */
static void jit_matches_interpreter(void **state)
{
	(void)state;
	unsigned translated_runs = 0;
	for (unsigned seed = 1; seed <= 3000; seed++) {
		rng_state = 0x9e3779b97f4a7c15ull * seed;
		uint32_t prog[40];
		unsigned words = 8 + (unsigned)(rnd() % 32);
		for (unsigned i = 0; i < words; i++)
			prog[i] = random_word(i, words);
		struct tb_emu *a = machine(TB_EMU_ENGINE_INTERP, prog, words);
		struct tb_emu *b = machine(TB_EMU_ENGINE_JIT, prog, words);
		for (unsigned r = 0; r < 32; r++) {
			uint64_t v = random_reg();
			tb_emu_set_reg(a, r, v);
			tb_emu_set_reg(b, r, v);
		}
		unsigned nzcv = (unsigned)(rnd() % 16);
		tb_emu_set_nzcv(a, nzcv);
		tb_emu_set_nzcv(b, nzcv);
		for (unsigned run = 0; run < 3; run++) {
			uint64_t budget = rnd() % (run == 2 ? 2000 : 60);
			struct tb_emu_result x = tb_emu_execute(a, budget);
			struct tb_emu_result y = tb_emu_execute(b, budget);
			same_result(x, y, "result", seed);
			same_state(a, b, "state", seed);
			translated_runs += y.executed > 0;
			if (x.reason != TB_EMU_BUDGET && x.reason != TB_EMU_SVC)
				break;
		}
		tb_emu_destroy(a);
		tb_emu_destroy(b);
	}
	assert_true(translated_runs > 3000); /* the programs did run */
}

/* every condition after every flag-setting form, on edge operands, with
 * the B.cond right after the setter (host flags) and one instruction later
 * (flags recomputed): the branch decisions and NZCV match the interpreter */
static void conditions_match_interpreter(void **state)
{
	(void)state;
	static const uint64_t edges[] = {0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff,
					 0x8000000000000000, UINT64_MAX};
	static const uint32_t setters[] = {
		0x6b010002, /* subs x2, x0, x1 */
		0x2b010002, /* adds x2, x0, x1 */
		0x6a010002, /* ands x2, x0, x1 */
		0x6a210002, /* bics x2, x0, x1 */
		0x6b01001f, /* cmp x0, x1 */
		0x2b01001f, /* cmn x0, x1 */
		0xf1000402, /* subs x2, x0, #1 */
		0xb1000402, /* adds x2, x0, #1 */
		0xf100001f, /* cmp x0, #0 */
	};
	struct tb_emu *m[2];
	uint32_t prog[6];
	for (int k = 0; k < 2; k++) {
		m[k] = tb_emu_create(MEM, err, sizeof(err));
		assert_non_null(m[k]);
		assert_int_equal(tb_emu_set_engine(m[k], k ? TB_EMU_ENGINE_JIT : TB_EMU_ENGINE_INTERP,
						   err, sizeof(err)), 0);
	}
	unsigned taken = 0, runs = 0;
	for (unsigned si = 0; si < sizeof(setters) / sizeof(setters[0]); si++)
		for (unsigned sf = 0; sf < 2; sf++)
			for (unsigned cond = 0; cond < 16; cond++)
				for (unsigned gap = 0; gap < 2; gap++) {
					unsigned w = 0;
					prog[w++] = setters[si] & (sf ? ~0u : 0x7fffffffu);
					if (gap)
						prog[w++] = tb_a64_add_imm(1, 6, 6, 1, 0);
					prog[w++] = tb_a64_b_cond((enum tb_a64_cond)cond, 8);
					prog[w++] = tb_a64_add_imm(1, 5, 5, 1, 0); /* not taken */
					prog[w++] = tb_a64_hlt(0);
					for (unsigned x = 0; x < 8; x++)
						for (unsigned y = 0; y < 8; y++) {
							for (int k = 0; k < 2; k++) {
								tb_emu_load_raw(m[k], 0, prog, w * 4, err, sizeof(err));
								tb_emu_reset(m[k]);
								tb_emu_set_reg(m[k], 0, edges[x]);
								tb_emu_set_reg(m[k], 1, edges[y]);
								tb_emu_set_nzcv(m[k], (x + y) & 15);
								struct tb_emu_result r = tb_emu_execute(m[k], 100);
								assert_int_equal(r.reason, TB_EMU_HALT);
							}
							uint64_t x5 = tb_emu_get_reg(m[0], 5);
							if (x5 != tb_emu_get_reg(m[1], 5) ||
							    tb_emu_get_nzcv(m[0]) != tb_emu_get_nzcv(m[1]) ||
							    tb_emu_get_reg(m[0], 2) != tb_emu_get_reg(m[1], 2))
								fail_msg("setter 0x%08x cond %u gap %u x0 0x%llx x1 "
									 "0x%llx: interp x5 %llu nzcv %u, jit x5 "
									 "%llu nzcv %u", prog[0], cond, gap,
									 (unsigned long long)edges[x],
									 (unsigned long long)edges[y],
									 (unsigned long long)x5,
									 tb_emu_get_nzcv(m[0]),
									 (unsigned long long)tb_emu_get_reg(m[1], 5),
									 tb_emu_get_nzcv(m[1]));
							taken += x5 == 0;
							runs++;
						}
				}
	assert_true(taken > runs / 4 && taken < runs * 3 / 4);
	tb_emu_destroy(m[0]);
	tb_emu_destroy(m[1]);
}

/* x0 = 5; loop: add x1, x1, #3; str x1, [sp, #8]; subs x0, x0, #1; b.ne loop; hlt */
static const uint32_t loop[] = {
	0xd28000a0, /* movz x0, #5 */
	0x91000c21, /* add x1, x1, #3 */
	0xf90007e1, /* str x1, [sp, #8] */
	0xf1000400, /* subs x0, x0, #1 */
	0x54ffffa1, /* b.ne -12 */
	0xd4400000, /* hlt #0 */
};

/* every budget stops at the PC and count of single-stepping, mid-block and
 * mid-loop included, and resuming finishes the same way */
static void budget_stops_inside_blocks(void **state)
{
	(void)state;
	assert_int_equal(loop[1], tb_a64_add_imm(1, 1, 1, 3, 0));
	assert_int_equal(loop[4], tb_a64_b_cond(TB_NE, -12));
	struct tb_emu *a = machine(TB_EMU_ENGINE_INTERP, loop, 6);
	struct tb_emu *b = machine(TB_EMU_ENGINE_JIT, loop, 6);
	for (uint64_t n = 0; n <= 23; n++) {
		struct tb_emu *m[2] = {a, b};
		struct tb_emu_result r[2];
		for (int k = 0; k < 2; k++) {
			tb_emu_reset(m[k]);
			tb_emu_set_reg(m[k], TB_EMU_SP, 0x1000);
			tb_emu_write64(m[k], 0x1008, 0);
			r[k] = tb_emu_execute(m[k], n);
		}
		same_result(r[0], r[1], "budget", (unsigned)n);
		same_state(a, b, "budget", (unsigned)n);
		assert_int_equal(r[1].executed, n < 22 ? n : 22);
		if (n < 22) {
			assert_int_equal(r[1].reason, TB_EMU_BUDGET);
			/* after the MOVZ, the loop's 4 instructions repeat */
			assert_int_equal(r[1].pc, n == 0 ? 0 : n == 21 ? 20 : 4 + 4 * ((n - 1) % 4));
		}
		if (n >= 22)
			continue; /* halted: resuming would run the HLT again */
		struct tb_emu_result rest = tb_emu_execute(b, 1000);
		assert_int_equal(rest.reason, TB_EMU_HALT);
		assert_int_equal(r[1].executed + rest.executed, 22);
		assert_int_equal(tb_emu_get_reg(b, 1), 15);
		uint64_t stored;
		tb_emu_read64(b, 0x1008, &stored);
		assert_int_equal(stored, 15);
	}
	tb_emu_destroy(a);
	tb_emu_destroy(b);
}

/* a load outside memory inside a translated loop: PC of the load, its
 * address, nothing of it done, NZCV from the last SUBS before it (from the
 * loop's previous pass, from the block before, or the entry value) */
static void fault_inside_block(void **state)
{
	(void)state;
	const uint32_t prog[] = {
		tb_a64_movz(1, 0, 5, 0),          /* x0 = 5 */
		tb_a64_add_imm(1, 1, 1, 1, 0),    /* loop: x1 += 1 */
		tb_a64_add_imm(1, 2, 2, 0x4, 1),  /* x2 += 0x4000 */
		tb_a64_ldr(3, 3, 2, 0),           /* x3 = [x2]: faults at 0x10000 */
		tb_a64_subs_imm(1, 0, 0, 1, 0),   /* x0 -= 1 */
		tb_a64_b_cond(TB_NE, -16),
		tb_a64_hlt(0),
	};
	struct {
		uint64_t x2;
		uint64_t executed, x0, x1;
		unsigned nzcv;
	} cases[] = {
		{0, 1 + 3 * 5 + 2, 2, 4, 2},      /* 4th pass: SUBS 3 - 1 left C */
		{0x8000, 1 + 5 + 2, 4, 2, 2},     /* 2nd pass: the first of the loop's block */
		{0xc000, 3, 5, 1, 9},             /* the first block: NZCV as on entry */
	};
	struct tb_emu *b = machine(TB_EMU_ENGINE_JIT, prog, 7);
	for (unsigned k = 0; k < 3; k++) {
		tb_emu_reset(b);
		tb_emu_set_reg(b, 2, cases[k].x2);
		tb_emu_set_reg(b, 3, 0xdead);
		tb_emu_set_nzcv(b, 0x9);
		tb_emu_write64(b, 0xc000, 0x77);
		struct tb_emu_result r = tb_emu_execute(b, 1000);
		assert_int_equal(r.reason, TB_EMU_FAULT);
		assert_int_equal(r.pc, 12);
		assert_int_equal(r.addr, 0x10000);
		assert_int_equal(r.executed, cases[k].executed);
		assert_int_equal(tb_emu_get_pc(b), 12);
		assert_int_equal(tb_emu_get_reg(b, 0), cases[k].x0);
		assert_int_equal(tb_emu_get_reg(b, 1), cases[k].x1);
		assert_int_equal(tb_emu_get_reg(b, 2), 0x10000);
		assert_int_equal(tb_emu_get_reg(b, 3), k < 2 ? 0x77 : 0xdead);
		assert_int_equal(tb_emu_get_nzcv(b), cases[k].nzcv);
		/* it stays stopped there */
		r = tb_emu_execute(b, 1000);
		assert_int_equal(r.reason, TB_EMU_FAULT);
		assert_int_equal(r.executed, 0);
	}
	tb_emu_destroy(b);
}

/* stores into a translated block change what runs next */
static void stores_into_translated_code(void **state)
{
	(void)state;
	uint32_t patched = tb_a64_add_imm(1, 1, 1, 100, 0);
	const uint32_t prog[] = {
		tb_a64_movz(1, 0, 4, 0),          /* x0 = 4 */
		tb_a64_add_imm(1, 1, 1, 1, 0),    /* loop (4): x1 += 1, later += 100 */
		tb_a64_subs_imm(1, 0, 0, 1, 0),   /* x0 -= 1 */
		tb_a64_b_cond(TB_EQ, 12),         /* x0 == 0: to the HLT */
		tb_a64_str(2, 5, 4, 0),           /* [x4] = w5: overwrites the ADD (x4 = 4) */
		tb_a64_b(-16),                    /* loop */
		tb_a64_hlt(0),
	};
	struct tb_emu *a = machine(TB_EMU_ENGINE_INTERP, prog, 7);
	struct tb_emu *b = machine(TB_EMU_ENGINE_JIT, prog, 7);
	struct tb_emu *m[2] = {a, b};
	struct tb_emu_result r[2];
	for (int k = 0; k < 2; k++) {
		tb_emu_set_reg(m[k], 4, 4);
		tb_emu_set_reg(m[k], 5, patched);
		r[k] = tb_emu_execute(m[k], 1000);
	}
	same_result(r[0], r[1], "smc", 0);
	same_state(a, b, "smc", 0);
	assert_int_equal(r[1].reason, TB_EMU_HALT);
	assert_int_equal(tb_emu_get_reg(b, 1), 1 + 100 + 100 + 100);
	/* a block that rewrites its own next instruction */
	const uint32_t self[] = {
		tb_a64_str(2, 5, 4, 0),          /* [x4] = w5 (x4 = 4): the next word */
		tb_a64_movz(1, 1, 1, 0),         /* replaced by movz x1, #2 */
		tb_a64_hlt(0),
	};
	tb_emu_reset(b);
	tb_emu_load_raw(b, 0, self, sizeof(self), err, sizeof(err));
	tb_emu_set_reg(b, 4, 4);
	tb_emu_set_reg(b, 5, tb_a64_movz(1, 1, 2, 0));
	r[1] = tb_emu_execute(b, 100);
	assert_int_equal(r[1].reason, TB_EMU_HALT);
	assert_int_equal(tb_emu_get_reg(b, 1), 2);
	/* the host overwrites a block between runs */
	tb_emu_reset(b);
	tb_emu_load_raw(b, 0, self + 1, 8, err, sizeof(err)); /* movz x1, #1; hlt */
	assert_int_equal(tb_emu_execute(b, 100).reason, TB_EMU_HALT);
	assert_int_equal(tb_emu_get_reg(b, 1), 1);
	tb_emu_write32(b, 0, tb_a64_movz(1, 1, 3, 0));
	tb_emu_reset(b);
	assert_int_equal(tb_emu_execute(b, 100).reason, TB_EMU_HALT);
	assert_int_equal(tb_emu_get_reg(b, 1), 3);
	/* an 8-byte store starting in the page before the code, its upper half
	 * overwriting the loop's first instruction */
	const uint32_t cross[] = {
		tb_a64_add_imm(1, 1, 1, 1, 0),    /* 0x3000: x1 += 1, later += 100 */
		tb_a64_str(3, 5, 4, 0),           /* [x4] = x5, x4 = 0x2ffc */
		tb_a64_subs_imm(1, 0, 0, 1, 0),
		tb_a64_b_cond(TB_NE, -12),
		tb_a64_hlt(0),
	};
	static const uint8_t zero[64];
	for (int k = 0; k < 2; k++) {
		tb_emu_reset(m[k]);
		tb_emu_write(m[k], 0, zero, sizeof(zero)); /* the earlier programs differ */
		tb_emu_load_raw(m[k], 0x3000, cross, sizeof(cross), err, sizeof(err));
		tb_emu_set_pc(m[k], 0x3000);
		tb_emu_set_reg(m[k], 0, 3);
		tb_emu_set_reg(m[k], 4, 0x2ffc);
		tb_emu_set_reg(m[k], 5, (uint64_t)patched << 32);
		r[k] = tb_emu_execute(m[k], 1000);
	}
	same_result(r[0], r[1], "cross-page smc", 0);
	same_state(a, b, "cross-page smc", 0);
	assert_int_equal(r[1].reason, TB_EMU_HALT);
	assert_int_equal(tb_emu_get_reg(b, 1), 1 + 100 + 100);
	tb_emu_destroy(a);
	tb_emu_destroy(b);
}

int main(void)
{
	if (!tb_emu_jit_available()) {
		printf("SKIP: no translator on this host (x86-64 only)\n");
		return 77;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(jit_matches_interpreter),
		cmocka_unit_test(conditions_match_interpreter),
		cmocka_unit_test(budget_stops_inside_blocks),
		cmocka_unit_test(fault_inside_block),
		cmocka_unit_test(stores_into_translated_code),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
