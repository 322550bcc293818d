/*
 * history_meta.c - what a recorded run belongs to: checking a commit and a
 * branch name, and reading the many spellings of a time into one UTC form
 * that sorts as text (YYYY-MM-DDTHH:MM:SSZ).
 */
#define _GNU_SOURCE
#include "history.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int tb_history_meta_check(const struct tb_history_meta *m, char *err, size_t errlen)
{
	size_t n = strlen(m->commit);
	if (!n || n > 64 || strspn(m->commit, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
					      "0123456789._/-") != n) {
		snprintf(err, errlen, "invalid commit '%.80s': expected 1-64 of A-Z a-z 0-9 . _ / -",
			 m->commit);
		return -1;
	}
	n = strlen(m->branch);
	bool printable = n > 0 && n <= 128;
	for (size_t i = 0; i < n && printable; i++)
		printable = (unsigned char)m->branch[i] >= 0x20 && m->branch[i] != 0x7f;
	if (!printable) {
		snprintf(err, errlen, "invalid branch '%.140s': expected 1-128 printable characters",
			 m->branch);
		return -1;
	}
	char t[24];
	return tb_history_parse_time(m->time, t, err, errlen) ? -1 : 0;
}

/* d digits into *v; advances *s */
static bool digits(const char **s, int d, int *v)
{
	*v = 0;
	for (int i = 0; i < d; i++, (*s)++) {
		if (!isdigit((unsigned char)**s))
			return false;
		*v = *v * 10 + (**s - '0');
	}
	return true;
}

static int bad_time(const char *s, char *err, size_t errlen)
{
	snprintf(err, errlen, "invalid time '%.64s': expected ISO 8601 (2024-05-01T12:00:00Z, "
		 "with Z or an offset such as +02:00), YYYY-MM-DD, or @UNIX-SECONDS", s);
	return -1;
}

int tb_history_parse_time(const char *s, char out[24], char *err, size_t errlen)
{
	time_t t;
	if (s[0] == '@') {
		char *end;
		errno = 0;
		long long v = strtoll(s + 1, &end, 10);
		if (errno || end == s + 1 || *end || v < 0 || v > 253402300799LL) /* 9999-12-31 */
			return bad_time(s, err, errlen);
		t = (time_t)v;
	} else {
		const char *p = s;
		struct tm tm = {0};
		int y, mo, d, h = 0, mi = 0, se = 0, off = 0;
		if (!digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) || *p++ != '-' ||
		    !digits(&p, 2, &d))
			return bad_time(s, err, errlen);
		if (*p == 'T' || *p == ' ') {
			p++;
			if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi))
				return bad_time(s, err, errlen);
			if (*p == ':' && (p++, !digits(&p, 2, &se)))
				return bad_time(s, err, errlen);
			if (*p == '.' || *p == ',') /* fractions of a second: dropped */
				for (p++; isdigit((unsigned char)*p); p++)
					;
			if (*p == 'Z') {
				p++;
			} else if (*p == '+' || *p == '-') {
				int sign = *p++ == '-' ? -1 : 1, oh, om = 0;
				if (!digits(&p, 2, &oh))
					return bad_time(s, err, errlen);
				if (*p == ':')
					p++;
				if (*p && !digits(&p, 2, &om))
					return bad_time(s, err, errlen);
				if (oh > 14 || om > 59)
					return bad_time(s, err, errlen);
				off = sign * (oh * 3600 + om * 60);
			}
		}
		if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59 ||
		    y < 1970)
			return bad_time(s, err, errlen);
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = se;
		t = timegm(&tm);
		if (tm.tm_mday != d) /* 2024-02-30 rolled over */
			return bad_time(s, err, errlen);
		t -= off;
	}
	struct tm g;
	if (!gmtime_r(&t, &g) || g.tm_year + 1900 > 9999 || t < 0)
		return bad_time(s, err, errlen);
	strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &g);
	return 0;
}
