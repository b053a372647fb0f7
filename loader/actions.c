/* SPDX-License-Identifier: MIT */
/*
 * actions.c -- the loader's side of the output engine (output.h): the
 * struct dlo_ctx callbacks.  Metadata strings, the names of concrete probes
 * (by prid), printa() snapshots and the side effects of actions met in
 * records: exit(), clear(), trunc(), normalize(), denormalize(), setopt(),
 * system(), freopen(), ftruncate(), raise().
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static const char *cb_str(void *arg, uint32_t off)
{
	struct dload_obj *o = arg;

	return dl_str(&o->meta, off);
}

static int cb_probe_name(void *arg, uint32_t prid, const char **prov,
			 const char **mod, const char **func, const char **name)
{
	struct dload_obj *o = arg;
	const struct dl_cprobe *cp;

	if (prid == 0 || prid >= o->ncprobes)
		return -ENOENT;
	cp = &o->cprobes[prid];
	*prov = cp->names.prov;
	*mod = cp->names.mod;
	*func = cp->names.func;
	*name = cp->names.name;
	return 0;
}

static int cb_printa(void *arg, struct dlo_ctx *c, uint32_t aggid,
		     const char *fmt)
{
	return dl_agg_printa(arg, aggid, fmt);
}

/* An integer argument item (n of trunc/normalize, signals...). */
static int64_t int_arg(const struct dtm_rec *r, const void *rec, size_t len)
{
	const uint8_t *p = (const uint8_t *)rec + r->offset;
	int64_t v = 0;

	if (r->offset > len || r->size > len - r->offset)
		return 0;
	switch (r->size) {
	case 1: v = (r->flags & DTM_RF_SIGNED) ? *(int8_t *)p : *p; break;
	case 2: { int16_t x; memcpy(&x, p, 2);
		  v = (r->flags & DTM_RF_SIGNED) ? x : (uint16_t)x; break; }
	case 4: { int32_t x; memcpy(&x, p, 4);
		  v = (r->flags & DTM_RF_SIGNED) ? (int64_t)x : (int64_t)(uint32_t)x; break; }
	case 8: memcpy(&v, p, 8); break;
	}
	return v;
}

static int act_exit(struct dload_obj *o, const struct dtm_rec *item,
		    const void *rec, size_t len)
{
	if (!o->exiting) {
		o->exiting = true;
		o->exit_status = (int)int_arg(item, rec, len);
	}
	return 0;
}

/* "error in dt_clause_N for probe ID P (prov:mod:func:name): MSG". */
void dl_probe_error(struct dload_obj *o, uint32_t epid, uint32_t prid,
		    const char *fmt, ...)
{
	const struct dl_cprobe *cp = prid < o->ncprobes ? &o->cprobes[prid]
							: &o->cprobes[0];
	uint32_t clause = epid < o->meta.nprobes ? o->meta.probes[epid].stmt
						 : 0;
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fflush(o->out.out);
	dl_diag(o, "error in dt_clause_%u for probe ID %u (%s:%s:%s:%s): %s\n",
		clause, prid, cp->names.prov, cp->names.mod, cp->names.func,
		cp->names.name, msg);
}

/* Options setopt() may change while tracing, and how their value parses. */
enum optkind { OPT_NUM, OPT_RATE, OPT_ACTIVE };

static const struct { const char *name; enum optkind kind; } dyn_opts[] = {
	{ "aggrate", OPT_RATE }, { "cleanrate", OPT_RATE },
	{ "statusrate", OPT_RATE }, { "switchrate", OPT_RATE },
	{ "aggsortkey", OPT_NUM }, { "aggsortkeypos", OPT_NUM },
	{ "aggsortpos", OPT_NUM }, { "aggsortrev", OPT_NUM },
	{ "aggpack", OPT_NUM }, { "aggzoom", OPT_NUM }, { "aggpercpu", OPT_NUM },
	{ "flowindent", OPT_NUM }, { "quiet", OPT_NUM }, { "rawbytes", OPT_NUM },
	{ "stackindent", OPT_NUM }, { "jstackframes", OPT_NUM },
	{ "jstackstrsize", OPT_NUM }, { "droptags", OPT_NUM },
	{ "errtags", OPT_NUM }, { "printsize", OPT_NUM },
	{ "bufsize", OPT_ACTIVE }, { "aggsize", OPT_ACTIVE },
	{ "specsize", OPT_ACTIVE }, { "dynvarsize", OPT_ACTIVE },
	{ "nspec", OPT_ACTIVE }, { "bufpolicy", OPT_ACTIVE },
	{ "bufresize", OPT_ACTIVE }, { "cpu", OPT_ACTIVE },
	{ "strsize", OPT_ACTIVE }, { "stackframes", OPT_ACTIVE },
	{ "ustackframes", OPT_ACTIVE }, { "destructive", OPT_ACTIVE },
	{ "zdefs", OPT_ACTIVE }, { "defaultargs", OPT_ACTIVE },
	{ "maxframes", OPT_ACTIVE }, { "scratchsize", OPT_ACTIVE },
};

