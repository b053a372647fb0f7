/* SPDX-License-Identifier: MIT */
/*
 * cg_agg.c -- aggregations: key tuples, the per-CPU value update sequence
 * and the aggregating functions' slot updates (the gen_<aggfn> hooks).
 *
 * @a[k1, k2] = f(args) becomes
 *
 *   key = tmp (zeroed; key items at their offsets)
 *   v = map_lookup_elem(&dt_agg_<id>, key)
 *   if (!v) { map_update_elem(&dt_agg_<id>, key, &zero_value, BPF_NOEXIST);
 *             v = map_lookup_elem(&dt_agg_<id>, key);
 *             if (!v) { globals->aggdrops++; goto skip } }   (map full)
 *   update the int64 slots of *v as meta.h lays them out for f.
 *   skip:
 *
 * An unkeyed count/avg/stddev/min/max, whose first slot tells whether it
 * was ever updated, lives in a one-entry PERCPU_ARRAY instead (the
 * verifier inlines its lookup; no key to build, no insert path):
 *
 *   v = map_lookup_elem(&dt_agg_<id>, &zero); if (!v) goto skip
 *
 * Key tuples are also used by associative arrays (cg_dyn.c).
 */
#include <linux/bpf.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"
#include "funcs.h"

#define QUANTIZE_NBUCKETS	127
#define QUANTIZE_ZERO		63
#define AGG_DEFAULT_ENTRIES	4096

/* ---- key tuples -------------------------------------------------------------- */

/* Lay out nkeys items of the given types; returns the key size. */
uint32_t cg_key_layout(struct cg *g, struct type **types, int nkeys,
		       struct cg_aggkey *out)
{
	return cg_key_layout_exprs(g, types, NULL, nkeys, out);
}

/* Same, the items' kinds and sizes also following the key expressions
 * (a list, or NULL): mod()/umod()/uaddr(), stack(n)/ustack(). */
uint32_t cg_key_layout_exprs(struct cg *g, struct type **types,
			     const struct node *exprs, int nkeys,
			     struct cg_aggkey *out)
{
	uint32_t off = 0, size, flags, align, room;
	int i, kind;

	for (i = 0; i < nkeys; i++, exprs = exprs ? exprs->next : NULL) {
		cg_kind_of_expr(g, types[i], exprs, &kind, &size, &flags, &align);
		room = size;
		if (kind == DTM_K_INT && size < 8)	/* 8-byte slot, the */
			room = 8, align = 8;		/* declared size */
		if (align < 1)
			align = 1;
		off = (off + align - 1) / align * align;
		out[i].k.kind = kind;
		out[i].k.flags = flags;
		out[i].k.offset = off;
		out[i].k.size = size;
		out[i].type = type_name(g->cc, types[i]);
		off += room;
	}
	if (off == 0)
		off = 8;
	return (off + 7) & ~7u;
}

/* A stack()/ustack() key item: [pid (ustack) | 0][frames...] */
static void key_stack(struct cg *g, struct node *a, struct cg_aggkey *k,
		      uint32_t tmp)
{
	bool user = a->kind == N_CALL && strcmp(a->name, "stack");
	vreg_t d, sz, fl, pid;

	k->k.kind = user ? DTM_K_USTACK : DTM_K_STACK;
	if (user) {
		pid = cg_call(g, BPF_FUNC_get_current_pid_tgid, 0);
		ir_alui(g->cc, g->f, BPF_RSH, pid, 32);
		ir_store(g->cc, g->f, 8, cg_tmp_ptr(g, tmp), k->k.offset, pid);
	}
	d = cg_tmp_ptr(g, tmp);
	ir_alui(g->cc, g->f, BPF_ADD, d, k->k.offset + (user ? 8 : 0));
	sz = cg_vreg(g);
	ir_movi(g->cc, g->f, sz, k->k.size - 8);
	fl = cg_vreg(g);
	ir_movi(g->cc, g->f, fl, user ? BPF_F_USER_STACK : 0);
	cg_call(g, BPF_FUNC_get_stack, 4, cg_ctx(g), d, sz, fl);
}

/* Build the key of `args` (a list) into a zeroed temporary: its offset. */
uint32_t cg_key_build(struct cg *g, struct node *args, struct cg_aggkey *keys,
		      int nkeys, uint32_t key_size)
{
	return cg_key_build_at(g, args, keys, nkeys, key_size, 0);
}

