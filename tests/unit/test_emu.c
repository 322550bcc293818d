/*
 * test_emu.c - the AArch64 interpreter's contract: exact budgets (stop PC
 * after exactly N instructions, including inside a fused SUBS+B.cond),
 * faults that change nothing, undefined words, the syscall shim,
 * self-modifying code, ELF loader refusals, and the loop benchmark's own
 * verification.  Instruction semantics are checked against qemu by
 * tests/cli/t0400-emu-vs-qemu.sh.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <elf.h>
#include <string.h>

#include <tbench/emu.h>
#include <tbench/emu_encode.h>
#include "kernels/emu/loop.h"
#include "kernels/kernel.h"

static char err[256];
static enum tb_emu_engine engine; /* each group runs once per engine */

static struct tb_emu *machine(const uint32_t *prog, size_t words)
{
	struct tb_emu *e = tb_emu_create(64 << 10, err, sizeof(err));
	assert_non_null(e);
	assert_int_equal(tb_emu_set_engine(e, engine, err, sizeof(err)), 0);
	assert_int_equal(tb_emu_load_raw(e, 0, prog, words * 4, err, sizeof(err)), 0);
	return e;
}

/* x0 = 5; loop: add x1, x1, #3; str x1, [sp, #8]; subs x0, x0, #1; b.ne loop; hlt */
static const uint32_t *loop_prog(size_t *words)
{
	static uint32_t p[8];
	p[0] = tb_a64_movz(1, 0, 5, 0);
	p[1] = tb_a64_add_imm(1, 1, 1, 3, 0);
	p[2] = tb_a64_str(3, 1, 31, 8);
	p[3] = tb_a64_subs_imm(1, 0, 0, 1, 0);
	p[4] = tb_a64_b_cond(TB_NE, -12);
	p[5] = tb_a64_hlt(7);
	*words = 6;
	return p;
}

static void budget_is_exact(void **state)
{
	(void)state;
	size_t words;
	const uint32_t *p = loop_prog(&words);
	/* the whole program: 1 + 5 * 4 + 1 instructions */
	struct tb_emu *e = machine(p, words);
	tb_emu_set_reg(e, TB_EMU_SP, 0x1000);
	struct tb_emu_result all = tb_emu_execute(e, 1000);
	assert_int_equal(all.reason, TB_EMU_HALT);
	assert_int_equal(all.executed, 22);
	assert_int_equal(all.pc, 20);
	uint64_t x1 = tb_emu_get_reg(e, 1);
	assert_int_equal(x1, 15);
	assert_int_equal(tb_emu_get_nzcv(e), 6); /* Z and C from the last SUBS 1 - 1 */

	/* stopping after each N, the next PC is where a single-stepper would be */
	for (uint64_t n = 0; n <= 22; n++) {
		tb_emu_reset(e);
		tb_emu_set_reg(e, TB_EMU_SP, 0x1000);
		uint64_t pc = 0;
		for (uint64_t i = 0; i < n; i++) {
			struct tb_emu_result s = tb_emu_execute(e, 1);
			assert_int_equal(s.executed, 1);
			pc = s.pc;
		}
		uint64_t stepped_x0 = tb_emu_get_reg(e, 0), stepped_x1 = tb_emu_get_reg(e, 1);
		unsigned stepped_nzcv = tb_emu_get_nzcv(e);
		tb_emu_reset(e);
		tb_emu_set_reg(e, TB_EMU_SP, 0x1000);
		struct tb_emu_result r = tb_emu_execute(e, n);
		assert_int_equal(r.executed, n);
		assert_int_equal(tb_emu_get_nzcv(e), stepped_nzcv);
		if (n < 22) {
			assert_int_equal(r.reason, TB_EMU_BUDGET);
			assert_int_equal(r.pc, pc);
			assert_int_equal(tb_emu_get_pc(e), pc);
		}
		assert_int_equal(tb_emu_get_reg(e, 0), stepped_x0);
		assert_int_equal(tb_emu_get_reg(e, 1), stepped_x1);
		/* and resuming finishes the program with the same total */
		if (n == 22)
			continue;
		struct tb_emu_result rest = tb_emu_execute(e, 1000);
		assert_int_equal(rest.reason, TB_EMU_HALT);
		assert_int_equal(r.executed + rest.executed, 22);
		assert_int_equal(tb_emu_get_reg(e, 1), 15);
	}
	/* a zero budget executes nothing */
	tb_emu_reset(e);
	struct tb_emu_result z = tb_emu_execute(e, 0);
	assert_int_equal(z.reason, TB_EMU_BUDGET);
	assert_int_equal(z.executed, 0);
	assert_int_equal(z.pc, 0);
	tb_emu_destroy(e);
}