/* DTrace's words for setting or unsetting a run-time option. */
static bool runtime_word(const char *v)
{
	static const char *const w[] = { "yes", "no", "enable", "disable",
		"enabled", "disabled", "true", "false", "on", "off", "set",
		"unset" };

	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (!strcasecmp(v, w[i]))
			return true;
	return false;
}

/* NULL if name=value may be set now, else DTrace's reason. */
static const char *setopt_check(const char *name, const char *value)
{
	uint64_t v;
	char *end;

	for (size_t i = 0; i < sizeof(dyn_opts) / sizeof(dyn_opts[0]); i++) {
		if (strcmp(dyn_opts[i].name, name))
			continue;
		if (dyn_opts[i].kind == OPT_ACTIVE)
			return "Operation illegal when tracing is active";
		if (!value)
			return NULL;
		if (dyn_opts[i].kind == OPT_RATE)
			return dl_parse_rate(value, &v) ?
			       "Invalid value for specified option" : NULL;
		if (!*value || runtime_word(value))	/* "", yes/no... */
			return NULL;
		errno = 0;
		v = strtoull(value, &end, 0);
		return *end || errno ? "Invalid value for specified option" : NULL;
	}
	return "Invalid option name";
}

/* setopt(name[, value]): the name in item->fmt, the value in the ARG's. */
static int act_setopt(struct dload_obj *o, const struct dtm_rec *item,
		      const struct dtm_rec *args, int nargs, const void *rec,
		      size_t len)
{
	const char *name = dl_str(&o->meta, item->fmt);
	const char *value = nargs >= 1 ? dl_str(&o->meta, args[0].fmt) : NULL;
	const char *why = setopt_check(name, value);
	struct dtm_rec_hdr h;

	if (why) {
		memcpy(&h, rec, sizeof(h));	/* len >= header: checked */
		dl_probe_error(o, h.epid, h.prid,
			       "couldn't set option \"%s\" to \"%s\": %s\n",
			       name, value ? value : "1", why);
		return 0;
	}
	if (dlo_set_option(&o->out, name, value) == -ENOENT &&
	    !strcmp(name, "quiet"))
		o->out.quiet = true;
	return 0;
}

static int act_system(struct dload_obj *o, const char *cmd)
{
	int st;

	if (!cmd)
		return -EINVAL;
	fflush(o->out.out);
	st = system(cmd);
	(void)st;
	return 0;
}

static int act_freopen(struct dload_obj *o, const char *path)
{
	FILE *f;

	fflush(o->out.out);
	if (!path || !*path) {
		if (o->out.out != (o->ro.out ? o->ro.out : stdout))
			fclose(o->out.out);
		o->out.out = o->ro.out ? o->ro.out : stdout;
		return 0;
	}
	f = fopen(path, "a");
	if (!f) {
		dl_diag(o, "failed to freopen %s: %s\n", path, strerror(errno));
		return 0;
	}
	if (o->out.out != (o->ro.out ? o->ro.out : stdout))
		fclose(o->out.out);
	o->out.out = f;
	return 0;
}

static int cb_action(void *arg, struct dlo_ctx *c, const struct dtm_rec *item,
		     const struct dtm_rec *args, int nargs, const void *rec,
		     size_t len, const char *formatted)
{
	struct dload_obj *o = arg;
	int64_t n = nargs > 0 ? int_arg(&args[0], rec, len) : 0;

	switch (item->action) {
	case DTM_ACT_EXIT:	return act_exit(o, item, rec, len);
	case DTM_ACT_CLEAR:	return dl_agg_clear(o, item->arg, false, 0);
	case DTM_ACT_TRUNC:	return dl_agg_clear(o, item->arg, true, n);
	case DTM_ACT_NORMALIZE:
		o->normal[item->arg] = (uint64_t)n;
		return 0;
	case DTM_ACT_DENORMALIZE:
		o->normal[item->arg] = 0;
		return 0;
	case DTM_ACT_SETOPT:
		return act_setopt(o, item, args, nargs, rec, len);
	case DTM_ACT_SYSTEM:	return act_system(o, formatted);
	case DTM_ACT_FREOPEN:	return act_freopen(o, formatted);
	case DTM_ACT_FTRUNCATE:
		fflush(o->out.out);
		return ftruncate(fileno(o->out.out), 0) ? -errno : 0;
	case DTM_ACT_RAISE:
		return 0;	/* needs the pid of the firing thread */
	case DTM_ACT_STOP:
		return 0;
	default:
		return 0;
	}
}

void dl_output_init(struct dload_obj *o)
{
	struct dlo_ctx *c = &o->out;

	memset(c, 0, sizeof(*c));
	c->out = o->ro.out ? o->ro.out : stdout;
	c->no_cpu_id = o->ro.no_cpu_id;
	c->arg = o;
	c->str = cb_str;
	c->probe_name = cb_probe_name;
	c->printa = cb_printa;
	c->agg_snapshot = dl_cb_agg_snapshot;
	c->agg_release = dl_cb_agg_release;
	c->action = cb_action;
	c->ksym = dl_cb_ksym;
	c->usym = dl_cb_usym;
	c->kstack_skip = dl_cb_kstack_skip;
	c->sym_canon = dl_cb_sym_canon;
	c->btf_type = dl_cb_btf_type;
	c->target_pid = o->target_pid > 0 ? (uint64_t)o->target_pid : 0;
}
