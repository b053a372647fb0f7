/* SPDX-License-Identifier: MIT */
/*
 * cg_expr.c -- code generation for D expressions, one function per node
 * kind (expr_table).
 *
 * Value convention: as in DTrace, arithmetic happens in 64-bit registers
 * and intermediate results are not truncated to their C type; values are
 * truncated (and sign- or zero-extended) when stored, loaded or cast.  An
 * operand is converted before an operation only where C's conversion
 * changes its signedness (int -1 compared with unsigned 1, say).  A string, array or struct
 * value is a pointer to its bytes in map memory (scratch temporaries,
 * .rodata, the global map).  Integer arithmetic follows C's usual
 * conversions; BPF only has unsigned division, so signed division and
 * modulo go through the absolute values.  Division by zero, failed kernel
 * reads and out-of-range indexes jump to the fault exit.
 */
#include <linux/bpf.h>
#include <stdarg.h>
#include <string.h>

#include "builtins.h"
#include "cg.h"
#include "funcs.h"

typedef vreg_t (*expr_fn)(struct cg *g, struct node *n);

/* ---- helpers ------------------------------------------------------------------- */

vreg_t cg_call(struct cg *g, int helper, int nargs, ...)
{
	vreg_t args[5], d = cg_vreg(g);
	va_list ap;
	int i;

	va_start(ap, nargs);
	for (i = 0; i < nargs && i < 5; i++)
		args[i] = va_arg(ap, vreg_t);
	va_end(ap);
	ir_call(g->cc, g->f, d, helper, nargs, args);
	return d;
}

bool cg_is_signed(struct type *t)
{
	struct type *r = t ? type_resolve(t) : NULL;

	if (!r)
		return true;
	if (r->kind == TY_ENUM)
		return true;
	return r->kind == TY_INT && r->is_signed;
}

/* Strings take strsize characters plus the NUL, as in DTrace. */
uint32_t cg_type_size(struct cg *g, struct type *t)
{
	struct type *r = t ? type_resolve(t) : NULL;

	if (!r)
		return 8;
	if (r->kind == TY_STRING)
		return g->strsize;
	return (uint32_t)type_size(t);
}

static bool is_string(struct type *t)
{
	struct type *r = t ? type_resolve(t) : NULL;

	return r && r->kind == TY_STRING;
}

static bool is_ptr(struct type *t)
{
	struct type *r = t ? type_resolve(t) : NULL;

	return r && r->kind == TY_PTR;
}

static bool is_aggr(struct type *t)	/* by-reference values */
{
	struct type *r = t ? type_resolve(t) : NULL;

	return r && (r->kind == TY_STRING || r->kind == TY_ARRAY ||
		     r->kind == TY_STRUCT || r->kind == TY_UNION);
}

/* Truncate v to size bytes and extend by sign. */
static void norm_to(struct cg *g, vreg_t v, uint32_t size, bool sign)
{
	int sh;

	if (size >= 8 || size == 0)
		return;
	sh = 64 - 8 * (int)size;
	ir_alui(g->cc, g->f, BPF_LSH, v, sh);
	ir_alui(g->cc, g->f, sign ? BPF_ARSH : BPF_RSH, v, sh);
}

void cg_norm(struct cg *g, vreg_t v, struct type *t)
{
	struct type *r = t ? type_resolve(t) : NULL;

	if (!r || (r->kind != TY_INT && r->kind != TY_ENUM))
		return;
	norm_to(g, v, (uint32_t)type_size(t), cg_is_signed(t));
}

void cg_convert(struct cg *g, vreg_t v, struct type *from, struct type *to)
{
	(void)from;
	cg_norm(g, v, to);
}

/* Convert v from `from` to `to` only if the signedness changes. */
static void convert_sign(struct cg *g, vreg_t v, struct type *from,
			 struct type *to)
{
	if (is_ptr(from) || is_ptr(to) || cg_is_signed(from) == cg_is_signed(to))
		return;
	cg_norm(g, v, to);
}

/* C's usual arithmetic conversions on (size, signedness). */
static void common_type(struct type *a, struct type *b, uint32_t *size,
			bool *sign)
{
	uint32_t sa = is_ptr(a) ? 8 : (uint32_t)type_size(a);
	uint32_t sb = is_ptr(b) ? 8 : (uint32_t)type_size(b);
	bool ga = !is_ptr(a) && cg_is_signed(a), gb = !is_ptr(b) && cg_is_signed(b);

	if (sa < 4)
		sa = 4, ga = true;
	if (sb < 4)
		sb = 4, gb = true;
	if (sa != sb) {
		*size = sa > sb ? sa : sb;
		*sign = sa > sb ? ga : gb;
	} else {
		*size = sa;
		*sign = ga && gb;
	}
}

static vreg_t const_vreg(struct cg *g, int64_t v)
{
	vreg_t d = cg_vreg(g);

	ir_movi(g->cc, g->f, d, v);
	return d;
}

static vreg_t copy_vreg(struct cg *g, vreg_t s)
{
	vreg_t d = cg_vreg(g);

	ir_mov(g->cc, g->f, d, s);
	return d;
}

/* String constant: in .rodata, zero-padded to strsize bytes so that
 * bounded string loops stay inside the map value. */
vreg_t cg_str_const(struct cg *g, const char *s, size_t len)
{
	size_t n = len + 1 > g->strsize ? len + 1 : g->strsize;

	n = (n + 7) & ~(size_t)7;
	char *buf;
	uint32_t off;
	vreg_t d = cg_vreg(g);

	buf = dcc_alloc(g->cc, n);
	memcpy(buf, s, len);
	off = ir_rodata_add(g->cc, g->p, buf, (uint32_t)n);
	ir_ld_data(g->cc, g->f, d, off);
	return d;
}

/* *(base + off .. + size) = 0 */
void cg_zero(struct cg *g, vreg_t base, int32_t off, uint32_t size)
{
	uint32_t i = 0;

	for (; i + 8 <= size; i += 8)
		ir_storei(g->cc, g->f, 8, base, off + i, 0);
	for (; i < size; i++)
		ir_storei(g->cc, g->f, 1, base, off + i, 0);
}

/* probe_read_kernel(dst, size, src) */
void cg_memcpy(struct cg *g, vreg_t dst, vreg_t src, uint32_t size)
{
	vreg_t n = const_vreg(g, size);

	cg_call(g, BPF_FUNC_probe_read_kernel, 3, dst, n, src);
}

/*
 * A NULL string in a global or this-> string variable: bytes
 * {0, STR_NULL_MARK >> 8} -- an empty string with a byte no string copy
 * leaves after its NUL.  After dst = strcpy(src) (rc: the helper's result):
 *     if (src == 0) dst[1] = 0xff;	(the failed copy zeroed dst)
 *     else if (rc == 1) dst[1] = 0;	("": clear a stale marker)
 * (see str_var_store; strvar_load reads the marker back)
 */
#define STR_NULL_MARK	0xff00	/* the first two bytes, little-endian u16 */

