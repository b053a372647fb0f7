/* SPDX-License-Identifier: MIT */
/*
 * list.c -- `dtrace -l`: list the probes this host provides, or those that
 * the probe descriptions of the given scripts/specifiers match.
 *
 * The probe table comes from libdload (dload_probes__load, loader/list.c),
 * which `dload -l` shares: what dload can attach here, numbered in
 * dtrace(8)'s order.  A description whose provider ends in a digit or '*'
 * (myprov1234:::, myprov*:::) also brings in the USDT probes of running
 * processes.
 * With -v every probe is followed by its stability attributes and argument
 * types, as dtrace -lv prints them.  Output format (dtrace(8)'s):
 *    ID   PROVIDER            MODULE                          FUNCTION NAME
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dload/dload.h"
#include "dtrace.h"

static const char *str(const char *s)
{
	return s ? s : "";
}

static int list_desc(struct dt *dt, const struct dload_probes *t,
		     const struct node *pd)
{
	int found = 0;

	for (size_t i = 0; i < dload_probes__count(t); i++) {
		const struct dload_probe *p = dload_probes__get(t, i);

		if (dload_probe__match(p, pd->pd_prov, pd->pd_mod, pd->pd_func,
				       pd->pd_name)) {
			dload_probe__print(dt->out, p, dt->verbose > 0);
			found++;
		}
	}
	if (!found)
		dt_error(dt, "failed to match %s:%s:%s:%s: No probe matches "
			 "description\n", str(pd->pd_prov), str(pd->pd_mod),
			 str(pd->pd_func), str(pd->pd_name));
	return found;
}

/* Call fn for every probe description of the program. */
static void each_pdesc(const struct node *prog,
		       void (*fn)(void *arg, const struct node *pd), void *arg)
{
	const struct node *item, *pd;

	if (!prog)
		return;
	for (item = prog->kid[0]; item; item = item->next) {
		if (item->kind != N_CLAUSE)
			continue;
		for (pd = item->kid[0]; pd; pd = pd->next)
			if (pd->kind == N_PDESC)
				fn(arg, pd);
	}
}

struct lister {
	struct dt *dt;
	const struct dload_probes *t;
};

static void list_one(void *arg, const struct node *pd)
{
	struct lister *l = arg;

	list_desc(l->dt, l->t, pd);
}

/* A provider ending in a digit (or '*') may name USDT probes. */
static void note_usdt(void *arg, const struct node *pd)
{
	const char *p = str(pd->pd_prov);
	size_t n = strlen(p);

	if (n && (isdigit((unsigned char)p[n - 1]) || p[n - 1] == '*'))
		*(bool *)arg = true;
}

/* Compile every command (probe descriptions may match nothing). */
static int compile_cmds(struct dt *dt, struct dcc *ccs, int *ncc)
{
	int rc;

	for (*ncc = 0; *ncc < dt->ncmds; (*ncc)++) {
		struct dt_cmd *c = &dt->cmds[*ncc];

		if (c->is_file && (rc = dt_read_script(dt, c)) >= 0)
			return rc;
		if ((rc = dt_compile_text(dt, c, c->src, c->len, &ccs[*ncc],
					  true)) >= 0)
			return rc;
	}
	return -1;
}

static int list_all(struct dt *dt, struct dcc *ccs, int ncc)
{
	struct dload_list_opts lo = { .sz = sizeof(lo) };
	struct dload_probes *t;
	int err;

	for (int i = 0; i < ncc; i++)
		each_pdesc(ccs[i].prog, note_usdt, &lo.usdt);
	if ((err = dload_probes__load(&lo, &t))) {
		dt_error(dt, "failed to list probes: %s\n", strerror(-err));
		return DT_E_ERROR;
	}
	dload_probes__print_header(dt->out);
	for (int i = 0; i < ncc; i++) {
		struct lister l = { dt, t };

		each_pdesc(ccs[i].prog, list_one, &l);
	}
	for (size_t i = 0; ncc == 0 && i < dload_probes__count(t); i++)
		dload_probe__print(dt->out, dload_probes__get(t, i),
				   dt->verbose > 0);
	dload_probes__free(t);
	return DT_E_SUCCESS;
}

int dt_list(struct dt *dt)
{
	struct dcc *ccs = dt_xalloc(sizeof(*ccs) * (dt->ncmds + 1));
	int ncc, rc = compile_cmds(dt, ccs, &ncc);

	if (rc < 0)
		rc = list_all(dt, ccs, ncc);
	for (int i = 0; i < ncc; i++)
		dcc_fini(&ccs[i]);
	free(ccs);
	return rc;
}
