/*
 * variants.c - one small plugin source, compiled by tests/cli/t1600 into
 * one shared object per way a plugin can be wrong (and one right one):
 *   -DFAMILY='"name"'   the family it brings (default "tplug")
 *   -DPLUGIN_ABI=N      the abi its table claims (default TB_KERNEL_ABI)
 *   -DKERNEL_ABI=N      the abi its descriptor claims
 *   -DNO_TABLE          exports no tbench_plugin
 *   -DNO_VERIFY         the descriptor lacks verify()
 *   -DNO_REFERENCE      the family's reference variant is missing
 *   -DUNRESOLVED        calls a function tbench does not export
 *   -DWRONG             its kernel computes a wrong answer (failed-verify)
 */
#include <tbench/kernel.h>

#ifndef FAMILY
#define FAMILY "tplug"
#endif
#ifndef PLUGIN_ABI
#define PLUGIN_ABI TB_KERNEL_ABI
#endif
#ifndef KERNEL_ABI
#define KERNEL_ABI TB_KERNEL_ABI
#endif

#ifdef UNRESOLVED
void tb_not_exported_by_tbench(void);
#endif

static void run(struct tb_case *c, uint64_t iters)
{
	uint64_t x = c->seed;
	for (uint64_t i = 0; i < iters; i++)
		x = x * 3 + 1;
	tb_escape(&x);
#ifdef UNRESOLVED
	tb_not_exported_by_tbench();
#endif
}

__attribute__((unused)) static int verify(struct tb_case *c, char *why, size_t len)
{
	float want[3] = {1, 2, 3}, got[3] = {1, 2, 3};
	(void)c;
#ifdef WRONG
	got[2] = 3.0000002f;
#endif
	return tb_compare_ulp("tplug", got, want, 3, 0, why, len);
}

static struct tb_work work(const struct tb_case *c)
{
	return (struct tb_work){.items = (double)c->n, .item_unit = "op"};
}

static const struct tb_kernel k = {
	.abi = KERNEL_ABI,
	.family = FAMILY,
#ifdef NO_REFERENCE
	.variant = "other",
#else
	.variant = "one",
#endif
	.summary = "a test plugin's kernel",
	.run = run,
#ifndef NO_VERIFY
	.verify = verify,
#endif
	.work = work,
};

static const struct tb_family fam[] = {{.name = FAMILY, .summary = "a test plugin",
					.default_sizes = "10,20", .reference = "one",
					.size_unit = "steps", .suite_sizes = "10"}};
static const struct tb_kernel *const ks[] = {&k};

#ifndef NO_TABLE
const struct tb_plugin tbench_plugin = {.abi = PLUGIN_ABI, .name = FAMILY "-test", .families = fam,
					.nfamilies = 1, .kernels = ks, .nkernels = 1};
#else
const struct tb_plugin not_the_table = {.abi = PLUGIN_ABI, .families = fam, .nfamilies = 1, .kernels = ks, .nkernels = 1};
#endif
