/*
 * emu/loop_nostr.c - the loop without a store: ADD + SUBS + B.NE, run by the
 * translator (the family's reference).
 */
#include "loop.h"

const struct tb_kernel tb_k_emu_loop_nostr = TB_EMU_LOOP_KERNEL(
	"loop-nostr", "AArch64 loop ADD+SUBS+B.NE, translated to x86-64 (jit) (IPS)", false,
	TB_EMU_ENGINE_JIT);
