/* SPDX-License-Identifier: MIT */
/*
 * cg_alloca.c -- scratch memory: alloca(), bcopy(), copyinto(), copyin().
 *
 * Each program owns an alloca region in its per-CPU scratch value (at
 * g->alloca_off, laid out only when the script allocates at all).  The
 * allocation top lives in the mstate and restarts at 0 in every program,
 * so every clause gets the same fresh scratch memory, as in DTrace.  An
 * alloca pointer is a plain kernel address (that of the byte in the map
 * value): printing, comparing and storing it in variables need nothing
 * special, and kernel reads through it (probe_read) just work.
 *
 * What a script sees of an alloca pointer is DTrace's value, though: an
 * offset into the scratch area, the first allocation of a clause at 8 (0
 * stays NULL).  So a tainted value is converted where it stops being a
 * pointer dcc dereferences: a cast to an integer type, and its recording
 * by trace() and printf() (cg_alloca_value); a cast of a tainted integer
 * back to a pointer converts the other way:
 *
 *   value = p ? p - mst.abase + 8 : 0	addr = v ? v - 8 + mst.abase : 0
 *
 * Writes and bounds checks need to know which pointers are alloca
 * pointers: a pre-pass (cg_alloca_scan) marks the variables that are
 * assigned alloca-derived values ("tainted", as DTrace's DT_NF_ALLOCA),
 * and rejects variables that hold both kinds (D_ALLOCA_INCOMPAT).  An
 * access of n bytes through a tainted pointer p is checked and turned
 * into a map-value pointer the verifier accepts:
 *
 *   pos = p - mst.abase
 *   if (pos s< 0 || pos s>= scratchsize || pos >= mst.atop) fault BADADDR(p)
 *   if (pos > mst.atop - n) fault BADSIZE(n)
 *   q = s + alloca_off + pos	; pos in [0, scratchsize): in bounds
 */
#include <linux/bpf.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"
#include "funcs.h"

#define DEFAULT_SCRATCHSIZE 256

/* ---- taint analysis --------------------------------------------------------------- */

static bool is_tainted_sym(struct cg *g, struct sym *s)
{
	int i;

	for (i = 0; s && i < g->ntaint; i++)
		if (g->taint[i] == s)
			return true;
	return false;
}

static void taint_sym(struct cg *g, struct sym *s)
{
	if (!s || is_tainted_sym(g, s))
		return;
	if (g->ntaint == g->taint_cap) {
		int cap = g->taint_cap ? 2 * g->taint_cap : 8;
		struct sym **n = dcc_alloc(g->cc, cap * sizeof(*n));

		if (g->ntaint)
			memcpy(n, g->taint, g->ntaint * sizeof(*n));
		g->taint = n;
		g->taint_cap = cap;
	}
	g->taint[g->ntaint++] = s;
}

/* The variable an expression names (x, this->x, self->x, a[k]), or NULL. */
static struct sym *var_sym(struct node *n)
{
	if (n->kind == N_IDENT || n->kind == N_SELF || n->kind == N_THIS)
		return n->sym && (n->sym->kind == SYM_GLOBAL ||
				  n->sym->kind == SYM_LOCAL ||
				  n->sym->kind == SYM_TLS) ? n->sym : NULL;
	if (n->kind == N_INDEX && (n->kid[0]->kind == N_IDENT ||
				   n->kid[0]->kind == N_SELF))
		return n->kid[0]->sym && (n->kid[0]->sym->kind == SYM_ASSOC ||
					  n->kid[0]->sym->kind == SYM_TLS) ?
		       n->kid[0]->sym : NULL;
	return NULL;
}

static bool is_pointer(struct type *t)
{
	struct type *r = t ? type_resolve(t) : NULL;

	return r && r->kind == TY_PTR;
}

static bool is_scratch_call(struct node *n)
{
	return n->kind == N_CALL && n->name &&
	       (!strcmp(n->name, "alloca") || !strcmp(n->name, "copyin"));
}

