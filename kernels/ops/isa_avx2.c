/*
 * isa_avx2.c - the vector ops (vec_body.h) compiled for AVX2 + FMA, 8 lanes.
 * Only this file's op code is built for AVX2; supported() is plain x86-64.
 */
#include "ops.h"

#if defined(__x86_64__) && !defined(__clang__) /* clang (fuzz build) lacks GCC target pragmas */
#pragma GCC push_options
#pragma GCC target("avx2,fma")
#include <immintrin.h>
#define TB_VFMA(a, b, c) ((vf)_mm256_fmadd_ps((__m256)(a), (__m256)(b), (__m256)(c))) /* one rounding: a * b + c exactly, rounded */
#define TB_VANY(m) (!_mm256_testz_si256((__m256i)(m), (__m256i)(m))) /* some lane of an int mask set */
#define TB_VMAX(a, b) ((vf)_mm256_max_ps((__m256)(a), (__m256)(b))) /* a > b ? a : b */
#define TB_VMIN(a, b) ((vf)_mm256_min_ps((__m256)(a), (__m256)(b))) /* a < b ? a : b */
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
