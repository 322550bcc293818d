/*
 * scale/plan.c - how `best` and `threaded` choose their kernel: by tier
 * (out of place beyond the last-level cache only streaming stores), then by
 * timing every supported candidate on the case's own buffers at set-up, in
 * interleaved rounds, like FFTW's planner; each keeps its fastest round
 * (other work on the machine only ever adds time).  Which loop wins in L2 or L3
 * differs between cores (prefetch helps large L3 arrays on Zen 3 and costs
 * in L2); measuring here beats guessing a table per CPU.  Set-up is outside
 * the timed region; the choice is in the result's note ("runs avx2-pf").
 */
#define _GNU_SOURCE
#include "scale.h"

#include "../cache.h"

#include <pthread.h>
#include <time.h>

extern const struct tb_kernel tb_k_scale_avx512, tb_k_scale_avx512_pf, tb_k_scale_avx2,
	tb_k_scale_avx2_pf, tb_k_scale_sse, tb_k_scale_autovec, tb_k_scale_stream512,
	tb_k_scale_stream;

/* preference order: ties go to the earlier one */
static const struct tb_kernel *const plain[] = {
	&tb_k_scale_avx512, &tb_k_scale_avx512_pf, &tb_k_scale_avx2, &tb_k_scale_avx2_pf,
	&tb_k_scale_sse, &tb_k_scale_autovec,
};
static const struct tb_kernel *const streaming[] = {&tb_k_scale_stream512, &tb_k_scale_stream};

#define NPLAIN (sizeof(plain) / sizeof(plain[0]))
#define NSTREAM (sizeof(streaming) / sizeof(streaming[0]))
#define NCAND TB_SCALE_MAX_CANDIDATES
_Static_assert(NPLAIN + NSTREAM <= NCAND, "TB_SCALE_MAX_CANDIDATES too small");
#define ROUNDS_SMALL 15 /* rounds when one call is short */
#define ROUNDS_LARGE 5  /* and when it is long (DRAM-sized arrays) */
#define LONG_CALL_NS 2e6
#define MIN_ROUNDS 5
#define SAMPLE_NS 2e5 /* each timed sample lasts at least this */
#define BUDGET_NS 2e8 /* past this, stop after MIN_ROUNDS */

size_t tb_scale_nt_threshold(void)
{
	return tb_cache_llc();
}

size_t tb_scale_candidates(enum tb_mode mode, size_t n, const struct tb_kernel **out)
{
	/* out of place, by the footprint of x + y: up to L2 ordinary stores,
	 * beyond the LLC streaming stores, between them both, timed (on a
	 * shared or victim L3 the share one core keeps is smaller than sysfs
	 * says: at LLC/2 streaming won 1.8x on the Zen 3 guest) */
	const double bytes = 8.0 * (double)n;
	const bool out_of_place = mode == TB_MODE_OUTOFPLACE;
	const bool nt_only = out_of_place && bytes > (double)tb_scale_nt_threshold();
	const bool nt_too = out_of_place && bytes > (double)tb_cache_size(2);
	size_t k = 0;
	for (size_t i = 0; i < NPLAIN && !nt_only; i++)
		if ((plain[i]->modes & mode) && tb_kernel_supported(plain[i], NULL))
			out[k++] = plain[i];
	for (size_t i = 0; i < NSTREAM && nt_too; i++)
		if (tb_kernel_supported(streaming[i], NULL))
			out[k++] = streaming[i];
	if (!k) /* no SIMD (another architecture): the compiler's loop */
		out[k++] = &tb_k_scale_autovec;
	return k;
}

const struct tb_kernel *tb_scale_pick(enum tb_mode mode, size_t n)
{
	const struct tb_kernel *c[NCAND];
	tb_scale_candidates(mode, n, c);
	return c[0];
}

static double now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* ns per call of k over `calls` calls (an even number: in place, a and
 * 1/a alternate, so x stays bounded) */
static double time_calls(struct tb_case *c, const struct tb_kernel *k, float *y, float *x,
			 tb_scale_call_fn call, unsigned long calls)
{
	const float a[2] = {c->alpha, 1.0f / c->alpha};
	double t0 = now_ns();
	for (unsigned long i = 0; i < calls; i++)
		call(c, k, y, x, a[i & 1]);
	return (now_ns() - t0) / (double)calls;
}

/* Plans already made in this process, by (caller, mode, n, threads): a
 * case set up again (tests, several offsets) does not time again. */
#define MEMO 64
static struct memo {
	tb_scale_call_fn call;
	enum tb_mode mode;
	size_t n;
	unsigned threads;
	const struct tb_kernel *k;
} memo[MEMO];
static size_t memo_len, memo_next;
static pthread_mutex_t memo_lock = PTHREAD_MUTEX_INITIALIZER;

static const struct tb_kernel *memo_find(const struct tb_case *c, tb_scale_call_fn call)
{
	const struct tb_kernel *k = NULL;
	pthread_mutex_lock(&memo_lock);
	for (size_t i = 0; i < memo_len && !k; i++)
		if (memo[i].call == call && memo[i].mode == c->mode && memo[i].n == c->n &&
		    memo[i].threads == c->threads)
			k = memo[i].k;
	pthread_mutex_unlock(&memo_lock);
	return k;
}

static const struct tb_kernel *memo_add(const struct tb_case *c, tb_scale_call_fn call,
					const struct tb_kernel *k)
{
	pthread_mutex_lock(&memo_lock);
	memo[memo_next] = (struct memo){call, c->mode, c->n, c->threads, k};
	memo_next = (memo_next + 1) % MEMO;
	if (memo_len < MEMO)
		memo_len++;
	pthread_mutex_unlock(&memo_lock);
	return k;
}

static const struct tb_kernel *plan(struct tb_case *c, float *y, float *x,
				    tb_scale_call_fn call)
{
	const struct tb_kernel *cand[NCAND];
	size_t nc = tb_scale_candidates(c->mode, c->n, cand);
	if (nc == 1 || c->n == 0)
		return cand[0];
	unsigned long calls[NCAND];
	double slowest = 0;
	for (size_t k = 0; k < nc; k++) { /* warm, and size the samples */
		double t = time_calls(c, cand[k], y, x, call, 2);
		calls[k] = 2 * (unsigned long)(SAMPLE_NS / 2 / (t > 1 ? t : 1) + 1);
		if (t > slowest)
			slowest = t;
	}
	const int rounds = slowest > LONG_CALL_NS ? ROUNDS_LARGE : ROUNDS_SMALL;
	double t[NCAND], t0 = now_ns();
	for (int r = 0; r < rounds && (r < MIN_ROUNDS || now_ns() - t0 < BUDGET_NS); r++)
		for (size_t k = 0; k < nc; k++) {
			/* one untimed pair first: the previous candidate's streaming
			 * stores may have left y out of the cache */
			time_calls(c, cand[k], y, x, call, 2);
			double v = time_calls(c, cand[k], y, x, call, calls[k]);
			if (r == 0 || v < t[k])
				t[k] = v;
		}
	size_t best = 0;
	for (size_t k = 1; k < nc; k++)
		if (t[k] < t[best])
			best = k;
	return cand[best];
}

const struct tb_kernel *tb_scale_plan(struct tb_case *c, float *y, float *x,
				      tb_scale_call_fn call)
{
	const struct tb_kernel *k = memo_find(c, call);
	return k ? k : memo_add(c, call, plan(c, y, x, call));
}
