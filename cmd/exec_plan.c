/*
 * exec_plan.c - the plan of `tbench exec`: commands split into words (no
 * shell unless --shell), {NAME} replaced by each --parameter-scan value,
 * the case names, the --prepare command.  Parsing only: nothing runs here.
 */
#include "exec.h"

#include "run.h"

#include "../kernels/common.h"
#include "../reports/results.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* a growable string */
struct buf {
	char *s;
	size_t n, cap;
};

static int put(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = (b->n + n + 1) * 2;
		char *ns = realloc(b->s, cap);
		if (!ns)
			return -1;
		b->s = ns;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = 0;
	return 0;
}

int tb_shell_words(const char *s, char ***argv, char *err, size_t errlen)
{
	char **v = NULL;
	size_t n = 0;
	struct buf w = {0};
	bool in_word = false;
	char q = 0;
	int rc = 0;
	for (const char *p = s;; p++) {
		char c = *p;
		if (!c && q) {
			rc = tb_err(err, errlen, "invalid command '%s': unbalanced %s quote", s,
				    q == '"' ? "double" : "single");
			break;
		}
		if (!q && (!c || c == ' ' || c == '\t' || c == '\n')) {
			if (in_word) {
				char **nv = realloc(v, (n + 2) * sizeof(*nv));
				if (!nv || !(nv[n] = strdup(w.s ? w.s : ""))) {
					v = nv ? nv : v;
					rc = tb_err(err, errlen, "out of memory");
					break;
				}
				v = nv;
				v[++n] = NULL;
				w.n = 0;
				if (w.s)
					w.s[0] = 0;
				in_word = false;
			}
			if (!c)
				break;
			continue;
		}
		in_word = true;
		if (q == '\'' ? c == '\'' : q == '"' ? c == '"' : c == '\'' || c == '"') {
			q = q ? 0 : c;
			if (put(&w, "", 0)) /* "" is a word */
				rc = -1;
			continue;
		}
		if (c == '\\' && q != '\'' && p[1] &&
		    (!q || p[1] == '"' || p[1] == '\\' || p[1] == '$' || p[1] == '`'))
			c = *++p;
		if (put(&w, &c, 1)) {
			rc = tb_err(err, errlen, "out of memory");
			break;
		}
	}
	free(w.s);
	if (!rc && !n)
		rc = tb_err(err, errlen, "invalid command '%s': no words in it", s);
	if (rc) {
		if (v)
			v[n] = NULL;
		tb_argv_free(v);
		return -1;
	}
	*argv = v;
	return 0;
}

/* s with every {name} replaced by value (name NULL: a copy) */
static char *subst(const char *s, const char *name, const char *value)
{
	struct buf b = {0};
	char pat[80];
	snprintf(pat, sizeof(pat), "{%s}", name ? name : "");
	size_t pl = strlen(pat);
	const char *p = s, *hit;
	while (name && (hit = strstr(p, pat))) {
		if (put(&b, p, (size_t)(hit - p)) || put(&b, value, strlen(value)))
			goto oom;
		p = hit + pl;
	}
	if (put(&b, p, strlen(p)))
		goto oom;
	return b.s;
oom:
	free(b.s);
	return NULL;
}

/* argv joined as a shell would read it back: words with blanks or quotes
 * single-quoted */
static char *joined(char *const *argv)
{
	struct buf b = {0};
	for (size_t i = 0; argv[i]; i++) {
		const char *a = argv[i];
		bool quote = !*a || strpbrk(a, " \t\n'\"\\$`;&|<>()*?[]#~");
		if ((i && put(&b, " ", 1)) || (quote && put(&b, "'", 1)))
			goto oom;
		for (const char *c = a; *c; c++)
			if (*c == '\'' ? put(&b, "'\\''", 4) : put(&b, c, 1))
				goto oom;
		if (quote && put(&b, "'", 1))
			goto oom;
	}
	return b.s;
oom:
	free(b.s);
	return NULL;
}

static char **sh_c(const char *cmd)
{
	char *v[] = {"/bin/sh", "-c", (char *)cmd, NULL};
	return tb_argv_dup(3, v);
}

