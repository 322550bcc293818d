/*
 * fuzz_csv_summary.c - libFuzzer target: the summary CSV reader.  Any
 * input must give either a result set that passes its own invariants or an
 * error message; never a crash, a leak or undefined behaviour.
 */
#include "fuzz_common.h"

#include "reports/csv_read.h"

#include <math.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = tb_fuzz_file(data, size);
	struct tb_resultset rs = {0};
	char err[512] = "";
	if (tb_csv_read_summary(path, &rs, err, sizeof(err))) {
		tb_fuzz_check_err(err);
	} else {
		for (size_t i = 0; i < rs.n; i++) {
			const struct tb_result *r = &rs.r[i];
			if (!r->family[0] || !r->variant[0] || r->threads == 0)
				abort();
			if (r->status == TB_STATUS_OK && !isfinite(r->st.median))
				abort();
			for (size_t j = 0; j < i; j++)
				if (tb_result_same_key(&rs.r[j], r))
					abort();
		}
	}
	tb_resultset_free(&rs);
	return 0;
}
