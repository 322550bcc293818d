/*
 * blas_dl.c - OpenBLAS opened at its first use (see blas_dl.h).
 * TB_OPENBLAS_SONAME is the soname of the library the build found.
 */
#define TB_BLAS_DL_IMPL
#include "blas_dl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef TB_OPENBLAS_SONAME
#define TB_OPENBLAS_SONAME "libopenblas.so.0"
#endif

static struct tb_blas_api api;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded;

static void load(void)
{
	/* OpenBLAS starts its worker pool when it loads, and idle workers spin
	 * on sched_yield for a while: on the other CPU, during the measured
	 * samples of whatever case runs next (the fingerprint loads it before
	 * any case).  Unless the user chose a count, it loads with none; the
	 * blas variants ask for their case's threads (the pool grows then). */
	if (!getenv("OPENBLAS_NUM_THREADS") && !getenv("GOTO_NUM_THREADS") &&
	    !getenv("OMP_NUM_THREADS"))
		setenv("OPENBLAS_NUM_THREADS", "1", 0);
	void *h = dlopen(TB_OPENBLAS_SONAME, RTLD_NOW | RTLD_GLOBAL);
	if (!h) {
		fprintf(stderr, "tbench: cannot load OpenBLAS (%s): %s\n", TB_OPENBLAS_SONAME, dlerror());
		exit(1);
	}
#define TB_BLAS_SYM(f)                                                                     \
	if (!(api.f = (__typeof__(api.f))dlsym(h, #f))) {                                  \
		fprintf(stderr, "tbench: %s has no %s: not OpenBLAS?\n", TB_OPENBLAS_SONAME, #f); \
		exit(1);                                                                   \
	}
	TB_BLAS_FUNCS(TB_BLAS_SYM)
#undef TB_BLAS_SYM
	__atomic_store_n(&loaded, 1, __ATOMIC_RELEASE);
}

const struct tb_blas_api *tb_blas(void)
{
	pthread_once(&once, load);
	return &api;
}

int tb_blas_loaded(void)
{
	return __atomic_load_n(&loaded, __ATOMIC_ACQUIRE);
}
