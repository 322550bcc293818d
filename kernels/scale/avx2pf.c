/*
 * scale/avx2pf.c - the AVX2 loop with software prefetch of x
 * TB_SCALE_PF_BYTES ahead (two prefetcht0 per 128-byte trip) and a masked
 * head that aligns y to 32 bytes.  It pays where the hardware prefetchers
 * fall short (large L3-resident arrays on Zen 3); in L2 the extra loads
 * cost, which is why `best` measures before it picks.
 */
#include "scale.h"
#include "simd.h"

TB_SCALE_SIMD_VARIANT(tb_avx2_scale, TB_AVX2, "avx2", "this CPU has no AVX2",
		      "AVX2 is x86-64 only", TB_SCALE_PF_BYTES, false, true, true);

const struct tb_kernel tb_k_scale_avx2_pf = TB_SCALE_KERNEL(
	"avx2-pf", "AVX2, 4 x 8 floats per trip, software prefetch 2 KiB ahead, y aligned",
	&impl, supported, TB_SCALE_BOTH, false);