/* Same, after `prefix` reserved bytes (the key is prefix + key_size). */
uint32_t cg_key_build_at(struct cg *g, struct node *args, struct cg_aggkey *keys,
			 int nkeys, uint32_t key_size, uint32_t prefix)
{
	uint32_t tmp = cg_tmp_alloc(g, key_size + prefix) + prefix;
	struct node *a;
	int i = 0;

	ir_comment(g->cc, g->f, "key = tmp[%u bytes]", key_size);
	cg_zero(g, cg_tmp_ptr(g, tmp), 0, key_size);
	for (a = args; a && i < nkeys; a = a->next, i++) {
		vreg_t v, b;
		struct cg_aggkey *k = &keys[i];

		if (k->k.kind == DTM_K_STACK || k->k.kind == DTM_K_USTACK) {
			key_stack(g, a, k, tmp);
			continue;
		}
		v = cg_expr(g, a);
		b = cg_tmp_ptr(g, tmp);
		if (k->k.kind == DTM_K_STRING) {
			vreg_t d = cg_vreg(g), n = cg_vreg(g);

			ir_mov(g->cc, g->f, d, b);
			ir_alui(g->cc, g->f, BPF_ADD, d, k->k.offset);
			ir_movi(g->cc, g->f, n, k->k.size);
			cg_call(g, BPF_FUNC_probe_read_kernel_str, 3, d, n, v);
		} else if (k->k.kind == DTM_K_BYTES) {
			vreg_t d = cg_vreg(g);

			ir_mov(g->cc, g->f, d, b);
			ir_alui(g->cc, g->f, BPF_ADD, d, k->k.offset);
			cg_memcpy(g, d, v, k->k.size);
		} else if (k->k.kind == DTM_K_USYM || k->k.kind == DTM_K_UMOD ||
			   k->k.kind == DTM_K_UADDR) {	/* [pid, pc] */
			vreg_t pid = cg_call(g, BPF_FUNC_get_current_pid_tgid, 0);

			ir_alui(g->cc, g->f, BPF_RSH, pid, 32);
			b = cg_tmp_ptr(g, tmp);
			ir_store(g->cc, g->f, 8, b, k->k.offset, pid);
			ir_store(g->cc, g->f, 8, b, k->k.offset + 8, v);
		} else {
			ir_store(g->cc, g->f, k->k.size >= 8 ? 8 : k->k.size, b,
				 k->k.offset, v);
		}
	}
	return tmp - prefix;
}

/* ---- the aggregation table --------------------------------------------------------- */

static uint32_t lquantize_levels(int64_t base, int64_t limit, int64_t step)
{
	return step > 0 && limit > base ? (uint32_t)((limit - base) / step) : 0;
}

/* DTrace's log-linear buckets (dtrace-utils layout, as dload prints them):
 * symmetric around bin0, the bucket of |x| < factor^low; with
 * M = (high - low + 1) * (nsteps - nsteps / factor), bins 1..M above
 * bin0 step through the magnitudes, bin0 + M + 1 is >= factor^(high+1)
 * and the mirror images hold the negative values: 2M + 3 bins. */
static int64_t llq_m(const int64_t *p)
{
	int64_t factor = p[0], nsteps = p[3];

	if (factor < 2 || nsteps < 1 || p[2] < p[1])
		return 0;
	return (p[2] - p[1] + 1) * (nsteps - nsteps / factor);
}

static uint32_t llquantize_nbuckets(const int64_t *p)
{
	return (uint32_t)(2 * llq_m(p) + 3);
}

static uint32_t agg_val_size(struct cg_agg *a)
{
	switch (a->func) {
	case DTM_AGG_COUNT: case DTM_AGG_SUM: return 8;
	case DTM_AGG_AVG: case DTM_AGG_MIN: case DTM_AGG_MAX: return 16;
	case DTM_AGG_STDDEV: return 32;
	case DTM_AGG_QUANTIZE: return QUANTIZE_NBUCKETS * 8;
	case DTM_AGG_LQUANTIZE:
		return (lquantize_levels(a->params[0], a->params[1],
					 a->params[2]) + 2) * 8;
	case DTM_AGG_LLQUANTIZE: return llquantize_nbuckets(a->params) * 8;
	default: return 8;
	}
}

