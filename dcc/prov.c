/* SPDX-License-Identifier: MIT */
/*
 * prov.c -- the provider table and helpers shared by the prov_*.c files:
 * resolving a probe description against every provider (with DTrace's
 * D_PDESC_ZERO error when none takes it), glob matching, host probe
 * counting and the common argument-copy prologue sequences.
 */
#include <dirent.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"
#include "prov.h"

static const struct provider *const providers[] = {
	&prov_dtrace, &prov_profile, &prov_syscall, &prov_sdt, &prov_fbt,
	&prov_proc, &prov_sched, &prov_io, &prov_pid, &prov_cpc, &prov_rawtp,
	&prov_usdt,	/* last: any PROVIDER<pid> no other provider takes */
};

const char *pd_str(const char *s)
{
	return s ? s : "";
}

bool prov_glob(const char *pattern, const char *s)
{
	if (!pattern || !*pattern)
		return true;
	return fnmatch(pattern, s, 0) == 0;
}

bool prov_has_glob(const char *s)
{
	return s && strpbrk(s, "*?[") != NULL;
}

int prov_count_dir(const char *dir, const char *prefix, const char *pat)
{
	size_t plen = strlen(prefix);
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, prefix, plen))
			continue;
		if (prov_glob(pat, de->d_name + plen))
			n++;
	}
	closedir(d);
	return n;
}

bool prov_resolve(struct dcc *cc, struct node *pd, struct prov_probe *pp)
{
	size_t i;

	for (i = 0; i < sizeof(providers) / sizeof(providers[0]); i++) {
		memset(pp, 0, sizeof(*pp));
		pp->nprobes = 1;
		if (providers[i]->match(cc, pd, pp)) {
			if (!pp->prov)
				pp->prov = providers[i];
			return true;
		}
	}
	if (cc->opts.zdefs)
		return false;
	dcc_error(cc, pd->loc, "D_PDESC_ZERO",
		  "probe description %s:%s:%s:%s does not match any probes",
		  pd_str(pd->pd_prov), pd_str(pd->pd_mod), pd_str(pd->pd_func),
		  pd_str(pd->pd_name));
}

static int variants_count(struct dcc *cc, const struct provider *p,
			  struct node *pd)
{
	struct prov_probe pp;
	int n = 0, v;

	for (v = 0; v < 8; v++) {
		memset(&pp, 0, sizeof(pp));
		pp.nprobes = 1;
		pp.variant = v;
		if (!p->match(cc, pd, &pp))
			break;
		n += pp.nprobes;
		if (!pp.more)
			break;
	}
	return n;
}

int prov_match_count(struct dcc *cc, struct node *pd)
{
	size_t i;
	int n = 0;

	for (i = 0; i < sizeof(providers) / sizeof(providers[0]); i++)
		n += variants_count(cc, providers[i], pd);
	return n;
}

/* for (i = from; i < 10; i++) *(u64 *)(s + arg(i)) = 0 */
void prov_zero_args(struct cg *g, vreg_t s, int from)
{
	int i;

	for (i = from; i < CG_NARGS; i++)
		ir_storei(g->cc, g->f, 8, s, CG_MST_ARG(i), 0);
}

/* for (i = 0; i < n; i++) s->arg[i] = *(u64 *)(ctx + off + 8 * i) */
void prov_copy_args(struct cg *g, vreg_t ctx, vreg_t s, int32_t off, int n)
{
	int i;

	ir_comment(g->cc, g->f, "mstate.arg0..%d = ctx[%d..]", n - 1, off);
	for (i = 0; i < n; i++) {
		vreg_t v = cg_vreg(g);

		ir_load(g->cc, g->f, 8, v, ctx, off + 8 * i);
		ir_store(g->cc, g->f, 8, s, CG_MST_ARG(i), v);
	}
	prov_zero_args(g, s, n);
}

/* ---- typed arguments (sema's hooks) -------------------------------------------- */

static const struct provider *provider_of(struct dcc *cc, const struct node *pd)
{
	struct prov_probe pp;
	size_t i;

	for (i = 0; i < sizeof(providers) / sizeof(providers[0]); i++) {
		memset(&pp, 0, sizeof(pp));
		pp.nprobes = 1;
		if (providers[i]->match(cc, (struct node *)pd, &pp))
			return pp.prov ? pp.prov : providers[i];
	}
	return NULL;
}

struct type *probe_arg_type(struct dcc *cc, const struct node *pd, int idx)
{
	const struct provider *p = provider_of(cc, pd);

	return p && p->arg_type ? p->arg_type(cc, (struct node *)pd, idx) : NULL;
}

int probe_arg_count(struct dcc *cc, const struct node *pd)
{
	const struct provider *p = provider_of(cc, pd);

	return p && p->arg_count ? p->arg_count(cc, (struct node *)pd) : -1;
}

int probe_arg_desc(struct dcc *cc, const struct node *pd, int i,
		   struct prov_argdesc *d)
{
	const struct provider *p = provider_of(cc, pd);

	return p && p->arg_desc ? p->arg_desc(cc, (struct node *)pd, i, d) : -1;
}

/* "field:const char * filename;" -> "const char *" */
static void field_type_text(const char *line, char *out, size_t len)
{
	const char *b = strstr(line, "field:") + 6, *e = strchr(b, ';');
	size_t n;

	if (!e)
		e = b + strlen(b);
	while (e > b && e[-1] != ' ' && e[-1] != '*')	/* the name */
		e--;
	while (e > b && e[-1] == ' ')
		e--;
	n = (size_t)(e - b) < len - 1 ? (size_t)(e - b) : len - 1;
	memcpy(out, b, n);
	out[n] = 0;
}

int prov_format_fields(const char *path, int min_off, char types[][128],
		       int max)
{
	char line[512];
	FILE *fp = fopen(path, "r");
	int n = 0;

	if (!fp)
		return -1;
	while (fgets(line, sizeof(line), fp)) {
		char *o = strstr(line, "offset:");

		if (!strstr(line, "field:") || strstr(line, "common_") || !o ||
		    atoi(o + 7) < min_off)
			continue;
		if (types && n < max)
			field_type_text(line, types[n], sizeof(types[n]));
		n++;
	}
	fclose(fp);
	return n;
}

struct type *prov_field_type(struct dcc *cc, const char *text, bool user)
{
	struct type *t, *r, *u;

	if (strchr(text, '[') || strstr(text, "__data_loc"))
		return NULL;
	t = type_parse(cc, text);
	r = t ? type_resolve(t) : NULL;
	if (!r || !user || r->kind != TY_PTR)
		return t;
	u = dcc_alloc(cc, sizeof(*u));
	*u = *t;
	u->user_addr = true;
	u->ptr_cache = NULL;
	return u;
}
