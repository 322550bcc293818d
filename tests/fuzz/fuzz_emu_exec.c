/*
 * fuzz_emu_exec.c - libFuzzer target: the AArch64 decoder and executor on
 * arbitrary instruction words, registers and memory.  Input: 8 bytes of
 * NZCV + PC offset, 8 x 8 bytes for X0..X7, then the code, loaded at
 * address 0 of a 4 KiB guest (SP at the top).  Budget 2000 instructions.
 * The guest must never touch host memory outside its own (ASan), stop for
 * a defined reason within the budget, and keep PC inside or report a fault;
 * where the translator exists, both engines run the input and must leave
 * the same result, registers, NZCV, PC and memory.
 */
#include <tbench/emu.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MEM ((size_t)4 << 10)
#define BUDGET 2000

static long sink(void *ctx, int fd, const void *buf, size_t len)
{
	(void)ctx, (void)fd, (void)buf;
	return (long)len;
}

static struct tb_emu *machine(const uint8_t *data, size_t size, enum tb_emu_engine engine)
{
	char err[256] = "";
	struct tb_emu *e = tb_emu_create(MEM, err, sizeof(err));
	if (!e || tb_emu_set_engine(e, engine, err, sizeof(err)))
		abort();
	tb_emu_set_output(e, sink, NULL);
	if (tb_emu_load_raw(e, 0, data + 72, size - 72, err, sizeof(err)))
		abort();
	tb_emu_set_nzcv(e, data[0] & 15);
	uint32_t pc;
	memcpy(&pc, data + 4, 4);
	tb_emu_set_pc(e, (pc % (MEM / 4)) * 4 * !(data[1] & 1) + (data[1] & 1) * pc);
	for (unsigned i = 0; i < 8; i++) {
		uint64_t v;
		memcpy(&v, data + 8 + 8 * i, 8);
		tb_emu_set_reg(e, i, v);
	}
	tb_emu_set_reg(e, TB_EMU_SP, MEM);
	return e;
}

static struct tb_emu_result run(struct tb_emu *e)
{
	struct tb_emu_result r = tb_emu_execute(e, BUDGET);
	if (r.executed > BUDGET || r.reason > TB_EMU_EXIT)
		abort();
	if (r.reason == TB_EMU_BUDGET && r.executed != BUDGET)
		abort();
	/* a second run continues from where the first stopped */
	if (r.reason == TB_EMU_BUDGET || r.reason == TB_EMU_SVC) {
		r = tb_emu_execute(e, BUDGET);
		if (r.executed > BUDGET)
			abort();
	}
	return r;
}

/* the translator must leave exactly what the interpreter leaves */
static void same(struct tb_emu *a, struct tb_emu *b, struct tb_emu_result x, struct tb_emu_result y)
{
	static uint8_t ma[MEM], mb[MEM];
	if (x.executed != y.executed || x.reason != y.reason || x.pc != y.pc || x.addr != y.addr ||
	    x.insn != y.insn || x.exit_status != y.exit_status || x.syscall != y.syscall)
		abort();
	for (unsigned i = 0; i < 32; i++)
		if (tb_emu_get_reg(a, i) != tb_emu_get_reg(b, i))
			abort();
	if (tb_emu_get_nzcv(a) != tb_emu_get_nzcv(b) || tb_emu_get_pc(a) != tb_emu_get_pc(b))
		abort();
	tb_emu_read(a, 0, ma, MEM);
	tb_emu_read(b, 0, mb, MEM);
	if (memcmp(ma, mb, MEM))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 72 || size - 72 > MEM)
		return 0;
	struct tb_emu *a = machine(data, size, TB_EMU_ENGINE_INTERP);
	struct tb_emu_result x = run(a);
	if (tb_emu_jit_available()) {
		struct tb_emu *b = machine(data, size, TB_EMU_ENGINE_JIT);
		same(a, b, x, run(b));
		tb_emu_destroy(b);
	}
	tb_emu_destroy(a);
	return 0;
}
