/*
 * scale/blas.c - OpenBLAS: cblas_sscal in place; out of place as
 * cblas_scopy + cblas_sscal (BLAS has no y = a*x).  OpenBLAS returns early
 * for a == 1, which is why the scale factor is never 1.  BLAS threads are
 * set to the case's thread count before the buffers are made.
 */
#include "scale.h"

#include "../blas_dl.h"
#include <limits.h>

/* blasint may be 32-bit: long arrays go in chunks */
#define CHUNK ((size_t)1 << 30)

static void out(const struct tb_case *c, float *restrict y, const float *restrict x,
		float a, size_t n)
{
	(void)c;
	for (size_t i = 0; i < n; i += CHUNK) {
		blasint m = (blasint)(n - i < CHUNK ? n - i : CHUNK);
		cblas_scopy(m, x + i, 1, y + i, 1);
		cblas_sscal(m, a, y + i, 1);
	}
}

static void in(const struct tb_case *c, float *x, float a, size_t n)
{
	(void)c;
	for (size_t i = 0; i < n; i += CHUNK) {
		blasint m = (blasint)(n - i < CHUNK ? n - i : CHUNK);
		cblas_sscal(m, a, x + i, 1);
	}
}

static void prepare(const struct tb_case *c)
{
	openblas_set_num_threads(c->threads > 0 && c->threads < INT_MAX ? (int)c->threads : 1);
}

static const struct tb_scale_impl impl = {.out = out, .in = in, .prepare = prepare};

const struct tb_kernel tb_k_scale_blas = TB_SCALE_KERNEL(
	"blas", "OpenBLAS cblas_sscal (outofplace: cblas_scopy + cblas_sscal), --threads BLAS threads",
	&impl, NULL, TB_SCALE_BOTH, true);
