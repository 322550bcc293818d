/*
 * blas_dl.h - OpenBLAS opened at its first use (dlopen) instead of at
 * start-up.  Linked the usual way, OpenBLAS (and libgfortran behind it) is
 * mapped and relocated, and its thread pool started, by every tbench
 * process, `tbench emu run` and `--version` included: several milliseconds
 * of a short command's whole-process time.  Include this instead of
 * <cblas.h>: the calls below then go through tb_blas(), which loads the
 * library the first time (thread-safe) and, when it cannot, prints one line
 * and exits 1 (OpenBLAS is a required dependency: before, such a process
 * did not start at all).
 */
#ifndef TB_BLAS_DL_H
#define TB_BLAS_DL_H

#include <cblas.h>

#define TB_BLAS_FUNCS(X)                                                             \
	X(cblas_sscal) X(cblas_scopy) X(openblas_set_num_threads) X(openblas_get_num_threads) \
	X(openblas_get_config) X(openblas_get_corename)

struct tb_blas_api {
#define TB_BLAS_PTR(f) __typeof__(f) *f;
	TB_BLAS_FUNCS(TB_BLAS_PTR)
#undef TB_BLAS_PTR
};

/* the loaded functions (never NULL: exits when the library cannot load) */
const struct tb_blas_api *tb_blas(void);
/* whether OpenBLAS has been loaded in this process yet */
int tb_blas_loaded(void);

#ifndef TB_BLAS_DL_IMPL /* blas_dl.c itself names the real functions */
#define cblas_sscal (tb_blas()->cblas_sscal)
#define cblas_scopy (tb_blas()->cblas_scopy)
#define openblas_set_num_threads (tb_blas()->openblas_set_num_threads)
#define openblas_get_num_threads (tb_blas()->openblas_get_num_threads)
#define openblas_get_config (tb_blas()->openblas_get_config)
#define openblas_get_corename (tb_blas()->openblas_get_corename)
#endif

#endif
