/*
 * loop.h - the emulator-loop benchmark family: a guest loop of
 * ADD + STR + SUBS + B.NE (loop-str) or ADD + SUBS + B.NE (loop-nostr),
 * built with the in-tree encoder, run by the translator (jit, the default
 * variants) or the interpreter (the -interp variants); n = loop
 * iterations, items = guest instructions executed, so the rate is
 * instructions per second (IPS).
 */
#ifndef TB_EMU_LOOP_H
#define TB_EMU_LOOP_H

#include "../kernel.h"

#include <tbench/emu.h>

#include <stdbool.h>

int tb_emu_loop_setup(struct tb_case *c, char *err, size_t errlen);
void tb_emu_loop_run(struct tb_case *c, uint64_t iters);
int tb_emu_loop_verify(struct tb_case *c, char *why, size_t len);
void tb_emu_loop_teardown(struct tb_case *c);
struct tb_work tb_emu_loop_work(const struct tb_case *c);
size_t tb_emu_loop_memory(const struct tb_case *c);

/* The guest program for n iterations (n >= 1): words written to out (room
 * for 16), returns the count; *insns = instructions it executes, HLT
 * included.  The store goes to TB_EMU_LOOP_DATA. */
#define TB_EMU_LOOP_DATA 0x8000u
unsigned tb_emu_loop_program(uint32_t *out, uint64_t n, bool store, uint64_t *insns);

/* what a variant runs: with or without the STR, on which engine */
struct tb_emu_loop_impl {
	bool store;
	enum tb_emu_engine engine;
};
/* the jit variants: only where the translator exists (x86-64) */
bool tb_emu_loop_jit_supported(const char **why);

#define TB_EMU_LOOP_KERNEL(variant_, summary_, store_, engine_)                         \
	{                                                                               \
		.abi = TB_KERNEL_ABI, .family = "emu", .variant = variant_,             \
		.summary = summary_,                                                    \
		.modes = TB_MODE_NONE,                                                  \
		.impl = &(const struct tb_emu_loop_impl){store_, engine_},              \
		.supported = (engine_) == TB_EMU_ENGINE_JIT ? tb_emu_loop_jit_supported \
							    : NULL,                     \
		.setup = tb_emu_loop_setup, .run = tb_emu_loop_run,                     \
		.verify = tb_emu_loop_verify, .teardown = tb_emu_loop_teardown,         \
		.work = tb_emu_loop_work, .memory = tb_emu_loop_memory,                 \
	}

#endif
