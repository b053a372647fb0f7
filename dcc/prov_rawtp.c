/* SPDX-License-Identifier: MIT */
/*
 * prov_rawtp.c -- kernel tracepoints as raw tracepoints (the rawtp
 * provider of DTrace for Linux):
 *
 *   rawtp:CATEGORY::NAME  or  rawtp:::NAME   ->  "raw_tp/NAME"
 *
 * A raw tracepoint's context is the array of its arguments, each widened
 * to a u64: arg<i> is *(u64 *)(ctx + 8 * i).  Their number and types come
 * from the kernel BTF typedef btf_trace_NAME, a pointer to a FUNC_PROTO
 * whose first parameter is void *__data and the rest the tracepoint's
 * arguments.  The kernel refuses to attach a program that reads past the
 * last argument, so without a concrete NAME whose typedef is known (a
 * glob, no BTF) the prologue reads no argument at all.  The probes are
 * those DTrace lists (include/dload/tp_events.h: available_events less
 * the syscalls, kprobes, uprobes and dt_* groups), as dload resolves and
 * lists them; globs (an empty name too) match among them.  dload attaches
 * the program with the probe id as cookie (kernel 6.10+).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dload/tp_events.h"

#include "cg.h"
#include "prov.h"
#include "types.h"

#define TRACEFS	"/sys/kernel/tracing"

struct count {
	struct node *pd;
	int n;
};

static int count_one(void *arg, const char *grp, const char *ev)
{
	struct count *c = arg;

	if (!dtm_tp_group_skipped(grp) && prov_glob(c->pd->pd_mod, grp) &&
	    prov_glob(c->pd->pd_name, ev))
		c->n++;
	return 0;
}

/* The listed probes rawtp:GROUP::EVENT pd names (tp_events.h, the events
 * dload resolves and lists); -1 when tracefs cannot be read. */
static int count_events(struct node *pd)
{
	struct count c = { pd, 0 };

	return dtm_tp_events(TRACEFS, count_one, &c) < 0 ? -1 : c.n;
}

/* An empty name is every event ("raw_tp": dload attaches each itself). */
static bool rawtp_match(struct dcc *cc, struct node *pd, struct prov_probe *pp)
{
	const char *name = pd_str(pd->pd_name);
	char sec[512];
	int n;

	if (!*pd_str(pd->pd_prov) || !prov_glob(pd->pd_prov, "rawtp"))
		return false;
	if (!prov_glob(pd->pd_func, ""))
		return false;
	if (cc->opts.host_probes) {
		n = count_events(pd);
		if (n == 0)
			return false;
		if (n > 0)
			pp->nprobes = n;
	}
	snprintf(sec, sizeof(sec), *name ? "raw_tp/%s" : "raw_tp", name);
	pp->section = dcc_intern(cc, sec);
	return true;
}

/* The tracepoint's prototype (TY_FUNC, params[0] = __data), or NULL. */
static struct type *rawtp_proto(struct dcc *cc, struct node *pd)
{
	const char *name = pd_str(pd->pd_name);
	char tn[256];
	struct type *t;

	if (prov_has_glob(name))
		return NULL;
	snprintf(tn, sizeof(tn), "btf_trace_%s", name);
	t = type_resolve(btf_lookup_type(cc, tn));
	if (!t || t->kind != TY_PTR)
		return NULL;
	t = type_resolve(t->base);
	return t && t->kind == TY_FUNC && t->nparams >= 1 ? t : NULL;
}

static int rawtp_arg_count(struct dcc *cc, struct node *pd)
{
	struct type *f = rawtp_proto(cc, pd);

	return f ? f->nparams - 1 : -1;
}

/* args[i]: the type of the tracepoint's i-th argument */
static struct type *rawtp_arg_type(struct dcc *cc, struct node *pd, int i)
{
	struct type *f = rawtp_proto(cc, pd);

	return f && i >= 0 && i < f->nparams - 1 ? f->params[i + 1] : NULL;
}

static void rawtp_prologue(struct cg *g, vreg_t ctx, vreg_t s)
{
	int n = rawtp_arg_count(g->cc, g->probe->pdesc);

	if (n > CG_NARGS)
		n = CG_NARGS;
	if (n > 0) {
		prov_copy_args(g, ctx, s, 0, n);
	} else {
		ir_comment(g->cc, g->f, "no known arguments: arg0..9 = 0");
		prov_zero_args(g, s, 0);
	}
	ir_storei(g->cc, g->f, 8, s, CG_MST_ERRNO, 0);
}

const struct provider prov_rawtp = {
	.arg_type = rawtp_arg_type,
	.arg_count = rawtp_arg_count,
	.name = "rawtp",
	.kind = DTM_PROV_RAWTP,
	.match = rawtp_match,
	.prologue = rawtp_prologue,
};
