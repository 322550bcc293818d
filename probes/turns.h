/*
 * turns.h - two tbench processes taking turns, sample by sample, through a
 * pair of FIFOs (`run --turns IN,OUT,PLACE`): before each measured sample
 * a process waits for the token on IN, after it passes the token on OUT, so
 * the samples of two binaries measured "at the same time" are interleaved
 * microseconds apart and see the same load from the rest of the machine
 * (scripts/gate-ab.sh measures old and new code this way).  Place 2 hands
 * the first turn over when it is ready to measure, so place 1's first
 * sample starts only when both are ready.  A peer silent for
 * TB_TURNS_TIMEOUT_MS (it failed, or measures fewer samples) ends the turns:
 * the rest is measured alone, never hangs.
 */
#ifndef TB_TURNS_H
#define TB_TURNS_H

#include <stdbool.h>
#include <stddef.h>

#define TB_TURNS_TIMEOUT_MS 5000

struct tb_turns {
	int in, out;      /* FIFO descriptors; -1 when not taking turns */
	int place;        /* 1 or 2 */
	bool started;     /* place 2 handed over the first turn */
	bool ended;       /* the peer went silent: measuring alone */
	size_t waits;     /* turns taken */
};

/* "IN,OUT,PLACE": opens both FIFOs (they must exist) without blocking.
 * 0, or -1 with err naming the bad value. */
int tb_turns_open(struct tb_turns *t, const char *spec, char *err, size_t errlen);
void tb_turns_close(struct tb_turns *t);
/* before a sample: wait for the token (harmless when not taking turns) */
void tb_turns_wait(void *t);
/* after a sample: pass the token on */
void tb_turns_pass(void *t);

#endif
