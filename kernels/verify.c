/* verify.c - the verification sweep shared by kernel families (verify.h). */
#include "verify.h"

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
