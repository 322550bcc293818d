/*
 * read_opts.h - what a format of the loader leaves to the user (load.h,
 * loader.h): Google Benchmark's time, real or CPU.  Defaults: all zero.
 */
#ifndef TB_READ_OPTS_H
#define TB_READ_OPTS_H

#include <stddef.h>

enum tb_gbench_time { TB_GBENCH_REAL, TB_GBENCH_CPU };
struct tb_read_opts {
	enum tb_gbench_time gbench_time; /* Google Benchmark: which time is sampled */
};
/* "real" or "cpu" (also "real_time", "cpu_time") into o: 0, or -1 with err
 * (read_gbench.c) */
int tb_read_opts_gbench_time(struct tb_read_opts *o, const char *arg, char *err,
			     size_t errlen);

#endif
