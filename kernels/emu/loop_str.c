/*
 * emu/loop_str.c - the loop with a store: ADD + STR + SUBS + B.NE, run by the translator.
 */
#include "loop.h"

const struct tb_kernel tb_k_emu_loop_str = TB_EMU_LOOP_KERNEL(
	"loop-str", "AArch64 loop ADD+STR+SUBS+B.NE, translated to x86-64 (jit) (IPS)", true,
	TB_EMU_ENGINE_JIT);
