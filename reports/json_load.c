/*
 * json_load.c - read a JSON file into a jansson document, for every JSON
 * reader (tbench's own, Google Benchmark, hyperfine, criterion): a regular
 * file of bounded size, a UTF-8 BOM skipped, Google Benchmark's bare NaN
 * and Infinity read as null, duplicate keys refused, errors on one line.
 */
#include "json.h"

#include "../kernels/common.h"
#include "csv_read.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Google Benchmark prints NaN, -NaN, Infinity and -Infinity as bare words;
 * outside strings they become null.  out has room for n * 4 / 3 + 1
 * bytes ("NaN" grows by one); returns the length written. */
static size_t bare_words_to_null(const char *s, size_t n, char *out)
{
	bool in_str = false;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (in_str) {
			out[o++] = c;
			if (c == '\\' && i + 1 < n)
				out[o++] = s[++i];
			else if (c == '"')
				in_str = false;
			continue;
		}
		size_t k = i + (c == '-'), len = 0;
		if (k + 3 <= n && !memcmp(s + k, "NaN", 3))
			len = 3;
		else if (k + 8 <= n && !memcmp(s + k, "Infinity", 8))
			len = 8;
		if (len) {
			memcpy(out + o, "null", 4);
			o += 4;
			i = k + len - 1;
			continue;
		}
		in_str = c == '"';
		out[o++] = c;
	}
	return o;
}

json_t *tb_json_load_file(const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	if (fd < 0) {
		tb_err(err, errlen, "cannot read '%s': %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > TB_JSON_MAX_BYTES) {
		if (S_ISREG(st.st_mode))
			tb_err(err, errlen, "%s: %lld bytes, more than the %lld a result file may have",
			       path, (long long)st.st_size, TB_JSON_MAX_BYTES);
		else
			tb_err(err, errlen, "cannot read '%s': not a regular file", path);
		close(fd);
		return NULL;
	}
	size_t n = (size_t)st.st_size, got = 0;
	char *buf = malloc(n + 1);
	if (!buf) {
		close(fd);
		tb_err(err, errlen, "out of memory reading '%s'", path);
		return NULL;
	}
	while (got < n) {
		ssize_t k = read(fd, buf + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	close(fd);
	size_t off = got >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3) ? 3 : 0; /* UTF-8 BOM */
	char *clean = malloc((got - off) / 3 * 4 + 4);
	json_error_t je;
	json_t *doc = NULL;
	if (clean)
		doc = json_loadb(clean, bare_words_to_null(buf + off, got - off, clean),
				 JSON_REJECT_DUPLICATES, &je);
	free(buf);
	free(clean);
	if (!clean) {
		tb_err(err, errlen, "out of memory reading '%s'", path);
		return NULL;
	}
	if (!doc) {
		tb_err(err, errlen, "%s:%d: %s", path, je.line, je.text);
		tb_csv_one_line(err, errlen);
	}
	return doc;
}

