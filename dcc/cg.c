/* SPDX-License-Identifier: MIT */
/*
 * cg.c -- code generation: program and clause structure, statements.
 *
 * cg_program() emits one BPF program per (clause, probe description) pair:
 *
 *   prologue   ctx = r1; g = &dt_globals (ld_imm64); (not for BEGIN/END/ERROR:
 *              if g->state != ACTIVE goto out); s = dt_scratch[depth]
 *              (cg_nest.c: a program interrupting another on the CPU
 *              gets the next entry);
 *              provider prologue (mstate.arg0..9, errno);
 *              record header {epid, prid, cpu} at s + rec_off
 *   predicate  if (!pred) goto out
 *   body       statements; data-recording actions store their item into
 *              the record at s + rec_off + item offset
 *   epilogue   ringbuf_output(&dt_ringbuf, s + rec_off, size, 0)
 *   out:       return 0 (pid, usdt, profile, tick, cpc: first a tail call
 *              to the next clause on the probe, cg_chain.c)
 *   fault:     g->faults++; return 0 (no record)
 *
 * The prologue is generated in full, then cg_trim.c drops the pieces the
 * program turns out not to need (no record: no header; no scratch use: no
 * scratch lookup nor mstate).
 *
 * It also defines the fixed maps and collects the tables that meta_out.c
 * turns into the metadata section.  Expressions are in cg_expr.c.
 */
#include <linux/bpf.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"
#include "funcs.h"
#include "prov.h"

#define DEFAULT_RINGBUF	(4u << 20)
#define DEFAULT_PROBES	64

struct cg *cg_get(struct dcc *cc)
{
	return cc->pass_priv[DCC_PASS_CG];
}

vreg_t cg_vreg(struct cg *g)
{
	return ir_vreg(g->f);
}

static vreg_t load_slot(struct cg *g, int32_t slot)
{
	vreg_t v = cg_vreg(g);

	ir_load(g->cc, g->f, 8, v, IR_FP, slot);
	return v;
}

vreg_t cg_gptr(struct cg *g)
{
	return load_slot(g, g->slot_g);
}

vreg_t cg_sptr(struct cg *g)
{
	return load_slot(g, g->slot_s);
}

vreg_t cg_ctx(struct cg *g)
{
	return load_slot(g, g->slot_ctx);
}

uint32_t cg_tmp_alloc(struct cg *g, uint32_t size)
{
	uint32_t off = g->tmp_top;

	g->tmp_top += (size + 7) & ~7u;
	return off;
}

void cg_fixup(struct cg *g, struct ir_insn *insn, bool is_off)
{
	struct cg_fixup *fx = dcc_alloc(g->cc, sizeof(*fx));

	fx->insn = insn;
	fx->is_off = is_off;
	fx->next = g->fixups;
	g->fixups = fx;
}

/* v = s + tmpbase + tmp */
vreg_t cg_tmp_ptr(struct cg *g, uint32_t tmp)
{
	vreg_t v = cg_sptr(g);

	cg_fixup(g, ir_alui(g->cc, g->f, BPF_ADD, v, tmp), false);
	return v;
}

void cg_fault(struct cg *g)
{
	cg_fault_jcci(g, BPF_JA, IR_NOREG, 0, DTM_FLT_ILLOP, IR_NOREG);
}

/* if (v <cc> imm) goto site; the site (emitted after the program body)
 * records the fault kind, address and site number, then goes to the fault
 * exit.  cc_ = BPF_JA: unconditional. */
void cg_fault_jcci(struct cg *g, int cc_, vreg_t v, int64_t imm, int kind,
		   vreg_t addr)
{
	struct cg_fsite *fs = dcc_alloc(g->cc, sizeof(*fs));

	fs->label = ir_label(g->f);
	fs->kind = kind;
	fs->addr = addr;
	fs->pc = ++g->nfsites;
	fs->next = g->fsites;
	g->fsites = fs;
	if (cc_ == BPF_JA)
		ir_ja(g->cc, g->f, fs->label);
	else
		ir_jcci(g->cc, g->f, cc_, v, imm, fs->label);
}