static void str_null_mark(struct cg *g, vreg_t d, vreg_t src, vreg_t rc)
{
	struct dcc *cc = g->cc;
	int l_null = ir_label(g->f), l_end = ir_label(g->f);

	ir_comment(cc, g->f, "NULL string: mark it");
	ir_jcci(cc, g->f, BPF_JEQ, src, 0, l_null);
	ir_jcci(cc, g->f, BPF_JNE, rc, 1, l_end);
	ir_storei(cc, g->f, 1, d, 1, 0);
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_null);
	ir_storei(cc, g->f, 1, d, 1, STR_NULL_MARK >> 8);
	ir_place_label(cc, g->f, l_end);
}

void cg_store_typed(struct cg *g, vreg_t base, int32_t off, struct type *t,
		    vreg_t v)
{
	cg_store_sized(g, base, off, t, v, 0);
}

/* Same, for a by-reference object with at most `size` bytes of storage
 * (0: the type's size). */
void cg_store_sized(struct cg *g, vreg_t base, int32_t off, struct type *t,
		    vreg_t v, uint32_t limit)
{
	struct dcc *cc = g->cc;
	uint32_t size = cg_type_size(g, t);
	vreg_t d, n;

	if (limit && limit < size && is_aggr(t))
		size = limit;
	if (!is_aggr(t)) {
		if (size != 1 && size != 2 && size != 4)
			size = 8;
		ir_store(cc, g->f, size, base, off, v);
		return;
	}
	d = copy_vreg(g, base);
	ir_alui(cc, g->f, BPF_ADD, d, off);
	if (is_string(t)) {
		ir_comment(cc, g->f, "strcpy(dst, src, %u)", size);
		n = const_vreg(g, size);
		cg_call(g, BPF_FUNC_probe_read_kernel_str, 3, d, n, v);
	} else {
		ir_comment(cc, g->f, "memcpy(dst, src, %u)", size);
		cg_memcpy(g, d, v, size);
	}
}

/* ---- lvalues ------------------------------------------------------------------- */

static vreg_t kread_tmp(struct cg *g, uint32_t size)
{
	return cg_tmp_ptr(g, cg_tmp_alloc(g, size));
}

/* Address of an lvalue as a plain pointer vreg. */
static vreg_t lv_addr(struct cg *g, struct cg_lv *lv)
{
	vreg_t d = copy_vreg(g, lv->base);

	if (lv->off)
		ir_alui(g->cc, g->f, BPF_ADD, d, lv->off);
	return d;
}

/* Copy a kernel/user object to a temporary: pointer to the copy. */
static vreg_t lv_fetch(struct cg *g, struct cg_lv *lv, uint32_t size, bool str)
{
	vreg_t t = kread_tmp(g, size), src = lv_addr(g, lv), n, r;
	int h;

	if (str)
		h = lv->kind == LV_USER ? BPF_FUNC_probe_read_user_str
					: BPF_FUNC_probe_read_kernel_str;
	else
		h = lv->kind == LV_USER ? BPF_FUNC_probe_read_user
					: BPF_FUNC_probe_read_kernel;
	ir_comment(g->cc, g->f, "probe_read%s(tmp, %u, addr)", str ? "_str" : "",
		   size);
	n = const_vreg(g, size);
	r = cg_call(g, h, 3, t, n, src);
	cg_fault_jcci(g, BPF_JSLT, r, 0, DTM_FLT_BADADDR, src);
	return t;
}

static uint32_t bitfield_unit(struct cg *g, struct cg_lv *lv);

static vreg_t load_bitfield(struct cg *g, struct cg_lv *lv, vreg_t v)
{
	int sh = 64 - (int)(lv->bit_off + lv->bit_size);

	if (sh)
		ir_alui(g->cc, g->f, BPF_LSH, v, sh);
	ir_alui(g->cc, g->f, cg_is_signed(lv->type) ? BPF_ARSH : BPF_RSH, v,
		64 - lv->bit_size);
	return v;
}

vreg_t cg_lv_load(struct cg *g, struct cg_lv *lv)
{
	struct type *t = lv->type;
	uint32_t size = cg_type_size(g, t);
	vreg_t v, p;

	if (is_aggr(t)) {
		if (lv->kind == LV_MAP)
			return lv_addr(g, lv);
		return lv_fetch(g, lv, size, is_string(t));
	}
	if (size != 1 && size != 2 && size != 4)
		size = 8;
	if (lv->bit_size && lv->bf_core)
		return cg_core_bitfield_load(g, lv);
	if (lv->bit_size)
		size = bitfield_unit(g, lv);
	v = cg_vreg(g);
	if (lv->kind == LV_MAP) {
		ir_load(g->cc, g->f, size, v, lv->base, lv->off);
	} else {
		p = lv_fetch(g, lv, size, false);
		ir_load(g->cc, g->f, size, v, p, 0);
	}
	if (lv->bit_size)
		return load_bitfield(g, lv, v);
	cg_norm(g, v, t);
	return v;
}

/* Bytes to load for a bitfield: its type's unit, or 8 if it spills over. */
static uint32_t bitfield_unit(struct cg *g, struct cg_lv *lv)
{
	uint32_t size = cg_type_size(g, lv->type);

	if (size != 1 && size != 2 && size != 4)
		size = 8;
	return lv->bit_off + lv->bit_size > 8 * size ? 8 : size;
}

/* unit = (unit & ~mask) | ((v << bit_off) & mask) */
static void store_bitfield(struct cg *g, struct cg_lv *lv, vreg_t v)
{
	struct dcc *cc = g->cc;
	uint32_t unit = bitfield_unit(g, lv);
	uint64_t mask = (lv->bit_size >= 64 ? ~0ULL : ((1ULL << lv->bit_size) - 1))
			<< lv->bit_off;
	vreg_t w = cg_vreg(g), t = copy_vreg(g, v), m = cg_vreg(g);

	ir_comment(cc, g->f, "bitfield store: %u bits at bit %u", lv->bit_size,
		   lv->bit_off);
	ir_load(cc, g->f, unit, w, lv->base, lv->off);
	ir_movi(cc, g->f, m, (int64_t)~mask);
	ir_alu(cc, g->f, BPF_AND, w, m);
	if (lv->bit_off)
		ir_alui(cc, g->f, BPF_LSH, t, lv->bit_off);
	ir_movi(cc, g->f, m, (int64_t)mask);
	ir_alu(cc, g->f, BPF_AND, t, m);
	ir_alu(cc, g->f, BPF_OR, w, t);
	ir_store(cc, g->f, unit, lv->base, lv->off, w);
}

void cg_lv_store(struct cg *g, struct cg_lv *lv, vreg_t v)
{
	if (lv->kind != LV_MAP)
		dcc_error(g->cc, (struct loc){ 0 }, "D_OP_WRITE",
			  "operator = can only be applied to a writable variable");
	if (lv->bit_size) {
		store_bitfield(g, lv, v);
		return;
	}
	cg_store_sized(g, lv->base, lv->off, lv->type, v, lv->size);
}

