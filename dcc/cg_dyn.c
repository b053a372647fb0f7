/* SPDX-License-Identifier: MIT */
/*
 * cg_dyn.c -- dynamic variables: thread-local self->x and global
 * associative arrays a[k...].
 *
 * Each variable is a BPF hash map: "dt_tls_<id>" keyed by a u64 thread key
 * (the tid; idle threads, which all have tid 0, use (1 << 32) | cpu), and
 * "dt_assoc_<id>" keyed by the key tuple (laid out as aggregation keys).
 *
 *   load:   v = map_lookup_elem(&map, key); value = v ? *v : 0 (or "")
 *   store:  x == 0 (scalars) ? map_delete_elem(&map, key)
 *                            : map_update_elem(&map, key, &x, BPF_ANY)
 *
 * As in DTrace, assigning zero to a dynamic variable deallocates it.
 */
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"

#define DYN_DEFAULT_ENTRIES	4096

static bool by_ref(struct type *t)
{
	struct type *r = t ? type_resolve(t) : NULL;

	return r && (r->kind == TY_STRING || r->kind == TY_ARRAY ||
		     r->kind == TY_STRUCT || r->kind == TY_UNION);
}

static uint32_t val_size(struct cg *g, struct type *t)
{
	uint32_t n = cg_type_size(g, t);

	return n < 8 ? 8 : (n + 7) & ~7u;
}

static const char *dyn_map(struct cg *g, struct sym *s)
{
	char name[64];

	snprintf(name, sizeof(name), "dt_%s_%d",
		 s->kind == SYM_TLS ? "tls" : "assoc", s->id);
	return dcc_intern(g->cc, name);
}

/* *(u64 *)tmp = tid ?: (1 << 32 | cpu) */
/* t = tid ?: (1 << 32 | cpu): the thread's key */
static vreg_t tls_key_value(struct cg *g)
{
	struct dcc *cc = g->cc;
	vreg_t t, c, hi;
	int l = ir_label(g->f);

	ir_comment(cc, g->f, "tls key = tid ?: (1 << 32 | cpu)");
	t = cg_call(g, BPF_FUNC_get_current_pid_tgid, 0);
	ir_alui(cc, g->f, BPF_LSH, t, 32);
	ir_alui(cc, g->f, BPF_RSH, t, 32);
	ir_jcci(cc, g->f, BPF_JNE, t, 0, l);
	c = cg_call(g, BPF_FUNC_get_smp_processor_id, 0);
	hi = cg_vreg(g);
	ir_movi(cc, g->f, hi, (int64_t)1 << 32);
	ir_alu(cc, g->f, BPF_OR, hi, c);
	ir_mov(cc, g->f, t, hi);
	ir_place_label(cc, g->f, l);
	return t;
}

/* Programs that use self-> compute the key once, in the prologue. */
static bool uses_tls(struct node *n)
{
	int i;

	for (; n; n = n->next) {
		if (n->kind == N_SELF)
			return true;
		for (i = 0; i < 4; i++)
			if (n->kid[i] && uses_tls(n->kid[i]))
				return true;
	}
	return false;
}

void cg_dyn_prologue(struct cg *g, struct node *clause)
{
	g->tls_cached = uses_tls(clause->kid[1]) || uses_tls(clause->kid[2]);
	if (g->tls_cached)
		ir_store(g->cc, g->f, 8, cg_sptr(g), CG_MST_TLSKEY,
			 tls_key_value(g));
}

static void tls_key_at(struct cg *g, uint32_t tmp)
{
	vreg_t t;

	if (g->tls_cached) {
		t = cg_vreg(g);
		ir_load(g->cc, g->f, 8, t, cg_sptr(g), CG_MST_TLSKEY);
	} else {
		t = tls_key_value(g);
	}
	ir_store(g->cc, g->f, 8, cg_tmp_ptr(g, tmp), 0, t);
}

static uint32_t tls_key(struct cg *g)
{
	uint32_t tmp = cg_tmp_alloc(g, 8);

	tls_key_at(g, tmp);
	return tmp;
}

static uint32_t assoc_key(struct cg *g, struct sym *s, struct node *keys,
			  uint32_t *ksize, uint32_t prefix)
{
	struct cg_aggkey *k = dcc_alloc(g->cc, (s->nkeys + 1) * sizeof(*k));
	struct type **kt = s->keys;
	struct node *a;
	int i;

	if (!kt) {
		kt = dcc_alloc(g->cc, (node_list_len(keys) + 1) * sizeof(*kt));
		for (i = 0, a = keys; a; a = a->next, i++)
			kt[i] = a->type;
	}
	*ksize = cg_key_layout(g, kt, s->nkeys ? s->nkeys : node_list_len(keys), k);
	return cg_key_build_at(g, keys, k, s->nkeys ? s->nkeys :
			       node_list_len(keys), *ksize, prefix);
}

