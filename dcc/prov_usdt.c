/* SPDX-License-Identifier: MIT */
/*
 * prov_usdt.c -- user statically defined tracing: the .note.stapsdt probes
 * of <sys/sdt.h>.
 *
 *   PROVIDER$target:MODULE:FUNCTION:NAME  -> "usdt"
 *   PROVIDER123:::NAME, PROVIDER*:::NAME
 *
 * Any provider name ending in a pid (or '*') that no other provider takes
 * is a USDT provider; dload finds the probe sites in the notes and attaches
 * the program to each as a uprobe whose cookie indexes the map
 * DTM_MAP_USDT ("dt_usdt", meta.h), where dload put the site's probe id and
 * argument specs.  The program:
 *
 *   filter:    prid = 0; key = cookie; spec = dt_usdt[key] ?: goto out;
 *              prid = spec->prid
 *   prologue:  for each i < DTM_USDT_NARGS (up to arg9):
 *                v = CONST ? val : REG/DEREF ? probe_read_kernel(regs + reg_off)
 *                if DEREF: v = probe_read_user(v + val)
 *                v = v << shift >> shift (arithmetic if sign)
 *
 * This is the protocol of libbpf's usdt.bpf.h, on our own map layout.
 */
#include <ctype.h>
#include <linux/bpf.h>
#include <stddef.h>
#include <string.h>

#include "cg.h"
#include "prov.h"

#define ARG_OFF(i)	((int32_t)(offsetof(struct dtm_usdt_spec, args) + \
			 (i) * sizeof(struct dtm_usdt_arg)))

static bool usdt_match(struct dcc *cc, struct node *pd, struct prov_probe *pp)
{
	const char *prov = pd_str(pd->pd_prov);
	size_t n = strlen(prov);

	if (!n || prov_is_pid(prov) || !*pd_str(pd->pd_name) ||
	    prov_pid_absent(cc, prov))
		return false;
	if (!isdigit((unsigned char)prov[n - 1]) && prov[n - 1] != '*')
		return false;
	while (n > 0 && isdigit((unsigned char)prov[n - 1]))
		n--;
	if (n == 0)
		return false;
	pp->section = "usdt";
	return true;
}

/* spec = map_lookup_elem(&dt_usdt, &(u32){cookie}); if (!spec) goto out */
static vreg_t lookup_spec(struct cg *g, vreg_t ctx)
{
	struct dcc *cc = g->cc;
	int32_t key = ir_stack_alloc(g->f, 8, 8);
	vreg_t c, m, k, v;

	ir_map_add(cc, g->p, DTM_MAP_USDT, BPF_MAP_TYPE_ARRAY, sizeof(uint32_t),
		   sizeof(struct dtm_usdt_spec), 1);
	ir_comment(cc, g->f, "spec = %s[cookie] ?: goto out", DTM_MAP_USDT);
	c = cg_call(g, BPF_FUNC_get_attach_cookie, 1, ctx);
	ir_store(cc, g->f, 4, IR_FP, key, c);
	m = cg_vreg(g);
	ir_ld_map(cc, g->f, m, DTM_MAP_USDT);
	k = cg_vreg(g);
	ir_mov(cc, g->f, k, IR_FP);
	ir_alui(cc, g->f, BPF_ADD, k, key);
	v = cg_call(g, BPF_FUNC_map_lookup_elem, 2, m, k);
	ir_jcci(cc, g->f, BPF_JEQ, v, 0, g->lbl_out);
	return v;
}

/* prid = 0 (the clause chain, cg_chain.c, reads it on every exit); spec
 * lookup; prid = spec->prid */
static void usdt_filter(struct cg *g, vreg_t ctx)
{
	vreg_t spec, prid = cg_vreg(g);

	g->slot_prid = ir_stack_alloc(g->f, 8, 8);
	ir_storei(g->cc, g->f, 8, IR_FP, g->slot_prid, 0);
	spec = lookup_spec(g, ctx);
	ir_comment(g->cc, g->f, "prid = spec->prid");
	ir_load(g->cc, g->f, 4, prid, spec, offsetof(struct dtm_usdt_spec, prid));
	ir_store(g->cc, g->f, 8, IR_FP, g->slot_prid, prid);
}

/* tmp = 0; probe_read_<kernel|user>(&tmp, 8, p); v = tmp */
static void read_into(struct cg *g, vreg_t v, vreg_t p, int helper,
		      int32_t slot)
{
	vreg_t d = cg_vreg(g), n = cg_vreg(g);

	ir_storei(g->cc, g->f, 8, IR_FP, slot, 0);
	ir_mov(g->cc, g->f, d, IR_FP);
	ir_alui(g->cc, g->f, BPF_ADD, d, slot);
	ir_movi(g->cc, g->f, n, 8);
	cg_call(g, helper, 3, d, n, p);
	ir_load(g->cc, g->f, 8, v, IR_FP, slot);
}

