/*
 * outfile.h - output files written atomically: opened as a temporary file
 * beside the target before any benchmark runs (a bad path fails at once),
 * renamed into place only when completely and successfully written.
 * The path "-" means standard output; an existing device or pipe
 * (/dev/stdout, /dev/full, a FIFO) is written in place.  Neither is atomic,
 * both report write errors (a full disk) at commit.
 */
#ifndef TB_OUTFILE_H
#define TB_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

struct tb_outfile {
	char *path; /* target */
	char *tmp;  /* temporary name; NULL for stdout, a device or a pipe */
	FILE *f;
};

int tb_outfile_open(struct tb_outfile *o, const char *path, char *err, size_t errlen);
/* flush, check for write errors (full disk), fsync, rename; closes o either way */
int tb_outfile_commit(struct tb_outfile *o, char *err, size_t errlen);
/* close and remove the temporary file; harmless on a closed or unopened o */
void tb_outfile_abort(struct tb_outfile *o);
/* true when a and b name the same file: the same device and inode when
 * both exist, else the same name in the same directory (o.csv and ./o.csv,
 * a symbolic link and its target) */
bool tb_outfile_same(const char *a, const char *b);

/* Remove every temporary file still open.  Async-signal-safe (only
 * unlink(2)): a signal handler calls it before the process dies at once. */
void tb_outfile_unlink_all(void);

#endif
