/* SPDX-License-Identifier: MIT */
/*
 * sema_funcs.c -- type checking of calls to actions, subroutines and
 * aggregating functions: the generic prototype check (argument count and
 * types against the funcs.c prototype, DTrace's D_PROTO_LEN / D_PROTO_ARG
 * messages), the check_<name> hooks of the funcs.c table, printf-format
 * validation, aggregation assignments and the speculation ordering rules.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcc.h"
#include "dload/meta.h"
#include "funcs.h"
#include "sema.h"

int sema_nargs(struct node *call)
{
	return node_list_len(call->kid[0]);
}

struct node *sema_arg(struct node *call, int i)
{
	struct node *a = call->kid[0];

	while (a && i-- > 0)
		a = a->next;
	return a;
}

static const char *tn(struct dcc *cc, struct type *t)
{
	return type_name(cc, t);
}

static bool is_kind(struct type *t, enum type_kind k)
{
	t = type_resolve(t);
	return t && t->kind == k;
}

/* ---- prototypes --------------------------------------------------------------------- */

/* The i-th parameter text of a prototype "ret (a, [b], ...)", or NULL. */
static bool proto_param(const char *proto, int i, char *buf, size_t len)
{
	const char *p = strchr(proto, '(');
	const char *end;
	size_t n;

	if (!p)
		return false;
	for (p++; i > 0; i--) {
		p = strchr(p, ',');
		if (!p)
			return false;
		p++;
	}
	while (isspace((unsigned char)*p) || *p == '[')
		p++;
	end = p + strcspn(p, ",)]");
	n = (size_t)(end - p);
	if (n >= len)
		n = len - 1;
	memcpy(buf, p, n);
	buf[n] = 0;
	while (n > 0 && isspace((unsigned char)buf[n - 1]))
		buf[--n] = 0;
	return n > 0;
}

static struct type *proto_type(struct dcc *cc, const char *text)
{
	const char *t = text;

	if (!strncmp(t, "const ", 6))
		t += 6;
	return type_parse(cc, t);
}

static void proto_len(struct dcc *cc, struct node *call,
		      const struct func_def *f)
{
	int n = sema_nargs(call);
	const char *cmp = "";
	int lim = f->min_args;

	if (f->max_args < 0) {
		if (n >= f->min_args)
			return;
		cmp = "at least ";
	} else if (f->min_args == f->max_args) {
		if (n == f->min_args)
			return;
	} else if (n < f->min_args) {
		cmp = "at least ";
	} else if (n > f->max_args) {
		cmp = "at most ";
		lim = f->max_args;
	} else {
		return;
	}
	dcc_error(cc, call->loc, "D_PROTO_LEN", "%s( ) prototype mismatch: %d "
		  "arg%spassed, %s%d expected", f->name, n, n == 1 ? " " : "s ",
		  cmp, lim);
}

static void proto_arg_error(struct dcc *cc, struct node *call, int i,
			    const char *proto, struct type *arg)
{
	dcc_error(cc, call->loc, "D_PROTO_ARG", "%s( ) argument #%d is "
		  "incompatible with prototype:\n\tprototype: %s\n\t argument: %s",
		  call->name, i + 1, proto, tn(cc, arg));
}

/* An aggregation or a value of dynamic type. */
static bool is_dynamic(struct node *a)
{
	return a->kind == N_AGG || is_kind(a->type, TY_DYN);
}

static void proto_args(struct dcc *cc, struct node *call,
		       const struct func_def *f)
{
	struct node *a;
	char buf[128];
	int i;

	for (i = 0, a = call->kid[0]; a; a = a->next, i++) {
		struct type *pt;

		if (!proto_param(f->proto, i, buf, sizeof(buf)))
			break;
		if (!strcmp(buf, "@") || !strcmp(buf, "..."))
			continue;
		if (sema_takes_aggs(f) && is_dynamic(a))
			continue;	/* DTrace: dynamic fits any prototype */
		pt = proto_type(cc, buf);
		if (!pt)
			continue;
		if (!sema_argcompat(pt, a))
			proto_arg_error(cc, call, i, tn(cc, pt), a->type);
	}
}

static struct type *proto_ret(struct dcc *cc, const struct func_def *f)
{
	char buf[128];
	const char *p = strchr(f->proto, '(');
	size_t n = p ? (size_t)(p - f->proto) : 0;
	struct type *t;

	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, f->proto, n);
	buf[n] = 0;
	while (n > 0 && isspace((unsigned char)buf[n - 1]))
		buf[--n] = 0;
	t = proto_type(cc, buf);
	return t ? t : type_base(cc, "int");
}

/* ---- speculation ordering (per clause) ----------------------------------------------- */

/*
 * The clause-ordering rules of DTrace's dt_cg_clsflags(): speculate( ) and
 * commit( ) against what the clause did before them, then any other action
 * or aggregation against a preceding speculate( ) or commit( ).
 */
static void spec_speculate(struct dcc *cc, struct node *call, struct sema *s)
{
	if (s->act_spec)
		dcc_error(cc, call->loc, "D_SPEC_SPEC",
			  "speculate( ) may not follow speculate( )");
	if (s->act_commit)
		dcc_error(cc, call->loc, "D_SPEC_COMM",
			  "speculate( ) may not follow commit( )");
	if (s->act_data || s->act_agg)
		dcc_error(cc, call->loc, "D_SPEC_DREC", "speculate( ) may "
			  "not follow data-recording action(s)");
	s->act_spec = true;
}

/* Several commit( )s may share a clause: current DTrace dropped its
 * D_COMM_COMM check (the suite's tst.CommitDiscard4x commits 4 times). */
static void spec_commit(struct dcc *cc, struct node *call, struct sema *s)
{
	if (s->act_data || s->act_agg)
		dcc_error(cc, call->loc, "D_COMM_DREC", "commit( ) may "
			  "not follow data-recording action(s)");
	s->act_commit = true;
}

static void spec_agg(struct dcc *cc, struct node *call, struct sema *s)
{
	if (s->act_commit)
		dcc_error(cc, call->loc, "D_AGG_COMM",
			  "aggregating actions may not follow commit( )");
	if (s->act_spec)
		dcc_error(cc, call->loc, "D_AGG_SPEC",
			  "aggregating actions may not follow speculate( )");
	s->act_agg = true;
}

static void spec_action(struct dcc *cc, struct node *call,
			const struct func_def *f, struct sema *s)
{
	bool drec = f->code != 0 && strcmp(f->name, "exit") &&
		    strcmp(f->name, "setopt");

	if (s->act_spec && f->destructive)
		dcc_error(cc, call->loc, "D_ACT_SPEC",
			  "destructive actions may not follow speculate( )");
	if (s->act_spec && !strcmp(f->name, "exit"))
		dcc_error(cc, call->loc, "D_EXIT_SPEC",
			  "exit( ) may not follow speculate( )");
	if (s->act_commit && (drec || !strcmp(f->name, "exit")))
		dcc_error(cc, call->loc, "D_DREC_COMM", "data-recording actions "
			  "may not follow commit( )");
	if (drec)
		s->act_data = true;
}

