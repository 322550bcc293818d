/*
 * test_scale.c - every supported scale variant matches the scalar reference
 * bit for bit, in both modes, on odd sizes and unaligned starts; and a wrong
 * kernel is caught by verification (the check can fail).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernels/cache.h"
#include "kernels/common.h"
#include "kernels/pool.h"
#include "kernels/scale/scale.h"

#include "kernels/blas_dl.h"

static const size_t sizes[] = {1, 3, 15, 17, 1023, 1025, 4096 + 7};

static void reference_is_a_times_x(void **state)
{
	(void)state;
	float x[37], y[37];
	for (int i = 0; i < 37; i++)
		x[i] = (float)i - 10.25f;
	tb_scale_ref_out(y, x, 1.5f, 37);
	for (int i = 0; i < 37; i++)
		assert_true(y[i] == 1.5f * x[i]);
	tb_scale_ref_in(x, 1.5f, 37);
	assert_memory_equal(x, y, sizeof(x));
}

static void check_variant(const struct tb_kernel *k, unsigned threads)
{
	enum tb_mode modes[] = {TB_MODE_OUTOFPLACE, TB_MODE_INPLACE};
	struct tb_pool *pool = NULL;
	char err[256];
	if (threads > 1) {
		pool = tb_pool_create(threads, false, 0, err, sizeof(err));
		assert_non_null(pool);
	}
	for (int m = 0; m < 2; m++) {
		if (!(k->modes & modes[m]))
			continue;
		for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++)
			for (size_t off = 0; off < 4; off++) {
				struct tb_case c = {.k = k, .mode = modes[m], .n = sizes[s], .rows = 1,
						    .cols = sizes[s], .threads = threads, .seed = 7 + s,
						    .alpha = 1.5f, .misalign = off, .pool = pool};
				err[0] = 0;
				int rc = k->verify(&c, err, sizeof(err));
				if (rc)
					fail_msg("%s/%s %s n=%zu off=%zu: %s", k->family, k->variant,
						 tb_mode_name(modes[m]), sizes[s], off, err);
				assert_int_equal(k->setup(&c, err, sizeof(err)), 0);
				/* again once set up: what a planning variant chose */
				if (k->verify(&c, err, sizeof(err)))
					fail_msg("%s/%s %s n=%zu off=%zu, set up: %s", k->family,
						 k->variant, tb_mode_name(modes[m]), sizes[s], off, err);
				k->run(&c, 3);
				k->teardown(&c);
			}
	}
	tb_pool_destroy(pool);
}

static void all_variants_match_reference(void **state)
{
	(void)state;
	int checked = 0;
	for (size_t i = 0; i < tb_kernel_count(); i++) {
		const struct tb_kernel *k = tb_kernel_at(i);
		const char *why;
		if (strcmp(k->family, "scale"))
			continue;
		if (!tb_kernel_supported(k, &why)) {
			/* skipped, never run, but always with a reason */
			assert_true(why && why[0]);
			continue;
		}
		if (k->threaded) {
			for (unsigned t = 1; t <= 3; t++)
				check_variant(k, t);
		} else {
			check_variant(k, 1);
		}
		checked++;
	}
	assert_true(checked >= 1);
}

/* a wrong kernel: drops the last element */
static void bad_out(const struct tb_case *c, float *restrict y, const float *restrict x,
		    float a, size_t n)
{
	(void)c;
	for (size_t i = 0; i + 1 < n; i++)
		y[i] = a * x[i];
}
static void bad_in(const struct tb_case *c, float *x, float a, size_t n)
{
	(void)c;
	for (size_t i = 0; i < n; i++)
		x[i] *= a * (i == n / 2 ? 1.0001f : 1.0f);
}
/* writes one past the end */
static void over_out(const struct tb_case *c, float *restrict y, const float *restrict x,
		     float a, size_t n)
{
	(void)c;
	for (size_t i = 0; i <= n; i++)
		y[i] = a * (i < n ? x[i] : 1.0f);
}

