/*
 * emu/loop_nostr.c - the interpreter loop without a store: ADD + SUBS + B.NE
 * (the family's reference).
 */
#include "loop.h"

const struct tb_kernel tb_k_emu_loop_nostr = TB_EMU_LOOP_KERNEL(
	"loop-nostr", "AArch64 loop ADD+SUBS+B.NE in the interpreter (IPS)", false);
