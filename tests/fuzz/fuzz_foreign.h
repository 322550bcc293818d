/*
 * fuzz_foreign.h - what the loader's result must satisfy for the foreign
 * readers' inputs (fuzz_gbench.c, fuzz_hyperfine.c, fuzz_criterion.c: the
 * input goes through tb_results_load_opts, detection included): read, it
 * is a result set of well-formed cases that tbench writes as CSV and JSON
 * and reads back; refused, it says why in one line and leaves nothing.
 */
#ifndef TB_FUZZ_FOREIGN_H
#define TB_FUZZ_FOREIGN_H

#include "fuzz_common.h"

#include "reports/csv_read.h"
#include "reports/foreign.h"
#include "reports/json.h"
#include "reports/load.h"
#include "reports/writer.h"

#include <math.h>

static void tb_fuzz_foreign_check(int rc, struct tb_resultset *rs, const char *err)
{
	if (rc < 0) {
		tb_fuzz_check_err(err);
		if (rs->n)
			abort(); /* a refused file leaves nothing behind */
		return;
	}
	for (size_t i = 0; i < rs->n; i++) {
		const struct tb_result *r = &rs->r[i];
		if (!r->variant[0] || r->threads == 0 || strlen(r->variant) >= TB_VARIANT_MAX)
			abort();
		if (r->status == TB_STATUS_OK && !(isfinite(r->st.median) && r->st.median >= 0))
			abort();
		for (size_t s = 0; s < r->nsamples; s++)
			if (!isfinite(r->samples[s]) || r->samples[s] < 0)
				abort();
		for (size_t j = 0; j < i; j++)
			if (tb_result_same_key(&rs->r[j], r))
				abort();
	}
	/* whatever tbench reads it writes, and reads back: CSV ... */
	char sum[80], smp[80];
	snprintf(sum, sizeof(sum), "%s.summary.csv", tb_fuzz_path);
	snprintf(smp, sizeof(smp), "%s.samples.csv", tb_fuzz_path);
	FILE *fs = fopen(sum, "w"), *fp = fopen(smp, "w");
	if (!fs || !fp)
		abort();
	char e1[512] = "";
	struct tb_report r1 = {.rs = rs};
	if (tb_writer_csv.write(fs, &r1, e1, sizeof(e1)) ||
	    tb_writer_samples_csv.write(fp, &r1, e1, sizeof(e1)))
		abort();
	fclose(fs);
	fclose(fp);
	struct tb_resultset csv = {0};
	if (tb_csv_read_summary(sum, &csv, e1, sizeof(e1)) ||
	    tb_csv_read_samples(smp, &csv, e1, sizeof(e1)) || csv.n != rs->n) {
		fprintf(stderr, "written as CSV, not read back: %s\n", e1);
		abort();
	}
	for (size_t i = 0; i < rs->n; i++)
		if (csv.r[i].nsamples != rs->r[i].nsamples)
			abort();
	tb_resultset_free(&csv);
	unlink(sum);
	unlink(smp);
	/* ... and JSON */
	char path[64];
	snprintf(path, sizeof(path), "%s.json", tb_fuzz_path);
	FILE *f = fopen(path, "w");
	if (!f)
		abort();
	char e2[512] = "";
	struct tb_report rep = {.rs = rs, .samples = true};
	if (tb_writer_json.write(f, &rep, e2, sizeof(e2))) {
		fclose(f); /* only a name that is not UTF-8 cannot be written */
		unlink(path);
		return;
	}
	fclose(f);
	struct tb_resultset back = {0};
	if (tb_json_read(path, &back, e2, sizeof(e2)) || back.n != rs->n) {
		fprintf(stderr, "written, not read back: %s\n", e2);
		abort();
	}
	tb_resultset_free(&back);
	unlink(path);
}

#endif
