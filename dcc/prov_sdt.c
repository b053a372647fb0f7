/* SPDX-License-Identifier: MIT */
/*
 * prov_sdt.c -- kernel tracepoints as the sdt (or tracepoint) provider:
 *
 *   sdt:CATEGORY::NAME  or  tracepoint:CATEGORY::NAME
 *       -> "tracepoint/CATEGORY/NAME"
 *
 * When the event's format file is readable (tracefs), the prologue loads
 * each non-common field, by its size and signedness, into arg0..; fields
 * wider than 8 bytes (arrays) and __data_loc fields give their address in
 * the context... which BPF cannot pass around, so they read as 0.  Without
 * a format file the arguments are the u64 words after the common fields.
 */
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cg.h"
#include "prov.h"

#define EVENTS_DIR	"/sys/kernel/tracing/events"

struct tp_field {
	int off, size;
	bool sign;
};

static bool sdt_match(struct dcc *cc, struct node *pd, struct prov_probe *pp)
{
	const char *cat = pd_str(pd->pd_mod), *name = pd_str(pd->pd_name);
	char path[512];
	int n;

	if (!pd->pd_prov || (!prov_glob(pd->pd_prov, "sdt") &&
			     !prov_glob(pd->pd_prov, "tracepoint")))
		return false;
	if (!*cat || !*name || *pd_str(pd->pd_func))
		return false;
	if (cc->opts.host_probes) {
		snprintf(path, sizeof(path), EVENTS_DIR "/%s", cat);
		n = prov_has_glob(cat) ? 1 : prov_count_dir(path, "", name);
		/* no such category, while tracefs shows the others */
		if (n < 0 && access(EVENTS_DIR, X_OK) == 0)
			n = 0;
		if (n == 0)
			return false;
		if (n > 0)
			pp->nprobes = n;
	}
	snprintf(path, sizeof(path), "tracepoint/%s/%s", cat, name);
	pp->section = dcc_intern(cc, path);
	return true;
}

/* Parse "field:TYPE NAME;	offset:N;	size:N;	signed:N;" lines. */
static int read_format(const char *cat, const char *name, struct tp_field *f,
		       int max)
{
	char path[512], line[512];
	FILE *fp;
	int n = 0;

	if (prov_has_glob(cat) || prov_has_glob(name))
		return -1;
	snprintf(path, sizeof(path), EVENTS_DIR "/%s/%s/format", cat, name);
	fp = fopen(path, "r");
	if (!fp)
		return -1;
	while (n < max && fgets(line, sizeof(line), fp)) {
		char *o = strstr(line, "offset:"), *s = strstr(line, "size:");
		char *g = strstr(line, "signed:");

		if (!strstr(line, "field:") || strstr(line, "common_") || !o || !s)
			continue;
		f[n].off = atoi(o + 7);
		f[n].size = atoi(s + 5);
		f[n].sign = g && atoi(g + 7);
		if (strstr(line, "__data_loc") || f[n].size > 8)
			f[n].size = 0;
		n++;
	}
	fclose(fp);
	return n;
}

static void load_field(struct cg *g, vreg_t ctx, vreg_t s, int i,
		       const struct tp_field *f)
{
	vreg_t v = cg_vreg(g);
	int sz = f->size, sh;

	if (sz != 1 && sz != 2 && sz != 4 && sz != 8) {
		ir_storei(g->cc, g->f, 8, s, CG_MST_ARG(i), 0);
		return;
	}
	ir_load(g->cc, g->f, sz, v, ctx, f->off);
	if (f->sign && sz < 8) {
		sh = 64 - 8 * sz;
		ir_alui(g->cc, g->f, BPF_LSH, v, sh);
		ir_alui(g->cc, g->f, BPF_ARSH, v, sh);
	}
	ir_store(g->cc, g->f, 8, s, CG_MST_ARG(i), v);
}

static void sdt_prologue(struct cg *g, vreg_t ctx, vreg_t s)
{
	struct node *pd = g->probe->pdesc;
	struct tp_field f[CG_NARGS];
	int n = read_format(pd_str(pd->pd_mod), pd_str(pd->pd_name), f, CG_NARGS);
	int i;

	if (n < 0) {
		prov_copy_args(g, ctx, s, 8, 6);
	} else {
		ir_comment(g->cc, g->f, "arg0..%d = tracepoint fields", n - 1);
		for (i = 0; i < n; i++)
			load_field(g, ctx, s, i, &f[i]);
		prov_zero_args(g, s, n);
	}
	ir_storei(g->cc, g->f, 8, s, CG_MST_ERRNO, 0);
}

static int sdt_format(struct node *pd, char types[][128], int max)
{
	const char *cat = pd_str(pd->pd_mod), *name = pd_str(pd->pd_name);
	char path[512];

	if (prov_has_glob(cat) || prov_has_glob(name))
		return -1;
	snprintf(path, sizeof(path), EVENTS_DIR "/%s/%s/format", cat, name);
	return prov_format_fields(path, 8, types, max);
}

/* args[i]: the type of the tracepoint's i-th field (kernel memory) */
static struct type *sdt_arg_type(struct dcc *cc, struct node *pd, int i)
{
	char types[CG_NARGS][128];
	int n = sdt_format(pd, types, CG_NARGS);

	return i < n && i < CG_NARGS ? prov_field_type(cc, types[i], false) : NULL;
}

static int sdt_arg_count(struct dcc *cc, struct node *pd)
{
	return sdt_format(pd, NULL, 0);
}

const struct provider prov_sdt = {
	.arg_type = sdt_arg_type,
	.arg_count = sdt_arg_count,
	.name = "sdt",
	.kind = DTM_PROV_SDT,
	.match = sdt_match,
	.prologue = sdt_prologue,
};