static void agg_params(struct cg *g, struct cg_agg *a, struct node *call)
{
	struct node *arg = call->kid[0];
	int i;

	memcpy(a->params, a->sym->agg_params, sizeof(a->params));
	if (a->func == DTM_AGG_LQUANTIZE && !a->params[2]) {
		/* sema did not fill them: take the constant arguments */
		for (i = 0, arg = arg ? arg->next : NULL; arg && i < 3;
		     arg = arg->next, i++)
			a->params[i] = arg->is_const ? arg->cval : 0;
		if (i < 3)
			a->params[2] = 1;
	} else if (a->func == DTM_AGG_LLQUANTIZE && !a->params[0]) {
		for (i = 0, arg = arg ? arg->next : NULL; arg && i < 4;
		     arg = arg->next, i++)
			a->params[i] = arg->is_const ? arg->cval : 0;
	}
}

/* mod(), umod() and uaddr() keys have the type of sym()/usym() but print
 * differently: the module only, or the address with its offset. */
static int symaddr_kind(const struct node *k, int kind)
{
	if (k->kind != N_CALL || !k->name)
		return kind;
	if (kind == DTM_K_SYM && !strcmp(k->name, "mod"))
		return DTM_K_MOD;
	if (kind == DTM_K_USYM && !strcmp(k->name, "umod"))
		return DTM_K_UMOD;
	if (kind == DTM_K_USYM && !strcmp(k->name, "uaddr"))
		return DTM_K_UADDR;
	return kind;
}

static void agg_setup(struct cg *g, struct cg_agg *a, struct node *lhs,
		      struct node *call)
{
	struct sym *s = a->sym;
	struct node *keys = lhs->kind == N_INDEX ? lhs->kid[1] : NULL, *k;
	struct type **kt;
	const struct func_def *fd = func_lookup(call->name);
	char name[64];
	int i;

	a->nkeys = s->nkeys ? s->nkeys : node_list_len(keys);
	kt = dcc_alloc(g->cc, (a->nkeys + 1) * sizeof(*kt));
	for (i = 0, k = keys; i < a->nkeys; i++, k = k ? k->next : NULL)
		kt[i] = s->nkeys ? s->keys[i] : k->type;
	a->keys = dcc_alloc(g->cc, (a->nkeys + 1) * sizeof(*a->keys));
	a->key_size = cg_key_layout_exprs(g, kt, node_list_len(keys) == a->nkeys ?
					  keys : NULL, a->nkeys, a->keys);
	for (i = 0, k = keys; k && i < a->nkeys; i++, k = k->next)
		a->keys[i].k.kind = symaddr_kind(k, a->keys[i].k.kind);
	a->func = fd ? (uint32_t)fd->code : DTM_AGG_COUNT;
	agg_params(g, a, call);
	a->val_size = agg_val_size(a);
	snprintf(name, sizeof(name), "dt_agg_%d", s->id);
	a->map = dcc_intern(g->cc, name);
	a->line = lhs->loc.line;
	a->used = true;
}

struct cg_agg *cg_agg_get(struct cg *g, struct sym *s)
{
	int n = g->syms ? g->syms->nagg : 0;

	if (s->id >= n)
		n = s->id + 1;
	if (n > g->naggs) {
		struct cg_agg *na = dcc_alloc(g->cc, n * sizeof(*na));

		if (g->naggs)
			memcpy(na, g->aggs, g->naggs * sizeof(*na));
		g->aggs = na;
		g->naggs = n;
	}
	g->aggs[s->id].sym = s;
	return &g->aggs[s->id];
}

/* Every aggregation sema knows gets an entry, even if never updated. */
static void agg_collect_syms(struct cg *g)
{
	struct sym *s;

	for (s = g->syms ? g->syms->aggs : NULL; s; s = s->list_next)
		cg_agg_get(g, s);
}

/* A size option's bytes: a number with an optional k/m/g/t suffix. */
static unsigned long long agg_size_opt(const char *v)
{
	char *end;
	unsigned long long b = strtoull(v, &end, 0);
	const char *sfx = "kmgt", *p = *end ? strchr(sfx, *end | 0x20) : NULL;

	for (int i = p ? (int)(p - sfx) + 1 : 0; i > 0; i--)
		b = b > (~0ULL >> 10) ? ~0ULL : b << 10;
	return b;
}

/* An unkeyed aggregation whose zero value reads as "never updated" (dload
 * leaves those out): a one-entry PERCPU_ARRAY.  sum() and the histograms
 * can legitimately be all zeros, so they keep the hash (an entry exists
 * only once updated). */
static bool agg_is_array(const struct cg_agg *a)
{
	if (!a->used || a->nkeys)
		return false;
	return a->func == DTM_AGG_COUNT || a->func == DTM_AGG_AVG ||
	       a->func == DTM_AGG_STDDEV || a->func == DTM_AGG_MIN ||
	       a->func == DTM_AGG_MAX;
}

