/*
 * noise.c - what on this machine makes timings noisy, read from the
 * fingerprint; the run prints it once, on stderr, and carries on.
 */
#include "machine.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add(char *buf, size_t len, int *n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add(char *buf, size_t len, int *n, const char *fmt, ...)
{
	size_t at = strlen(buf);
	if (at + 3 >= len)
		return;
	if (at)
		at += (size_t)snprintf(buf + at, len - at, "; ");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf + at, len - at, fmt, ap);
	va_end(ap);
	(*n)++;
}

int tb_noise_warnings(const struct tb_kvlist *fp, bool all, char *buf, size_t len)
{
	int n = 0;
	buf[0] = 0;
	const char *g = tb_kv_get(fp, "cpu.governor");
	if (g && strncmp(g, "unknown", 7) && strcmp(g, "performance"))
		add(buf, len, &n, "CPU frequency governor is '%s', not 'performance'", g);
	const char *la = tb_kv_get(fp, "os.loadavg"), *th = tb_kv_get(fp, "cpu.threads");
	if (la && th) {
		double load = atof(la);
		unsigned cpus = (unsigned)atoi(th);
		if (cpus && load > 0.5 * cpus)
			add(buf, len, &n, "load average %.2f on %u CPUs (other work competes)", load, cpus);
	}
	const char *v = tb_kv_get(fp, "machine.virtual");
	if (v && strcmp(v, "no"))
		add(buf, len, &n, "running in a virtual machine (%s)", v);
	const char *bt = tb_kv_get(fp, "build.type"), *fl = tb_kv_get(fp, "build.flags");
	if (bt && (!strcmp(bt, "Debug") || !strcmp(bt, "unknown") || !bt[0]))
		add(buf, len, &n, "a %s build (not optimised)", bt[0] ? bt : "unnamed");
	if (fl && strstr(fl, "-fsanitize"))
		add(buf, len, &n, "a sanitizer build (instrumented code)");
	const char *aslr = tb_kv_get(fp, "os.aslr");
	if (all && aslr && strcmp(aslr, "off"))
		add(buf, len, &n, "ASLR is %s (code and stack addresses change between runs; 'setarch -R' turns it off)", aslr);
	return n;
}