static void spec_rules(struct dcc *cc, struct node *call,
		       const struct func_def *f)
{
	struct sema *s = sema_get(cc);

	if (!s->clause)
		return;
	if (!strcmp(f->name, "speculate"))
		spec_speculate(cc, call, s);
	else if (!strcmp(f->name, "commit"))
		spec_commit(cc, call, s);
	else if (f->kind == FK_AGG)
		spec_agg(cc, call, s);
	else if (f->kind == FK_ACTION)
		spec_action(cc, call, f, s);
}

/* The function call names, with its symbol; D_FUNC_* if there is none. */
static const struct func_def *call_func(struct dcc *cc, struct node *call)
{
	const struct func_def *f = func_lookup(call->name);
	struct sym *sym;

	if (!f) {
		sym = sema_lookup_global(cc, call->name);
		if (sym)
			dcc_error(cc, call->loc, "D_FUNC_IDKIND", "%s '%s' may not "
				  "be referenced as a function", sym->nkeys ?
				  "associative array" : "scalar", call->name);
		dcc_error(cc, call->loc, "D_FUNC_UNDEF",
			  "undefined function name: %s", call->name);
	}
	sym = dcc_alloc(cc, sizeof(*sym));
	sym->kind = SYM_FUNC;
	sym->name = dcc_intern(cc, f->name);
	sym->func = f;
	call->sym = sym;
	return f;
}

/* Is a @name[key] with no aggregation @name assigned anywhere before? */
static bool agg_ref_unassigned(struct dcc *cc, struct node *a)
{
	return a->kind == N_INDEX && a->kid[0]->kind == N_AGG &&
	       !strmap_get(&sema_get(cc)->aggs, a->kid[0]->name);
}

/*
 * Type the arguments of a call.  As in DTrace, an action on aggregations
 * takes @a[key] for @a (the key is checked, then dropped); when no @a was
 * assigned, the reference stays an N_INDEX without a symbol, for the
 * action to report as an undefined aggregation (its *_AGGBAD).
 */
static void call_args(struct dcc *cc, struct node *call,
		      const struct func_def *f)
{
	struct node **ap, *a;

	for (ap = &call->kid[0]; (a = *ap) != NULL; ap = &(*ap)->next) {
		if (!sema_takes_aggs(f) || a->kind != N_INDEX ||
		    a->kid[0]->kind != N_AGG) {
			sema_expr(cc, a);
		} else if (agg_ref_unassigned(cc, a)) {
			sema_expr_list(cc, a->kid[1]);
			a->type = a->kid[0]->type = type_dyn(cc, true);
		} else {
			sema_expr(cc, a);
			a->kid[0]->next = a->next;
			*ap = a->kid[0];
		}
	}
}

/*
 * stack( ) and jstack( ) count their own arguments, as in illumos DTrace,
 * which declares them "stack(...)": too many arguments are reported by
 * their checks (D_STACK_PROTO, D_USTACK_PROTO), not by the prototype.
 */
static bool own_arity(const struct func_def *f, int nargs)
{
	return nargs > f->max_args &&
	       (!strcmp(f->name, "stack") || !strcmp(f->name, "jstack"));
}

void sema_call(struct dcc *cc, struct node *call)
{
	const struct func_def *f = call_func(cc, call);
	struct sema *s = sema_get(cc);

	s->call_depth++;
	call_args(cc, call, f);
	s->call_depth--;
	if (s->call_depth > 0 && f->kind == FK_ACTION) {
		call->type = type_void(cc);
		return;
	}
	if (!own_arity(f, sema_nargs(call))) {
		proto_len(cc, call, f);
		proto_args(cc, call, f);
	}
	spec_rules(cc, call, f);	/* DTrace: before the action's checks */
	call->type = NULL;
	if (f->check)
		f->check(cc, call);
	if (!call->type)
		call->type = f->kind == FK_SUBR ? proto_ret(cc, f) : type_void(cc);
}

/* Actions whose arguments are aggregations. */
bool sema_takes_aggs(const struct func_def *f)
{
	return f->kind == FK_ACTION &&
	       (f->code == DTM_ACT_CLEAR || f->code == DTM_ACT_TRUNC ||
		f->code == DTM_ACT_NORMALIZE || f->code == DTM_ACT_DENORMALIZE ||
		f->code == DTM_ACT_PRINTA);
}

/* Is n a call of what DTrace declares an action (DT_IDENT_ACTFUNC): an
 * action, or func( ), sym( ), mod( ) and their user-space forms? */
bool sema_is_action(const struct node *n)
{
	const struct func_def *f;

	if (n->kind != N_CALL || !(f = func_lookup(n->name)))
		return false;
	return f->kind == FK_ACTION || !strncmp(f->proto, "_symaddr", 8) ||
	       !strncmp(f->proto, "_usymaddr", 9);
}

/* ---- printf formats ------------------------------------------------------------------ */

enum pfchk { PF_XINT, PF_DINT, PF_CSI, PF_FP, PF_ADDR, PF_KADDR, PF_UADDR,
	     PF_STR, PF_WSTR, PF_STACK, PF_TIME, PF_TYPE, PF_PCT, PF_XSHORT,
	     PF_XLONG, PF_XLL };

struct pfconv {
	const char *name;
	const char *proto;
	enum pfchk chk;
};

#define XINT "char, short, int, long, or long long"
#define CSI "char, short, or int"
#define FP "float, double, or long double"
#define ADDR "pointer or integer"
#define CSTR "char [] or string (or use stringof)"

