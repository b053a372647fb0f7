/* SPDX-License-Identifier: MIT */
/*
 * xopts.c -- D options given on the command line (-x, -q, -b, -D...) and in
 * DTRACE_OPT_* environment variables.
 *
 * Some options belong to the front end alone (errtags, the preprocessor
 * options define/undef/incdir/cppargs, paths of DTrace's own files); they
 * are handled here.  Every other option is checked with the compiler's
 * option table (dcc_option_check) and then queued for the compiler, which
 * records it in the object ahead of the script's own pragmas; run.c hands
 * the merged values to dload as well.  Failures carry DTrace's messages
 * ("Invalid option name", "Invalid value for specified option").
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dtrace.h"

/* The compiler's option validator (dcc/options.c, declared in sema.h). */
extern int dcc_option_check(const char *name, const char *value,
			    const char **why);

#define BADVAL "Invalid value for specified option"

struct fe_opt {
	const char *name;
	int (*set)(struct dt *dt, const char *val, const char *arg);
	const char *arg;	/* handler's constant argument */
};

void dt_add_cpp_arg(struct dt *dt, const char *flag, const char *val)
{
	size_t n = strlen(flag) + (val ? strlen(val) : 0) + 1;
	char *s = dt_xalloc(n);

	snprintf(s, n, "%s%s", flag, val ? val : "");
	if (dt->ncpp_args == dt->cap_cpp_args) {
		const char **v;

		dt->cap_cpp_args = dt->cap_cpp_args ? 2 * dt->cap_cpp_args : 16;
		v = realloc(dt->cpp_args, dt->cap_cpp_args * sizeof(*v));
		if (!v) {
			fprintf(stderr, "dtrace: failed to allocate memory\n");
			exit(DT_E_ERROR);
		}
		dt->cpp_args = v;
	}
	dt->cpp_args[dt->ncpp_args++] = s;
}

/* yes/no/on/off/... or a number, as dtrace's run-time flags accept. */
bool dt_option_is_true(const char *value)
{
	static const char *const no[] = { "no", "disable", "disabled",
					  "false", "off", "unset", "0", "" };

	if (!value)
		return true;
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (!strcasecmp(value, no[i]))
			return false;
	return true;
}

/* ---- front-end options ------------------------------------------------------- */

static int fe_cpp_opt(struct dt *dt, const char *val, const char *flag)
{
	if (!val)
		return -1;
	dt_add_cpp_arg(dt, flag, val);
	return 0;
}

static int fe_cppargs(struct dt *dt, const char *val, const char *unused)
{
	char *copy, *p, *save = NULL;

	if (!val)
		return -1;
	copy = dt_xstrdup(val);
	for (p = strtok_r(copy, " \t\n\r\f\v", &save); p;
	     p = strtok_r(NULL, " \t\n\r\f\v", &save))
		dt_add_cpp_arg(dt, p, NULL);
	free(copy);
	return 0;
}

static int fe_cpphdrs(struct dt *dt, const char *val, const char *unused)
{
	if (val)
		return -1;
	dt_add_cpp_arg(dt, "-H", NULL);
	return 0;
}

/* A flag of the front end (no value allowed). */
static int fe_flag(struct dt *dt, const char *val, const char *which)
{
	if (val)
		return -1;
	switch (which[0]) {
	case 'e': dt->errtags = true; break;
	case 'c': dt->cpp = true; break;
	}
	return 0;
}

static int fe_need_value(struct dt *dt, const char *val, const char *unused)
{
	return val ? 0 : -1;
}

static int fe_accept(struct dt *dt, const char *val, const char *unused)
{
	return 0;
}

static int fe_debugassert(struct dt *dt, const char *val, const char *unused)
{
	return val && !strcmp(val, "mutexes") ? 0 : -1;
}

static const struct fe_opt fe_opts[] = {
	{ "errtags", fe_flag, "e" },
	{ "cpp", fe_flag, "c" },
	{ "define", fe_cpp_opt, "-D" },
	{ "undef", fe_cpp_opt, "-U" },
	{ "incdir", fe_cpp_opt, "-I" },
	{ "cppargs", fe_cppargs, NULL },
	{ "cpphdrs", fe_cpphdrs, NULL },
	{ "cpppath", fe_need_value, NULL },
	{ "ctypes", fe_need_value, NULL },
	{ "dtypes", fe_need_value, NULL },
	{ "ctfpath", fe_need_value, NULL },
	{ "ldpath", fe_need_value, NULL },
	{ "libdir", fe_need_value, NULL },
	{ "modpath", fe_need_value, NULL },
	{ "procfspath", fe_need_value, NULL },
	{ "syslibdir", fe_need_value, NULL },
	{ "sysslice", fe_need_value, NULL },
	{ "debugassert", fe_debugassert, NULL },
	{ "debug", fe_accept, NULL },
	{ "lazyload", fe_accept, NULL },
	{ "linknommap", fe_accept, NULL },
	{ "preallocate", fe_accept, NULL },
};

