/*
 * fuzz_parse.c - libFuzzer target: option value parsing (cmd/parse.c).
 * The first byte picks the parser, the rest is the value.  Accepted values
 * must satisfy the documented ranges; rejected ones must say why.
 */
#include "base/parse.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 4096)
		return 0;
	char *s = malloc(size);
	if (!s)
		return 0;
	memcpy(s, data + 1, size - 1);
	s[size - 1] = 0;
	char err[512] = "";
	int rc = 0;
	switch (data[0] % 6) {
	case 0: {
		struct tb_size z;
		rc = tb_parse_size(s, &z, err, sizeof(err));
		if (!rc && (z.n == 0 || z.n > TB_SIZE_MAX || z.rows * z.cols != z.n || !z.rows || !z.cols))
			abort();
		break;
	}
	case 1: {
		uint64_t b;
		rc = tb_parse_bytes("--memory", s, &b, err, sizeof(err));
		if (!rc && b == 0)
			abort();
		break;
	}
	case 2: {
		double ns;
		rc = tb_parse_duration("--max-time", s, &ns, err, sizeof(err));
		if (!rc && !(ns > 0 && ns <= 86400e9))
			abort();
		break;
	}
	case 3: {
		uint64_t v;
		rc = tb_parse_u64("--samples", s, 1, 10000000, &v, err, sizeof(err));
		if (!rc && (v < 1 || v > 10000000))
			abort();
		break;
	}
	case 4: {
		double d;
		rc = tb_parse_double("--alpha", s, -1e30, 1e30, &d, err, sizeof(err));
		if (!rc && !(d >= -1e30 && d <= 1e30))
			abort();
		break;
	}
	case 5: {
		char *items[8];
		int n = tb_split_list(s, items, 8);
		if (n > 8 || n == 0)
			abort();
		for (int i = 0; i < n; i++)
			if (!items[i][0] || strchr(items[i], ','))
				abort();
		free(s);
		return 0;
	}
	}
	if (rc && !err[0])
		abort();
	free(s);
	return 0;
}