/* the parameter values as strings: "LO".."HI" by STEP, or one "" */
static int values(const struct tb_exec_args *a, char (**out)[32], size_t *n, char *err,
		  size_t errlen)
{
	if (!a->scan_name) {
		*out = calloc(1, sizeof(**out));
		*n = 1;
		return *out ? 0 : tb_err(err, errlen, "out of memory");
	}
	double span = (a->scan_hi - a->scan_lo) / a->scan_step;
	if (!(span >= 0) || span + 1 > TB_EXEC_MAX_VALUES)
		return tb_err(err, errlen, "invalid --parameter-scan %s %g %g (step %g): expected LO <= HI "
			      "and at most %d values", a->scan_name, a->scan_lo, a->scan_hi, a->scan_step,
			      TB_EXEC_MAX_VALUES);
	size_t k = (size_t)floor(span + 1e-9) + 1;
	*out = calloc(k, sizeof(**out));
	if (!*out)
		return tb_err(err, errlen, "out of memory");
	for (size_t i = 0; i < k; i++) {
		double v = a->scan_lo + (double)i * a->scan_step;
		if (fabs(v) < 1e-12 * fmax(1, fabs(a->scan_step)))
			v = 0;
		snprintf((*out)[i], sizeof((*out)[i]), "%.12g", v);
	}
	*n = k;
	return 0;
}

static int entry(const struct tb_exec_args *a, size_t ci, const char *pv,
		 struct tb_exec_entry *e, char *err, size_t errlen)
{
	const char *pn = a->scan_name;
	memset(e, 0, sizeof(*e));
	char *display = NULL;
	if (a->argv_cmd) {
		size_t k = 0;
		while (a->argv_cmd[k])
			k++;
		if (!(e->argv = calloc(k + 1, sizeof(*e->argv))))
			return tb_err(err, errlen, "out of memory");
		for (size_t i = 0; i < k; i++)
			if (!(e->argv[i] = subst(a->argv_cmd[i], pn, pv)))
				return tb_err(err, errlen, "out of memory");
		display = joined(e->argv);
	} else {
		display = subst(a->commands[ci], pn, pv);
		if (!display)
			return tb_err(err, errlen, "out of memory");
		if (a->shell ? !(e->argv = sh_c(display))
			     : tb_shell_words(display, &e->argv, err, errlen)) {
			free(display);
			return a->shell ? tb_err(err, errlen, "out of memory") : -1;
		}
	}
	if (!display)
		return tb_err(err, errlen, "out of memory");
	if (ci < a->nnames) {
		free(display);
		if (!(display = subst(a->names[ci], pn, pv)))
			return tb_err(err, errlen, "out of memory");
	}
	e->name = display;
	if (!*display)
		return tb_err(err, errlen, "invalid --command-name '': a case needs a name");
	if (strlen(display) >= TB_VARIANT_MAX)
		return tb_err(err, errlen, "command '%.40s...' is longer than %d characters as a case "
			      "name: name it with --command-name", display, TB_VARIANT_MAX - 1);
	if (a->prepare) {
		char *p = subst(a->prepare, pn, pv);
		e->prepare = p ? sh_c(p) : NULL;
		free(p);
		if (!e->prepare)
			return tb_err(err, errlen, "out of memory");
	}
	return 0;
}

int tb_exec_plan_build(const struct tb_exec_args *a, struct tb_exec_plan *p, char *err,
		       size_t errlen)
{
	memset(p, 0, sizeof(*p));
	size_t ncmd = a->argv_cmd ? 1 : a->ncommands, nval;
	char (*val)[32] = NULL;
	if (values(a, &val, &nval, err, errlen))
		return -1;
	p->e = calloc(ncmd * nval, sizeof(*p->e));
	int rc = p->e ? 0 : tb_err(err, errlen, "out of memory");
	/* value-major, as hyperfine orders a scan: every command at each value */
	for (size_t v = 0; !rc && v < nval; v++)
		for (size_t c = 0; !rc && c < ncmd; c++) {
			rc = entry(a, c, val[v], &p->e[p->n], err, errlen);
			p->n++;
			for (size_t j = 0; !rc && j + 1 < p->n; j++)
				if (!strcmp(p->e[j].name, p->e[p->n - 1].name))
					rc = tb_err(err, errlen, "two commands are named '%s': give them "
						    "--command-name (with {%s} for a scan)", p->e[j].name,
						    a->scan_name ? a->scan_name : "NAME");
		}
	free(val);
	if (rc)
		tb_exec_plan_free(p);
	return rc;
}

void tb_exec_plan_free(struct tb_exec_plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		free(p->e[i].name);
		tb_argv_free(p->e[i].argv);
		tb_argv_free(p->e[i].prepare);
	}
	free(p->e);
	memset(p, 0, sizeof(*p));
}