bool cg_tainted(struct cg *g, struct node *n)
{
	struct sym *s;

	if (!n || !g->alloca_used)
		return false;
	if (is_scratch_call(n))
		return true;
	switch (n->kind) {
	case N_CAST:
		return cg_tainted(g, n->kid[0]);
	case N_BINARY:
		if (n->op == OP_COMMA)
			return cg_tainted(g, n->kid[1]);
		return (n->op == OP_ADD || n->op == OP_SUB) &&
		       (cg_tainted(g, n->kid[0]) ||
			(n->op == OP_ADD && cg_tainted(g, n->kid[1])));
	case N_COND:
		return cg_tainted(g, n->kid[1]) || cg_tainted(g, n->kid[2]);
	case N_ASSIGN:
		return cg_tainted(g, n->op == OP_ASSIGN ? n->kid[1] : n->kid[0]);
	case N_UNARY:
		if (n->op == OP_ADDROF && n->kid[0]->kind == N_INDEX)
			return cg_tainted(g, n->kid[0]->kid[0]);
		return n->op != OP_DEREF && cg_tainted(g, n->kid[0]);
	default:
		s = var_sym(n);
		return s && is_tainted_sym(g, s);
	}
}

typedef void (*visit_fn)(struct cg *g, struct node *n, bool *changed);

static void walk(struct cg *g, struct node *n, visit_fn fn, bool *changed)
{
	int i;

	for (; n; n = n->next) {
		if (n->kind == N_DECL || n->kind == N_DECLSPEC || n->kind == N_TYPENAME)
			continue;
		fn(g, n, changed);
		for (i = 0; i < 4; i++)
			if (n->kid[i])
				walk(g, n->kid[i], fn, changed);
	}
}

static void find_scratch(struct cg *g, struct node *n, bool *changed)
{
	if (is_scratch_call(n))
		g->alloca_used = true;
}

static void propagate(struct cg *g, struct node *n, bool *changed)
{
	struct sym *s;

	if (n->kind != N_ASSIGN || n->op != OP_ASSIGN || !(s = var_sym(n->kid[0])))
		return;
	if (!is_tainted_sym(g, s) && cg_tainted(g, n->kid[1])) {
		taint_sym(g, s);
		*changed = true;
	}
}

/* a = <non-alloca pointer> where a also holds alloca pointers */
static void clash(struct cg *g, struct node *n, bool *changed)
{
	struct node *r = n->kid[1];
	struct sym *s;

	if (n->kind != N_ASSIGN || n->op != OP_ASSIGN || !(s = var_sym(n->kid[0])) ||
	    !is_tainted_sym(g, s) || cg_tainted(g, r) || !is_pointer(r->type) ||
	    (r->is_const && r->cval == 0))
		return;
	dcc_error(g->cc, n->loc, "D_ALLOCA_INCOMPAT", "%s: cannot reuse the same "
		  "identifier for both alloca and non-alloca allocations", s->name);
}

/* Lay out the region and mark the tainted variables (before codegen). */
void cg_alloca_scan(struct cg *g)
{
	struct node *prog = g->cc->prog ? g->cc->prog->kid[0] : NULL;
	const char *v = dcc_option(g->cc, "scratchsize");
	bool changed = true;
	uint32_t ss = v && *v ? (uint32_t)strtoul(v, NULL, 0) : DEFAULT_SCRATCHSIZE;

	g->scratch_opt = ss;
	g->scratchsize = (ss + 7) & ~7u;
	walk(g, prog, find_scratch, &changed);
	if (!g->alloca_used)
		return;
	while (changed) {
		changed = false;
		walk(g, prog, propagate, &changed);
	}
	walk(g, prog, clash, &changed);
	g->alloca_off = g->rec_off;
	g->alloca_size = g->scratchsize +
			 (g->scratchsize > g->strsize ? g->scratchsize : g->strsize) + 16;
	g->alloca_size = (g->alloca_size + 7) & ~7u;
	g->rec_off += g->alloca_size;
	g->scratch_size = g->rec_off + CG_REC_HDR;
}

/* prologue: mst.atop = 0; mst.abase = s + alloca_off (as a number) */
void cg_alloca_prologue(struct cg *g)
{
	vreg_t s, a;

	if (!g->alloca_used)
		return;
	ir_comment(g->cc, g->f, "alloca: top = 0; base = &scratch[%u]", g->alloca_off);
	s = cg_sptr(g);
	ir_storei(g->cc, g->f, 8, s, CG_MST_ATOP, 0);
	a = cg_vreg(g);
	ir_mov(g->cc, g->f, a, s);
	ir_alui(g->cc, g->f, BPF_ADD, a, g->alloca_off);
	ir_store(g->cc, g->f, 8, s, CG_MST_ABASE, a);
}

/* ---- checked access ------------------------------------------------------------------ */

static vreg_t mst(struct cg *g, int32_t off)
{
	vreg_t v = cg_vreg(g);

	ir_load(g->cc, g->f, 8, v, cg_sptr(g), off);
	return v;
}

/* Check an access of n bytes (nreg, or the constant nc if nreg is
 * IR_NOREG) at alloca address p; return the map pointer to it. */
