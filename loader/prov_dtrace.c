/* SPDX-License-Identifier: MIT */
/*
 * prov_dtrace.c -- the dtrace provider (BEGIN, END, ERROR).
 *
 * dtrace-provider probes have the fixed probe ids 1, 2 and 3; their
 * programs are never attached: run.c runs them with BPF_PROG_TEST_RUN.
 * (fbt, which used to be refused here, is in prov_fbt.c.)
 */
#include <errno.h>

#include "internal.h"

static const char *const dtrace_names[] = { "", "BEGIN", "END", "ERROR" };

static int dtrace_resolve(struct dload_obj *o, uint32_t epid,
			  const struct dtm_probe *p)
{
	uint32_t which = (uint32_t)p->param;	/* checked by meta.c */
	int err;

	err = dl_bind_probe(o, epid, DTM_PROV_DTRACE, "dtrace", "", "",
			    dtrace_names[which], NULL, which, 0);
	return err ? err : 1;
}

static int dtrace_attach(struct dload_obj *o, struct bpf_program *prog,
			 uint32_t epid, const struct dl_cprobe *cp, uint32_t prid)
{
	return 0;	/* run by dload itself */
}

const struct dl_prov dl_prov_dtrace = {
	.kind = DTM_PROV_DTRACE,
	.name = "dtrace",
	.resolve = dtrace_resolve,
	.attach = dtrace_attach,
};