/* ---- stricter checks than the compiler's table ---------------------------------- */

/* D versions this front end accepts for -xversion (dtrace's list). */
static const char *const d_versions[] = {
	"1.0", "1.1", "1.2", "1.2.1", "1.2.2", "1.3", "1.4", "1.4.1", "1.5",
	"1.6", "1.6.1", "1.6.2", "1.6.3", "1.6.4", "2.0",
};

/* "M.m[.u]" with M < 256, m and u < 4096. */
static bool version_well_formed(const char *v)
{
	unsigned long part[3];
	int n = 0;
	char *end;

	while (n < 3 && *v >= '0' && *v <= '9') {
		part[n++] = strtoul(v, &end, 10);
		v = end;
		if (*v != '.')
			break;
		v++;
	}
	return !*v && n >= 2 && part[0] < 256 && part[1] < 4096 &&
	       (n < 3 || part[2] < 4096);
}

static int check_version(const char *v, const char **why)
{
	if (!v || !version_well_formed(v)) {
		*why = "Version is not properly formatted or is too large";
		return -1;
	}
	for (size_t i = 0; i < sizeof(d_versions) / sizeof(*d_versions); i++)
		if (!strcmp(v, d_versions[i]))
			return 0;
	*why = "Requested version is not supported by compiler";
	return -1;
}

/* strsize: a size of at least 2 (room for one character and the NUL). */
static int check_strsize(const char *v, const char **why)
{
	char *end;
	unsigned long long n;

	*why = BADVAL;
	if (!v || *v < '0' || *v > '9')
		return -1;
	n = strtoull(v, &end, 0);
	if (*end && strchr("kKmMgGtT", *end) && !end[1])
		n = n ? 1024 : 0;	/* any non-zero multiple is large */
	else if (*end)
		return -1;
	return n >= 2 ? 0 : -1;
}

static int check_strict(const char *name, const char *value, const char **why)
{
	if (!strcmp(name, "version"))
		return check_version(value, why);
	if (!strcmp(name, "strsize"))
		return check_strsize(value, why);
	return 0;
}

/* ---- compiler options ---------------------------------------------------------- */

static void queue_xopt(struct dt *dt, const char *name, const char *value)
{
	struct dcc_option *o = dt_xalloc(sizeof(*o));

	o->name = dt_xstrdup(name);
	o->value = value ? dt_xstrdup(value) : NULL;
	if (dt->xlast)
		dt->xlast->next = o;
	else
		dt->xopts = o;
	dt->xlast = o;
}

/* Options the front end also looks at itself. */
static void note_xopt(struct dt *dt, const char *name, const char *value)
{
	if (!strcmp(name, "quiet"))
		dt->quiet = dt_option_is_true(value);
	else if (!strcmp(name, "destructive"))
		dt->destructive = dt_option_is_true(value);
	else if (!strcmp(name, "zdefs"))
		dt->zdefs = true;
}

int dt_setopt(struct dt *dt, const char *name, const char *value,
	      const char **why)
{
	const struct fe_opt *f;
	int err;

	for (f = fe_opts; f < fe_opts + sizeof(fe_opts) / sizeof(*f); f++) {
		if (strcmp(f->name, name))
			continue;
		if (f->set(dt, value, f->arg) < 0) {
			*why = BADVAL;
			return -1;
		}
		return 0;
	}
	if (check_strict(name, value, why) < 0)
		return -1;
	*why = BADVAL;
	err = dcc_option_check(name, value ? value : "", why);
	if (err < 0)
		return -1;
	queue_xopt(dt, name, value);
	note_xopt(dt, name, value);
	return 0;
}

/* DTRACE_OPT_NAME=value sets option "name"; failures are ignored. */
void dt_setopt_env(struct dt *dt)
{
	extern char **environ;
	static const char pfx[] = "DTRACE_OPT_";
	char name[128];
	const char *why;

	for (char **e = environ; e && *e; e++) {
		const char *eq = strchr(*e, '=');
		size_t n, i;

		if (strncmp(*e, pfx, sizeof(pfx) - 1) || !eq)
			continue;
		n = eq - (*e + sizeof(pfx) - 1);
		if (n == 0 || n >= sizeof(name))
			continue;
		for (i = 0; i < n; i++)
			name[i] = tolower((unsigned char)(*e)[sizeof(pfx) - 1 + i]);
		name[n] = 0;
		dt_setopt(dt, name, eq + 1, &why);
	}
}

void dt_free_opts(struct dt *dt)
{
	struct dcc_option *o, *next;

	for (o = dt->xopts; o; o = next) {
		next = o->next;
		free(o->name);
		free(o->value);
		free(o);
	}
	dt->xopts = dt->xlast = NULL;
	for (int i = 0; i < dt->ncpp_args; i++)
		free((char *)dt->cpp_args[i]);
	free(dt->cpp_args);
	dt->cpp_args = NULL;
	dt->ncpp_args = 0;
}
