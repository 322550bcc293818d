/*
 * <tbench/emu.h> - libtbench-emu, tbench's AArch64 emulator as a library:
 * a bit-exact subset of A64 (integer data processing, loads/stores,
 * branches, SVC/HLT) over a flat little-endian guest memory at guest
 * addresses [0, memory size).
 *
 * The host API: create a machine with a memory size, load a program (raw
 * bytes at an address, or a static ELF), set PC, execute up to N
 * instructions -> instructions executed + stop reason (+ its name), read
 * and write registers (X0..X30, SP, PC, NZCV) and memory (8/32/64-bit words
 * and byte ranges), choose the engine (translator or interpreter), stop a
 * running guest from a signal handler or another thread.
 *
 * Errors are negative codes (enum tb_emu_error, tb_emu_strerror) and,
 * where a call takes err/errlen, a one-line message naming the bad value.
 * Nothing here prints; guest writes to fd 1/2 go to a callback.  Every
 * guest access is bounds-checked, so the API is safe on arbitrary program
 * bytes.  Link with -ltbench-emu (pkg-config tbench-emu); the Python module
 * tbench_emu wraps the same calls (docs/emulator.md).
 */
#ifndef TBENCH_EMU_H
#define TBENCH_EMU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TB_EMU_API __attribute__((visibility("default")))

/* the library's version; the soname changes with the major number */
#define TB_EMU_VERSION_MAJOR 1
#define TB_EMU_VERSION_MINOR 0
#define TB_EMU_VERSION_PATCH 0

#define TB_EMU_MEM_DEFAULT ((size_t)4 << 20) /* 4 MiB */
#define TB_EMU_MEM_MIN ((size_t)4096)
#define TB_EMU_MEM_MAX ((size_t)1 << 32) /* guest addresses stay below 4 GiB */
#define TB_EMU_SP 31                     /* register number of SP in get/set_reg */

/* error codes: every int-returning call returns 0 or one of these */
enum tb_emu_error {
	TB_EMU_OK = 0,
	TB_EMU_E_ARG = -1,         /* a bad argument (memory size, engine name, ...) */
	TB_EMU_E_NOMEM = -2,       /* the host is out of memory */
	TB_EMU_E_RANGE = -3,       /* an access outside guest memory */
	TB_EMU_E_FORMAT = -4,      /* not a loadable program (the ELF is refused) */
	TB_EMU_E_UNSUPPORTED = -5, /* not on this host (the translator off x86-64) */
};

