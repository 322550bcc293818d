/*
 * fingerprint_csv.c - the machine fingerprint as key,value CSV, written
 * beside a run's summary (out.csv -> out.fingerprint.csv) so a result set
 * always carries the machine it came from; and the options the same way
 * (a round of `tbench run --rounds`: out.options.csv).
 */
#include "writer.h"

static int write_fingerprint(FILE *f, const struct tb_report *rep, char *err, size_t errlen)
{
	(void)err, (void)errlen;
	tb_csv_write_kv(f, &rep->rs->fingerprint);
	return 0;
}

const struct tb_writer tb_writer_fingerprint_csv = {
	.name = "fingerprint-csv",
	.summary = "machine fingerprint, key,value CSV",
	.write = write_fingerprint,
};

static int write_options(FILE *f, const struct tb_report *rep, char *err, size_t errlen)
{
	(void)err, (void)errlen;
	tb_csv_write_kv(f, &rep->rs->options);
	return 0;
}

/* how the run was made (beside a round's summary: out.options.csv) */
const struct tb_writer tb_writer_options_csv = {
	.name = "options-csv",
	.summary = "run options, key,value CSV",
	.write = write_options,
};
