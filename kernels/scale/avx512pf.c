/*
 * scale/avx512pf.c - the AVX-512 loop with software prefetch of x
 * TB_SCALE_PF_BYTES ahead (four prefetcht0 per 256-byte trip) and a masked
 * head that aligns y to 64 bytes (no store splits a cache line).
 */
#include "scale.h"
#include "simd.h"

TB_SCALE_SIMD_VARIANT(tb_avx512_scale, TB_AVX512, "avx512f", "this CPU has no AVX-512F",
		      "AVX-512 is x86-64 only", TB_SCALE_PF_BYTES, false, true, true);

const struct tb_kernel tb_k_scale_avx512_pf = TB_SCALE_KERNEL(
	"avx512-pf", "AVX-512F, 4 x 16 floats per trip, software prefetch 2 KiB ahead, y aligned",
	&impl, supported, TB_SCALE_BOTH, false);
