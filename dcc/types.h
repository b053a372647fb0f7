/* SPDX-License-Identifier: MIT */
/*
 * types.h -- D's type system and symbols.
 *
 * Types are built by types.c: D's base types (LP64), types declared in the
 * script, and kernel types imported on demand from BTF (btf_in.c), which
 * keep their BTF id so that codegen can emit CO-RE relocations against
 * them.  Symbols (struct sym) name variables, builtins, functions
 * (actions/subroutines/aggregating functions), inlines and types.
 */
#ifndef DCC_TYPES_H
#define DCC_TYPES_H

#include <stdbool.h>
#include <stdint.h>

#include "ast.h"

struct dcc;
struct btf;

enum type_kind {
	TY_VOID = 1,
	TY_INT,		/* char .. long long, _Bool, enums use TY_ENUM */
	TY_FLOAT,
	TY_PTR,
	TY_ARRAY,
	TY_STRUCT,
	TY_UNION,
	TY_ENUM,
	TY_FUNC,
	TY_STRING,	/* D's string: strsize bytes, by value */
	TY_TYPEDEF,	/* named alias: base */
	TY_FWD,		/* incomplete struct/union/enum */
	/* D-only pseudo types (name = what DTrace prints) */
	TY_DYN,		/* "aggregation", "associative array": no value */
	TY_STACK,	/* "stack": result of stack()/ustack()/jstack() */
	TY_SYMADDR,	/* "_symaddr": sym()/func()/mod() results */
	TY_USYMADDR,	/* "_usymaddr": usym()/ufunc()/umod()/uaddr() */
};

struct member {
	const char *name;	/* NULL for anonymous struct/union members */
	struct type *type;
	uint64_t offset;	/* bytes */
	uint32_t bit_offset;	/* bitfields: offset in bits from `offset` */
	uint32_t bit_size;	/* 0: not a bitfield */
	struct member *next;
};

struct enumerator {
	const char *name;
	int64_t value;
	struct enumerator *next;
};

struct type {
	enum type_kind kind;
	const char *name;	/* "int", "struct foo" tag "foo", typedef name */
	uint64_t size;		/* bytes; 0 for incomplete */
	uint32_t align;
	bool is_signed;		/* TY_INT */
	bool is_bool;
	uint32_t quals;		/* TQ_* */
	struct type *base;	/* pointee, element, typedef target, return type */
	int64_t nelem;		/* TY_ARRAY; -1 = unknown */
	struct member *members;	/* TY_STRUCT/TY_UNION */
	struct enumerator *enums; /* TY_ENUM */
	struct type **params;	/* TY_FUNC */
	int nparams;
	bool varargs;
	/* kernel types (from BTF): btf_id != 0 */
	uint32_t btf_id;	/* id in the kernel BTF */
	const char *module;	/* "vmlinux" or module name */
	bool user_addr;		/* points to user space (copyin needed) */
	enum type_kind fwd_kind;/* TY_FWD: TY_STRUCT, TY_UNION or TY_ENUM */
	struct type *ptr_cache;	/* type_ptr() memo (types.c private) */
};

/* types.c */
struct type *type_base(struct dcc *cc, const char *name); /* "int", "char"... */
struct type *type_int(struct dcc *cc, int size, bool is_signed);
struct type *type_ptr(struct dcc *cc, struct type *to);
struct type *type_array(struct dcc *cc, struct type *elem, int64_t n);
struct type *type_string(struct dcc *cc);	/* sized by strsize */
struct type *type_void(struct dcc *cc);
struct type *type_resolve(struct type *t);	/* strip typedefs and quals */
bool type_is_integer(struct type *t);		/* int, enum, bool */
bool type_is_arith(struct type *t);
bool type_is_scalar(struct type *t);		/* arith or pointer */
bool type_is_string(struct type *t);		/* string, or char array/ptr? no: TY_STRING only */
bool type_compatible(struct type *a, struct type *b);
/* "int", "char *", "struct task_struct *", "string" -- as DTrace prints types */
const char *type_name(struct dcc *cc, struct type *t);
struct member *type_member(struct type *t, const char *name, uint64_t *offset);
/* Additions: */
struct type *type_parse(struct dcc *cc, const char *text); /* "const char *", "vmlinux`struct task_struct *"; NULL if unknown */
struct type *type_lookup(struct dcc *cc, const char *name); /* typedef/base/"struct x" name: user types first, then BTF */
bool type_is_pointer(struct type *t);		/* TY_PTR (after typedefs) */
bool type_is_strcompat(struct type *t);	/* string, char *, char [] */
bool type_is_void(struct type *t);
uint64_t type_size(struct type *t);		/* through typedefs */

