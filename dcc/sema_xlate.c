/* SPDX-License-Identifier: MIT */
/*
 * sema_xlate.c -- translators: `translator T < S name > { m = expr; ... };`
 * definitions, the xlate <T> (e) operator, and member access through a
 * translation.
 *
 * A translated member is not computed by codegen as such: sema rewrites
 * `xlate<T *>(e)->m` (or `curpsinfo->m`, an inline whose value is an
 * xlate) into a copy of the translator's expression for m in which the
 * translator's input name is replaced by a copy of e, converted to the
 * member's type.  Codegen then only sees ordinary expressions, typically
 * CO-RE member loads from kernel types (task_struct...).
 *
 * A provider may describe args[i] as translated (struct prov_argdesc of
 * prov.h, DTrace's dt_argdesc_t): args[i] is then rewritten into
 * xlate <translated> ((native) arg<mapping>), with DTrace's D_ARGS_TYPE
 * and D_ARGS_XLATOR diagnostics (dt_idcook_args of dt_ident.c).
 */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "dcc.h"
#include "prov.h"
#include "sema.h"

/* ---- definitions ---------------------------------------------------------------- */

static const char *xl_key(struct dcc *cc, struct type *src, struct type *dst)
{
	char buf[512];

	snprintf(buf, sizeof(buf), "%s => %s", type_name(cc, src),
		 type_name(cc, dst));
	return dcc_intern(cc, buf);
}

static void xl_member(struct dcc *cc, struct xlator *x, struct node *m)
{
	struct member *dm = type_member(x->dst, m->name, NULL);

	if (!dm)
		dcc_error(cc, m->loc, "D_XLATE_MEMB", "translator member %s is "
			  "not a member of %s", m->name, type_name(cc, x->dst));
	sema_expr(cc, m->kid[0]);
	m->type = dm->type;
	if (!sema_argcompat(dm->type, m->kid[0]))
		dcc_error(cc, m->loc, "D_XLATE_INCOMPAT", "translator member %s "
			  "definition uses incompatible types: \"%s\" = \"%s\"",
			  m->name, type_name(cc, dm->type),
			  type_name(cc, m->kid[0]->type));
}

/* In the D library, a member this kernel cannot provide is dropped (its
 * use then reports D_XLATE_NOCONV) instead of failing the translator. */
static void xl_lib_member(struct dcc *cc, struct xlator *x, struct node *m)
{
	jmp_buf jb, *saved = cc->err_jmp;

	cc->err_jmp = &jb;
	if (!setjmp(jb))
		xl_member(cc, x, m);
	else {
		sema_lib_failed(cc);
		m->kid[0] = NULL;
	}
	cc->err_jmp = saved;
}

static void xl_members(struct dcc *cc, struct xlator *x, struct node *list)
{
	struct sema *s = sema_get(cc);
	void *saved = strmap_get(&s->globals, x->arg->name);
	struct node *m;

	strmap_put(cc, &s->globals, x->arg->name, x->arg);
	for (m = list; m; m = m->next) {
		if (s->in_lib)
			xl_lib_member(cc, x, m);
		else
			xl_member(cc, x, m);
	}
	strmap_put(cc, &s->globals, x->arg->name, saved);
}

static void xl_check_dst(struct dcc *cc, struct node *n, struct type *dst)
{
	struct type *dr = type_resolve(dst);

	if (dr->kind == TY_FWD)
		dcc_error(cc, n->loc, "D_XLATE_SOU", "incomplete struct/union/enum "
			  "%s", type_name(cc, dst));
	if (dr->kind != TY_STRUCT && dr->kind != TY_UNION)
		dcc_error(cc, n->loc, "D_XLATE_SOU",
			  "translator output type must be a struct or union");
}

void sema_xlator(struct dcc *cc, struct node *n)
{
	struct sema *s = sema_get(cc);
	struct type *dst = sema_typename(cc, n->kid[0]);
	struct node *in = n->kid[1];
	struct type *src = sema_typename(cc, in);
	struct node *d = in->kind == N_DECL ? in->kid[1] : NULL;
	struct xlator *x;

	if (strmap_get(&s->xlators, xl_key(cc, src, dst)))
		dcc_error(cc, n->loc, "D_XLATE_REDECL", "translator from %s to %s "
			  "has already been declared", type_name(cc, src),
			  type_name(cc, dst));
	xl_check_dst(cc, n, dst);
	x = dcc_alloc(cc, sizeof(*x));
	x->src = src;
	x->dst = dst;
	x->decl = n;
	x->arg = dcc_alloc(cc, sizeof(*x->arg));
	x->arg->kind = SYM_INLINE;
	x->arg->name = dcc_intern(cc, d && d->name ? d->name : "");
	x->arg->type = src;
	x->arg->decl = n;
	xl_members(cc, x, n->kid[2]);
	strmap_put(cc, &s->xlators, xl_key(cc, src, dst), x);
	n->sym = x->arg;
	n->type = dst;
}

