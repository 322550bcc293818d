/*
 * emu/loop.c - setup, timed run and verification shared by the loop
 * variants (with and without the store, translator or interpreter).  Each call of run() re-runs the whole guest program from its
 * first instruction (registers reset; the decoded code is kept, as an
 * interpreter's code cache would be).
 */
#include "loop.h"

#include "../common.h"

#include <tbench/emu.h>
#include <tbench/emu_encode.h>

#include <stdlib.h>

#define LOOP_MEM ((size_t)64 << 10)
#define MARK 0x5a5a5a5a5a5a5a5aull /* what the data word holds before a run */

struct loop {
	struct tb_emu *e;
	uint64_t insns; /* instructions one run executes */
	struct tb_emu_result last;
};

unsigned tb_emu_loop_program(uint32_t *out, uint64_t n, bool store, uint64_t *insns)
{
	unsigned k = tb_a64_mov64(out, 0, n);              /* x0 = n (counter)   */
	out[k++] = tb_a64_movz(1, 1, 0, 0);                 /* x1 = 0 (value)     */
	out[k++] = tb_a64_movz(1, 2, TB_EMU_LOOP_DATA, 0);  /* x2 = data address  */
	unsigned setup = k, loop = k;
	out[k++] = tb_a64_add_imm(1, 1, 1, 1, 0);           /* add  x1, x1, #1    */
	if (store)
		out[k++] = tb_a64_str(3, 1, 2, 0);          /* str  x1, [x2]      */
	out[k++] = tb_a64_subs_imm(1, 0, 0, 1, 0);          /* subs x0, x0, #1    */
	out[k] = tb_a64_b_cond(TB_NE, ((int64_t)loop - k) * 4); /* b.ne loop   */
	k++;
	unsigned body = k - loop;
	out[k++] = tb_a64_hlt(0);
	*insns = setup + body * n + 1;
	return k;
}

static const struct tb_emu_loop_impl *impl(const struct tb_case *c) { return c->k->impl; }
static bool is_str(const struct tb_case *c) { return impl(c)->store; }

bool tb_emu_loop_jit_supported(const char **why)
{
	*why = "the translator (jit) needs an x86-64 host; the -interp variants run anywhere";
	return tb_emu_jit_available();
}

static void start(struct loop *l)
{
	tb_emu_reset(l->e);
	tb_emu_set_pc(l->e, 0);
}

int tb_emu_loop_setup(struct tb_case *c, char *err, size_t errlen)
{
	if (c->n < 1)
		return tb_err(err, errlen, "iterations must be at least 1");
	struct loop *l = calloc(1, sizeof(*l));
	if (!l)
		return tb_err(err, errlen, "out of memory");
	l->e = tb_emu_create(LOOP_MEM, err, errlen);
	if (!l->e) {
		free(l);
		return -1;
	}
	if (tb_emu_set_engine(l->e, impl(c)->engine, err, errlen)) {
		tb_emu_destroy(l->e);
		free(l);
		return -1;
	}
	uint32_t prog[16];
	unsigned words = tb_emu_loop_program(prog, c->n, is_str(c), &l->insns);
	tb_emu_load_raw(l->e, 0, prog, words * 4, NULL, 0);
	tb_emu_write64(l->e, TB_EMU_LOOP_DATA, MARK);
	c->state = l;
	return 0;
}

void tb_emu_loop_run(struct tb_case *c, uint64_t iters)
{
	struct loop *l = c->state;
	for (uint64_t i = 0; i < iters; i++) {
		start(l);
		l->last = tb_emu_execute(l->e, l->insns + 1);
		tb_escape(&l->last);
	}
}

int tb_emu_loop_verify(struct tb_case *c, char *why, size_t len)
{
	struct loop *l = c->state;
	if (!l)
		return tb_err(why, len, "not set up");
	tb_emu_write64(l->e, TB_EMU_LOOP_DATA, MARK);
	start(l);
	struct tb_emu_result r = tb_emu_execute(l->e, l->insns + 1);
	uint64_t x0 = tb_emu_get_reg(l->e, 0), x1 = tb_emu_get_reg(l->e, 1), data = 0;
	tb_emu_read64(l->e, TB_EMU_LOOP_DATA, &data);
	uint64_t want_data = is_str(c) ? c->n : MARK;
	if (r.reason != TB_EMU_HALT)
		return tb_err(why, len, "stopped with %s at pc 0x%llx, wanted halt",
			      tb_emu_stop_name(r.reason), (unsigned long long)r.pc);
	if (r.executed != l->insns)
		return tb_err(why, len, "executed %llu instructions, the program implies %llu",
			      (unsigned long long)r.executed, (unsigned long long)l->insns);
	if (x0 != 0 || x1 != c->n)
		return tb_err(why, len, "counter x0 = %llu (want 0), value x1 = %llu (want %zu)",
			      (unsigned long long)x0, (unsigned long long)x1, c->n);
	if (data != want_data)
		return tb_err(why, len, "stored word = 0x%llx, want 0x%llx",
			      (unsigned long long)data, (unsigned long long)want_data);
	return 0;
}

void tb_emu_loop_teardown(struct tb_case *c)
{
	struct loop *l = c->state;
	if (l)
		tb_emu_destroy(l->e);
	free(l);
	c->state = NULL;
}

struct tb_work tb_emu_loop_work(const struct tb_case *c)
{
	uint32_t prog[16];
	uint64_t insns;
	tb_emu_loop_program(prog, c->n ? c->n : 1, is_str(c), &insns);
	return (struct tb_work){.bytes = 0, .flops = 0, .items = (double)insns, .item_unit = "insn"};
}

size_t tb_emu_loop_memory(const struct tb_case *c)
{
	(void)c;
	return LOOP_MEM + LOOP_MEM / 4 * 16 + LOOP_MEM / 4096;
}
