/*
 * callgrind.h - deterministic instruction counts through valgrind's
 * callgrind (`tbench run --metric instructions`).  The parent re-runs
 * tbench under callgrind with collection switched on only inside
 * tb_runner_call (probes/runner.h); in that child a sample hook zeroes the
 * counts before each sample, dumps them after it and reads the total back,
 * so every sample holds the instructions executed by exactly its calls.
 * Nothing here prints.
 */
#ifndef TB_CALLGRIND_H
#define TB_CALLGRIND_H

#include "runner.h"

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

/* Set for the child: the --callgrind-out-file it was started with. */
#define TB_CALLGRIND_ENV "TB_CALLGRIND_OUT"

/* true when this process runs under valgrind (any tool) */
bool tb_on_valgrind(void);
/* true when this process is the counting child (under valgrind, env set) */
bool tb_callgrind_child(void);

/* A sample hook with one value: instructions executed by the sample. */
struct tb_callgrind_hook {
	struct tb_sample_hook hook;
	char out[PATH_MAX]; /* callgrind's output file; dumps are out.1, out.2, ... */
	unsigned dumps;
	char err[PATH_MAX + 64]; /* why stop() failed */
};
/* For the child: reads TB_CALLGRIND_ENV.  0, or -1 with err filled. */
int tb_callgrind_hook_init(struct tb_callgrind_hook *h, char *err, size_t errlen);

/* Total instructions ("totals:" or "summary:" line) of a callgrind dump.
 * 0, or -1 with err filled. */
int tb_callgrind_read_total(const char *path, double *total, char *err, size_t errlen);

/* Full path of an executable found on PATH; 0, or -1 if there is none. */
int tb_find_program(const char *name, char *path, size_t len);

/* Run `valgrind --tool=callgrind ... <this executable> argv...` with
 * TB_CALLGRIND_ENV set (and OPENBLAS_NUM_THREADS=1 unless set), wait for it
 * and give its exit status (128 + signal if killed) in *status.  Signals
 * sent to this process are passed on to the child.  valgrind's own messages
 * (normally none) are copied to log.  0, or -1 with err filled when it could
 * not be started. */
int tb_callgrind_spawn(const char *valgrind, char *const argv[], int *status, char *log,
		       size_t loglen, char *err, size_t errlen);

#endif