/* site: rec.fault = kind; rec.addr = addr; rec.pc = n; goto fault */
static void gen_fault_sites(struct cg *g)
{
	uint32_t o = g->rec_off;
	struct cg_fsite *fs;
	vreg_t s;

	for (fs = g->fsites; fs; fs = fs->next) {
		ir_place_label(g->cc, g->f, fs->label);
		ir_comment(g->cc, g->f, "fault site %d: kind %d", fs->pc, fs->kind);
		s = cg_sptr(g);
		ir_storei(g->cc, g->f, 4, s, o + offsetof(struct dtm_fault_rec, fault),
			  fs->kind);
		if (fs->addr != IR_NOREG)
			ir_store(g->cc, g->f, 8, s,
				 o + offsetof(struct dtm_fault_rec, addr), fs->addr);
		else
			ir_storei(g->cc, g->f, 8, s,
				  o + offsetof(struct dtm_fault_rec, addr), 0);
		ir_storei(g->cc, g->f, 4, s, o + offsetof(struct dtm_fault_rec, pc),
			  fs->pc);
		ir_ja(g->cc, g->f, g->lbl_fault);
	}
	g->fsites = NULL;
}

/* ---- record layout ---------------------------------------------------------- */

struct cg_rec *cg_rec_add(struct cg *g, int action, int kind, uint32_t size,
			  uint32_t align, struct node *where)
{
	struct cg_rec *r = dcc_alloc(g->cc, sizeof(*r));

	if (align > 8)
		align = 8;
	if (align > 1)
		g->rec_size = (g->rec_size + align - 1) / align * align;
	r->r.action = action;
	r->r.kind = kind;
	r->r.offset = g->rec_size;
	r->r.size = size;
	r->r.line = where ? where->loc.line : g->line;
	g->rec_size += size;
	*g->rec_tail = r;
	g->rec_tail = &r->next;
	g->nrec++;
	g->records = true;
	return r;
}

/* How a value of type t is recorded. */
void cg_kind_of(struct cg *g, struct type *t, int *kind, uint32_t *size,
		uint32_t *flags, uint32_t *align)
{
	struct type *r = type_resolve(t);

	*flags = 0;
	*size = cg_type_size(g, t);
	*align = 8;
	if (!r || r->kind == TY_STRING) {
		*kind = DTM_K_STRING;
		*size = g->strsize;
		*align = 1;
	} else if (r->kind == TY_PTR) {
		*kind = DTM_K_PTR;
		*size = 8;
	} else if (r->kind == TY_INT || r->kind == TY_ENUM) {
		*kind = DTM_K_INT;
		*flags = cg_is_signed(t) ? DTM_RF_SIGNED : 0;
		*align = *size;
	} else if (r->kind == TY_SYMADDR) {
		*kind = DTM_K_SYM;
		*size = 8;
	} else if (r->kind == TY_USYMADDR) {
		*kind = DTM_K_USYM;
		*size = 16;
	} else if (r->kind == TY_STACK) {
		*kind = DTM_K_STACK;	/* (u)stack() as a key: pid + frames */
		*size = 8 + 8 * g->stackframes;
	} else if (r->kind == TY_FLOAT) {
		*kind = DTM_K_FLOAT;
	} else {
		*kind = DTM_K_BYTES;
		*align = r->align ? r->align : 1;
	}
	if (*size == 0)
		*size = 8;
}

/* Evaluate e and store it as a new record item: the item. */
struct cg_rec *cg_rec_value(struct cg *g, int action, struct node *e)
{
	uint32_t size, flags, align;
	int kind;
	struct cg_rec *r;
	vreg_t v = cg_expr(g, e), s;

	cg_kind_of_expr(g, NULL, e, &kind, &size, &flags, &align);
	if (kind == DTM_K_STRING)
		size = cg_str_bound(g, e);
	r = cg_rec_add(g, action, kind, size, align, e);
	r->r.flags = flags;
	r->type = e->type ? type_name(g->cc, e->type) : NULL;
	ir_comment(g->cc, g->f, "record[%u] = %s (%u bytes)", r->r.offset,
		   r->type ? r->type : "?", size);
	s = cg_sptr(g);
	if (kind == DTM_K_USYM || kind == DTM_K_UMOD || kind == DTM_K_UADDR) {
		vreg_t pid = cg_call(g, BPF_FUNC_get_current_pid_tgid, 0);

		ir_alui(g->cc, g->f, BPF_RSH, pid, 32);
		ir_store(g->cc, g->f, 8, s, g->rec_off + r->r.offset, pid);
		ir_store(g->cc, g->f, 8, s, g->rec_off + r->r.offset + 8, v);
	} else if (kind == DTM_K_PTR || kind == DTM_K_SYM || kind == DTM_K_MOD) {
		ir_store(g->cc, g->f, 8, s, g->rec_off + r->r.offset, v);
	} else {
		cg_store_sized(g, s, g->rec_off + r->r.offset, e->type, v, size);
	}
	return r;
}

