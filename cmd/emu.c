/*
 * emu.c - `tbench emu run FILE`: run a static AArch64 ELF (or raw code) in
 * libtbench-emu (<tbench/emu.h>), passing the guest's writes through to
 * stdout/stderr and exiting with its exit status.  SIGINT and SIGTERM stop
 * the guest cleanly (tb_emu_interrupt): the stop is reported like any
 * other, with the registers, and the exit status is 128 + the signal.
 */
#include "cmds.h"

#include "../probes/clock.h"
#include "parse.h"

#include <tbench/emu.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TB_EMU_ELF_MAX ((uint64_t)256 << 20)

const char tb_usage_emu[] =
	"usage: tbench emu run FILE [--max-insns N] [--mem SIZE] [--raw [--addr A] [--entry E]]\n"
	"                          [--engine jit|interp] [--stats]\n\n"
	"Run a static AArch64 ELF executable (or raw code) in tbench's AArch64 emulator.\n"
	"The guest's write(1|2, ...) goes to stdout/stderr; exit/exit_group end the run.\n"
	"  --max-insns N  stop after N instructions (suffixes k M G, Ki Mi Gi). There is\n"
	"                 no limit by default: a guest that never exits runs until\n"
	"                 Ctrl-C (SIGINT) or SIGTERM, which stop it cleanly\n"
	"  --mem SIZE     guest memory, a multiple of 4 KiB up to 4Gi (default 4Mi, or\n"
	"                 for an ELF enough for its segments plus 1 MiB of stack)\n"
	"  --raw          FILE is raw code: loaded at --addr (default 0), started at\n"
	"                 --entry (default: --addr, a multiple of 4); SP starts at the\n"
	"                 top of memory\n"
	"  --engine E     jit: translate basic blocks to x86-64 code (the default on\n"
	"                 x86-64 hosts); interp: the interpreter only (the default elsewhere)\n"
	"  --stats        print instructions, stop reason, wall time, IPS and engine to stderr\n"
	"exit status: the guest's exit status (HLT: 0); 1 when the guest stops any other\n"
	"way (fault, undefined instruction, unsupported syscall, --max-insns), with the\n"
	"reason, PC, address and registers on stderr; 130 / 143 when SIGINT / SIGTERM\n"
	"stopped it (reported the same way); 2 for bad usage or an unloadable file\n";

struct emu_opts {
	const char *file;
	uint64_t max_insns, mem, addr, entry;
	bool mem_given, engine_given;
	enum tb_emu_engine engine;
	int raw, stats, have_addr, have_entry;
};

/* `tbench emu` never calls BLAS: stop the worker threads OpenBLAS starts
 * when it is loaded.  Each spins in sched_yield for about 0.1 s before it
 * sleeps, taking a CPU (on an SMT machine, half of the guest's core) for the
 * length of a typical run.  Weak: a build against another BLAS has none. */
extern int blas_thread_shutdown_(void) __attribute__((weak));

static long guest_write(void *ctx, int fd, const void *buf, size_t len)
{
	(void)ctx;
	FILE *f = fd == 2 ? stderr : stdout;
	if (fwrite(buf, 1, len, f) != len || fflush(f))
		return -EIO;
	return (long)len;
}

/* a guest address: decimal or 0x hex */
static int parse_addr(const char *what, const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = s[0] >= '0' && s[0] <= '9' ? strtoull(s, &end, 0) : 0;
	if (!(s[0] >= '0' && s[0] <= '9') || *end || errno) {
		tb_usage_error("invalid %s '%s': expected an address (decimal or 0x hex)", what, s);
		return -1;
	}
	*out = v;
	return 0;
}

