/*
 * emu/loop_nostr_interp.c - ADD + SUBS + B.NE in the interpreter only.
 */
#include "loop.h"

const struct tb_kernel tb_k_emu_loop_nostr_interp = TB_EMU_LOOP_KERNEL(
	"loop-nostr-interp", "AArch64 loop ADD+SUBS+B.NE in the interpreter (IPS)", false,
	TB_EMU_ENGINE_INTERP);
