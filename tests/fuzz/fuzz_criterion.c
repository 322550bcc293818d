/*
 * fuzz_criterion.c - libFuzzer target: a criterion.rs directory.  The
 * input is up to three files separated by a line "@@": sample.json,
 * estimates.json, benchmark.json of DIR/bench/new/ (an absent part: no
 * such file); the tree DIR is read.  See fuzz_foreign.h.
 */
#include "fuzz_foreign.h"

#include <sys/stat.h>

static char dir[64], side[96];

static void put(const char *name, const uint8_t *p, size_t n, bool present)
{
	char path[160];
	snprintf(path, sizeof(path), "%s/%s", side, name);
	if (!present) {
		unlink(path);
		return;
	}
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n)
		abort();
	fclose(f);
}

static void cleanup(void)
{
	static const char *const names[] = {"sample.json", "estimates.json", "benchmark.json"};
	char path[160];
	for (size_t i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", side, names[i]);
		unlink(path);
	}
	rmdir(side);
	snprintf(path, sizeof(path), "%s/bench", dir);
	rmdir(path);
	rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dir[0]) {
		tb_fuzz_file(data, 0); /* the temporary file's name, for the JSON check */
		snprintf(dir, sizeof(dir), "%s", access("/dev/shm", W_OK) == 0 ? "/dev/shm/tb_fuzz_crit_XXXXXX"
										 : "/tmp/tb_fuzz_crit_XXXXXX");
		if (!mkdtemp(dir))
			abort();
		snprintf(side, sizeof(side), "%s/bench", dir);
		mkdir(side, 0700);
		snprintf(side, sizeof(side), "%s/bench/new", dir);
		mkdir(side, 0700);
		atexit(cleanup);
	}
	static const char *const names[] = {"sample.json", "estimates.json", "benchmark.json"};
	const uint8_t *p = data, *end = data + size;
	for (size_t i = 0; i < 3; i++) {
		const uint8_t *q = p;
		while (q + 3 < end && memcmp(q, "\n@@\n", 4))
			q++;
		if (q + 3 >= end)
			q = end;
		put(names[i], p, (size_t)(q - p), p < end || i == 0);
		p = q < end ? q + 4 : end;
	}
	struct tb_resultset rs = {0};
	char err[512] = "";
	tb_fuzz_foreign_check(tb_results_load(dir, &rs, NULL, 0, err, sizeof(err)), &rs, err);
	tb_resultset_free(&rs);
	return 0;
}