static void faults_change_nothing(void **state)
{
	(void)state;
	uint32_t p[] = {
		tb_a64_movz(1, 2, 0xfff8, 0),     /* x2 = 0xfff8 */
		tb_a64_ldr(3, 3, 2, 0),           /* ok: last 8 bytes */
		tb_a64_ldr(3, 4, 2, 8),           /* 0x10000: outside 64 KiB */
		tb_a64_hlt(0),
	};
	struct tb_emu *e = machine(p, 4);
	tb_emu_set_reg(e, 4, 0x1234);
	struct tb_emu_result r = tb_emu_execute(e, 100);
	assert_int_equal(r.reason, TB_EMU_FAULT);
	assert_int_equal(r.addr, 0x10000);
	assert_int_equal(r.pc, 8);
	assert_int_equal(r.executed, 2);
	assert_int_equal(tb_emu_get_reg(e, 4), 0x1234);
	/* stays stopped at the same place */
	r = tb_emu_execute(e, 100);
	assert_int_equal(r.reason, TB_EMU_FAULT);
	assert_int_equal(r.executed, 0);

	/* a store straddling the end, and a huge address that wraps */
	uint32_t q[] = {tb_a64_movz(1, 2, 0xfffc, 0), tb_a64_str(3, 1, 2, 0), tb_a64_hlt(0)};
	tb_emu_reset(e);
	tb_emu_load_raw(e, 0, q, sizeof(q), err, sizeof(err));
	r = tb_emu_execute(e, 100);
	assert_int_equal(r.reason, TB_EMU_FAULT);
	assert_int_equal(r.addr, 0xfffc);
	uint32_t last;
	assert_int_equal(tb_emu_read32(e, 0xfffc, &last), 0);
	assert_int_equal(last, 0);
	tb_emu_reset(e);
	tb_emu_set_reg(e, 2, UINT64_MAX - 3);
	tb_emu_set_pc(e, 4);
	r = tb_emu_execute(e, 100);
	assert_int_equal(r.reason, TB_EMU_FAULT);
	assert_int_equal(r.addr, UINT64_MAX - 3);

	/* branches out of memory fault at the target; so does falling off the end */
	uint32_t b[] = {tb_a64_movz(1, 5, 3, 16), tb_a64_br(5)};
	tb_emu_reset(e);
	tb_emu_load_raw(e, 0, b, sizeof(b), err, sizeof(err));
	r = tb_emu_execute(e, 100);
	assert_int_equal(r.reason, TB_EMU_FAULT);
	assert_int_equal(r.addr, 0x30000);
	assert_int_equal(r.pc, 0x30000);
	assert_int_equal(r.executed, 2);
	tb_emu_reset(e);
	tb_emu_write32(e, 0xfffc, tb_a64_nop());
	tb_emu_set_pc(e, 0xfffc);
	r = tb_emu_execute(e, 100);
	assert_int_equal(r.reason, TB_EMU_FAULT);
	assert_int_equal(r.executed, 1);
	assert_int_equal(r.addr, 0x10000);
	tb_emu_set_pc(e, 2); /* misaligned PC */
	r = tb_emu_execute(e, 100);
	assert_int_equal(r.reason, TB_EMU_FAULT);
	assert_int_equal(r.addr, 2);
	tb_emu_destroy(e);
}