void cg_agg_maps(struct cg *g)
{
	const char *v = dcc_option(g->cc, "aggsize");
	uint32_t max = AGG_DEFAULT_ENTRIES;
	int i;

	agg_collect_syms(g);
	for (i = 0; i < g->naggs; i++) {
		struct cg_agg *a = &g->aggs[i];
		char name[64];

		if (!a->sym)
			continue;
		if (!a->used) {	/* printa/clear only: minimal layout */
			snprintf(name, sizeof(name), "dt_agg_%d", i);
			a->map = dcc_intern(g->cc, name);
			a->key_size = a->key_size ? a->key_size : 8;
			a->val_size = a->val_size ? a->val_size : 8;
			a->func = a->sym->aggfn ? (uint32_t)a->sym->aggfn->code
						: DTM_AGG_COUNT;
		}
		if (v && *v) {	/* aggsize bytes: as many entries as fit */
			unsigned long long b = agg_size_opt(v);

			b /= a->key_size + a->val_size;
			max = b < 1 ? 1 : b > (1u << 24) ? 1u << 24 : (uint32_t)b;
		}
		if (agg_is_array(a))
			ir_map_add(g->cc, g->p, a->map, BPF_MAP_TYPE_PERCPU_ARRAY,
				   sizeof(uint32_t), a->val_size, 1);
		else
			ir_map_add(g->cc, g->p, a->map, BPF_MAP_TYPE_PERCPU_HASH,
				   a->key_size, a->val_size, max);
	}
}

/* ---- the update sequence ------------------------------------------------------------ */

/* The map is full: count an aggregation drop and skip the update.
 *   g = &dt_globals[0]; g->aggdrops += 1; goto skip */
static void agg_drop(struct cg *g, vreg_t vp, int l_skip)
{
	int l_ok = ir_label(g->f);
	vreg_t gp, c;

	ir_jcci(g->cc, g->f, BPF_JNE, vp, 0, l_ok);
	gp = cg_gptr(g);
	c = cg_vreg(g);
	ir_load(g->cc, g->f, 8, c, gp, offsetof(struct dtm_globals_hdr, aggdrops));
	ir_alui(g->cc, g->f, BPF_ADD, c, 1);
	ir_store(g->cc, g->f, 8, gp, offsetof(struct dtm_globals_hdr, aggdrops), c);
	ir_ja(g->cc, g->f, l_skip);
	ir_place_label(g->cc, g->f, l_ok);
}

/* v = map_lookup_elem(&array, &zero); if (!v) goto skip (cannot happen) */
static vreg_t array_lookup(struct cg *g, struct cg_agg *a, int l_skip)
{
	struct dcc *cc = g->cc;
	vreg_t m = cg_vreg(g), k = cg_vreg(g), v;

	ir_comment(cc, g->f, "v = lookup(&%s, &zero)", a->map);
	ir_ld_map(cc, g->f, m, a->map);
	ir_mov(cc, g->f, k, IR_FP);
	ir_alui(cc, g->f, BPF_ADD, k, g->slot_zero);
	v = cg_call(g, BPF_FUNC_map_lookup_elem, 2, m, k);
	ir_jcci(cc, g->f, BPF_JEQ, v, 0, l_skip);
	return v;
}

static vreg_t agg_lookup(struct cg *g, struct cg_agg *a, uint32_t ktmp,
			 int l_skip)
{
	struct dcc *cc = g->cc;
	vreg_t vp, m, v, z, fl;
	int l_have;
	char *zero;
	uint32_t zoff;

	if (agg_is_array(a))
		return array_lookup(g, a, l_skip);
	vp = cg_vreg(g);
	l_have = ir_label(g->f);
	zero = dcc_alloc(cc, a->val_size);
	zoff = ir_rodata_add(cc, g->p, zero, a->val_size);
	ir_comment(cc, g->f, "v = lookup(&%s, key) ?: insert zero value", a->map);
	m = cg_vreg(g);
	ir_ld_map(cc, g->f, m, a->map);
	v = cg_call(g, BPF_FUNC_map_lookup_elem, 2, m, cg_tmp_ptr(g, ktmp));
	ir_mov(cc, g->f, vp, v);
	ir_jcci(cc, g->f, BPF_JNE, vp, 0, l_have);
	m = cg_vreg(g);
	ir_ld_map(cc, g->f, m, a->map);
	z = cg_vreg(g);
	ir_ld_data(cc, g->f, z, zoff);
	fl = cg_vreg(g);
	ir_movi(cc, g->f, fl, BPF_NOEXIST);
	cg_call(g, BPF_FUNC_map_update_elem, 4, m, cg_tmp_ptr(g, ktmp), z, fl);
	m = cg_vreg(g);
	ir_ld_map(cc, g->f, m, a->map);
	v = cg_call(g, BPF_FUNC_map_lookup_elem, 2, m, cg_tmp_ptr(g, ktmp));
	ir_mov(cc, g->f, vp, v);
	agg_drop(g, vp, l_skip);
	ir_place_label(cc, g->f, l_have);
	return vp;
}

