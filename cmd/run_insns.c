/*
 * run_insns.c - `tbench run --metric instructions`, parent side: check that
 * valgrind can run this build, that the output files can be written, then
 * re-run the same command under callgrind (probes/callgrind.h) and pass on
 * its exit status.  The child measures and writes every output itself.
 */
#include "cmds.h"
#include "run.h"

#include "../probes/callgrind.h"

#include <stdlib.h>
#include <string.h>

char **tb_argv_dup(int argc, char **argv)
{
	char **v = calloc((size_t)argc + 1, sizeof(*v));
	if (!v)
		return NULL;
	for (int i = 0; i < argc; i++)
		if (!(v[i] = strdup(argv[i]))) {
			tb_argv_free(v);
			return NULL;
		}
	return v;
}

void tb_argv_free(char **argv)
{
	if (!argv)
		return;
	for (char **p = argv; *p; p++)
		free(*p);
	free(argv);
}

#if defined(__SANITIZE_ADDRESS__)
#define TB_ASAN_BUILD 1
#else
#define TB_ASAN_BUILD 0
#endif

int tb_run_insns_parent(const struct tb_run_opts *o, char **argv)
{
	if (TB_ASAN_BUILD)
		return tb_usage_error("--metric instructions needs a build without AddressSanitizer "
				      "(valgrind cannot run it): use scripts/build.sh release");
	if (tb_on_valgrind())
		return tb_usage_error("--metric instructions starts valgrind itself: run tbench "
				      "directly, not under valgrind");
	char vg[4096];
	if (tb_find_program("valgrind", vg, sizeof(vg)))
		return tb_usage_error("--metric instructions needs valgrind, which is not on PATH "
				      "(Debian: apt-get install valgrind)");
	if (tb_run_check_outputs(o)) /* a bad path fails now, not after valgrind started */
		return TB_EXIT_USAGE;
	int status = 0;
	char log[2048] = "", err[512] = "";
	if (tb_callgrind_spawn(vg, argv, &status, log, sizeof(log), err, sizeof(err)))
		return tb_print_error("%s", err), TB_EXIT_FAIL;
	if (log[0]) {
		tb_print_error("valgrind said:");
		fputs(log, stderr);
	}
	return status;
}
