/* SPDX-License-Identifier: MIT */
/*
 * sema_decl.c -- declarations: type specifiers and declarators to struct
 * type, struct/union/enum definitions (with layout), typedefs, variable
 * declarations (globals, self->, this->, associative arrays) and inlines,
 * with DTrace's D_DECL_* diagnostics (translators: sema_xlate.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dcc.h"
#include "sema.h"

/* ---- type specifiers ------------------------------------------------------------ */

struct kwcount {
	int n[TK_ENUM + 1];
	int total;
};

static void combo(struct dcc *cc, struct node *n)
{
	dcc_error(cc, n->loc, "D_DECL_COMBO", "invalid type combination");
}

static void kw_check(struct dcc *cc, struct node *ds, struct kwcount *k,
		     int spec, bool is_int, bool is_float)
{
	int lng = k->n[TK_LONG], sgn = k->n[TK_SIGNED] + k->n[TK_UNSIGNED];

	if (spec == TK_CHAR && (k->n[TK_SHORT] || lng))
		dcc_error(cc, ds->loc, "D_DECL_CHARATTR", "invalid type "
			  "declaration: short and long may not be used with char "
			  "type");
	if (spec == TK_VOID && (k->n[TK_SHORT] || lng || sgn))
		dcc_error(cc, ds->loc, "D_DECL_VOIDATTR", "invalid type "
			  "declaration: attributes may not be used with void type");
	if (!is_int && sgn)
		dcc_error(cc, ds->loc, "D_DECL_SIGNINT", "invalid type "
			  "declaration: signed and unsigned may only be used with "
			  "integer type");
	if (!is_int && !is_float && lng)
		dcc_error(cc, ds->loc, "D_DECL_LONGINT", "invalid type "
			  "declaration: long and long long may only be used with "
			  "integer or floating-point type");
	if (k->n[TK_SHORT] && lng)
		dcc_error(cc, ds->loc, "D_UNKNOWN", "failed to resolve type "
			  "short long : Unknown type name");
	if (lng > 2 || (k->n[TK_SIGNED] && k->n[TK_UNSIGNED]))
		combo(cc, ds);
}

static const char *int_name(struct kwcount *k, int spec)
{
	const char *base = "int";
	static char buf[64];

	if (spec == TK_CHAR)
		base = k->n[TK_SIGNED] ? "signed char" : "char";
	else if (k->n[TK_SHORT])
		base = "short";
	else if (k->n[TK_LONG] == 2)
		base = "long long";
	else if (k->n[TK_LONG])
		base = "long";
	if (!k->n[TK_UNSIGNED])
		return base;
	snprintf(buf, sizeof(buf), "unsigned %s",
		 !strcmp(base, "signed char") ? "char" : base);
	return buf;
}

static struct type *sue_type(struct dcc *cc, struct node *sue);
static bool is_tuple(struct node *a);

/* The one type-name specifier of a declaration (char, int, a typedef, a
 * struct...) and its attributes (short, long, signed, unsigned). */
static struct type *kw_type(struct dcc *cc, struct node *ds, struct node *kw)
{
	struct kwcount k = { { 0 }, 0 };
	const char *uname = ds->name;
	struct node *sue = NULL;
	struct type *t = NULL;
	int spec = 0;

	for (; kw; kw = kw->next) {
		int op = kw->kind == N_SUE ? TK_STRUCT : kw->op;

		if (op <= 0 || op > TK_ENUM)
			combo(cc, ds);
		if (op != TK_SHORT && op != TK_LONG && op != TK_SIGNED &&
		    op != TK_UNSIGNED) {
			if (spec)
				combo(cc, ds);
			spec = op;
			sue = kw->kind == N_SUE ? kw : NULL;
		}
		k.n[op]++;
		if (kw->op == TK_USERTYPE && kw->name)
			uname = kw->name;
	}
	kw_check(cc, ds, &k, spec, !spec || spec == TK_CHAR || spec == TK_INT,
		 spec == TK_DOUBLE || spec == TK_FLOAT);
	switch (spec) {
	case 0: case TK_CHAR: case TK_INT:
		return type_lookup(cc, int_name(&k, spec));
	case TK_USERTYPE:
		t = type_lookup(cc, uname);
		if (!t)
			dcc_error(cc, ds->loc, "D_UNKNOWN", "failed to resolve "
				  "type %s: Unknown type name", uname);
		return t;
	case TK_DOUBLE:
		return type_lookup(cc, k.n[TK_LONG] ? "long double" : "double");
	case TK_STRUCT:
		return sue_type(cc, sue);
	default:
		return type_lookup(cc, spec == TK_VOID ? "void" :
				   spec == TK_FLOAT ? "float" : "string");
	}
}

