/*
 * glance.h - "at a glance": per family, mode and size, the variant with the
 * highest throughput, the runner-up and the scalar reference, as one plain
 * sentence.  Shared by the HTML and Markdown writers (each escapes it).
 */
#ifndef TB_GLANCE_H
#define TB_GLANCE_H

#include "results.h"

#include <stdbool.h>
#include <stddef.h>

struct tb_glance {
	const struct tb_result *best, *second, *ref; /* ref NULL without a scalar variant */
};

/* measured: ok or partial, with a positive median */
bool tb_result_measured(const struct tb_result *r);
/* work per second: items when the kernel counts them (variants of a family may
 * do different work per call, e.g. the emulator's loops), else calls */
double tb_result_speed(const struct tb_result *r);
/* One entry per (family, mode, size) with two or more measured cases (thread
 * counts compete too); *out is malloc'd (free it).  Returns how many, or 0. */
size_t tb_glance(const struct tb_resultset *rs, struct tb_glance **out);
/* "scale outofplace 1000x1000: avx2 is fastest: 9.1 Gelem/s (110 µs per call),
 * 2.53× autovec, 3.10× the scalar reference" */
void tb_glance_text(const struct tb_glance *g, char *buf, size_t len);

#endif
