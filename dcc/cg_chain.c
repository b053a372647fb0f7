/* SPDX-License-Identifier: MIT */
/*
 * cg_chain.c -- clause chains: the clauses of one probe run in clause order,
 * in one firing.
 *
 * The kernel runs the uprobes of one address last-attached first, and one
 * perf event per program would give each tick-N clause its own timer.  So
 * the programs of a provider with a `chain` map (pid, usdt: DTM_MAP_CHAIN;
 * profile, tick, cpc: DTM_MAP_CHAIN_PE) end every exit taken once the
 * master switch is on with a tail call to the next program bound to the
 * same concrete probe; dload attaches only the first one (meta.h):
 *
 *   out:      (nesting level released: cg_nest.c)
 *   chain:    ; tail_call(ctx, &dt_chain, prid * NPROBES + epid)
 *             p = get_attach_cookie(ctx)   |  p = *(u64 *)(fp + slot_prid)
 *             p = p * NPROBES + epid
 *             tail_call(ctx, &CHAIN, p)    (falls through: no next clause)
 *             r0 = 0; exit
 *   fault:    ... fault record; (nesting level released); goto chain
 *
 * The tail call sits in the main program (not a bpf-to-bpf subprogram), so
 * the verifier's 256-byte stack limit for frames below a tail call does not
 * apply.
 */
#include <linux/bpf.h>

#include "cg.h"
#include "prov.h"

/* The map this program chains through, or NULL. */
static const char *chain_map(struct cg *g)
{
	return g->probe->prov->dtrace ? NULL : g->probe->prov->chain;
}

bool cg_chained(struct cg *g)
{
	return chain_map(g) != NULL;
}

/* p = the probe id: the provider filter's slot, else the attach cookie */
static vreg_t chain_prid(struct cg *g)
{
	vreg_t p;

	if (g->slot_prid) {
		p = cg_vreg(g);
		ir_load(g->cc, g->f, 8, p, IR_FP, g->slot_prid);
		return p;
	}
	return cg_call(g, BPF_FUNC_get_attach_cookie, 1, cg_ctx(g));
}

/* chain: tail call to the next clause; r0 = 0; exit.  Returns the label
 * instruction (cg_nest.c releases the nesting level before it). */
struct ir_insn *cg_chain_exit(struct cg *g, int *label)
{
	struct dcc *cc = g->cc;
	struct ir_func *f = g->f;
	const char *map = chain_map(g);
	struct ir_insn *at;
	vreg_t p, m;

	ir_map_add(cc, g->p, map, BPF_MAP_TYPE_PROG_ARRAY, 4, 4, 1);
	*label = ir_label(f);
	at = ir_place_label(cc, f, *label);
	ir_comment(cc, f, "next clause: tail_call(ctx, &%s, prid * %d + %d)",
		   map, g->nprobes, g->epid);
	p = chain_prid(g);
	ir_alui(cc, f, BPF_MUL, p, g->nprobes);
	ir_alui(cc, f, BPF_ADD, p, g->epid);
	m = cg_vreg(g);
	ir_ld_map(cc, f, m, map);
	cg_call(g, BPF_FUNC_tail_call, 3, cg_ctx(g), m, p);
	ir_movi(cc, f, IR_R0, 0);
	ir_exit(cc, f);
	return at;
}