void cg_agg_assign(struct cg *g, struct node *assign)
{
	struct node *lhs = assign->kid[0], *call = assign->kid[1];
	struct node *agg = lhs->kind == N_INDEX ? lhs->kid[0] : lhs;
	const struct func_def *fd;
	struct cg_agg *a;
	uint32_t ktmp;
	int l_skip;

	if (!agg->sym || call->kind != N_CALL)
		dcc_error(g->cc, assign->loc, "D_AGG_FUNC",
			  "expected aggregating function as right-hand side of @%s",
			  agg->name ? agg->name : "");
	fd = func_lookup(call->name);
	a = cg_agg_get(g, agg->sym);
	if (!a->used)
		agg_setup(g, a, lhs, call);
	ir_comment(g->cc, g->f, "@%s[...] = %s(...)", agg->name ? agg->name : "",
		   call->name);
	ktmp = agg_is_array(a) ? 0 :
		cg_key_build(g, lhs->kind == N_INDEX ? lhs->kid[1] : NULL,
			     a->keys, a->nkeys, a->key_size);
	g->agg = a;
	l_skip = ir_label(g->f);
	g->aggv = agg_lookup(g, a, ktmp, l_skip);
	if (!fd || fd->gen(g, call) < 0)
		dcc_error(g->cc, call->loc, "D_UNSUPPORTED",
			  "aggregating function %s() is not supported yet",
			  call->name);
	ir_place_label(g->cc, g->f, l_skip);
	g->aggv = IR_NOREG;
	g->agg = NULL;
}

/* ---- slot updates (called with g->aggv = value pointer) ------------------------------ */

/* *(u64 *)(v + off) += x */
static void slot_add(struct cg *g, int32_t off, vreg_t x)
{
	vreg_t t = cg_vreg(g);

	ir_load(g->cc, g->f, 8, t, g->aggv, off);
	ir_alu(g->cc, g->f, BPF_ADD, t, x);
	ir_store(g->cc, g->f, 8, g->aggv, off, t);
}

static vreg_t agg_arg(struct cg *g, struct node *call, int i)
{
	struct node *a = call->kid[0];
	vreg_t v, d;

	while (a && i-- > 0)
		a = a->next;
	if (!a) {
		d = cg_vreg(g);
		ir_movi(g->cc, g->f, d, 1);
		return d;
	}
	v = cg_expr(g, a);
	d = cg_vreg(g);
	ir_mov(g->cc, g->f, d, v);
	return d;
}

static vreg_t one(struct cg *g)
{
	vreg_t d = cg_vreg(g);

	ir_movi(g->cc, g->f, d, 1);
	return d;
}

int gen_count(struct cg *g, struct node *call)
{
	ir_comment(g->cc, g->f, "v[0]++");
	slot_add(g, 0, one(g));
	return 0;
}

int gen_sum(struct cg *g, struct node *call)
{
	ir_comment(g->cc, g->f, "v[0] += x");
	slot_add(g, 0, agg_arg(g, call, 0));
	return 0;
}

int gen_avg(struct cg *g, struct node *call)
{
	vreg_t x = agg_arg(g, call, 0);

	ir_comment(g->cc, g->f, "v[0]++; v[1] += x");
	slot_add(g, 0, one(g));
	slot_add(g, 8, x);
	return 0;
}

