/*
 * scale/avx512.c - AVX-512F intrinsics, 4 vectors (64 floats) per trip,
 * then one vector per trip, then one masked load/store for the last 0-15
 * elements (masked-off lanes are never accessed, so no overrun).  The loop
 * is tb_avx512_scale (simd.h).
 */
#include "scale.h"
#include "simd.h"

TB_SCALE_SIMD_VARIANT(tb_avx512_scale, TB_AVX512, "avx512f", "this CPU has no AVX-512F",
		      "AVX-512 is x86-64 only", 0, false, false, true);

const struct tb_kernel tb_k_scale_avx512 = TB_SCALE_KERNEL(
	"avx512", "AVX-512F intrinsics, 4 x 16 floats per trip, masked tail", &impl, supported,
	TB_SCALE_BOTH, false);
