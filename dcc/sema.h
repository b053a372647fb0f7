/* SPDX-License-Identifier: MIT */
/*
 * sema.h -- private interface between the semantic-analysis files
 * (types.c, btf_in.c, sema*.c, options.c).  Not for other passes: they use
 * the annotated tree (ast.h) and types.h.
 */
#ifndef DCC_SEMA_H
#define DCC_SEMA_H

#include "dcc.h"
#include "types.h"

struct func_def;
struct pragma_use;

/* A string -> pointer map in the compilation's arena (a hash table that
 * doubles its nb buckets when it holds n >= nb entries). */
struct strmap {
	struct strmap_ent **b;
	unsigned nb;
	unsigned n;
};
void *strmap_get(const struct strmap *m, const char *key);
void strmap_put(struct dcc *cc, struct strmap *m, const char *key, void *val);

/* types.c extras */
struct type *type_dyn(struct dcc *cc, bool agg);
struct type *type_stack(struct dcc *cc);
struct type *type_qual(struct dcc *cc, struct type *t, uint32_t quals);
struct type *type_typedef(struct dcc *cc, const char *name, struct type *base);
struct type *type_user_lookup(struct dcc *cc, const char *name);
void type_set_tag(struct dcc *cc, const char *fullname, struct type *t);
struct type *type_promote(struct dcc *cc, struct type *l, struct type *r);
void type_layout(struct dcc *cc, struct type *t);

/* btf_in.c: a kernel type from module mod's BTF ("vmlinux" or NULL: the
 * kernel's), or NULL. */
struct type *btf_lookup_type_in(struct dcc *cc, const char *mod,
				const char *name);

/* The state of one sema run (cc->pass_priv[DCC_PASS_SEMA]). */
struct sema {
	struct strmap globals;	/* globals, assocs, inlines, enumerators, builtins */
	struct strmap tls;	/* self-> */
	struct strmap locals;	/* this-> */
	struct strmap aggs;	/* @name */
	struct strmap xlators;	/* "src => dst" type names -> struct xlator */
	struct dcc_syms out;
	struct sym **tail[5];	/* list tails of out */
	struct node *clause;	/* clause being checked, NULL at top level */
	struct node *pdesc;	/* its first probe description */
	int inline_depth;
	int call_depth;		/* nesting of calls being checked (per
				   compilation: an error unwinds past it) */
	/* per-clause action state (speculation rules) */
	bool act_spec, act_data, act_commit, act_agg;
	bool begun;		/* sema_begin() ran */
	bool eager;		/* the parser checked declarations as it went */
	bool in_lib;		/* checking the D library: may shadow built-ins */
	struct strmap alloca_vars; /* "self->p" -> 1: holds alloca() pointers,
				      2: holds other values */
	struct strmap lib_inlines; /* inlines of the D library, by name */
	/* `#pragma D attributes`: identifier -> struct dcc_attr, provider
	   name -> its attribute table (sema_attr.c) */
	struct strmap ident_attrs, prov_attrs;
	/* #pragma D attributes/binding naming identifiers not declared yet
	   (sema_attr.c): D_PRAGMA_UNUSED if still undeclared after parsing */
	struct pragma_use *pragma_pending;
	/* provider definitions of the program: name -> struct prov_def
	   (sema_prov.c) */
	struct strmap prov_defs;
};

/* The D library: dcc/dlib/\*.d, embedded at build time (gen/dlib.c). */
struct dcc_dlib_file {
	const char *name;	/* "procfs.d" */
	const char *text;
};
extern const struct dcc_dlib_file dcc_dlib_files[];	/* name NULL: end */

struct xlator {
	struct type *src, *dst;
	struct node *decl;	/* the N_XLATOR */
	struct sym *arg;	/* the input parameter (SYM_INLINE-like) */
};

struct sema *sema_get(struct dcc *cc);

/* sema_expr.c */
struct type *sema_expr(struct dcc *cc, struct node *n);
void sema_expr_list(struct dcc *cc, struct node *list);
bool sema_argcompat(struct type *proto, struct node *arg);
void sema_assign_agg(struct dcc *cc, struct node *n);
struct sym *sema_new_var(struct dcc *cc, enum sym_kind k, const char *name,
			 struct type *t, struct node *decl);
