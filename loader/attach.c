/* SPDX-License-Identifier: MIT */
/*
 * attach.c -- probe resolution and attachment, provider-independent part.
 *
 * Each provider kind is a struct dl_prov (prov_*.c): resolve() turns one
 * probe description into concrete probes through dl_bind_probe(), which
 * gives every distinct concrete probe its probe id (BEGIN=1, END=2, ERROR=3,
 * then 4, 5, ... in order of discovery) and records the (program, probe)
 * pair; attach() attaches one program to one concrete probe with the prid
 * as bpf cookie -- except a program that the clause before it on that
 * probe tail-calls (chain.c).  Descriptions matching nothing are an error
 * unless zdefs.
 * Detaching runs in parallel threads.  Measured: this does not shorten the
 * teardown of tracepoint perf events (each close waits ~50 ms for an RCU
 * grace period under the kernel's event_mutex, so 361 syscall tracepoints
 * take ~19 s whatever we do); syscall programs on raw_tp/sys_enter (see
 * DTM_MAP_SYSCALLS) avoid it with a single attachment.
 */
#include <errno.h>
#include <stdarg.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "internal.h"

#define DL_DETACH_THREADS 32

static const struct dl_prov *const providers[] = {
	&dl_prov_dtrace, &dl_prov_syscall, &dl_prov_profile, &dl_prov_tick,
	&dl_prov_sdt, &dl_prov_fbt, &dl_prov_pid, &dl_prov_usdt,
	&dl_prov_proc, &dl_prov_sched, &dl_prov_io, &dl_prov_cpc, &dl_prov_rawtp,
};

const struct dl_prov *dl_prov_find(uint32_t kind)
{
	for (size_t i = 0; i < sizeof(providers) / sizeof(providers[0]); i++)
		if (providers[i]->kind == kind)
			return providers[i];
	return NULL;
}

bool dl_glob(const char *pat, const char *s)
{
	return !*pat || !fnmatch(pat, s, 0);
}

char *dl_desc(const struct dload_obj *o, const struct dtm_probe *p,
	      char *buf, size_t len)
{
	const struct dl_meta *m = &o->meta;

	snprintf(buf, len, "%s:%s:%s:%s", dl_str(m, p->provider),
		 dl_str(m, p->module), dl_str(m, p->function),
		 dl_str(m, p->name));
	return buf;
}

struct bpf_program *dl_prog(struct dload_obj *o, uint32_t epid)
{
	const char *name = dl_str(&o->meta, o->meta.probes[epid].prog);

	return o->bpf ? bpf_object__find_program_by_name(o->bpf, name) : NULL;
}

static void set_names(struct dtm_probe_info *n, const char *prov,
		      const char *mod, const char *func, const char *name)
{
	memset(n, 0, sizeof(*n));
	snprintf(n->prov, sizeof(n->prov), "%s", prov);
	snprintf(n->mod, sizeof(n->mod), "%s", mod);
	snprintf(n->func, sizeof(n->func), "%s", func);
	snprintf(n->name, sizeof(n->name), "%s", name);
}

static bool same_names(const struct dtm_probe_info *n, const char *prov,
		       const char *mod, const char *func, const char *name)
{
	struct dtm_probe_info t;

	set_names(&t, prov, mod, func, name);
	return !memcmp(n, &t, sizeof(t));
}

static int grow(struct dload_obj *o, void **v, uint32_t *cap, uint32_t n,
		size_t size)
{
	void *nv;

	if (n < *cap)
		return 0;
	nv = realloc(*v, (size_t)(*cap ? *cap * 2 : 16) * size);
	if (!nv)
		return dl_err(o, -ENOMEM, "out of memory");
	*v = nv;
	*cap = *cap ? *cap * 2 : 16;
	return 0;
}

/* The prid of a concrete probe, created if new. */
static int find_cprobe(struct dload_obj *o, uint32_t kind, const char *prov,
		       const char *mod, const char *func, const char *name,
		       const char *target, uint64_t param, uint32_t flags)
{
	struct dl_cprobe *cp;
	int err;

	for (uint32_t i = 1; i < o->ncprobes; i++)
		if (o->cprobes[i].kind == kind &&
		    same_names(&o->cprobes[i].names, prov, mod, func, name))
			return (int)i;
	err = grow(o, (void **)&o->cprobes, &o->cap_cprobes, o->ncprobes,
		   sizeof(*cp));
	if (err)
		return err;
	cp = &o->cprobes[o->ncprobes];
	memset(cp, 0, sizeof(*cp));
	cp->kind = kind;
	cp->flags = flags;
	cp->param = param;
	set_names(&cp->names, prov, mod, func, name);
	snprintf(cp->target, sizeof(cp->target), "%s", target ? target : "");
	return (int)o->ncprobes++;
}

