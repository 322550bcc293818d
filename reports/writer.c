/*
 * writer.c - the table of writers and the formatting helpers they share.
 */
#include "writer.h"

#include <math.h>
#include <string.h>

static const struct tb_writer *const writers[] = {
	&tb_writer_table,
	&tb_writer_csv,
	&tb_writer_samples_csv,
	&tb_writer_html,
	&tb_writer_json,
	&tb_writer_markdown,
	&tb_writer_fingerprint_csv,
};

const struct tb_writer *tb_writer_find(const char *name)
{
	for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]); i++)
		if (!strcmp(writers[i]->name, name))
			return writers[i];
	return NULL;
}

void tb_fmt_per_call(const struct tb_result *r, double v, char *buf, size_t len)
{
	if (!tb_result_is_insns(r))
		tb_fmt_ns(v, buf, len);
	else if (isnan(v))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, v == floor(v) ? "%.0f insn" : "%.1f insn", v);
}

void tb_fmt_ns(double ns, char *buf, size_t len)
{
	if (isnan(ns))
		snprintf(buf, len, "-");
	else if (ns < 1e3)
		snprintf(buf, len, "%.3g ns", ns);
	else if (ns < 1e6)
		snprintf(buf, len, "%.3g \xc2\xb5s", ns / 1e3);
	else if (ns < 1e9)
		snprintf(buf, len, "%.3g ms", ns / 1e6);
	else
		snprintf(buf, len, "%.3g s", ns / 1e9);
}

void tb_fmt_si(double v, const char *unit, char *buf, size_t len)
{
	static const char *pre[] = {"", "k", "M", "G", "T", "P"};
	if (isnan(v) || isinf(v)) {
		snprintf(buf, len, "-");
		return;
	}
	int i = 0;
	while (fabs(v) >= 1000 && i < 5) {
		v /= 1000;
		i++;
	}
	snprintf(buf, len, "%.3g %s%s", v, pre[i], unit);
}

void tb_csv_field(FILE *f, const char *s)
{
	if (!s)
		s = "";
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void tb_csv_num(FILE *f, double v)
{
	if (!isnan(v))
		fprintf(f, "%.10g", v);
}
