/*
 * jit_run.c - the translator's driver (tb_emu_jit_run, what
 * tb_emu_execute runs with the jit engine) and its code cache.
 *
 * Execution looks up the translated block at PC (translating it on first
 * use; a per-word map of guest memory holds each block's place in an
 * executable buffer) and runs it when the budget
 * covers the whole block; otherwise the interpreter runs: one instruction
 * where nothing is translatable (SVC, HLT, undefined words, a fault to
 * report), or the rest of the budget when it is smaller than the block,
 * so the stop PC and count stay exact.  Exits to a fixed PC get chained
 * directly to the target block (see chain()).  A store into translated
 * code (by a block, the interpreter or the host) flushes the whole cache,
 * since chained jumps may lead into the overwritten block; so does a full
 * buffer.  With $TB_EMU_PERF_MAP set, each block is named in
 * /tmp/perf-PID.map ("emu-block@GUESTPC(INSNS)"), so perf report can name
 * the translated code it samples.
 */
#include "emu_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef VALGRIND_DISCARD_TRANSLATIONS
#define VALGRIND_DISCARD_TRANSLATIONS(addr, len) ((void)(addr), (void)(len))
#endif

#define CODE_SIZE ((size_t)16 << 20)
#define BLOCK_ROOM ((size_t)64 << 10) /* free space a translation may need */
#define UNTRANSLATABLE 1u             /* map value: run the interpreter here */

struct blk {
	uint32_t n;     /* guest instructions */
	uint32_t chain; /* offset of the chain entry in the code */
	uint32_t pad[2];
	/* x86-64 code follows (16-byte aligned) */
};

struct tb_emu_jit {
	uint8_t *code;
	size_t used;
	uint32_t *map;       /* per guest word: 0 unknown, 1 untranslatable, else offset */
	uint64_t lo, hi;     /* map entries that may be set: [lo, hi) */
	uint64_t gen;        /* flushes so far */
	FILE *perf_map;      /* $TB_EMU_PERF_MAP set: /tmp/perf-PID.map, for perf report */
};

static void jit_invalidate(struct tb_emu *e, uint64_t first, uint64_t last);

static void jit_free(struct tb_emu *e)
{
	if (!e->jit)
		return;
	munmap(e->jit->code, CODE_SIZE);
	if (e->jit->perf_map)
		fclose(e->jit->perf_map);
	free(e->jit->map);
	free(e->jit);
	e->jit = NULL;
	e->jit_hooks = NULL;
}

static const struct tb_emu_jit_hooks hooks = {.invalidate = jit_invalidate, .destroy = jit_free};

