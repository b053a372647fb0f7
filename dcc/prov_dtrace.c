/* SPDX-License-Identifier: MIT */
/*
 * prov_dtrace.c -- the dtrace provider: BEGIN, END and ERROR.
 *
 * Their programs go in "raw_tp/dtrace_<NAME>" sections and are never
 * attached: dload runs them itself with bpf_prog_test_run_opts (BEGIN
 * before the switch opens, END after draining, ERROR on faults).  They skip
 * the master-switch check and use the constant probe id (BEGIN=1, END=2,
 * ERROR=3).  ERROR's arguments (arg1 = epid, arg2 = action index,
 * arg3 = offset, arg4 = fault type, arg5 = address) come from the u64
 * array dload passes as the test-run context; BEGIN/END have none.
 */
#include <string.h>

#include "cg.h"
#include "prov.h"

static const char *const names[] = { NULL, "BEGIN", "END", "ERROR" };

static bool dtrace_match(struct dcc *cc, struct node *pd, struct prov_probe *pp)
{
	int i;

	if (!prov_glob(pd->pd_prov, "dtrace") || *pd_str(pd->pd_mod) ||
	    *pd_str(pd->pd_func) || !*pd_str(pd->pd_name))
		return false;
	for (i = DTM_BEGIN; i <= DTM_ERROR; i++) {
		if (strcmp(pd->pd_name, names[i]))
			continue;
		pp->section = i == DTM_BEGIN ? "raw_tp/dtrace_BEGIN" :
			      i == DTM_END ? "raw_tp/dtrace_END" :
			      "raw_tp/dtrace_ERROR";
		pp->param = i;
		return true;
	}
	return false;
}

/* BEGIN/END: no arguments.  ERROR: arg0..5 from the test-run context. */
static void dtrace_prologue(struct cg *g, vreg_t ctx, vreg_t s)
{
	if (g->probe->param == DTM_ERROR)
		prov_copy_args(g, ctx, s, 0, 6);
	else
		prov_zero_args(g, s, 0);
	ir_storei(g->cc, g->f, 8, s, CG_MST_ERRNO, 0);
}

const struct provider prov_dtrace = {
	.name = "dtrace",
	.kind = DTM_PROV_DTRACE,
	.dtrace = true,
	.match = dtrace_match,
	.prologue = dtrace_prologue,
};
