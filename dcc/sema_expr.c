/* SPDX-License-Identifier: MIT */
/*
 * sema_expr.c -- type checking of D expressions.
 *
 * sema_expr() annotates one expression tree in place: node->type, ->sym,
 * ->lvalue and, for integer constant expressions, ->is_const/->cval.  It
 * applies DTrace's rules: C's usual conversions with DTrace's rank rule,
 * strings as first-class values, implicit declaration of variables on first
 * assignment (the variable takes the type of the value), associative array
 * key signatures fixed by the first use, and DTrace's diagnostics with
 * their exact texts.  One function per node kind, dispatched by table.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtins.h"
#include "dcc.h"
#include "funcs.h"
#include "prov.h"
#include "sema.h"

typedef struct type *(*expr_fn)(struct dcc *cc, struct node *n);

static const char *tn(struct dcc *cc, struct type *t)
{
	return type_name(cc, t);
}

static struct type *t_int(struct dcc *cc)
{
	return type_base(cc, "int");
}

static bool is_dyn(struct type *t)
{
	t = type_resolve(t);
	return t && t->kind == TY_DYN;
}

static bool is_kind(struct type *t, enum type_kind k)
{
	t = type_resolve(t);
	return t && t->kind == k;
}

/* ---- variables ---------------------------------------------------------------- */

static void list_add(struct sema *s, int which, struct sym *sym)
{
	struct sym **heads[5] = { &s->out.globals, &s->out.assocs, &s->out.tls,
				  &s->out.locals, &s->out.aggs };

	if (!s->tail[which])
		s->tail[which] = heads[which];
	*s->tail[which] = sym;
	s->tail[which] = &sym->list_next;
}

static uint32_t store_align(struct type *t)
{
	uint32_t a = type_resolve(t)->align;

	if (type_is_string(t))
		return 1;
	return a == 0 ? 1 : a > 8 ? 8 : a;
}

/* Give a variable its type and, for globals and this->, its storage. */
void sema_set_var_type(struct dcc *cc, struct sym *sym, struct type *t)
{
	struct sema *s = sema_get(cc);
	uint32_t *top, a;

	sym->type = t;
	sym->size = (uint32_t)type_size(t);
	if (sym->kind == SYM_GLOBAL)
		top = &s->out.globals_size;
	else if (sym->kind == SYM_LOCAL)
		top = &s->out.locals_size;
	else
		return;
	a = store_align(t);
	sym->offset = (*top + a - 1) / a * a;
	*top = sym->offset + sym->size;
}

/* DTrace numbers global and thread-local variables from
 * DIF_VAR_OTHER_UBASE (0x500) up to DIF_VAR_OTHER_MAX (0xffff). */
static void id_limit(struct dcc *cc, enum sym_kind k, const char *name,
		     struct node *decl)
{
	const struct dcc_syms *o = &sema_get(cc)->out;
	int n = k == SYM_TLS ? o->ntls : o->nglobals + o->nassoc;

	if ((k == SYM_GLOBAL || k == SYM_ASSOC || k == SYM_TLS) &&
	    n >= 0xffff - 0x500)
		dcc_error(cc, decl ? decl->loc : (struct loc){ cc->filename, 0 },
			  "D_ID_OFLOW", "cannot create %s: limit on number of "
			  "%s variables exceeded", name,
			  k == SYM_TLS ? "thread local" : "global");
}

struct sym *sema_new_var(struct dcc *cc, enum sym_kind k, const char *name,
			 struct type *t, struct node *decl)
{
	struct sema *s = sema_get(cc);
	struct sym *sym = dcc_alloc(cc, sizeof(*sym));

	id_limit(cc, k, name, decl);
	sym->kind = k;
	sym->name = dcc_intern(cc, name);
	sym->decl = decl;
	switch (k) {
	case SYM_GLOBAL:
		strmap_put(cc, &s->globals, name, sym);
		s->out.nglobals++;
		list_add(s, 0, sym);
		break;
	case SYM_ASSOC:
		strmap_put(cc, &s->globals, name, sym);
		sym->id = s->out.nassoc++;
		list_add(s, 1, sym);
		break;
	case SYM_TLS:
		strmap_put(cc, &s->tls, name, sym);
		sym->id = s->out.ntls++;
		list_add(s, 2, sym);
		break;
	case SYM_LOCAL:
		strmap_put(cc, &s->locals, name, sym);
		s->out.nlocals++;
		list_add(s, 3, sym);
		break;
	case SYM_AGG:
		strmap_put(cc, &s->aggs, name, sym);
		sym->id = s->out.nagg++;
		list_add(s, 4, sym);
		break;
	default:
		strmap_put(cc, &s->globals, name, sym);
	}
	if (t)
		sema_set_var_type(cc, sym, t);
	return sym;
}

/* ---- helpers -------------------------------------------------------------------- */

static int64_t trunc_val(int64_t v, struct type *t)
{
	struct type *r = type_resolve(t);
	int bits;

	if (!r || (r->kind != TY_INT && r->kind != TY_ENUM) || r->size >= 8)
		return v;
	bits = (int)r->size * 8;
	/* enums are int-sized and signed, as DTrace treats them */
	if (r->kind == TY_ENUM || r->is_signed)
		return (int64_t)((uint64_t)v << (64 - bits)) >> (64 - bits);
	return (int64_t)((uint64_t)v & ((1ULL << bits) - 1));
}

/* Folded arithmetic keeps all 64 bits, as DTrace's dt_node_op2 does: only
 * casts and conversions on assignment truncate to the type's width. */
static void set_const_wide(struct node *n, int64_t v)
{
	n->is_const = true;
	n->cval = v;
}

static void set_const(struct node *n, int64_t v)
{
	n->is_const = true;
	n->cval = trunc_val(v, n->type);
}

bool sema_is_bitfield(struct node *n)
{
	struct member *m;

	if (n->kind != N_MEMBER || !n->kid[0]->type)
		return false;
	if (n->op == OP_ARROW) {
		struct type *p = type_resolve(n->kid[0]->type);

		if (!p || p->kind != TY_PTR)
			return false;
		m = type_member(p->base, n->name, NULL);
	} else {
		m = type_member(n->kid[0]->type, n->name, NULL);
	}
	return m && m->bit_size;
}

static bool is_writable(struct node *n)
{
	switch (n->kind) {
	case N_IDENT:
		return n->sym && (n->sym->kind == SYM_GLOBAL ||
				  n->sym->kind == SYM_ASSOC);
	case N_SELF: case N_THIS:
		return true;
	case N_INDEX:
		if (n->kid[0]->kind == N_AGG)
			return false;
		return is_writable(n->kid[0]);
	case N_MEMBER:
		return is_writable(n->kid[0]);
	case N_UNARY:
		if (n->op != OP_DEREF)
			return false;
		n = n->kid[0];
		if (n->kind == N_BINARY && n->op == OP_ADD)
			return is_writable(n->kid[0]);
		return is_writable(n);
	default:
		return false;
	}
}

/* K&R A7.17 argument compatibility, as DTrace's dt_node_is_argcompat(). */
static bool ptrcompat(struct type *l, struct node *rn, struct type *r)
{
	struct type *lb = type_resolve(l), *rb = type_resolve(r);
	bool lint = type_is_integer(l), rint = type_is_integer(r);

	if (lint && rint)
		return false;
	if (rint)
		return rn && rn->is_const && rn->cval == 0 &&
		       (lb->kind == TY_PTR || lb->kind == TY_ARRAY);
	if (lint)
		return false;
	if ((lb->kind != TY_PTR && lb->kind != TY_ARRAY) ||
	    (rb->kind != TY_PTR && rb->kind != TY_ARRAY))
		return false;
	return type_is_void(lb->base) || type_is_void(rb->base) ||
	       type_compatible(lb->base, rb->base);
}