static struct type *sue_lookup(struct dcc *cc, int kw, const char *tag,
			       const char *full)
{
	struct type *t = type_user_lookup(cc, full);

	if (t)
		return t;
	t = btf_lookup_type(cc, full);
	if (t)
		return t;
	t = dcc_alloc(cc, sizeof(*t));
	t->kind = TY_FWD;
	t->fwd_kind = kw == TK_UNION ? TY_UNION : kw == TK_ENUM ? TY_ENUM : TY_STRUCT;
	t->name = dcc_intern(cc, tag);
	t->align = 1;
	type_set_tag(cc, full, t);
	return t;
}

static void bitfield(struct dcc *cc, struct node *dl, struct member *m,
		     struct type *r)
{
	const char *name = dl->name ? dl->name : "(anon)";
	struct node *w = dl->kid[2];

	sema_expr(cc, w);
	if (!w->is_const || w->cval <= 0)
		dcc_error(cc, dl->loc, "D_DECL_BFCONST", "positive integral "
			  "constant expression expected as bit-field size");
	if (r->kind != TY_INT && r->kind != TY_ENUM)
		dcc_error(cc, dl->loc, "D_DECL_BFTYPE", "invalid type for "
			  "bit-field: %s", name);
	if ((uint64_t)w->cval > r->size * 8)
		dcc_error(cc, dl->loc, "D_DECL_BFSIZE", "bit-field too big for "
			  "type: %s", name);
	m->bit_size = (uint32_t)w->cval;
}

static void sue_members(struct dcc *cc, struct type *t, struct node *list)
{
	struct member **tail = &t->members;
	struct node *d, *dl;

	for (d = list; d; d = d->next) {
		struct type *base = sema_declspec(cc, d->kid[0]);

		for (dl = d->kid[1]; dl; dl = dl->next) {
			struct member *m = dcc_alloc(cc, sizeof(*m));
			struct type *mt, *r;

			if (dl->kid[0] && is_tuple(dl->kid[0]))
				dcc_error(cc, dl->loc, "D_DECL_DYNOBJ", "cannot have "
					  "dynamic member: %s", dl->name);
			mt = sema_declarator(cc, base, dl);
			r = type_resolve(mt);

			if (r->kind == TY_FWD || (r->kind == TY_VOID) ||
			    ((r->kind == TY_STRUCT || r->kind == TY_UNION) &&
			     r->size == 0 && r == t))
				dcc_error(cc, dl->loc, "D_DECL_INCOMPLETE",
					  "incomplete struct/union/enum %s: %s",
					  type_name(cc, mt), dl->name ? dl->name : "");
			if (dl->kid[2] && r->kind != TY_INT && r->kind != TY_ENUM)
				dcc_error(cc, dl->loc, "D_DECL_BFTYPE", "invalid type "
					  "for bit-field: %s", dl->name ? dl->name :
					  "(anon)");
			if (r->kind == TY_FUNC || type_size(mt) == 0)
				dcc_error(cc, dl->loc, "D_DECL_VOIDOBJ", "cannot have "
					  "void member: %s", dl->name ? dl->name : "");
			m->name = dl->name ? dcc_intern(cc, dl->name) : NULL;
			m->type = mt;
			if (dl->kid[2])
				bitfield(cc, dl, m, r);
			*tail = m;
			tail = &m->next;
		}
	}
	type_layout(cc, t);
}

static void enum_members(struct dcc *cc, struct type *t, struct node *list)
{
	struct enumerator **tail = &t->enums;
	struct sema *s = sema_get(cc);
	int64_t v = 0;
	struct node *e;

	for (e = list; e; e = e->next) {
		struct enumerator *en = dcc_alloc(cc, sizeof(*en));
		struct sym *sym;

		if (e->kid[0]) {
			sema_expr(cc, e->kid[0]);
			if (!e->kid[0]->is_const)
				dcc_error(cc, e->loc, "D_DECL_ENCONST", "enumerator "
					  "'%s' must be assigned to an integral "
					  "constant expression", e->name);
			v = e->kid[0]->cval;
			if (v > INT32_MAX || v < INT32_MIN)
				dcc_error(cc, e->loc, "D_DECL_ENOFLOW", "enumerator "
					  "'%s' value overflows INT_MAX (%d)", e->name,
					  INT32_MAX);
		}
		if (strmap_get(&s->globals, e->name))
			dcc_error(cc, e->loc, "D_DECL_IDRED",
				  "identifier redeclared: %s", e->name);
		en->name = dcc_intern(cc, e->name);
		en->value = v;
		*tail = en;
		tail = &en->next;
		sym = sema_new_var(cc, SYM_ENUMERATOR, e->name, NULL, e);
		sym->type = t;
		sym->value = v++;
	}
}