static void undefined_words(void **state)
{
	(void)state;
	/* UDF #0, a SIMD load, MOVN W with hw=2, logical W with N=1, ADD ROR */
	static const uint32_t bad[] = {0x00000000, 0x3dc00000, 0x12c00000, 0x12400000,
				       0x8bc00000, 0x1f000000};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint32_t p[] = {tb_a64_nop(), bad[i], tb_a64_hlt(0)};
		struct tb_emu *e = machine(p, 3);
		struct tb_emu_result r = tb_emu_execute(e, 100);
		assert_int_equal(r.reason, TB_EMU_UNDEFINED);
		assert_int_equal(r.insn, bad[i]);
		assert_int_equal(r.pc, 4);
		assert_int_equal(r.executed, 1);
		tb_emu_destroy(e);
	}
}

struct out {
	char buf[64];
	size_t len;
	int fd;
};

static long capture(void *ctx, int fd, const void *buf, size_t len)
{
	struct out *o = ctx;
	memcpy(o->buf + o->len, buf, len);
	o->len += len;
	o->fd = fd;
	return (long)len;
}

static void syscalls(void **state)
{
	(void)state;
	uint32_t p[] = {
		tb_a64_movz(1, 0, 2, 0),   /* fd 2 */
		tb_a64_movz(1, 1, 0x100, 0),
		tb_a64_movz(1, 2, 3, 0),
		tb_a64_movz(1, 8, 64, 0),  /* write */
		tb_a64_svc(0),
		tb_a64_add_imm(1, 9, 0, 0, 0), /* x9 = bytes written */
		tb_a64_movz(1, 0, 9, 0),   /* fd 9: EBADF */
		tb_a64_svc(0),
		tb_a64_add_imm(1, 10, 0, 0, 0),
		tb_a64_movz(1, 8, 172, 0), /* getpid: not handled */
		tb_a64_svc(0),
		tb_a64_movz(1, 0, 0x12a, 0),
		tb_a64_movz(1, 8, 93, 0),  /* exit(0x12a): status 0x2a */
		tb_a64_svc(0),
	};
	struct tb_emu *e = machine(p, sizeof(p) / 4);
	tb_emu_write(e, 0x100, "abc", 3);
	struct out o = {0};
	tb_emu_set_output(e, capture, &o);
	struct tb_emu_result r = tb_emu_execute(e, 100);
	assert_int_equal(r.reason, TB_EMU_SVC);
	assert_int_equal(r.syscall, 172);
	assert_int_equal(r.pc, 44);
	assert_int_equal(o.len, 3);
	assert_int_equal(o.fd, 2);
	assert_memory_equal(o.buf, "abc", 3);
	assert_int_equal(tb_emu_get_reg(e, 9), 3);
	assert_int_equal(tb_emu_get_reg(e, 10), (uint64_t)-9);
	r = tb_emu_execute(e, 100);
	assert_int_equal(r.reason, TB_EMU_EXIT);
	assert_int_equal(r.exit_status, 0x2a);
	assert_int_equal(r.executed, 3);
	tb_emu_destroy(e);
}

