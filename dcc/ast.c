/* SPDX-License-Identifier: MIT */
/*
 * ast.c -- syntax tree nodes: allocation, lists, names and a debug dump.
 *
 * Nodes live in the compilation's arena (dcc_alloc), so nothing here is
 * ever freed.  node_dump() prints a tree one node per line, indented by
 * depth, with the payload fields that matter for each kind; it is what
 * `dcc -d` style debugging and the parser tests look at.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "dcc.h"

struct node *node_new(struct dcc *cc, enum node_kind kind, struct loc loc)
{
	struct node *n = dcc_alloc(cc, sizeof(*n));

	n->kind = kind;
	n->loc = loc;
	return n;
}

/* Append n (and whatever follows it) to list; returns the list head. */
struct node *node_list_append(struct node *list, struct node *n)
{
	struct node *p;

	if (!list)
		return n;
	for (p = list; p->next; p = p->next)
		;
	p->next = n;
	return list;
}

int node_list_len(const struct node *list)
{
	int n = 0;

	for (; list; list = list->next)
		n++;
	return n;
}

static const char *const kind_names[] = {
	[N_INT] = "INT", [N_FLOAT] = "FLOAT", [N_STR] = "STR",
	[N_IDENT] = "IDENT", [N_MACRO] = "MACRO", [N_AGG] = "AGG",
	[N_UNARY] = "UNARY", [N_BINARY] = "BINARY", [N_ASSIGN] = "ASSIGN",
	[N_COND] = "COND", [N_CALL] = "CALL", [N_INDEX] = "INDEX",
	[N_MEMBER] = "MEMBER", [N_SELF] = "SELF", [N_THIS] = "THIS",
	[N_CAST] = "CAST", [N_SIZEOF] = "SIZEOF", [N_OFFSETOF] = "OFFSETOF",
	[N_STRINGOF] = "STRINGOF", [N_XLATE] = "XLATE",
	[N_TYPENAME] = "TYPENAME", [N_EXPR_STMT] = "EXPR_STMT", [N_IF] = "IF",
	[N_BLOCK] = "BLOCK", [N_DECL_STMT] = "DECL_STMT",
	[N_DECLSPEC] = "DECLSPEC", [N_TYPEKW] = "TYPEKW", [N_SUE] = "SUE",
	[N_ENUMERATOR] = "ENUMERATOR", [N_DECL] = "DECL",
	[N_DECLARATOR] = "DECLARATOR", [N_PTR] = "PTR", [N_ARRAY] = "ARRAY",
	[N_FUNC] = "FUNC", [N_INLINE] = "INLINE", [N_XLATOR] = "XLATOR",
	[N_XLMEMBER] = "XLMEMBER", [N_PROGRAM] = "PROGRAM",
	[N_CLAUSE] = "CLAUSE", [N_PDESC] = "PDESC", [N_PRAGMA] = "PRAGMA",
	[N_EMPTY] = "EMPTY", [N_PROVIDER] = "PROVIDER",
	[N_PROBEDECL] = "PROBEDECL",
};

const char *node_kind_name(enum node_kind kind)
{
	if ((size_t)kind < sizeof(kind_names) / sizeof(kind_names[0]) &&
	    kind_names[kind])
		return kind_names[kind];
	return "?";
}

