/*
 * mem.c - the machine's state from the host's side: registers, guest
 * memory access (bounds-checked, invalidating decoded and translated code
 * it overwrites) and loading raw bytes.  Creating the machine and running
 * it is machine.c's; the code cache is reached only through e->jit_hooks.
 */
#include "emu_int.h"

#include <string.h>

void tb_emu_reset(struct tb_emu *e)
{
	memset(e->r, 0, sizeof(e->r));
	e->pc = 0;
	e->nzcv = 0;
}

void tb_emu_set_output(struct tb_emu *e, tb_emu_write_fn fn, void *ctx)
{
	e->write = fn;
	e->write_ctx = ctx;
}

size_t tb_emu_mem_size(const struct tb_emu *e) { return e->mem_size; }

void tb_emu_invalidate(struct tb_emu *e, uint64_t addr, uint64_t len)
{
	if (!len)
		return;
	uint64_t first = addr / 4, last = (addr + len - 1) / 4;
	if (first)
		first--; /* a fused pair at first-1 read this word too */
	for (uint64_t i = first; i <= last; i++)
		e->dec[i].h = 0;
	if (e->jit_hooks)
		e->jit_hooks->invalidate(e, addr / 4, last);
}

static bool touches_code(const struct tb_emu *e, uint64_t addr, uint64_t len)
{
	for (uint64_t p = addr >> TB_EMU_PAGE_SHIFT; p <= (addr + len - 1) >> TB_EMU_PAGE_SHIFT; p++)
		if (e->codepage[p])
			return true;
	return false;
}

int tb_emu_write(struct tb_emu *e, uint64_t addr, const void *buf, size_t len)
{
	if (!tb_emu_in_bounds(e, addr, len))
		return TB_EMU_E_RANGE;
	if (!len)
		return 0;
	memcpy(e->mem + addr, buf, len);
	if (touches_code(e, addr, len))
		tb_emu_invalidate(e, addr, len);
	return 0;
}

int tb_emu_read(const struct tb_emu *e, uint64_t addr, void *buf, size_t len)
{
	if (!tb_emu_in_bounds(e, addr, len))
		return TB_EMU_E_RANGE;
	if (len)
		memcpy(buf, e->mem + addr, len);
	return 0;
}

int tb_emu_read8(const struct tb_emu *e, uint64_t addr, uint8_t *v) { return tb_emu_read(e, addr, v, 1); }
int tb_emu_read32(const struct tb_emu *e, uint64_t addr, uint32_t *v) { return tb_emu_read(e, addr, v, 4); }
int tb_emu_read64(const struct tb_emu *e, uint64_t addr, uint64_t *v) { return tb_emu_read(e, addr, v, 8); }
int tb_emu_write8(struct tb_emu *e, uint64_t addr, uint8_t v) { return tb_emu_write(e, addr, &v, 1); }
int tb_emu_write32(struct tb_emu *e, uint64_t addr, uint32_t v) { return tb_emu_write(e, addr, &v, 4); }
int tb_emu_write64(struct tb_emu *e, uint64_t addr, uint64_t v) { return tb_emu_write(e, addr, &v, 8); }

int tb_emu_load_raw(struct tb_emu *e, uint64_t addr, const void *buf, size_t len, char *err,
		    size_t errlen)
{
	if (tb_emu_write(e, addr, buf, len))
		return tb_emu_fail(err, errlen, TB_EMU_E_RANGE,
				   "%zu bytes at 0x%llx do not fit in %llu bytes of guest memory",
				   len, (unsigned long long)addr, (unsigned long long)e->mem_size);
	return 0;
}

uint64_t tb_emu_get_pc(const struct tb_emu *e) { return e->pc; }
void tb_emu_set_pc(struct tb_emu *e, uint64_t pc) { e->pc = pc; }

uint64_t tb_emu_get_reg(const struct tb_emu *e, unsigned n)
{
	return n < 31 ? e->r[n] : n == TB_EMU_SP ? e->r[R_SP] : 0;
}

void tb_emu_set_reg(struct tb_emu *e, unsigned n, uint64_t v)
{
	if (n < 31)
		e->r[n] = v;
	else if (n == TB_EMU_SP)
		e->r[R_SP] = v;
}

unsigned tb_emu_get_nzcv(const struct tb_emu *e) { return e->nzcv; }
void tb_emu_set_nzcv(struct tb_emu *e, unsigned nzcv) { e->nzcv = nzcv & 15; }
