/* SPDX-License-Identifier: MIT */
/*
 * test_parse.c -- unit tests for the D front end (lex.l, parse.y, ast.c).
 *
 * Parses representative snippets with parse_program() and checks the shape
 * of the tree for a few of them, and the exact DTrace message, tag and line
 * for syntax and lexer errors.  Prints "N passed, N failed"; exits non-zero
 * if anything failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcc.h"

static int passed, failed;

#define CHECK(cond, ...) do {						\
	if (cond) {							\
		passed++;						\
	} else {							\
		failed++;						\
		printf("FAIL %s:%d: ", __FILE__, __LINE__);		\
		printf(__VA_ARGS__);					\
		printf("\n");						\
	}								\
} while (0)

static struct dcc cc;
static const char *margs[] = { "test.d", "42", "hello" };

/* Parse src; returns the program or NULL (error in cc.err_*). */
static struct node *parse(const char *src, bool from_string)
{
	struct dcc_opts o = { 0 };

	o.macro_args = margs;
	o.nmacro_args = 3;
	o.from_string = from_string;
	dcc_fini(&cc);
	dcc_init(&cc, &o);
	cc.filename = "test.d";
	cc.source = dcc_strdup(&cc, src);
	cc.source_len = strlen(src);
	return parse_program(&cc);
}

/* the first top-level item, or the first statement of the first clause */
static struct node *first(struct node *prog)
{
	return prog ? prog->kid[0] : NULL;
}

static struct node *stmt0(struct node *prog)
{
	struct node *c = first(prog);

	return c && c->kind == N_CLAUSE ? c->kid[2] : NULL;
}

static void expect_error(const char *src, const char *tag, int line,
			 const char *msg)
{
	struct node *p = parse(src, false);

	CHECK(!p && !strcmp(cc.err_tag, tag) && cc.err_loc.line == line &&
	      !strcmp(cc.err_msg, msg),
	      "error for <<%s>>: got %s line %d \"%s\", want %s line %d \"%s\"",
	      src, cc.err_tag, cc.err_loc.line, cc.err_msg, tag, line, msg);
}

static void test_pdesc(void)
{
	struct node *p = parse("syscall::read:entry, BEGIN, a:b, tick-1sec,"
			       " :::, fbt:vmlinux:do_*:re?urn\n{}", false);
	struct node *d = first(p) ? first(p)->kid[0] : NULL;

	CHECK(d && node_list_len(d) == 6, "six probe descriptions");
	if (!d || node_list_len(d) != 6)
		return;
	CHECK(!strcmp(d->pd_prov, "syscall") && !strcmp(d->pd_mod, "") &&
	      !strcmp(d->pd_func, "read") && !strcmp(d->pd_name, "entry") &&
	      !strcmp(d->str, "syscall::read:entry"), "syscall::read:entry");
	d = d->next;
	CHECK(!strcmp(d->pd_name, "BEGIN") && !strcmp(d->pd_prov, ""),
	      "BEGIN is a name");
	d = d->next;
	CHECK(!strcmp(d->pd_func, "a") && !strcmp(d->pd_name, "b"),
	      "a:b is function:name");
	d = d->next;
	CHECK(!strcmp(d->pd_name, "tick-1sec"), "tick-1sec");
	d = d->next;
	CHECK(!strcmp(d->str, ":::") && !strcmp(d->pd_name, ""), ":::");
	d = d->next;
	CHECK(!strcmp(d->pd_func, "do_*") && !strcmp(d->pd_name, "re?urn"),
	      "globs");
	p = parse("pid$1:::entry {}", false);
	CHECK(p && !strcmp(first(p)->kid[0]->pd_prov, "pid42"),
	      "macro argument in a probe description");
}