/* ---- statements --------------------------------------------------------------- */

typedef void (*stmt_fn)(struct cg *g, struct node *n);

static void stmt_expr(struct cg *g, struct node *n)
{
	if (n->kid[0] && !cg_stmt_action(g, n->kid[0]))
		cg_expr(g, n->kid[0]);
}

/* if (c) A else B:  if (!c) goto else; A; goto end; else: B; end: */
static void stmt_if(struct cg *g, struct node *n)
{
	int l_else = ir_label(g->f), l_end = ir_label(g->f);

	ir_comment(g->cc, g->f, "if (...)");
	cg_cond_jump(g, n->kid[0], false, l_else);
	cg_stmts(g, n->kid[1]);
	if (n->kid[2])
		ir_ja(g->cc, g->f, l_end);
	ir_place_label(g->cc, g->f, l_else);
	if (n->kid[2]) {
		cg_stmts(g, n->kid[2]);
		ir_place_label(g->cc, g->f, l_end);
	}
}

static void stmt_block(struct cg *g, struct node *n)
{
	cg_stmts(g, n->kid[0]);
}

static void stmt_nothing(struct cg *g, struct node *n)
{
}

static const stmt_fn stmt_table[] = {
	[N_EXPR_STMT] = stmt_expr,
	[N_IF] = stmt_if,
	[N_BLOCK] = stmt_block,
	[N_DECL_STMT] = stmt_nothing,
	[N_EMPTY] = stmt_nothing,
};

void cg_stmts(struct cg *g, struct node *list)
{
	struct node *n;

	for (n = list; n; n = n->next) {
		stmt_fn fn = NULL;

		if ((size_t)n->kind < sizeof(stmt_table) / sizeof(stmt_table[0]))
			fn = stmt_table[n->kind];
		if (n->loc.line > 0) {
			g->line = n->loc.line;
			ir_loc(g->cc, g->f, n->loc.line);
		}
		if (fn)
			fn(g, n);
		else
			cg_expr(g, n);	/* an expression used as a statement */
	}
}

static bool body_empty(struct node *list)
{
	struct node *n;

	for (n = list; n; n = n->next) {
		if (n->kind == N_EXPR_STMT && !n->kid[0])
			continue;
		if (n->kind == N_EMPTY)
			continue;
		if (n->kind == N_BLOCK && body_empty(n->kid[0]))
			continue;
		return false;
	}
	return true;
}

/* ---- program structure ---------------------------------------------------------- */

/* v = map_lookup_elem(&map, &zero); if (!v) goto out; *slot = v
 * (returns the store) */
static struct ir_insn *lookup_zero(struct cg *g, const char *map,
				   int32_t kslot, int32_t slot)
{
	struct dcc *cc = g->cc;
	vreg_t m = cg_vreg(g), k = cg_vreg(g), v;
	struct ir_insn *in;

	ir_comment(cc, g->f, "%s = map_lookup_elem(&%s, &zero)",
		   slot == g->slot_g ? "g" : "s", map);
	ir_ld_map(cc, g->f, m, map);
	ir_mov(cc, g->f, k, IR_FP);
	in = ir_alui(cc, g->f, BPF_ADD, k, kslot);
	if (slot == g->slot_s)
		g->s_key = in;	/* cg_nest() makes the key the depth */
	v = cg_call(g, BPF_FUNC_map_lookup_elem, 2, m, k);
	ir_jcci(cc, g->f, BPF_JEQ, v, 0, g->lbl_out);
	return ir_store(cc, g->f, 8, IR_FP, slot, v);
}

/* g = &dt_globals: one ld_imm64 of the global-data section (meta.h), no
 * lookup and no NULL check; *(u64 *)(fp + slot_g) = g */
static struct ir_insn *ld_globals(struct cg *g)
{
	vreg_t v = cg_vreg(g);

