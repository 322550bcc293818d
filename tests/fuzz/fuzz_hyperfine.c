/*
 * fuzz_hyperfine.c - libFuzzer target: a file as hyperfine --export-json
 * (detected by content, like every foreign file).  See fuzz_foreign.h.
 */
#include "fuzz_foreign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = tb_fuzz_file(data, size);
	struct tb_resultset rs = {0};
	char err[512] = "";
	tb_fuzz_foreign_check(tb_results_load(path, &rs, NULL, 0, err, sizeof(err)), &rs, err);
	tb_resultset_free(&rs);
	return 0;
}
