/* SPDX-License-Identifier: MIT */
/*
 * prov_io.c -- the io provider on the block tracepoints (see prov_dep.c):
 *
 *   start   block/block_rq_issue      arg0 = sector, arg1 = dev,
 *   done    block/block_rq_complete   arg2 = bytes (start) or error (done)
 *
 * DTrace gives bufinfo_t *, devinfo_t * and fileinfo_t * through
 * translators from the kernel's struct bio, which these tracepoints do not
 * carry: the arguments here are the raw request fields (int64_t).  The
 * wait-start/wait-done probes need fbt and are not provided.
 */
#include "cg.h"
#include "dload/dep_probes.h"
#include "prov.h"

static bool io_match(struct dcc *cc, struct node *pd, struct prov_probe *pp)
{
	return prov_dep_match(cc, pd, pp, "io");
}

static void io_prologue(struct cg *g, vreg_t ctx, vreg_t s)
{
	static const char *const start[] = { "sector", "dev", "bytes" };
	static const char *const done[] = { "sector", "dev", "error" };
	const char *tp = dtm_dep_probes[g->probe->param].tp;

	prov_dep_args(g, ctx, s, tp,
		      g->probe->param == DTM_DEP_IO_START ? start : done, 3);
}

const struct provider prov_io = {
	.name = "io",
	.kind = DTM_PROV_IO,
	.match = io_match,
	.prologue = io_prologue,
};