static bool typecompat(struct type *proto, struct type *t, struct node *n)
{
	struct type *pr = type_resolve(proto);

	if (!pr || !t)
		return true;
	if (type_is_integer(proto) && type_is_integer(t))
		return true;
	if (type_is_strcompat(proto) && type_is_strcompat(t))
		return true;
	if (pr->kind == TY_STACK || pr->kind == TY_SYMADDR ||
	    pr->kind == TY_USYMADDR)
		return pr->kind == type_resolve(t)->kind;
	if (is_dyn(proto) || is_dyn(t))
		return false;
	if (pr->kind == TY_PTR && type_resolve(pr->base) &&
	    type_resolve(pr->base)->kind == TY_FWD &&
	    (type_is_pointer(t) || type_is_integer(t)))
		return true;	/* opaque D types (in6_addr_t *...) */
	if (pr->kind == TY_PTR && type_is_string(t) &&
	    (type_is_void(pr->base) || type_size(pr->base) == 1))
		return true;	/* a string's address */
	if (n && n->is_const && n->cval == 0 && type_is_integer(t) &&
	    (pr->kind == TY_STRUCT || pr->kind == TY_UNION ||
	     pr->kind == TY_STRING))
		return true;	/* x = 0 deletes a dynamic variable */
	switch (pr->kind) {
	case TY_STRUCT: case TY_UNION: case TY_FUNC: case TY_FWD:
		return type_compatible(proto, t);
	case TY_FLOAT:
		return type_is_arith(t);
	default:
		return ptrcompat(proto, n, t);
	}
}

bool sema_argcompat(struct type *proto, struct node *arg)
{
	return typecompat(proto, arg->type, arg);
}

static __attribute__((noreturn)) void incompat(struct dcc *cc, struct node *n, struct type *l,
		     struct type *r)
{
	dcc_error(cc, n->loc, "D_OP_INCOMPAT",
		  "operands have incompatible types: \"%s\" %s \"%s\"",
		  tn(cc, l), node_op_str(n->op), tn(cc, r));
}

/* ---- constants ----------------------------------------------------------------- */

struct type *sema_int_const_type(struct dcc *cc, struct node *n)
{
	static const char *const names[] = {
		"int", "unsigned int", "long", "unsigned long",
		"long long", "unsigned long long" };
	static const uint64_t limits[] = {
		0x7fffffffULL, 0xffffffffULL, 0x7fffffffffffffffULL,
		~0ULL, 0x7fffffffffffffffULL, ~0ULL };
	uint64_t v = (uint64_t)n->ival;
	int i = 0, step;

	if (n->op & NF_CHAR)
		return t_int(cc);
	if (n->op & NF_UNSIGNED)
		i += 1;
	if (n->op & NF_LONGLONG)
		i += 4;
	else if (n->op & NF_LONG)
		i += 2;
	step = (!(n->op & NF_NONDEC) || (n->op & NF_UNSIGNED)) ? 2 : 1;
	for (; i < 6; i += step)
		if (v <= limits[i])
			return type_base(cc, names[i]);
	dcc_error(cc, n->loc, "D_INT_OFLOW", "integer constant 0x%llx cannot be "
		  "represented in any built-in integral type",
		  (unsigned long long)v);
}

static struct type *e_int(struct dcc *cc, struct node *n)
{
	n->type = sema_int_const_type(cc, n);
	n->is_const = true;
	n->cval = n->ival;
	return n->type;
}

static struct type *e_float(struct dcc *cc, struct node *n)
{
	return type_base(cc, "double");
}

static struct type *e_str(struct dcc *cc, struct node *n)
{
	return type_string(cc);
}

/* ---- identifiers ----------------------------------------------------------------- */

static struct sym *builtin_sym(struct dcc *cc, const char *name)
{
	const struct builtin_def *b = builtin_lookup(name);
	struct sema *s = sema_get(cc);
	struct sym *sym;

	if (!b)
		return NULL;
	sym = dcc_alloc(cc, sizeof(*sym));
	sym->kind = SYM_BUILTIN;
	sym->name = dcc_intern(cc, name);
	sym->id = (int)(b - builtin_get(0));
	sym->type = type_parse(cc, b->type);
	if (!sym->type)
		sym->type = type_base(cc, "int64_t");
	strmap_put(cc, &s->globals, name, sym);
	return sym;
}

struct sym *sema_lookup_global(struct dcc *cc, const char *name)
{
	struct sym *sym = strmap_get(&sema_get(cc)->globals, name);

	return sym ? sym : builtin_sym(cc, name);
}

/* `sym / mod`sym: a kernel symbol from /proc/kallsyms.  Kernels built
 * without CONFIG_KALLSYMS_ALL list no data symbols (no "jiffies"): then a
 * name is accepted unresolved (address 0). */
static struct sym *kernel_sym(struct dcc *cc, const char *name)
{
	const char *bare = strrchr(name, '`') + 1;
	char line[512], *sp;
	FILE *f = fopen("/proc/kallsyms", "r");
	bool found = false, all = false;
	unsigned long long addr = 0, a;
	struct sym *sym;

	if (!*bare || !(isalpha((unsigned char)*bare) || *bare == '_'))
		return NULL;
	while (f && !found && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\t\n")] = 0;
		sp = strrchr(line, ' ');
		if (!sp || sscanf(line, "%llx", &a) != 1)
			continue;
		if (!strcmp(sp + 1, "jiffies"))
			all = true;
		if (!strcmp(sp + 1, bare)) {
			found = true;
			addr = a;
		}
	}
	if (f)
		fclose(f);
	if (!found && (all || !f))
		return NULL;
	sym = sema_new_var(cc, SYM_KERNEL, name, NULL, NULL);
	sym->type = type_base(cc, "int64_t");
	sym->value = (int64_t)addr;
	return sym;
}

/* -xlinkmode=dynamic with -xkdefs (the later of kdefs/knodefs wins): a
 * program may not keep relocations against kernel symbols. */
static void kdefs_check(struct dcc *cc, struct node *n, struct sym *sym)
{
	const struct dcc_option *o;
	const char *lm = dcc_option(cc, "linkmode");
	bool kdefs = false;

	for (o = cc->options; o; o = o->next)
		if (!strcmp(o->name, "kdefs") || !strcmp(o->name, "knodefs"))
			kdefs = o->name[1] == 'd';
	if (!kdefs || !lm || strcmp(lm, "dynamic"))
		return;
	dcc_error(cc, n->loc, "D_ASRELO", "relocation remains against kernel "
		  "symbol %s%s (offset 0x%llx)", n->name[0] == '`' ? "vmlinux" :
		  "", n->name, (unsigned long long)sym->value);
}

/* mod``sym (a user symbol reference) naming a kernel module's symbol */
static void user_ref_check(struct dcc *cc, struct node *n)
{
	const char *uq = strstr(n->name, "``");
	char path[320], mod[256];

	if (!uq || uq == n->name || strchr(uq + 2, '`'))
		return;
	snprintf(mod, sizeof(mod), "%.*s", (int)(uq - n->name), n->name);
	snprintf(path, sizeof(path), "/sys/kernel/btf/%s", mod);
	if (strcmp(mod, "vmlinux") && access(path, F_OK))
		return;
	dcc_error(cc, n->loc, "D_SYM_BADREF", "kernel module '%s' symbol '%s' "
		  "may not be referenced as a user symbol", mod, uq + 2);
}

