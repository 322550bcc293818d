/*
 * plan.h - the plan of `tbench run`: its cases (kernel, mode, size,
 * threads) and the notes made while building it (run_plan.c builds it,
 * run_select.c names and prints its cases).
 */
#ifndef TB_CMD_PLAN_H
#define TB_CMD_PLAN_H

#include "../base/parse.h"
#include "../kernels/kernel.h"

#include <stddef.h>

struct tb_plan_case {
	const struct tb_kernel *k;
	enum tb_mode mode;
	struct tb_size size;
	unsigned threads;
};

struct tb_plan {
	struct tb_plan_case *c;
	size_t n, cap;
	char tiers[1024];  /* note on the size tiers used ("" when none) */
	char caches[320];  /* the cache sizes the tiers were resolved from */
	char skipped[512]; /* default sizes left out: too large for the memory */
};

#endif
