/*
 * isa_neon.c - the vector ops (vec_body.h) compiled for AArch64 Advanced
 * SIMD (NEON), 4 lanes; every AArch64 CPU has it.  Elsewhere the variant
 * reports why it cannot run.
 */
#include "ops.h"

#if defined(__aarch64__)
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