static void lv_ident(struct cg *g, struct node *n, struct cg_lv *lv)
{
	struct sym *s = n->sym;

	lv->kind = LV_MAP;
	lv->type = n->type;
	lv->size = s ? s->size : 0;
	if (s && s->kind == SYM_KERNEL) {	/* `sym: kernel memory */
		lv->kind = LV_KERNEL;
		lv->base = const_vreg(g, s->value);
		lv->size = 0;
		return;
	}
	if (s && s->kind == SYM_LOCAL) {
		lv->base = cg_sptr(g);
		lv->off = CG_THIS_OFF + s->offset;
		return;
	}
	if (!s || s->kind != SYM_GLOBAL)
		dcc_error(g->cc, n->loc, "D_OP_LVAL",
			  "operator = requires a variable as its left-hand operand");
	lv->base = cg_gptr(g);
	lv->off = s->offset;
}

static struct type *ptr_target(struct type *t)
{
	struct type *r = type_resolve(t);

	return r && (r->kind == TY_PTR || r->kind == TY_ARRAY) ? r->base : NULL;
}

static bool is_user_ptr(struct type *t)
{
	struct type *r = t ? type_resolve(t) : NULL;

	return r && (t->user_addr || r->user_addr);
}

/* An access through an alloca pointer: check it covers an object of type
 * t, then it is ordinary map memory. */
static void lv_alloca(struct cg *g, struct cg_lv *lv, struct type *t)
{
	uint32_t size = t ? cg_type_size(g, t) : 1;

	if (g->addr_only)	/* &p[i]: address arithmetic, no access */
		return;
	lv->base = cg_alloca_check(g, lv->base, IR_NOREG, size ? size : 1);
	lv->off = 0;
	lv->kind = LV_MAP;
}

/* p[i] for an alloca pointer p: check the element at p + i * es */
static void lv_alloca_index(struct cg *g, struct cg_lv *lv, struct node *n,
			    uint32_t es)
{
	struct node *ix = n->kid[1];
	vreg_t p = copy_vreg(g, lv->base), i;

	if (ix->is_const) {
		if (ix->cval)
			ir_alui(g->cc, g->f, BPF_ADD, p, ix->cval * (int64_t)es);
	} else {
		i = copy_vreg(g, cg_expr(g, ix));
		if (es != 1)
			ir_alui(g->cc, g->f, BPF_MUL, i, es);
		ir_alu(g->cc, g->f, BPF_ADD, p, i);
	}
	lv->base = p;
	lv->type = n->type;
	lv_alloca(g, lv, n->type);
}

/* A pointer that cannot be NULL: curthread (the current task). */
static bool nonnull_ptr(struct node *n)
{
	return n->kind == N_IDENT && n->sym && n->sym->kind == SYM_BUILTIN &&
	       n->sym->id == BI_curthread;
}

static void lv_member(struct cg *g, struct node *n, struct cg_lv *lv)
{
	struct type *st;
	struct member *m;
	uint64_t off = 0;

	if (n->op == OP_ARROW) {
		lv->kind = is_user_ptr(n->kid[0]->type) ? LV_USER : LV_KERNEL;
		lv->base = cg_expr(g, n->kid[0]);
		lv->off = 0;
		st = ptr_target(n->kid[0]->type);
		/* as DTrace: p->m with p NULL faults at address 0 (not at
		 * the member's offset), whatever p->m is used for */
		if (!nonnull_ptr(n->kid[0])) {
			ir_comment(g->cc, g->f, "if (p == NULL) fault BADADDR(0)");
			cg_fault_jcci(g, BPF_JEQ, lv->base, 0, DTM_FLT_BADADDR,
				      IR_NOREG);
		}
		if (cg_tainted(g, n->kid[0]))
			lv_alloca(g, lv, st);
	} else {
		cg_lvalue(g, n->kid[0], lv);
		st = n->kid[0]->type;
	}
	if (cg_core_member(g, lv, st, n->name, &m)) {
		lv->type = n->type;
		return;
	}
	lv->core_insn = NULL;
	lv->bf_core = NULL;
	m = st ? type_member(type_resolve(st), n->name, &off) : NULL;
	if (!m)
		dcc_error(g->cc, n->loc, "D_TYPE_MEMBER", "%s is not a member "
			  "of %s", n->name, type_name(g->cc, st));
	lv->off += (int32_t)off;
	lv->bit_off = m->bit_offset;
	lv->bit_size = m->bit_size;
	lv->type = n->type;
}

/* s[i] on a string: the i-th character (bounded by strsize) */
static void lv_str_index(struct cg *g, struct node *n, struct cg_lv *lv)
{
	struct node *ix = n->kid[1];
	vreg_t i;

	lv->kind = LV_MAP;
	lv->base = copy_vreg(g, cg_expr_str(g, n->kid[0]));
	lv->off = 0;
	lv->type = n->type;
	i = copy_vreg(g, cg_expr(g, ix));
	cg_fault_jcci(g, BPF_JGE, i, g->strsize, DTM_FLT_BADADDR, IR_NOREG);
	ir_alu(g->cc, g->f, BPF_ADD, lv->base, i);
}

static void lv_index(struct cg *g, struct node *n, struct cg_lv *lv)
{
	struct type *at = type_resolve(n->kid[0]->type);
	struct type *et = at->base;
	uint32_t es = cg_type_size(g, et);
	struct node *ix = n->kid[1];
	vreg_t i;

	if (at->kind == TY_STRING) {
		lv_str_index(g, n, lv);
		return;
	}
	if (at->kind == TY_ARRAY)
		cg_lvalue(g, n->kid[0], lv);
	else {
		lv->kind = is_user_ptr(n->kid[0]->type) ? LV_USER : LV_KERNEL;
		lv->base = cg_expr(g, n->kid[0]);
		lv->off = 0;
		if (cg_tainted(g, n->kid[0])) {
			lv_alloca_index(g, lv, n, es);
			return;
		}
	}
	lv->type = n->type;
	if (ix->is_const) {
		if (at->kind == TY_ARRAY && at->nelem > 0 &&
		    (ix->cval < 0 || ix->cval >= at->nelem))
			dcc_error(g->cc, n->loc, "D_ARR_BOUNDS",
				  "index %lld is out of range for array %s",
				  (long long)ix->cval, type_name(g->cc, at));
		if (at->kind != TY_ARRAY || !cg_core_index(g, lv, ix->cval, es))
			lv->off += (int32_t)(ix->cval * es);
		return;
	}
	lv->core_insn = NULL;
	i = cg_expr(g, ix);
	if (at->kind == TY_ARRAY && at->nelem > 0) {
		ir_comment(g->cc, g->f, "if (idx >= %lld) fault", (long long)at->nelem);
		cg_fault_jcci(g, BPF_JGE, i, at->nelem, DTM_FLT_BADINDEX, i);
	}
	if (es != 1)
		ir_alui(g->cc, g->f, BPF_MUL, i, es);
	lv->base = copy_vreg(g, lv->base);
	ir_alu(g->cc, g->f, BPF_ADD, lv->base, i);
}

