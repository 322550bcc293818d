/*
 * emu/loop_str.c - the interpreter loop with a store: ADD + STR + SUBS + B.NE.
 */
#include "loop.h"

const struct tb_kernel tb_k_emu_loop_str = TB_EMU_LOOP_KERNEL(
	"loop-str", "AArch64 loop ADD+STR+SUBS+B.NE in the interpreter (IPS)", true);
