/*
 * <tbench/emu_encode.h> - a small A64 encoder (part of libtbench-emu): the
 * words the emulator benchmark and the unit tests build their programs
 * from.  Register numbers are 0..31, where 31 means SP or XZR exactly as
 * the instruction's encoding says.  Branch offsets are in bytes from the
 * branch itself.  sf = 1 for the X (64-bit) form, 0 for W.  Arguments are
 * not range-checked beyond masking to their field: callers pass valid
 * values.
 */
#ifndef TBENCH_EMU_ENCODE_H
#define TBENCH_EMU_ENCODE_H

#include <tbench/emu.h>

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum tb_a64_cond { TB_EQ, TB_NE, TB_CS, TB_CC, TB_MI, TB_PL, TB_VS, TB_VC,
		   TB_HI, TB_LS, TB_GE, TB_LT, TB_GT, TB_LE, TB_AL, TB_NV };
enum tb_a64_shift { TB_LSL, TB_LSR, TB_ASR, TB_ROR };

TB_EMU_API uint32_t tb_a64_movz(unsigned sf, unsigned rd, unsigned imm16, unsigned shift);
TB_EMU_API uint32_t tb_a64_movk(unsigned sf, unsigned rd, unsigned imm16, unsigned shift);
TB_EMU_API uint32_t tb_a64_movn(unsigned sf, unsigned rd, unsigned imm16, unsigned shift);
/* ADD/ADDS/SUB/SUBS immediate: imm12, lsl12 selects LSL #12 */
TB_EMU_API uint32_t tb_a64_add_imm(unsigned sf, unsigned rd, unsigned rn, unsigned imm12, unsigned lsl12);
TB_EMU_API uint32_t tb_a64_adds_imm(unsigned sf, unsigned rd, unsigned rn, unsigned imm12, unsigned lsl12);
TB_EMU_API uint32_t tb_a64_sub_imm(unsigned sf, unsigned rd, unsigned rn, unsigned imm12, unsigned lsl12);
TB_EMU_API uint32_t tb_a64_subs_imm(unsigned sf, unsigned rd, unsigned rn, unsigned imm12, unsigned lsl12);
/* shifted register forms */
TB_EMU_API uint32_t tb_a64_add_reg(unsigned sf, unsigned rd, unsigned rn, unsigned rm,
			enum tb_a64_shift sh, unsigned amount);
TB_EMU_API uint32_t tb_a64_orr_reg(unsigned sf, unsigned rd, unsigned rn, unsigned rm,
			enum tb_a64_shift sh, unsigned amount);
/* LDR/STR unsigned scaled offset; size 0 = byte, 2 = W, 3 = X; offset in bytes */
TB_EMU_API uint32_t tb_a64_str(unsigned size, unsigned rt, unsigned rn, unsigned offset);
TB_EMU_API uint32_t tb_a64_ldr(unsigned size, unsigned rt, unsigned rn, unsigned offset);
TB_EMU_API uint32_t tb_a64_b(int64_t offset);
TB_EMU_API uint32_t tb_a64_bl(int64_t offset);
TB_EMU_API uint32_t tb_a64_b_cond(enum tb_a64_cond cond, int64_t offset);
TB_EMU_API uint32_t tb_a64_cbz(unsigned sf, unsigned rt, int64_t offset);
TB_EMU_API uint32_t tb_a64_cbnz(unsigned sf, unsigned rt, int64_t offset);
TB_EMU_API uint32_t tb_a64_br(unsigned rn);
TB_EMU_API uint32_t tb_a64_blr(unsigned rn);
TB_EMU_API uint32_t tb_a64_ret(unsigned rn);
TB_EMU_API uint32_t tb_a64_svc(unsigned imm16);
TB_EMU_API uint32_t tb_a64_hlt(unsigned imm16);
TB_EMU_API uint32_t tb_a64_nop(void);

/* Load a 64-bit constant into Xrd with MOVZ + MOVK; writes up to 4 words
 * to out and returns how many. */
TB_EMU_API unsigned tb_a64_mov64(uint32_t *out, unsigned rd, uint64_t value);

#ifdef __cplusplus
}
#endif

#endif