static void test_expr(void)
{
	struct node *s = stmt0(parse("BEGIN { x = 1 + 2 * 3; }", false));
	struct node *e = s ? s->kid[0] : NULL;

	CHECK(s && s->kind == N_EXPR_STMT, "expression statement");
	CHECK(e && e->kind == N_ASSIGN && e->op == OP_ASSIGN &&
	      e->kid[0]->kind == N_IDENT && e->kid[1]->kind == N_BINARY &&
	      e->kid[1]->op == OP_ADD && e->kid[1]->kid[1]->op == OP_MUL,
	      "precedence of + and *");

	s = stmt0(parse("BEGIN { self->x = this->y; }", false));
	CHECK(s && s->kid[0]->kid[0]->kind == N_SELF &&
	      !strcmp(s->kid[0]->kid[0]->name, "x") &&
	      s->kid[0]->kid[1]->kind == N_THIS, "self-> and this->");

	s = stmt0(parse("BEGIN { @a[execname, 1] = count(); }", false));
	e = s ? s->kid[0]->kid[0] : NULL;
	CHECK(e && e->kind == N_INDEX && e->kid[0]->kind == N_AGG &&
	      !strcmp(e->kid[0]->name, "a") && node_list_len(e->kid[1]) == 2 &&
	      s->kid[0]->kid[1]->kind == N_CALL, "@a[k1, k2] = count()");

	s = stmt0(parse("BEGIN { @ = sum(1); }", false));
	CHECK(s && s->kid[0]->kid[0]->kind == N_AGG &&
	      !strcmp(s->kid[0]->kid[0]->name, ""), "plain @");

	s = stmt0(parse("BEGIN { x = 'ab' + 0x1fUL + 017 + 10ll; }", false));
	e = s ? s->kid[0]->kid[1] : NULL;	/* ((('ab' + 0x1f) + 017) + 10) */
	CHECK(e && e->kid[1]->ival == 10 && e->kid[1]->op == NF_LONGLONG &&
	      e->kid[0]->kid[1]->ival == 15 &&
	      e->kid[0]->kid[0]->kid[0]->ival == 0x6162 &&
	      e->kid[0]->kid[0]->kid[1]->op == (NF_UNSIGNED | NF_LONG |
						NF_NONDEC), "integer forms");

	s = stmt0(parse("BEGIN { trace((uint64_t *)arg0 ^^ sizeof (int)); }",
			false));
	e = s ? s->kid[0]->kid[0] : NULL;
	CHECK(e && e->kind == N_BINARY && e->op == OP_LXOR &&
	      e->kid[0]->kind == N_CAST && e->kid[1]->kind == N_SIZEOF &&
	      e->kid[1]->kid[0]->kind == N_TYPENAME, "cast, ^^, sizeof(type)");

	s = stmt0(parse("BEGIN { trace(\"a\\tb\\0c\"); }", false));
	e = s ? s->kid[0]->kid[0] : NULL;
	CHECK(e && e->kind == N_STR && e->slen == 5 && e->str[1] == '\t',
	      "string escapes");

	s = stmt0(parse("BEGIN { trace($2); trace($$1); }", false));
	CHECK(s && s->kid[0]->kid[0]->kind == N_MACRO &&
	      !strcmp(s->kid[0]->kid[0]->name, "2"), "$2");
	CHECK(s && s->kid[0]->kid[0]->kid[0] &&
	      s->kid[0]->kid[0]->kid[0]->kind == N_IDENT, "$2 = hello is an "
	      "identifier");
}

static void test_decls(void)
{
	struct node *p = parse("int a[int, string];\nself int x;\n"
			       "typedef struct foo { int b : 3; } foo_t;\n"
			       "inline int N = 4;\nBEGIN { this->f = (foo_t *)0; }",
			       false);
	struct node *d = first(p);

	CHECK(d && d->kind == N_DECL && d->kid[1]->kind == N_DECLARATOR &&
	      d->kid[1]->kid[0]->kind == N_ARRAY &&
	      node_list_len(d->kid[1]->kid[0]->kid[0]) == 2,
	      "associative array declaration");
	d = d ? d->next : NULL;
	CHECK(d && (d->kid[0]->op & DS_SELF), "self declaration");
	d = d ? d->next : NULL;
	CHECK(d && (d->kid[0]->op & DS_TYPEDEF) &&
	      d->kid[0]->kid[0]->kind == N_SUE &&
	      d->kid[0]->kid[0]->kid[0]->kid[1]->kid[2]->ival == 3,
	      "typedef struct with a bitfield");
	d = d ? d->next : NULL;
	CHECK(d && d->kind == N_INLINE && !strcmp(d->name, "N"), "inline");
	d = d ? d->next : NULL;
	CHECK(d && d->kind == N_CLAUSE, "typedef name used in a cast");

	/* declarations are checked as they are parsed: the types must exist */
	p = parse("struct in { int b; };\nstruct out { int a; };\n"
		  "translator struct out < struct in *P > { a = P->b; };",
		  false);
	d = first(p) && first(p)->next ? first(p)->next->next : NULL;
	CHECK(d && d->kind == N_XLATOR && d->kid[2] &&
	      d->kid[2]->kind == N_XLMEMBER &&
	      !strcmp(d->kid[1]->kid[1]->name, "P"), "translator");

	p = parse("int (*fp)(int, char *);", false);
	d = first(p) ? first(p)->kid[1] : NULL;
	CHECK(d && d->kid[0]->kind == N_PTR && d->kid[0]->next->kind == N_FUNC,
	      "function pointer derivation order");
}

static void test_misc(void)
{
	struct node *p = parse("#pragma D option quiet\n# 12 \"foo.d\"\n"
			       "BEGIN\n{\n}\n", false);
	struct node *d = first(p);

	CHECK(d && d->kind == N_PRAGMA && !strcmp(d->name, "option") &&
	      !strcmp(d->str, "quiet"), "#pragma D option");
	d = d ? d->next : NULL;
	CHECK(d && d->kind == N_CLAUSE && d->loc.line == 12 &&
	      d->loc.file && !strcmp(d->loc.file, "foo.d"), "line marker");

	p = parse("BEGIN /x/ { if (x) { y = 1; } else y = 2; }", false);
	d = first(p);
	CHECK(d && d->kid[1] && d->kid[2]->kind == N_IF && d->kid[2]->kid[2],
	      "predicate and if/else");

	p = parse("BEGIN", true);
	CHECK(p && first(p)->kind == N_CLAUSE, "-n BEGIN");
	p = parse("provider foo { probe bar(int, char *); };", false);
	CHECK(p != NULL, "provider definition");
	p = parse("", false);
	CHECK(p && !first(p), "empty program");
}