static void self_modifying_code(void **state)
{
	(void)state;
	/* 0: ldr w3, [x0]  (x0 = 0x40: the replacement word)
	 * 4: str w3, [x1]  (x1 = 12: overwrite the word at 12)
	 * 8: b 12
	 * 12: movz x5, #1 -> replaced by movz x5, #2
	 * 16: subs x6, x6, #1 ; 20: b.ne 0 (run twice: 12 was decoded on the first pass)
	 * 24: hlt */
	uint32_t p[32] = {
		tb_a64_ldr(2, 3, 0, 0), tb_a64_str(2, 3, 1, 0), tb_a64_b(4),
		tb_a64_movz(1, 5, 1, 0), tb_a64_subs_imm(1, 6, 6, 1, 0), tb_a64_b_cond(TB_NE, -20),
		tb_a64_hlt(0),
	};
	p[16] = tb_a64_movz(1, 5, 1, 0);
	struct tb_emu *e = machine(p, 32);
	tb_emu_set_reg(e, 0, 0x40);
	tb_emu_set_reg(e, 1, 12);
	tb_emu_set_reg(e, 6, 2);
	/* first pass: 12 is rewritten with itself; then the host changes the
	 * replacement and the guest's second store must take effect */
	struct tb_emu_result r = tb_emu_execute(e, 6);
	assert_int_equal(r.pc, 0);
	assert_int_equal(tb_emu_get_reg(e, 5), 1);
	tb_emu_write32(e, 0x40, tb_a64_movz(1, 5, 2, 0));
	r = tb_emu_execute(e, 100);
	assert_int_equal(r.reason, TB_EMU_HALT);
	assert_int_equal(tb_emu_get_reg(e, 5), 2);

	/* the host rewriting the B.cond of a fused SUBS+B.cond pair */
	tb_emu_reset(e);
	tb_emu_set_reg(e, 0, 0x40);
	tb_emu_set_reg(e, 1, 12);
	tb_emu_set_reg(e, 6, 2);
	tb_emu_write32(e, 20, tb_a64_b_cond(TB_EQ, -20));
	r = tb_emu_execute(e, 100);
	assert_int_equal(r.reason, TB_EMU_HALT);
	assert_int_equal(r.executed, 7);
	assert_int_equal(tb_emu_get_reg(e, 6), 1);

	/* the guest rewriting an instruction right after the store */
	uint32_t q[] = {tb_a64_str(2, 3, 1, 0), tb_a64_movz(1, 5, 7, 0), tb_a64_hlt(0)};
	tb_emu_reset(e);
	tb_emu_load_raw(e, 0, q, sizeof(q), err, sizeof(err));
	tb_emu_set_reg(e, 1, 4);
	tb_emu_set_reg(e, 3, tb_a64_movz(1, 5, 9, 0));
	r = tb_emu_execute(e, 100);
	assert_int_equal(r.reason, TB_EMU_HALT);
	assert_int_equal(tb_emu_get_reg(e, 5), 9);
	tb_emu_destroy(e);
}

/* a minimal static ELF: one PT_LOAD of code at 0x1000 */
static size_t make_elf(uint8_t *buf, uint16_t machine_, uint16_t type, uint32_t ptype,
		       uint64_t vaddr)
{
	Elf64_Ehdr eh = {0};
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = type;
	eh.e_machine = machine_;
	eh.e_version = EV_CURRENT;
	eh.e_entry = vaddr;
	eh.e_phoff = sizeof(eh);
	eh.e_ehsize = sizeof(eh);
	eh.e_phentsize = sizeof(Elf64_Phdr);
	eh.e_phnum = 1;
	Elf64_Phdr ph = {.p_type = ptype, .p_flags = PF_R | PF_X, .p_offset = 0x100,
			 .p_vaddr = vaddr, .p_paddr = vaddr, .p_filesz = 8, .p_memsz = 0x20,
			 .p_align = 0x1000};
	uint32_t code[2] = {tb_a64_movz(1, 0, 42, 0), tb_a64_hlt(0)};
	memset(buf, 0, 0x108);
	memcpy(buf, &eh, sizeof(eh));
	memcpy(buf + sizeof(eh), &ph, sizeof(ph));
	memcpy(buf + 0x100, code, sizeof(code));
	return 0x108;
}

