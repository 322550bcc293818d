/*
 * test_emu_api.c - libtbench-emu's host API beyond instruction semantics:
 * error codes and their messages, names and version; tb_emu_interrupt
 * before a run, from a signal handler and from another thread while the
 * guest spins in `b .` or in a cycle of chained blocks, in both engines,
 * with the state exact and resumable; and execution in chunks being
 * invisible (a budget crossing a chunk boundary stops where one run would).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include <tbench/emu.h>
#include <tbench/emu_encode.h>

static char err[256];

static struct tb_emu *machine(enum tb_emu_engine engine, const uint32_t *prog, size_t words)
{
	struct tb_emu *e = tb_emu_create(64 << 10, err, sizeof(err));
	assert_non_null(e);
	assert_int_equal(tb_emu_set_engine(e, engine, err, sizeof(err)), 0);
	assert_int_equal(tb_emu_load_raw(e, 0, prog, words * 4, err, sizeof(err)), 0);
	return e;
}

static int n_engines(void) { return tb_emu_jit_available() ? 2 : 1; }

static void codes_and_names(void **state)
{
	(void)state;
	assert_string_equal(tb_emu_strerror(TB_EMU_OK), "success");
	assert_string_equal(tb_emu_strerror(TB_EMU_E_RANGE), "outside guest memory");
	assert_string_equal(tb_emu_strerror(TB_EMU_E_FORMAT), "not a loadable program");
	assert_string_equal(tb_emu_strerror(12345), "unknown error");
	assert_string_equal(tb_emu_stop_name(TB_EMU_INTERRUPTED), "interrupted");
	char want[32];
	snprintf(want, sizeof(want), "%d.%d.%d", TB_EMU_VERSION_MAJOR, TB_EMU_VERSION_MINOR,
		 TB_EMU_VERSION_PATCH);
	assert_string_equal(tb_emu_version(), want);
	enum tb_emu_engine g;
	assert_int_equal(tb_emu_engine_parse("fast", &g), TB_EMU_E_ARG);
	assert_int_equal(tb_emu_engine_parse("interp", &g), 0);
	assert_int_equal(g, TB_EMU_ENGINE_INTERP);

	assert_null(tb_emu_create(5000, err, sizeof(err)));
	assert_non_null(strstr(err, "5000"));
	struct tb_emu *e = tb_emu_create(4096, err, sizeof(err));
	assert_non_null(e);
	assert_int_equal(tb_emu_set_engine(e, (enum tb_emu_engine)7, err, sizeof(err)), TB_EMU_E_ARG);
	assert_non_null(strstr(err, "engine 7"));
	if (!tb_emu_jit_available())
		assert_int_equal(tb_emu_set_engine(e, TB_EMU_ENGINE_JIT, err, sizeof(err)),
				 TB_EMU_E_UNSUPPORTED);
	assert_int_equal(tb_emu_load_elf(e, "junk", 4, err, sizeof(err)), TB_EMU_E_FORMAT);
	assert_int_equal(tb_emu_load_raw(e, 4090, "12345678", 8, err, sizeof(err)), TB_EMU_E_RANGE);
	assert_non_null(strstr(err, "0xffa"));
	uint8_t b;
	assert_int_equal(tb_emu_read8(e, 4096, &b), TB_EMU_E_RANGE);
	tb_emu_destroy(e);
}

/* an interrupt asked for before the run stops it at once, and only once */
static void interrupt_before_run(void **state)
{
	(void)state;
	uint32_t prog[] = {tb_a64_b(0)};
	for (int g = 0; g < n_engines(); g++) {
		struct tb_emu *e = machine((enum tb_emu_engine)g, prog, 1);
		tb_emu_interrupt(e);
		struct tb_emu_result r = tb_emu_execute(e, 1000);
		assert_int_equal(r.reason, TB_EMU_INTERRUPTED);
		assert_int_equal(r.executed, 0);
		assert_int_equal(r.pc, 0);
		r = tb_emu_execute(e, 1000); /* used up: runs again */
		assert_int_equal(r.reason, TB_EMU_BUDGET);
		assert_int_equal(r.executed, 1000);
		tb_emu_destroy(e);
	}
}

/* programs that never stop: `b .`, and a cycle of three blocks chained to
 * each other (x1 counts the passes: add x1, x1, #1; b B; B: b C; C: b A) */
static const uint32_t spin[] = {0x14000000};
static const uint32_t cycle[] = {0x91000421, 0x14000002, 0, 0x14000002, 0, 0x17fffffb};

static struct tb_emu *volatile target;

static void on_alarm(int sig)
{
	(void)sig;
	tb_emu_interrupt(target);
}

static void *interrupter(void *arg)
{
	struct timespec ts = {0, 20 * 1000 * 1000};
	nanosleep(&ts, NULL);
	tb_emu_interrupt(arg);
	return NULL;
}

