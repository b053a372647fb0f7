/* SPDX-License-Identifier: MIT */
/*
 * options.c -- D's options and pragmas.
 *
 * The table of known options (name, kind of value, compile-time or
 * run-time), the validation of option values with DTrace's messages, and
 * the handling of `#pragma D ...` lines: option (into cc->options, after
 * the -x options), error, depends_on, attributes, binding, line, ident.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dcc.h"
#include "sema.h"

enum opt_kind { OK_FLAG, OK_SIZE, OK_TIME, OK_COUNT, OK_STRING, OK_NOPROG };

struct opt_def {
	const char *name;
	enum opt_kind kind;
	bool runtime;
};

static const struct opt_def opts[] = {
	/* compile-time */
	{ "amin", OK_STRING, false }, { "argref", OK_FLAG, false },
	{ "core", OK_STRING, false }, { "cpp", OK_FLAG, false },
	{ "cpphdrs", OK_FLAG, false }, { "cpppath", OK_NOPROG, false },
	{ "ctypes", OK_NOPROG, false }, { "defaultargs", OK_FLAG, false },
	{ "define", OK_NOPROG, false }, { "disasm", OK_COUNT, false },
	{ "droptags", OK_FLAG, false }, { "dtypes", OK_NOPROG, false },
	{ "empty", OK_FLAG, false }, { "errtags", OK_FLAG, false },
	{ "evaltime", OK_STRING, false }, { "incdir", OK_NOPROG, false },
	{ "iregs", OK_COUNT, false }, { "kdefs", OK_FLAG, false },
	{ "knodefs", OK_FLAG, false }, { "late", OK_STRING, false },
	{ "lazyload", OK_FLAG, false }, { "ldpath", OK_NOPROG, false },
	{ "libdir", OK_NOPROG, false }, { "linkmode", OK_STRING, false },
	{ "linktype", OK_STRING, false }, { "modpath", OK_NOPROG, false },
	{ "nolibs", OK_FLAG, false }, { "pgmax", OK_COUNT, false },
	{ "preallocate", OK_SIZE, false }, { "procfs", OK_FLAG, false },
	{ "pspec", OK_FLAG, false }, { "stdc", OK_STRING, false },
	{ "strip", OK_FLAG, false }, { "syslibdir", OK_NOPROG, false },
	{ "tree", OK_COUNT, false }, { "tregs", OK_COUNT, false },
	{ "udefs", OK_FLAG, false }, { "undef", OK_NOPROG, false },
	{ "unodefs", OK_FLAG, false }, { "verbose", OK_FLAG, false },
	{ "version", OK_STRING, false }, { "zdefs", OK_FLAG, false },
	{ "bpflog", OK_FLAG, false }, { "bpflogsize", OK_SIZE, false },
	{ "maxframes", OK_COUNT, false }, { "scratchsize", OK_SIZE, false },
	{ "strsize", OK_SIZE, false }, { "useruid", OK_COUNT, false },
	/* run-time */
	{ "aggsize", OK_SIZE, true }, { "bufresize", OK_STRING, true },
	{ "bufsize", OK_SIZE, true }, { "cleanrate", OK_TIME, true },
	{ "cpu", OK_COUNT, true }, { "destructive", OK_FLAG, true },
	{ "dynvarsize", OK_SIZE, true }, { "grabanon", OK_FLAG, true },
	{ "jstackframes", OK_COUNT, true }, { "jstackstrsize", OK_SIZE, true },
	{ "lockmem", OK_SIZE, true }, { "nspec", OK_COUNT, true },
	{ "specsize", OK_SIZE, true }, { "stackframes", OK_COUNT, true },
	{ "statusrate", OK_TIME, true }, { "ustackframes", OK_COUNT, true },
	{ "bufpolicy", OK_STRING, true }, { "noresolve", OK_FLAG, true },
	{ "aggrate", OK_TIME, true }, { "aggsortkey", OK_FLAG, true },
	{ "aggsortkeypos", OK_COUNT, true }, { "aggsortpos", OK_COUNT, true },
	{ "aggsortrev", OK_FLAG, true }, { "flowindent", OK_FLAG, true },
	{ "quiet", OK_FLAG, true }, { "rawbytes", OK_FLAG, true },
	{ "stackindent", OK_COUNT, true }, { "switchrate", OK_TIME, true },
	{ "aggpercpu", OK_FLAG, true }, { "agghist", OK_FLAG, true },
	{ "aggpack", OK_FLAG, true }, { "aggzoom", OK_FLAG, true },
	{ "pcapsize", OK_SIZE, true }, { "printsize", OK_SIZE, true },
	{ "debugassert", OK_STRING, true }, { "oformat", OK_STRING, true },
};

