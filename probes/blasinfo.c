/*
 * blasinfo.c - OpenBLAS's own description (see blasinfo.h).  The scale
 * family's blas variant sets the thread count per case (--threads); this
 * records the library's default.
 */
#include "blasinfo.h"

#include <cblas.h>

int tb_blas_info(struct tb_kvlist *fp)
{
	const char *cfg = openblas_get_config(), *core = openblas_get_corename();
	int rc = 0;
	rc |= tb_kv_set(fp, "blas.config", cfg ? cfg : "");
	rc |= tb_kv_set(fp, "blas.core", core ? core : "");
	rc |= tb_kv_setf(fp, "blas.threads", "%d", openblas_get_num_threads());
	return rc ? -1 : 0;
}
