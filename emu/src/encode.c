/*
 * encode.c - the A64 encoder (see <tbench/emu_encode.h> for conventions).
 */
#include <tbench/emu_encode.h>

static uint32_t r5(unsigned r) { return r & 31; }

static uint32_t movw(unsigned opc, unsigned sf, unsigned rd, unsigned imm16, unsigned shift)
{
	return (sf & 1) << 31 | opc << 29 | 0x25u << 23 | ((shift / 16) & 3) << 21 |
	       (imm16 & 0xffff) << 5 | r5(rd);
}
uint32_t tb_a64_movn(unsigned sf, unsigned rd, unsigned imm16, unsigned shift) { return movw(0, sf, rd, imm16, shift); }
uint32_t tb_a64_movz(unsigned sf, unsigned rd, unsigned imm16, unsigned shift) { return movw(2, sf, rd, imm16, shift); }
uint32_t tb_a64_movk(unsigned sf, unsigned rd, unsigned imm16, unsigned shift) { return movw(3, sf, rd, imm16, shift); }

static uint32_t addsub_imm(unsigned opS, unsigned sf, unsigned rd, unsigned rn, unsigned imm12,
			   unsigned lsl12)
{
	return (sf & 1) << 31 | opS << 29 | 0x22u << 23 | (lsl12 & 1) << 22 |
	       (imm12 & 0xfff) << 10 | r5(rn) << 5 | r5(rd);
}
uint32_t tb_a64_add_imm(unsigned sf, unsigned rd, unsigned rn, unsigned imm12, unsigned lsl12) { return addsub_imm(0, sf, rd, rn, imm12, lsl12); }
uint32_t tb_a64_adds_imm(unsigned sf, unsigned rd, unsigned rn, unsigned imm12, unsigned lsl12) { return addsub_imm(1, sf, rd, rn, imm12, lsl12); }
uint32_t tb_a64_sub_imm(unsigned sf, unsigned rd, unsigned rn, unsigned imm12, unsigned lsl12) { return addsub_imm(2, sf, rd, rn, imm12, lsl12); }
uint32_t tb_a64_subs_imm(unsigned sf, unsigned rd, unsigned rn, unsigned imm12, unsigned lsl12) { return addsub_imm(3, sf, rd, rn, imm12, lsl12); }

static uint32_t dp_reg(uint32_t base, unsigned sf, unsigned rd, unsigned rn, unsigned rm,
		       enum tb_a64_shift sh, unsigned amount)
{
	return (sf & 1) << 31 | base | ((unsigned)sh & 3) << 22 | r5(rm) << 16 |
	       (amount & 63) << 10 | r5(rn) << 5 | r5(rd);
}
uint32_t tb_a64_add_reg(unsigned sf, unsigned rd, unsigned rn, unsigned rm, enum tb_a64_shift sh,
			unsigned amount)
{
	return dp_reg(0x0b000000, sf, rd, rn, rm, sh, amount);
}
uint32_t tb_a64_orr_reg(unsigned sf, unsigned rd, unsigned rn, unsigned rm, enum tb_a64_shift sh,
			unsigned amount)
{
	return dp_reg(0x2a000000, sf, rd, rn, rm, sh, amount);
}

static uint32_t ls_uimm(unsigned opc, unsigned size, unsigned rt, unsigned rn, unsigned offset)
{
	return (size & 3) << 30 | 0x39u << 24 | opc << 22 | ((offset >> size) & 0xfff) << 10 |
	       r5(rn) << 5 | r5(rt);
}
uint32_t tb_a64_str(unsigned size, unsigned rt, unsigned rn, unsigned offset) { return ls_uimm(0, size, rt, rn, offset); }
uint32_t tb_a64_ldr(unsigned size, unsigned rt, unsigned rn, unsigned offset) { return ls_uimm(1, size, rt, rn, offset); }

static uint32_t imm19(int64_t offset) { return ((uint32_t)(offset / 4) & 0x7ffff) << 5; }
uint32_t tb_a64_b(int64_t offset) { return 0x14000000u | ((uint32_t)(offset / 4) & 0x3ffffff); }
uint32_t tb_a64_bl(int64_t offset) { return 0x94000000u | ((uint32_t)(offset / 4) & 0x3ffffff); }
uint32_t tb_a64_b_cond(enum tb_a64_cond cond, int64_t offset) { return 0x54000000u | imm19(offset) | ((unsigned)cond & 15); }
uint32_t tb_a64_cbz(unsigned sf, unsigned rt, int64_t offset) { return (sf & 1) << 31 | 0x34000000u | imm19(offset) | r5(rt); }
uint32_t tb_a64_cbnz(unsigned sf, unsigned rt, int64_t offset) { return (sf & 1) << 31 | 0x35000000u | imm19(offset) | r5(rt); }
uint32_t tb_a64_br(unsigned rn) { return 0xd61f0000u | r5(rn) << 5; }
uint32_t tb_a64_blr(unsigned rn) { return 0xd63f0000u | r5(rn) << 5; }
uint32_t tb_a64_ret(unsigned rn) { return 0xd65f0000u | r5(rn) << 5; }
uint32_t tb_a64_svc(unsigned imm16) { return 0xd4000001u | (imm16 & 0xffff) << 5; }
uint32_t tb_a64_hlt(unsigned imm16) { return 0xd4400000u | (imm16 & 0xffff) << 5; }
uint32_t tb_a64_nop(void) { return 0xd503201fu; }

unsigned tb_a64_mov64(uint32_t *out, unsigned rd, uint64_t value)
{
	unsigned n = 0;
	out[n++] = tb_a64_movz(1, rd, value & 0xffff, 0);
	for (unsigned sh = 16; sh < 64; sh += 16)
		if ((value >> sh) & 0xffff)
			out[n++] = tb_a64_movk(1, rd, (value >> sh) & 0xffff, sh);
	return n;
}