/* the run stopped at an instruction boundary of prog, and resumes */
static void check_stopped(struct tb_emu *e, struct tb_emu_result r, const uint32_t *prog)
{
	assert_int_equal(r.reason, TB_EMU_INTERRUPTED);
	assert_true(r.executed > 0);
	assert_int_equal(r.pc, tb_emu_get_pc(e));
	if (prog == cycle) {
		/* executed = 4 per pass through A, B and C, plus where it is in one */
		uint64_t passes = tb_emu_get_reg(e, 1), at = r.pc;
		assert_true(at == 0 || at == 4 || at == 12 || at == 20);
		uint64_t in_pass = at == 0 ? 0 : at == 4 ? 1 : at == 12 ? 2 : 3;
		assert_int_equal(r.executed, (passes ? passes - 1 : 0) * 4 + in_pass +
						     (passes && at == 0 ? 4 : 0));
	} else {
		assert_int_equal(r.pc, 0);
	}
	struct tb_emu_result more = tb_emu_execute(e, 7);
	assert_int_equal(more.reason, TB_EMU_BUDGET);
	assert_int_equal(more.executed, 7);
}

static void interrupt_from_signal(void **state)
{
	(void)state;
	const uint32_t *progs[] = {spin, cycle};
	size_t words[] = {1, 6};
	struct sigaction sa = {.sa_handler = on_alarm}, old;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, &old);
	for (int g = 0; g < n_engines(); g++)
		for (int p = 0; p < 2; p++) {
			struct tb_emu *e = machine((enum tb_emu_engine)g, progs[p], words[p]);
			target = e;
			struct itimerval t = {.it_value = {0, 20000}};
			setitimer(ITIMER_REAL, &t, NULL);
			struct tb_emu_result r = tb_emu_execute(e, UINT64_MAX);
			check_stopped(e, r, progs[p]);
			target = NULL;
			tb_emu_destroy(e);
		}
	sigaction(SIGALRM, &old, NULL);
}

static void interrupt_from_thread(void **state)
{
	(void)state;
	const uint32_t *progs[] = {spin, cycle};
	size_t words[] = {1, 6};
	for (int g = 0; g < n_engines(); g++)
		for (int p = 0; p < 2; p++) {
			struct tb_emu *e = machine((enum tb_emu_engine)g, progs[p], words[p]);
			pthread_t th;
			assert_int_equal(pthread_create(&th, NULL, interrupter, e), 0);
			struct tb_emu_result r = tb_emu_execute(e, UINT64_MAX);
			pthread_join(th, NULL);
			check_stopped(e, r, progs[p]);
			tb_emu_destroy(e);
		}
}

/* a budget just past a chunk boundary (TB_EMU_INTERRUPT_LATENCY) stops
 * where one run of the interpreter would, in both engines */
static void chunks_are_invisible(void **state)
{
	(void)state;
	/* x0 = 2^23; loop: add x1, x1, #1; str x1, [x2]; subs x0, x0, #1; b.ne */
	uint32_t prog[12];
	unsigned k = tb_a64_mov64(prog, 0, (uint64_t)1 << 23);
	prog[k++] = tb_a64_movz(1, 2, 0x8000, 0);
	unsigned setup = k;
	prog[k++] = tb_a64_add_imm(1, 1, 1, 1, 0);
	prog[k++] = tb_a64_str(3, 1, 2, 0);
	prog[k++] = tb_a64_subs_imm(1, 0, 0, 1, 0);
	prog[k] = tb_a64_b_cond(TB_NE, -12);
	k++;
	prog[k++] = tb_a64_hlt(0);
	uint64_t budgets[] = {TB_EMU_INTERRUPT_LATENCY + 3, 2 * TB_EMU_INTERRUPT_LATENCY - 1};
	for (size_t b = 0; b < 2; b++) {
		uint64_t regs[2][3];
		for (int g = 0; g < n_engines(); g++) {
			struct tb_emu *e = machine((enum tb_emu_engine)g, prog, k);
			struct tb_emu_result r = tb_emu_execute(e, budgets[b]);
			assert_int_equal(r.reason, TB_EMU_BUDGET);
			assert_int_equal(r.executed, budgets[b]);
			uint64_t data = 0;
			tb_emu_read64(e, 0x8000, &data);
			regs[g][0] = tb_emu_get_reg(e, 0);
			regs[g][1] = data;
			regs[g][2] = r.pc;
			/* the set-up, then 4 per pass: the pass and the place in it */
			uint64_t in = (budgets[b] - setup) % 4, passes = (budgets[b] - setup) / 4;
			assert_int_equal(tb_emu_get_reg(e, 1), passes + (in >= 1));
			assert_int_equal(r.pc, 4 * setup + 4 * in);
			tb_emu_destroy(e);
		}
		if (n_engines() == 2)
			assert_memory_equal(regs[0], regs[1], sizeof(regs[0]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(codes_and_names),
		cmocka_unit_test(interrupt_before_run),
		cmocka_unit_test(interrupt_from_signal),
		cmocka_unit_test(interrupt_from_thread),
		cmocka_unit_test(chunks_are_invisible),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
