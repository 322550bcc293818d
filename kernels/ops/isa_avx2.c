/*
 * isa_avx2.c - the vector ops (vec_body.h) compiled for AVX2 + FMA, 8 lanes.
 * Only this file's op code is built for AVX2; supported() is plain x86-64.
 */
#include "ops.h"

#if defined(__x86_64__) && !defined(__clang__) /* clang (fuzz build) lacks GCC target pragmas */
#pragma GCC push_options
#pragma GCC target("avx2,fma")
#define TB_VW 8
#define TB_ISA avx2
#include "vec_body.h"
#pragma GCC pop_options

bool tb_ops_avx2_supported(const char **why)
{
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
		return true;
	*why = "this CPU lacks AVX2 or FMA";
	return false;
}
#else
const struct tb_ops_isa tb_ops_avx2 = {.name = "avx2"};
bool tb_ops_avx2_supported(const char **why)
{
	*why = "AVX2 variants need x86-64 and a GCC build";
	return false;
}
#endif