void cg_lvalue(struct cg *g, struct node *n, struct cg_lv *lv)
{
	memset(lv, 0, sizeof(*lv));
	if (cg_is_dyn(n)) {
		cg_dyn_lvalue(g, n, lv);
		return;
	}
	switch (n->kind) {
	case N_IDENT:
	case N_THIS:
		lv_ident(g, n, lv);
		return;
	case N_MEMBER:
		lv_member(g, n, lv);
		return;
	case N_INDEX:
		lv_index(g, n, lv);
		return;
	case N_UNARY:
		if (n->op == OP_DEREF) {
			lv->kind = is_user_ptr(n->kid[0]->type) ? LV_USER : LV_KERNEL;
			lv->base = cg_expr(g, n->kid[0]);
			lv->type = n->type;
			if (cg_tainted(g, n->kid[0]))
				lv_alloca(g, lv, n->type);
			return;
		}
		break;
	default:
		break;
	}
	if (is_aggr(n->type) && n->kind != N_IDENT) {
		/* a struct/array value (cast, call, ...): its copy in map
		 * memory, for member and element reads */
		lv->kind = LV_MAP;
		lv->base = cg_expr(g, n);
		lv->type = n->type;
		return;
	}
	dcc_error(g->cc, n->loc, "D_OP_LVAL",
		  "operator = requires a variable as its left-hand operand");
}

/* A string operand: strings and char arrays are already in map memory;
 * pointers (and integers used as addresses) are copied to a temporary,
 * faulting on a bad address. */
vreg_t cg_expr_str(struct cg *g, struct node *n)
{
	struct type *r = n->type ? type_resolve(n->type) : NULL;
	vreg_t v = cg_expr(g, n), t, sz, rc;

	if (!r || r->kind == TY_STRING || r->kind == TY_ARRAY)
		return v;
	if (cg_tainted(g, n))
		cg_alloca_check(g, v, IR_NOREG, 1);
	t = kread_tmp(g, g->strsize);
	sz = const_vreg(g, g->strsize);
	ir_comment(g->cc, g->f, "string from address: probe_read_str(tmp, %u, p)",
		   g->strsize);
	rc = cg_call(g, is_user_ptr(n->type) ? BPF_FUNC_probe_read_user_str
					     : BPF_FUNC_probe_read_kernel_str,
		     3, t, sz, v);
	cg_fault_jcci(g, BPF_JSLT, rc, 0, DTM_FLT_BADADDR, v);
	return t;
}

/* ---- leaves -------------------------------------------------------------------- */

static vreg_t ex_int(struct cg *g, struct node *n)
{
	return const_vreg(g, n->is_const ? n->cval : n->ival);
}

static vreg_t ex_str(struct cg *g, struct node *n)
{
	return cg_str_const(g, n->str ? n->str : "", n->str ? n->slen : 0);
}

/* a global or this-> string variable (inline storage, may be marked NULL) */
static bool is_static_strvar(struct node *n)
{
	return (n->kind == N_IDENT || n->kind == N_THIS) && n->sym &&
	       (n->sym->kind == SYM_GLOBAL || n->sym->kind == SYM_LOCAL) &&
	       is_string(n->type) && !cg_is_dyn(n);
}

/* p = &var; if (*(u16 *)p == NULL marker) zero ? p = 0 : fault */
static vreg_t strvar_load(struct cg *g, struct node *n, bool zero)
{
	struct cg_lv lv;
	vreg_t p, w;
	int l_ok;

	cg_lvalue(g, n, &lv);
	p = lv_addr(g, &lv);
	if (g->strsize < 2)
		return p;
	w = cg_vreg(g);
	ir_load(g->cc, g->f, 2, w, p, 0);
	ir_comment(g->cc, g->f, "NULL string? %s", zero ? "p = 0" : "fault");
	if (!zero) {
		cg_fault_jcci(g, BPF_JEQ, w, STR_NULL_MARK, DTM_FLT_BADADDR, IR_NOREG);
		return p;
	}
	l_ok = ir_label(g->f);
	ir_jcci(g->cc, g->f, BPF_JNE, w, STR_NULL_MARK, l_ok);
	ir_movi(g->cc, g->f, p, 0);
	ir_place_label(g->cc, g->f, l_ok);
	return p;
}

/* A string value that may be NULL (a 0 pointer) rather than fault:
 * string variables, dynamic ones and subroutine results. */
static vreg_t str_value_or_null(struct cg *g, struct node *n)
{
	bool save = g->null_str_zero;
	vreg_t v;

	if (is_static_strvar(n))
		return strvar_load(g, n, true);
	if (!cg_is_dyn(n))
		return cg_expr(g, n);
	g->null_str_zero = true;
	v = cg_expr(g, n);
	g->null_str_zero = save;
	return v;
}

/* var = r for a string variable in map memory: copied, NULL marked.
 * A non-empty constant overwrites any marker; "" clears it. */
static void str_var_store(struct cg *g, struct cg_lv *lv, vreg_t v,
			  struct node *r)
{
	uint32_t size = lv->size && lv->size < g->strsize ? lv->size : g->strsize;
	vreg_t d, n, rc;

	if (lv->kind != LV_MAP || lv->bit_size || size < 2) {
		cg_lv_store(g, lv, v);
		return;
	}
	d = lv_addr(g, lv);
	ir_comment(g->cc, g->f, "strcpy(var, src, %u)", size);
	n = const_vreg(g, size);
	rc = cg_call(g, BPF_FUNC_probe_read_kernel_str, 3, d, n, v);
	if (r->kind == N_STR && r->str && r->slen > 0)
		return;
	if (r->kind == N_STR)
		ir_storei(g->cc, g->f, 1, d, 1, 0);
	else
		str_null_mark(g, d, v, rc);
}

static vreg_t ex_ident(struct cg *g, struct node *n)
{
	struct sym *s = n->sym;
	struct cg_lv lv;

	if (!s)
		dcc_error(g->cc, n->loc, "D_IDENT_UNDEF",
			  "failed to resolve %s: Unknown variable name", n->name);
	switch (s->kind) {
	case SYM_BUILTIN: {
		const struct builtin_def *b = builtin_get(s->id);
		vreg_t v = b ? b->gen(g, n) : -1;

		if (v < 0)
			dcc_error(g->cc, n->loc, "D_UNSUPPORTED",
				  "built-in variable %s is not supported yet", n->name);
		return v;
	}
	case SYM_ENUMERATOR:
		return const_vreg(g, s->value);
	case SYM_INLINE:
		return cg_expr(g, s->inline_expr);
	case SYM_GLOBAL:
	case SYM_LOCAL:
		if (is_static_strvar(n))
			return strvar_load(g, n, false);
		/* fall through */
	case SYM_KERNEL:
		cg_lvalue(g, n, &lv);
		return cg_lv_load(g, &lv);
	default:
		break;
	}
	dcc_error(g->cc, n->loc, "D_UNSUPPORTED", "%s cannot be used here yet",
		  n->name);
}

