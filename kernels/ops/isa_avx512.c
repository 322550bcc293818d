/*
 * isa_avx512.c - the vector ops (vec_body.h) compiled for AVX-512
 * (F, DQ, BW, VL), 16 lanes.  supported() itself is plain x86-64.
 */
#include "ops.h"

#if defined(__x86_64__) && !defined(__clang__) /* clang (fuzz build) lacks GCC target pragmas */
#pragma GCC push_options
#pragma GCC target("avx512f,avx512dq,avx512bw,avx512vl,avx2,fma")
#include <immintrin.h>
#define TB_VFMA(a, b, c) ((vf)_mm512_fmadd_ps((__m512)(a), (__m512)(b), (__m512)(c))) /* one rounding: a * b + c exactly, rounded */
#define TB_VANY(m) (_mm512_test_epi32_mask((__m512i)(m), (__m512i)(m)) != 0) /* some lane of an int mask set */
#define TB_VMAX(a, b) ((vf)_mm512_max_ps((__m512)(a), (__m512)(b))) /* a > b ? a : b */
#define TB_VMIN(a, b) ((vf)_mm512_min_ps((__m512)(a), (__m512)(b))) /* a < b ? a : b */
#define TB_VW 16
#define TB_ISA avx512
#include "vec_body.h"
#pragma GCC pop_options

bool tb_ops_avx512_supported(const char **why)
{
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
	    __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl"))
		return true;
	*why = "this CPU lacks AVX-512 (F, DQ, BW, VL)";
	return false;
}
#else
const struct tb_ops_isa tb_ops_avx512 = {.name = "avx512"};
bool tb_ops_avx512_supported(const char **why)
{
	*why = "AVX-512 variants need x86-64 and a GCC build";
	return false;
}
#endif
