/* SPDX-License-Identifier: MIT */
/*
 * prov_dep.c -- what the tracepoint-based "dependent" providers (proc,
 * sched, io: prov_proc.c, prov_sched.c, prov_io.c) share:
 *
 *   PROV:vmlinux::NAME  ->  one "tracepoint/CAT/EVENT" (or, for a raw
 *                           entry, "raw_tp/EVENT") program per matching
 *                           entry of dtm_dep_probes (include/dload/
 *                           dep_probes.h), dtm_probe.param = its index.
 *
 * A name glob (proc:::, proc:::exec*) gives several programs, one per
 * entry, through the prov_probe variant mechanism.  With host_probes, an
 * entry whose tracepoint this kernel lacks is skipped.  The helpers load
 * tracepoint fields by name, at the offset, size and signedness the
 * event's format file gives (tracefs), or a raw tracepoint's arguments
 * (u64 each), for the prologues and filters.  The probes' argument
 * signatures (dtm_dep_args: native and translated types, mapping) give
 * args[] its types (prov_dep_arg_desc and friends).
 */
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cg.h"
#include "dload/dep_probes.h"
#include "prov.h"
#include "types.h"

#define EVENTS_DIR	"/sys/kernel/tracing/events"

static bool tp_exists(const char *tp)
{
	char path[256];

	snprintf(path, sizeof(path), EVENTS_DIR "/%s", tp);
	if (access(EVENTS_DIR, F_OK))
		return true;	/* no tracefs here: trust the table */
	return access(path, F_OK) == 0;
}

/* Is entry i a candidate for pd (provider prov)? */
static bool dep_entry_matches(struct dcc *cc, struct node *pd,
			      const char *prov, int i)
{
	const struct dtm_dep_probe *d = &dtm_dep_probes[i];

	if (strcmp(d->prov, prov) || !prov_glob(pd->pd_name, d->name))
		return false;
	return !cc->opts.host_probes || tp_exists(d->tp);
}

/* Is entry i a second program of a probe an earlier entry has? */
static bool dep_same_probe(int i)
{
	int k;

	for (k = 0; k < i; k++)
		if (!strcmp(dtm_dep_probes[k].name, dtm_dep_probes[i].name) &&
		    !strcmp(dtm_dep_probes[k].prov, dtm_dep_probes[i].prov))
			return true;
	return false;
}

bool prov_dep_match(struct dcc *cc, struct node *pd, struct prov_probe *pp,
		    const char *prov)
{
	int i, k = 0, found = -1;
	char sec[160];

	if (!*pd_str(pd->pd_prov) || !prov_glob(pd->pd_prov, prov) ||
	    !prov_glob(pd->pd_mod, "vmlinux") || !prov_glob(pd->pd_func, ""))
		return false;
	for (i = 0; i < DTM_DEP__MAX; i++) {
		if (!dep_entry_matches(cc, pd, prov, i))
			continue;
		if (k++ == pp->variant)
			found = i;
		else if (found >= 0) {
			pp->more = true;
			break;
		}
	}
	if (found < 0)
		return false;
	if (dtm_dep_probes[found].raw)
		snprintf(sec, sizeof(sec), "raw_tp/%s",
			 dtm_dep_event(&dtm_dep_probes[found]));
	else
		snprintf(sec, sizeof(sec), "tracepoint/%s",
			 dtm_dep_probes[found].tp);
	pp->section = dcc_intern(cc, sec);
	pp->param = (uint64_t)found;
	pp->nprobes = dep_same_probe(found) ? 0 : 1;
	return true;
}

/* Offset, size and signedness of field `name` of tracepoint tp. */
static bool field_info(const char *tp, const char *name, int *off, int *size,
		       bool *sign)
{
	char path[256], line[512], pat[96];
	bool ok = false;
	FILE *fp;

	snprintf(path, sizeof(path), EVENTS_DIR "/%s/format", tp);
	snprintf(pat, sizeof(pat), " %s;", name);
	fp = fopen(path, "r");
	if (!fp)
		return false;
	while (!ok && fgets(line, sizeof(line), fp)) {
		char *o = strstr(line, "offset:"), *s = strstr(line, "size:");
		char *g = strstr(line, "signed:");

		if (!strstr(line, "field:") || !strstr(line, pat) || !o || !s)
			continue;
		*off = atoi(o + 7);
		*size = atoi(s + 5);
		*sign = g && atoi(g + 7);
		ok = *size == 1 || *size == 2 || *size == 4 || *size == 8;
	}
	fclose(fp);
	return ok;
}