static vreg_t ex_macro(struct cg *g, struct node *n)
{
	if (n->is_const)
		return const_vreg(g, n->cval);
	if (n->str)
		return cg_str_const(g, n->str, strlen(n->str));
	dcc_error(g->cc, n->loc, "D_MACRO_UNDEF", "macro $%s is not defined",
		  n->name);
}

static vreg_t ex_lvalue(struct cg *g, struct node *n)
{
	struct cg_lv lv;

	if (is_static_strvar(n))
		return strvar_load(g, n, false);
	cg_lvalue(g, n, &lv);
	return cg_lv_load(g, &lv);
}

/* ---- comparisons and conditions ------------------------------------------------ */

static int cmp_cc(int op, bool sign)
{
	switch (op) {
	case OP_LT: return sign ? BPF_JSLT : BPF_JLT;
	case OP_LE: return sign ? BPF_JSLE : BPF_JLE;
	case OP_GT: return sign ? BPF_JSGT : BPF_JGT;
	case OP_GE: return sign ? BPF_JSGE : BPF_JGE;
	case OP_EQ: return BPF_JEQ;
	default: return BPF_JNE;
	}
}

static int cmp_negate(int op)
{
	switch (op) {
	case OP_LT: return OP_GE;
	case OP_LE: return OP_GT;
	case OP_GT: return OP_LE;
	case OP_GE: return OP_LT;
	case OP_EQ: return OP_NE;
	default: return OP_EQ;
	}
}

static bool is_cmp(int op)
{
	return op == OP_LT || op == OP_LE || op == OP_GT || op == OP_GE ||
	       op == OP_EQ || op == OP_NE;
}

/* if (w has a zero byte) goto label:
 * ((w - 0x0101..01) & ~w & 0x8080..80) != 0 */
void cg_jump_haszero(struct cg *g, vreg_t w, int label)
{
	struct dcc *cc = g->cc;
	vreg_t t = copy_vreg(g, w), nw = copy_vreg(g, w), k = cg_vreg(g);

	ir_movi(cc, g->f, k, 0x0101010101010101LL);
	ir_alu(cc, g->f, BPF_SUB, t, k);
	ir_alui(cc, g->f, BPF_XOR, nw, -1);
	ir_alu(cc, g->f, BPF_AND, t, nw);
	ir_movi(cc, g->f, k, (int64_t)0x8080808080808080ULL);
	ir_alu(cc, g->f, BPF_AND, t, k);
	ir_jcci(cc, g->f, BPF_JNE, t, 0, label);
}

/* Compare the bytes of two differing words in string order (little
 * endian: low byte first): r = first difference, or 0 at a common NUL. */
static void cmp_word_bytes(struct cg *g, vreg_t wa, vreg_t wb, vreg_t r,
			   int l_end)
{
	struct dcc *cc = g->cc;
	vreg_t ca = cg_vreg(g), cb = cg_vreg(g);
	int l_diff = ir_label(g->f), k;

	for (k = 0; k < 8; k++) {
		ir_mov(cc, g->f, ca, wa);
		ir_mov(cc, g->f, cb, wb);
		if (k) {
			ir_alui(cc, g->f, BPF_RSH, ca, 8 * k);
			ir_alui(cc, g->f, BPF_RSH, cb, 8 * k);
		}
		ir_alui(cc, g->f, BPF_AND, ca, 0xff);
		ir_alui(cc, g->f, BPF_AND, cb, 0xff);
		ir_jcc(cc, g->f, BPF_JNE, ca, cb, l_diff);
		ir_jcci(cc, g->f, BPF_JEQ, ca, 0, l_end);
	}
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_diff);
	ir_mov(cc, g->f, r, ca);
	ir_alu(cc, g->f, BPF_SUB, r, cb);
}

/* strcmp(a, b) for strings: <0, 0, >0 in the result vreg.  A word at a
 * time (strsize/8 iterations keep the verifier's path short). */
static vreg_t str_cmp_loop(struct cg *g, vreg_t a, vreg_t b)
{
	struct dcc *cc = g->cc;
	struct ir_func *f = g->f;
	int l_loop = ir_label(f), l_bytes = ir_label(f), l_end = ir_label(f);
	vreg_t i = const_vreg(g, 0), r = const_vreg(g, 0);
	vreg_t pa = cg_vreg(g), pb = cg_vreg(g), wa = cg_vreg(g), wb = cg_vreg(g);

	ir_comment(cc, f, "strcmp: word loop (at most %u bytes)", g->strsize);
	ir_place_label(cc, f, l_loop);
	ir_mov(cc, f, pa, a);
	ir_alu(cc, f, BPF_ADD, pa, i);
	ir_load(cc, f, 8, wa, pa, 0);
	ir_mov(cc, f, pb, b);
	ir_alu(cc, f, BPF_ADD, pb, i);
	ir_load(cc, f, 8, wb, pb, 0);
	ir_jcc(cc, f, BPF_JNE, wa, wb, l_bytes);
	cg_jump_haszero(g, wa, l_end);
	ir_alui(cc, f, BPF_ADD, i, 8);
	ir_jcci(cc, f, BPF_JLT, i, (g->strsize + 7) & ~7u, l_loop);
	ir_ja(cc, f, l_end);
	ir_place_label(cc, f, l_bytes);
	cmp_word_bytes(g, wa, wb, r, l_end);
	ir_place_label(cc, f, l_end);
	return r;
}

/* strcmp(a, b) of two string pointers: bpf_strncmp(a, strsize, "const")
 * when one side is a constant (it must be the third argument), else the
 * word loop */
static vreg_t str_cmp_vals(struct cg *g, struct node *l, struct node *r,
			   vreg_t a, vreg_t b)
{
	bool lc = l->kind == N_STR && r->kind != N_STR;
	struct node *cst = lc ? l : r;
	vreg_t n, v;

	if (cst->kind != N_STR)
		return str_cmp_loop(g, a, b);
	n = const_vreg(g, g->strsize);
	ir_comment(g->cc, g->f, "strncmp(s, %u, \"%s\")", g->strsize,
		   cst->str ? cst->str : "");
	v = cg_call(g, BPF_FUNC_strncmp, 3, lc ? b : a, n, lc ? a : b);
	if (lc)
		ir_emit(g->cc, g->f, IR_NEG)->dst = v;
	return v;
}

static bool null_able(struct node *n);

/* d = (a != 0) - (b != 0): NULL sorts before every string, even "" */
static void null_order(struct cg *g, vreg_t a, vreg_t b, vreg_t d)
{
	int l_a = ir_label(g->f), l_b = ir_label(g->f);

	ir_movi(g->cc, g->f, d, 0);
	ir_jcci(g->cc, g->f, BPF_JEQ, a, 0, l_a);
	ir_alui(g->cc, g->f, BPF_ADD, d, 1);
	ir_place_label(g->cc, g->f, l_a);
	ir_jcci(g->cc, g->f, BPF_JEQ, b, 0, l_b);
	ir_alui(g->cc, g->f, BPF_SUB, d, 1);
	ir_place_label(g->cc, g->f, l_b);
}

