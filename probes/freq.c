/*
 * freq.c - effective clock from two dependent chains of different kinds,
 * cross-checked (see freq.h).
 */
#include "freq.h"

#include "clock.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>

#define CHAIN 64 /* dependent ops per loop trip: the loop's own work runs beside them */
#define ROUNDS 10 /* per chain, interleaved */

#if defined(__x86_64__)
#define IMUL1 "imul %1, %0\n\t"
#define ALU2 "add %1, %0\n\txor %2, %0\n\t"
#define IMUL_WHAT "dependent imul chain / 3"
#define ALU_WHAT "add/xor chain"
#define IMUL_LAT TB_FREQ_IMUL_LATENCY
#elif defined(__aarch64__)
/* no mul whose latency is the same on every core: a second ALU chain */
#define IMUL1 "eor %0, %0, %1\n\t"
#define ALU2 "add %0, %0, %1\n\teor %0, %0, %2\n\t"
#define IMUL_WHAT "dependent eor chain"
#define ALU_WHAT "add/eor chain"
#define IMUL_LAT 1
#else
#error "freq.c: no dependent chains written for this architecture"
#endif
#define X8(s) s s s s s s s s

/* x * k^(CHAIN * trips): every multiply depends on the one before */
static __attribute__((noinline)) uint64_t imul_chain(uint64_t trips, uint64_t x, uint64_t k)
{
	for (uint64_t i = 0; i < trips; i++)
		__asm__ volatile(X8(X8(IMUL1)) : "+r"(x) : "r"(k));
	return x;
}

/* ((x + y) ^ z) repeated: two dependent one-cycle ops per pair */
static __attribute__((noinline)) uint64_t alu_chain(uint64_t trips, uint64_t x, uint64_t y,
						    uint64_t z)
{
	for (uint64_t i = 0; i < trips; i++)
		__asm__ volatile(X8(X8(ALU2)) : "+r"(x) : "r"(y), "r"(z));
	return x;
}

/* what imul_chain must return: x * k^(CHAIN * trips) mod 2^64 (x86-64) */
static uint64_t imul_expect(uint64_t trips, uint64_t x, uint64_t k)
{
#if defined(__x86_64__)
	uint64_t e = trips * CHAIN, p = k;
	for (; e; e >>= 1, p *= p)
		if (e & 1)
			x *= p;
	return x;
#else
	return (trips * CHAIN) % 2 ? x ^ k : x;
#endif
}

/* what one trip of alu_chain does, in C */
static uint64_t alu_expect1(uint64_t x, uint64_t y, uint64_t z)
{
	for (int i = 0; i < CHAIN; i++)
		x = (x + y) ^ z;
	return x;
}

/* ns for one round of each; 0 when the chain computed a wrong result */
static uint64_t run_imul(uint64_t trips)
{
	const uint64_t x = 0x9e3779b97f4a7c15u, k = 0xd1b54a32d192ed03u;
	uint64_t t0 = tb_now_ns();
	uint64_t r = imul_chain(trips, x, k);
	uint64_t dt = tb_now_ns() - t0;
	return r == imul_expect(trips, x, k) ? dt : 0;
}

static uint64_t run_alu(uint64_t trips, uint64_t *out)
{
	uint64_t t0 = tb_now_ns();
	*out = alu_chain(trips, 0x243f6a8885a308d3u, 0x13198a2e03707344u, 0xa4093822299f31d0u);
	return tb_now_ns() - t0;
}

/* trips of one chain lasting about ns */
static uint64_t calibrate(int alu, double ns)
{
	uint64_t trips = 256, sink;
	for (;;) {
		uint64_t dt = alu ? run_alu(trips, &sink) : run_imul(trips);
		if (!alu && !dt)
			return 0;
		if ((double)dt >= ns / 2 || trips > (1ull << 40))
			return trips;
		trips *= 2;
	}
}

void tb_freq_judge(struct tb_freq *f)
{
	double a = f->imul_ghz, b = f->alu_ghz;
	f->imul_what = IMUL_WHAT;
	f->alu_what = ALU_WHAT;
	f->diff = NAN;
	f->ghz = NAN;
	if (!(a > 0) || !(b > 0) || isinf(a) || isinf(b))
		return;
	f->diff = fabs(a - b) / fmax(a, b);
	if (f->diff <= TB_FREQ_AGREE)
		f->ghz = a;
}

void tb_freq_measure(double min_ns, struct tb_freq *f)
{
	if (min_ns < 2e6)
		min_ns = 2e6;
	double round_ns = min_ns / (2 * ROUNDS);
	f->imul_ghz = f->alu_ghz = NAN;
	uint64_t ti = calibrate(0, round_ns), ta = calibrate(1, round_ns), out;
	const uint64_t want1 = alu_expect1(0x243f6a8885a308d3u, 0x13198a2e03707344u,
					   0xa4093822299f31d0u);
	/* the asm computes what the C says it does (one trip) */
	bool alu_ok = (run_alu(1, &out), out == want1);
	for (int r = 0; ti && ta && r < ROUNDS; r++) {
		uint64_t di = run_imul(ti), da = run_alu(ta, &out);
		double gi = di ? (double)(ti * CHAIN * IMUL_LAT) / (double)di : NAN;
		double ga = da && alu_ok ? (double)(ta * CHAIN * 2) / (double)da : NAN;
		if (gi > 0 && !(f->imul_ghz >= gi))
			f->imul_ghz = gi;
		if (ga > 0 && !(f->alu_ghz >= ga))
			f->alu_ghz = ga;
	}
	tb_freq_judge(f);
}

double tb_effective_ghz(double min_ns)
{
	struct tb_freq f;
	tb_freq_measure(min_ns, &f);
	return f.ghz;
}

void tb_freq_describe(const struct tb_freq *f, char *buf, size_t len)
{
	if (!isnan(f->ghz))
		snprintf(buf, len, "%.3f (%s; %s %.3f GHz, %.1f%% apart)", f->ghz, f->imul_what,
			 f->alu_what, f->alu_ghz, 100 * f->diff);
	else if (!isnan(f->diff))
		snprintf(buf, len, "unknown (%s %.3f GHz, %s %.3f GHz: they disagree by %.0f%% > %.0f%%)",
			 f->imul_what, f->imul_ghz, f->alu_what, f->alu_ghz, 100 * f->diff,
			 100 * TB_FREQ_AGREE);
	else
		snprintf(buf, len, "unknown (the chains could not be timed)");
}
