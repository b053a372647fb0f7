/* SPDX-License-Identifier: MIT */
/*
 * prov_io.c -- the io provider on the block raw tracepoints (see
 * prov_dep.c), as DTrace's dt_prov_io.c builds it:
 *
 *   start   raw block_bio_queue(bio)              arg0 = bio
 *   done    raw block_rq_complete(rq, error, nr)  arg0 = rq->bio (none: no
 *                                                  probe)
 *           raw block_bio_complete(q, bio)        arg0 = bio (bio-based
 *                                                  drivers)
 *
 * arg1, the struct file * of the I/O, is 0: the block layer does not know
 * it.  args[0], args[1] and args[2] are the bufinfo_t *, devinfo_t * and
 * fileinfo_t * that translators make of arg0 and arg1 (dlib/io.d).  The
 * wait-start/wait-done probes need fbt and are not provided.
 */
#include <linux/bpf.h>

#include "cg.h"
#include "dload/dep_probes.h"
#include "prov.h"

static bool io_match(struct dcc *cc, struct node *pd, struct prov_probe *pp)
{
	return prov_dep_match(cc, pd, pp, "io");
}

/*
 * arg0 = rq->bio (rq: ctx[0]); no bio, no probe:
 *   p = &rq->bio (CO-RE); tmp = 0; probe_read_kernel(&tmp, 8, p)
 *   if (tmp == 0) goto out
 */
static void request_bio(struct cg *g, vreg_t ctx)
{
	struct dcc *cc = g->cc;
	uint32_t tmp = cg_tmp_alloc(g, 8);
	vreg_t p = cg_core_field_ptr(g, prov_dep_raw(g, ctx, 0),
				     "struct request", "bio", NULL), v;

	ir_comment(cc, g->f, "arg0 = rq->bio; if (!arg0) goto out");
	ir_storei(cc, g->f, 8, cg_tmp_ptr(g, tmp), 0, 0);
	if (p != IR_NOREG)
		cg_call(g, BPF_FUNC_probe_read_kernel, 3, cg_tmp_ptr(g, tmp),
			cg_vconst(g, 8), p);
	v = cg_vreg(g);
	ir_load(cc, g->f, 8, v, cg_tmp_ptr(g, tmp), 0);
	ir_jcci(cc, g->f, BPF_JEQ, v, 0, g->lbl_out);
	ir_store(cc, g->f, 8, cg_sptr(g), CG_MST_ARG(0), v);
}

static void io_prologue(struct cg *g, vreg_t ctx, vreg_t s)
{
	static const int bio[] = { 0 }, completed[] = { 1 };

	switch (g->probe->param) {
	case DTM_DEP_IO_DONE:
		prov_dep_raw_args(g, ctx, NULL, 0);
		request_bio(g, ctx);
		break;
	case DTM_DEP_IO_DONE_BIO:
		prov_dep_raw_args(g, ctx, completed, 1);
		break;
	default:
		prov_dep_raw_args(g, ctx, bio, 1);
	}
	(void)s;
}

static int io_arg_desc(struct dcc *cc, struct node *pd, int i,
		       struct prov_argdesc *d)
{
	return prov_dep_arg_desc("io", pd, i, d);
}

static struct type *io_arg_type(struct dcc *cc, struct node *pd, int i)
{
	return prov_dep_arg_type(cc, "io", pd, i);
}

static int io_arg_count(struct dcc *cc, struct node *pd)
{
	return prov_dep_arg_desc("io", pd, -1, NULL);
}

const struct provider prov_io = {
	.name = "io",
	.kind = DTM_PROV_IO,
	.match = io_match,
	.prologue = io_prologue,
	.arg_desc = io_arg_desc,
	.arg_type = io_arg_type,
	.arg_count = io_arg_count,
};