/* if (!v[0] || x <cc> v[1]) { v[0] = 1; v[1] = x; } */
static int minmax(struct cg *g, struct node *call, int cc_)
{
	vreg_t x = agg_arg(g, call, 0), has = cg_vreg(g), cur = cg_vreg(g);
	int l_set = ir_label(g->f), l_end = ir_label(g->f);

	ir_comment(g->cc, g->f, "if (!v[0] || x %s v[1]) v = {1, x}",
		   cc_ == BPF_JSLT ? "<" : ">");
	ir_load(g->cc, g->f, 8, has, g->aggv, 0);
	ir_jcci(g->cc, g->f, BPF_JEQ, has, 0, l_set);
	ir_load(g->cc, g->f, 8, cur, g->aggv, 8);
	ir_jcc(g->cc, g->f, cc_, x, cur, l_set);
	ir_ja(g->cc, g->f, l_end);
	ir_place_label(g->cc, g->f, l_set);
	ir_storei(g->cc, g->f, 8, g->aggv, 0, 1);
	ir_store(g->cc, g->f, 8, g->aggv, 8, x);
	ir_place_label(g->cc, g->f, l_end);
	return 0;
}

int gen_min(struct cg *g, struct node *call)
{
	return minmax(g, call, BPF_JSLT);
}

int gen_max(struct cg *g, struct node *call)
{
	return minmax(g, call, BPF_JSGT);
}

/* if (d < x) c += 1  (the carry of d = d + x, unsigned) */
static void add_carry(struct cg *g, vreg_t d, vreg_t x, vreg_t c)
{
	int l = ir_label(g->f);

	ir_jcc(g->cc, g->f, BPF_JGE, d, x, l);
	ir_alui(g->cc, g->f, BPF_ADD, c, 1);
	ir_place_label(g->cc, g->f, l);
}

/* (hi:lo) = a * a, 128 bits, from 32-bit halves:
 *   a*a = ah*ah << 64 + 2*ah*al << 32 + al*al */
static void square128(struct cg *g, vreg_t a, vreg_t hi, vreg_t lo)
{
	struct dcc *cc = g->cc;
	vreg_t al = cg_vreg(g), ah = cg_vreg(g), mid = cg_vreg(g), t = cg_vreg(g);

	ir_mov(cc, g->f, al, a);
	ir_alui(cc, g->f, BPF_LSH, al, 32);
	ir_alui(cc, g->f, BPF_RSH, al, 32);
	ir_mov(cc, g->f, ah, a);
	ir_alui(cc, g->f, BPF_RSH, ah, 32);
	ir_mov(cc, g->f, lo, al);
	ir_alu(cc, g->f, BPF_MUL, lo, al);
	ir_mov(cc, g->f, hi, ah);
	ir_alu(cc, g->f, BPF_MUL, hi, ah);
	ir_mov(cc, g->f, mid, ah);
	ir_alu(cc, g->f, BPF_MUL, mid, al);
	ir_mov(cc, g->f, t, mid);		/* hi += 2 * (mid >> 32) */
	ir_alui(cc, g->f, BPF_RSH, t, 31);
	ir_alu(cc, g->f, BPF_ADD, hi, t);
	ir_alui(cc, g->f, BPF_LSH, mid, 32);	/* lo += 2 * (mid << 32) */
	ir_alu(cc, g->f, BPF_ADD, lo, mid);
	add_carry(g, lo, mid, hi);
	ir_alu(cc, g->f, BPF_ADD, lo, mid);
	add_carry(g, lo, mid, hi);
}

/* v = {count, sum, sumsq.lo, sumsq.hi}: 128-bit sum of squares */
int gen_stddev(struct cg *g, struct node *call)
{
	vreg_t x = agg_arg(g, call, 0), a = cg_vreg(g), hi = cg_vreg(g);
	vreg_t lo = cg_vreg(g), v = cg_vreg(g);
	int l = ir_label(g->f);

	ir_comment(g->cc, g->f, "v[0]++; v[1] += x; v[2:3] += x * x (u128)");
	slot_add(g, 0, one(g));
	slot_add(g, 8, x);
	ir_mov(g->cc, g->f, a, x);		/* a = |x| */
	ir_jcci(g->cc, g->f, BPF_JSGE, a, 0, l);
	ir_emit(g->cc, g->f, IR_NEG)->dst = a;
	ir_place_label(g->cc, g->f, l);
	square128(g, a, hi, lo);
	ir_load(g->cc, g->f, 8, v, g->aggv, 16);
	ir_alu(g->cc, g->f, BPF_ADD, v, lo);
	ir_store(g->cc, g->f, 8, g->aggv, 16, v);
	add_carry(g, v, lo, hi);
	slot_add(g, 24, hi);
	return 0;
}