static int parse_opts(int argc, char **argv, struct emu_opts *o)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},  {"max-insns", required_argument, NULL, 'n'},
		{"mem", required_argument, NULL, 'm'}, {"raw", no_argument, NULL, 'r'},
		{"addr", required_argument, NULL, 'a'}, {"entry", required_argument, NULL, 'e'},
		{"stats", no_argument, NULL, 's'},  {"engine", required_argument, NULL, 'g'},
		{0}};
	char err[256];
	const char *entry_arg = NULL, *addr_arg = NULL;
	int c;
	*o = (struct emu_opts){.max_insns = UINT64_MAX, .mem = TB_EMU_MEM_DEFAULT};
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'h': fputs(tb_usage_emu, stdout); return 1;
		case 'n':
			if (tb_parse_count("--max-insns", optarg, &o->max_insns, err, sizeof(err)))
				return tb_usage_error("invalid --max-insns '%s': expected a positive "
						      "instruction count (suffixes k M G, Ki Mi Gi)",
						      optarg);
			break;
		case 'm':
			o->mem_given = true;
			if (tb_parse_bytes("--mem", optarg, &o->mem, err, sizeof(err)))
				return tb_usage_error("%s", err);
			if (o->mem % 4096 || o->mem < TB_EMU_MEM_MIN || o->mem > TB_EMU_MEM_MAX)
				return tb_usage_error("invalid --mem '%s': expected a multiple of 4Ki "
						      "from 4Ki to 4Gi", optarg);
			break;
		case 'r': o->raw = 1; break;
		case 'a':
			if (parse_addr("--addr", optarg, &o->addr))
				return TB_EXIT_USAGE;
			addr_arg = optarg;
			o->have_addr = 1;
			break;
		case 'e':
			if (parse_addr("--entry", optarg, &o->entry))
				return TB_EXIT_USAGE;
			entry_arg = optarg;
			o->have_entry = 1;
			break;
		case 's': o->stats = 1; break;
		case 'g':
			if (tb_emu_engine_parse(optarg, &o->engine))
				return tb_usage_error("invalid --engine '%s': expected jit or interp", optarg);
			o->engine_given = true;
			break;
		default: return tb_getopt_error("emu", argc, argv, c);
		}
	}
	if ((o->have_addr || o->have_entry) && !o->raw)
		return tb_usage_error("--addr and --entry need --raw (an ELF says where it goes)");
	if (!o->have_entry)
		o->entry = o->addr;
	if (o->entry % 4)
		return tb_usage_error("invalid %s '%s': an instruction address is a multiple of 4",
				      entry_arg ? "--entry" : "--addr", entry_arg ? entry_arg : addr_arg);
	if (o->raw && o->entry >= o->mem)
		return tb_usage_error("invalid --entry 0x%llx: outside the %llu bytes of guest "
				      "memory (--mem)", (unsigned long long)o->entry,
				      (unsigned long long)o->mem);
	if (optind >= argc)
		return tb_usage_error("missing FILE (see 'tbench emu --help')");
	if (optind + 1 < argc)
		return tb_usage_error("unexpected argument '%s' (see 'tbench emu --help')",
				      argv[optind + 1]);
	o->file = argv[optind];
	return 0;
}

/* The whole file, if it is a regular file of at most limit bytes: a device
 * (/dev/zero), a FIFO or a huge file is refused before anything is read. */
static void *read_file(const char *path, uint64_t limit, const char *why, size_t *len)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	if (fd < 0) {
		tb_usage_error("cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		tb_usage_error("cannot read '%s': not a regular file", path);
		return NULL;
	}
	if ((uint64_t)st.st_size > limit) {
		close(fd);
		tb_usage_error("'%s' is %llu bytes, more than %s (%llu bytes)", path,
			       (unsigned long long)st.st_size, why, (unsigned long long)limit);
		return NULL;
	}
	FILE *f = fdopen(fd, "rb");
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *buf = f ? malloc(cap) : NULL;
	if (buf) /* the file may have grown: read at most cap bytes */
		n = fread(buf, 1, cap, f);
	int bad = !f || !buf || ferror(f) || n > limit;
	if (f)
		fclose(f);
	else
		close(fd);
	if (bad) {
		tb_usage_error("cannot read '%s'%s", path, n > limit ? ": it grew while read" : "");
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* the guest registers, four to a line, after a stop that is reported */
static void print_regs(const struct tb_emu *e)
{
	for (unsigned n = 0; n < 32; n++) {
		char name[8];
		snprintf(name, sizeof(name), n == TB_EMU_SP ? "sp" : "x%u", n);
		fprintf(stderr, "  %-3s %016llx%s", name,
			(unsigned long long)tb_emu_get_reg(e, n), n % 4 == 3 ? "\n" : "");
	}
	unsigned f = tb_emu_get_nzcv(e);
	fprintf(stderr, "  pc  %016llx  nzcv %c%c%c%c\n", (unsigned long long)tb_emu_get_pc(e),
		f & 8 ? 'N' : 'n', f & 4 ? 'Z' : 'z', f & 2 ? 'C' : 'c', f & 1 ? 'V' : 'v');
}

static int report_stop(const struct emu_opts *o, const struct tb_emu *e,
		       const struct tb_emu_result *r, int sig)
{
	unsigned long long pc = r->pc, n = r->executed;
	switch (r->reason) {
	case TB_EMU_EXIT: return r->exit_status;
	case TB_EMU_HALT: return TB_EXIT_OK;
	case TB_EMU_FAULT:
		/* a fetch fault has pc = the address: inside memory, it is misaligned */
		if (r->addr == r->pc && r->addr < o->mem && r->addr % 4)
			tb_print_error("guest memory-fault at pc 0x%llx: instruction address 0x%llx is "
				       "not a multiple of 4", pc, (unsigned long long)r->addr);
		else
			tb_print_error("guest memory-fault at pc 0x%llx: address 0x%llx is outside "
				       "guest memory (%llu bytes)", pc, (unsigned long long)r->addr,
				       (unsigned long long)o->mem);
		break;
	case TB_EMU_UNDEFINED:
		tb_print_error("guest undefined instruction 0x%08x at pc 0x%llx", r->insn, pc);
		break;
	case TB_EMU_SVC:
		tb_print_error("guest svc: unsupported syscall %llu at pc 0x%llx",
			       (unsigned long long)r->syscall, pc - 4);
		break;
	case TB_EMU_BUDGET:
		tb_print_error("guest stopped after --max-insns %llu instructions at pc 0x%llx", n, pc);
		break;
	case TB_EMU_INTERRUPTED:
		tb_print_error("guest interrupted by %s after %llu instructions at pc 0x%llx",
			       sig == SIGTERM ? "SIGTERM" : "SIGINT", n, pc);
		break;
	}
	print_regs(e);
	return r->reason == TB_EMU_INTERRUPTED ? 128 + (sig ? sig : SIGINT) : TB_EXIT_FAIL;
}

/* SIGINT / SIGTERM during the run: ask the machine to stop.  Installed
 * even when the signal was ignored at exec (a background job of a
 * non-interactive shell), since the guest may never stop by itself. */
static struct tb_emu *volatile running;
static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
	caught = sig;
	if (running)
		tb_emu_interrupt(running);
}

static void catch_signals(struct sigaction *old)
{
	struct sigaction sa = {.sa_handler = on_signal, .sa_flags = SA_RESTART};
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old[0]);
	sigaction(SIGTERM, &sa, &old[1]);
}