	ir_comment(g->cc, g->f, "g = &%s (global data, no lookup)", DTM_VAR_GLOBALS);
	ir_ld_sec(g->cc, g->f, v, DTM_MAP_GLOBALS, 0);
	return ir_store(g->cc, g->f, 8, IR_FP, g->slot_g, v);
}

static void gen_rec_header(struct cg *g)
{
	struct dcc *cc = g->cc;
	vreg_t s = cg_sptr(g), v;

	ir_comment(cc, g->f, "rec = {epid %d, prid, cpu}", g->epid);
	ir_storei(cc, g->f, 4, s, g->rec_off, g->epid);
	if (g->probe->prov->dtrace) {
		ir_storei(cc, g->f, 4, s, g->rec_off + 4, (int32_t)g->probe->param);
	} else if (g->prid_data) {
		/* the prid dload wrote into .rodata: a constant to the verifier */
		v = cg_vreg(g);
		ir_ld_data(cc, g->f, v, g->prid_data - 1);
		ir_load(cc, g->f, 4, v, v, 0);
		ir_store(cc, g->f, 4, s, g->rec_off + 4, v);
	} else if (g->slot_prid) {
		v = cg_vreg(g);
		ir_load(cc, g->f, 8, v, IR_FP, g->slot_prid);
		ir_store(cc, g->f, 4, s, g->rec_off + 4, v);
	} else {
		v = cg_call(g, BPF_FUNC_get_attach_cookie, 1, cg_ctx(g));
		s = cg_sptr(g);
		ir_store(cc, g->f, 4, s, g->rec_off + 4, v);
	}
	v = cg_call(g, BPF_FUNC_get_smp_processor_id, 0);
	s = cg_sptr(g);
	ir_store(cc, g->f, 4, s, g->rec_off + 8, v);
	ir_storei(cc, g->f, 4, s, g->rec_off + 12, 0);
}

static void gen_prologue(struct cg *g)
{
	struct dcc *cc = g->cc;
	struct ir_func *f = g->f;
	int32_t kslot;

	g->slot_ctx = ir_stack_alloc(f, 8, 8);
	g->slot_g = ir_stack_alloc(f, 8, 8);
	g->slot_s = ir_stack_alloc(f, 8, 8);
	f->priv_top = f->stack_size;	/* never address-taken (peep.c) */
	kslot = ir_stack_alloc(f, 8, 8);
	g->slot_zero = kslot;
	ir_comment(cc, f, "prologue: %s", g->probe->prog);
	g->st_ctx = ir_store(cc, f, 8, IR_FP, g->slot_ctx, f->ctx);
	if (g->probe->prov->filter)
		g->probe->prov->filter(g, f->ctx);
	ir_storei(cc, f, 8, IR_FP, kslot, 0);
	cg_seg_begin(g, &g->seg_g);
	g->st_g = ld_globals(g);
	cg_seg_end(g, &g->seg_g);
	if (!g->probe->prov->dtrace) {
		vreg_t st = cg_vreg(g), gp = cg_gptr(g);

		ir_comment(cc, f, "if (g->state != ACTIVE) goto out");
		ir_load(cc, f, 4, st, gp, offsetof(struct dtm_globals_hdr, state));
		ir_jcci(cc, f, BPF_JNE, st, DTM_STATE_ACTIVE, g->lbl_out);
	}
	cg_seg_begin(g, &g->seg_s);
	g->st_s = lookup_zero(g, DTM_MAP_SCRATCH, kslot, g->slot_s);
	if (g->probe->prov->prologue) {
		ir_comment(cc, f, "%s provider prologue", g->probe->prov->name);
		g->probe->prov->prologue(g, cg_ctx(g), cg_sptr(g));
	}
	ir_storei(cc, f, 8, cg_sptr(g), CG_MST_TS, 0);
	cg_alloca_prologue(g);
	cg_dyn_prologue(g, g->cl->node);
	cg_seg_end(g, &g->seg_s);
	cg_seg_begin(g, &g->seg_h);
	gen_rec_header(g);
	cg_seg_end(g, &g->seg_h);
}

static void gen_predicate(struct cg *g, struct node *pred)
{
	if (!pred)
		return;
	ir_loc(g->cc, g->f, pred->loc.line);
	ir_comment(g->cc, g->f, "predicate: if (!pred) goto out");
	cg_cond_jump(g, pred, false, g->lbl_out);
}