/* String comparison, <0, 0, >0.  Operands that may be NULL (variables,
 * subroutine results) compare as pointers if either is NULL:
 *     if (a == 0 || b == 0) d = (a != 0) - (b != 0); else d = strcmp(a, b) */
static vreg_t str_cmp(struct cg *g, struct node *l, struct node *r)
{
	bool nl = is_string(l->type) && null_able(l);
	bool nr = is_string(r->type) && null_able(r);
	int l_null, l_end;
	vreg_t a, b, d;

	a = nl ? str_value_or_null(g, l) : cg_expr_str(g, l);
	b = nr ? str_value_or_null(g, r) : cg_expr_str(g, r);
	if (!nl && !nr)
		return str_cmp_vals(g, l, r, a, b);
	l_null = ir_label(g->f);
	l_end = ir_label(g->f);
	d = cg_vreg(g);
	ir_comment(g->cc, g->f, "a NULL string: compare the pointers");
	if (nl)
		ir_jcci(g->cc, g->f, BPF_JEQ, a, 0, l_null);
	if (nr)
		ir_jcci(g->cc, g->f, BPF_JEQ, b, 0, l_null);
	ir_mov(g->cc, g->f, d, str_cmp_vals(g, l, r, a, b));
	ir_ja(g->cc, g->f, l_end);
	ir_place_label(g->cc, g->f, l_null);
	null_order(g, a, b, d);
	ir_place_label(g->cc, g->f, l_end);
	return d;
}

static bool is_null(struct node *n)
{
	return n->is_const && n->cval == 0 && !is_string(n->type);
}

/* string expressions whose value may be a NULL pointer: dynamic
 * variables (missing elements) and subroutine results */
static bool null_able(struct node *n)
{
	return cg_is_dyn(n) || n->kind == N_CALL || is_static_strvar(n);
}

static void cmp_jump(struct cg *g, struct node *n, int op, int label)
{
	struct node *l = n->kid[0], *r = n->kid[1];
	uint32_t size;
	bool sign;
	vreg_t a, b;

	if ((is_string(l->type) && is_null(r) && null_able(l)) ||
	    (is_string(r->type) && is_null(l) && null_able(r))) {
		/* s == NULL, s != NULL: on the pointer (0 for a NULL
		 * variable, a missing dynamic string, or a NULL result) */
		a = str_value_or_null(g, is_null(r) ? l : r);
		ir_jcci(g->cc, g->f, cmp_cc(op, false), a, 0, label);
		return;
	}
	if (is_string(l->type) || is_string(r->type)) {
		bool save = g->null_str_ok;

		g->null_str_ok = true;
		a = str_cmp(g, l, r);
		g->null_str_ok = save;
		ir_jcci(g->cc, g->f, cmp_cc(op, true), a, 0, label);
		return;
	}
	common_type(l->type, r->type, &size, &sign);
	a = cg_expr(g, l);
	if (r->is_const && r->cval == (int32_t)r->cval && size == 8) {
		ir_jcci(g->cc, g->f, cmp_cc(op, sign), a, r->cval, label);
		return;
	}
	b = cg_expr(g, r);
	if (!is_ptr(l->type) && cg_is_signed(l->type) != sign) {
		a = copy_vreg(g, a);
		norm_to(g, a, size, sign);
	}
	if (!is_ptr(r->type) && cg_is_signed(r->type) != sign) {
		b = copy_vreg(g, b);
		norm_to(g, b, size, sign);
	}
	ir_jcc(g->cc, g->f, cmp_cc(op, sign), a, b, label);
}

void cg_cond_jump(struct cg *g, struct node *n, bool jump_if, int label)
{
	vreg_t v;

	if (n->kind == N_BINARY && is_cmp(n->op)) {
		cmp_jump(g, n, jump_if ? n->op : cmp_negate(n->op), label);
		return;
	}
	if (n->kind == N_UNARY && n->op == OP_NOT) {
		cg_cond_jump(g, n->kid[0], !jump_if, label);
		return;
	}
	if (n->kind == N_BINARY && (n->op == OP_LAND || n->op == OP_LOR)) {
		bool and = n->op == OP_LAND;
		int skip = ir_label(g->f);

		/* and, jump if false: (!a -> L); (!b -> L)
		 * and, jump if true:  (!a -> skip); (b -> L); skip:
		 * or is the dual. */
		if (and != jump_if) {
			cg_cond_jump(g, n->kid[0], jump_if, label);
			cg_cond_jump(g, n->kid[1], jump_if, label);
		} else {
			cg_cond_jump(g, n->kid[0], !jump_if, skip);
			cg_cond_jump(g, n->kid[1], jump_if, label);
		}
		ir_place_label(g->cc, g->f, skip);
		return;
	}
	v = cg_expr(g, n);
	ir_jcci(g->cc, g->f, jump_if ? BPF_JNE : BPF_JEQ, v, 0, label);
}

/* d = cond ? 1 : 0 */
static vreg_t bool_value(struct cg *g, struct node *n)
{
	vreg_t d = const_vreg(g, 1);
	int l = ir_label(g->f);

	cg_cond_jump(g, n, true, l);
	ir_movi(g->cc, g->f, d, 0);
	ir_place_label(g->cc, g->f, l);
	return d;
}

/* ---- arithmetic ------------------------------------------------------------------ */

static vreg_t to_bool(struct cg *g, vreg_t v)
{
	vreg_t d = const_vreg(g, 1);
	int l = ir_label(g->f);

	ir_jcci(g->cc, g->f, BPF_JNE, v, 0, l);
	ir_movi(g->cc, g->f, d, 0);
	ir_place_label(g->cc, g->f, l);
	return d;
}

/* if (v < 0) v = -v */
static void abs_vreg(struct cg *g, vreg_t v)
{
	int l = ir_label(g->f);

	ir_jcci(g->cc, g->f, BPF_JSGE, v, 0, l);
	ir_emit(g->cc, g->f, IR_NEG)->dst = v;
	ir_place_label(g->cc, g->f, l);
}

/* a = a / b or a % b; signed via absolute values; b == 0 faults. */
static void gen_divmod(struct cg *g, int alu, vreg_t a, vreg_t b, bool sign)
{
	struct dcc *cc = g->cc;
	vreg_t sa, sb;
	int l;

	ir_comment(cc, g->f, "if (divisor == 0) fault");
	cg_fault_jcci(g, BPF_JEQ, b, 0, DTM_FLT_DIVZERO, IR_NOREG);
	if (!sign) {
		ir_alu(cc, g->f, alu, a, b);
		return;
	}
	ir_comment(cc, g->f, "signed %s: on absolute values, fix the sign",
		   alu == BPF_DIV ? "division" : "modulo");
	sa = copy_vreg(g, a);
	sb = copy_vreg(g, b);
	ir_alu(cc, g->f, BPF_XOR, sa, sb);	/* sign of the result, as DTrace */
	abs_vreg(g, a);
	abs_vreg(g, sb);
	ir_alu(cc, g->f, alu, a, sb);
	l = ir_label(g->f);
	ir_jcci(cc, g->f, BPF_JSGE, sa, 0, l);
	ir_emit(cc, g->f, IR_NEG)->dst = a;
	ir_place_label(cc, g->f, l);
}

