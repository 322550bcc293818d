/*
 * read_opts.h - what a results format leaves to the user (the reader
 * options), shared by the loader's API (load.h) and its readers (loader.h)
 * so neither header needs the other.
 */
#ifndef TB_READ_OPTS_H
#define TB_READ_OPTS_H

#include <stddef.h>

enum tb_gbench_time { TB_GBENCH_REAL, TB_GBENCH_CPU };
struct tb_read_opts {
	enum tb_gbench_time gbench_time; /* Google Benchmark: which time is sampled */
};

#endif