void sema_set_var_type(struct dcc *cc, struct sym *s, struct type *t);
struct type *sema_int_const_type(struct dcc *cc, struct node *n);
void sema_fold(struct dcc *cc, struct node *n);
bool sema_is_bitfield(struct node *n);
struct sym *sema_lookup_global(struct dcc *cc, const char *name);
void sema_agg_keys(struct dcc *cc, struct node *at, struct sym *agg);

/* sema.c */
const char *dcc_macro_value(struct dcc *cc, const char *name);
/* Called by the parser: set up, then check each top-level declaration,
 * inline, translator or pragma as soon as it is parsed (sema_top), or a
 * library item, whose errors only drop the item (sema_lib_top). */
void sema_begin(struct dcc *cc);
void sema_top(struct dcc *cc, struct node *n);
void sema_lib_top(struct dcc *cc, struct node *n);
void sema_lib_failed(struct dcc *cc);	/* forget a library error */

/* sema_decl.c */
struct type *sema_typename(struct dcc *cc, struct node *tn);
struct type *sema_declspec(struct dcc *cc, struct node *ds);
struct type *sema_declarator(struct dcc *cc, struct type *base, struct node *d);
void sema_decl(struct dcc *cc, struct node *decl, bool in_clause);
void sema_inline(struct dcc *cc, struct node *n);

/* lex.l: D_MACRO_UNUSED unless the last macro argument was referenced */
void parse_check_args_used(struct dcc *cc);

/* sema_attr.c: a clause's stability attributes (D_ATTR_MIN with amin);
 * #pragma D attributes (w: its words after "attributes") */
void sema_attr_clause(struct dcc *cc, struct node *c);
void sema_pragma_attributes(struct dcc *cc, struct node *n, char **w, int nw);
/* #pragma D prname (attributes, binding) naming identifier ident: the
 * program's own (D_PRAGMA_SCOPE otherwise), now or by the end of parsing
 * (sema_pragma_unused: D_PRAGMA_UNUSED otherwise) */
void sema_pragma_ident(struct dcc *cc, struct node *n, const char *prname,
		       const char *ident);
void sema_pragma_unused(struct dcc *cc);
/* Would DTrace refuse argument information for pd if it matched several
 * probes (a glob in a field whose name stability is at least Evolving)? */
bool sema_pdesc_unstable(struct dcc *cc, struct node *pd);

/* sema_xlate.c */
void sema_xlator(struct dcc *cc, struct node *n);
struct xlator *sema_xlator_find(struct dcc *cc, struct type *src,
				struct type *dst);
struct type *sema_xlate(struct dcc *cc, struct node *n);
/* Is base (of base.m / base->m) a translation?  Then sema_xlate_member()
 * rewrites the access into the translator's member expression. */
bool sema_is_xlate_access(struct node *base);
struct type *sema_xlate_member(struct dcc *cc, struct node *n);
/* args[k] (n) of the clause's probe, if its provider describes it as
 * translated (prov_argdesc, prov.h): n becomes
 * xlate <translated> ((native) arg<mapping>) and its type is returned;
 * NULL if args[k] is not translated. */
struct type *sema_args_xlate(struct dcc *cc, struct node *n, int k);
/* A fresh, unchecked copy of expression e located at loc. */
struct node *sema_clone(struct dcc *cc, struct node *e, struct loc loc);
/* n, a use of the library inline sym, becomes a checked copy of its value:
 * codegen (and its messages) then only see the program's own lines. */
bool sema_lib_inline_expand(struct dcc *cc, struct node *n, struct sym *sym);

/* sema_prov.c: a provider definition (N_PROVIDER), DTrace's D_PROV_* and
 * probe-prototype checks; its probes' argument types are then those of
 * args[] of the matching USDT probes (prov_decl_arg_type, prov.h). */
void sema_provider(struct dcc *cc, struct node *n);

/* sema_funcs.c */
void sema_call(struct dcc *cc, struct node *call);
void sema_alloca_assign(struct dcc *cc, struct node *assign);
int sema_nargs(struct node *call);
struct node *sema_arg(struct node *call, int i);
bool sema_takes_aggs(const struct func_def *f);	/* clear( ), printa( )... */
bool sema_is_action(const struct node *n);	/* a call DTrace calls an action */

/* options.c */
void sema_pragma(struct dcc *cc, struct node *n);
void sema_options_init(struct dcc *cc);
/* Validate and record option name=value ("" for a flag): 0 or -EINVAL. */
int dcc_option_check(const char *name, const char *value, const char **why);

#endif /* DCC_SEMA_H */