static int alu_of(int op)
{
	switch (op) {
	case OP_MUL: case OP_MUL_ASSIGN: return BPF_MUL;
	case OP_DIV: case OP_DIV_ASSIGN: return BPF_DIV;
	case OP_MOD: case OP_MOD_ASSIGN: return BPF_MOD;
	case OP_ADD: case OP_ADD_ASSIGN: case OP_PREINC: case OP_POSTINC:
		return BPF_ADD;
	case OP_SUB: case OP_SUB_ASSIGN: case OP_PREDEC: case OP_POSTDEC:
		return BPF_SUB;
	case OP_SHL: case OP_SHL_ASSIGN: return BPF_LSH;
	case OP_SHR: case OP_SHR_ASSIGN: return BPF_RSH;
	case OP_BAND: case OP_AND_ASSIGN: return BPF_AND;
	case OP_XOR: case OP_XOR_ASSIGN: return BPF_XOR;
	case OP_BOR: case OP_OR_ASSIGN: return BPF_OR;
	default: return -1;
	}
}

/* a = a <op> b, with a of type ta, b of type tb, result type t. */
static vreg_t arith(struct cg *g, int alu, vreg_t a, struct type *ta,
		    vreg_t b, struct type *tb, struct type *t)
{
	bool sign = cg_is_signed(t) && !is_ptr(t);
	vreg_t d = copy_vreg(g, a);

	if (is_ptr(ta) && !is_ptr(tb) && (alu == BPF_ADD || alu == BPF_SUB)) {
		uint32_t es = ptr_target(ta) ? cg_type_size(g, ptr_target(ta)) : 1;

		if (es > 1) {
			b = copy_vreg(g, b);
			ir_alui(g->cc, g->f, BPF_MUL, b, es);
		}
	} else if (is_ptr(ta) && is_ptr(tb) && alu == BPF_SUB) {
		uint32_t es = ptr_target(ta) ? cg_type_size(g, ptr_target(ta)) : 1;

		ir_alu(g->cc, g->f, BPF_SUB, d, b);
		if (es > 1)
			gen_divmod(g, BPF_DIV, d, const_vreg(g, es), true);
		return d;
	} else if (!is_ptr(t)) {
		convert_sign(g, d, ta, t);
	}
	if (alu == BPF_LSH || alu == BPF_RSH) {
		/* the count modulo 64, as BPF does it at run time (a constant
		 * count out of range is refused by the verifier) */
		b = copy_vreg(g, b);
		ir_alui(g->cc, g->f, BPF_AND, b, 63);
	}
	if (alu == BPF_DIV || alu == BPF_MOD) {
		b = copy_vreg(g, b);
		convert_sign(g, b, tb, t);
		gen_divmod(g, alu, d, b, sign);
	} else if (alu == BPF_RSH && sign) {
		ir_alu(g->cc, g->f, BPF_ARSH, d, b);
	} else {
		ir_alu(g->cc, g->f, alu, d, b);
	}
	return d;
}

static vreg_t ex_logical(struct cg *g, struct node *n)
{
	vreg_t a, b;

	if (n->op != OP_LXOR)
		return bool_value(g, n);
	a = to_bool(g, cg_expr(g, n->kid[0]));
	b = to_bool(g, cg_expr(g, n->kid[1]));
	ir_alu(g->cc, g->f, BPF_XOR, a, b);
	return a;
}

static vreg_t ex_binary(struct cg *g, struct node *n)
{
	struct node *l = n->kid[0], *r = n->kid[1];
	vreg_t a, b;

	if (n->op == OP_COMMA) {
		cg_expr(g, l);
		return cg_expr(g, r);
	}
	if (n->op == OP_LAND || n->op == OP_LOR || n->op == OP_LXOR)
		return ex_logical(g, n);
	if (is_cmp(n->op))
		return bool_value(g, n);
	a = cg_expr(g, l);
	if (is_ptr(r->type) && !is_ptr(l->type) && n->op == OP_ADD) {
		b = a;	/* int + ptr: swap so the pointer is on the left */
		a = cg_expr(g, r);
		return arith(g, BPF_ADD, a, r->type, b, l->type, n->type);
	}
	b = cg_expr(g, r);
	return arith(g, alu_of(n->op), a, l->type, b, r->type, n->type);
}

/* ---- unary ------------------------------------------------------------------------ */

static vreg_t incdec(struct cg *g, struct node *n)
{
	struct cg_lv lv;
	struct type *t = n->kid[0]->type;
	vreg_t old, one, nv;

	if (cg_is_dyn(n->kid[0])) {
		old = cg_expr(g, n->kid[0]);
		one = const_vreg(g, 1);
		nv = arith(g, alu_of(n->op), old, t, one, type_int(g->cc, 4, true), t);
		cg_norm(g, nv, t);
		cg_dyn_store(g, n->kid[0], nv);
		return (n->op == OP_POSTINC || n->op == OP_POSTDEC) ? old : nv;
	}
	cg_lvalue(g, n->kid[0], &lv);
	old = cg_lv_load(g, &lv);
	one = const_vreg(g, 1);
	nv = arith(g, alu_of(n->op), old, t, one, type_int(g->cc, 4, true), t);
	cg_norm(g, nv, t);
	cg_lv_store(g, &lv, nv);
	return (n->op == OP_POSTINC || n->op == OP_POSTDEC) ? old : nv;
}

static vreg_t ex_unary(struct cg *g, struct node *n)
{
	struct cg_lv lv;
	vreg_t v;

	switch (n->op) {
	case OP_PLUS:
		return cg_expr(g, n->kid[0]);
	case OP_NEG:
		v = copy_vreg(g, cg_expr(g, n->kid[0]));
		ir_emit(g->cc, g->f, IR_NEG)->dst = v;
		return v;
	case OP_BITNOT:
		v = copy_vreg(g, cg_expr(g, n->kid[0]));
		ir_alui(g->cc, g->f, BPF_XOR, v, -1);
		return v;
	case OP_NOT:
		return bool_value(g, n);
	case OP_DEREF:
		return ex_lvalue(g, n);
	case OP_ADDROF: {
		bool save = g->addr_only;

		g->addr_only = true;
		cg_lvalue(g, n->kid[0], &lv);
		g->addr_only = save;
		return lv_addr(g, &lv);
	}
	default:
		return incdec(g, n);
	}
}

/* ---- assignment, ternary, casts, calls --------------------------------------------- */

