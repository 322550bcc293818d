/*
 * subprocess.h - run a program in a process group of its own and wait for it,
 * passing on the first SIGINT/SIGTERM that reaches us (so Ctrl-C reaches
 * it exactly once, and it can stop cleanly); for the re-runs of tbench
 * itself (under callgrind, and the fresh processes of --rounds).
 */
#ifndef TB_SUBPROCESS_H
#define TB_SUBPROCESS_H

#include <signal.h>
#include <stddef.h>

/* The child being waited for (0 when none), for a signal handler that must
 * take it down too (a second Ctrl-C). */
extern volatile sig_atomic_t tb_spawn_pid;
/* set (to the signal) by a handler that killed that child: its waiter
 * cleans up and leaves */
extern volatile sig_atomic_t tb_spawn_killed;

struct tb_spawn {
	const char *path;        /* the executable */
	char *const *argv;       /* NULL-terminated, argv[0] included */
	const char *out, *errf;  /* stdout / stderr to these files (NULL: inherited) */
	const char *env[4];      /* "NAME=value" set in the child, up to a NULL */
	/* the flag a signal handler sets (the signal number); NULL: the
	 * spawner catches SIGINT and SIGTERM itself while it waits */
	volatile sig_atomic_t *stop;
	int pid;                 /* out: the child's process id */
};

/* Start s and wait for it; *status is its exit status, 128 + the signal
 * that killed it, or 127 when it could not be executed.  0, or -1 with err
 * filled when it could not be started. */
int tb_spawn_wait(struct tb_spawn *s, int *status, char *err, size_t errlen);

/* this executable's path (/proc/self/exe); 0, or -1 with err filled */
int tb_self_exe(char *buf, size_t len, char *err, size_t errlen);
/* a fresh directory $TMPDIR/PREFIX-XXXXXX (or under /tmp); 0 or -1 */
int tb_temp_dir(const char *prefix, char *buf, size_t len, char *err, size_t errlen);
/* remove a flat directory and the files in it */
void tb_remove_dir(const char *dir);

#endif