static bool label_used(struct ir_func *f, int label)
{
	struct ir_insn *in;

	for (in = f->head; in; in = in->next)
		if ((in->op == IR_JA || in->op == IR_JCC || in->op == IR_JCCI) &&
		    in->label == label)
			return true;
	return false;
}

/* ringbuf_output(&dt_ringbuf, s + rec_off, size, 0); out: return 0 */
static void gen_epilogue(struct cg *g, bool traces, uint32_t size)
{
	struct dcc *cc = g->cc;
	struct ir_func *f = g->f;
	vreg_t m, d, n, z, gp, c;
	int chain = -1;

	if (traces && g->speculative) {
		cg_spec_output(g, size);	/* speculative record (cg_spec.c) */
	} else if (traces) {
		ir_comment(cc, f, "ringbuf_output(&dt_ringbuf, rec, %u, 0)", size);
		m = cg_vreg(g);
		ir_ld_map(cc, f, m, DTM_MAP_RINGBUF);
		d = cg_sptr(g);
		ir_alui(cc, f, BPF_ADD, d, g->rec_off);
		n = cg_vreg(g);
		ir_movi(cc, f, n, size);
		z = cg_vreg(g);
		ir_movi(cc, f, z, 0);
		cg_call(g, BPF_FUNC_ringbuf_output, 4, m, d, n, z);
	}
	ir_place_label(cc, f, g->lbl_out);
	if (cg_chained(g)) {
		g->ret_out = cg_chain_exit(g, &chain);	/* cg_chain.c */
	} else {
		g->ret_out = ir_movi(cc, f, IR_R0, 0);
		ir_exit(cc, f);
	}
	gen_fault_sites(g);
	if (!label_used(f, g->lbl_fault))
		return;		/* the verifier rejects unreachable code */
	ir_place_label(cc, f, g->lbl_fault);
	ir_comment(cc, f, "fault: g->faults++; output the fault record");
	gp = cg_gptr(g);
	c = cg_vreg(g);
	ir_load(cc, f, 8, c, gp, offsetof(struct dtm_globals_hdr, faults));
	ir_alui(cc, f, BPF_ADD, c, 1);
	ir_store(cc, f, 8, gp, offsetof(struct dtm_globals_hdr, faults), c);
	d = cg_sptr(g);
	ir_storei(cc, f, 4, d, g->rec_off, (int32_t)DTM_EPID_FAULT);
	ir_storei(cc, f, 4, d, g->rec_off + offsetof(struct dtm_fault_rec, epid),
		  g->epid);
	m = cg_vreg(g);
	ir_ld_map(cc, f, m, DTM_MAP_RINGBUF);
	ir_alui(cc, f, BPF_ADD, d, g->rec_off);
	n = cg_vreg(g);
	ir_movi(cc, f, n, sizeof(struct dtm_fault_rec));
	z = cg_vreg(g);
	ir_movi(cc, f, z, 0);
	cg_call(g, BPF_FUNC_ringbuf_output, 4, m, d, n, z);
	if (chain >= 0) {
		g->ret_fault = ir_ja(cc, f, chain);
		return;
	}
	g->ret_fault = ir_movi(cc, f, IR_R0, 0);
	ir_exit(cc, f);
}

/* Temporaries follow the record: patch their offsets now. */
static void apply_fixups(struct cg *g)
{
	uint32_t base = g->rec_off + ((g->rec_size + 7) & ~7u);
	struct cg_fixup *fx;
	uint32_t end;

	for (fx = g->fixups; fx; fx = fx->next) {
		if (fx->is_off)
			fx->insn->off += base;
		else
			fx->insn->imm += base;
	}
	g->fixups = NULL;
	end = base + g->tmp_top + g->strsize;
	if (end > g->scratch_size)
		g->scratch_size = end;
}

static void save_layout(struct cg *g, bool traces)
{
	struct cg_clause *cl = g->cl;
	uint32_t size = (g->rec_size + 7) & ~7u;

	if (cl->laid_out)
		return;
	cl->laid_out = true;
	cl->recs = g->rec_head;
	cl->nrecs = g->nrec;
	cl->size = size;
	cl->flags = traces ? DTM_CF_TRACES : 0;
	if (size > g->max_rec)
		g->max_rec = size;
}