static struct type *sue_type(struct dcc *cc, struct node *sue)
{
	static const char *const kwn[] = { [TK_STRUCT] = "struct",
		[TK_UNION] = "union", [TK_ENUM] = "enum" };
	char full[256];
	struct type *t;

	const char *tag = sue->name ? sue->name : "";
	const char *bq = strrchr(tag, '`');
	struct type *kt;

	if (bq && !sue->ival) {
		bool user = (bq - tag == 1 && (tag[0] == 'D' || tag[0] == 'C'));

		char mod[64];

		snprintf(full, sizeof(full), "%s %s", kwn[sue->op], bq + 1);
		snprintf(mod, sizeof(mod), "%.*s", (int)(bq - tag), tag);
		kt = user ? type_user_lookup(cc, full) :
		     btf_lookup_type_in(cc, mod, full);
		if (kt)
			return kt;
		tag = bq + 1;
	}
	snprintf(full, sizeof(full), "%s %s", kwn[sue->op], tag);
	if (!sue->ival)
		return sue_lookup(cc, sue->op, tag, full);
	if (sue->name) {
		t = type_user_lookup(cc, full);
		if (t && t->kind != TY_FWD)
			dcc_error(cc, sue->loc, "D_DECL_IDRED", "failed to define "
				  "%s: Type redefined", full);
	}
	t = dcc_alloc(cc, sizeof(*t));
	t->kind = sue->op == TK_UNION ? TY_UNION : sue->op == TK_ENUM ?
		  TY_ENUM : TY_STRUCT;
	t->name = sue->name ? dcc_intern(cc, sue->name) : NULL;
	if (sue->name)
		type_set_tag(cc, full, t);
	if (t->kind == TY_ENUM) {
		t->size = t->align = 4;
		t->is_signed = true;
		enum_members(cc, t, sue->kid[0]);
	} else {
		sue_members(cc, t, sue->kid[0]);
	}
	return t;
}

struct type *sema_declspec(struct dcc *cc, struct node *ds)
{
	struct node *k;
	struct type *t;

	if (!ds)
		return type_base(cc, "int");
	k = ds->kid[0];
	if (!k && ds->name) {
		t = type_lookup(cc, ds->name);
		if (!t)
			dcc_error(cc, ds->loc, "D_UNKNOWN", "failed to resolve "
				  "type %s: Unknown type name", ds->name);
	} else {
		t = kw_type(cc, ds, k);
	}
	return type_qual(cc, t, (uint32_t)ds->ival);
}

/* ---- declarators ------------------------------------------------------------------ */

static struct dcc *tuple_cc;	/* for is_tuple's type-name test */

static bool is_tuple(struct node *a)
{
	struct node *k = a->kid[0];

	if (a->kind != N_ARRAY || !k)
		return false;
	if (k->kind == N_IDENT && tuple_cc && !k->next &&
	    !sema_lookup_global(tuple_cc, k->name) &&
	    type_lookup(tuple_cc, k->name))
		return true;	/* x[T] where the lexer took T for a name */
	return k->kind == N_TYPENAME || k->kind == N_DECL ||
	       k->kind == N_DECLSPEC;
}

static const char *param_name(struct node *p)
{
	struct node *dl = p->kind == N_DECL ? p->kid[1] : NULL;

	return dl && dl->kind == N_DECLARATOR ? dl->name : NULL;
}

/* Parameter p (#i) of a kind ("function", "array") prototype may not
 * repeat the name of an earlier one. */
static void proto_form(struct dcc *cc, struct node *plist, struct node *p,
		       int i, const char *kind)
{
	const char *name = param_name(p);
	struct node *q;

	for (q = plist; name && q && q != p; q = q->next)
		if (param_name(q) && !strcmp(param_name(q), name))
			dcc_error(cc, p->loc, "D_DECL_PROTO_FORM", "parameter is "
				  "already declared in %s prototype: %s, parameter "
				  "#%d", kind, name, i);
}

