/*
 * machine.c - the machine as a whole: creation, the engine, execution in
 * bounded chunks (so an interrupt request is seen within
 * TB_EMU_INTERRUPT_LATENCY instructions whatever the guest does), and the
 * interrupt request itself.  The top of libtbench-emu.
 */
#include "emu_int.h"

#include <stdlib.h>
#include <string.h>

struct tb_emu *tb_emu_create(size_t mem_size, char *err, size_t errlen)
{
	if (mem_size < TB_EMU_MEM_MIN || mem_size > TB_EMU_MEM_MAX || mem_size % 4096) {
		tb_emu_fail(err, errlen, TB_EMU_E_ARG,
			    "memory size %zu is not allowed (a multiple of 4096 from 4 KiB to 4 GiB)",
			    mem_size);
		return NULL;
	}
	struct tb_emu *e = calloc(1, sizeof(*e));
	if (!e) {
		tb_emu_fail(err, errlen, TB_EMU_E_NOMEM, "out of memory");
		return NULL;
	}
	e->mem_size = mem_size;
	/* calloc: large blocks come zeroed from mmap, so untouched pages of
	 * guest memory and of the decode array cost nothing */
	e->mem = calloc(mem_size, 1);
	e->dec = calloc(mem_size / 4 + 1, sizeof(*e->dec));
	e->codepage = calloc((mem_size >> TB_EMU_PAGE_SHIFT) + 1, 1);
	if (!e->mem || !e->dec || !e->codepage) {
		tb_emu_destroy(e);
		tb_emu_fail(err, errlen, TB_EMU_E_NOMEM, "cannot allocate %zu bytes of guest memory",
			    mem_size);
		return NULL;
	}
	/* the translator where this host has it, else the interpreter */
	if (tb_emu_set_engine(e, TB_EMU_ENGINE_JIT, NULL, 0))
		e->engine = TB_EMU_ENGINE_INTERP;
	return e;
}

void tb_emu_destroy(struct tb_emu *e)
{
	if (!e)
		return;
	if (e->jit_hooks)
		e->jit_hooks->destroy(e);
	free(e->mem);
	free(e->dec);
	free(e->codepage);
	free(e);
}

bool tb_emu_jit_available(void)
{
#if defined(__x86_64__)
	return true;
#else
	return false;
#endif
}

int tb_emu_engine_parse(const char *name, enum tb_emu_engine *engine)
{
	if (!strcmp(name, "interp"))
		*engine = TB_EMU_ENGINE_INTERP;
	else if (!strcmp(name, "jit"))
		*engine = TB_EMU_ENGINE_JIT;
	else
		return TB_EMU_E_ARG;
	return 0;
}

int tb_emu_set_engine(struct tb_emu *e, enum tb_emu_engine engine, char *err, size_t errlen)
{
	if (engine != TB_EMU_ENGINE_INTERP && engine != TB_EMU_ENGINE_JIT)
		return tb_emu_fail(err, errlen, TB_EMU_E_ARG, "engine %d is not jit (%d) or interp (%d)",
				   (int)engine, TB_EMU_ENGINE_JIT, TB_EMU_ENGINE_INTERP);
	int rc = engine == TB_EMU_ENGINE_JIT ? tb_emu_jit_init(e, err, errlen) : 0;
	if (rc)
		return rc;
	e->engine = engine;
	return 0;
}

enum tb_emu_engine tb_emu_get_engine(const struct tb_emu *e) { return e->engine; }

void tb_emu_interrupt(struct tb_emu *e)
{
	__atomic_store_n(&e->interrupt, 1, __ATOMIC_RELAXED);
}

/* Each engine call runs at most one chunk, then the request is looked at:
 * a chunk stops with "budget" exactly where single-stepping would, and the
 * next one resumes there, so chunks cost one call each and change nothing. */
struct tb_emu_result tb_emu_execute(struct tb_emu *e, uint64_t max)
{
	uint64_t done = 0;
	for (;;) {
		if (__atomic_load_n(&e->interrupt, __ATOMIC_RELAXED) &&
		    __atomic_exchange_n(&e->interrupt, 0, __ATOMIC_RELAXED))
			return (struct tb_emu_result){
				.executed = done, .reason = TB_EMU_INTERRUPTED, .pc = e->pc};
		uint64_t step = max - done < TB_EMU_INTERRUPT_LATENCY ? max - done
								       : TB_EMU_INTERRUPT_LATENCY;
		struct tb_emu_result r = e->engine == TB_EMU_ENGINE_JIT && e->jit
						 ? tb_emu_jit_run(e, step)
						 : tb_emu_interp(e, step);
		done += r.executed;
		if (r.reason != TB_EMU_BUDGET || done == max) {
			r.executed = done;
			return r;
		}
	}
}