static void undef(struct dcc *cc, struct node *n, const char *name)
{
	if (strchr(name, '`'))
		dcc_error(cc, n->loc, "D_IDENT_UNDEF",
			  "failed to resolve %s: Unknown symbol name", name);
	dcc_error(cc, n->loc, "D_IDENT_UNDEF",
		  "failed to resolve %s: Unknown variable name", name);
}

static struct type *ident_sym_type(struct dcc *cc, struct node *n,
				   struct sym *sym)
{
	n->sym = sym;
	switch (sym->kind) {
	case SYM_ENUMERATOR:
		n->type = sym->type;
		set_const(n, sym->value);
		return n->type;
	case SYM_INLINE:
		n->type = sym->type;
		if (sym->inline_expr && sym->inline_expr->kind == N_XLATE)
			n->type = sym->inline_expr->type;  /* translated data */
		if (sym->inline_expr && sym->inline_expr->is_const)
			set_const(n, sym->inline_expr->cval);
		return n->type;
	case SYM_ASSOC:
		dcc_error(cc, n->loc, "D_IDENT_BADREF", "associative array '%s' "
			  "may not be referenced as scalar", sym->name);
	case SYM_GLOBAL:
		n->lvalue = true;
		if (!sym->type)
			dcc_error(cc, n->loc, "D_VAR_UNDEF",
				  "%s has not yet been declared or assigned",
				  sym->name);
		sym->read = true;
		return sym->type;
	default:
		n->lvalue = true;
		return sym->type;
	}
}

static struct type *e_ident(struct dcc *cc, struct node *n)
{
	struct sym *sym;

	if (!strcmp(n->name, "self") || !strcmp(n->name, "this"))
		dcc_error(cc, n->loc, "D_SYNTAX", "syntax error near \"%s\"",
			  n->name);
	sym = sema_lookup_global(cc, n->name);
	if (!sym && strchr(n->name, '`')) {
		sym = kernel_sym(cc, n->name);
		if (sym)
			user_ref_check(cc, n);
		if (sym)
			kdefs_check(cc, n, sym);
	}
	if (!sym) {
		if (func_lookup(n->name))
			dcc_error(cc, n->loc, "D_IDENT_BADREF", "function '%s' "
				  "may not be referenced as scalar", n->name);
		undef(cc, n, n->name);
	}
	if (sym->kind == SYM_INLINE && sema_lib_inline_expand(cc, n, sym))
		return n->type;
	return ident_sym_type(cc, n, sym);
}

/* $1.., $$1.., $target, $pid...: the lexer put the substituted token in
 * kid[0] (an integer, string or identifier); the node becomes that token. */
static struct type *e_macro(struct dcc *cc, struct node *n)
{
	struct node *v = n->kid[0], *next = n->next;
	const char *text;
	bool target = !(n->name[0] >= '0' && n->name[0] <= '9');

	if (n->op != 1 && !strcmp(n->name, "target")) {
		/* $target is bound at load time: the built-in "$target"
		 * reads it from the global map (dtm_globals_hdr.target). */
		n->kind = N_IDENT;
		n->name = dcc_strdup(cc, "$target");
		n->kid[0] = NULL;
		n->sym = sema_lookup_global(cc, n->name);
		n->type = n->sym->type;
		return n->type;
	}
	if (!v) {
		text = dcc_macro_value(cc, n->name);
		if (!text)
			dcc_error(cc, n->loc, "D_MACRO_UNDEF", "macro variable "
				  "$%s is not defined", n->name);
		v = node_new(cc, n->op == 1 ? N_STR : N_INT, n->loc);
		v->str = dcc_strdup(cc, text);
		v->slen = strlen(text);
		v->ival = strtoll(text, NULL, 0);
	}
	*n = *v;
	n->next = next;
	n->type = NULL;
	sema_expr(cc, n);
	if (target && n->kind == N_INT)
		n->type = type_base(cc, "pid_t");
	n->lvalue = true;
	return n->type;
}

static struct type *e_agg(struct dcc *cc, struct node *n)
{
	struct sym *sym = strmap_get(&sema_get(cc)->aggs, n->name);

	if (!sym)
		dcc_error(cc, n->loc, "D_IDENT_UNDEF",
			  "failed to resolve @%s: Unknown variable name", n->name);
	n->sym = sym;
	return type_dyn(cc, true);
}

static struct type *e_selfthis(struct dcc *cc, struct node *n)
{
	struct sema *s = sema_get(cc);
	bool self = n->kind == N_SELF;
	struct sym *sym = strmap_get(self ? &s->tls : &s->locals, n->name);

	if (!sym || !sym->type)
		dcc_error(cc, n->loc, "D_VAR_UNDEF",
			  "%s%s has not yet been declared or assigned",
			  self ? "self->" : "this->", n->name);
	if (sym->nkeys)
		dcc_error(cc, n->loc, "D_IDENT_BADREF", "associative array "
			  "'%s' may not be referenced as scalar", sym->name);
	n->sym = sym;
	n->lvalue = true;
	sym->read = true;
	return sym->type;
}

/* ---- assignment targets --------------------------------------------------------- */

/* Find or create the variable named by an assignment target. */
static struct sym *target_var(struct dcc *cc, struct node *lhs, bool keyed,
			      bool *created)
{
	struct sema *s = sema_get(cc);
	struct sym *sym;
	enum sym_kind k;

	*created = false;
	if (lhs->kind == N_SELF) {
		sym = strmap_get(&s->tls, lhs->name);
		k = SYM_TLS;
	} else if (lhs->kind == N_THIS) {
		if (keyed)
			dcc_error(cc, lhs->loc, "D_ARR_LOCAL", "local variables "
				  "may not be used as associative arrays: %s",
				  lhs->name);
		sym = strmap_get(&s->locals, lhs->name);
		k = SYM_LOCAL;
	} else if (lhs->kind == N_IDENT) {
		sym = sema_lookup_global(cc, lhs->name);
		k = keyed ? SYM_ASSOC : SYM_GLOBAL;
	} else {
		return NULL;
	}
	if (!sym) {
		id_limit(cc, k, lhs->name, lhs);
		sym = sema_new_var(cc, k, lhs->name, NULL, NULL);
		*created = true;
	}
	lhs->sym = sym;
	return sym;
}

static void check_keys(struct dcc *cc, struct node *at, struct sym *sym,
		       struct node *keys, const char *prefix)
{
	int n = node_list_len(keys), i;
	struct node *k;

	if (!sym->keys) {
		sym->nkeys = n;
		sym->keys = dcc_alloc(cc, sizeof(struct type *) * (n + 1));
		for (i = 0, k = keys; k; k = k->next, i++) {
			if (is_dyn(k->type) || type_is_void(k->type))
				dcc_error(cc, k->loc, "D_KEY_TYPE", "%s expression "
					  "may not be used as %s index: key #%d",
					  tn(cc, k->type), sym->kind == SYM_AGG ?
					  "aggregation" : "associative array", i + 1);
			sym->keys[i] = k->type;
		}
		return;
	}
	if (n != sym->nkeys)
		dcc_error(cc, at->loc, "D_PROTO_LEN", "%s%s[ ] prototype mismatch: "
			  "%d key%s passed, %d expected", prefix, sym->name, n,
			  n == 1 ? "" : "s", sym->nkeys);
	for (i = 0, k = keys; k; k = k->next, i++)
		if (!typecompat(sym->keys[i], k->type, k))
			dcc_error(cc, at->loc, "D_PROTO_ARG", "%s%s[ ] key #%d is "
				  "incompatible with prototype:\n\tprototype: %s\n"
				  "\t      key: %s", prefix, sym->name, i + 1,
				  tn(cc, sym->keys[i]), tn(cc, k->type));
}