static void restore_signals(const struct sigaction *old)
{
	sigaction(SIGINT, &old[0], NULL);
	sigaction(SIGTERM, &old[1], NULL);
}

/* the machine for o with the file's bytes loaded, or NULL (message printed) */
static struct tb_emu *load(struct emu_opts *o, const void *buf, size_t len)
{
	char err[256];
	/* without --mem, an ELF gets enough memory for its segments plus 1 MiB
	 * of stack (GNU ld links static executables at 0x400000, past 4 MiB) */
	uint64_t top;
	if (!o->raw && !o->mem_given && tb_emu_elf_extent(buf, len, &top) == 0) {
		uint64_t need = ((top + 4095) & ~(uint64_t)4095) + ((uint64_t)1 << 20);
		if (need > o->mem && need <= TB_EMU_MEM_MAX)
			o->mem = need;
	}
	struct tb_emu *e = tb_emu_create(o->mem, err, sizeof(err));
	if (!e) {
		tb_usage_error("%s", err);
		return NULL;
	}
	if (o->engine_given && tb_emu_set_engine(e, o->engine, err, sizeof(err))) {
		tb_usage_error("--engine %s: %s", tb_emu_engine_name(o->engine), err);
		tb_emu_destroy(e);
		return NULL;
	}
	int rc;
	if (o->raw) {
		rc = tb_emu_load_raw(e, o->addr, buf, len, err, sizeof(err));
		tb_emu_set_pc(e, o->entry);
		tb_emu_set_reg(e, TB_EMU_SP, o->mem);
	} else {
		rc = tb_emu_load_elf(e, buf, len, err, sizeof(err));
	}
	if (rc) {
		tb_usage_error("cannot load '%s': %s", o->file, err);
		tb_emu_destroy(e);
		return NULL;
	}
	tb_emu_set_output(e, guest_write, NULL);
	return e;
}

int cmd_emu(int argc, char **argv)
{
	if (argc < 2)
		return tb_usage_error("missing subcommand: tbench emu run FILE (see 'tbench emu --help')");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		fputs(tb_usage_emu, stdout);
		return TB_EXIT_OK;
	}
	if (strcmp(argv[1], "run"))
		return tb_usage_error("unknown emu subcommand '%s' (expected run)", argv[1]);
	struct emu_opts o;
	int rc = parse_opts(argc - 1, argv + 1, &o);
	if (rc)
		return rc == 1 ? TB_EXIT_OK : rc;
	if (blas_thread_shutdown_)
		blas_thread_shutdown_();

	size_t len = 0;
	/* raw code must fit guest memory; an ELF may carry more than it loads */
	void *buf = o.raw ? read_file(o.file, o.mem, "the guest memory (--mem)", &len)
			  : read_file(o.file, TB_EMU_ELF_MAX, "an ELF file may have", &len);
	if (!buf)
		return TB_EXIT_USAGE;
	struct tb_emu *e = load(&o, buf, len);
	free(buf);
	if (!e)
		return TB_EXIT_USAGE;

	struct sigaction old[2];
	running = e;
	catch_signals(old);
	uint64_t t0 = tb_now_ns();
	struct tb_emu_result r = tb_emu_execute(e, o.max_insns);
	double secs = (double)(tb_now_ns() - t0) * 1e-9;
	running = NULL;
	restore_signals(old);
	fflush(stdout);
	if (o.stats && secs > 0)
		fprintf(stderr, "emu: %llu instructions, stop %s, %.6f s, %.1f M IPS, engine %s\n",
			(unsigned long long)r.executed, tb_emu_stop_name(r.reason), secs,
			(double)r.executed / secs * 1e-6, tb_emu_engine_name(tb_emu_get_engine(e)));
	else if (o.stats) /* below the clock's resolution: no rate to show */
		fprintf(stderr, "emu: %llu instructions, stop %s, %.6f s, - M IPS, engine %s\n",
			(unsigned long long)r.executed, tb_emu_stop_name(r.reason), secs,
			tb_emu_engine_name(tb_emu_get_engine(e)));
	rc = report_stop(&o, e, &r, caught);
	tb_emu_destroy(e);
	return rc;
}
