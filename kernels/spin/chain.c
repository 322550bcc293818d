/*
 * spin/chain.c - the calibration kernel: a fixed chain of n dependent
 * integer multiply-adds per call (an LCG step each), so a call costs a
 * known, memory-free amount of work.  It exists to test the harness and the
 * regression gate (whose self-test makes it longer with `run --work-factor`,
 * a test aid of the engine, engine/case.c, that works for every kernel).
 */
#include "../common.h"
#include "../kernel.h"

#define LCG_MUL 6364136223846793005ull
#define LCG_ADD 1442695040888963407ull

static uint64_t steps(const struct tb_case *c)
{
	return c->n;
}

static uint64_t chain(uint64_t x, uint64_t k)
{
	for (uint64_t i = 0; i < k; i++) {
		x = x * LCG_MUL + LCG_ADD;
		__asm__ volatile("" : "+r"(x)); /* one step at a time: no unrolling tricks */
	}
	return x;
}

static void run(struct tb_case *c, uint64_t iters)
{
	uint64_t k = steps(c), x = c->seed;
	for (uint64_t i = 0; i < iters; i++)
		x = chain(x, k);
	tb_escape(&x);
}

/* the chain must be the LCG: three steps from 1, computed by hand */
static int verify(struct tb_case *c, char *why, size_t len)
{
	(void)c;
	uint64_t want = 1;
	for (int i = 0; i < 3; i++)
		want = want * LCG_MUL + LCG_ADD;
	if (chain(1, 3) != want)
		return tb_err(why, len, "spin chain: 3 steps from 1 gave the wrong value");
	return 0;
}

static struct tb_work work(const struct tb_case *c)
{
	return (struct tb_work){.items = (double)steps(c), .item_unit = "op"};
}

const struct tb_kernel tb_k_spin_chain = {
	.abi = TB_KERNEL_ABI,
	.family = "spin",
	.variant = "chain",
	.summary = "n dependent integer multiply-adds per call (calibration of the harness)",
	.modes = TB_MODE_NONE,
	.run = run,
	.verify = verify,
	.work = work,
};
