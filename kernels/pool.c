/*
 * pool.c - persistent worker pool: spin briefly, then sleep on a condition
 * variable, so dispatch is cheap when calls come back to back and idle
 * workers do not steal the CPU while the harness does other work.
 */
#define _GNU_SOURCE
#include "pool.h"

#include "common.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SPINS 20000

struct worker {
	struct tb_pool *pool;
	unsigned tid;
	pthread_t th;
	uint64_t busy_ns;    /* while timing: time in fn (written by this worker) */
	unsigned long runs;
};

struct tb_pool {
	unsigned n;
	struct worker *w;
	tb_pool_fn fn;
	void *arg;
	atomic_uint gen;     /* bumped once per tb_pool_run */
	atomic_uint done;    /* workers (other than the caller) finished */
	atomic_bool quit;
	atomic_uint sleepers;
	atomic_bool timing;  /* workers time their share (tb_pool_time) */
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ volatile("yield");
#endif
}

static void pin_to(int cpu)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	if (ncpu < 1)
		return;
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET((unsigned)cpu % (unsigned)ncpu, &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

static uint64_t mono_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* w's share of one run: timed when the pool is timing */
static void share(struct tb_pool *p, struct worker *w, tb_pool_fn fn, void *arg)
{
	if (!atomic_load_explicit(&p->timing, memory_order_relaxed)) {
		fn(arg, w->tid, p->n);
		return;
	}
	uint64_t t0 = mono_ns();
	fn(arg, w->tid, p->n);
	w->busy_ns += mono_ns() - t0;
	w->runs++;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct tb_pool *p = w->pool;
	/* gen is 0 when the pool is made: a run dispatched before this thread
	 * got here must still be seen as new, so do not read p->gen now */
	unsigned seen = 0;
	for (;;) {
		unsigned g;
		int spins = 0;
		while ((g = atomic_load_explicit(&p->gen, memory_order_acquire)) == seen &&
		       !atomic_load(&p->quit)) {
			if (++spins < SPINS) {
				cpu_relax();
				continue;
			}
			pthread_mutex_lock(&p->mu);
			atomic_fetch_add(&p->sleepers, 1);
			while (atomic_load(&p->gen) == seen && !atomic_load(&p->quit))
				pthread_cond_wait(&p->cv, &p->mu);
			atomic_fetch_sub(&p->sleepers, 1);
			pthread_mutex_unlock(&p->mu);
		}
		if (atomic_load(&p->quit))
			return NULL;
		seen = g;
		share(p, w, p->fn, p->arg);
		atomic_fetch_add_explicit(&p->done, 1, memory_order_release);
	}
}

struct pin_arg { struct worker *w; int cpu; bool pin; };

static void *worker_start(void *arg)
{
	struct pin_arg pa = *(struct pin_arg *)arg;
	free(arg);
	if (pa.pin)
		pin_to(pa.cpu);
	return worker_main(pa.w);
}

struct tb_pool *tb_pool_create(unsigned nthreads, bool pin, int first_cpu,
			       char *err, size_t errlen)
{
	if (nthreads < 1) {
		tb_err(err, errlen, "a pool needs at least 1 thread");
		return NULL;
	}
	struct tb_pool *p = calloc(1, sizeof(*p));
	if (!p || !(p->w = calloc(nthreads, sizeof(*p->w)))) {
		free(p);
		tb_err(err, errlen, "out of memory creating a pool of %u threads", nthreads);
		return NULL;
	}
	p->n = nthreads;
	p->w[0].pool = p; /* the caller's slot: its busy time */
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	if (pin)
		pin_to(first_cpu);
	for (unsigned i = 1; i < nthreads; i++) {
		p->w[i].pool = p;
		p->w[i].tid = i;
		struct pin_arg *pa = malloc(sizeof(*pa));
		if (pa) {
			pa->w = &p->w[i];
			pa->cpu = first_cpu + (int)i;
			pa->pin = pin;
		}
		if (!pa || pthread_create(&p->w[i].th, NULL, worker_start, pa) != 0) {
			free(pa);
			p->n = i; /* destroy joins only the ones started */
			tb_pool_destroy(p);
			tb_err(err, errlen, "cannot start worker thread %u of %u", i, nthreads);
			return NULL;
		}
	}
	return p;
}

unsigned tb_pool_size(const struct tb_pool *p) { return p ? p->n : 1; }

void tb_pool_run(struct tb_pool *p, tb_pool_fn fn, void *arg)
{
	if (!p || p->n == 1) {
		fn(arg, 0, 1);
		return;
	}
	p->fn = fn;
	p->arg = arg;
	atomic_store_explicit(&p->done, 0, memory_order_relaxed);
	atomic_fetch_add(&p->gen, 1); /* seq_cst: pairs with sleepers */
	if (atomic_load(&p->sleepers)) {
		pthread_mutex_lock(&p->mu);
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
	}
	share(p, &p->w[0], fn, arg);
	int spins = 0;
	while (atomic_load_explicit(&p->done, memory_order_acquire) != p->n - 1) {
		if (++spins < SPINS)
			cpu_relax();
		else
			sched_yield();
	}
}

void tb_pool_time(struct tb_pool *p, bool on)
{
	if (!p)
		return;
	if (on)
		for (unsigned i = 0; i < p->n; i++)
			p->w[i].busy_ns = 0, p->w[i].runs = 0;
	/* the workers read it after the next run's gen (acquire): seen in time */
	atomic_store_explicit(&p->timing, on, memory_order_relaxed);
}

unsigned tb_pool_busy(const struct tb_pool *p, double *ns, unsigned long *runs, unsigned n)
{
	unsigned k = p ? (p->n < n ? p->n : n) : 0;
	for (unsigned i = 0; i < k; i++) {
		ns[i] = (double)p->w[i].busy_ns;
		runs[i] = p->w[i].runs;
	}
	return k;
}

void tb_pool_destroy(struct tb_pool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	atomic_store(&p->quit, true);
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	for (unsigned i = 1; i < p->n; i++)
		pthread_join(p->w[i].th, NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p->w);
	free(p);
}

void tb_split(size_t n, unsigned tid, unsigned nthreads, size_t align,
	      size_t *b, size_t *e)
{
	if (align == 0)
		align = 1;
	size_t blocks = (n + align - 1) / align;
	size_t per = blocks / nthreads, rem = blocks % nthreads;
	size_t start = tid * per + (tid < rem ? tid : rem);
	size_t count = per + (tid < rem ? 1 : 0);
	*b = start * align;
	*e = (start + count) * align;
	if (*b > n)
		*b = n;
	if (*e > n)
		*e = n;
}
