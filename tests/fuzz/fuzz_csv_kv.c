/*
 * fuzz_csv_kv.c - libFuzzer target: the key,value CSV reader (fingerprint
 * and options files of a baseline).
 */
#include "fuzz_common.h"

#include "reports/csv_read.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = tb_fuzz_file(data, size);
	struct tb_kvlist kv = {0};
	char err[512] = "";
	if (tb_csv_read_kv(path, &kv, err, sizeof(err))) {
		tb_fuzz_check_err(err);
	} else {
		for (size_t i = 0; i < kv.n; i++) {
			if (!kv.v[i].key || !kv.v[i].value)
				abort();
			for (size_t j = 0; j < i; j++)
				if (!strcmp(kv.v[i].key, kv.v[j].key))
					abort(); /* set() replaces: keys stay unique */
		}
	}
	tb_kv_free(&kv);
	return 0;
}
