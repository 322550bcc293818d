/*
 * fuzz_gbench.c - libFuzzer target: a file as Google Benchmark JSON (and
 * whatever else the loader detects in it).  See fuzz_foreign.h.
 */
#include "fuzz_foreign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = tb_fuzz_file(data, size);
	struct tb_resultset rs = {0};
	char err[512] = "";
	struct tb_read_opts o = {.gbench_time = size % 2 ? TB_GBENCH_CPU : TB_GBENCH_REAL};
	tb_fuzz_foreign_check(tb_results_load_opts(path, &o, &rs, NULL, 0, err, sizeof(err)), &rs, err);
	tb_resultset_free(&rs);
	return 0;
}
