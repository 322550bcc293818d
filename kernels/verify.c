/* verify.c - the verification sweep and the ULP comparison shared by kernel
 * families and plugins (include/tbench/kernel.h). */
#include "verify.h"

#include <stdio.h>
#include <string.h>

int tb_verify_sweep(struct tb_case *c, tb_check_fn check, char *why, size_t len)
{
	static const size_t odd[] = {1, 3, 15, 17, 63, 65, 1023, 1025};
	static const size_t offs[] = {0, 1, 3};
	int rc = check(c, c->n, c->misalign, c->seed, why, len);
	for (size_t i = 0; !rc && i < sizeof(odd) / sizeof(odd[0]); i++)
		for (size_t j = 0; !rc && j < sizeof(offs) / sizeof(offs[0]); j++)
			rc = check(c, odd[i], offs[j], c->seed + i, why, len);
	return rc;
}

/* floats as integers on one monotonic line: -0 and +0 meet at 0 */
static int64_t ordered(float f)
{
	int32_t i;
	memcpy(&i, &f, sizeof(i));
	return i < 0 ? -(int64_t)(i & 0x7fffffff) : (int64_t)i;
}

uint32_t tb_ulp_diff(float a, float b)
{
	if (a != a || b != b)
		return (a != a && b != b) ? 0 : UINT32_MAX;
	int64_t d = ordered(a) - ordered(b);
	if (d < 0)
		d = -d;
	return d > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)d;
}

int tb_compare_ulp(const char *what, const float *got, const float *want, size_t n,
		   uint32_t max_ulp, char *why, size_t len)
{
	for (size_t i = 0; i < n; i++) {
		uint32_t d = tb_ulp_diff(got[i], want[i]);
		if (d > max_ulp) {
			if (why && len)
				snprintf(why, len, "%s: element %zu of %zu is %.9g, the reference %.9g (%u ulp apart, at most %u allowed)",
					 what ? what : "kernel", i, n, (double)got[i], (double)want[i], d, max_ulp);
			return -1;
		}
	}
	return 0;
}