enum tb_emu_stop {
	TB_EMU_HALT,        /* HLT executed; pc = the HLT */
	TB_EMU_SVC,         /* SVC with a syscall the shim does not handle; pc = after it */
	TB_EMU_BUDGET,      /* max instructions executed; pc = next instruction */
	TB_EMU_FAULT,       /* access outside guest memory (addr); pc = faulting insn */
	TB_EMU_UNDEFINED,   /* unsupported or unallocated word (insn) at pc */
	TB_EMU_EXIT,        /* exit / exit_group syscall (exit_status); pc = after SVC */
	TB_EMU_INTERRUPTED, /* tb_emu_interrupt() was called; pc = next instruction */
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

/* "1.0.0" */
TB_EMU_API const char *tb_emu_version(void);
/* "out of range", ... for a tb_emu_error code; "unknown error" otherwise */
TB_EMU_API const char *tb_emu_strerror(int code);

/* mem_size in [TB_EMU_MEM_MIN, TB_EMU_MEM_MAX], a multiple of 4096; NULL
 * with a message on error (a bad size, or no host memory).  Guest memory
 * starts zeroed and is allocated lazily (untouched pages cost nothing). */
TB_EMU_API struct tb_emu *tb_emu_create(size_t mem_size, char *err, size_t errlen);
TB_EMU_API void tb_emu_destroy(struct tb_emu *e);
/* registers, SP, NZCV and PC to zero; memory is kept */
TB_EMU_API void tb_emu_reset(struct tb_emu *e);
TB_EMU_API void tb_emu_set_output(struct tb_emu *e, tb_emu_write_fn fn, void *ctx);
TB_EMU_API size_t tb_emu_mem_size(const struct tb_emu *e);

/* copy bytes to guest memory at addr (does not change PC); TB_EMU_E_RANGE
 * if they do not fit */
TB_EMU_API int tb_emu_load_raw(struct tb_emu *e, uint64_t addr, const void *buf, size_t len,
			       char *err, size_t errlen);
/* a static little-endian AArch64 ELF64 executable: PT_LOAD segments are
 * copied (the rest of each p_memsz zeroed), PC = entry, SP = a small
 * Linux-like initial stack (argc 0) at the top of memory; TB_EMU_E_FORMAT
 * (nothing loaded) with a message naming what was found otherwise */
TB_EMU_API int tb_emu_load_elf(struct tb_emu *e, const void *buf, size_t len, char *err,
			       size_t errlen);
/* highest guest address + 1 that the ELF's PT_LOAD segments use;
 * TB_EMU_E_FORMAT if unreadable */
TB_EMU_API int tb_emu_elf_extent(const void *buf, size_t len, uint64_t *end);

TB_EMU_API uint64_t tb_emu_get_pc(const struct tb_emu *e);
TB_EMU_API void tb_emu_set_pc(struct tb_emu *e, uint64_t pc);
/* n 0..30 = X0..X30, 31 = SP; other n read 0 / are ignored */
TB_EMU_API uint64_t tb_emu_get_reg(const struct tb_emu *e, unsigned n);
TB_EMU_API void tb_emu_set_reg(struct tb_emu *e, unsigned n, uint64_t v);
/* NZCV as the 4 bits N=8 Z=4 C=2 V=1 */
TB_EMU_API unsigned tb_emu_get_nzcv(const struct tb_emu *e);
TB_EMU_API void tb_emu_set_nzcv(struct tb_emu *e, unsigned nzcv);

/* guest memory access (little-endian, any alignment); TB_EMU_E_RANGE if any
 * byte is outside [0, mem_size), and then nothing is read or written.
 * Writes over code already run invalidate it (the new words execute). */
TB_EMU_API int tb_emu_read(const struct tb_emu *e, uint64_t addr, void *buf, size_t len);
TB_EMU_API int tb_emu_write(struct tb_emu *e, uint64_t addr, const void *buf, size_t len);
TB_EMU_API int tb_emu_read8(const struct tb_emu *e, uint64_t addr, uint8_t *v);
TB_EMU_API int tb_emu_read32(const struct tb_emu *e, uint64_t addr, uint32_t *v);
TB_EMU_API int tb_emu_read64(const struct tb_emu *e, uint64_t addr, uint64_t *v);
TB_EMU_API int tb_emu_write8(struct tb_emu *e, uint64_t addr, uint8_t v);
TB_EMU_API int tb_emu_write32(struct tb_emu *e, uint64_t addr, uint32_t v);
TB_EMU_API int tb_emu_write64(struct tb_emu *e, uint64_t addr, uint64_t v);

/* The engine: new machines use the translator when this host has it, else
 * the interpreter.  Setting TB_EMU_ENGINE_JIT where it is not available
 * returns TB_EMU_E_UNSUPPORTED with a message. */
TB_EMU_API int tb_emu_set_engine(struct tb_emu *e, enum tb_emu_engine engine, char *err,
				 size_t errlen);
TB_EMU_API enum tb_emu_engine tb_emu_get_engine(const struct tb_emu *e);
/* true if this build and host have the translator (x86-64) */
TB_EMU_API bool tb_emu_jit_available(void);
TB_EMU_API const char *tb_emu_engine_name(enum tb_emu_engine engine); /* "interp", "jit" */
/* name to engine; TB_EMU_E_ARG if unknown */
TB_EMU_API int tb_emu_engine_parse(const char *name, enum tb_emu_engine *engine);

/* Run at most max_insns instructions from the current PC.  There is no
 * other limit: a guest that never stops runs until max_insns or
 * tb_emu_interrupt.  Execution resumes exactly where the last call
 * stopped. */
TB_EMU_API struct tb_emu_result tb_emu_execute(struct tb_emu *e, uint64_t max_insns);

/* Ask tb_emu_execute on e to stop: the running call (or, if none runs, the
 * next one) returns TB_EMU_INTERRUPTED at an instruction boundary, within
 * TB_EMU_INTERRUPT_LATENCY instructions, with the state as after any stop
 * (calling tb_emu_execute again resumes).  The request is used up by the
 * call that reports it.  Async-signal-safe and safe from another thread. */
#define TB_EMU_INTERRUPT_LATENCY ((uint64_t)1 << 24)
TB_EMU_API void tb_emu_interrupt(struct tb_emu *e);

/* "halt", "svc", "budget", "memory-fault", "undefined", "exit", "interrupted" */
TB_EMU_API const char *tb_emu_stop_name(enum tb_emu_stop s);

#ifdef __cplusplus
}
#endif

#endif