/* A function prototype's parameters, with DTrace's D_DECL_PROTO_* rules. */
static void func_params(struct dcc *cc, struct node *plist)
{
	struct node *p;
	int i = 1, nvoid = 0;

	for (p = plist; p; p = p->next, i++) {
		struct node *dl = p->kind == N_DECL ? p->kid[1] : p->kid[1];
		const char *name = dl && dl->kind == N_DECLARATOR ? dl->name : NULL;
		struct type *t;

		if (!p->kid[0])
			continue;	/* "..." */
		if (dl && dl->kind == N_DECLARATOR && dl->kid[0] &&
		    is_tuple(dl->kid[0]))
			dcc_error(cc, p->loc, "D_DECL_PROTO_TYPE", "function "
				  "prototype may not use parameter of type dynamic "
				  "variable: %s, parameter #%d",
				  name ? name : "(anonymous)", i);
		t = sema_typename(cc, p);
		if (type_is_void(t)) {
			nvoid++;
			if (name)
				dcc_error(cc, p->loc, "D_DECL_PROTO_NAME", "void "
					  "parameter may not have a name: %s", name);
		}
		proto_form(cc, plist, p, i, "function");
	}
	if (nvoid && plist->next)
		dcc_error(cc, plist->loc, "D_DECL_PROTO_VOID",
			  "void must be sole parameter");
}

static struct type *apply(struct dcc *cc, struct type *t, struct node *d)
{
	switch (d->kind) {
	case N_PTR:
		return type_qual(cc, type_ptr(cc, t), (uint32_t)d->ival);
	case N_ARRAY:
		if (!d->kid[0])
			return type_array(cc, t, 0);
		if (type_is_void(t))
			dcc_error(cc, d->loc, "D_DECL_VOIDOBJ",
				  "cannot declare array of void");
		sema_expr(cc, d->kid[0]);
		if (!d->kid[0]->is_const || d->kid[0]->cval <= 0 ||
		    !type_is_integer(d->kid[0]->type))
			dcc_error(cc, d->loc, "D_DECL_ARRSUB", "positive integral "
				  "constant expression or tuple signature expected "
				  "as array declaration subscript");
		if ((uint64_t)d->kid[0]->cval > UINT32_MAX)
			dcc_error(cc, d->loc, "D_DECL_ARRBIG",
				  "array dimension too big");
		return type_array(cc, t, d->kid[0]->cval);
	case N_FUNC: {
		struct type *f = dcc_alloc(cc, sizeof(*f));

		func_params(cc, d->kid[0]);
		f->kind = TY_FUNC;
		f->base = t;
		f->varargs = d->op == 1;
		f->size = 0;
		f->align = 1;
		return f;
	}
	default:
		return t;
	}
}

/* Only the innermost array of a declarator may have a tuple signature. */
static void no_assoc_elems(struct dcc *cc, struct node *chain)
{
	for (; chain; chain = chain->next)
		if (is_tuple(chain))
			dcc_error(cc, chain->loc, "D_DECL_DYNOBJ", "cannot declare "
				  "array of associative arrays");
}

/* Apply the derivation chain (listed from the identifier outwards) to base. */
static struct type *derive(struct dcc *cc, struct type *base, struct node *chain,
			   struct node *stop)
{
	struct node *v[64];
	int n = 0;

	if (chain)
		no_assoc_elems(cc, chain->next);
	for (; chain && chain != stop && n < 64; chain = chain->next)
		v[n++] = chain;
	while (n-- > 0)
		base = apply(cc, base, v[n]);
	return base;
}

struct type *sema_declarator(struct dcc *cc, struct type *base, struct node *d)
{
	if (!d)
		return base;
	return derive(cc, base, d->kid[0], NULL);
}

struct type *sema_typename(struct dcc *cc, struct node *tn)
{
	struct type *t;

	if (tn->type)
		return tn->type;
	if (tn->kind == N_DECL) {
		t = sema_declspec(cc, tn->kid[0]);
		t = sema_declarator(cc, t, tn->kid[1]);
	} else {
		t = sema_declspec(cc, tn->kid[0]);
		if (tn->kid[1])
			t = tn->kid[1]->kind == N_DECLARATOR ?
			    sema_declarator(cc, t, tn->kid[1]) :
			    derive(cc, t, tn->kid[1], NULL);
	}
	tn->type = t;
	return t;
}

/* ---- variable declarations ---------------------------------------------------------- */

