/*
 * null/empty.c - an empty call: what the harness itself costs per iteration.
 */
#include "../kernel.h"

static void run(struct tb_case *c, uint64_t iters)
{
	for (uint64_t i = 0; i < iters; i++)
		tb_escape(c);
}

static int verify(struct tb_case *c, char *why, size_t len)
{
	(void)c, (void)why, (void)len;
	return 0;
}

static struct tb_work work(const struct tb_case *c)
{
	(void)c;
	return (struct tb_work){.bytes = 0, .flops = 0, .items = 1, .item_unit = "call"};
}

const struct tb_kernel tb_k_null_empty = {
	.abi = TB_KERNEL_ABI,
	.family = "null",
	.variant = "empty",
	.summary = "an empty call with an optimisation barrier (harness cost)",
	.modes = TB_MODE_NONE,
	.run = run,
	.verify = verify,
	.work = work,
};
