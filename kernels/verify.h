/*
 * verify.h - the sweep a kernel's verify() runs: the case's own size and
 * offset, then odd sizes (1 ... 1025) at offsets 0, 1, 3 floats past a
 * 64-byte boundary, so vector bodies, tails and unaligned starts are all
 * compared with the reference.
 */
#ifndef TB_KERNELS_VERIFY_H
#define TB_KERNELS_VERIFY_H

#include "kernel.h"

/* one comparison: n elements starting off floats past a boundary, inputs
 * from seed; 0, or -1 with why filled */
typedef int (*tb_check_fn)(struct tb_case *c, size_t n, size_t off, uint64_t seed, char *why,
			   size_t len);

/* check(c->n, c->misalign, c->seed), then every odd size x offset; stops at
 * the first failure and returns its code (-1, or TB_VERIFY_NOMEM) */
int tb_verify_sweep(struct tb_case *c, tb_check_fn check, char *why, size_t len);

#endif
