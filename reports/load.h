/*
 * load.h - load saved results for `tbench report`: a tbench JSON document,
 * or a summary CSV together with the files found beside it (raw samples,
 * machine fingerprint, options); and merge several result sets into one.
 */
#ifndef TB_LOAD_H
#define TB_LOAD_H

#include "results.h"

#include <stddef.h>

/* Loads one results file into rs (best empty; see tb_resultset_merge).
 * companions (may be NULL) receives the companion files used, if any.
 * Other harnesses' results (Google Benchmark, hyperfine, criterion
 * directories; reports/foreign.h) are read too, detected by content. */
int tb_results_load(const char *path, struct tb_resultset *rs, char *companions, size_t clen,
		    char *err, size_t errlen);
struct tb_read_opts;
/* the same with reader options for foreign files (NULL: defaults) */
int tb_results_load_opts(const char *path, const struct tb_read_opts *ro,
			 struct tb_resultset *rs, char *companions, size_t clen, char *err,
			 size_t errlen);

/* Moves every result of src into dst (src is left empty).  A case whose key
 * is already in dst gets its variant suffixed "@label", so both stay visible.
 * Fingerprint and options are taken from src when dst has none. */
int tb_resultset_merge(struct tb_resultset *dst, struct tb_resultset *src, const char *label,
		       char *err, size_t errlen);

#endif
