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

/* A string argument item, copied NUL-terminated into buf. */
static const char *str_arg(const struct dtm_rec *r, const void *rec,
			   size_t len, char *buf, size_t bufsz)
{
	size_t n;

	buf[0] = 0;
	if (r->offset > len || r->size > len - r->offset)
		return buf;
	n = strnlen((const char *)rec + r->offset, r->size);
	if (n >= bufsz)
		n = bufsz - 1;
	memcpy(buf, (const char *)rec + r->offset, n);
	buf[n] = 0;
	return buf;
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

static int act_setopt(struct dload_obj *o, const struct dtm_rec *item,
		      const struct dtm_rec *args, int nargs, const void *rec,
		      size_t len)
{
	char name[128], value[256];
	const char *n = dl_str(&o->meta, item->fmt);
	int err;

	if (nargs >= 1)
		n = str_arg(&args[0], rec, len, name, sizeof(name));
	if (nargs >= 2)
		str_arg(&args[1], rec, len, value, sizeof(value));
	err = dlo_set_option(&o->out, n, nargs >= 2 ? value : NULL);
	if (err == -ENOENT && !strcmp(n, "quiet"))
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
	c->action = cb_action;
}
