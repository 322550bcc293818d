/*
 * fuzz_csv_samples.c - libFuzzer target: the samples CSV reader, attaching
 * samples to a fixed summary of three cases and re-deriving statistics.
 */
#include "fuzz_common.h"

#include "reports/csv_read.h"

#include <math.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tb_resultset rs = {0};
	static const char *const variants[] = {"scalar", "blas", "avx2"};
	for (int i = 0; i < 3; i++) {
		struct tb_result *r = tb_resultset_add(&rs);
		if (!r)
			abort();
		snprintf(r->family, sizeof(r->family), "scale");
		snprintf(r->variant, sizeof(r->variant), "%s", variants[i]);
		snprintf(r->mode, sizeof(r->mode), "inplace");
		r->n = 1000;
		r->rows = 1;
		r->cols = 1000;
		r->threads = 1;
		r->status = TB_STATUS_OK;
	}
	const char *path = tb_fuzz_file(data, size);
	char err[512] = "";
	if (tb_csv_read_samples(path, &rs, err, sizeof(err))) {
		tb_fuzz_check_err(err);
	} else {
		for (size_t i = 0; i < rs.n; i++) {
			const struct tb_result *r = &rs.r[i];
			for (size_t s = 0; s < r->nsamples; s++)
				if (!(r->samples[s] >= 0) || !isfinite(r->samples[s]))
					abort();
			if (r->nsamples && !isfinite(r->st.median))
				abort();
		}
	}
	tb_resultset_free(&rs);
	return 0;
}
