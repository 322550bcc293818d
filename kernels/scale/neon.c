/*
 * scale/neon.c - AArch64 Advanced SIMD (NEON) intrinsics, 4 vectors (16
 * floats) per trip, then one vector per trip, then scalar for the last 0-3.
 * Built only for AArch64; elsewhere the variant says why it cannot run.
 * Verified under qemu-aarch64 by tests/cross/run.sh.
 */
#include "scale.h"

#if defined(__aarch64__)
#include <arm_neon.h>

static void out(const struct tb_case *c, float *restrict y, const float *restrict x,
		float a, size_t n)
{
	(void)c;
	size_t i = 0;
	for (; i + 16 <= n; i += 16) {
		float32x4_t p = vmulq_n_f32(vld1q_f32(x + i), a);
		float32x4_t q = vmulq_n_f32(vld1q_f32(x + i + 4), a);
		float32x4_t r = vmulq_n_f32(vld1q_f32(x + i + 8), a);
		float32x4_t s = vmulq_n_f32(vld1q_f32(x + i + 12), a);
		vst1q_f32(y + i, p);
		vst1q_f32(y + i + 4, q);
		vst1q_f32(y + i + 8, r);
		vst1q_f32(y + i + 12, s);
	}
	for (; i + 4 <= n; i += 4)
		vst1q_f32(y + i, vmulq_n_f32(vld1q_f32(x + i), a));
	for (; i < n; i++)
		y[i] = a * x[i];
}

static void in(const struct tb_case *c, float *x, float a, size_t n)
{
	(void)c;
	size_t i = 0;
	for (; i + 16 <= n; i += 16) {
		float32x4_t p = vmulq_n_f32(vld1q_f32(x + i), a);
		float32x4_t q = vmulq_n_f32(vld1q_f32(x + i + 4), a);
		float32x4_t r = vmulq_n_f32(vld1q_f32(x + i + 8), a);
		float32x4_t s = vmulq_n_f32(vld1q_f32(x + i + 12), a);
		vst1q_f32(x + i, p);
		vst1q_f32(x + i + 4, q);
		vst1q_f32(x + i + 8, r);
		vst1q_f32(x + i + 12, s);
	}
	for (; i + 4 <= n; i += 4)
		vst1q_f32(x + i, vmulq_n_f32(vld1q_f32(x + i), a));
	for (; i < n; i++)
		x[i] *= a;
}

/* Advanced SIMD is mandatory in AArch64 */
static const struct tb_scale_impl impl = {.out = out, .in = in};
#define SUPPORTED NULL
#else
static bool supported(const char **why)
{
	*why = "NEON needs an AArch64 CPU (see tests/cross for the qemu-aarch64 check)";
	return false;
}
static const struct tb_scale_impl impl = {0};
#define SUPPORTED supported
#endif

const struct tb_kernel tb_k_scale_neon = TB_SCALE_KERNEL(
	"neon", "AArch64 NEON intrinsics, 4 x 4 floats per trip", &impl, SUPPORTED,
	TB_SCALE_BOTH, false);
