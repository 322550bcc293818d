/*
 * isa_neon.c - the vector ops (vec_body.h) compiled for AArch64 Advanced
 * SIMD (NEON), 4 lanes; every AArch64 CPU has it.  Elsewhere the variant
 * reports why it cannot run.
 */
#include "ops.h"

#if defined(__aarch64__)
#include <arm_neon.h>
#define TB_VFMA(a, b, c) ((vf)vfmaq_f32((float32x4_t)(c), (float32x4_t)(a), (float32x4_t)(b))) /* one rounding: a * b + c exactly, rounded */
#define TB_VANY(m) (vmaxvq_u32((uint32x4_t)(m)) != 0) /* some lane of an int mask set */
#define TB_VW 4
#define TB_ISA neon
#include "vec_body.h"
bool tb_ops_neon_supported(const char **why)
{
	(void)why;
	return true;
}
#else
const struct tb_ops_isa tb_ops_neon = {.name = "neon"};
bool tb_ops_neon_supported(const char **why)
{
	*why = "NEON needs an AArch64 CPU (see tests/cross for the qemu-aarch64 check)";
	return false;
}
#endif
