/*
 * fuzz_emu_elf.c - libFuzzer target: the AArch64 ELF loader, then a short
 * run of whatever it loaded.  Any input is refused with a message or loads
 * inside guest memory; ASan catches any host access outside it.
 */
#include <tbench/emu.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MEM ((size_t)8 << 10)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256] = "";
	struct tb_emu *e = tb_emu_create(MEM, err, sizeof(err));
	if (!e)
		abort();
	if (tb_emu_load_elf(e, data, size, err, sizeof(err))) {
		if (!err[0] || strchr(err, '\n'))
			abort();
	} else {
		struct tb_emu_result r = tb_emu_execute(e, 4096);
		if (r.executed > 4096 || r.reason > TB_EMU_EXIT)
			abort();
		if (r.reason == TB_EMU_FAULT && r.addr < MEM && r.addr + 8 <= MEM)
			abort(); /* a fault must lie (at least partly) outside memory */
	}
	tb_emu_destroy(e);
	return 0;
}