static const char *kind_name(struct sym *s)
{
	return s->kind == SYM_ASSOC || s->nkeys ? "associative array" : "scalar";
}

static void tuple_keys(struct dcc *cc, struct sym *sym, struct node *list)
{
	int n = node_list_len(list), i = 0;

	sym->nkeys = n;
	sym->keys = dcc_alloc(cc, sizeof(struct type *) * (n + 1));
	for (; list; list = list->next) {
		if (list->kind == N_IDENT) {
			sym->keys[i++] = type_lookup(cc, list->name);
			continue;
		}
		if (!list->kid[0])
			dcc_error(cc, list->loc, "D_DECL_PROTO_VARARGS", "array "
				  "prototype may not use a variable-length argument "
				  "list");
		sym->keys[i++] = sema_typename(cc, list);
	}
}

static void tuple_forms(struct dcc *cc, struct node *list)
{
	struct node *p;
	int i = 1;

	for (p = list; p; p = p->next, i++)
		proto_form(cc, list, p, i, "array");
}

static void check_object(struct dcc *cc, struct node *d, struct type *t)
{
	struct type *r = type_resolve(t);

	if (r->kind == TY_VOID)
		dcc_error(cc, d->loc, "D_DECL_VOIDOBJ", "cannot have void "
			  "object: %s", d->name);
	if (r->kind == TY_FWD || ((r->kind == TY_STRUCT || r->kind == TY_UNION) &&
				  r->size == 0))
		dcc_error(cc, d->loc, "D_DECL_INCOMPLETE", "incomplete "
			  "struct/union/enum %s: %s", type_name(cc, t), d->name);
}

static void redecl(struct dcc *cc, struct node *d, struct sym *old,
		   bool assoc, struct type *t)
{
	if (old->kind == SYM_BUILTIN)
		dcc_error(cc, d->loc, "D_DECL_IDRED", "built-in identifier "
			  "redeclared: %s", d->name);
	if ((old->kind == SYM_ASSOC || old->nkeys) != assoc || !old->type ||
	    !type_compatible(old->type, t) ||
	    strcmp(type_name(cc, old->type), type_name(cc, t)))
		dcc_error(cc, d->loc, "D_DECL_IDRED", "identifier redeclared: "
			  "%s\n\t current: %s %s\n\tprevious: %s %s", d->name,
			  assoc ? "associative array" : "scalar", type_name(cc, t),
			  kind_name(old), old->type ? type_name(cc, old->type) :
			  "<none>");
}

static void declare_var(struct dcc *cc, struct node *ds, struct node *d,
			struct type *base)
{
	struct sema *s = sema_get(cc);
	struct node *first = d->kid[0];
	bool assoc = first && is_tuple(first);
	struct type *t;
	enum sym_kind k = (ds->op & DS_SELF) ? SYM_TLS :
			  (ds->op & DS_THIS) ? SYM_LOCAL :
			  assoc ? SYM_ASSOC : SYM_GLOBAL;
	struct strmap *map = k == SYM_TLS ? &s->tls :
			     k == SYM_LOCAL ? &s->locals : &s->globals;
	struct sym *old, *sym;

	if (assoc) {
		tuple_forms(cc, first->kid[0]);
		no_assoc_elems(cc, first->next);
	}
	t = assoc ? derive(cc, base, first->next, NULL) :
		    derive(cc, base, d->kid[0], NULL);
	if (assoc && k == SYM_LOCAL)
		dcc_error(cc, d->loc, "D_DECL_LOCASSC", "associative arrays may "
			  "not be declared as local variables: %s", d->name);
	if (type_user_lookup(cc, d->name))
		dcc_error(cc, d->loc, "D_DECL_IDRED", "typedef identifier "
			  "redeclared: %s", d->name);
	old = strmap_get(map, d->name);
	if (!old && k != SYM_TLS && k != SYM_LOCAL)
		old = sema_lookup_global(cc, d->name);
	if (old) {
		redecl(cc, d, old, assoc, t);
		return;
	}
	if (first && first->kind == N_ARRAY && !first->kid[0])
		dcc_error(cc, d->loc, "D_DECL_ARRNULL", "array declaration requires "
			  "array dimension or tuple signature: %s", d->name);
	check_object(cc, d, t);
	sym = sema_new_var(cc, k, d->name, t, d);
	if (assoc)
		tuple_keys(cc, sym, first->kid[0]);
	d->sym = sym;
}

