/*
 * emu/loop_str_interp.c - ADD + STR + SUBS + B.NE in the interpreter only.
 */
#include "loop.h"

const struct tb_kernel tb_k_emu_loop_str_interp = TB_EMU_LOOP_KERNEL(
	"loop-str-interp", "AArch64 loop ADD+STR+SUBS+B.NE in the interpreter (IPS)", true,
	TB_EMU_ENGINE_INTERP);