int dl_bind_probe(struct dload_obj *o, uint32_t epid, uint32_t kind,
		  const char *prov, const char *mod, const char *func,
		  const char *name, const char *target, uint64_t param,
		  uint32_t flags)
{
	int prid = find_cprobe(o, kind, prov, mod, func, name, target, param,
			       flags);
	int err;

	if (prid < 0)
		return prid;
	for (uint32_t b = 0; b < o->nbinds; b++)
		if (o->binds[b].epid == epid && o->binds[b].prid == (uint32_t)prid)
			return 0;
	err = grow(o, (void **)&o->binds, &o->cap_binds, o->nbinds,
		   sizeof(*o->binds));
	if (err)
		return err;
	o->binds[o->nbinds++] = (struct dl_bind){ .epid = epid, .prid = prid };
	return 0;
}

/* prid 0 is unused; 1..3 are dtrace:::BEGIN, END and ERROR. */
static int reserve_dtrace(struct dload_obj *o)
{
	static const char *const names[] = { "", "BEGIN", "END", "ERROR" };

	o->ncprobes = 0;
	for (int i = 0; i < 4; i++) {
		int prid = find_cprobe(o, i ? DTM_PROV_DTRACE : 0,
				       i ? "dtrace" : "", "", "", names[i],
				       NULL, i, 0);
		if (prid < 0)
			return prid;
	}
	return 0;
}

uint32_t dl_probe_line(const struct dload_obj *o, const struct dtm_probe *p)
{
	if (p->line)
		return p->line;
	return p->clause < o->meta.nclauses ? o->meta.clauses[p->clause].line : 0;
}

int dl_probe_err(struct dload_obj *o, const struct dtm_probe *p, int err,
		 const char *tag, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return dl_err(o, err, "[%s] line %u: %s", tag, dl_probe_line(o, p), msg);
}

/* The description as DTrace shows it: pid and USDT providers compiled
 * with an unknown $target (pid 0) name the target's pid. */
static char *shown_desc(const struct dload_obj *o, const struct dtm_probe *p,
			char *buf, size_t len)
{
	const char *prov = dl_str(&o->meta, p->provider);
	size_t n = strlen(prov);

	dl_desc(o, p, buf, len);
	if ((p->kind != DTM_PROV_PID && p->kind != DTM_PROV_USDT) ||
	    o->target_pid <= 0 || n < 2 || prov[n - 1] != '0' ||
	    (prov[n - 2] >= '0' && prov[n - 2] <= '9'))
		return buf;
	snprintf(buf, len, "%.*s%d:%s:%s:%s", (int)(n - 1), prov,
		 (int)o->target_pid, dl_str(&o->meta, p->module),
		 dl_str(&o->meta, p->function), dl_str(&o->meta, p->name));
	return buf;
}

static int resolve_one(struct dload_obj *o, uint32_t epid)
{
	const struct dtm_probe *p = &o->meta.probes[epid];
	const struct dl_prov *prov = dl_prov_find(p->kind);
	char desc[512];
	int n;

	if (!prov)
		return dl_err(o, -ENOTSUP, "%s: provider kind %u is not supported",
			      dl_desc(o, p, desc, sizeof(desc)), p->kind);
	n = prov->resolve(o, epid, p);
	if (n != 0 || o->ro.zdefs)
		return n < 0 ? n : 0;
	return dl_probe_err(o, p, -ENOENT, "D_PDESC_ZERO",
			    "probe description %s does not match any probes",
			    shown_desc(o, p, desc, sizeof(desc)));
}

int dl_resolve_all(struct dload_obj *o)
{
	int err = reserve_dtrace(o);

	for (uint32_t e = 0; !err && e < o->meta.nprobes; e++)
		err = resolve_one(o, e);
	return err;
}

