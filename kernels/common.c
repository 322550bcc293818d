/*
 * common.c - bit-exact comparison.  (Aligned allocation and the error
 * helper are in base/; seeded input is in fill.c: the one GSL user, left
 * out of cross builds.)
 */
#include "common.h"

#include <string.h>

size_t tb_first_bit_diff(const float *a, const float *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (memcmp(&a[i], &b[i], sizeof(float)) != 0)
			return i;
	return n;
}