static void declare_typedef(struct dcc *cc, struct node *d, struct type *t)
{
	if (sema_lookup_global(cc, d->name))
		dcc_error(cc, d->loc, "D_DECL_IDRED", "global variable identifier "
			  "redeclared: %s", d->name);
	if (type_user_lookup(cc, d->name))
		dcc_error(cc, d->loc, "D_DECL_IDRED", "typedef redeclared: %s",
			  d->name);
	type_typedef(cc, d->name, t);
}

static void declare_extern(struct dcc *cc, struct node *d, struct type *t)
{
	struct sym *sym = sema_new_var(cc, SYM_KERNEL, d->name, NULL, d);

	sym->type = t;
}

void sema_decl(struct dcc *cc, struct node *decl, bool in_clause)
{
	struct node *ds = decl->kid[0], *d;
	struct type *base;

	tuple_cc = cc;
	base = sema_declspec(cc, ds);

	if (__builtin_popcount((unsigned)ds->op & ~DS_INLINE) > 1)
		dcc_error(cc, decl->loc, "D_DECL_CLASS", "only one storage class "
			  "allowed in a declaration");
	if (ds->op & (DS_AUTO | DS_REGISTER | DS_STATIC))
		dcc_error(cc, decl->loc, "D_DECL_BADCLASS", "specified storage "
			  "class not appropriate in D");
	if (!decl->kid[1]) {
		struct node *k = ds->kid[0];

		if (!k || k->kind != N_SUE)
			dcc_error(cc, decl->loc, "D_DECL_USELESS",
				  "useless declaration");
		return;
	}
	for (d = decl->kid[1]; d; d = d->next) {
		struct type *t;

		if (d->name && strchr(d->name, '`'))
			dcc_error(cc, d->loc, "D_DECL_SCOPE", "D scoping operator "
				  "may not be used in a declaration name (%s)",
				  d->name);
		if (ds->op & DS_TYPEDEF) {
			declare_typedef(cc, d, sema_declarator(cc, base, d));
			continue;
		}
		t = d->kid[0] && !is_tuple(d->kid[0]) ?
		    sema_declarator(cc, base, d) : base;
		if ((ds->op & DS_EXTERN) || type_resolve(t)->kind == TY_FUNC) {
			declare_extern(cc, d, t);
			continue;
		}
		declare_var(cc, ds, d, base);
	}
	(void)in_clause;
}

/* ---- inlines --------------------------------------------------------------------------- */

void sema_inline(struct dcc *cc, struct node *n)
{
	struct node *decl = n->kid[0], *ds = decl->kid[0], *d = decl->kid[1];
	struct type *t;
	struct sym *old, *sym;

	if (ds->op & ~(DS_INLINE))
		dcc_error(cc, n->loc, "D_DECL_BADCLASS", "specified storage class "
			  "not appropriate for inline declaration");
	if (!d || !d->name)
		dcc_error(cc, n->loc, "D_DECL_USELESS",
			  "inline declaration requires a name");
	t = sema_declarator(cc, sema_declspec(cc, ds), d);
	/* the D library may redefine a built-in (curpsinfo...) */
	old = sema_get(cc)->in_lib ? strmap_get(&sema_get(cc)->globals, d->name) :
	      sema_lookup_global(cc, d->name);
	if (old)
		dcc_error(cc, n->loc, "D_DECL_IDRED", "identifier redefined: %s\n"
			  "\t current: inline definition\n\tprevious: %s %s",
			  d->name, old->nkeys ? "associative array" : "scalar",
			  old->kind == SYM_INLINE ? "inline" : "");
	if (type_is_void(t))
		dcc_error(cc, n->loc, "D_DECL_VOIDOBJ", "cannot declare void "
			  "inline: %s", d->name);
	sema_expr(cc, d->kid[1]);
	if (d->kid[1]->kind != N_XLATE && !sema_argcompat(t, d->kid[1]))
		dcc_error(cc, n->loc, "D_OP_INCOMPAT", "inline %s definition uses "
			  "incompatible types: \"%s\" = \"%s\"", d->name,
			  type_name(cc, t), type_name(cc, d->kid[1]->type));
	sym = sema_new_var(cc, SYM_INLINE, d->name, NULL, n);
	sym->type = t;
	sym->inline_expr = d->kid[1];
	n->sym = sym;
	if (sema_get(cc)->in_lib)
		strmap_put(cc, &sema_get(cc)->lib_inlines, sym->name, sym);
}