void sema_agg_keys(struct dcc *cc, struct node *at, struct sym *agg)
{
	check_keys(cc, at, agg, at->kind == N_INDEX ? at->kid[1] : NULL, "@");
}

/* ---- indexing -------------------------------------------------------------------- */

/* DTrace gives no args[] types for a probe description matching several
 * probes through a glob in a field of Evolving or better name stability
 * (dt_probe_info); each description of the clause is checked. */
static void args_multi(struct dcc *cc, struct node *n, struct sym *bi)
{
	struct node *pd;

	for (pd = sema_get(cc)->pdesc; pd; pd = pd->next)
		if (prov_match_count(cc, pd) > 1 && sema_pdesc_unstable(cc, pd))
			dcc_error(cc, n->loc, "D_ARGS_MULTI", "%s[ ] may not be "
				  "referenced because probe description %s:%s:%s:%s "
				  "matches an unstable set of probes", bi->name,
				  pd_str(pd->pd_prov), pd_str(pd->pd_mod),
				  pd_str(pd->pd_func), pd_str(pd->pd_name));
}

static struct type *index_args(struct dcc *cc, struct node *n, struct sym *bi)
{
	struct node *k = n->kid[1];
	const struct builtin_def *b = builtin_get(bi->id);
	struct type *t;
	int cnt;

	sema_expr_list(cc, k);
	if (node_list_len(k) != 1)
		dcc_error(cc, n->loc, "D_PROTO_LEN", "%s[ ] prototype mismatch: "
			  "%d args passed, 1 expected", bi->name, node_list_len(k));
	if (!k->is_const)
		dcc_error(cc, n->loc, "D_PROTO_ARG", "%s[ ] argument #1 is "
			  "incompatible with prototype:\n\tprototype: %s\n"
			  "\t argument: %s", bi->name, "integer constant",
			  tn(cc, k->type));
	n->kid[0]->sym = bi;
	n->kid[0]->type = bi->type;
	if (!(b->flags & BI_F_TYPED_ARGS) && k->cval < 0 &&
	    type_resolve(k->type)->is_signed)
		dcc_error(cc, n->loc, "D_REGS_IDX", "index %lld is out of range "
			  "for array %s", (long long)k->cval, bi->name);
	if (!(b->flags & BI_F_TYPED_ARGS))
		return type_base(cc, "uint64_t");
	if (!sema_get(cc)->pdesc)
		dcc_error(cc, n->loc, "D_ARGS_NONE", "%s[ ] may not be referenced "
			  "outside of a probe clause", bi->name);
	args_multi(cc, n, bi);
	cnt = sema_get(cc)->pdesc ? probe_arg_count(cc, sema_get(cc)->pdesc) : -1;
	if (cnt < 0 && sema_get(cc)->pdesc && sema_get(cc)->pdesc->pd_name &&
	    (!strcmp(sema_get(cc)->pdesc->pd_name, "BEGIN") ||
	     !strcmp(sema_get(cc)->pdesc->pd_name, "END")))
		cnt = 0;
	if (k->cval < 0 || (cnt >= 0 && k->cval >= cnt))
		dcc_error(cc, n->loc, "D_ARGS_IDX", "index %lld is out of range "
			  "for %s %s[ ]", (long long)k->cval,
			  sema_get(cc)->pdesc ? sema_get(cc)->pdesc->str : "",
			  bi->name);
	if ((t = sema_args_xlate(cc, n, (int)k->cval)) != NULL)
		return t;
	t = sema_get(cc)->pdesc ?
		probe_arg_type(cc, sema_get(cc)->pdesc, (int)k->cval) : NULL;
	return t ? t : type_base(cc, "int64_t");
}

static struct type *index_array(struct dcc *cc, struct node *n)
{
	struct type *at = sema_expr(cc, n->kid[0]), *r = type_resolve(at);
	struct node *k = n->kid[1];

	sema_expr_list(cc, k);
	if (k->next)
		dcc_error(cc, n->loc, "D_ARR_BADREF", "cannot access %s%s as an "
			  "associative array", n->kid[0]->kind == N_IDENT ?
			  "scalar " : "", n->kid[0]->kind == N_IDENT ?
			  n->kid[0]->name : "expression");
	if (!r || (r->kind != TY_PTR && r->kind != TY_ARRAY &&
		   r->kind != TY_STRING))
		dcc_error(cc, n->loc, "D_OP_INCOMPAT", "operands have incompatible "
			  "types: \"%s\" + \"%s\"", tn(cc, at), tn(cc, k->type));
	if (!type_is_integer(k->type))
		dcc_error(cc, n->loc, "D_OP_INCOMPAT", "operands have incompatible "
			  "types: \"%s\" + \"%s\"", tn(cc, at), tn(cc, k->type));
	if (r->kind == TY_ARRAY && k->is_const && r->nelem > 0 &&
	    (uint64_t)k->cval >= (uint64_t)r->nelem)
		dcc_error(cc, n->loc, "D_ARR_BOUNDS", "index outside array "
			  "bounds: %llu, max is %lld", (unsigned long long)k->cval,
			  (long long)r->nelem);
	n->lvalue = true;
	if (r->kind == TY_STRING)
		return type_base(cc, "char");
	if (type_is_void(r->base))
		dcc_error(cc, n->loc, "D_DEREF_VOID",
			  "cannot dereference pointer to void");
	return r->base;
}

static struct type *index_assoc(struct dcc *cc, struct node *n, struct sym *sym,
				const char *prefix)
{
	sema_expr_list(cc, n->kid[1]);
	n->kid[0]->sym = sym;
	n->kid[0]->type = type_dyn(cc, sym->kind == SYM_AGG);
	n->sym = sym;
	check_keys(cc, n, sym, n->kid[1], prefix);
	n->lvalue = true;
	if (!sym->type)
		dcc_error(cc, n->loc, "D_VAR_UNDEF", "%s%s has not yet been "
			  "declared or assigned", prefix, sym->name);
	sym->read = true;
	return sym->type;
}

static struct type *e_index(struct dcc *cc, struct node *n)
{
	struct node *b = n->kid[0];
	struct sema *s = sema_get(cc);
	struct sym *sym = NULL;

	if (b->kind == N_INDEX && b->kid[0]->kind == N_AGG)
		dcc_error(cc, n->loc, "D_AGG_MDIM", "improper attempt to reference "
			  "@%s as a multi-dimensional array", b->kid[0]->name);
	if (b->kind == N_AGG) {
		sym = strmap_get(&s->aggs, b->name);
		if (!sym)
			dcc_error(cc, b->loc, "D_IDENT_UNDEF", "failed to resolve "
				  "@%s: Unknown variable name", b->name);
		return index_assoc(cc, n, sym, "@");
	}
	if (b->kind == N_IDENT)
		sym = sema_lookup_global(cc, b->name);
	else if (b->kind == N_SELF)
		sym = strmap_get(&s->tls, b->name);
	if (sym && sym->kind == SYM_BUILTIN &&
	    (builtin_get(sym->id)->flags & BI_F_ARRAY))
		return index_args(cc, n, sym);
	if (sym && (sym->kind == SYM_ASSOC || (sym->kind == SYM_TLS && sym->nkeys)))
		return index_assoc(cc, n, sym, b->kind == N_SELF ? "self->" : "");
	if (!sym && (b->kind == N_IDENT || b->kind == N_SELF)) {
		sema_expr_list(cc, n->kid[1]);
		dcc_error(cc, n->loc, "D_VAR_UNDEF", "%s%s has not yet been "
			  "declared or assigned", b->kind == N_SELF ? "self->" : "",
			  b->name);
	}
	return index_array(cc, n);
}

