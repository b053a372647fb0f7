/* SPDX-License-Identifier: MIT */
/*
 * ast.h -- the D syntax tree.
 *
 * The parser (parse.y) builds one tree of struct node for the whole program;
 * sema.c annotates it in place (type, symbol, constant value) and codegen
 * (cg.c) walks the annotated tree.  A node is generic: a kind, an operator,
 * up to four children, a sibling link for lists, and a few payload fields
 * whose meaning depends on the kind (documented per kind below).  Lists
 * (arguments, statements, declarators, probe descriptions) are chained
 * through `next`.
 */
#ifndef DCC_AST_H
#define DCC_AST_H

#include <stdbool.h>
#include <stdint.h>

struct type;
struct sym;
struct dcc;

struct loc {
	const char *file;	/* interned; the file named by #line markers */
	int line;
};

enum node_kind {
	/* ---- expressions ------------------------------------------------ */
	N_INT,		/* integer or character constant: ival; op = suffix
			   flags (NF_UNSIGNED, NF_LONG, NF_LONGLONG, NF_CHAR) */
	N_FLOAT,	/* fval */
	N_STR,		/* string literal: str (unescaped, may hold NUL: slen) */
	N_IDENT,	/* name; also builtins (pid, execname, args...) */
	N_MACRO,	/* $1, $$1, $target, $pid...: name = text after '$'
			   ("1", "target"); op = 1 for $$ (string form) */
	N_AGG,		/* @name: name = "" for plain @ */
	N_UNARY,	/* op (enum node_op) kid[0] */
	N_BINARY,	/* kid[0] op kid[1]; op is OP_ADD.. OP_LOR, OP_COMMA */
	N_ASSIGN,	/* kid[0] op kid[1]; op = OP_ASSIGN or OP_ADD_ASSIGN... */
	N_COND,		/* kid[0] ? kid[1] : kid[2] */
	N_CALL,		/* name(args): name = function name, kid[0] = arg list */
	N_INDEX,	/* kid[0][kid[1] list]: arrays, associative arrays,
			   aggregations (kid[0] is N_AGG), args[] */
	N_MEMBER,	/* kid[0].name; op = OP_ARROW for kid[0]->name */
	N_SELF,		/* self->name */
	N_THIS,		/* this->name */
	N_CAST,		/* (kid[1] = N_TYPENAME) kid[0] */
	N_SIZEOF,	/* sizeof kid[0]: either an expr or an N_TYPENAME */
	N_OFFSETOF,	/* offsetof(kid[0] = N_TYPENAME, name) */
	N_STRINGOF,	/* stringof kid[0] */
	N_XLATE,	/* xlate <kid[1] = N_TYPENAME> (kid[0]) */
	N_TYPENAME,	/* a type name in an expression: kid[0] = N_DECLSPEC,
			   kid[1] = abstract declarator or NULL */

	/* ---- statements ------------------------------------------------- */
	N_EXPR_STMT,	/* kid[0]; kid[0] == NULL for an empty statement */
	N_IF,		/* if (kid[0]) kid[1] else kid[2] (dtrace-utils D) */
	N_BLOCK,	/* { kid[0] = statement list } */
	N_DECL_STMT,	/* a declaration inside a clause (this-> or locals):
			   kid[0] = N_DECL */

	/* ---- declarations ----------------------------------------------- */
	N_DECLSPEC,	/* declaration specifiers: op = storage class flags
			   (DS_*), ival = type-qualifier flags (TQ_*),
			   name = typedef name / struct-union-enum tag,
			   kid[0] = base type keyword list (N_TYPEKW chain)
			   or an N_SUE definition */
	N_TYPEKW,	/* op = TK_INT, TK_CHAR, TK_UNSIGNED... */
	N_SUE,		/* struct/union/enum: op = TK_STRUCT|TK_UNION|TK_ENUM,
			   name = tag (may be NULL), kid[0] = member list
			   (N_DECL per member, with N_DECLARATOR whose
			   kid[2] is a bitfield width), or N_ENUMERATOR list;
			   ival = 1 if a body {...} was given */
	N_ENUMERATOR,	/* name [= kid[0]] */
	N_DECL,		/* kid[0] = N_DECLSPEC, kid[1] = N_DECLARATOR list */
	N_DECLARATOR,	/* name (NULL if abstract), kid[0] = derivation
			   chain (N_PTR / N_ARRAY / N_FUNC from the identifier
			   outwards), kid[1] = initializer (inline),
			   kid[2] = bitfield width */
	N_PTR,		/* pointer; ival = qualifiers; next = further derivation */
	N_ARRAY,	/* [kid[0]] where kid[0] is the size expression, a
			   type list for associative arrays, or NULL */
	N_FUNC,		/* (kid[0] = parameter list of N_DECL, or NULL);
			   op = 1 if varargs "..." */
	N_INLINE,	/* inline decl = expr: kid[0] = N_DECL (declarator
			   kid[1] holds the expression) */
	N_XLATOR,	/* translator kid[0]=out N_TYPENAME < kid[1]=in N_DECL >
			   { kid[2] = N_XLMEMBER list } */
	N_XLMEMBER,	/* name = kid[0] */

