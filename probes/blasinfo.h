/*
 * blasinfo.h - what the BLAS library says about itself (OpenBLAS build
 * configuration, the core kernel it picked, its default thread count), for
 * the fingerprint stored with every result set.
 */
#ifndef TB_BLASINFO_H
#define TB_BLASINFO_H

#include "kv.h"

/* adds blas.config, blas.core, blas.threads; 0 ok, -1 out of memory */
int tb_blas_info(struct tb_kvlist *fp);

#endif