static const struct pfconv pfconvs[] = {
	{ "a", ADDR, PF_KADDR },
	{ "A", "pointer or integer (with -p/-c) or _usymaddr (without -p/-c)",
	  PF_UADDR },
	{ "c", CSI, PF_CSI }, { "C", CSI, PF_CSI }, { "d", XINT, PF_DINT },
	{ "e", FP, PF_FP }, { "E", FP, PF_FP }, { "f", FP, PF_FP },
	{ "g", FP, PF_FP }, { "G", FP, PF_FP },
	{ "hd", "short", PF_TYPE }, { "hi", "short", PF_TYPE },
	{ "ho", "unsigned short", PF_TYPE }, { "hu", "unsigned short", PF_TYPE },
	{ "hx", "short", PF_XSHORT }, { "hX", "short", PF_XSHORT },
	{ "i", XINT, PF_XINT }, { "I", CSTR, PF_STR }, { "k", "stack", PF_STACK },
	{ "lc", "int", PF_TYPE }, { "ld", "long", PF_TYPE },
	{ "li", "long", PF_TYPE }, { "lo", "unsigned long", PF_TYPE },
	{ "lu", "unsigned long", PF_TYPE }, { "ls", "wchar_t []", PF_WSTR },
	{ "lx", "long", PF_XLONG }, { "lX", "long", PF_XLONG },
	{ "lld", "long long", PF_TYPE }, { "lli", "long long", PF_TYPE },
	{ "llo", "unsigned long long", PF_TYPE },
	{ "llu", "unsigned long long", PF_TYPE },
	{ "llx", "long long", PF_XLL }, { "llX", "long long", PF_XLL },
	{ "Le", "long double", PF_TYPE }, { "LE", "long double", PF_TYPE },
	{ "Lf", "long double", PF_TYPE }, { "Lg", "long double", PF_TYPE },
	{ "LG", "long double", PF_TYPE }, { "o", XINT, PF_XINT },
	{ "p", ADDR, PF_ADDR }, { "P", "uint16_t", PF_TYPE },
	{ "s", CSTR, PF_STR }, { "S", CSTR, PF_STR }, { "T", "int64_t", PF_TIME },
	{ "u", XINT, PF_XINT }, { "wc", "int", PF_TYPE },
	{ "ws", "wchar_t []", PF_WSTR }, { "x", XINT, PF_XINT },
	{ "X", XINT, PF_XINT }, { "Y", "int64_t", PF_TIME },
	{ "%", "void", PF_PCT },
};

static const struct pfconv *pf_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(pfconvs) / sizeof(pfconvs[0]); i++)
		if (!strcmp(pfconvs[i].name, name))
			return &pfconvs[i];
	return NULL;
}

static bool resolved_named(struct type *t, const char *a, const char *b)
{
	const char *n;

	t = type_resolve(t);
	if (!t || t->kind != TY_INT)
		return false;
	n = t->name;
	return !strcmp(n, a) || !strcmp(n, b);
}

static bool pf_check(struct dcc *cc, const struct pfconv *c, struct type *t)
{
	struct type *r = type_resolve(t), *want;

	switch (c->chk) {
	case PF_XINT: case PF_DINT:
		return type_is_integer(t);
	case PF_CSI:
		return type_is_integer(t) && r->size <= 4;
	case PF_FP:
		return r && r->kind == TY_FLOAT;
	case PF_ADDR:
		return type_is_integer(t) || type_is_pointer(t) ||
		       is_kind(t, TY_ARRAY);
	case PF_KADDR:
		return type_is_scalar(t) || is_kind(t, TY_SYMADDR);
	case PF_UADDR:
		return type_is_scalar(t) || is_kind(t, TY_USYMADDR);
	case PF_STR:
		return type_is_strcompat(t) || (r && r->kind == TY_ARRAY &&
						type_size(r->base) == 1);
	case PF_WSTR:
		return r && r->kind == TY_ARRAY;
	case PF_STACK:
		return r && r->kind == TY_STACK;
	case PF_TIME:
		return type_is_integer(t) && r->size == 8;
	case PF_XSHORT:
		return resolved_named(t, "short", "unsigned short");
	case PF_XLONG:
		return resolved_named(t, "long", "unsigned long");
	case PF_XLL:
		return type_is_integer(t) && r->size == 8;
	case PF_TYPE:
		want = type_resolve(type_parse(cc, c->proto));
		if (!want || !r)
			return false;
		if (want->kind == TY_FLOAT)
			return r->kind == TY_FLOAT && r->size == want->size;
		return type_is_integer(t) && r->size == want->size &&
		       (r->kind == TY_ENUM || r->is_signed == want->is_signed);
	case PF_PCT:
		return true;
	}
	return false;
}

struct pfspec {
	char name[8];
	int nconv;
	bool dynwidth, dynprec, agg;
};

static void pf_syntax(struct dcc *cc, struct node *at, const char *fmt, int n,
		      const char *extra)
{
	char msg[256];

	snprintf(msg, sizeof(msg), fmt, n, extra ? extra : "");
	dcc_error(cc, at->loc, "D_SYNTAX", "%s", msg);
}

/* Parse one conversion after '%'; returns the position after it. */
static const char *pf_parse(struct dcc *cc, struct node *at, const char *p,
			    struct pfspec *sp)
{
	int dot = 0, digits = 0;
	size_t nl = 0;

	for (;;) {
		char c = *++p;

		if (isdigit((unsigned char)c)) {
			if (!(dot == 0 && digits == 0 && c == '0')) {
				while (isdigit((unsigned char)p[1]))
					p++;
				digits++;
			}
			continue;
		}
		switch (c) {
		case '#': case '+': case '-': case '?': case '\'': case ' ':
			continue;
		case '@':
			sp->agg = true;
			continue;
		case '*':
			if (dot ? sp->dynprec : sp->dynwidth)
				pf_syntax(cc, at, "format conversion #%d has more "
					  "than one '*' specified for the output %s",
					  sp->nconv, dot ? "precision" : "width");
			if (dot)
				sp->dynprec = true;
			else
				sp->dynwidth = true;
			continue;
		case '.':
			if (dot++)
				pf_syntax(cc, at, "format conversion #%d has more "
					  "than one '.' specified%s", sp->nconv, NULL);
			digits = 0;
			continue;
		case '$':
			pf_syntax(cc, at, "format conversion #%d uses unsupported "
				  "positional format (%%n$)%s", sp->nconv, NULL);
			continue;
		case '%':
			if (p[-1] != '%')
				pf_syntax(cc, at, "format conversion #%d cannot be "
					  "combined with other format flags: %%%%%s",
					  sp->nconv, NULL);
			break;
		case '\0':
			pf_syntax(cc, at, "format conversion #%d name expected "
				  "before end of format string%s", sp->nconv, NULL);
			continue;
		case 'h': case 'l': case 'L': case 'w':
			if (nl < sizeof(sp->name) - 2)
				sp->name[nl++] = c;
			continue;
		}
		sp->name[nl++] = c;
		sp->name[nl] = 0;
		return p + 1;
	}
}

struct pfctx {
	const char *func;
	int foff;		/* arguments before the first value */
	bool aggregation;	/* printa: %@ allowed */
	bool exactlen;
};

static void pf_dyn(struct dcc *cc, struct node *call, const struct pfctx *x,
		   struct node **argp, int *j, int conv, const char *which,
		   const char *name)
{
	struct node *a = *argp;

	if (!a)
		dcc_error(cc, call->loc, "D_PRINTF_DYN_PROTO", "%s( ) prototype "
			  "mismatch: conversion #%d (%%%s) is missing a "
			  "corresponding \"%s\" argument", x->func, conv, name,
			  which);
	if (!type_is_integer(a->type))
		dcc_error(cc, call->loc, "D_PRINTF_DYN_TYPE", "%s( ) argument #%d "
			  "is incompatible with conversion #%d prototype:\n"
			  "\tconversion: %% %s %s\n\t prototype: int\n"
			  "\t  argument: %s", x->func, *j + x->foff + 1, conv,
			  which, name, tn(cc, a->type));
	*argp = a->next;
	(*j)++;
}