/* ---- assignment -------------------------------------------------------------------- */

static bool assign_create(struct dcc *cc, struct node *n, struct type *rt)
{
	struct node *lhs = n->kid[0];
	bool keyed = lhs->kind == N_INDEX, created;
	struct node *var = keyed ? lhs->kid[0] : lhs;
	struct sym *sym;

	if (var->kind != N_IDENT && var->kind != N_SELF && var->kind != N_THIS)
		return false;
	if (keyed && var->kind == N_IDENT) {
		struct sym *g = sema_lookup_global(cc, var->name);

		if (g && g->kind != SYM_ASSOC)
			return false;	/* indexing a scalar array or builtin */
	}
	sym = target_var(cc, var, keyed, &created);
	if (!sym || (sym->kind != SYM_GLOBAL && sym->kind != SYM_ASSOC &&
		     sym->kind != SYM_TLS && sym->kind != SYM_LOCAL))
		return false;
	if (keyed) {
		sema_expr_list(cc, lhs->kid[1]);
		check_keys(cc, lhs, sym, lhs->kid[1],
			   var->kind == N_SELF ? "self->" : "");
		lhs->sym = sym;
		var->type = type_dyn(cc, false);
	} else if (sym->nkeys) {
		dcc_error(cc, var->loc, "D_IDENT_BADREF", "associative array "
			  "'%s' may not be referenced as scalar", sym->name);
	}
	if (is_dyn(rt) && type_resolve(rt)->base)
		rt = type_resolve(rt)->base;
	if (!sym->type) {
		if (is_dyn(rt) || type_is_void(rt))
			dcc_error(cc, n->loc, "D_OP_DYN", "cannot assign %s to "
				  "a variable", tn(cc, rt));
		sema_set_var_type(cc, sym, rt);
	}
	sym->written = true;
	var->lvalue = true;
	lhs->lvalue = true;
	lhs->type = sym->type;
	if (!keyed)
		lhs->sym = sym;
	return true;
}

static void assign_check(struct dcc *cc, struct node *n, struct type *lt,
			 struct node *r)
{
	struct type *lr = type_resolve(lt);

	if (!type_is_string(lt) && lr &&
	    (lr->kind == TY_ARRAY || lr->kind == TY_FUNC))
		dcc_error(cc, n->loc, "D_OP_ARRFUN", "operator %s may not be "
			  "applied to operand of type \"%s\"",
			  node_op_str(n->op), tn(cc, lt));
	if (!typecompat(lt, r->type, r))
		incompat(cc, n, lt, r->type);
}

static void lvalue_check(struct dcc *cc, struct node *n, struct node *l)
{
	if (!l->lvalue)
		dcc_error(cc, n->loc, "D_OP_LVAL", "operator %s requires "
			  "modifiable lvalue as an operand", node_op_str(n->op));
	if (!is_writable(l))
		dcc_error(cc, n->loc, "D_OP_WRITE", "operator %s can only be "
			  "applied to a writable variable", node_op_str(n->op));
}

static void compound_check(struct dcc *cc, struct node *n, struct node *l,
			   struct node *r)
{
	switch (n->op) {
	case OP_ADD_ASSIGN: case OP_SUB_ASSIGN:
		if (type_is_string(l->type) || type_is_string(r->type))
			incompat(cc, n, l->type, r->type);
		if (type_is_integer(l->type) && type_is_integer(r->type))
			return;
		if (!type_is_pointer(l->type) ||
		    type_is_void(type_resolve(l->type)->base))
			dcc_error(cc, n->loc, "D_OP_VFPTR", "operator %s requires "
				  "left-hand scalar operand of known size",
				  node_op_str(n->op));
		if (!type_is_integer(r->type) && !ptrcompat(l->type, r, r->type))
			incompat(cc, n, l->type, r->type);
		return;
	case OP_MUL_ASSIGN: case OP_DIV_ASSIGN:
		if (!type_is_arith(l->type) || !type_is_arith(r->type))
			dcc_error(cc, n->loc, "D_OP_ARITH", "operator %s requires "
				  "operands of arithmetic type", node_op_str(n->op));
		return;
	default:
		if (!type_is_integer(l->type) || !type_is_integer(r->type))
			dcc_error(cc, n->loc, "D_OP_INT", "operator %s requires "
				  "operands of integral type", node_op_str(n->op));
	}
}

static struct type *e_assign(struct dcc *cc, struct node *n)
{
	struct node *l = n->kid[0], *r = n->kid[1];
	struct type *rt;

	if (l->kind == N_AGG || (l->kind == N_INDEX && l->kid[0]->kind == N_AGG)) {
		sema_assign_agg(cc, n);
		return n->type;
	}
	if ((n->op == OP_DIV_ASSIGN || n->op == OP_MOD_ASSIGN) &&
	    r->kind == N_INT && r->ival == 0)
		dcc_error(cc, n->loc, "D_DIV_ZERO",
			  "expression contains division by zero");
	rt = sema_expr(cc, r);
	if (n->op != OP_ASSIGN)
		rt = type_base(cc, "int64_t");
	if (!assign_create(cc, n, rt))
		sema_expr(cc, l);
	if (n->op == OP_ASSIGN)
		assign_check(cc, n, l->type, r);
	else
		compound_check(cc, n, l, r);
	lvalue_check(cc, n, l);
	if (n->op == OP_ASSIGN)
		sema_alloca_assign(cc, n);
	return l->type;
}

/* ---- unary operators ------------------------------------------------------------- */

static struct type *u_deref(struct dcc *cc, struct node *n, struct type *t)
{
	struct type *r = type_resolve(t), *b;

	if (!r || (r->kind != TY_PTR && r->kind != TY_ARRAY))
		dcc_error(cc, n->loc, "D_DEREF_NONPTR",
			  "cannot dereference non-pointer type");
	b = type_resolve(r->base);
	if (b->kind == TY_VOID)
		dcc_error(cc, n->loc, "D_DEREF_VOID",
			  "cannot dereference pointer to void");
	if (b->kind == TY_FUNC)
		dcc_error(cc, n->loc, "D_DEREF_FUNC",
			  "cannot dereference pointer to function");
	if (b->kind != TY_ARRAY)
		n->lvalue = true;
	return r->base;
}

static struct type *u_addrof(struct dcc *cc, struct node *n, struct node *k)
{
	if ((k->kind == N_IDENT && k->sym && k->sym->kind != SYM_KERNEL) ||
	    k->kind == N_SELF ||
	    k->kind == N_THIS || k->kind == N_AGG ||
	    (k->kind == N_INDEX && k->sym && (k->sym->kind == SYM_ASSOC ||
					      k->sym->kind == SYM_AGG)))
		dcc_error(cc, n->loc, "D_ADDROF_VAR",
			  "cannot take address of dynamic variable");
	if (is_dyn(k->type))
		dcc_error(cc, n->loc, "D_ADDROF_VAR",
			  "cannot take address of dynamic object");
	if (!k->lvalue)
		dcc_error(cc, n->loc, "D_ADDROF_LVAL",
			  "unacceptable operand for unary & operator");
	if (sema_is_bitfield(k))
		dcc_error(cc, n->loc, "D_ADDROF_BITFIELD",
			  "cannot take address of bit-field");
	return type_ptr(cc, k->type);
}