static void gen_program(struct cg *g, struct cg_probe *pr, struct cg_clause *cl)
{
	struct node *c = cl->node;
	bool traces;

	g->f = ir_func_new(g->cc, g->p, pr->prog, pr->section, IR_FN_PROG);
	g->f->line = cl->line;
	g->probe = pr;
	g->cl = cl;
	g->epid = (int)(pr - g->probes);
	g->line = cl->line;
	g->lbl_out = ir_label(g->f);
	g->lbl_fault = ir_label(g->f);
	g->s_key = g->ret_out = g->ret_fault = NULL;
	g->slot_prid = 0;
	g->prid_data = 0;
	g->rec_size = CG_REC_HDR;
	g->rec_head = NULL;
	g->rec_tail = &g->rec_head;
	g->nrec = 0;
	g->records = false;
	g->speculative = false;
	g->tmp_top = 0;
	g->fixups = NULL;
	g->fsites = NULL;
	g->nfsites = 0;
	ir_loc(g->cc, g->f, cl->line);
	gen_prologue(g);
	cg_seg_begin(g, &g->seg_p);
	gen_predicate(g, c->kid[1]);
	cg_seg_end(g, &g->seg_p);
	cg_stmts(g, c->kid[2]);
	traces = g->records || body_empty(c->kid[2]);
	gen_epilogue(g, traces, (g->rec_size + 7) & ~7u);
	save_layout(g, traces);
	apply_fixups(g);
	cg_trim(g, traces);
	cg_nest(g);
}

/* ---- clauses and probe descriptions ---------------------------------------------- */

static struct cg_probe *new_probe(struct cg *g)
{
	if (g->nprobes == g->probes_cap) {
		int cap = g->probes_cap ? 2 * g->probes_cap : 16;
		struct cg_probe *n = dcc_alloc(g->cc, cap * sizeof(*n));

		if (g->nprobes)
			memcpy(n, g->probes, g->nprobes * sizeof(*n));
		g->probes = n;
		g->probes_cap = cap;
	}
	return &g->probes[g->nprobes++];
}

static void add_probe(struct cg *g, int ci, int k, struct node *pd,
		      struct prov_probe *pp)
{
	struct cg_probe *pr = new_probe(g);
	char name[64];

	g->cc->nprobes_matched += pp->nprobes;
	snprintf(name, sizeof(name), "dt_c%d_p%d", ci, k);
	pr->pdesc = pd;
	pr->prov = pp->prov;
	pr->prog = dcc_intern(g->cc, name);
	pr->section = dcc_intern(g->cc, pp->section);
	pr->clause = ci;
	pr->kind = pp->prov->kind;
	pr->flags = pp->flags;
	pr->param = pp->param;
	pr->stmt = g->nstmts;
}

static void add_probes(struct cg *g, int ci, struct node *clause)
{
	struct node *pd;
	int k = 0;

	for (pd = clause->kid[0]; pd; pd = pd->next, g->nstmts++) {
		struct prov_probe pp;

		if (!prov_resolve(g->cc, pd, &pp))
			continue;
		add_probe(g, ci, k++, pd, &pp);
		while (pp.more) {
			const struct provider *prov = pp.prov;
			int v = pp.variant + 1;

			memset(&pp, 0, sizeof(pp));
			pp.variant = v;
			pp.nprobes = 1;
			if (!prov->match(g->cc, pd, &pp))
				break;
			if (!pp.prov)
				pp.prov = prov;
			add_probe(g, ci, k++, pd, &pp);
		}
	}
}

static void collect_clauses(struct cg *g)
{
	struct node *n;
	int ci = 0;

	for (n = g->cc->prog ? g->cc->prog->kid[0] : NULL; n; n = n->next)
		if (n->kind == N_CLAUSE)
			g->nclauses++;
	g->clauses = dcc_alloc(g->cc, (g->nclauses + 1) * sizeof(*g->clauses));
	for (n = g->cc->prog ? g->cc->prog->kid[0] : NULL; n; n = n->next) {
		if (n->kind != N_CLAUSE)
			continue;
		g->clauses[ci].node = n;
		g->clauses[ci].line = n->loc.line;
		add_probes(g, ci, n);
		ci++;
	}
}