static void pf_value(struct dcc *cc, struct node *call, const struct pfctx *x,
		     struct node **argp, int *j, int conv,
		     const struct pfconv *c, bool agg)
{
	struct type *t;
	char vname[64];

	if (agg) {
		if (!x->aggregation)
			dcc_error(cc, call->loc, "D_PRINTF_AGG_CONV", "%%@ conversion "
				  "requires an aggregation and is not for use "
				  "with %s( )", x->func);
		snprintf(vname, sizeof(vname), "aggregating action");
		t = type_base(cc, "int64_t");
	} else {
		if (!*argp)
			dcc_error(cc, call->loc, "D_PRINTF_ARG_PROTO", "%s( ) "
				  "prototype mismatch: conversion #%d (%%%s) is "
				  "missing a corresponding value argument",
				  x->func, conv, c->name);
		snprintf(vname, sizeof(vname), "argument #%d", *j + x->foff + 1);
		t = (*argp)->type;
		*argp = (*argp)->next;
		(*j)++;
	}
	if (!pf_check(cc, c, t))
		dcc_error(cc, call->loc, "D_PRINTF_ARG_TYPE", "%s( ) %s is "
			  "incompatible with conversion #%d prototype:\n"
			  "\tconversion: %%%s\n\t prototype: %s\n\t  argument: %s",
			  x->func, vname, conv, c->name, c->proto, tn(cc, t));
}

/* Validate format fmt against the argument list args. */
void sema_printf_format(struct dcc *cc, struct node *call, const char *fmt,
			struct node *args, const struct pfctx *x)
{
	const char *p = fmt;
	int conv = 0, j = 0;

	if (!*fmt)
		dcc_error(cc, call->loc, "D_PRINTF_FMT_EMPTY",
			  "%s( ) format string is empty", x->func);
	while ((p = strchr(p, '%')) != NULL) {
		struct pfspec sp = { .nconv = ++conv };
		const struct pfconv *c;

		p = pf_parse(cc, call, p, &sp);
		c = pf_lookup(sp.name);
		if (!c)
			dcc_error(cc, call->loc, "D_SYNTAX", "format conversion #%d "
				  "is undefined: %%%s", conv, sp.name);
		if (c->chk == PF_PCT)
			continue;
		if (sp.dynwidth)
			pf_dyn(cc, call, x, &args, &j, conv, "*", c->name);
		if (sp.dynprec)
			pf_dyn(cc, call, x, &args, &j, conv, ".*", c->name);
		pf_value(cc, call, x, &args, &j, conv, c, sp.agg);
	}
	if (x->exactlen && args)
		dcc_error(cc, call->loc, "D_PRINTF_ARG_EXTRA", "%s( ) prototype "
			  "mismatch: only %d arguments required by this format "
			  "string", x->func, j);
}

static void fmt_first(struct dcc *cc, struct node *call, const char *tag)
{
	struct node *f = sema_arg(call, 0);

	if (f->kind != N_STR)
		dcc_error(cc, call->loc, tag, "%s( ) argument #1 is incompatible "
			  "with prototype:\n\tprototype: %s\n\t argument: %s",
			  call->name, type_is_string(f->type) ? "string constant" :
			  "string", tn(cc, f->type));
}

void check_printf(struct dcc *cc, struct node *call)
{
	struct pfctx x = { "printf", 1, false, true };
	struct node *f = sema_arg(call, 0);

	if (!type_is_string(f->type))
		dcc_error(cc, call->loc, "D_PROTO_ARG", "printf( ) argument #1 is "
			  "incompatible with prototype:\n\tprototype: string\n"
			  "\t argument: %s", tn(cc, f->type));
	fmt_first(cc, call, "D_PRINTF_ARG_FMT");
	x.func = call->name;
	sema_printf_format(cc, call, f->str, f->next, &x);
}

void check_system(struct dcc *cc, struct node *call)
{
	check_printf(cc, call);
}

void check_freopen(struct dcc *cc, struct node *call)
{
	struct node *f = sema_arg(call, 0);

	if (f->kind == N_STR && (!strcmp(f->str, ".") || !strcmp(f->str, "..")))
		dcc_error(cc, call->loc, "D_FREOPEN_INVALID", "freopen( ) argument "
			  "#1 cannot be \"%s\"", f->str);
	check_printf(cc, call);
}

/* ---- printa and aggregation actions ------------------------------------------------ */

/* Argument i of an aggregation action must be an aggregation: @a, or an
 * @a[key] of no assigned @a (call_args); tag is the action's *_AGGARG. */
static struct node *agg_arg(struct dcc *cc, struct node *call, int i,
			    const char *tag)
{
	struct node *a = sema_arg(call, i);

	if (!a || !((a->kind == N_AGG && a->sym) ||
		    (a->kind == N_INDEX && a->kid[0]->kind == N_AGG)))
		dcc_error(cc, call->loc, tag, "%s( ) argument #%d is incompatible "
			  "with prototype:\n\tprototype: aggregation\n"
			  "\t argument: %s", call->name, i + 1,
			  a ? tn(cc, a->type) : "void");
	return a;
}

/* ... and it must have been assigned (tag: the action's *_AGGBAD). */
static struct sym *agg_defined(struct dcc *cc, struct node *call,
			       struct node *a, const char *tag)
{
	if (a->kind != N_AGG)
		dcc_error(cc, call->loc, tag, "undefined aggregation: @%s",
			  a->kid[0]->name);
	return a->sym;
}

static void printa_keys(struct dcc *cc, struct node *call, struct sym *l,
			struct sym *r)
{
	int i;

	if (l->nkeys != r->nkeys)
		dcc_error(cc, call->loc, "D_PRINTA_AGGKEY", "printa( ): @%s and @%s "
			  "do not have matching key signatures: @%s has %d key%s, "
			  "@%s has %d key%s", l->name, r->name, l->name, l->nkeys,
			  l->nkeys == 1 ? "" : "s", r->name, r->nkeys,
			  r->nkeys == 1 ? "" : "s");
	for (i = 0; i < l->nkeys; i++) {
		struct node fake = { .type = r->keys[i] };

		if (!sema_argcompat(l->keys[i], &fake))
			dcc_error(cc, call->loc, "D_PRINTA_AGGPROTO", "printa( ): "
				  "@%s[ ] key #%d is incompatible with @%s:\n"
				  "%9s key #%d: %s\n%9s key #%d: %s", r->name, i + 1,
				  l->name, l->name, i + 1, tn(cc, l->keys[i]),
				  r->name, i + 1, tn(cc, r->keys[i]));
	}
}