static struct type *u_incdec(struct dcc *cc, struct node *n, struct node *k)
{
	struct type *t = k->type;
	struct type *r = type_resolve(t);

	if (!type_is_scalar(t))
		dcc_error(cc, n->loc, "D_OP_SCALAR", "operator %s requires "
			  "operand of scalar type", node_op_str(n->op));
	if (r->kind == TY_PTR && (type_is_void(r->base) ||
				  type_resolve(r->base)->kind == TY_FUNC))
		dcc_error(cc, n->loc, "D_OP_VFPTR", "operator %s requires an "
			  "operand of known size", node_op_str(n->op));
	lvalue_check(cc, n, k);
	return t;
}

static void incdec_create(struct dcc *cc, struct node *k)
{
	bool keyed = k->kind == N_INDEX, created;
	struct node *var = keyed ? k->kid[0] : k;
	struct sym *sym;

	if (var->kind != N_IDENT && var->kind != N_SELF && var->kind != N_THIS)
		return;
	if (var->kind == N_IDENT && sema_lookup_global(cc, var->name))
		return;
	if (keyed)
		return;
	sym = target_var(cc, var, false, &created);
	if (created)
		sema_set_var_type(cc, sym, type_base(cc, "int64_t"));
}

static int64_t fold_unary(int op, int64_t v)
{
	switch (op) {
	case OP_NEG: return -v;
	case OP_BITNOT: return ~v;
	case OP_NOT: return !v;
	default: return v;
	}
}

static struct type *e_unary(struct dcc *cc, struct node *n)
{
	struct node *k = n->kid[0];
	struct type *t;

	if (n->op == OP_PREINC || n->op == OP_PREDEC || n->op == OP_POSTINC ||
	    n->op == OP_POSTDEC)
		incdec_create(cc, k);
	t = sema_expr(cc, k);
	switch (n->op) {
	case OP_DEREF:
		return u_deref(cc, n, t);
	case OP_ADDROF:
		return u_addrof(cc, n, k);
	case OP_PREINC: case OP_PREDEC: case OP_POSTINC: case OP_POSTDEC:
		return u_incdec(cc, n, k);
	case OP_NEG: case OP_PLUS:
		if (!type_is_arith(t))
			dcc_error(cc, n->loc, "D_OP_ARITH", "operator %s requires "
				  "an operand of arithmetic type",
				  node_op_str(n->op));
		break;
	case OP_BITNOT:
		if (!type_is_integer(t))
			dcc_error(cc, n->loc, "D_OP_INT", "operator %s requires "
				  "an operand of integral type", node_op_str(n->op));
		break;
	case OP_NOT:
		if (!type_is_scalar(t))
			dcc_error(cc, n->loc, "D_OP_SCALAR", "operator %s requires "
				  "an operand of scalar type", node_op_str(n->op));
		t = t_int(cc);
		break;
	}
	n->type = t;
	if (k->is_const)
		set_const_wide(n, fold_unary(n->op, k->cval));
	return t;
}

/* ---- binary operators --------------------------------------------------------------- */

static int64_t fold_binary(struct node *n, int64_t l, int64_t r, bool sgn)
{
	uint64_t ul = (uint64_t)l, ur = (uint64_t)r;

	switch (n->op) {
	case OP_MUL: return (int64_t)(ul * ur);
	case OP_DIV: return sgn ? l / r : (int64_t)(ul / ur);
	case OP_MOD: return sgn ? l % r : (int64_t)(ul % ur);
	case OP_ADD: return (int64_t)(ul + ur);
	case OP_SUB: return (int64_t)(ul - ur);
	case OP_SHL: return (int64_t)(ul << (r & 63));
	case OP_SHR: return sgn ? l >> (r & 63) : (int64_t)(ul >> (r & 63));
	case OP_LT: return sgn ? l < r : ul < ur;
	case OP_LE: return sgn ? l <= r : ul <= ur;
	case OP_GT: return sgn ? l > r : ul > ur;
	case OP_GE: return sgn ? l >= r : ul >= ur;
	case OP_EQ: return l == r;
	case OP_NE: return l != r;
	case OP_BAND: return l & r;
	case OP_XOR: return l ^ r;
	case OP_BOR: return l | r;
	case OP_LAND: return l && r;
	case OP_LXOR: return !l != !r;
	case OP_LOR: return l || r;
	case OP_COMMA: return r;
	}
	return 0;
}

static struct type *b_additive(struct dcc *cc, struct node *n,
			       struct node *l, struct node *r)
{
	struct type *lt = l->type, *rt = r->type, *lr = type_resolve(lt);
	bool lp = type_is_string(lt) || (lr && (lr->kind == TY_PTR ||
			lr->kind == TY_ARRAY) && !type_is_void(lr->base));
	bool rp = type_is_string(rt) ||
		  ((type_is_pointer(rt) || is_kind(rt, TY_ARRAY)) &&
		   !type_is_void(type_resolve(rt)->base));
	bool li = type_is_integer(lt), ri = type_is_integer(rt);

	if (li && ri)
		return type_promote(cc, lt, rt);
	if (lp && ri) {
		if (lr->kind == TY_ARRAY && r->is_const && lr->nelem > 0 &&
		    (uint64_t)r->cval >= (uint64_t)lr->nelem)
			dcc_error(cc, n->loc, "D_ARR_BOUNDS", "index outside array "
				  "bounds: %llu, max is %lld",
				  (unsigned long long)r->cval, (long long)lr->nelem);
		return lr->kind == TY_ARRAY ? type_ptr(cc, lr->base) : lt;
	}
	if (li && rp && n->op == OP_ADD)
		return rt;
	if (lp && rp && n->op == OP_SUB && ptrcompat(lt, r, rt))
		return type_base(cc, "ptrdiff_t");
	if (type_is_arith(lt) && type_is_arith(rt))
		return type_base(cc, "double");
	incompat(cc, n, lt, rt);
}

static struct type *b_compare(struct dcc *cc, struct node *n,
			      struct node *l, struct node *r)
{
	struct type *lt = l->type, *rt = r->type;

	if (type_compatible(lt, rt) || (type_is_integer(lt) && type_is_integer(rt)))
		return t_int(cc);
	if (type_is_strcompat(lt) && type_is_strcompat(rt) &&
	    (type_is_string(lt) || type_is_string(rt)))
		return t_int(cc);
	if (type_is_arith(lt) && type_is_arith(rt))
		return t_int(cc);
	if ((type_is_string(lt) && r->is_const && r->cval == 0) ||
	    (type_is_string(rt) && l->is_const && l->cval == 0))
		return t_int(cc);
	if (type_is_pointer(lt) && type_is_pointer(rt) &&
	    type_size(type_resolve(lt)->base) == type_size(type_resolve(rt)->base) &&
	    type_is_integer(type_resolve(lt)->base) &&
	    type_is_integer(type_resolve(rt)->base))
		return t_int(cc);
	if (!ptrcompat(lt, r, rt) && !ptrcompat(rt, l, lt))
		incompat(cc, n, lt, rt);
	return t_int(cc);
}

/* DTrace's parser turns a name that is an integer-constant inline or an
 * enumerator into an integer at once, wherever it appears (even after
 * -> or .). */
static bool is_int_constant_name(struct dcc *cc, const char *name)
{
	struct sym *s = strmap_get(&sema_get(cc)->globals, name);

	if (!s)
		return false;
	return s->kind == SYM_ENUMERATOR || (s->kind == SYM_INLINE &&
		s->inline_expr && s->inline_expr->is_const &&
		type_is_integer(s->inline_expr->type));
}

