/*
 * emu.h - the AArch64 emulator: a bit-exact subset of A64 (integer
 * data processing, loads/stores, branches, SVC/HLT) over a flat
 * little-endian guest memory at guest addresses [0, mem_size).
 *
 * Two engines with identical results: the interpreter (exec.c: decoded
 * once into a pre-decoded form, dispatched with computed goto) and, on
 * x86-64 hosts, a basic-block translator to x86-64 code (jit.c, jit_run.c)
 * that falls back to the interpreter for what it does not translate.
 * Stores into decoded or translated code invalidate it, so self-modifying
 * code behaves as on hardware (after the store, the new word executes).
 * Pure computation: nothing here prints; guest writes to fd 1/2 go to a
 * callback the host installs.  Every guest access is bounds-checked, so the
 * API is safe on arbitrary program bytes.
 */
#ifndef TB_EMU_H
#define TB_EMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TB_EMU_MEM_DEFAULT ((size_t)4 << 20) /* 4 MiB */
#define TB_EMU_MEM_MIN ((size_t)4096)
#define TB_EMU_MEM_MAX ((size_t)1 << 32) /* guest addresses stay below 4 GiB */
#define TB_EMU_SP 31                     /* register number of SP in get/set_reg */

enum tb_emu_stop {
	TB_EMU_HALT,      /* HLT executed; pc = the HLT */
	TB_EMU_SVC,       /* SVC with a syscall the shim does not handle; pc = after it */
	TB_EMU_BUDGET,    /* max instructions executed; pc = next instruction */
	TB_EMU_FAULT,     /* access outside guest memory (addr); pc = faulting insn */
	TB_EMU_UNDEFINED, /* unsupported or unallocated word (insn) at pc */
	TB_EMU_EXIT,      /* exit / exit_group syscall (exit_status); pc = after SVC */
};

struct tb_emu_result {
	uint64_t executed;     /* instructions completed by this call */
	enum tb_emu_stop reason;
	uint64_t pc;           /* where execution stopped (see enum) */
	uint64_t addr;         /* TB_EMU_FAULT: the faulting address */
	uint32_t insn;         /* TB_EMU_UNDEFINED: the instruction word */
	int exit_status;       /* TB_EMU_EXIT: x0 & 0xff */
	uint64_t syscall;      /* TB_EMU_SVC: x8 */
};

struct tb_emu;

/* How tb_emu_execute runs guest code: the interpreter (every host), or the
 * translator (x86-64 hosts: basic blocks become x86-64 code, the
 * interpreter runs what it does not translate).  Results are identical. */
enum tb_emu_engine {
	TB_EMU_ENGINE_INTERP,
	TB_EMU_ENGINE_JIT,
};

/* Called for write(fd, buf, len) with fd 1 or 2; returns bytes written or a
 * negative errno (placed in x0).  No callback: writes are discarded and
 * succeed. */
typedef long (*tb_emu_write_fn)(void *ctx, int fd, const void *buf, size_t len);

/* mem_size in [TB_EMU_MEM_MIN, TB_EMU_MEM_MAX], a multiple of 4096 */
struct tb_emu *tb_emu_create(size_t mem_size, char *err, size_t errlen);
void tb_emu_destroy(struct tb_emu *e);
/* registers, SP, NZCV and PC to zero; memory is kept */
void tb_emu_reset(struct tb_emu *e);
void tb_emu_set_output(struct tb_emu *e, tb_emu_write_fn fn, void *ctx);
size_t tb_emu_mem_size(const struct tb_emu *e);

/* copy bytes to guest memory at addr (does not change PC) */
int tb_emu_load_raw(struct tb_emu *e, uint64_t addr, const void *buf, size_t len,
		    char *err, size_t errlen);
/* a static little-endian AArch64 ELF64 executable: PT_LOAD segments are
 * copied (the rest of each p_memsz zeroed), PC = entry, SP = a small
 * Linux-like initial stack (argc 0) at the top of memory */
int tb_emu_load_elf(struct tb_emu *e, const void *buf, size_t len, char *err, size_t errlen);
/* highest guest address + 1 that the ELF's PT_LOAD segments use; -1 if unreadable */
int tb_emu_elf_extent(const void *buf, size_t len, uint64_t *end);

uint64_t tb_emu_get_pc(const struct tb_emu *e);
void tb_emu_set_pc(struct tb_emu *e, uint64_t pc);
/* n 0..30 = X0..X30, 31 = SP; other n read 0 / are ignored */
uint64_t tb_emu_get_reg(const struct tb_emu *e, unsigned n);
void tb_emu_set_reg(struct tb_emu *e, unsigned n, uint64_t v);
/* NZCV as the 4 bits N=8 Z=4 C=2 V=1 */
unsigned tb_emu_get_nzcv(const struct tb_emu *e);
void tb_emu_set_nzcv(struct tb_emu *e, unsigned nzcv);

/* guest memory access; -1 if any byte is outside [0, mem_size) */
int tb_emu_read(const struct tb_emu *e, uint64_t addr, void *buf, size_t len);
int tb_emu_write(struct tb_emu *e, uint64_t addr, const void *buf, size_t len);
int tb_emu_read8(const struct tb_emu *e, uint64_t addr, uint8_t *v);
int tb_emu_read32(const struct tb_emu *e, uint64_t addr, uint32_t *v);
int tb_emu_read64(const struct tb_emu *e, uint64_t addr, uint64_t *v);
int tb_emu_write8(struct tb_emu *e, uint64_t addr, uint8_t v);
int tb_emu_write32(struct tb_emu *e, uint64_t addr, uint32_t v);
int tb_emu_write64(struct tb_emu *e, uint64_t addr, uint64_t v);

/* The engine: new machines use the translator when this host has it, else
 * the interpreter.  Setting TB_EMU_ENGINE_JIT where it is not available
 * returns -1 with a message. */
int tb_emu_set_engine(struct tb_emu *e, enum tb_emu_engine engine, char *err, size_t errlen);
enum tb_emu_engine tb_emu_get_engine(const struct tb_emu *e);
/* true if this build and host have the translator (x86-64) */
bool tb_emu_jit_available(void);
const char *tb_emu_engine_name(enum tb_emu_engine engine); /* "interp", "jit" */
/* name to engine; -1 if unknown */
int tb_emu_engine_parse(const char *name, enum tb_emu_engine *engine);

/* Run at most max_insns instructions from the current PC. */
struct tb_emu_result tb_emu_execute(struct tb_emu *e, uint64_t max_insns);

const char *tb_emu_stop_name(enum tb_emu_stop s); /* "halt", "svc", ... */

#endif
