/*
 * scale/avx2.c - AVX2 intrinsics, 4 vectors (32 floats) per trip, then one
 * vector per trip, then a masked tail (vmaskmov never touches the lanes
 * it leaves out, so the tail cannot read or write past the end).  The loop
 * is tb_avx2_scale (simd.h); target attributes per function keep the rest
 * of tbench baseline x86-64.
 */
#include "scale.h"
#include "simd.h"

TB_SCALE_SIMD_VARIANT(tb_avx2_scale, TB_AVX2, "avx2", "this CPU has no AVX2",
		      "AVX2 is x86-64 only", 0, false, false, true);

const struct tb_kernel tb_k_scale_avx2 = TB_SCALE_KERNEL(
	"avx2", "AVX2 intrinsics, 4 x 8 floats per trip, masked tail", &impl, supported,
	TB_SCALE_BOTH, false);