/* What DTrace calls the kind of global identifier name (dt_idkind_name),
 * NULL if it is none or already an integer when parsed. */
static const char *global_kind(struct dcc *cc, const char *name)
{
	const struct func_def *f = func_lookup(name);
	struct sym *s = sema_lookup_global(cc, name);

	if (f)
		return f->kind == FK_ACTION ? "tracing function" :
		       f->kind == FK_AGG ? "aggregating function" : "function";
	if (!s || s->kind == SYM_KERNEL || is_int_constant_name(cc, name))
		return NULL;
	if (s->kind == SYM_ASSOC || s->nkeys || !strcmp(name, "args") ||
	    !strcmp(name, "regs") || !strcmp(name, "uregs"))
		return "associative array";
	return "scalar";
}

/* The enumerator name also names a global identifier. */
static void ambig_check(struct dcc *cc, struct node *n, struct node *l,
			const char *name)
{
	const char *kind = global_kind(cc, name);

	if (kind)
		dcc_error(cc, n->loc, "D_IDENT_AMBIG", "ambiguous use of operator "
			  "%s: %s is both a %s enum tag and a global %s",
			  node_op_str(n->op), name, tn(cc, l->type), kind);
}

/* `e == TAG` where e has an enum type: TAG is that enum's enumerator. */
static void enum_rhs(struct dcc *cc, struct node *n, struct node *l,
		     struct node *r)
{
	struct type *et = type_resolve(l->type);
	struct enumerator *e;

	if (!et || et->kind != TY_ENUM || r->kind != N_IDENT ||
	    strchr(r->name, '`'))
		return;
	for (e = et->enums; e; e = e->next)
		if (!strcmp(e->name, r->name)) {
			ambig_check(cc, n, l, r->name);
			r->kind = N_INT;
			r->ival = e->value;
			r->op = 0;
			r->type = l->type;
			r->is_const = true;
			r->cval = e->value;
			return;
		}
}

static struct type *b_check(struct dcc *cc, struct node *n, struct node *l,
			    struct node *r)
{
	struct type *lt = l->type, *rt = r->type;
	const char *op = node_op_str(n->op);

	switch (n->op) {
	case OP_BAND: case OP_XOR: case OP_BOR: case OP_MOD:
		if (!type_is_integer(lt) || !type_is_integer(rt))
			dcc_error(cc, n->loc, "D_OP_INT", "operator %s requires "
				  "operands of integral type", op);
		return type_promote(cc, lt, rt);
	case OP_SHL: case OP_SHR:
		if (!type_is_integer(lt) || !type_is_integer(rt))
			dcc_error(cc, n->loc, "D_OP_INT", "operator %s requires "
				  "operands of integral type", op);
		return lt;
	case OP_MUL: case OP_DIV:
		if (!type_is_arith(lt) || !type_is_arith(rt))
			dcc_error(cc, n->loc, "D_OP_ARITH", "operator %s requires "
				  "operands of arithmetic type", op);
		if (!type_is_integer(lt) || !type_is_integer(rt))
			return type_base(cc, "double");
		return type_promote(cc, lt, rt);
	case OP_LAND: case OP_LXOR: case OP_LOR:
		if (!type_is_scalar(lt) || !type_is_scalar(rt))
			dcc_error(cc, n->loc, "D_OP_SCALAR", "operator %s requires "
				  "operands of scalar type", op);
		return t_int(cc);
	case OP_LT: case OP_LE: case OP_GT: case OP_GE: case OP_EQ: case OP_NE:
		return b_compare(cc, n, l, r);
	case OP_ADD: case OP_SUB:
		return b_additive(cc, n, l, r);
	case OP_COMMA:
		if (is_dyn(lt) || is_dyn(rt))
			dcc_error(cc, n->loc, "D_OP_DYN", "operator %s operands "
				  "cannot be of dynamic type", op);
		if (sema_is_action(l) || sema_is_action(r))
			dcc_error(cc, n->loc, "D_OP_ACT", "operator %s operands "
				  "cannot be actions", op);
		return rt;
	}
	dcc_error(cc, n->loc, "D_UNKNOWN", "invalid binary op %s", op);
}

static struct type *e_binary(struct dcc *cc, struct node *n)
{
	struct node *l = n->kid[0], *r = n->kid[1];
	bool sgn;

	if ((n->op == OP_DIV || n->op == OP_MOD) && r->kind == N_INT &&
	    r->ival == 0)
		dcc_error(cc, n->loc, "D_DIV_ZERO",
			  "expression contains division by zero");
	sema_expr(cc, l);
	if (n->op >= OP_LT && n->op <= OP_NE)
		enum_rhs(cc, n, l, r);
	sema_expr(cc, r);
	if (!l->type || !r->type)
		dcc_error(cc, n->loc, "D_TRACE_VOID", "void expression used "
			  "as an operand");
	n->type = b_check(cc, n, l, r);
	if (!l->is_const || !r->is_const || !type_is_integer(n->type))
		return n->type;
	if ((n->op == OP_DIV || n->op == OP_MOD) && r->cval == 0)
		dcc_error(cc, n->loc, "D_DIV_ZERO",
			  "expression contains division by zero");
	sgn = type_resolve(type_promote(cc, l->type, r->type))->is_signed;
	set_const_wide(n, fold_binary(n, l->cval, r->cval, sgn));
	return n->type;
}

static struct type *e_cond(struct dcc *cc, struct node *n)
{
	struct node *c = n->kid[0], *l = n->kid[1], *r = n->kid[2];
	struct type *lt, *rt, *t;

	sema_expr(cc, c);
	lt = sema_expr(cc, l);
	rt = sema_expr(cc, r);
	if (!type_is_scalar(c->type))
		dcc_error(cc, n->loc, "D_OP_SCALAR",
			  "operator ?: expression must be of scalar type");
	if (is_dyn(lt) || is_dyn(rt))
		dcc_error(cc, n->loc, "D_OP_DYN",
			  "operator ?: operands cannot be of dynamic type");
	if (type_compatible(lt, rt))
		t = lt;
	else if (type_is_integer(lt) && type_is_integer(rt))
		t = type_promote(cc, lt, rt);
	else if (type_is_strcompat(lt) && type_is_strcompat(rt) &&
		 (type_is_string(lt) || type_is_string(rt)))
		t = type_string(cc);
	else if (ptrcompat(lt, r, rt))
		t = (r->is_const || type_is_void(type_resolve(rt)->base)) ? lt : rt;
	else if (ptrcompat(rt, l, lt))
		t = rt;
	else
		dcc_error(cc, n->loc, "D_OP_INCOMPAT",
			  "operator ?: operands must have compatible types");
	if (sema_is_action(l) || sema_is_action(r))
		dcc_error(cc, n->loc, "D_OP_ACT", "action cannot be used in a "
			  "conditional context");
	n->type = t;
	if (c->is_const && l->is_const && r->is_const)
		set_const(n, c->cval ? l->cval : r->cval);
	return t;
}

/* ---- members, casts, sizeof ------------------------------------------------------- */

static struct type *complete(struct dcc *cc, struct type *t)
{
	struct type *r = type_resolve(t);
	char full[256];

	if (!r || r->kind != TY_FWD || !r->name)
		return r;
	snprintf(full, sizeof(full), "%s %s", r->fwd_kind == TY_UNION ?
		 "union" : r->fwd_kind == TY_ENUM ? "enum" : "struct", r->name);
	t = type_lookup(cc, full);
	t = type_resolve(t);
	return t && t->kind != TY_FWD ? t : r;
}