vreg_t cg_alloca_check(struct cg *g, vreg_t p, vreg_t nreg, int64_t nc)
{
	struct dcc *cc = g->cc;
	vreg_t pos = cg_vreg(g), top = mst(g, CG_MST_ATOP), lim, q;

	ir_comment(cc, g->f, "alloca access check: pos = p - base, 0 <= pos < top");
	ir_mov(cc, g->f, pos, p);
	ir_alu(cc, g->f, BPF_SUB, pos, mst(g, CG_MST_ABASE));
	cg_fault_jcci(g, BPF_JSLT, pos, 0, DTM_FLT_BADADDR, p);
	cg_fault_jcci(g, BPF_JSGE, pos, g->scratchsize, DTM_FLT_BADADDR, p);
	lim = cg_vreg(g);
	ir_mov(cc, g->f, lim, top);
	ir_alu(cc, g->f, BPF_SUB, lim, pos);	/* bytes left above pos */
	cg_fault_jcci(g, BPF_JSLE, lim, 0, DTM_FLT_BADADDR, p);
	if (nreg == IR_NOREG) {
		nreg = cg_vreg(g);
		ir_movi(cc, g->f, nreg, nc);
	}
	{
		int l_ok = ir_label(g->f);

		ir_jcc(cc, g->f, BPF_JLE, nreg, lim, l_ok);
		cg_fault_jcci(g, BPF_JA, IR_NOREG, 0, DTM_FLT_BADSIZE, nreg);
		ir_place_label(cc, g->f, l_ok);
	}
	q = cg_sptr(g);
	ir_alui(cc, g->f, BPF_ADD, q, g->alloca_off);
	ir_alu(cc, g->f, BPF_ADD, q, pos);
	return q;
}

/* ---- DTrace's view of alloca pointers ---------------------------------------------------- */

/* d = v ? v + sign * (mst.abase - 8) : 0 (sign 1: to an address, -1: to
 * DTrace's offset) */
static vreg_t rebase(struct cg *g, vreg_t v, int sign)
{
	struct dcc *cc = g->cc;
	vreg_t d = cg_vreg(g);
	int l_null = ir_label(g->f);

	ir_comment(cc, g->f, sign > 0 ? "alloca offset to address: v ? v - 8 + base : 0"
				      : "alloca address to offset: p ? p - base + 8 : 0");
	ir_mov(cc, g->f, d, v);
	ir_jcci(cc, g->f, BPF_JEQ, d, 0, l_null);
	ir_alu(cc, g->f, sign > 0 ? BPF_ADD : BPF_SUB, d, mst(g, CG_MST_ABASE));
	ir_alui(cc, g->f, BPF_ADD, d, sign > 0 ? -8 : 8);
	ir_place_label(cc, g->f, l_null);
	return d;
}

static bool is_integer(struct type *t)
{
	struct type *r = t ? type_resolve(t) : NULL;

	return r && (r->kind == TY_INT || r->kind == TY_ENUM);
}

/* The value v of expression e as DTrace shows it: an alloca pointer
 * becomes its scratch offset. */
vreg_t cg_alloca_value(struct cg *g, struct node *e, vreg_t v)
{
	if (!is_pointer(e->type) || !cg_tainted(g, e))
		return v;
	return rebase(g, v, -1);
}

/* (to)e where e has value v: alloca pointer <-> integer offset */
vreg_t cg_alloca_cast(struct cg *g, struct node *e, struct type *to, vreg_t v)
{
	if (!g->alloca_used || !cg_tainted(g, e))
		return v;
	if (is_pointer(e->type) && is_integer(to))
		return rebase(g, v, -1);
	if (is_integer(e->type) && is_pointer(to))
		return rebase(g, v, 1);
	return v;
}

/* ---- subroutines ------------------------------------------------------------------------ */

static struct node *arg(struct node *call, int i)
{
	struct node *a = call->kid[0];

	while (a && i-- > 0)
		a = a->next;
	return a;
}

static void const_size_check(struct cg *g, struct node *call, struct node *sz)
{
	if (sz->is_const && (sz->cval < 0 || sz->cval > (int64_t)g->scratch_opt))
		dcc_error(g->cc, call->loc, "D_ALLOCA_SIZE", "%s(%lld) size larger "
			  "than scratchsize %u", call->name, (long long)sz->cval,
			  g->scratch_opt);
}

