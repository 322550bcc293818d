/*
 * outfile.h - output files written atomically: opened as a temporary file
 * beside the target before any benchmark runs (a bad path fails at once),
 * renamed into place only when completely and successfully written.
 * The path "-" means standard output (not atomic).
 */
#ifndef TB_OUTFILE_H
#define TB_OUTFILE_H

#include <stdio.h>

struct tb_outfile {
	char *path; /* target */
	char *tmp;  /* temporary name, NULL for stdout */
	FILE *f;
};

int tb_outfile_open(struct tb_outfile *o, const char *path, char *err, size_t errlen);
/* flush, check for write errors (full disk), fsync, rename; closes o either way */
int tb_outfile_commit(struct tb_outfile *o, char *err, size_t errlen);
/* close and remove the temporary file; harmless on a closed or unopened o */
void tb_outfile_abort(struct tb_outfile *o);

#endif
