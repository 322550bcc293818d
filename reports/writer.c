/*
 * writer.c - the table of outputs (outputs.def) and the formatting helpers
 * the writers share.
 */
#include "writer.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

const struct tb_output_desc tb_outputs[TB_OUT_COUNT] = {
#define TB_OUTPUT(id, w, opt, help) [TB_OUT_##id] = {opt, help, &w},
#include "outputs.def"
#undef TB_OUTPUT
};

const struct tb_output_desc *tb_output_find(const char *option)
{
	for (size_t i = 0; i < TB_OUT_COUNT; i++)
		if (!strcmp(tb_outputs[i].option, option))
			return &tb_outputs[i];
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
	size_t len = strlen(s);
	/* quote leading/trailing blanks too: readers (libcsv) trim them otherwise */
	bool edge = len && (strchr(" \t", s[0]) || strchr(" \t", s[len - 1]));
	if (!edge && !strpbrk(s, ",\"\r\n")) {
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

void tb_term_text(char *dst, size_t len, const char *src)
{
	size_t o = 0;
	bool cut = false;
	if (!len)
		return;
	for (const unsigned char *p = (const unsigned char *)src; *p; p++) {
		char e[8];
		size_t k;
		if (*p == '\n' || *p == '\t' || *p == '\r')
			k = (size_t)snprintf(e, sizeof(e), "\\%c", *p == '\n' ? 'n' : *p == '\t' ? 't' : 'r');
		else if (*p < 0x20 || *p == 0x7f)
			k = (size_t)snprintf(e, sizeof(e), "\\x%02x", *p);
		else
			e[0] = (char)*p, k = 1;
		if (o + k >= len) {
			cut = true;
			break;
		}
		memcpy(dst + o, e, k);
		o += k;
	}
	if (cut) { /* never end inside a UTF-8 sequence */
		size_t lead = o;
		while (lead && ((unsigned char)dst[lead - 1] & 0xc0) == 0x80)
			lead--;
		if (lead && ((unsigned char)dst[lead - 1] & 0xc0) == 0xc0) {
			unsigned char c = (unsigned char)dst[lead - 1];
			size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
			if (o - (lead - 1) < need)
				o = lead - 1;
		}
	}
	dst[o] = 0;
}

void tb_term_puts(FILE *f, const char *s)
{
	char buf[1024];
	tb_term_text(buf, sizeof(buf), s);
	fputs(buf, f);
}