/* p = base + top; if (top + n > scratchsize) fault; top += round8(n) */
static vreg_t alloc(struct cg *g, vreg_t n)
{
	struct dcc *cc = g->cc;
	vreg_t top = mst(g, CG_MST_ATOP), end = cg_vreg(g), p = mst(g, CG_MST_ABASE);

	ir_comment(cc, g->f, "alloca(n): p = base + top; top += round8(n)");
	cg_fault_jcci(g, BPF_JGT, n, g->scratchsize, DTM_FLT_NOSCRATCH, IR_NOREG);
	ir_mov(cc, g->f, end, top);
	ir_alu(cc, g->f, BPF_ADD, end, n);
	cg_fault_jcci(g, BPF_JGT, end, g->scratchsize, DTM_FLT_NOSCRATCH, IR_NOREG);
	ir_alui(cc, g->f, BPF_ADD, end, 7);
	ir_alui(cc, g->f, BPF_AND, end, -8);
	ir_store(cc, g->f, 8, cg_sptr(g), CG_MST_ATOP, end);
	ir_alu(cc, g->f, BPF_ADD, p, top);
	return p;
}

static int gen_alloca_(struct cg *g, struct node *call)
{
	struct node *sz = arg(call, 0);

	const_size_check(g, call, sz);
	return alloc(g, cg_expr(g, sz));
}

/* if (n > scratchsize) fault BADSIZE */
static vreg_t size_arg(struct cg *g, struct node *sz)
{
	vreg_t n = cg_vreg(g);

	ir_mov(g->cc, g->f, n, cg_expr(g, sz));
	cg_fault_jcci(g, BPF_JGT, n, g->scratchsize, DTM_FLT_BADSIZE, n);
	return n;
}

static void need_alloca(struct cg *g, struct node *call, struct node *a, int i)
{
	if (cg_tainted(g, a))
		return;
	dcc_error(g->cc, call->loc, "D_PROTO_ARG", "%s( ) argument #%d is "
		  "incompatible with prototype:\n\tprototype: alloca pointer\n"
		  "\t argument: non-alloca pointer", call->name, i);
}

/* copy n bytes from src (kernel or user) to the checked alloca dst */
static void copy_to(struct cg *g, vreg_t dst, vreg_t n, vreg_t src, bool user)
{
	vreg_t r = cg_call(g, user ? BPF_FUNC_probe_read_user :
			   BPF_FUNC_probe_read_kernel, 3, dst, n, src);

	cg_fault_jcci(g, BPF_JSLT, r, 0, DTM_FLT_BADADDR, src);
}

/* bcopy(src, dst, n): dst is alloca memory */
static int gen_bcopy_(struct cg *g, struct node *call)
{
	struct node *s = arg(call, 0), *d = arg(call, 1);
	vreg_t src, dst, n;

	need_alloca(g, call, d, 2);
	src = cg_expr(g, s);
	dst = cg_expr(g, d);
	n = size_arg(g, arg(call, 2));
	if (cg_tainted(g, s))
		src = cg_alloca_check(g, src, n, 0);
	dst = cg_alloca_check(g, dst, n, 0);
	copy_to(g, dst, n, src, false);
	return IR_NOREG;	/* void */
}

/* copyinto(uaddr, n, dst) */
static int gen_copyinto_(struct cg *g, struct node *call)
{
	struct node *d = arg(call, 2);
	vreg_t src, dst, n;

	need_alloca(g, call, d, 3);
	src = cg_expr(g, arg(call, 0));
	n = size_arg(g, arg(call, 1));
	dst = cg_alloca_check(g, cg_expr(g, d), n, 0);
	copy_to(g, dst, n, src, true);
	return IR_NOREG;	/* void */
}

/* copyin(uaddr, n): p = alloca(n); copyinto(uaddr, n, p); p */
static int gen_copyin_(struct cg *g, struct node *call)
{
	struct node *sz = arg(call, 1);
	vreg_t src = cg_expr(g, arg(call, 0)), n = cg_vreg(g), p, q;

	const_size_check(g, call, sz);
	ir_mov(g->cc, g->f, n, cg_expr(g, sz));
	p = alloc(g, n);
	q = cg_alloca_check(g, p, n, 0);
	copy_to(g, q, n, src, true);
	return p;
}

int (*cg_scratch_func(struct cg *g, const char *name))(struct cg *, struct node *)
{
	if (!strcmp(name, "alloca"))
		return gen_alloca_;
	if (!strcmp(name, "bcopy"))
		return gen_bcopy_;
	if (!strcmp(name, "copyinto"))
		return gen_copyinto_;
	if (!strcmp(name, "copyin") && g->alloca_used)
		return gen_copyin_;
	return NULL;
}