int tb_emu_jit_init(struct tb_emu *e, char *err, size_t errlen)
{
	if (e->jit)
		return 0;
#if !defined(__x86_64__)
	return tb_emu_fail(err, errlen, TB_EMU_E_UNSUPPORTED,
			   "the translator (jit) needs an x86-64 host");
#endif
	struct tb_emu_jit *j = calloc(1, sizeof(*j));
	if (!j)
		return tb_emu_fail(err, errlen, TB_EMU_E_NOMEM, "out of memory");
	j->map = calloc(e->mem_size / 4, sizeof(*j->map));
	j->code = mmap(NULL, CODE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (!j->map || j->code == MAP_FAILED) {
		if (j->code != MAP_FAILED)
			munmap(j->code, CODE_SIZE);
		free(j->map);
		free(j);
		return tb_emu_fail(err, errlen, TB_EMU_E_NOMEM,
				   "cannot map %zu bytes of executable memory for the translator",
				   CODE_SIZE);
	}
	j->used = 64; /* offsets 0 and 1 mean "none" in the map */
	j->lo = UINT64_MAX;
	if (getenv("TB_EMU_PERF_MAP")) { /* perf's convention for JIT code */
		char path[64];
		snprintf(path, sizeof(path), "/tmp/perf-%d.map", (int)getpid());
		j->perf_map = fopen(path, "a");
	}
	e->jit = j;
	e->jit_hooks = &hooks;
	return 0;
}

static void flush(struct tb_emu_jit *j)
{
	if (j->lo < j->hi)
		memset(j->map + j->lo, 0, (j->hi - j->lo) * sizeof(*j->map));
	VALGRIND_DISCARD_TRANSLATIONS(j->code, j->used);
	j->used = 64;
	j->lo = UINT64_MAX;
	j->hi = 0;
	j->gen++;
}

static void jit_invalidate(struct tb_emu *e, uint64_t first, uint64_t last)
{
	struct tb_emu_jit *j = e->jit;
	if (!j || j->lo >= j->hi)
		return;
	/* a block starting up to TB_JIT_MAXN - 1 words earlier may cover first */
	uint64_t lo = first >= TB_JIT_MAXN - 1 ? first - (TB_JIT_MAXN - 1) : 0;
	uint64_t hi = last + 1 < j->hi ? last + 1 : j->hi;
	for (uint64_t i = lo < j->lo ? j->lo : lo; i < hi; i++) {
		uint32_t v = j->map[i];
		if (v == UNTRANSLATABLE && i >= first) {
			j->map[i] = 0;
		} else if (v > UNTRANSLATABLE && i + ((const struct blk *)(j->code + v))->n > first) {
			/* an overwritten block: other blocks' exits may be chained
			 * to it, so everything goes */
			flush(j);
			return;
		}
	}
}

/* the block at pc (translated now if needed), NULL where the interpreter runs */
static const struct blk *lookup(struct tb_emu *e, uint64_t pc)
{
	struct tb_emu_jit *j = e->jit;
	uint64_t i = pc / 4;
	uint32_t v = j->map[i];
	if (v > UNTRANSLATABLE)
		return (const struct blk *)(j->code + v);
	if (v == UNTRANSLATABLE)
		return NULL;
	if (CODE_SIZE - j->used < BLOCK_ROOM)
		flush(j);
	unsigned n;
	size_t chain;
	size_t len = tb_emu_jit_translate(e, pc, j->code + j->used + sizeof(struct blk),
					  CODE_SIZE - j->used - sizeof(struct blk), &n, &chain);
	if (i < j->lo)
		j->lo = i;
	if (i + 1 > j->hi)
		j->hi = i + 1;
	tb_emu_mark_code(e, pc, n ? 4ull * n : 4);
	if (!len) {
		j->map[i] = UNTRANSLATABLE;
		return NULL;
	}
	struct blk *b = (struct blk *)(j->code + j->used);
	b->n = n;
	b->chain = (uint32_t)chain;
	j->map[i] = (uint32_t)j->used;
	j->used += (sizeof(*b) + len + 15) & ~(size_t)15;
	if (j->perf_map)
		fprintf(j->perf_map, "%lx %zx emu-block@0x%llx(%u)\n", (unsigned long)(uintptr_t)(b + 1),
			len, (unsigned long long)pc, n);
	return b;
}

typedef int (*block_fn)(struct tb_emu *e);

/* Direct chaining: a block's exit to a fixed guest PC first returns here
 * with e->jit_chain naming its jump; point that jump at the target block's
 * chain entry, so the next time it goes there without this round trip.
 * Unless the cache was flushed meanwhile (gen): then the jump is gone. */
static void chain(struct tb_emu *e, uint64_t gen)
{
	struct tb_emu_jit *j = e->jit;
	uint64_t pc = e->pc;
	if ((pc & 3) || pc >= e->mem_size)
		return;
	const struct blk *t = lookup(e, pc);
	if (!t || j->gen != gen)
		return;
	uint8_t *rel = (uint8_t *)(uintptr_t)e->jit_chain;
	int32_t d = (int32_t)((const uint8_t *)t + sizeof(*t) + t->chain - (rel + 4));
	memcpy(rel, &d, 4);
	VALGRIND_DISCARD_TRANSLATIONS(rel - 1, 5);
}

struct tb_emu_result tb_emu_jit_run(struct tb_emu *e, uint64_t max)
{
	e->lim[0] = e->mem_size - 1;
	e->lim[1] = e->mem_size - 2;
	e->lim[2] = e->mem_size - 4;
	e->lim[3] = e->mem_size - 8;
	uint64_t left = max;
	for (;;) {
		uint64_t pc = e->pc;
		const struct blk *b = NULL;
		if (left && !(pc & 3) && pc < e->mem_size)
			b = lookup(e, pc);
		if (!b || left < b->n) {
			/* the interpreter: one instruction, or the budget's rest */
			uint64_t step = b ? left : left ? 1 : 0;
			struct tb_emu_result r = tb_emu_interp(e, step);
			left -= r.executed;
			if (b || step == 0 || r.reason != TB_EMU_BUDGET) {
				r.executed = max - left;
				return r;
			}
			continue;
		}
		e->jit_left = left;
		e->jit_chain = 0;
		uint64_t gen = e->jit->gen;
		int why = ((block_fn)(const void *)((const uint8_t *)b + sizeof(*b)))(e);
		left = e->jit_left;
		if (why == TB_JIT_EXIT_NEXT && e->jit_chain) {
			chain(e, gen);
		} else if (why == TB_JIT_EXIT_SMC) {
			tb_emu_invalidate(e, e->jit_inv_addr, e->jit_inv_len);
		} else if (why == TB_JIT_EXIT_STEP) {
			struct tb_emu_result r = tb_emu_interp(e, 1);
			left -= r.executed;
			if (r.reason != TB_EMU_BUDGET) {
				r.executed = max - left;
				return r;
			}
		}
	}
}