static struct type *e_member(struct dcc *cc, struct node *n)
{
	struct type *t = sema_expr(cc, n->kid[0]), *r = type_resolve(t);
	struct member *m;

	if (is_int_constant_name(cc, n->name))
		dcc_error(cc, n->loc, "D_OP_IDENT", "operator %s must be followed "
			  "by an identifier", node_op_str(n->op));
	if (sema_is_xlate_access(n->kid[0]))
		return sema_xlate_member(cc, n);
	if (n->op == OP_ARROW) {
		if (!r || r->kind != TY_PTR)
			dcc_error(cc, n->loc, "D_OP_PTR", "operator -> must be "
				  "applied to a pointer");
		r = r->base;
	}
	r = complete(cc, r);
	if (r->kind == TY_FWD)
		dcc_error(cc, n->loc, "D_OP_INCOMPLETE", "operator %s cannot be "
			  "applied to a forward declaration: no %s definition is "
			  "available", node_op_str(n->op), tn(cc, r));
	if (r->kind != TY_STRUCT && r->kind != TY_UNION) {
		if (n->op == OP_ARROW)
			dcc_error(cc, n->loc, "D_OP_SOU", "operator -> cannot be "
				  "applied to pointer to type \"%s\"; must be "
				  "applied to a struct or union pointer", tn(cc, r));
		dcc_error(cc, n->loc, "D_OP_SOU", "operator %s cannot be applied "
			  "to type \"%s\"; must be applied to a struct or union",
			  node_op_str(n->op), tn(cc, r));
	}
	m = type_member(r, n->name, NULL);
	if (!m)
		dcc_error(cc, n->loc, "D_TYPE_MEMBER", "%s is not a member of %s",
			  n->name, tn(cc, r));
	if (!is_kind(m->type, TY_ARRAY) &&
	    (n->op == OP_ARROW || n->kid[0]->lvalue))
		n->lvalue = true;
	return m->type;
}

static bool cast_ok(struct type *to, struct type *from)
{
	struct type *fr = type_resolve(from), *tr = type_resolve(to);

	if (type_compatible(to, from))
		return true;
	if (type_is_scalar(to) && (type_is_scalar(from) ||
				   (fr && fr->kind == TY_FUNC)))
		return true;
	if (type_is_arith(to) && type_is_arith(from))
		return true;
	if (type_is_void(to))
		return true;
	if (tr->kind == TY_PTR && fr && (fr->kind == TY_PTR || fr->kind == TY_ARRAY))
		return true;
	if (tr->kind == TY_PTR && fr && fr->kind == TY_STRING)
		return true;
	if (type_is_string(to) && (type_is_scalar(from) || type_is_strcompat(from) ||
				   (fr && fr->kind == TY_ARRAY)))
		return true;
	return false;
}

static struct type *e_cast(struct dcc *cc, struct node *n)
{
	struct type *to = sema_typename(cc, n->kid[1]);
	struct type *from = sema_expr(cc, n->kid[0]);

	if (!cast_ok(to, from))
		dcc_error(cc, n->loc, "D_CAST_INVAL", "invalid cast expression: "
			  "\"%s\" to \"%s\"", tn(cc, from), tn(cc, to));
	n->type = to;
	if (n->kid[0]->is_const && type_is_integer(to))
		set_const(n, n->kid[0]->cval);
	return to;
}

static struct type *e_typename(struct dcc *cc, struct node *n)
{
	return sema_typename(cc, n);
}

static struct type *e_sizeof(struct dcc *cc, struct node *n)
{
	struct node *k = n->kid[0];
	uint64_t size;

	if (k->kind == N_TYPENAME) {
		size = type_size(sema_typename(cc, k));
	} else {
		sema_expr(cc, k);
		if (sema_is_bitfield(k))
			dcc_error(cc, n->loc, "D_SIZEOF_BITFIELD",
				  "cannot apply sizeof to a bit-field");
		size = k->kind == N_STR ? k->slen + 1 : type_size(k->type);
		if (k->kind == N_IDENT && k->sym && k->sym->kind == SYM_GLOBAL &&
		    type_is_string(k->type))
			size = type_size(k->type);
	}
	if (size == 0)
		dcc_error(cc, n->loc, "D_SIZEOF_TYPE", "cannot apply sizeof to an "
			  "operand of unknown size");
	n->type = type_base(cc, "size_t");
	set_const(n, (int64_t)size);
	return n->type;
}

static struct type *e_offsetof(struct dcc *cc, struct node *n)
{
	struct type *t = complete(cc, sema_typename(cc, n->kid[0]));
	uint64_t off = 0;
	struct member *m;

	if (t->kind != TY_STRUCT && t->kind != TY_UNION)
		dcc_error(cc, n->loc, "D_OFFSETOF_TYPE",
			  "offsetof operand must be a struct or union type");
	m = type_member(t, n->name, &off);
	if (!m)
		dcc_error(cc, n->loc, "D_UNKNOWN", "failed to determine offset "
			  "of %s: Member name not found", n->name);
	if (m->bit_size)
		dcc_error(cc, n->loc, "D_OFFSETOF_BITFIELD",
			  "cannot take offset of a bit-field: %s", n->name);
	n->type = type_base(cc, "size_t");
	set_const(n, (int64_t)off);
	return n->type;
}

static struct type *e_stringof(struct dcc *cc, struct node *n)
{
	struct type *t = sema_expr(cc, n->kid[0]);

	if (!type_is_scalar(t) && !type_is_strcompat(t) &&
	    !is_kind(t, TY_ARRAY))
		dcc_error(cc, n->loc, "D_STRINGOF_TYPE", "cannot apply stringof "
			  "to a value of type %s", tn(cc, t));
	return type_string(cc);
}

static struct type *e_call(struct dcc *cc, struct node *n)
{
	sema_call(cc, n);
	return n->type;
}

static struct type *e_xlate(struct dcc *cc, struct node *n)
{
	return sema_xlate(cc, n);
}

static struct type *e_bad(struct dcc *cc, struct node *n)
{
	dcc_error(cc, n->loc, "D_UNKNOWN", "unexpected %s in expression",
		  node_kind_name(n->kind));
}

static const expr_fn expr_fns[] = {
	[N_INT] = e_int, [N_FLOAT] = e_float, [N_STR] = e_str,
	[N_IDENT] = e_ident, [N_MACRO] = e_macro, [N_AGG] = e_agg,
	[N_UNARY] = e_unary, [N_BINARY] = e_binary, [N_ASSIGN] = e_assign,
	[N_COND] = e_cond, [N_CALL] = e_call, [N_INDEX] = e_index,
	[N_MEMBER] = e_member, [N_SELF] = e_selfthis, [N_THIS] = e_selfthis,
	[N_CAST] = e_cast, [N_SIZEOF] = e_sizeof, [N_OFFSETOF] = e_offsetof,
	[N_STRINGOF] = e_stringof, [N_XLATE] = e_xlate,
	[N_TYPENAME] = e_typename,
};

struct type *sema_expr(struct dcc *cc, struct node *n)
{
	expr_fn fn = NULL;
	struct type *t;

	if ((size_t)n->kind < sizeof(expr_fns) / sizeof(expr_fns[0]))
		fn = expr_fns[n->kind];
	t = (fn ? fn : e_bad)(cc, n);
	if (!n->type)
		n->type = t;
	return n->type;
}

void sema_expr_list(struct dcc *cc, struct node *list)
{
	for (; list; list = list->next)
		sema_expr(cc, list);
}
