/*
 * common.h - helpers shared by kernels: the public API's (seeded input,
 * bit-exact and ULP comparison, aligned buffers and error messages:
 * include/tbench/kernel.h, what plugins see) and base/'s allocation and
 * error helpers, which define the functions behind those declarations.
 * Both are included here, so the compiler checks that the public
 * declarations and base/'s agree.  Nothing here prints or measures.
 */
#ifndef TB_KERNELS_COMMON_H
#define TB_KERNELS_COMMON_H

#include "../include/tbench/kernel.h"
#include "alloc.h" /* base/: tb_alloc, tb_free, tb_mul_size, TB_ALIGN */
#include "err.h"   /* base/: tb_err */

#include <stddef.h>
#include <stdint.h>

#endif