/* d = floor(log2(u)) for u > 0, by binary search */
static vreg_t log2_vreg(struct cg *g, vreg_t u)
{
	static const int steps[] = { 32, 16, 8, 4, 2, 1 };
	vreg_t x = cg_vreg(g), d = cg_vreg(g);
	size_t i;

	ir_mov(g->cc, g->f, x, u);
	ir_movi(g->cc, g->f, d, 0);
	for (i = 0; i < sizeof(steps) / sizeof(steps[0]); i++) {
		int l = ir_label(g->f);
		vreg_t lim = cg_vreg(g);

		ir_movi(g->cc, g->f, lim, (int64_t)1 << steps[i]);
		ir_jcc(g->cc, g->f, BPF_JLT, x, lim, l);
		ir_alui(g->cc, g->f, BPF_RSH, x, steps[i]);
		ir_alui(g->cc, g->f, BPF_ADD, d, steps[i]);
		ir_place_label(g->cc, g->f, l);
	}
	return d;
}

/* v[idx] += incr, with idx a vreg bounded by nbuckets (checked) */
static void bucket_add(struct cg *g, vreg_t idx, uint32_t nbuckets, vreg_t incr)
{
	vreg_t p = cg_vreg(g);

	cg_fault_jcci(g, BPF_JGE, idx, nbuckets, DTM_FLT_ILLOP, IR_NOREG);
	ir_alui(g->cc, g->f, BPF_LSH, idx, 3);
	ir_mov(g->cc, g->f, p, g->aggv);
	ir_alu(g->cc, g->f, BPF_ADD, p, idx);
	g->aggv = p;
	slot_add(g, 0, incr);
}

/* DTrace's power-of-two buckets: 0 -> 63, x > 0 -> 64 + log2(x),
 * x < 0 -> 62 - log2(-x) (clamped at 0). */
int gen_quantize(struct cg *g, struct node *call)
{
	vreg_t x = agg_arg(g, call, 0), incr = agg_arg(g, call, 1);
	vreg_t idx = cg_vreg(g), lg;
	int l_neg = ir_label(g->f), l_done = ir_label(g->f);

	ir_comment(g->cc, g->f, "quantize: idx = bucket(x); v[idx] += incr");
	ir_movi(g->cc, g->f, idx, QUANTIZE_ZERO);
	ir_jcci(g->cc, g->f, BPF_JEQ, x, 0, l_done);
	ir_jcci(g->cc, g->f, BPF_JSLT, x, 0, l_neg);
	lg = log2_vreg(g, x);
	ir_movi(g->cc, g->f, idx, QUANTIZE_ZERO + 1);
	ir_alu(g->cc, g->f, BPF_ADD, idx, lg);
	ir_ja(g->cc, g->f, l_done);
	ir_place_label(g->cc, g->f, l_neg);
	ir_emit(g->cc, g->f, IR_NEG)->dst = x;
	lg = log2_vreg(g, x);
	ir_movi(g->cc, g->f, idx, QUANTIZE_ZERO - 1);
	ir_alu(g->cc, g->f, BPF_SUB, idx, lg);
	ir_jcci(g->cc, g->f, BPF_JSGE, idx, 0, l_done);
	ir_movi(g->cc, g->f, idx, 0);
	ir_place_label(g->cc, g->f, l_done);
	bucket_add(g, idx, QUANTIZE_NBUCKETS, incr);
	return 0;
}

/* x < base -> 0; x >= limit -> levels + 1; else 1 + (x - base) / step */
int gen_lquantize(struct cg *g, struct node *call)
{
	struct cg_agg *a = g->agg;
	int64_t base = a->params[0], limit = a->params[1], step = a->params[2];
	uint32_t levels = lquantize_levels(base, limit, step);
	vreg_t x = agg_arg(g, call, 0), incr = agg_arg(g, call, 4);
	vreg_t idx = cg_vreg(g), b = cg_vreg(g);
	int l_done = ir_label(g->f);

	ir_comment(g->cc, g->f, "lquantize(%lld, %lld, %lld): v[idx] += incr",
		   (long long)base, (long long)limit, (long long)step);
	ir_movi(g->cc, g->f, b, base);
	ir_movi(g->cc, g->f, idx, 0);
	ir_jcc(g->cc, g->f, BPF_JSLT, x, b, l_done);
	ir_movi(g->cc, g->f, b, limit);
	ir_movi(g->cc, g->f, idx, levels + 1);
	ir_jcc(g->cc, g->f, BPF_JSGE, x, b, l_done);
	ir_mov(g->cc, g->f, idx, x);
	ir_movi(g->cc, g->f, b, base);
	ir_alu(g->cc, g->f, BPF_SUB, idx, b);
	ir_movi(g->cc, g->f, b, step > 0 ? step : 1);
	ir_alu(g->cc, g->f, BPF_DIV, idx, b);
	ir_alui(g->cc, g->f, BPF_ADD, idx, 1);
	ir_place_label(g->cc, g->f, l_done);
	bucket_add(g, idx, levels + 2, incr);
	return 0;
}