/* v = the value of spec->args[i] (see the file comment) */
static void fetch_arg(struct cg *g, vreg_t ctx, int32_t sslot, int32_t tslot,
		      int i)
{
	struct dcc *cc = g->cc;
	vreg_t spec = cg_vreg(g), t = cg_vreg(g), v = cg_vreg(g), x = cg_vreg(g);
	vreg_t p;
	int l_shift = ir_label(g->f), l_store = ir_label(g->f);
	int l_signed = ir_label(g->f);
	int32_t a = ARG_OFF(i);

	ir_comment(cc, g->f, "arg%d = usdt arg %d", i, i);
	ir_load(cc, g->f, 8, spec, IR_FP, sslot);
	ir_load(cc, g->f, 1, t, spec, a + offsetof(struct dtm_usdt_arg, type));
	ir_load(cc, g->f, 8, v, spec, a + offsetof(struct dtm_usdt_arg, val));
	ir_jcci(cc, g->f, BPF_JEQ, t, DTM_USDT_CONST, l_shift);
	ir_movi(cc, g->f, v, 0);
	ir_jcci(cc, g->f, BPF_JEQ, t, DTM_USDT_NONE, l_store);
	ir_load(cc, g->f, 2, x, spec, a + offsetof(struct dtm_usdt_arg, reg_off));
	p = cg_vreg(g);
	ir_mov(cc, g->f, p, ctx);
	ir_alu(cc, g->f, BPF_ADD, p, x);
	read_into(g, v, p, BPF_FUNC_probe_read_kernel, tslot);
	ir_jcci(cc, g->f, BPF_JNE, t, DTM_USDT_DEREF, l_shift);
	ir_load(cc, g->f, 8, spec, IR_FP, sslot);
	ir_load(cc, g->f, 8, x, spec, a + offsetof(struct dtm_usdt_arg, val));
	ir_alu(cc, g->f, BPF_ADD, x, v);
	read_into(g, v, x, BPF_FUNC_probe_read_user, tslot);
	ir_place_label(cc, g->f, l_shift);
	ir_load(cc, g->f, 8, spec, IR_FP, sslot);
	ir_load(cc, g->f, 1, x, spec, a + offsetof(struct dtm_usdt_arg, shift));
	ir_load(cc, g->f, 1, t, spec, a + offsetof(struct dtm_usdt_arg, sign));
	ir_alu(cc, g->f, BPF_LSH, v, x);
	ir_jcci(cc, g->f, BPF_JNE, t, 0, l_signed);
	ir_alu(cc, g->f, BPF_RSH, v, x);
	ir_ja(cc, g->f, l_store);
	ir_place_label(cc, g->f, l_signed);
	ir_alu(cc, g->f, BPF_ARSH, v, x);
	ir_place_label(cc, g->f, l_store);
	ir_store(cc, g->f, 8, cg_sptr(g), CG_MST_ARG(i), v);
}

static void usdt_prologue(struct cg *g, vreg_t ctx, vreg_t s)
{
	int32_t sslot = ir_stack_alloc(g->f, 8, 8);
	int32_t tslot = ir_stack_alloc(g->f, 8, 8);
	vreg_t spec = lookup_spec(g, ctx);
	int i;

	ir_store(g->cc, g->f, 8, IR_FP, sslot, spec);
	for (i = 0; i < CG_NARGS && i < DTM_USDT_NARGS; i++)
		fetch_arg(g, cg_ctx(g), sslot, tslot, i);
	ir_storei(g->cc, g->f, 8, cg_sptr(g), CG_MST_ERRNO, 0);
	(void)s;
}

/* args[i]: the types a provider definition of the program declares for
 * the probe (sema_prov.c); int64_t if none does */
static struct type *usdt_arg_type(struct dcc *cc, struct node *pd, int i)
{
	return prov_decl_arg_type(cc, pd, i);
}

static int usdt_arg_count(struct dcc *cc, struct node *pd)
{
	return prov_decl_arg_count(cc, pd);
}

const struct provider prov_usdt = {
	.arg_type = usdt_arg_type,
	.arg_count = usdt_arg_count,
	.name = "usdt",
	.kind = DTM_PROV_USDT,
	.chain = DTM_MAP_CHAIN,
	.match = usdt_match,
	.filter = usdt_filter,
	.prologue = usdt_prologue,
};
