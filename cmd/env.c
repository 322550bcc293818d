/*
 * env.c - `tbench env`: the machine fingerprint that is stored with every
 * result set, as aligned key/value lines (or CSV with --csv).
 */
#include "cmds.h"

#include "../probes/clock.h"
#include "../probes/freq.h"
#include "../probes/machine.h"
#include "../probes/sysinfo.h"
#include "../reports/writer.h"

#include <getopt.h>
#include <string.h>

const char tb_usage_env[] =
	"usage: tbench env [--csv]\n\n"
	"Show the machine fingerprint stored with every result set.\n"
	"  --csv   print it as key,value CSV\n";

int cmd_env(int argc, char **argv)
{
	static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
					     {"csv", no_argument, NULL, 'c'}, {0}};
	int c, csv = 0;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(tb_usage_env, stdout);
			return TB_EXIT_OK;
		}
		if (c == 'c') {
			csv = 1;
			continue;
		}
		return tb_getopt_error("env", argc, argv, c);
	}
	if (optind < argc)
		return tb_usage_error("unexpected argument '%s' (see 'tbench env --help')", argv[optind]);
	struct tb_kvlist fp = {0};
	tb_fingerprint(&fp);
	struct tb_clock_info ci;
	tb_clock_probe(&ci);
	tb_fingerprint_clock(&fp, &ci);
	/* measured, next to the nominal cpu.mhz_nominal: two dependent chains
	 * of different kinds must agree, or the clock is unknown */
	struct tb_freq f;
	char ghz[256];
	tb_freq_measure(20e6, &f);
	tb_freq_describe(&f, ghz, sizeof(ghz));
	tb_kv_set(&fp, "cpu.ghz_measured", ghz);
	char noise[1024];
	tb_kv_set(&fp, "noise", tb_noise_warnings(&fp, true, noise, sizeof(noise)) ? noise : "none seen");
	if (csv) {
		tb_csv_write_kv(stdout, &fp);
	} else {
		for (size_t i = 0; i < fp.n; i++)
			printf("%-22s %s\n", fp.v[i].key, fp.v[i].value);
	}
	tb_kv_free(&fp);
	return TB_EXIT_OK;
}