static void elf_loading(void **state)
{
	(void)state;
	uint8_t buf[0x108];
	struct tb_emu *e = tb_emu_create(64 << 10, err, sizeof(err));
	tb_emu_write64(e, 0x1010, 0xffff); /* inside p_memsz: must be zeroed */
	size_t n = make_elf(buf, EM_AARCH64, ET_EXEC, PT_LOAD, 0x1000);
	assert_int_equal(tb_emu_load_elf(e, buf, n, err, sizeof(err)), 0);
	assert_int_equal(tb_emu_get_pc(e), 0x1000);
	assert_int_equal(tb_emu_get_reg(e, TB_EMU_SP) % 16, 0);
	uint64_t v;
	tb_emu_read64(e, 0x1010, &v);
	assert_int_equal(v, 0);
	struct tb_emu_result r = tb_emu_execute(e, 10);
	assert_int_equal(r.reason, TB_EMU_HALT);
	assert_int_equal(tb_emu_get_reg(e, 0), 42);

	static const struct {
		uint16_t machine, type;
		uint32_t ptype;
		uint64_t vaddr;
		size_t cut;
		const char *needle;
	} bad[] = {
		{EM_X86_64, ET_EXEC, PT_LOAD, 0x1000, 0, "wrong machine 62"},
		{EM_AARCH64, ET_DYN, PT_LOAD, 0x1000, 0, "dynamic"},
		{EM_AARCH64, ET_EXEC, PT_INTERP, 0x1000, 0, "dynamically linked"},
		{EM_AARCH64, ET_EXEC, PT_LOAD, 0xfff0, 0, "outside guest memory"},
		{EM_AARCH64, ET_EXEC, PT_LOAD, 0x1000, 0x104, "truncated"},
		{EM_AARCH64, ET_EXEC, PT_LOAD, 0x1000, 0x50, "truncated"},
		{EM_AARCH64, ET_EXEC, PT_LOAD, 0x1000, 3, "not an ELF"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		n = make_elf(buf, bad[i].machine, bad[i].type, bad[i].ptype, bad[i].vaddr);
		err[0] = 0;
		assert_int_equal(tb_emu_load_elf(e, buf, bad[i].cut ? bad[i].cut : n, err, sizeof(err)),
				 TB_EMU_E_FORMAT);
		if (!strstr(err, bad[i].needle))
			fail_msg("case %zu: '%s' lacks '%s'", i, err, bad[i].needle);
	}
	memcpy(buf, "\177ELF", 4);
	buf[EI_CLASS] = ELFCLASS32;
	assert_int_equal(tb_emu_load_elf(e, buf, n, err, sizeof(err)), TB_EMU_E_FORMAT);
	assert_non_null(strstr(err, "64-bit"));
	tb_emu_destroy(e);
}

static void api_bounds(void **state)
{
	(void)state;
	assert_null(tb_emu_create(100, err, sizeof(err)));
	assert_non_null(strstr(err, "100"));
	assert_null(tb_emu_create(4097, err, sizeof(err)));
	struct tb_emu *e = tb_emu_create(4096, err, sizeof(err));
	assert_non_null(e);
	uint64_t v = 0;
	assert_int_equal(tb_emu_write64(e, 4088, 7), 0);
	assert_int_equal(tb_emu_read64(e, 4088, &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(tb_emu_write64(e, 4089, 7), TB_EMU_E_RANGE);
	assert_int_equal(tb_emu_read64(e, UINT64_MAX, &v), TB_EMU_E_RANGE);
	assert_int_equal(tb_emu_load_raw(e, 4000, err, 200, err, sizeof(err)), TB_EMU_E_RANGE);
	tb_emu_set_reg(e, 31, 0x80);
	assert_int_equal(tb_emu_get_reg(e, TB_EMU_SP), 0x80);
	tb_emu_set_reg(e, 40, 1);
	assert_int_equal(tb_emu_get_reg(e, 40), 0);
	assert_string_equal(tb_emu_stop_name(TB_EMU_FAULT), "memory-fault");
	tb_emu_destroy(e);
}

/* arbitrary words (biased towards the supported classes) never escape
 * guest memory, never run past the budget, and always stop with a reason;
 * under ASan this is a small fuzz run */
static void random_programs_stay_inside(void **state)
{
	(void)state;
	static const uint32_t classes[][2] = {
		{0x1f000000, 0x11000000}, {0x1f800000, 0x12000000}, {0x1f800000, 0x12800000},
		{0x1f000000, 0x0a000000}, {0x1f200000, 0x0b000000}, {0x3f000000, 0x39000000},
		{0x3f200000, 0x38000000}, {0x3f200c00, 0x38200800}, {0x7c000000, 0x14000000},
		{0x7e000000, 0x34000000}, {0xff000010, 0x54000000}, {0xff9ffc1f, 0xd61f0000},
		{0x1f000000, 0x10000000}, {0xffe0001f, 0xd4000001},
	};
	uint64_t rng = 0x9e3779b97f4a7c15ull;
	struct tb_emu *e = tb_emu_create(8192, err, sizeof(err));
	assert_non_null(e);
	for (int prog = 0; prog < 400; prog++) {
		uint32_t words[2048];
		for (size_t i = 0; i < 2048; i++) {
			rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
			uint32_t w = (uint32_t)rng;
			size_t c = (rng >> 40) % 18;
			if (c < 14)
				w = (w & ~classes[c][0]) | classes[c][1];
			words[i] = w;
		}
		tb_emu_load_raw(e, 0, words, sizeof(words), err, sizeof(err));
		tb_emu_reset(e);
		for (unsigned r = 0; r < 31; r++)
			tb_emu_set_reg(e, r, (rng >> (r % 32)) & (r & 1 ? 0x1fff : ~0ull));
		tb_emu_set_reg(e, TB_EMU_SP, 4096);
		struct tb_emu_result res = tb_emu_execute(e, 5000);
		assert_true(res.executed <= 5000);
		assert_true(res.reason <= TB_EMU_EXIT);
		if (res.reason == TB_EMU_BUDGET)
			assert_int_equal(res.executed, 5000);
		if (res.reason == TB_EMU_HALT || res.reason == TB_EMU_UNDEFINED)
			assert_true(res.pc < 8192 && res.pc % 4 == 0);
	}
	tb_emu_destroy(e);
}

static void loop_benchmark_verifies(void **state)
{
	(void)state;
	const char *variants[] = {"loop-str", "loop-nostr", "loop-str-interp", "loop-nostr-interp"};
	for (int v = 0; v < 4; v++) {
		const struct tb_kernel *k = tb_kernel_find("emu", variants[v]);
		assert_non_null(k);
		if (!tb_kernel_supported(k, &(const char *){NULL}))
			continue; /* jit variants off x86-64 */
		size_t sizes[] = {1, 2, 1000, 65535};
		for (size_t i = 0; i < 4; i++) {
			struct tb_case c = {.k = k, .n = sizes[i], .rows = 1, .cols = sizes[i], .threads = 1};
			assert_int_equal(k->setup(&c, err, sizeof(err)), 0);
			k->run(&c, 2);
			if (k->verify(&c, err, sizeof(err)))
				fail_msg("%s n=%zu: %s", variants[v], sizes[i], err);
			struct tb_work w = k->work(&c);
			assert_true(w.items == (double)(sizes[i] * (v % 2 ? 3 : 4) + 4));
			k->teardown(&c);
		}
	}
	/* the program's instruction count is what the encoder says */
	uint32_t prog[16];
	uint64_t insns;
	unsigned words = tb_emu_loop_program(prog, 0x123456789, true, &insns);
	assert_int_equal(words, 10);
	assert_int_equal(insns, 5 + 4 * 0x123456789ull + 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(budget_is_exact),
		cmocka_unit_test(faults_change_nothing),
		cmocka_unit_test(undefined_words),
		cmocka_unit_test(syscalls),
		cmocka_unit_test(self_modifying_code),
		cmocka_unit_test(elf_loading),
		cmocka_unit_test(api_bounds),
		cmocka_unit_test(random_programs_stay_inside),
		cmocka_unit_test(loop_benchmark_verifies),
	};
	engine = TB_EMU_ENGINE_INTERP;
	int failed = cmocka_run_group_tests_name("interp", tests, NULL, NULL);
	if (tb_emu_jit_available()) {
		engine = TB_EMU_ENGINE_JIT;
		failed += cmocka_run_group_tests_name("jit", tests, NULL, NULL);
	}
	return failed;
}
