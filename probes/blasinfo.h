/*
 * blasinfo.h - what the BLAS library says about itself (OpenBLAS build
 * configuration, the core kernels it picked, its default thread count) for
 * the fingerprint stored with every result set, and whether that core is
 * older than the CPU (OpenBLAS 0.3.21 runs its generic Prescott kernels on
 * CPUs it does not know, such as Sapphire Rapids): then its figures are
 * not OpenBLAS at its best here.  The names OPENBLAS_CORETYPE accepts.
 */
#ifndef TB_BLASINFO_H
#define TB_BLASINFO_H

#include "kv.h"

#include <stdbool.h>
#include <stddef.h>

/* adds blas.config, blas.core, blas.threads, blas.core_vs_cpu (and
 * blas.core_requested when OPENBLAS_CORETYPE is set); 0 ok, -1 out of memory */
int tb_blas_info(struct tb_kvlist *fp);

/* ISA levels of kernels and CPUs: what each needs or has */
enum tb_isa_level { TB_ISA_UNKNOWN = -1, TB_ISA_SSE, TB_ISA_AVX, TB_ISA_AVX2, TB_ISA_AVX512 };
const char *tb_isa_level_name(enum tb_isa_level l); /* "SSE2/SSE3", "AVX", ... */
/* the vector ISA a core's kernels use (case-insensitive name; unknown: -1) */
enum tb_isa_level tb_blas_core_level(const char *core);
/* the best of those this CPU (and OS) runs */
enum tb_isa_level tb_cpu_isa_level(void);

/* When OpenBLAS runs a core older than the CPU's ISA: true and one line
 * saying so in buf ("OpenBLAS runs its Prescott kernels (SSE2/SSE3) on a
 * CPU with AVX-512: ..."). */
bool tb_blas_core_older(char *buf, size_t len);

/* Check a --blas-core NAME: 0 and the canonical spelling in canon, or -1
 * with err naming what OPENBLAS_CORETYPE accepts here (the cores whose
 * instructions this CPU has). */
int tb_blas_core_check(const char *name, char *canon, size_t clen, char *err, size_t errlen);

#endif