/* The map key of a dynamic-variable reference n (N_SELF or N_INDEX). */
static uint32_t dyn_key(struct cg *g, struct node *n, struct sym **sp)
{
	uint32_t ks, tmp;

	if (n->kind == N_SELF) {
		*sp = n->sym;
		return tls_key(g);
	}
	*sp = n->kid[0]->sym;
	if (n->kid[0]->kind != N_SELF)
		return assoc_key(g, *sp, n->kid[1], &ks, 0);
	tmp = assoc_key(g, *sp, n->kid[1], &ks, 8);	/* self->a[k]: tid, k */
	tls_key_at(g, tmp);
	return tmp;
}

static bool is_str(struct type *t)
{
	struct type *r = t ? type_resolve(t) : NULL;

	return r && r->kind == TY_STRING;
}

/* delete(&map, key): what storing 0 (NULL) into a dynamic variable does */
void cg_dyn_delete(struct cg *g, struct node *n)
{
	struct sym *s;
	uint32_t key = dyn_key(g, n, &s);
	vreg_t m = cg_vreg(g);

	ir_comment(g->cc, g->f, "x = 0: delete(&%s, key)", dyn_map(g, s));
	ir_ld_map(g->cc, g->f, m, dyn_map(g, s));
	cg_call(g, BPF_FUNC_map_delete_elem, 2, m, cg_tmp_ptr(g, key));
}

static vreg_t zero_value(struct cg *g, struct type *t)
{
	uint32_t n = cg_type_size(g, t);
	char *z = dcc_alloc(g->cc, n < g->strsize ? g->strsize : n);
	vreg_t d = cg_vreg(g);

	ir_ld_data(g->cc, g->f, d, ir_rodata_add(g->cc, g->p, z,
						 n < g->strsize ? g->strsize : n));
	return d;
}

static vreg_t dyn_load(struct cg *g, struct node *n)
{
	struct dcc *cc = g->cc;
	struct sym *s;
	bool zero = g->null_str_zero, ok = g->null_str_ok;
	uint32_t key;
	vreg_t m = cg_vreg(g), v, d = cg_vreg(g);
	int l_end = ir_label(g->f), l_none = ir_label(g->f);
	uint32_t size = cg_type_size(g, n->type);

	g->null_str_zero = g->null_str_ok = false;	/* not for the keys */
	key = dyn_key(g, n, &s);
	g->null_str_zero = zero;
	g->null_str_ok = ok;

	if (!s)
		dcc_error(cc, n->loc, "D_UNSUPPORTED", "unresolved dynamic variable");
	ir_comment(cc, g->f, "v = lookup(&%s, key); value = v ? *v : 0",
		   dyn_map(g, s));
	ir_ld_map(cc, g->f, m, dyn_map(g, s));
	v = cg_call(g, BPF_FUNC_map_lookup_elem, 2, m, cg_tmp_ptr(g, key));
	ir_jcci(cc, g->f, BPF_JEQ, v, 0, l_none);
	if (by_ref(n->type)) {
		ir_mov(cc, g->f, d, v);
		ir_ja(cc, g->f, l_end);
		ir_place_label(cc, g->f, l_none);
		if (is_str(n->type) && g->null_str_zero) {
			ir_movi(cc, g->f, d, 0);	/* NULL, for == NULL */
		} else if (is_str(n->type) && !g->null_str_ok) {
			/* a missing string is NULL: using it faults */
			ir_comment(cc, g->f, "missing string element: NULL");
			cg_fault_jcci(g, BPF_JA, IR_NOREG, 0, DTM_FLT_BADADDR,
				      IR_NOREG);
		} else {
			ir_mov(cc, g->f, d, zero_value(g, n->type));
		}
	} else {
		if (size != 1 && size != 2 && size != 4)
			size = 8;
		ir_load(cc, g->f, size, d, v, 0);
		cg_norm(g, d, n->type);
		ir_ja(cc, g->f, l_end);
		ir_place_label(cc, g->f, l_none);
		ir_movi(cc, g->f, d, 0);
	}
	ir_place_label(cc, g->f, l_end);
	return d;
}

/* A dynamic struct/array read in place: pointer to the value (or zeros). */
void cg_dyn_lvalue(struct cg *g, struct node *n, struct cg_lv *lv)
{
	lv->kind = LV_MAP;
	lv->base = dyn_load(g, n);
	lv->off = 0;
	lv->type = n->type;
}