/* printa(fmt, @a...): the format against the keys of @a */
static void printa_format(struct dcc *cc, struct node *call, struct node *f,
			  struct sym *agg)
{
	struct pfctx x = { "printa", 1, true, false };
	struct node *keys = NULL, **tail = &keys;
	int k;

	for (k = 0; k < agg->nkeys; k++) {
		struct node *kn = dcc_alloc(cc, sizeof(*kn));

		kn->kind = N_IDENT;
		kn->type = agg->keys[k];
		*tail = kn;
		tail = &kn->next;
	}
	sema_printf_format(cc, call, f->str, keys, &x);
}

void check_printa(struct dcc *cc, struct node *call)
{
	struct node *f = sema_arg(call, 0), *a;
	int i = f->kind == N_STR ? 1 : 0;
	struct sym *first = NULL, *agg;

	if (i && !f->next)
		dcc_error(cc, call->loc, "D_PRINTA_PROTO", "printa( ) prototype "
			  "mismatch: 1 args passed, 2 expected");
	for (a = sema_arg(call, i); a; a = a->next, i++) {
		agg = agg_defined(cc, call, agg_arg(cc, call, i,
				  "D_PRINTA_AGGARG"), "D_PRINTA_AGGBAD");
		if (first) {
			printa_keys(cc, call, first, agg);
			continue;
		}
		first = agg;
		if (f->kind == N_STR)
			printa_format(cc, call, f, first);
	}
}

void check_clear(struct dcc *cc, struct node *call)
{
	agg_defined(cc, call, agg_arg(cc, call, 0, "D_CLEAR_AGGARG"),
		    "D_CLEAR_AGGBAD");
}

void check_denormalize(struct dcc *cc, struct node *call)
{
	agg_defined(cc, call, agg_arg(cc, call, 0, "D_NORMALIZE_AGGARG"),
		    "D_NORMALIZE_AGGBAD");
}

void check_normalize(struct dcc *cc, struct node *call)
{
	struct node *a = agg_arg(cc, call, 0, "D_NORMALIZE_AGGARG");
	struct node *n = sema_arg(call, 1);

	if (!type_is_scalar(n->type))
		dcc_error(cc, call->loc, "D_NORMALIZE_SCALAR", "normalize( ) "
			  "argument #2 must be of scalar type");
	agg_defined(cc, call, a, "D_NORMALIZE_AGGBAD");
}

void check_trunc(struct dcc *cc, struct node *call)
{
	struct node *a = agg_arg(cc, call, 0, "D_TRUNC_AGGARG");
	struct node *n = sema_arg(call, 1);

	if (n && !type_is_scalar(n->type))
		dcc_error(cc, call->loc, "D_TRUNC_SCALAR", "trunc( ) argument #2 "
			  "must be of scalar type");
	agg_defined(cc, call, a, "D_TRUNC_AGGBAD");
}

/* ---- data-recording actions ---------------------------------------------------------- */

void check_trace(struct dcc *cc, struct node *call)
{
	struct node *a = sema_arg(call, 0);

	if (type_is_void(a->type))
		dcc_error(cc, call->loc, "D_TRACE_VOID",
			  "trace( ) may not be applied to a void expression");
	if (a->kind == N_AGG || is_kind(a->type, TY_DYN))
		dcc_error(cc, call->loc, "D_TRACE_DYN", "trace( ) may not be "
			  "applied to a dynamic expression");
}

void check_print(struct dcc *cc, struct node *call)
{
	struct node *a = sema_arg(call, 0);
	struct type *r = type_resolve(a->type);

	if (type_is_void(a->type))
		dcc_error(cc, call->loc, "D_PRINT_VOID",
			  "print( ) may not be applied to a void expression");
	if (a->kind == N_AGG || is_kind(a->type, TY_DYN))
		dcc_error(cc, call->loc, "D_PRINT_DYN", "print( ) may not be "
			  "applied to a dynamic expression");
	if (r && r->kind == TY_PTR && (type_resolve(r->base)->kind == TY_FWD ||
				       type_size(r->base) == 0))
		dcc_error(cc, call->loc, "D_PRINT_SIZE", "print( ) argument #1 "
			  "reference has type '%s' with size 0; cannot print( ) it.",
			  tn(cc, r->base));
}

static bool posconst(struct node *a)
{
	return a->is_const && a->cval > 0;
}

void check_tracemem(struct dcc *cc, struct node *call)
{
	struct node *a = sema_arg(call, 0), *sz = sema_arg(call, 1);
	struct node *dyn = sema_arg(call, 2);

	if (!type_is_scalar(a->type) && !is_kind(a->type, TY_ARRAY) &&
	    !type_is_string(a->type))
		dcc_error(cc, call->loc, "D_TRACEMEM_ADDR", "tracemem( ) argument "
			  "#1 is incompatible with prototype:\n\tprototype: "
			  "pointer or integer\n\t argument: %s", tn(cc, a->type));
	if (!posconst(sz))
		dcc_error(cc, call->loc, "D_TRACEMEM_SIZE", "tracemem( ) argument "
			  "#2 must be a non-zero positive integral constant "
			  "expression");
	if (dyn && !type_is_integer(dyn->type))
		dcc_error(cc, call->loc, "D_TRACEMEM_DYNSIZE", "tracemem( ) "
			  "dynamic size (argument #3) must be of integer type");
}

void check_stack(struct dcc *cc, struct node *call)
{
	struct node *a = sema_arg(call, 0);

	if (sema_nargs(call) > 1)	/* see own_arity() */
		dcc_error(cc, call->loc, "D_STACK_PROTO", "stack( ) prototype "
			  "mismatch: too many arguments");
	if (a && !posconst(a))
		dcc_error(cc, call->loc, "D_STACK_SIZE", "stack( ) argument #1 "
			  "must be a non-zero positive integer constant");
	call->type = type_stack(cc);
}

void check_ustack(struct dcc *cc, struct node *call)
{
	struct node *a = sema_arg(call, 0), *b = sema_arg(call, 1);

	if (a && !posconst(a))
		dcc_error(cc, call->loc, "D_USTACK_FRAMES", "%s( ) argument #1 "
			  "must be a non-zero positive integer constant",
			  call->name);
	if (b && (!b->is_const || b->cval < 0))
		dcc_error(cc, call->loc, "D_USTACK_STRSIZE", "%s( ) argument #2 "
			  "must be a positive integer constant", call->name);
	call->type = type_stack(cc);
}

/* jstack( ) reports too many arguments after checking the first two, as
 * illumos DTrace does, with the ustack( ) message (see own_arity()). */
