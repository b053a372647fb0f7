/* SPDX-License-Identifier: MIT */
/*
 * prov_sched.c -- the sched provider on tracepoints (see prov_dep.c):
 *
 *   off-cpu   sched/sched_switch   (in the context of the thread leaving
 *                                   the CPU)  arg0 = arg1 = next pid
 *   wakeup    sched/sched_wakeup   arg0 = arg1 = the woken thread's pid
 *
 * DTrace gives lwpsinfo_t * and psinfo_t * of the other thread through
 * translators from its task_struct, which a tracepoint does not carry:
 * here they are the pid (int64_t).  on-cpu, enqueue, dequeue, tick and
 * surrender need fbt and are not provided.
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
	static const char *const next[] = { "next_pid", "next_pid", "next_prio" };
	static const char *const woken[] = { "pid", "pid", "target_cpu" };
	const char *tp = dtm_dep_probes[g->probe->param].tp;

	if (g->probe->param == DTM_DEP_OFF_CPU)
		prov_dep_args(g, ctx, s, tp, next, 2);
	else
		prov_dep_args(g, ctx, s, tp, woken, 2);
}

const struct provider prov_sched = {
	.name = "sched",
	.kind = DTM_PROV_SCHED,
	.match = sched_match,
	.prologue = sched_prologue,
};
