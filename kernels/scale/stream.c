/*
 * scale/stream.c - out-of-place with non-temporal (streaming) stores: y
 * goes straight to memory without being read first (no read-for-ownership)
 * and without evicting useful lines.  Pays off for arrays beyond the
 * last-level cache; in cache it is slower (the result leaves the cache).
 * The AVX2 loop of simd.h: a masked head until y is 32-byte aligned, 4
 * streamed vectors per trip, a masked tail, then sfence.
 */
#include "scale.h"
#include "simd.h"

TB_SCALE_SIMD_VARIANT(tb_avx2_scale, TB_AVX2, "avx2",
		      "this CPU has no AVX2 (streaming stores are done with AVX2)",
		      "streaming stores are implemented for x86-64 only", 0, true, true, false);

const struct tb_kernel tb_k_scale_stream = TB_SCALE_KERNEL(
	"stream", "AVX2 with non-temporal stores (for arrays beyond the last-level cache)",
	&impl, supported, TB_MODE_OUTOFPLACE, false);