void check_jstack(struct dcc *cc, struct node *call)
{
	check_ustack(cc, call);
	if (sema_nargs(call) > 2)
		dcc_error(cc, call->loc, "D_USTACK_PROTO", "ustack( ) prototype "
			  "mismatch: too many arguments");
}

void check_printm(struct dcc *cc, struct node *call) { }

void check_exit(struct dcc *cc, struct node *call) { }

void check_setopt(struct dcc *cc, struct node *call) { }

void check_ftruncate(struct dcc *cc, struct node *call) { }
void check_raise(struct dcc *cc, struct node *call) { }
void check_stop(struct dcc *cc, struct node *call) { }
void check_breakpoint(struct dcc *cc, struct node *call) { }
void check_panic(struct dcc *cc, struct node *call) { }
void check_chill(struct dcc *cc, struct node *call) { }
void check_copyout(struct dcc *cc, struct node *call) { }
void check_copyoutstr(struct dcc *cc, struct node *call) { }
void check_pcap(struct dcc *cc, struct node *call) { }
void check_speculate(struct dcc *cc, struct node *call) { }
void check_commit(struct dcc *cc, struct node *call) { }
void check_discard(struct dcc *cc, struct node *call) { }
void check_speculation(struct dcc *cc, struct node *call) { }

/* ---- aggregating functions ----------------------------------------------------------- */

static void agg_scalar(struct dcc *cc, struct node *call)
{
	struct node *a = sema_arg(call, 0);

	if (a && !type_is_scalar(a->type))
		dcc_error(cc, call->loc, "D_AGG_SCALAR", "%s( ) argument #1 must "
			  "be of scalar type", call->name);
}

static void agg_incr(struct dcc *cc, struct node *call, int idx)
{
	struct node *a = sema_arg(call, idx);

	if (a && !type_is_scalar(a->type))
		dcc_error(cc, call->loc, "D_PROTO_ARG", "%s( ) increment value "
			  "(argument #%d) must be of scalar type", call->name,
			  idx + 1);
}

void check_count(struct dcc *cc, struct node *call) { }
void check_sum(struct dcc *cc, struct node *call) { agg_scalar(cc, call); }
void check_avg(struct dcc *cc, struct node *call) { agg_scalar(cc, call); }
void check_min(struct dcc *cc, struct node *call) { agg_scalar(cc, call); }
void check_max(struct dcc *cc, struct node *call) { agg_scalar(cc, call); }
void check_stddev(struct dcc *cc, struct node *call) { agg_scalar(cc, call); }

void check_quantize(struct dcc *cc, struct node *call)
{
	agg_scalar(cc, call);
	agg_incr(cc, call, 1);
}

static int64_t lq_int(struct dcc *cc, struct node *a, int n, const char *type,
		      const char *val)
{
	if (!a->is_const)
		dcc_error(cc, a->loc, type, "lquantize( ) argument #%d must be an "
			  "integer constant", n);
	if (a->cval < INT32_MIN || a->cval > INT32_MAX)
		dcc_error(cc, a->loc, val, "lquantize( ) argument #%d must be a "
			  "32-bit quantity", n);
	return a->cval;
}

void check_lquantize(struct dcc *cc, struct node *call)
{
	struct node *b = sema_arg(call, 1), *l = sema_arg(call, 2);
	struct node *s = sema_arg(call, 3);
	int64_t base, lim, step = 1, nlevels;

	agg_scalar(cc, call);
	base = lq_int(cc, b, 1, "D_LQUANT_BASETYPE", "D_LQUANT_BASEVAL");
	lim = lq_int(cc, l, 2, "D_LQUANT_LIMTYPE", "D_LQUANT_LIMVAL");
	if (lim <= base)
		dcc_error(cc, call->loc, "D_LQUANT_MISMATCH", "lquantize( ) base "
			  "(argument #1) must be less than limit (argument #2)");
	if (s) {
		if (!posconst(s))
			dcc_error(cc, s->loc, "D_LQUANT_STEPTYPE", "lquantize( ) "
				  "argument #3 must be a non-zero positive integer "
				  "constant");
		step = s->cval;
		if (step > UINT16_MAX)
			dcc_error(cc, s->loc, "D_LQUANT_STEPVAL", "lquantize( ) "
				  "argument #3 must be a 16-bit quantity");
	}
	nlevels = (lim - base) / step;
	if (nlevels == 0)
		dcc_error(cc, call->loc, "D_LQUANT_STEPLARGE", "lquantize( ) step "
			  "(argument #3) too large: must have at least one "
			  "quantization level");
	if (nlevels > UINT16_MAX)
		dcc_error(cc, call->loc, "D_LQUANT_STEPSMALL", "lquantize( ) step "
			  "(argument #3) too small: number of quantization levels "
			  "must be a 16-bit quantity");
	agg_incr(cc, call, 4);
	call->ival = 0;
}

static uint64_t llq_arg(struct dcc *cc, struct node *a, int n, const char *type,
			const char *val, const char *extra)
{
	if (!a->is_const)
		dcc_error(cc, a->loc, type, "llquantize( ) argument #%d must be an "
			  "integer constant", n);
	if ((uint64_t)a->cval > UINT16_MAX)
		dcc_error(cc, a->loc, val, "llquantize( ) argument #%d must be an "
			  "unsigned 16-bit quantity%s", n, extra);
	return (uint64_t)a->cval;
}

static void llq_steps(struct dcc *cc, struct node *at, uint64_t factor,
		      uint64_t lmag, uint64_t steps)
{
	const char *m = NULL;

	if (steps < factor && factor % steps != 0)
		m = "llquantize() argument #4 (steps) must evenly divide "
		    "argument #1 (factor) when steps<factor";
	else if (steps > factor && steps % factor != 0)
		m = "llquantize() argument #4 (steps) must be a multiple of "
		    "argument #1 (factor) when steps>factor";
	else if (steps > factor && lmag == 0 && (factor * factor) % steps != 0)
		m = "llquantize() argument #4 (steps) must evenly divide the "
		    "square of argument #1 (factor) when steps>factor and lmag==0";
	else if (steps > factor && lmag != 0 &&
		 (unsigned long long)powl(factor, lmag + 1) % steps != 0)
		m = "llquantize() argument #4 (steps) must evenly divide pow("
		    "argument #1 (factor), lmag (argument #2) + 1) when "
		    "steps>factor and lmag==0";
	if (m)
		dcc_error(cc, at->loc, "D_LLQUANT_STEPVAL", "%s", m);
}

