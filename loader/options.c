/* SPDX-License-Identifier: MIT */
/*
 * options.c -- D options at run time.
 *
 * The object's own options (DTM_T_OPT: #pragma D option and dcc's -x) come
 * first, then dload_obj__set_option() overrides (dload -x); the last setting
 * of a name wins.  dl_opts_apply() turns them into loader settings (bufsize
 * -> ring buffer size, switchrate -> poll period, statusrate -> when an
 * exit() is noticed, quiet, zdefs,
 * destructive) and hands every other option to the output engine
 * (dlo_set_option), which takes the ones it knows.  Size and rate values
 * follow DTrace's syntax: sizes with k/m/g/t suffixes, rates as a frequency
 * (bare number or "hz") or a period (ns, us, ms, s, m, h, d).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

#define DL_DEF_BUFSIZE	(4u << 20)		/* DTrace's default bufsize */
#define DL_DEF_SWITCH	(1000000000ull)		/* switchrate: 1hz */

static int opt_add(struct dload_obj *o, const char *name, const char *value)
{
	struct dl_optval *v = realloc(o->opts, (o->nopts + 1) * sizeof(*v));

	if (!v)
		return dl_err(o, -ENOMEM, "out of memory");
	o->opts = v;
	v[o->nopts].name = strdup(name);
	v[o->nopts].value = value ? strdup(value) : NULL;
	if (!v[o->nopts].name || (value && !v[o->nopts].value)) {
		free(v[o->nopts].name);
		free(v[o->nopts].value);
		return dl_err(o, -ENOMEM, "out of memory");
	}
	o->nopts++;
	return 0;
}

int dl_opt_set(struct dload_obj *o, const char *name, const char *value)
{
	return opt_add(o, name, value);
}

int dload_obj__set_option(struct dload_obj *obj, const char *name,
			  const char *value)
{
	if (!obj || !name || !*name)
		return -EINVAL;
	if (obj->loaded)
		return dl_err(obj, -EBUSY, "option %s set after load", name);
	return opt_add(obj, name, value);
}

/* The last value of option name: object options, then overrides. */
const char *dl_opt_get(const struct dload_obj *o, const char *name,
		       bool *present)
{
	const char *val = NULL;

	*present = false;
	for (uint32_t i = 0; i < o->meta.nopts; i++) {
		const struct dtm_opt *op = &o->meta.opts[i];

		if (!strcmp(dl_str(&o->meta, op->name), name)) {
			*present = true;
			val = op->value ? dl_str(&o->meta, op->value) : NULL;
		}
	}
	for (uint32_t i = 0; i < o->nopts; i++)
		if (!strcmp(o->opts[i].name, name)) {
			*present = true;
			val = o->opts[i].value;
		}
	return val;
}

void dl_opts_free(struct dload_obj *o)
{
	for (uint32_t i = 0; i < o->nopts; i++) {
		free(o->opts[i].name);
		free(o->opts[i].value);
	}
	free(o->opts);
	o->opts = NULL;
	o->nopts = 0;
}

int dl_parse_size(const char *s, uint64_t *out)
{
	static const char suffixes[] = "kmgt";
	unsigned long long v;
	const char *p;
	char *end;

	if (!s || !isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno)
		return -EINVAL;
	if (*end && !end[1] && (p = strchr(suffixes, tolower(*end)))) {
		for (int shift = (int)(p - suffixes) + 1; shift > 0; shift--) {
			if (v > (~0ull >> 10))
				return -EINVAL;
			v <<= 10;
		}
	} else if (*end)
		return -EINVAL;
	*out = v;
	return 0;
}

static const struct { const char *suffix; uint64_t mul; } rate_units[] = {
	{ "ns", 1 }, { "nsec", 1 }, { "us", 1000 }, { "usec", 1000 },
	{ "ms", 1000000 }, { "msec", 1000000 }, { "s", 1000000000ull },
	{ "sec", 1000000000ull }, { "m", 60000000000ull },
	{ "min", 60000000000ull }, { "h", 3600000000000ull },
	{ "hour", 3600000000000ull }, { "d", 86400000000000ull },
	{ "day", 86400000000000ull },
};

/* A rate: period in ns. */
int dl_parse_rate(const char *s, uint64_t *ns)
{
	unsigned long long v;
	char *end;

	if (!s || !isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -EINVAL;
	if (!*end || !strcasecmp(end, "hz")) {
		if (!v)
			return -EINVAL;
		*ns = 1000000000ull / v;
		if (!*ns)
			*ns = 1;
		return 0;
	}
	for (size_t i = 0; i < sizeof(rate_units) / sizeof(rate_units[0]); i++)
		if (!strcasecmp(end, rate_units[i].suffix)) {
			*ns = v * rate_units[i].mul;
			return 0;
		}
	return -EINVAL;
}

/* Options the loader itself handles; returns -ENOENT for others. */
static int apply_loader_opt(struct dload_obj *o, const char *name,
			    const char *val)
{
	uint64_t v;

	if (!strcmp(name, "bufsize")) {
		if (dl_parse_size(val, &v) || !v)
			return dl_err(o, -EINVAL, "invalid bufsize value: %s",
				      val ? val : "");
		o->bufsize = v;
	} else if (!strcmp(name, "aggsize")) {
		if (dl_parse_size(val, &v) || !v)
			return dl_err(o, -EINVAL, "invalid aggsize value: %s",
				      val ? val : "");
		o->aggsize = v;
	} else if (!strcmp(name, "switchrate")) {
		if (dl_parse_rate(val, &v))
			return dl_err(o, -EINVAL, "invalid switchrate value: %s",
				      val ? val : "");
		o->switchrate_ns = v;
	} else if (!strcmp(name, "statusrate")) {
		if (dl_parse_rate(val, &v))
			return dl_err(o, -EINVAL, "invalid statusrate value: %s",
				      val ? val : "");
		o->statusrate_ns = v;
	} else if (!strcmp(name, "quiet")) {
		o->quiet = true;
	} else if (!strcmp(name, "zdefs")) {
		o->ro.zdefs = true;
	} else if (!strcmp(name, "destructive")) {
		o->ro.destructive = true;
	} else {
		return -ENOENT;
	}
	return 0;
}

/* Apply every option, in order (object first, overrides last). */
int dl_opts_apply(struct dload_obj *o)
{
	uint32_t n = o->meta.nopts + o->nopts;
	int err;

	o->bufsize = DL_DEF_BUFSIZE;
	o->aggsize = DL_DEF_BUFSIZE;
	o->switchrate_ns = DL_DEF_SWITCH;
	for (uint32_t i = 0; i < n; i++) {
		const char *name, *val;

		if (i < o->meta.nopts) {
			const struct dtm_opt *op = &o->meta.opts[i];

			name = dl_str(&o->meta, op->name);
			val = op->value ? dl_str(&o->meta, op->value) : NULL;
		} else {
			name = o->opts[i - o->meta.nopts].name;
			val = o->opts[i - o->meta.nopts].value;
		}
		err = apply_loader_opt(o, name, val);
		if (err && err != -ENOENT)
			return err;
		if (err != -ENOENT && strcmp(name, "quiet"))
			continue;
		err = dlo_set_option(&o->out, name, val);
		if (err == -EINVAL)
			return dl_err(o, err, "invalid value for option %s: %s",
				      name, val ? val : "");
	}
	o->out.quiet = o->quiet;
	return 0;
}