	/* ---- program structure ------------------------------------------ */
	N_PROGRAM,	/* kid[0] = list of clauses, declarations, pragmas;
			   kid[1] = the D library's items (dcc/dlib: types,
			   inlines, translators), already checked by sema */
	N_CLAUSE,	/* kid[0] = N_PDESC list, kid[1] = predicate or NULL,
			   kid[2] = statement list (may be NULL) */
	N_PDESC,	/* a probe description: str = the text as written
			   (after macro expansion), name = provider,
			   kid[] unused; see pdesc fields */
	N_PRAGMA,	/* #pragma D ...: name = first word after "D"
			   ("option", "depends_on", ...), str = the rest */
	N_EMPTY,	/* ";" at top level */
	N_PROVIDER,	/* provider name { kid[0] = N_PROBEDECL list };
			   checked by sema_prov.c */
	N_PROBEDECL,	/* probe name kid[0] [: kid[1]]; -- kid[0] = native
			   N_FUNC, kid[1] = translated N_FUNC or NULL;
			   op = number of prototypes (1 or 2) */
};

enum node_op {
	OP_NONE = 0,
	/* unary */
	OP_NEG, OP_PLUS, OP_NOT, OP_BITNOT, OP_DEREF, OP_ADDROF,
	OP_PREINC, OP_PREDEC, OP_POSTINC, OP_POSTDEC,
	/* binary, by C precedence groups */
	OP_MUL, OP_DIV, OP_MOD,
	OP_ADD, OP_SUB,
	OP_SHL, OP_SHR,
	OP_LT, OP_LE, OP_GT, OP_GE,
	OP_EQ, OP_NE,
	OP_BAND, OP_XOR, OP_BOR,
	OP_LAND, OP_LXOR, OP_LOR,	/* D has ^^ (logical xor) */
	OP_COMMA,
	/* assignment */
	OP_ASSIGN, OP_MUL_ASSIGN, OP_DIV_ASSIGN, OP_MOD_ASSIGN,
	OP_ADD_ASSIGN, OP_SUB_ASSIGN, OP_SHL_ASSIGN, OP_SHR_ASSIGN,
	OP_AND_ASSIGN, OP_XOR_ASSIGN, OP_OR_ASSIGN,
	/* member access */
	OP_DOT, OP_ARROW,
};

/* N_INT suffix flags (in node.op) */
#define NF_UNSIGNED	0x1
#define NF_LONG		0x2
#define NF_LONGLONG	0x4
#define NF_CHAR		0x8	/* character constant 'x' */
#define NF_NONDEC	0x10	/* written in octal or hex (C99 typing rules) */

/* N_DECLSPEC storage classes (in node.op) */
#define DS_AUTO		0x01
#define DS_REGISTER	0x02
#define DS_STATIC	0x04
#define DS_EXTERN	0x08
#define DS_TYPEDEF	0x10
#define DS_SELF		0x20
#define DS_THIS		0x40
#define DS_INLINE	0x80

/* type qualifiers (N_DECLSPEC.ival, N_PTR.ival) */
#define TQ_CONST	0x1
#define TQ_VOLATILE	0x2
#define TQ_RESTRICT	0x4

/* N_TYPEKW / N_SUE keywords (in node.op) */
enum typekw {
	TK_VOID = 1, TK_CHAR, TK_SHORT, TK_INT, TK_LONG, TK_FLOAT, TK_DOUBLE,
	TK_SIGNED, TK_UNSIGNED, TK_STRING, TK_USERTYPE /* typedef name */,
	TK_STRUCT, TK_UNION, TK_ENUM,
};

struct node {
	enum node_kind kind;
	int op;			/* enum node_op, or kind-specific flags */
	struct loc loc;
	struct node *kid[4];
	struct node *next;	/* sibling in a list */

	/* payload */
	char *name;		/* identifiers, member names, tags */
	char *str;		/* string literals, probe description text */
	size_t slen;
	int64_t ival;
	double fval;

	/* probe description parts (N_PDESC), each may contain globs */
	char *pd_prov, *pd_mod, *pd_func, *pd_name;

	/* filled by sema */
	struct type *type;	/* type of an expression */
	struct sym *sym;	/* resolved identifier / variable / function */
	bool is_const;		/* integer constant expression: cval */
	int64_t cval;
	bool lvalue;
	void *aux;		/* pass-private data (codegen) */
};

/* Nodes are allocated from the compilation's arena (dcc_alloc). */
struct node *node_new(struct dcc *cc, enum node_kind kind, struct loc loc);
struct node *node_list_append(struct node *list, struct node *n);
int node_list_len(const struct node *list);
const char *node_kind_name(enum node_kind kind);
const char *node_op_str(int op);	/* "+", "==", "->", ... */
void node_dump(const struct node *n, int indent, void *file /* FILE* */);

#endif /* DCC_AST_H */