/* v = ctx->name (sign-extended if signed), or 0 if unknown */
vreg_t prov_dep_field(struct cg *g, vreg_t ctx, const char *tp,
		      const char *name)
{
	vreg_t v = cg_vreg(g);
	int off, size, sh;
	bool sign;

	if (!field_info(tp, name, &off, &size, &sign)) {
		ir_movi(g->cc, g->f, v, 0);
		return v;
	}
	ir_load(g->cc, g->f, size, v, ctx, off)->text = name;
	if (sign && size < 8) {
		sh = 64 - 8 * size;
		ir_alui(g->cc, g->f, BPF_LSH, v, sh);
		ir_alui(g->cc, g->f, BPF_ARSH, v, sh);
	}
	return v;
}

/* mstate.arg[i] = fields[i] for the n named fields, the others 0 */
void prov_dep_args(struct cg *g, vreg_t ctx, vreg_t s, const char *tp,
		   const char *const *fields, int n)
{
	int i;

	if (n)
		ir_comment(g->cc, g->f, "arg0..%d = %s fields", n - 1, tp);
	for (i = 0; i < n; i++) {
		vreg_t v = prov_dep_field(g, ctx, tp, fields[i]);

		ir_store(g->cc, g->f, 8, cg_sptr(g), CG_MST_ARG(i), v);
	}
	prov_zero_args(g, cg_sptr(g), n);
	ir_storei(g->cc, g->f, 8, cg_sptr(g), CG_MST_ERRNO, 0);
	(void)s;
}

/* v = the raw tracepoint's argument k: *(u64 *)(ctx + 8 * k) */
vreg_t prov_dep_raw(struct cg *g, vreg_t ctx, int k)
{
	vreg_t v = cg_vreg(g);

	ir_load(g->cc, g->f, 8, v, ctx, 8 * k);
	return v;
}

/* mstate.arg[k] = raw argument from[k] (k < n), the others 0 */
void prov_dep_raw_args(struct cg *g, vreg_t ctx, const int *from, int n)
{
	int k;

	for (k = 0; k < n; k++) {
		ir_comment(g->cc, g->f, "arg%d = ctx[%d]", k, from[k]);
		ir_store(g->cc, g->f, 8, cg_sptr(g), CG_MST_ARG(k),
			 prov_dep_raw(g, ctx, from[k]));
	}
	prov_zero_args(g, cg_sptr(g), n);
	ir_storei(g->cc, g->f, 8, cg_sptr(g), CG_MST_ERRNO, 0);
}

/* ---- argument signatures ------------------------------------------------------------ */

/* Is name a probe of provider prov? */
static bool dep_is_probe(const char *prov, const char *name)
{
	int i;

	for (i = 0; i < DTM_DEP__MAX; i++)
		if (!strcmp(dtm_dep_probes[i].prov, prov) &&
		    !strcmp(dtm_dep_probes[i].name, name))
			return true;
	return false;
}

int prov_dep_arg_desc(const char *prov, struct node *pd, int i,
		      struct prov_argdesc *d)
{
	const char *name = pd_str(pd->pd_name);
	size_t k;
	int n = 0;

	if (prov_has_glob(name) || !dep_is_probe(prov, name))
		return -1;
	for (k = 0; k < sizeof(dtm_dep_args) / sizeof(dtm_dep_args[0]); k++) {
		const struct dtm_dep_arg *a = &dtm_dep_args[k];

		if (strcmp(a->prov, prov) || strcmp(a->name, name))
			continue;
		if (a->argno == i && d) {
			d->mapping = a->mapping;
			d->native = a->native;
			d->xlate = a->xlate;
		}
		n++;
	}
	return n;
}

/* args[i]: the native type (a translated one is sema_args_xlate's); a
 * string is a user address; NULL (int64_t) if the text does not parse */
struct type *prov_dep_arg_type(struct dcc *cc, const char *prov,
			       struct node *pd, int i)
{
	struct prov_argdesc d;
	struct type *t, *u;

	if (prov_dep_arg_desc(prov, pd, i, &d) <= i || i < 0)
		return NULL;
	t = type_parse(cc, d.native);
	if (!t || type_resolve(t)->kind != TY_STRING)
		return t;
	u = dcc_alloc(cc, sizeof(*u));
	*u = *type_resolve(t);
	u->user_addr = true;
	u->ptr_cache = NULL;
	return u;
}