void check_llquantize(struct dcc *cc, struct node *call)
{
	struct node *a1 = sema_arg(call, 1), *a2 = sema_arg(call, 2);
	struct node *a3 = sema_arg(call, 3), *a4 = sema_arg(call, 4);
	uint64_t factor, lmag, hmag, steps;

	agg_scalar(cc, call);
	factor = llq_arg(cc, a1, 1, "D_LLQUANT_FACTORTYPE", "D_LLQUANT_FACTORVAL",
			 " greater than or equal to 2");
	if (factor < 2)
		dcc_error(cc, a1->loc, "D_LLQUANT_FACTORVAL", "llquantize( ) "
			  "argument #1 must be an unsigned 16-bit quantity greater "
			  "than or equal to 2");
	lmag = llq_arg(cc, a2, 2, "D_LLQUANT_LMAGTYPE", "D_LLQUANT_LMAGVAL", "");
	hmag = llq_arg(cc, a3, 3, "D_LLQUANT_HMAGTYPE", "D_LLQUANT_HMAGVAL", "");
	if (hmag < lmag)
		dcc_error(cc, a3->loc, "D_LLQUANT_HMAGVAL", "llquantize( ) argument "
			  "#3 (high magnitude) must be at least argument #2 (low "
			  "magnitude)");
	if (powl(factor, hmag + 1) > (long double)UINT64_MAX)
		dcc_error(cc, a3->loc, "D_LLQUANT_HMAGVAL", "llquantize( ) argument "
			  "#3 (high magnitude) will cause overflow of 64 bits");
	if (a4->is_const && a4->cval < 0)
		dcc_error(cc, a4->loc, "D_LLQUANT_STEPTYPE", "llquantize( ) argument "
			  "#4 must be an integer constant");
	steps = llq_arg(cc, a4, 4, "D_LLQUANT_STEPTYPE", "D_LLQUANT_STEPVAL", "");
	if (steps == 0)
		dcc_error(cc, a4->loc, "D_LLQUANT_STEPVAL", "llquantize( ) argument "
			  "#4 must be an unsigned 16-bit quantity");
	llq_steps(cc, a1, factor, lmag, steps);
	agg_incr(cc, call, 5);
}

/* Record the aggregating function and its parameters on the aggregation,
 * checking they agree with an earlier use. */
static void agg_params(struct dcc *cc, struct node *call, struct sym *agg)
{
	int64_t p[4] = { 0 };
	int i;

	if (agg->aggfn && agg->aggfn->code == DTM_AGG_LQUANTIZE) {
		p[0] = sema_arg(call, 1)->cval;
		p[1] = sema_arg(call, 2)->cval;
		p[2] = sema_arg(call, 3) ? sema_arg(call, 3)->cval : 1;
	} else if (agg->aggfn && agg->aggfn->code == DTM_AGG_LLQUANTIZE) {
		for (i = 0; i < 4; i++)
			p[i] = sema_arg(call, i + 1)->cval;
	}
	if (!agg->agg_call) {
		memcpy(agg->agg_params, p, sizeof(p));
		agg->agg_call = call;
		return;
	}
	if (agg->aggfn->code == DTM_AGG_LLQUANTIZE) {
		static const char *const what[][2] = {
			{ "D_LLQUANT_MATCHFACTOR", "factor (argument #1)" },
			{ "D_LLQUANT_MATCHLMAG", "lmag (argument #2)" },
			{ "D_LLQUANT_MATCHHMAG", "hmag (argument #3)" },
			{ "D_LLQUANT_MATCHSTEPS", "steps (argument #4)" } };

		for (i = 0; i < 4; i++)
			if (p[i] != agg->agg_params[i])
				dcc_error(cc, call->loc, what[i][0], "llquantize() %s "
					  "doesn't match previous declaration: expected "
					  "%d, found %d", what[i][1],
					  (int)agg->agg_params[i], (int)p[i]);
	}
	if (agg->aggfn->code == DTM_AGG_LQUANTIZE) {
		if (p[0] != agg->agg_params[0])
			dcc_error(cc, call->loc, "D_LQUANT_MATCHBASE", "lquantize( ) "
				  "base (argument #1) doesn't match previous "
				  "declaration: expected %d, found %d",
				  (int)agg->agg_params[0], (int)p[0]);
		if (p[1] != agg->agg_params[1])
			dcc_error(cc, call->loc, "D_LQUANT_MATCHLIM", "lquantize( ) "
				  "limit (argument #2) doesn't match previous "
				  "declaration: expected %d, found %d",
				  (int)agg->agg_params[1], (int)p[1]);
		if (p[2] != agg->agg_params[2])
			dcc_error(cc, call->loc, "D_LQUANT_MATCHSTEP", "lquantize( ) "
				  "step (argument #3) doesn't match previous "
				  "declaration: expected %d, found %d",
				  (int)agg->agg_params[2], (int)p[2]);
	}
}

void sema_assign_agg(struct dcc *cc, struct node *n)
{
	struct sema *s = sema_get(cc);
	struct node *l = n->kid[0], *r = n->kid[1];
	struct node *an = l->kind == N_AGG ? l : l->kid[0];
	struct sym *agg = strmap_get(&s->aggs, an->name);
	const struct func_def *f;

	if (n->op != OP_ASSIGN || r->kind != N_CALL ||
	    !(f = func_lookup(r->name)) || f->kind != FK_AGG)
		dcc_error(cc, n->loc, "D_AGG_FUNC", "@%s must be assigned the "
			  "result of an aggregating function", an->name);
	if (!agg)
		agg = sema_new_var(cc, SYM_AGG, an->name, type_dyn(cc, true), n);
	if (agg->aggfn && agg->aggfn != f)
		dcc_error(cc, n->loc, "D_AGG_REDEF", "aggregation redefined: @%s\n"
			  "\t current: @%s = %s( )\n\tprevious: @%s = %s( ) : line %d",
			  an->name, an->name, f->name, an->name, agg->aggfn->name,
			  agg->decl ? agg->decl->loc.line : 0);
	agg->aggfn = f;
	an->sym = agg;
	an->type = type_dyn(cc, true);
	if (l->kind == N_INDEX)
		sema_expr_list(cc, l->kid[1]);
	sema_agg_keys(cc, l, agg);
	l->sym = agg;
	l->type = type_dyn(cc, true);
	sema_call(cc, r);
	agg_params(cc, r, agg);
	n->sym = agg;
	n->type = type_void(cc);
}

/* ---- subroutines ------------------------------------------------------------------------ */

static void set_string(struct dcc *cc, struct node *call)
{
	call->type = type_string(cc);
}