static uint32_t opt_u32(struct cg *g, const char *name, uint32_t def)
{
	const char *v = dcc_option(g->cc, name);
	char *end;
	unsigned long long n;

	if (!v || !*v)
		return def;
	n = strtoull(v, &end, 0);
	if (*end == 'k' || *end == 'K')
		n <<= 10;
	else if (*end == 'm' || *end == 'M')
		n <<= 20;
	else if (*end == 'g' || *end == 'G')
		n <<= 30;
	return n ? (uint32_t)n : def;
}

static void define_maps(struct cg *g)
{
	struct dcc *cc = g->cc;
	uint32_t gsize = sizeof(struct dtm_globals_hdr);

	if (g->globals_size > gsize)
		gsize = g->globals_size;
	/* slack: string loops read whole words up to strsize past a string */
	gsize = (gsize + g->strsize + 15) & ~7u;
	g->p->globals_len = gsize;	/* the DTM_MAP_GLOBALS section */
	ir_map_add(cc, g->p, DTM_MAP_SCRATCH, BPF_MAP_TYPE_PERCPU_ARRAY, 4,
		   (g->scratch_size + 7) & ~7u, CG_NEST_MAX);
	if (g->nest_used)
		ir_map_add(cc, g->p, CG_MAP_NEST, BPF_MAP_TYPE_PERCPU_ARRAY, 4,
			   4, 1);
	ir_map_add(cc, g->p, DTM_MAP_RINGBUF, BPF_MAP_TYPE_RINGBUF, 0, 0,
		   DEFAULT_RINGBUF);
	ir_map_add(cc, g->p, DTM_MAP_PROBES, BPF_MAP_TYPE_ARRAY, 4,
		   sizeof(struct dtm_probe_info), DEFAULT_PROBES);
	cg_agg_maps(g);
	cg_dyn_maps(g);
}

/* Storage of globals and this-> variables: sema's order, but a string
 * takes strsize characters plus its NUL (sema counts strsize). */
static uint32_t layout_list(struct cg *g, struct sym *list, uint32_t top)
{
	struct sym *s;

	for (s = list; s; s = s->list_next) {
		struct type *r = s->type ? type_resolve(s->type) : NULL;
		uint32_t size = cg_type_size(g, s->type), a = r ? r->align : 8;

		if (r && r->kind == TY_STRING)
			a = 1;
		a = a == 0 ? 1 : a > 8 ? 8 : a;
		s->offset = (top + a - 1) / a * a;
		s->size = size;
		top = s->offset + size;
	}
	return top;
}

static void layout_vars(struct cg *g)
{
	g->globals_size = sizeof(struct dtm_globals_hdr);
	if (!g->syms)
		return;
	g->globals_size = layout_list(g, g->syms->globals, g->globals_size);
	g->this_size = layout_list(g, g->syms->locals, 0);
}

static void cg_init(struct dcc *cc, struct cg *g)
{
	g->cc = cc;
	g->p = ir_prog_new(cc);
	g->syms = sema_syms(cc);
	g->strsize = (uint32_t)type_size(type_string(cc));
	if (!g->strsize)
		g->strsize = opt_u32(g, "strsize", 256);
	g->strsize++;		/* strsize characters and the NUL */
	g->stackframes = opt_u32(g, "stackframes", 20);
	if (dcc_option_set(cc, "maxframes") &&
	    opt_u32(g, "maxframes", 20) < g->stackframes)
		g->stackframes = opt_u32(g, "maxframes", 20);
	layout_vars(g);
	g->this_size = (g->this_size + 7) & ~7u;
	g->rec_off = CG_THIS_OFF + g->this_size;
	g->scratch_size = g->rec_off + CG_REC_HDR;
	g->aggv = IR_NOREG;
	cc->pass_priv[DCC_PASS_CG] = g;
	cc->ir = g->p;
	cg_alloca_scan(g);
}

void cg_program(struct dcc *cc)
{
	struct cg *g = dcc_alloc(cc, sizeof(*g));
	int i;

	cg_init(cc, g);
	collect_clauses(g);
	for (i = 0; i < g->nprobes; i++)
		gen_program(g, &g->probes[i], &g->clauses[g->probes[i].clause]);
	define_maps(g);
	meta_out(g);
}