vreg_t cg_tls_load(struct cg *g, struct node *n)
{
	return dyn_load(g, n);
}

vreg_t cg_assoc_load(struct cg *g, struct node *n)
{
	return dyn_load(g, n);
}

bool cg_is_dyn(struct node *n)
{
	if (n->kind == N_SELF)
		return true;
	if (n->kind == N_INDEX && n->kid[0]->kind == N_SELF)
		return n->kid[0]->sym && n->kid[0]->sym->nkeys > 0;
	return n->kind == N_INDEX && n->kid[0]->kind == N_IDENT &&
	       n->kid[0]->sym && n->kid[0]->sym->kind == SYM_ASSOC;
}

void cg_dyn_store(struct cg *g, struct node *n, vreg_t v)
{
	struct dcc *cc = g->cc;
	struct sym *s;
	uint32_t key = dyn_key(g, n, &s), vt;
	vreg_t m = cg_vreg(g), p, fl;
	int l_end = ir_label(g->f), l_set = ir_label(g->f);

	if (!by_ref(n->type)) {
		ir_comment(cc, g->f, "x == 0 ? delete(&%s, key) : update(...)",
			   dyn_map(g, s));
		ir_jcci(cc, g->f, BPF_JNE, v, 0, l_set);
		ir_ld_map(cc, g->f, m, dyn_map(g, s));
		cg_call(g, BPF_FUNC_map_delete_elem, 2, m, cg_tmp_ptr(g, key));
		ir_ja(cc, g->f, l_end);
		ir_place_label(cc, g->f, l_set);
		vt = cg_tmp_alloc(g, 8);
		ir_store(cc, g->f, 8, cg_tmp_ptr(g, vt), 0, v);
		p = cg_tmp_ptr(g, vt);
	} else {
		if (is_str(n->type)) {	/* a NULL string (at run time) */
			ir_comment(cc, g->f, "x == NULL ? delete(&%s, key)",
				   dyn_map(g, s));
			ir_jcci(cc, g->f, BPF_JNE, v, 0, l_set);
			ir_ld_map(cc, g->f, m, dyn_map(g, s));
			cg_call(g, BPF_FUNC_map_delete_elem, 2, m,
				cg_tmp_ptr(g, key));
			ir_ja(cc, g->f, l_end);
			ir_place_label(cc, g->f, l_set);
		}
		ir_comment(cc, g->f, "update(&%s, key, &x, BPF_ANY)", dyn_map(g, s));
		p = v;
		if (is_str(n->type)) {	/* at most strsize characters */
			vt = cg_tmp_alloc(g, g->strsize);
			fl = cg_vreg(g);
			ir_movi(cc, g->f, fl, g->strsize);
			cg_call(g, BPF_FUNC_probe_read_kernel_str, 3,
				cg_tmp_ptr(g, vt), fl, v);
			p = cg_tmp_ptr(g, vt);
		}
	}
	m = cg_vreg(g);
	ir_ld_map(cc, g->f, m, dyn_map(g, s));
	fl = cg_vreg(g);
	ir_movi(cc, g->f, fl, BPF_ANY);
	cg_call(g, BPF_FUNC_map_update_elem, 4, m, cg_tmp_ptr(g, key), p, fl);
	ir_place_label(cc, g->f, l_end);
}

static uint32_t dyn_entries(struct cg *g)
{
	const char *v = dcc_option(g->cc, "dynvarsize");
	unsigned long long b = v && *v ? strtoull(v, NULL, 0) : 0;

	if (b >= 64 * 1024)
		return (uint32_t)(b / 256);
	return DYN_DEFAULT_ENTRIES;
}

void cg_dyn_maps(struct cg *g)
{
	struct sym *s;
	struct cg_aggkey k[16];

	if (!g->syms)
		return;
	for (s = g->syms->tls; s; s = s->list_next) {
		uint32_t ks = s->nkeys && s->nkeys <= 16 ?
			cg_key_layout(g, s->keys, s->nkeys, k) : 0;

		ir_map_add(g->cc, g->p, dyn_map(g, s), BPF_MAP_TYPE_HASH, 8 + ks,
			   val_size(g, s->type), dyn_entries(g));
	}
	for (s = g->syms->assocs; s; s = s->list_next) {
		uint32_t ks = s->nkeys <= 16 ?
			cg_key_layout(g, s->keys, s->nkeys, k) : 8;

		ir_map_add(g->cc, g->p, dyn_map(g, s), BPF_MAP_TYPE_HASH, ks,
			   val_size(g, s->type), dyn_entries(g));
	}
}