void check_strlen(struct dcc *cc, struct node *call) { }
void check_strjoin(struct dcc *cc, struct node *call) { set_string(cc, call); }
void check_substr(struct dcc *cc, struct node *call) { set_string(cc, call); }
void check_index(struct dcc *cc, struct node *call) { }
void check_rindex(struct dcc *cc, struct node *call) { }
void check_strchr(struct dcc *cc, struct node *call) { set_string(cc, call); }
void check_strrchr(struct dcc *cc, struct node *call) { set_string(cc, call); }
void check_strstr(struct dcc *cc, struct node *call) { set_string(cc, call); }
void check_strtok(struct dcc *cc, struct node *call) { set_string(cc, call); }
void check_lltostr(struct dcc *cc, struct node *call) { set_string(cc, call); }
void check_toupper(struct dcc *cc, struct node *call) { set_string(cc, call); }
void check_tolower(struct dcc *cc, struct node *call) { set_string(cc, call); }
void check_basename(struct dcc *cc, struct node *call) { set_string(cc, call); }
void check_dirname(struct dcc *cc, struct node *call) { set_string(cc, call); }
void check_cleanpath(struct dcc *cc, struct node *call) { set_string(cc, call); }
void check_strtoll(struct dcc *cc, struct node *call) { }
void check_htons(struct dcc *cc, struct node *call) { }
void check_htonl(struct dcc *cc, struct node *call) { }
void check_htonll(struct dcc *cc, struct node *call) { }
void check_ntohs(struct dcc *cc, struct node *call) { }
void check_ntohl(struct dcc *cc, struct node *call) { }
void check_ntohll(struct dcc *cc, struct node *call) { }
void check_inet_ntoa(struct dcc *cc, struct node *call) { set_string(cc, call); }
void check_inet_ntoa6(struct dcc *cc, struct node *call) { set_string(cc, call); }
void check_inet_ntop(struct dcc *cc, struct node *call) { set_string(cc, call); }
void check_link_ntop(struct dcc *cc, struct node *call) { set_string(cc, call); }
void check_copyin(struct dcc *cc, struct node *call)
{
	struct node *a = sema_arg(call, 1);
	const char *ss = dcc_option(cc, "scratchsize");
	int64_t lim = ss ? strtoll(ss, NULL, 0) : 256;

	if (a->is_const && a->cval > lim)
		dcc_error(cc, call->loc, "D_ALLOCA_SIZE", "copyin(%lld) size "
			  "larger than scratchsize %lld", (long long)a->cval,
			  (long long)lim);
}
void check_copyinstr(struct dcc *cc, struct node *call) { set_string(cc, call); }
void check_copyinto(struct dcc *cc, struct node *call) { }

void check_alloca(struct dcc *cc, struct node *call)
{
	struct node *a = sema_arg(call, 0);
	const char *ss = dcc_option(cc, "scratchsize");
	int64_t lim = ss ? strtoll(ss, NULL, 0) : 256;

	if (a->is_const && a->cval > lim)
		dcc_error(cc, call->loc, "D_ALLOCA_SIZE", "alloca(%lld) size "
			  "larger than scratchsize %lld", (long long)a->cval,
			  (long long)lim);
}

void check_bcopy(struct dcc *cc, struct node *call) { }

/* "self->a", "this->a" or "a" for a variable node, else NULL */
static const char *var_key(struct dcc *cc, struct node *v)
{
	char buf[300];

	if (v->kind != N_IDENT && v->kind != N_SELF && v->kind != N_THIS)
		return NULL;
	snprintf(buf, sizeof(buf), "%s%s", v->kind == N_SELF ? "self->" :
		 v->kind == N_THIS ? "this->" : "", v->name);
	return dcc_intern(cc, buf);
}

/* Does e's value point into alloca() space? */
static bool alloca_tainted(struct dcc *cc, struct node *e)
{
	const char *key;

	switch (e->kind) {
	case N_CALL:
		return !strcmp(e->name, "alloca");
	case N_CAST:
		return alloca_tainted(cc, e->kid[0]);
	case N_BINARY:
		return (e->op == OP_ADD || e->op == OP_SUB) &&
		       (alloca_tainted(cc, e->kid[0]) ||
			alloca_tainted(cc, e->kid[1]));
	case N_COND:
		return alloca_tainted(cc, e->kid[1]) ||
		       alloca_tainted(cc, e->kid[2]);
	default:
		key = var_key(cc, e);
		return key && strmap_get(&sema_get(cc)->alloca_vars, key) ==
			      (void *)1;
	}
}

/*
 * var = e: a variable holds either alloca() pointers or other values, as
 * decided by its first assignment (NULL fits both), as in DTrace.
 */
void sema_alloca_assign(struct dcc *cc, struct node *n)
{
	struct node *v = n->kid[0], *e = n->kid[1];
	const char *key = var_key(cc, v);
	struct sema *s = sema_get(cc);
	void *want, *had;

	if (!key || (e->is_const && e->cval == 0))
		return;
	want = alloca_tainted(cc, e) ? (void *)1 : (void *)2;
	had = strmap_get(&s->alloca_vars, key);
	if (had && had != want)	/* DTrace reports the clause's line */
		dcc_error(cc, s->clause ? s->clause->loc : n->loc,
			  "D_ALLOCA_INCOMPAT", "%s: cannot reuse the "
			  "same identifier for both alloca and non-alloca "
			  "allocations", v->name);
	strmap_put(cc, &s->alloca_vars, key, want);
}

static void symaddr(struct dcc *cc, struct node *call, bool user)
{
	call->type = type_base(cc, user ? "_usymaddr" : "_symaddr");
}

void check_func(struct dcc *cc, struct node *call) { symaddr(cc, call, false); }
void check_sym(struct dcc *cc, struct node *call) { symaddr(cc, call, false); }
void check_mod(struct dcc *cc, struct node *call) { symaddr(cc, call, false); }
void check_ufunc(struct dcc *cc, struct node *call) { symaddr(cc, call, true); }
void check_usym(struct dcc *cc, struct node *call) { symaddr(cc, call, true); }
void check_umod(struct dcc *cc, struct node *call) { symaddr(cc, call, true); }
void check_uaddr(struct dcc *cc, struct node *call) { symaddr(cc, call, true); }
void check_rand(struct dcc *cc, struct node *call) { }
void check_progenyof(struct dcc *cc, struct node *call) { }
void check_getmajor(struct dcc *cc, struct node *call) { }
void check_getminor(struct dcc *cc, struct node *call) { }
void check_mutex_owned(struct dcc *cc, struct node *call) { }
void check_mutex_owner(struct dcc *cc, struct node *call) { }
void check_mutex_type_adaptive(struct dcc *cc, struct node *call) { }
void check_mutex_type_spin(struct dcc *cc, struct node *call) { }
void check_rw_read_held(struct dcc *cc, struct node *call) { }
void check_rw_write_held(struct dcc *cc, struct node *call) { }
void check_rw_iswriter(struct dcc *cc, struct node *call) { }
void check_d_path(struct dcc *cc, struct node *call) { set_string(cc, call); }
void check_msgsize(struct dcc *cc, struct node *call) { }
void check_msgdsize(struct dcc *cc, struct node *call) { }
