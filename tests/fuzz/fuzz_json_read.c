/*
 * fuzz_json_read.c - libFuzzer target: the tbench JSON document reader
 * (tbench report / compare read saved runs back from it).
 */
#include "fuzz_common.h"

#include "reports/json.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = tb_fuzz_file(data, size);
	struct tb_resultset rs = {0};
	char err[512] = "";
	if (tb_json_read(path, &rs, err, sizeof(err))) {
		tb_fuzz_check_err(err);
	} else {
		for (size_t i = 0; i < rs.n; i++) {
			if (!rs.r[i].family[0] || !rs.r[i].variant[0])
				abort();
			for (size_t j = 0; j < i; j++)
				if (tb_result_same_key(&rs.r[j], &rs.r[i]))
					abort();
		}
	}
	tb_resultset_free(&rs);
	return 0;
}
