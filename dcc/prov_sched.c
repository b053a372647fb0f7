/* SPDX-License-Identifier: MIT */
/*
 * prov_sched.c -- the sched provider on raw tracepoints (see prov_dep.c):
 *
 *   off-cpu   raw sched_switch(preempt, prev, next, prev_state), in the
 *             context of the thread leaving the CPU:
 *             arg0 = next, arg1 = prev, arg2 = next, arg3 = prev_state
 *   wakeup    raw sched_wakeup(p): arg0 = p, the woken thread
 *
 * args[0] and args[1] are the lwpsinfo_t * and psinfo_t * that translators
 * make of arg0, the task_struct of the thread about to run (off-cpu) or
 * woken (wakeup), as DTrace's dt_prov_sched.c declares them.  on-cpu,
 * enqueue, dequeue, tick and surrender need fbt and are not provided.
 */
#include "cg.h"
#include "dload/dep_probes.h"
#include "prov.h"

static bool sched_match(struct dcc *cc, struct node *pd, struct prov_probe *pp)
{
	return prov_dep_match(cc, pd, pp, "sched");
}

static void sched_prologue(struct cg *g, vreg_t ctx, vreg_t s)
{
	static const int next[] = { 2, 1, 2, 3 }, woken[] = { 0 };

	if (g->probe->param == DTM_DEP_OFF_CPU)
		prov_dep_raw_args(g, ctx, next, 4);
	else
		prov_dep_raw_args(g, ctx, woken, 1);
	(void)s;
}

static int sched_arg_desc(struct dcc *cc, struct node *pd, int i,
			  struct prov_argdesc *d)
{
	return prov_dep_arg_desc("sched", pd, i, d);
}

static struct type *sched_arg_type(struct dcc *cc, struct node *pd, int i)
{
	return prov_dep_arg_type(cc, "sched", pd, i);
}

static int sched_arg_count(struct dcc *cc, struct node *pd)
{
	return prov_dep_arg_desc("sched", pd, -1, NULL);
}

const struct provider prov_sched = {
	.name = "sched",
	.kind = DTM_PROV_SCHED,
	.match = sched_match,
	.prologue = sched_prologue,
	.arg_desc = sched_arg_desc,
	.arg_type = sched_arg_type,
	.arg_count = sched_arg_count,
};
