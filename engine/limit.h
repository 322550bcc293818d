/*
 * limit.h - the measured context of a run: the effective clock (once,
 * at the start) and the copy bandwidth at each case's traffic and thread
 * count (once per distinct pair, measured after the first such case), so
 * every result gets its share of the machine's limit and items per cycle.
 */
#ifndef TB_ENGINE_LIMIT_H
#define TB_ENGINE_LIMIT_H

#include "../probes/bandwidth.h"
#include "../base/kv.h"
#include "../reports/results.h"

#include <stdbool.h>
#include <stddef.h>

struct tb_limits {
	double ghz; /* effective clock; NaN when not measured */
	bool pin, off;
	struct tb_limit_entry {
		double bytes;
		unsigned threads;
		struct tb_bandwidth bw;
		bool ok;
	} *e;
	size_t n;
};

/* measure the clock, record it in opts; with on == false nothing is
 * measured and tb_limits_apply leaves results alone */
void tb_limits_init(struct tb_limits *l, bool pin, bool on, struct tb_kvlist *opts);
/* fill r->limit_share and r->items_per_cycle where they can be known;
 * measures the bandwidth for r's traffic the first time it is needed and
 * records it in opts */
void tb_limits_apply(struct tb_limits *l, struct tb_result *r, struct tb_kvlist *opts);
void tb_limits_free(struct tb_limits *l);

#endif