static const struct opt_def *opt_find(const char *name)
{
	/* NAME_entries=N: entries of dynamic variable NAME's map (cg_dyn.c) */
	static const struct opt_def entries = { "_entries", OK_COUNT, false };
	size_t i, n = strlen(name);

	for (i = 0; i < sizeof(opts) / sizeof(opts[0]); i++)
		if (!strcmp(opts[i].name, name))
			return &opts[i];
	if (n > 8 && !strcmp(name + n - 8, "_entries"))
		return &entries;
	return NULL;
}

static bool parse_uint(const char *v, unsigned long long *out, char **end)
{
	if (!isdigit((unsigned char)*v))
		return false;
	errno = 0;
	*out = strtoull(v, end, 0);
	return errno == 0;
}

static bool valid_size(const char *v)
{
	unsigned long long n;
	char *end;

	if (!parse_uint(v, &n, &end))
		return false;
	if (!*end)
		return true;
	if (end[1])
		return false;
	return strchr("kKmMgGtT", *end) != NULL;
}

static bool valid_time(const char *v)
{
	static const char *const sfx[] = { "ns", "nsec", "us", "usec", "ms",
		"msec", "s", "sec", "m", "min", "h", "hour", "d", "day", "hz",
		"Hz", NULL };
	unsigned long long n;
	char *end;
	int i;

	if (!parse_uint(v, &n, &end))
		return false;
	if (!*end)
		return true;
	for (i = 0; sfx[i]; i++)
		if (!strcmp(end, sfx[i]))
			return true;
	return false;
}

static bool valid_count(const char *v)
{
	unsigned long long n;
	char *end;

	return parse_uint(v, &n, &end) && !*end && n <= 0x7fffffffULL;
}

static bool flag_word(const char *v)
{
	static const char *const w[] = { "yes", "no", "true", "false", "on",
		"off", "1", "0", "set", "unset", "enable", "enabled", "disable",
		"disabled", NULL };
	int i;

	for (i = 0; w[i]; i++)
		if (!strcasecmp(v, w[i]))
			return true;
	return false;
}

int dcc_option_check(const char *name, const char *value, const char **why)
{
	const struct opt_def *d = opt_find(name);
	bool ok = true;

	*why = "Invalid value for specified option";
	if (!d) {
		*why = "Invalid option name";
		return -EINVAL;
	}
	switch (d->kind) {
	case OK_FLAG:
		ok = !value || !*value || flag_word(value);
		break;
	case OK_SIZE:
		ok = value && valid_size(value);
		break;
	case OK_TIME:
		ok = value && valid_time(value);
		break;
	case OK_COUNT:
		ok = value && valid_count(value);
		/* integer registers D code may use: BPF has 8 to spare */
		if (ok && !strcmp(name, "iregs"))
			ok = strtoull(value, NULL, 0) <= 8;
		break;
	case OK_STRING:
		ok = value && *value;
		if (ok && !strcmp(name, "amin")) {
			struct dcc_attr a;

			ok = dcc_str2attr(value, &a) == 0;
		}
		break;
	case OK_NOPROG:
		ok = true;
		break;
	}
	return ok ? 0 : -EINVAL;
}

static void add_option(struct dcc *cc, const char *name, const char *value)
{
	struct dcc_option *o = dcc_alloc(cc, sizeof(*o)), **pp;

	o->name = dcc_strdup(cc, name);
	o->value = value ? dcc_strdup(cc, value) : NULL;
	for (pp = &cc->options; *pp; pp = &(*pp)->next)
		;
	*pp = o;
}

void sema_options_init(struct dcc *cc)
{
	struct dcc_option *x;

	if (cc->options)
		return;
	for (x = cc->opts.xopts; x; x = x->next)
		add_option(cc, x->name, x->value);
}

/* ---- pragmas ------------------------------------------------------------------- */

