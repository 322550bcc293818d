/*
 * emu_check.h - what the translator's unit tests share (test_emu_jit.c,
 * test_emu_loops.c): machines on either engine, a seeded generator of
 * random instruction words and register values, and the comparison of two
 * machines' results and whole state (registers, NZCV, PC, memory).
 * Include after <cmocka.h>.
 */
#ifndef TB_TEST_EMU_CHECK_H
#define TB_TEST_EMU_CHECK_H

#include <stdint.h>
#include <string.h>

#include <tbench/emu.h>
#include <tbench/emu_encode.h>

#define MEM (64u << 10)
static char err[256];

static struct tb_emu *machine(enum tb_emu_engine engine, const uint32_t *prog, size_t words)
{
	struct tb_emu *e = tb_emu_create(MEM, err, sizeof(err));
	assert_non_null(e);
	assert_int_equal(tb_emu_set_engine(e, engine, err, sizeof(err)), 0);
	assert_int_equal(tb_emu_get_engine(e), engine);
	assert_int_equal(tb_emu_load_raw(e, 0, prog, words * 4, err, sizeof(err)), 0);
	return e;
}

static uint64_t rng_state;
static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* instruction classes the translator handles (and a few it leaves to the
 * interpreter): fixed bits, random bits elsewhere */
static const struct {
	uint32_t mask, value;
} classes[] = {
	{0x1f800000, 0x11000000}, /* add/sub immediate */
	{0x1f800000, 0x12000000}, /* logical immediate */
	{0x1f800000, 0x12800000}, /* move wide */
	{0x1f000000, 0x10000000}, /* ADR, ADRP */
	{0x1f000000, 0x0a000000}, /* logical shifted register */
	{0x1f200000, 0x0b000000}, /* add/sub shifted register */
	{0x3fc00000, 0x39000000}, /* STR unsigned offset */
	{0x3fc00000, 0x39400000}, /* LDR unsigned offset */
	{0x3f200000, 0x38000000}, /* LDUR/STUR, pre/post-index */
	{0x3f200c00, 0x38200800}, /* register offset */
};

static uint32_t random_word(unsigned i, unsigned words)
{
	unsigned pick = (unsigned)(rnd() % 42);
	int64_t off = (int64_t)(rnd() % 13) - 8; /* branch offset in words */
	if ((int64_t)i + off < 0 || i + off >= words)
		off = 1;
	if (pick < 20) {
		unsigned c = pick % (sizeof(classes) / sizeof(classes[0]));
		uint32_t w = ((uint32_t)rnd() & ~classes[c].mask) | classes[c].value;
		if (c >= 6 && (rnd() & 3)) /* mostly the base register holding an address */
			w = (w & ~0x3e0u) | (uint32_t)(20 + rnd() % 4) << 5;
		return w;
	}
	switch (pick) {
	case 20: case 21: case 22: case 23: case 24: /* SUBS/ADDS then a B.cond */
		return tb_a64_b_cond((enum tb_a64_cond)(rnd() % 16), off * 4);
	case 25: case 26: case 37: case 38: { /* flag setters on x0..x3 */
		unsigned sf = (unsigned)(rnd() & 1), d = (unsigned)(rnd() % 4), n = (unsigned)(rnd() % 4);
		unsigned m = (unsigned)(rnd() % 4), imm = (unsigned)(rnd() % 3);
		static const uint32_t regop[3] = {0x6b000000, 0x2b000000, 0x6a000000}; /* SUBS ADDS ANDS */
		switch (rnd() % 5) {
		case 0: return tb_a64_subs_imm(sf, d, n, imm, 0);
		case 1: return tb_a64_adds_imm(sf, d, n, imm, 0);
		default:
			return regop[rnd() % 3] | sf << 31 | m << 16 | n << 5 | d |
			       (rnd() % 4 ? 0 : (uint32_t)(rnd() % 2) << 10);
		}
	}
	case 27: return tb_a64_cbz((unsigned)(rnd() & 1), (unsigned)(rnd() % 4), off * 4);
	case 28: return tb_a64_cbnz((unsigned)(rnd() & 1), (unsigned)(rnd() % 4), off * 4);
	case 29: return tb_a64_b(off * 4);
	case 30: return tb_a64_bl(off * 4);
	case 31: return rnd() & 1 ? tb_a64_br((unsigned)(rnd() % 32)) : tb_a64_ret(30);
	case 32: return tb_a64_blr((unsigned)(rnd() % 32));
	case 33: return tb_a64_nop();
	case 34: return rnd() % 4 ? tb_a64_nop() : tb_a64_hlt(1);
	case 35: return tb_a64_svc(0);
	case 36: return (uint32_t)rnd(); /* anything */
	default: return tb_a64_add_imm(1, (unsigned)(rnd() % 4), (unsigned)(rnd() % 4), 1, 0);
	}
}

static uint64_t random_reg(void)
{
	static const uint64_t edges[] = {0, 1, 2, 3, 0x7fffffff, 0x80000000, 0xffffffff,
					 0x100000000, 0x7fffffffffffffff, 0x8000000000000000,
					 UINT64_MAX, UINT64_MAX - 1};
	switch (rnd() % 5) {
	case 4: return edges[rnd() % (sizeof(edges) / sizeof(edges[0]))];
	case 0: return rnd();
	case 1: return rnd() % 16;
	case 2: return (uint64_t)-(int64_t)(rnd() % 16);
	default: return rnd() % MEM;
	}
}

static void same_state(struct tb_emu *a, struct tb_emu *b, const char *what, unsigned seed)
{
	for (unsigned r = 0; r < 32; r++)
		if (tb_emu_get_reg(a, r) != tb_emu_get_reg(b, r))
			fail_msg("seed %u %s: x%u interp 0x%llx jit 0x%llx", seed, what, r,
				 (unsigned long long)tb_emu_get_reg(a, r),
				 (unsigned long long)tb_emu_get_reg(b, r));
	if (tb_emu_get_nzcv(a) != tb_emu_get_nzcv(b))
		fail_msg("seed %u %s: nzcv interp %u jit %u", seed, what, tb_emu_get_nzcv(a),
			 tb_emu_get_nzcv(b));
	assert_int_equal(tb_emu_get_pc(a), tb_emu_get_pc(b));
	static uint8_t ma[MEM], mb[MEM];
	tb_emu_read(a, 0, ma, MEM);
	tb_emu_read(b, 0, mb, MEM);
	if (memcmp(ma, mb, MEM))
		fail_msg("seed %u %s: guest memory differs", seed, what);
}

static void same_result(struct tb_emu_result x, struct tb_emu_result y, const char *what,
			unsigned seed)
{
	if (x.executed != y.executed || x.reason != y.reason || x.pc != y.pc || x.addr != y.addr ||
	    x.insn != y.insn || x.exit_status != y.exit_status || x.syscall != y.syscall)
		fail_msg("seed %u %s: interp %llu insns %s pc 0x%llx addr 0x%llx, jit %llu insns "
			 "%s pc 0x%llx addr 0x%llx", seed, what, (unsigned long long)x.executed,
			 tb_emu_stop_name(x.reason), (unsigned long long)x.pc,
			 (unsigned long long)x.addr, (unsigned long long)y.executed,
			 tb_emu_stop_name(y.reason), (unsigned long long)y.pc,
			 (unsigned long long)y.addr);
}

#endif
