/*
 * scale/stream512.c - out of place with AVX-512 non-temporal stores: each
 * vmovntps writes one whole 64-byte line (y is aligned by a masked head),
 * so the write-combining buffer leaves full lines; likwid-bench's
 * copy_mem_avx512 moves its bytes the same way.
 */
#include "scale.h"
#include "simd.h"

TB_SCALE_SIMD_VARIANT(tb_avx512_scale, TB_AVX512, "avx512f",
		      "this CPU has no AVX-512F (see stream for AVX2)",
		      "streaming stores are implemented for x86-64 only", 0, true, true, false);

const struct tb_kernel tb_k_scale_stream512 = TB_SCALE_KERNEL(
	"stream512", "AVX-512F with non-temporal stores, whole lines (beyond the last-level cache)",
	&impl, supported, TB_MODE_OUTOFPLACE, false);