/* btf_in.c: kernel types by name ("struct task_struct", "pid_t"), or NULL. */
struct type *btf_lookup_type(struct dcc *cc, const char *name);
struct type *btf_type_from_id(struct dcc *cc, uint32_t id);
void btf_in_fini(struct dcc *cc);	/* frees module BTFs */
/* The BTF that types with t->module == mod come from (their btf_id is an
 * id in it): the kernel's for "vmlinux", else the module's split BTF. */
struct btf *btf_module(struct dcc *cc, const char *mod);

/* ---------------------------------------------------------------------- */

enum sym_kind {
	SYM_GLOBAL = 1,	/* global scalar variable: in the global map at .offset */
	SYM_ASSOC,	/* global associative array */
	SYM_TLS,	/* self->x */
	SYM_LOCAL,	/* this->x: per-CPU scratch at .offset */
	SYM_BUILTIN,	/* pid, execname, arg0, args, ... : .id */
	SYM_MACRO,	/* $1, $target ... */
	SYM_AGG,	/* @name: .id = aggregation index */
	SYM_FUNC,	/* action, subroutine or aggregating function: .func */
	SYM_INLINE,	/* inline: .inline_expr */
	SYM_TYPE,	/* typedef name */
	SYM_ENUMERATOR,	/* enum constant: .value */
	SYM_KERNEL,	/* kernel symbol (`foo) */
};

struct func_def;	/* actions.c / aggs.c / subrs.c tables */

struct sym {
	enum sym_kind kind;
	const char *name;
	struct type *type;	/* value type (for ASSOC/AGG: value type) */
	struct type **keys;	/* ASSOC/AGG key types */
	int nkeys;
	uint32_t offset;	/* GLOBAL (in the global map), LOCAL (in scratch) */
	int id;			/* BUILTIN id, AGG index, ASSOC/TLS variable id */
	int64_t value;		/* ENUMERATOR */
	const struct func_def *func;
	struct node *inline_expr;
	struct node *decl;	/* where declared, NULL if implicit */
	bool written, read;
	struct sym *next;
	/* additions (sema.c) */
	const struct func_def *aggfn;	/* SYM_AGG: the aggregating function */
	struct node *agg_call;		/* SYM_AGG: first call (params) */
	int64_t agg_params[4];		/* SYM_AGG: lquantize base/limit/step,
					   llquantize factor/low/high/nsteps */
	uint32_t size;			/* storage size in bytes */
	struct sym *list_next;		/* link in struct dcc_syms lists */
};

/*
 * What sema hands to codegen: every variable, in order of appearance.
 * Lists are chained through sym->list_next.
 */
struct dcc_syms {
	struct sym *globals;	/* SYM_GLOBAL (offset after dtm_globals_hdr) */
	struct sym *assocs;	/* SYM_ASSOC (.id 0..nassoc-1) */
	struct sym *tls;	/* SYM_TLS (.id 0..ntls-1) */
	struct sym *locals;	/* SYM_LOCAL (offset in the clause-local area) */
	struct sym *aggs;	/* SYM_AGG (.id 0..nagg-1) */
	uint32_t globals_size;	/* bytes, struct dtm_globals_hdr included */
	uint32_t locals_size;	/* bytes of this-> storage */
	int nglobals, nassoc, ntls, nlocals, nagg;
};
const struct dcc_syms *sema_syms(const struct dcc *cc);	/* after sema_program */

/*
 * Probe argument typing for args[]: optional hooks (weak symbols) that a
 * probe-aware file may define.  probe_arg_type() returns the D type of
 * args[idx] for the clause's probe description, or NULL (int64_t);
 * probe_arg_count() returns the number of arguments, or -1 if unknown.
 */
struct type *probe_arg_type(struct dcc *cc, const struct node *pdesc, int idx);
int probe_arg_count(struct dcc *cc, const struct node *pdesc);

#endif /* DCC_TYPES_H */
