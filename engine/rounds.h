/*
 * rounds.h - `tbench run --rounds N` in the engine (rounds.c): one
 * process's speed is not the machine's, so the same command runs N times,
 * one fresh process after the other (--round-of R,N,DIR), each measuring
 * every case, round r starting at case r n / N; their samples are pooled
 * as --append does (the `runs` of a case).  A round interrupted keeps what
 * it measured; a round that fails is reported and ends the rounds.
 */
#ifndef TB_ENGINE_ROUNDS_H
#define TB_ENGINE_ROUNDS_H

#include "opts.h"

#include "../reports/results.h"

#include <stdbool.h>

/* the directory of the rounds' files while they run ("" otherwise), for a
 * signal handler that must remove it */
extern char tb_rounds_dir[4096];

struct tb_rounds {
	const struct tb_session_opts *o; /* events (checked once), name, command */
	unsigned n;                      /* rounds */
	int argc;                        /* the arguments of `run` (argv[0] = "run") */
	char **argv;
};

/* Any may be NULL. */
struct tb_rounds_cb {
	void *ctx;
	void (*round)(void *ctx, unsigned r, unsigned n, bool done); /* starts, ended */
	void (*line)(void *ctx, const char *line);    /* a round's stderr, each line once */
	void (*warning)(void *ctx, const char *msg);  /* "round 2/3 failed: ..." */
};

enum { TB_ROUNDS_KILLED = -3 }; /* a second signal: nothing left behind, die of tb_spawn_killed */

/* Run the rounds into rs (empty), *measured the rounds pooled: one of
 * TB_SESSION_OK, TB_SESSION_FAILED (a round failed, or a case failed
 * verification), TB_SESSION_ERROR (err; rs holds what was pooled),
 * TB_SESSION_USAGE (err; nothing ran) or TB_ROUNDS_KILLED. */
int tb_rounds_measure(const struct tb_rounds *rd, const struct tb_rounds_cb *cb,
		      struct tb_resultset *rs, unsigned *measured, char *err, size_t len);

#endif