/* i = bucket offset of |x| in magnitude mag: floor(|x| / (f^(mag+1) /
 * nsteps)) + 1 + (mag - low) * (nsteps - nsteps/f) - nsteps/f */
static void llq_mag(struct cg *g, vreg_t a, vreg_t i, int64_t hi,
		    const int64_t *p, int64_t mag)
{
	int64_t sf = p[3] / p[0];
	vreg_t k = cg_vreg(g);

	ir_mov(g->cc, g->f, i, a);
	if (hi >= p[3]) {
		ir_movi(g->cc, g->f, k, hi / p[3]);
		ir_alu(g->cc, g->f, BPF_DIV, i, k);
	} else {
		ir_alui(g->cc, g->f, BPF_MUL, i, p[3]);
		ir_movi(g->cc, g->f, k, hi);
		ir_alu(g->cc, g->f, BPF_DIV, i, k);
	}
	ir_alui(g->cc, g->f, BPF_ADD, i, 1 + (mag - p[1]) * (p[3] - sf) - sf);
}

/* if (a < 0) a = -a */
static void llq_abs(struct cg *g, vreg_t a)
{
	int l = ir_label(g->f);

	ir_jcci(g->cc, g->f, BPF_JSGE, a, 0, l);
	ir_emit(g->cc, g->f, IR_NEG)->dst = a;
	ir_place_label(g->cc, g->f, l);
}

/* idx = x < 0 ? bin0 - i : bin0 + i */
static vreg_t llq_signed_index(struct cg *g, vreg_t x, vreg_t i, int64_t bin0)
{
	vreg_t idx = cg_vreg(g);
	int l_neg = ir_label(g->f), l_done = ir_label(g->f);

	ir_movi(g->cc, g->f, idx, bin0);
	ir_jcci(g->cc, g->f, BPF_JSLT, x, 0, l_neg);
	ir_alu(g->cc, g->f, BPF_ADD, idx, i);
	ir_ja(g->cc, g->f, l_done);
	ir_place_label(g->cc, g->f, l_neg);
	ir_alu(g->cc, g->f, BPF_SUB, idx, i);
	ir_place_label(g->cc, g->f, l_done);
	return idx;
}

int gen_llquantize(struct cg *g, struct node *call)
{
	struct dcc *cc = g->cc;
	const int64_t *p = g->agg->params;
	int64_t m = llq_m(p), lo = 1, hi, mag;
	vreg_t x = agg_arg(g, call, 0), incr = agg_arg(g, call, 5);
	vreg_t a = cg_vreg(g), i = cg_vreg(g), k = cg_vreg(g), idx;
	int l_sign = ir_label(g->f);

	if (!m)
		return -1;
	for (mag = 0; mag < p[1]; mag++)
		lo *= p[0];
	ir_comment(cc, g->f, "llquantize: bin0 %lld +- bucket(|x|)", (long long)m + 1);
	ir_mov(cc, g->f, a, x);
	llq_abs(g, a);
	ir_movi(cc, g->f, i, 0);
	ir_movi(cc, g->f, k, lo);
	ir_jcc(cc, g->f, BPF_JLT, a, k, l_sign);
	for (mag = p[1], hi = lo; mag <= p[2]; mag++) {
		int l_next = ir_label(g->f);
		bool ovf = hi > INT64_MAX / p[0];

		hi = ovf ? INT64_MAX : hi * p[0];
		if (!ovf) {
			ir_movi(cc, g->f, k, hi);
			ir_jcc(cc, g->f, BPF_JGE, a, k, l_next);
		}
		llq_mag(g, a, i, hi, p, mag);
		ir_ja(cc, g->f, l_sign);
		ir_place_label(cc, g->f, l_next);
	}
	ir_movi(cc, g->f, i, m + 1);
	ir_place_label(cc, g->f, l_sign);
	idx = llq_signed_index(g, x, i, m + 1);
	bucket_add(g, idx, (uint32_t)(2 * m + 3), incr);
	return 0;
}