static bool is_agg_lhs(struct node *l)
{
	return l->kind == N_AGG || (l->kind == N_INDEX && l->kid[0]->kind == N_AGG);
}

static vreg_t ex_assign(struct cg *g, struct node *n)
{
	struct node *l = n->kid[0], *r = n->kid[1];
	struct cg_lv lv;
	vreg_t v, old;

	if (is_agg_lhs(l)) {
		cg_agg_assign(g, n);
		return IR_NOREG;	/* a statement: no value */
	}
	if (cg_is_dyn(l) && n->op == OP_ASSIGN && is_aggr(l->type) &&
	    r->is_const && r->cval == 0 && !is_aggr(r->type)) {
		cg_dyn_delete(g, l);	/* a[k] = NULL / 0 */
		return const_vreg(g, 0);
	}
	if (cg_is_dyn(l)) {
		bool save = g->null_str_zero;

		old = n->op != OP_ASSIGN ? cg_expr(g, l) : IR_NOREG;
		/* a[k] = b[j]: a NULL (missing) string copies as NULL */
		g->null_str_zero = is_string(l->type) && cg_is_dyn(r);
		v = cg_expr(g, r);
		g->null_str_zero = save;
		if (n->op != OP_ASSIGN) {
			v = arith(g, alu_of(n->op), old, l->type, v, r->type, l->type);
			cg_norm(g, v, l->type);
		} else if (!is_aggr(l->type)) {
			v = copy_vreg(g, v);
			cg_convert(g, v, r->type, l->type);
		}
		cg_dyn_store(g, l, v);
		return v;
	}
	if (n->op != OP_ASSIGN) {	/* the left operand is read first */
		cg_lvalue(g, l, &lv);
		old = cg_lv_load(g, &lv);
		v = cg_expr(g, r);
		v = arith(g, alu_of(n->op), old, l->type, v, r->type, l->type);
		cg_norm(g, v, l->type);
	} else {
		/* s = t: a NULL string copies as NULL (marked, see above) */
		v = is_string(l->type) ? str_value_or_null(g, r) : cg_expr(g, r);
		cg_lvalue(g, l, &lv);
		if (is_static_strvar(l)) {
			str_var_store(g, &lv, v, r);
			return v;
		}
		if (!is_aggr(l->type)) {
			v = copy_vreg(g, v);
			cg_convert(g, v, r->type, l->type);
		}
	}
	cg_lv_store(g, &lv, v);
	return v;
}

/* d = c ? a : b;  strings: both are pointers, fine as they are. */
static vreg_t ex_cond(struct cg *g, struct node *n)
{
	int l_else = ir_label(g->f), l_end = ir_label(g->f);
	vreg_t d = cg_vreg(g), v;

	cg_cond_jump(g, n->kid[0], false, l_else);
	v = cg_expr(g, n->kid[1]);
	ir_mov(g->cc, g->f, d, v);
	ir_ja(g->cc, g->f, l_end);
	ir_place_label(g->cc, g->f, l_else);
	v = cg_expr(g, n->kid[2]);
	ir_mov(g->cc, g->f, d, v);
	ir_place_label(g->cc, g->f, l_end);
	return d;
}

static vreg_t ex_cast(struct cg *g, struct node *n)
{
	vreg_t v;

	if (is_string(n->type))
		return cg_expr_str(g, n->kid[0]);
	v = cg_expr(g, n->kid[0]);

	if (is_aggr(n->type) || is_aggr(n->kid[0]->type))
		return v;
	v = copy_vreg(g, cg_alloca_cast(g, n->kid[0], n->type, v));
	cg_convert(g, v, n->kid[0]->type, n->type);
	return v;
}

static vreg_t ex_call(struct cg *g, struct node *n)
{
	const struct func_def *fd = func_lookup(n->name);
	int (*scratch)(struct cg *, struct node *) = cg_scratch_func(g, n->name);
	int v;

	if (scratch)
		return scratch(g, n);
	if (!fd)
		dcc_error(g->cc, n->loc, "D_FUNC_UNDEF",	/* sema's check */
			  "undefined function name: %s", n->name);
	v = fd->gen(g, n);
	if (v < 0)
		dcc_error(g->cc, n->loc, "D_UNSUPPORTED",
			  "%s() is not supported yet", n->name);
	return fd->kind == FK_SUBR ? v : IR_NOREG;	/* actions: no value */
}

static vreg_t ex_stringof(struct cg *g, struct node *n)
{
	return cg_expr_str(g, n->kid[0]);
}

/* args[i] (typed probe arguments), associative arrays, arrays. */
static vreg_t ex_index(struct cg *g, struct node *n)
{
	struct sym *s = n->kid[0]->kind == N_IDENT ? n->kid[0]->sym : NULL;

	if (s && s->kind == SYM_BUILTIN) {
		const struct builtin_def *b = builtin_get(s->id);
		vreg_t v = b ? b->gen(g, n) : -1;

		if (v < 0)
			dcc_error(g->cc, n->loc, "D_UNSUPPORTED",
				  "%s[] is not supported yet", s->name);
		return v;
	}
	if (cg_is_dyn(n))
		return cg_assoc_load(g, n);
	return ex_lvalue(g, n);
}

static vreg_t ex_const_only(struct cg *g, struct node *n)
{
	if (n->is_const)
		return const_vreg(g, n->cval);
	dcc_error(g->cc, n->loc, "D_UNSUPPORTED", "%s is not supported here yet",
		  node_kind_name(n->kind));
}

static vreg_t ex_unsupported(struct cg *g, struct node *n)
{
	dcc_error(g->cc, n->loc, "D_UNSUPPORTED",
		  "%s expressions are not supported yet", node_kind_name(n->kind));
}

static const expr_fn expr_table[] = {
	[N_INT] = ex_int,
	[N_FLOAT] = ex_unsupported,
	[N_STR] = ex_str,
	[N_IDENT] = ex_ident,
	[N_MACRO] = ex_macro,
	[N_AGG] = ex_unsupported,
	[N_UNARY] = ex_unary,
	[N_BINARY] = ex_binary,
	[N_ASSIGN] = ex_assign,
	[N_COND] = ex_cond,
	[N_CALL] = ex_call,
	[N_INDEX] = ex_index,
	[N_MEMBER] = ex_lvalue,
	[N_SELF] = cg_tls_load,
	[N_THIS] = ex_lvalue,
	[N_CAST] = ex_cast,
	[N_SIZEOF] = ex_const_only,
	[N_OFFSETOF] = ex_const_only,
	[N_STRINGOF] = ex_stringof,
	[N_XLATE] = ex_unsupported,
};

vreg_t cg_expr(struct cg *g, struct node *n)
{
	expr_fn fn = NULL;

	if (n->is_const && n->kind != N_STR && !is_aggr(n->type))
		return const_vreg(g, n->cval);
	if ((size_t)n->kind < sizeof(expr_table) / sizeof(expr_table[0]))
		fn = expr_table[n->kind];
	if (!fn)
		return ex_unsupported(g, n);
	return fn(g, n);
}