/* Split the pragma text into words; returns the count. */
static int words(struct dcc *cc, const char *s, char **w, int max)
{
	int n = 0;

	while (s && *s) {
		const char *b;

		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		b = s;
		while (*s && !isspace((unsigned char)*s))
			s++;
		if (n < max)
			w[n] = dcc_strndup(cc, b, (size_t)(s - b));
		n++;
	}
	return n;
}

static void pragma_option(struct dcc *cc, struct node *n)
{
	char *w[4], *eq, *val = NULL;
	const struct opt_def *d;
	const char *why;
	int nw = words(cc, n->str, w, 4);

	if (nw == 0)
		dcc_error(cc, n->loc, "D_PRAGMA_MALFORM",
			  "malformed #pragma option");
	if (nw > 1)
		dcc_error(cc, n->loc, "D_PRAGMA_MALFORM", "superfluous arguments "
			  "specified for #pragma option");
	eq = strchr(w[0], '=');
	if (eq) {
		*eq = 0;
		val = eq + 1;
	}
	d = opt_find(w[0]);
	if (d && d->kind == OK_NOPROG)
		dcc_error(cc, n->loc, "D_PRAGMA_OPTSET", "failed to set option '%s' "
			  "to '%s': Option cannot be used from within a D program",
			  w[0], val ? val : "");
	if (dcc_option_check(w[0], val, &why))
		dcc_error(cc, n->loc, "D_PRAGMA_OPTSET", "failed to set option '%s' "
			  "to '%s': %s", w[0], val ? val : "", why);
	add_option(cc, w[0], val);
}

static void pragma_error(struct dcc *cc, struct node *n)
{
	char msg[512] = "";
	char *w[32];
	int nw = words(cc, n->str, w, 32), i;

	for (i = 0; i < nw && i < 32; i++) {
		char *s = w[i];
		size_t l = strlen(s);

		if (l >= 2 && s[0] == '"' && s[l - 1] == '"') {
			s[l - 1] = 0;
			s++;
		} else if (s[0] == '"') {
			s++;
		} else if (l && s[l - 1] == '"') {
			s[l - 1] = 0;
		}
		strncat(msg, s, sizeof(msg) - strlen(msg) - 2);
		strcat(msg, " ");
	}
	dcc_error(cc, n->loc, "D_PRAGERR", "#error: %s", msg);
}

static void pragma_depends(struct dcc *cc, struct node *n)
{
	char *w[4];
	int nw = words(cc, n->str, w, 4);

	if (nw < 2)
		dcc_error(cc, n->loc, "D_PRAGMA_MALFORM", "malformed #pragma "
			  "depends_on <class> <name>");
	if (!strcmp(w[0], "library"))
		dcc_error(cc, n->loc, "D_PRAGMA_DEPEND", "main program may not "
			  "explicitly depend on a library");
}

static void pragma_attributes(struct dcc *cc, struct node *n)
{
	char *w[5];
	int nw = words(cc, n->str, w, 5);

	if (nw < 2 || nw > 4)
		dcc_error(cc, n->loc, "D_PRAGMA_MALFORM", "malformed #pragma "
			  "attributes <attributes> <ident>");
	sema_pragma_attributes(cc, n, w, nw);
}

static void pragma_binding(struct dcc *cc, struct node *n)
{
	char *w[4];

	if (words(cc, n->str, w, 4) != 2)
		dcc_error(cc, n->loc, "D_PRAGMA_MALFORM", "malformed #pragma "
			  "binding <version> <ident>");
	sema_pragma_ident(cc, n, "binding", w[1]);
}

void sema_pragma(struct dcc *cc, struct node *n)
{
	const char *name = n->name ? n->name : "";

	if (!strcmp(name, "option"))
		pragma_option(cc, n);
	else if (!strcmp(name, "error"))
		pragma_error(cc, n);
	else if (!strcmp(name, "depends_on"))
		pragma_depends(cc, n);
	else if (!strcmp(name, "attributes"))
		pragma_attributes(cc, n);
	else if (!strcmp(name, "binding"))
		pragma_binding(cc, n);
	else if (strcmp(name, "line") && strcmp(name, "ident") &&
		 strcmp(name, "pragma"))
		dcc_error(cc, n->loc, "D_PRAGCTL_INVAL", "invalid control "
			  "directive: #pragma D %s", name);
}