static const struct tb_scale_impl bad_impl = {.out = bad_out, .in = bad_in};
static const struct tb_scale_impl over_impl = {.out = over_out, .in = bad_in};
static const struct tb_kernel bad = TB_SCALE_KERNEL("bad", "wrong", &bad_impl, NULL, TB_SCALE_BOTH, false);
static const struct tb_kernel over = TB_SCALE_KERNEL("over", "overrun", &over_impl, NULL, TB_SCALE_BOTH, false);

static void wrong_kernels_fail_verification(void **state)
{
	(void)state;
	char err[256] = "";
	struct tb_case c = {.k = &bad, .mode = TB_MODE_OUTOFPLACE, .n = 1000, .alpha = 1.5f, .seed = 1};
	assert_int_equal(bad.verify(&c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "element"));
	c.mode = TB_MODE_INPLACE;
	assert_int_equal(bad.verify(&c, err, sizeof(err)), -1);
	c.k = &over;
	c.mode = TB_MODE_OUTOFPLACE;
	err[0] = 0;
	assert_int_equal(over.verify(&c, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "past the end"));
}

static void unsupported_variants_say_why(void **state)
{
	(void)state;
	const char *why = NULL;
	const struct tb_kernel *neon = tb_kernel_find("scale", "neon");
	assert_non_null(neon);
#if defined(__aarch64__)
	assert_true(tb_kernel_supported(neon, &why));
#else
	assert_false(tb_kernel_supported(neon, &why));
	assert_non_null(strstr(why, "AArch64"));
#endif
	/* the variants the issue names are all registered */
	static const char *const names[] = {"scalar", "autovec", "avx2", "avx512", "neon",
					    "blas", "stream", "threaded", "avx2-pf", "avx512-pf",
					    "sse", "stream512", "best"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		assert_non_null(tb_kernel_find("scale", names[i]));
	const struct tb_kernel *st = tb_kernel_find("scale", "stream");
	assert_int_equal(st->modes, TB_MODE_OUTOFPLACE); /* streaming stores need y != x */
}

/* tasks of this process (threads) */
static int task_count(void)
{
	int n = 0;
	DIR *d = opendir("/proc/self/task");
	assert_non_null(d);
	for (struct dirent *e; (e = readdir(d));)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* loading OpenBLAS starts no worker (idle ones spin beside the next case's
 * samples); run first, before any test has loaded it */
static void blas_loads_without_workers(void **state)
{
	(void)state;
	if (getenv("OPENBLAS_NUM_THREADS") || getenv("GOTO_NUM_THREADS") || getenv("OMP_NUM_THREADS"))
		skip();
	assert_false(tb_blas_loaded());
	int before = task_count();
	assert_non_null(openblas_get_corename());
	assert_true(tb_blas_loaded());
	assert_int_equal(task_count(), before);
	assert_int_equal(openblas_get_num_threads(), 1);
}

/* BLAS runs with the case's thread count */
static void blas_threads_follow_the_case(void **state)
{
	(void)state;
	const struct tb_kernel *k = tb_kernel_find("scale", "blas");
	char err[128];
	for (unsigned t = 1; t <= 2; t++) {
		struct tb_case c = {.k = k, .mode = TB_MODE_INPLACE, .n = 100, .rows = 1, .cols = 100,
				    .threads = t, .seed = 1, .alpha = 1.5f};
		assert_int_equal(k->setup(&c, err, sizeof(err)), 0);
		assert_int_equal(openblas_get_num_threads(), (int)t);
		k->teardown(&c);
	}
}

/* best and threaded run a candidate they timed at set-up, and say which */
static void planning_variants_run_a_supported_candidate(void **state)
{
	(void)state;
	static const char *const planners[] = {"best", "threaded"};
	enum tb_mode modes[] = {TB_MODE_OUTOFPLACE, TB_MODE_INPLACE};
	char err[128], note[64];
	for (size_t p = 0; p < 2; p++)
		for (int m = 0; m < 2; m++) {
			const struct tb_kernel *k = tb_kernel_find("scale", planners[p]);
			assert_non_null(k);
			assert_non_null(k->describe);
			struct tb_case c = {.k = k, .mode = modes[m], .n = 5000, .rows = 1,
					    .cols = 5000, .threads = 1, .seed = 3, .alpha = 1.5f};
			assert_null(tb_scale_chosen(&c));
			assert_int_equal(k->setup(&c, err, sizeof(err)), 0);
			const struct tb_kernel *ch = tb_scale_chosen(&c);
			assert_non_null(ch);
			assert_string_equal(ch->family, "scale");
			assert_true(tb_kernel_supported(ch, NULL));
			assert_true(ch->modes & modes[m]);
			assert_false(ch->threaded || ch == k);
			k->describe(&c, note, sizeof(note));
			char want[64];
			snprintf(want, sizeof(want), "runs %s", ch->variant);
			assert_string_equal(note, want);
			k->teardown(&c);
		}
	/* a variant that plans nothing leaves the note empty */
	const struct tb_kernel *a = tb_kernel_find("scale", "avx2");
	struct tb_case c = {.k = a, .mode = TB_MODE_INPLACE, .n = 10, .rows = 1, .cols = 10,
			    .threads = 1, .seed = 3, .alpha = 1.5f};
	assert_int_equal(a->setup(&c, err, sizeof(err)), 0);
	strcpy(note, "x");
	a->describe(&c, note, sizeof(note));
	assert_string_equal(note, "");
	a->teardown(&c);
}

static bool has_stream(const struct tb_kernel **k, size_t n, bool *plain)
{
	bool st = false;
	*plain = false;
	for (size_t i = 0; i < n; i++) {
		if (strstr(k[i]->variant, "stream"))
			st = true;
		else
			*plain = true;
	}
	return st;
}

/* out of place beyond the last-level cache only streaming stores are
 * candidates, up to L2 only ordinary ones, between both; in place never
 * streaming */
static void streaming_stores_by_tier(void **state)
{
	(void)state;
	size_t llc = tb_cache_llc(), l2 = tb_cache_size(2);
	assert_true(llc >= 1u << 20);
	assert_int_equal(tb_scale_nt_threshold(), llc);
	const struct tb_kernel *k[TB_SCALE_MAX_CANDIDATES];
	bool plain;
	const bool avx2 = tb_kernel_supported(tb_kernel_find("scale", "stream"), NULL);
	size_t n = tb_scale_candidates(TB_MODE_OUTOFPLACE, llc / 8 + 1000, k);
	assert_true(n >= 1);
	if (avx2) {
		assert_true(has_stream(k, n, &plain));
		assert_false(plain);
	}
	if (l2 && l2 < llc / 2) {
		n = tb_scale_candidates(TB_MODE_OUTOFPLACE, llc / 32, k);
		assert_int_equal(has_stream(k, n, &plain), avx2);
		assert_true(plain);
		assert_null(strstr(k[0]->variant, "stream")); /* ordinary first */
	}
	n = tb_scale_candidates(TB_MODE_OUTOFPLACE, 1000, k);
	assert_false(has_stream(k, n, &plain));
	n = tb_scale_candidates(TB_MODE_INPLACE, llc, k);
	assert_false(has_stream(k, n, &plain));
	assert_true(plain);
	for (size_t i = 0; i < n; i++)
		assert_true(k[i]->modes & TB_MODE_INPLACE);
	assert_true(tb_scale_pick(TB_MODE_INPLACE, llc)->modes & TB_MODE_INPLACE);
}

static void cache_sizes_parse(void **state)
{
	(void)state;
	assert_int_equal(tb_cache_parse_size("512K\n"), 512u << 10);
	assert_int_equal(tb_cache_parse_size("32768K"), 32u << 20);
	assert_int_equal(tb_cache_parse_size("2M"), 2u << 20);
	assert_int_equal(tb_cache_parse_size("1024"), 1024);
	assert_int_equal(tb_cache_parse_size(""), 0);
	assert_int_equal(tb_cache_parse_size("K"), 0);
	assert_int_equal(tb_cache_parse_size("12Q"), 0);
	assert_int_equal(tb_cache_parse_size("0K"), 0);
	assert_int_equal(tb_cache_parse_size(NULL), 0);
	/* this machine: every level it reports is at least the one below */
	for (unsigned l = 2; l <= 3; l++)
		if (tb_cache_size(l) && tb_cache_size(l - 1))
			assert_true(tb_cache_size(l) >= tb_cache_size(l - 1));
	assert_int_equal(tb_cache_size(0), 0);
	assert_int_equal(tb_cache_size(9), 0);
}

/* kB of anonymous huge pages of this process (smaps_rollup), -1 unknown */
static long anon_huge_kb(void)
{
	FILE *f = fopen("/proc/self/smaps_rollup", "r");
	char line[256];
	long kb = -1;
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "AnonHugePages: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

/* large buffers are marked for transparent huge pages (as NumPy's are), so
 * where THP is "madvise" or "always" they get some: scale's and a tensor
 * op's (div's 1000x1000 operands, 4 MB each, set up by the same allocator) */
static void large_buffers_get_huge_pages(void **state)
{
	(void)state;
	char mode[128] = "";
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
	if (f) {
		if (!fgets(mode, sizeof(mode), f))
			mode[0] = 0;
		fclose(f);
	}
	if (!strstr(mode, "[madvise]") && !strstr(mode, "[always]")) {
		printf("SKIP: transparent huge pages are off here (%s)\n", mode);
		skip();
	}
	static const char *const fams[][2] = {{"scale", "avx2"}, {"div", "scalar"}};
	for (size_t i = 0; i < sizeof(fams) / sizeof(fams[0]); i++) {
		const struct tb_kernel *k = tb_kernel_find(fams[i][0], fams[i][1]);
		assert_non_null(k);
		struct tb_case c = {.k = k, .mode = TB_MODE_OUTOFPLACE, .n = i ? 1000000 : 4u << 20,
				    .rows = i ? 1000 : 1, .cols = i ? 1000 : 4u << 20, .threads = 1,
				    .seed = 1, .alpha = 1.5f};
		char err[128];
		long before = anon_huge_kb();
		if (before < 0) {
			printf("SKIP: no /proc/self/smaps_rollup\n");
			skip();
		}
		assert_int_equal(k->setup(&c, err, sizeof(err)), 0);
		long after = anon_huge_kb();
		k->teardown(&c);
		printf("%s/%s: anonymous huge pages: %ld kB before set-up, %ld kB after\n", fams[i][0],
		       fams[i][1], before, after);
		assert_true(after >= before + 2048);
	}
}

static void work_per_call(void **state)
{
	(void)state;
	struct tb_case c = {.k = tb_kernel_find("scale", "scalar"), .mode = TB_MODE_INPLACE, .n = 1000};
	struct tb_work w = c.k->work(&c);
	assert_true(w.bytes == 8000 && w.flops == 1000 && w.items == 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(blas_loads_without_workers),
		cmocka_unit_test(reference_is_a_times_x),
		cmocka_unit_test(all_variants_match_reference),
		cmocka_unit_test(wrong_kernels_fail_verification),
		cmocka_unit_test(work_per_call),
		cmocka_unit_test(unsupported_variants_say_why),
		cmocka_unit_test(blas_threads_follow_the_case),
		cmocka_unit_test(planning_variants_run_a_supported_candidate),
		cmocka_unit_test(streaming_stores_by_tier),
		cmocka_unit_test(cache_sizes_parse),
		cmocka_unit_test(large_buffers_get_huge_pages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
