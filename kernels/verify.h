/*
 * verify.h - the sweep a kernel's verify() runs (tb_verify_sweep) and the
 * ULP comparison: declared in the public API, include/tbench/kernel.h, so
 * plugins run the same sweep as tbench's own kernels.
 */
#ifndef TB_KERNELS_VERIFY_H
#define TB_KERNELS_VERIFY_H

#include "kernel.h"

#endif