struct xlator *sema_xlator_find(struct dcc *cc, struct type *src,
				struct type *dst)
{
	struct sema *s = sema_get(cc);
	struct xlator *x = strmap_get(&s->xlators, xl_key(cc, src, dst));
	struct type *sr = type_resolve(src);

	if (x)
		return x;
	/* fuzzy: the source may be given as the struct or a pointer to it */
	if (sr->kind == TY_PTR)
		x = strmap_get(&s->xlators, xl_key(cc, sr->base, dst));
	return x;
}

/* ---- xlate <T> (e) ---------------------------------------------------------------- */

static struct type *xlate_type(struct dcc *cc, struct type *dst, bool ptr)
{
	struct type *t = dcc_alloc(cc, sizeof(*t));

	t->kind = TY_DYN;
	t->name = ptr ? "pointer to translated data" : "translated data";
	t->base = dst;
	t->size = type_size(dst);
	t->align = 8;
	return t;
}

struct type *sema_xlate(struct dcc *cc, struct node *n)
{
	struct type *dst = sema_typename(cc, n->kid[1]);
	struct type *src = sema_expr(cc, n->kid[0]);
	struct type *dr = type_resolve(dst);
	struct type *target = dr->kind == TY_PTR ? dr->base : dst;
	struct xlator *x = sema_xlator_find(cc, src, target);

	if (!x)
		dcc_error(cc, n->loc, "D_XLATE_NONE", "cannot translate from "
			  "\"%s\" to \"%s\"", type_name(cc, src),
			  type_name(cc, dst));
	n->sym = x->arg;
	return xlate_type(cc, dst, dr->kind == TY_PTR);
}

/* ---- member access: the rewrite ----------------------------------------------------- */

struct subst {
	const char *name;	/* the translator's input name */
	struct node *input;	/* the translated expression */
	struct loc loc;		/* where the member is used */
};

static struct node *clone(struct dcc *cc, struct node *n,
			  const struct subst *sb);

static struct node *clone_list(struct dcc *cc, struct node *l,
			       const struct subst *sb)
{
	struct node *head = NULL, **tail = &head;

	for (; l; l = l->next) {
		*tail = clone(cc, l, sb);
		tail = &(*tail)->next;
	}
	return head;
}

/* Fresh, unchecked copy of n (type names are shared: they are already
 * resolved); sb->name becomes a copy of sb->input. */
static struct node *clone(struct dcc *cc, struct node *n,
			  const struct subst *sb)
{
	struct node *c;
	int i;

	if (!n || n->kind == N_TYPENAME)
		return n;
	if (sb && sb->input && n->kind == N_IDENT && !strcmp(n->name, sb->name))
		return clone(cc, sb->input, NULL);
	c = node_new(cc, n->kind, sb ? sb->loc : n->loc);
	*c = *n;
	c->next = NULL;
	c->type = NULL;
	c->sym = NULL;
	c->is_const = false;
	c->cval = 0;
	c->lvalue = false;
	c->aux = NULL;
	if (sb)
		c->loc = sb->loc;
	for (i = 0; i < 4; i++)
		c->kid[i] = clone_list(cc, n->kid[i], sb);
	return c;
}

/* (T)e for an integer member whose expression has another integer type */
static struct node *convert(struct dcc *cc, struct node *e, struct type *mt)
{
	struct type *er = type_resolve(e->type), *mr = type_resolve(mt);
	struct node *c, *tn;

	if (!type_is_integer(mt) || !type_is_integer(e->type) ||
	    (er->size == mr->size && er->is_signed == mr->is_signed))
		return e;
	tn = node_new(cc, N_TYPENAME, e->loc);
	tn->type = mt;
	c = node_new(cc, N_CAST, e->loc);
	c->kid[0] = e;
	c->kid[1] = tn;
	sema_expr(cc, c);
	return c;
}

/* The N_XLATE a member access goes through: xlate<T>(e) itself, or the
 * value of an inline such as curpsinfo. */
static struct node *xlate_of(struct node *base)
{
	if (base->kind == N_XLATE)
		return base;
	if (base->sym && base->sym->kind == SYM_INLINE &&
	    base->sym->inline_expr && base->sym->inline_expr->kind == N_XLATE)
		return base->sym->inline_expr;
	return NULL;
}