static const char *const op_names[] = {
	[OP_NONE] = "", [OP_NEG] = "-", [OP_PLUS] = "+", [OP_NOT] = "!",
	[OP_BITNOT] = "~", [OP_DEREF] = "*", [OP_ADDROF] = "&",
	[OP_PREINC] = "++", [OP_PREDEC] = "--", [OP_POSTINC] = "++",
	[OP_POSTDEC] = "--", [OP_MUL] = "*", [OP_DIV] = "/", [OP_MOD] = "%",
	[OP_ADD] = "+", [OP_SUB] = "-", [OP_SHL] = "<<", [OP_SHR] = ">>",
	[OP_LT] = "<", [OP_LE] = "<=", [OP_GT] = ">", [OP_GE] = ">=",
	[OP_EQ] = "==", [OP_NE] = "!=", [OP_BAND] = "&", [OP_XOR] = "^",
	[OP_BOR] = "|", [OP_LAND] = "&&", [OP_LXOR] = "^^", [OP_LOR] = "||",
	[OP_COMMA] = ",", [OP_ASSIGN] = "=", [OP_MUL_ASSIGN] = "*=",
	[OP_DIV_ASSIGN] = "/=", [OP_MOD_ASSIGN] = "%=", [OP_ADD_ASSIGN] = "+=",
	[OP_SUB_ASSIGN] = "-=", [OP_SHL_ASSIGN] = "<<=",
	[OP_SHR_ASSIGN] = ">>=", [OP_AND_ASSIGN] = "&=",
	[OP_XOR_ASSIGN] = "^=", [OP_OR_ASSIGN] = "|=", [OP_DOT] = ".",
	[OP_ARROW] = "->",
};

const char *node_op_str(int op)
{
	if (op >= 0 && (size_t)op < sizeof(op_names) / sizeof(op_names[0]) &&
	    op_names[op])
		return op_names[op];
	return "?";
}

/* ---- dump ------------------------------------------------------------------- */

static void dump_str(FILE *f, const char *s, size_t n)
{
	size_t i;

	fputc('"', f);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\%03o", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* kinds whose op field is an enum node_op */
static bool op_is_operator(enum node_kind k)
{
	return k == N_UNARY || k == N_BINARY || k == N_ASSIGN ||
	       k == N_MEMBER;
}

static void dump_payload(const struct node *n, FILE *f)
{
	if (n->kind == N_INT) {
		fprintf(f, " %" PRId64 " (0x%" PRIx64 ")", n->ival,
			(uint64_t)n->ival);
		if (n->op)
			fprintf(f, " flags=0x%x", n->op);
		return;
	}
	if (op_is_operator(n->kind))
		fprintf(f, " %s", node_op_str(n->op));
	else if (n->op)
		fprintf(f, " op=%d", n->op);
	if (n->name)
		fprintf(f, " name=%s", n->name);
	if (n->kind == N_PDESC)
		fprintf(f, " [%s] %s:%s:%s:%s", n->str ? n->str : "",
			n->pd_prov ? n->pd_prov : "", n->pd_mod ? n->pd_mod : "",
			n->pd_func ? n->pd_func : "",
			n->pd_name ? n->pd_name : "");
	else if (n->str) {
		fputc(' ', f);
		dump_str(f, n->str, n->kind == N_STR ? n->slen : strlen(n->str));
	}
	if (n->ival && n->kind != N_PDESC)
		fprintf(f, " ival=%" PRId64, n->ival);
}

static void dump_rec(const struct node *n, int indent, FILE *f);

static void dump_list(const struct node *n, int indent, FILE *f)
{
	for (; n; n = n->next)
		dump_rec(n, indent, f);
}

static void dump_rec(const struct node *n, int indent, FILE *f)
{
	int i;

	fprintf(f, "%*s%s", indent * 2, "", node_kind_name(n->kind));
	dump_payload(n, f);
	fprintf(f, "  @%d\n", n->loc.line);
	for (i = 0; i < 4; i++) {
		if (!n->kid[i])
			continue;
		fprintf(f, "%*s.%d:\n", indent * 2 + 1, "", i);
		dump_list(n->kid[i], indent + 1, f);
	}
}

/* Print n (only n, not its siblings) and everything below it. */
void node_dump(const struct node *n, int indent, void *file)
{
	FILE *f = file ? file : stdout;

	if (!n) {
		fprintf(f, "%*s(null)\n", indent * 2, "");
		return;
	}
	dump_rec(n, indent, f);
}
