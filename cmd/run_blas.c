/*
 * run_blas.c - --blas-core and the BLAS note of a run (see run_blas.h).
 */
#define _GNU_SOURCE
#include "run_blas.h"

#include "cmds.h"

#include "../probes/blasinfo.h"

#include "../kernels/blas_dl.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

int tb_run_blas_reexec(const char *core, char **argv)
{
	const char *now = getenv("OPENBLAS_CORETYPE");
	if (now && !strcasecmp(now, core))
		return -1;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return tb_print_error("--blas-core: cannot find this executable to re-run it: %s",
				      strerror(errno)), TB_EXIT_FAIL;
	exe[n] = 0;
	size_t argc = 0;
	while (argv[argc])
		argc++;
	char **av = calloc(argc + 2, sizeof(*av));
	if (!av)
		return tb_print_error("out of memory"), TB_EXIT_FAIL;
	av[0] = exe;
	memcpy(av + 1, argv, argc * sizeof(*av));
	setenv("OPENBLAS_CORETYPE", core, 1);
	fflush(NULL);
	execv(exe, av);
	tb_print_error("--blas-core: cannot re-run '%s' with OPENBLAS_CORETYPE=%s: %s", exe, core,
		       strerror(errno));
	free(av);
	return TB_EXIT_FAIL;
}