static struct node *xl_find_member(struct node *x, const char *name)
{
	struct node *m;

	for (m = x->sym && x->sym->decl ? x->sym->decl->kid[2] : NULL; m;
	     m = m->next)
		if (m->kid[0] && !strcmp(m->name, name))
			return m;
	return NULL;
}

/* xlate<T>(e).m, xlate<T *>(e)->m, curpsinfo->m: n becomes the
 * translator's expression for m applied to e. */
struct type *sema_xlate_member(struct dcc *cc, struct node *n)
{
	struct node *x = xlate_of(n->kid[0]), *m, *e, *next = n->next;
	struct type *dst = x->sym->decl->type;
	struct subst sb;

	if (!type_member(dst, n->name, NULL))
		dcc_error(cc, n->loc, "D_TYPE_MEMBER", "%s is not a member of %s",
			  n->name, type_name(cc, dst));
	m = xl_find_member(x, n->name);
	if (!m)
		dcc_error(cc, n->loc, "D_XLATE_NOCONV", "translator does not "
			  "define conversion for member: %s", n->name);
	sb.name = x->sym->name;
	sb.input = x->kid[0];
	sb.loc = n->loc;
	e = clone(cc, m->kid[0], &sb);
	sema_expr(cc, e);
	e = convert(cc, e, m->type);
	*n = *e;
	n->next = next;
	return n->type;
}

bool sema_is_xlate_access(struct node *base)
{
	return xlate_of(base) != NULL;
}

struct node *sema_clone(struct dcc *cc, struct node *e, struct loc loc)
{
	struct subst sb = { "", NULL, loc };

	return clone(cc, e, &sb);
}

bool sema_lib_inline_expand(struct dcc *cc, struct node *n, struct sym *sym)
{
	struct node *e = sym->inline_expr, *next = n->next;

	if (!e || e->is_const || e->kind == N_XLATE ||
	    strmap_get(&sema_get(cc)->lib_inlines, sym->name) != sym)
		return false;
	e = sema_clone(cc, e, n->loc);
	sema_expr(cc, e);
	e = convert(cc, e, sym->type);
	*n = *e;
	n->next = next;
	return true;
}

/* ---- translated args[] --------------------------------------------------------------- */

static struct node *typename_node(struct dcc *cc, struct type *t,
				  struct loc loc)
{
	struct node *tn = node_new(cc, N_TYPENAME, loc);

	tn->type = t;
	return tn;
}

/* xlate <xt> ((nt) arg<m>) */
static struct node *args_xlate_node(struct dcc *cc, struct type *nt,
				    struct type *xt, int m, struct loc loc)
{
	struct node *id = node_new(cc, N_IDENT, loc), *c, *x;
	char name[16];

	snprintf(name, sizeof(name), "arg%d", m);
	id->name = dcc_strdup(cc, name);
	c = node_new(cc, N_CAST, loc);
	c->kid[0] = id;
	c->kid[1] = typename_node(cc, nt, loc);
	x = node_new(cc, N_XLATE, loc);
	x->kid[0] = c;
	x->kid[1] = typename_node(cc, xt, loc);
	return x;
}

struct type *sema_args_xlate(struct dcc *cc, struct node *n, int k)
{
	struct node *pd = sema_get(cc)->pdesc, *next = n->next;
	struct prov_argdesc d = { 0, NULL, NULL };
	struct type *nt, *xt, *xr;

	if (!pd || k < 0 || probe_arg_desc(cc, pd, k, &d) <= k || !d.xlate ||
	    !strcmp(d.xlate, d.native))
		return NULL;
	if (!(xt = type_parse(cc, d.xlate)))
		dcc_error(cc, n->loc, "D_ARGS_TYPE", "failed to resolve "
			  "translated type for args[%d]", k);
	if (!(nt = type_parse(cc, d.native)))
		dcc_error(cc, n->loc, "D_ARGS_TYPE", "failed to resolve native "
			  "type for args[%d]", k);
	xr = type_resolve(xt);
	if (!sema_xlator_find(cc, nt, xr->kind == TY_PTR ? xr->base : xt))
		dcc_error(cc, n->loc, "D_ARGS_XLATOR", "translator for args[%d] "
			  "from %s to %s is not defined", k, type_name(cc, nt),
			  type_name(cc, xt));
	*n = *args_xlate_node(cc, nt, xt, d.mapping, n->loc);
	n->next = next;
	return sema_expr(cc, n);
}