int dl_fill_probes_map(struct dload_obj *o)
{
	struct bpf_map *m = bpf_object__find_map_by_name(o->bpf, DTM_MAP_PROBES);
	int fd;

	if (!m)
		return 0;	/* the programs do not read probe names */
	if (bpf_map__value_size(m) != sizeof(struct dtm_probe_info))
		return dl_err(o, -EINVAL, "%s: %s has the wrong value size",
			      o->name, DTM_MAP_PROBES);
	fd = bpf_map__fd(m);
	for (uint32_t i = 1; i < o->ncprobes; i++)
		if (bpf_map_update_elem(fd, &i, &o->cprobes[i].names, 0))
			return dl_err(o, -errno, "cannot fill %s: %s",
				      DTM_MAP_PROBES, strerror(errno));
	return 0;
}

uint32_t dl_count_binds(const struct dload_obj *o, uint32_t kind)
{
	uint32_t n = 0;

	for (uint32_t b = 0; b < o->nbinds; b++)
		n += o->cprobes[o->binds[b].prid].kind == kind;
	return n;
}

int dl_add_link(struct dload_obj *o, struct bpf_link *link, int fd)
{
	int err = grow(o, (void **)&o->links, &o->cap_links, o->nlinks,
		       sizeof(*o->links));

	if (err)
		return err;
	o->links[o->nlinks++] = (struct dl_link){ .link = link, .fd = fd };
	return 0;
}

static int attach_bind(struct dload_obj *o, const struct dl_bind *b,
		       bool *enabled)
{
	const struct dl_cprobe *cp = &o->cprobes[b->prid];
	const struct dl_prov *prov = dl_prov_find(cp->kind);
	struct bpf_program *prog = dl_prog(o, b->epid);
	int err;

	if (!prog || !prov)
		return dl_err(o, -ENOENT, "%s: no program for probe %u", o->name,
			      b->epid);
	/* run by the tail call of the clause before it on the probe */
	err = b->chained ? 0 : prov->attach(o, prog, b->epid, cp, b->prid);
	if (!err)
		enabled[b->prid] = true;
	return err;
}

int dl_attach_all(struct dload_obj *o)
{
	bool *enabled = calloc(o->ncprobes + 1, sizeof(*enabled));
	uint32_t *order = calloc(o->nbinds + 1, sizeof(*order));
	int err = 0, n = 0;

	if (!enabled || !order || dl_chain_order(o, order)) {
		free(enabled);
		free(order);
		return dl_err(o, -ENOMEM, "out of memory");
	}
	err = dl_chain_fill(o);	/* before the first program can fire */
	for (uint32_t b = 0; !err && b < o->nbinds; b++)	/* chain.c's order */
		err = attach_bind(o, &o->binds[order[b]], enabled);
	for (uint32_t i = 0; i < o->ncprobes; i++)
		n += enabled[i];
	free(enabled);
	free(order);
	if (err) {
		dl_detach_all(o);
		return err;
	}
	o->attached = true;
	return n;
}

int dload_obj__attach(struct dload_obj *obj)
{
	if (!obj)
		return -EINVAL;
	if (!obj->loaded)
		return dl_err(obj, -EINVAL, "%s: not loaded", obj->name);
	if (obj->attached)
		return dl_err(obj, -EBUSY, "%s: already attached", obj->name);
	return dl_attach_all(obj);
}

struct detach_job {
	struct dload_obj *o;
	uint32_t first, step;
};

static void *detach_thread(void *arg)
{
	struct detach_job *j = arg;

	for (uint32_t i = j->first; i < j->o->nlinks; i += j->step) {
		bpf_link__destroy(j->o->links[i].link);
		if (j->o->links[i].fd >= 0)
			close(j->o->links[i].fd);
	}
	return NULL;
}

void dl_detach_all(struct dload_obj *o)
{
	uint32_t n = o->nlinks < DL_DETACH_THREADS ? o->nlinks : DL_DETACH_THREADS;
	struct detach_job jobs[DL_DETACH_THREADS];
	pthread_t tids[DL_DETACH_THREADS];
	bool started[DL_DETACH_THREADS] = { false };

	for (uint32_t t = 1; t < n; t++) {
		jobs[t] = (struct detach_job){ o, t, n };
		started[t] = !pthread_create(&tids[t], NULL, detach_thread,
					     &jobs[t]);
	}
	if (n) {
		jobs[0] = (struct detach_job){ o, 0, n };
		detach_thread(&jobs[0]);
	}
	for (uint32_t t = 1; t < n; t++) {
		if (started[t])
			pthread_join(tids[t], NULL);
		else {	/* could not start: do its share here */
			detach_thread(&jobs[t]);
		}
	}
	o->nlinks = 0;
	o->nrawtp = 0;
	o->attached = false;
}