static void test_errors(void)
{
	expect_error("BEGIN\n{\n\ttrace(epid);\n}\n}\n", "D_SYNTAX", 5,
		     "syntax error near \"}\"");
	expect_error("BEGIN\n{\n\ttrace(epid);\n", "D_SYNTAX", 4,
		     "syntax error near end of input");
	expect_error("BEGIN\n{\n\tx = 1 +;\n}\n", "D_SYNTAX", 3,
		     "syntax error near \";\"");
	expect_error("BEGIN\n/x[1/\n{\n}\n", "D_SYNTAX", 3,
		     "closing ] expected in predicate before /");
	expect_error("BEGIN\n{\n\tx = ]; }\n", "D_SYNTAX", 3,
		     "extra ] in input stream");
	expect_error("BEGIN\n", "D_SYNTAX", 1, "expected predicate and/or "
		     "actions following probe description");
	expect_error("BEGIN /1/\n", "D_SYNTAX", 1, "expected actions { } "
		     "following probe description and predicate");
	expect_error("BEGIN { x = \"abc\n\"; }", "D_STR_NL", 2,
		     "newline encountered in string literal");
	expect_error("BEGIN { x = ''; }", "D_CHR_NULL", 1,
		     "empty character constant");
	expect_error("BEGIN { x = 'abcdefghi'; }", "D_CHR_OFLOW", 1,
		     "character constant is too long");
	expect_error("BEGIN { x = 0x12345678123456781; }", "D_INT_OFLOW", 1,
		     "constant 0x12345678123456781 results in integer overflow");
	expect_error("BEGIN { x = 08; }", "D_INT_DIGIT", 1,
		     "constant 08 contains invalid digit 8");
	expect_error("BEGIN { x = 1.5; }", "D_SYNTAX", 1,
		     "floating-point constants are not permitted");
	expect_error("BEGIN { x = $7; }", "D_MACRO_UNDEF", 1,
		     "macro argument $7 is not defined");
	expect_error("BEGIN { x = $nope; }", "D_MACRO_UNDEF", 1,
		     "macro variable $nope is not defined");
	expect_error("\n#pragma D option a b\n", "D_PRAGMA_MALFORM", 2,
		     "superfluous arguments specified for #pragma option");
	expect_error("#pragma D error oops here\n", "D_PRAGERR", 1,
		     "#error: oops here ");
	expect_error("#pragma D bogus\n", "D_PRAGMA_INVAL", 1,
		     "invalid D pragma: bogus");
	expect_error("#define X 1\n", "D_PRAGCTL_INVAL", 1,
		     "invalid control directive: #define");
	expect_error("/* never closed\n", "D_SYNTAX", 2,
		     "end-of-file encountered before matching */");
	expect_error("typedef pint new_int;\n", "D_SYNTAX", 1,
		     "syntax error near \"new_int;\"");
	expect_error("BEGIN\n{\n\ttrace(offsetof(vnode_t, v_x));\n}\n",
		     "D_SYNTAX", 3, "syntax error near \"vnode_t, v_x));\"");
	expect_error("BEGIN { (1)(2); }", "D_FUNC_IDENT", 1,
		     "function designator is not of function type");
	expect_error("a:b:c:d:e {}", "D_PDESC_INVAL", 1,
		     "invalid probe description \"a:b:c:d:e\": "
		     "Overspecified probe description");
	expect_error("struct a { int x; }\nstruct b { int y; };\n",
		     "D_DECL_COMBO", 2, "invalid type combination");
	expect_error("struct a { int x; }\nstruct b y;\n", "D_DECL_COMBO", 2,
		     "invalid type combination");
	expect_error("struct a { struct b x; };\nBEGIN /1 2/ {}\n",
		     "D_DECL_INCOMPLETE", 1,
		     "incomplete struct/union/enum struct b: x");
}

/* The D library is parsed first: its inlines, types and translators are
 * there, and its items are kept apart from the program's. */
static void test_dlib(void)
{
	struct node *p = parse("BEGIN { x = EINVAL + SIGKILL; }", false);

	CHECK(p && p->kid[1] && first(p) && first(p)->kind == N_CLAUSE &&
	      !first(p)->next, "library items are kept apart");
	p = parse("typedef int pointer;\ninline pointer p = (pointer)1;\n",
		  false);
	CHECK(p && first(p)->next && first(p)->next->kind == N_INLINE,
	      "a typedef name in an inline's value is a type");
	p = parse("psinfo_t ps;\nlwpsinfo_t *lp;\nfileinfo_t fi;\n", false);
	CHECK(p != NULL, "library types psinfo_t, lwpsinfo_t, fileinfo_t");
}

int main(void)
{
	test_pdesc();
	test_expr();
	test_decls();
	test_misc();
	test_errors();
	test_dlib();
	dcc_fini(&cc);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
