/* SPDX-License-Identifier: MIT */
/*
 * parse.y -- the D grammar: builds the syntax tree (ast.h) for a program.
 *
 * A pure (reentrant) bison parser driven by the reentrant flex scanner in
 * lex.l.  The grammar follows DTrace's D grammar: a program is a list of
 * probe clauses, declarations, inline and translator definitions and
 * provider definitions; clause bodies are expression statements (and
 * if/else).  The lexer and the parser share one struct pstate (held in
 * cc->pass_priv[DCC_PASS_PARSE]): the parser tells the lexer when to switch
 * between probe-description and expression lexing, and the lexer keeps what
 * syntax errors need to quote the offending token the way DTrace does.
 * Every rule carries its grammar line as a comment.
 */

%define api.pure full
%define parse.error simple
%parse-param {struct dcc *cc} {void *scanner}
%lex-param {void *scanner}
%expect 1

%code requires {
#include <stdbool.h>
#include <stddef.h>
#include "dcc.h"
#include "sema.h"	/* struct strmap */

/* Lexer start conditions requested by the parser. */
enum lex_mode { LEX_CLAUSE, LEX_EXPR };

/* State shared by lex.l and parse.y for one parse. */
struct pstate {
	struct dcc *cc;
	void *scanner;
	int line;		/* current line (after #line markers) */
	const char *file;	/* current file name (interned) */
	size_t pos;		/* offset in cc->source after the last match */
	int parens, brackets, braces;
	int cstate;		/* start condition to resume after comment/ctl */
	bool sou_type;		/* struct/union/enum seen: next name is a tag */
	bool sou_deref;		/* after -> or .: next name is a member */
	bool xlator_input;	/* inside translator < input type > */
	bool decl_typed;	/* a type specifier was seen in this decl */
	bool in_typedef;	/* inside a typedef declaration */
	bool defaultargs;	/* unset $n are 0 / "" */
	bool last_arg_ref;	/* the last macro argument $n was referenced */
	bool nul_pending;	/* a name's look-ahead reached end of input */
	/* the last token, for "syntax error near ..." */
	size_t tok_off, tok_len;
	bool tok_eof;		/* the last token was end of input */
	bool tok_to_eol;	/* quote the rest of the line (DTrace quirk) */
	/* the control line being scanned (#pragma ...) */
	struct node *ctl_toks;
	int ctl_line;
	size_t ctl_off;
	/* names: typedefs declared so far, identifiers known not to be types */
	struct strmap typedefs, idents, tags;
	/* the tails of lists being built (by head, a direct-mapped cache), so
	   that appending to a long list does not walk it */
	struct node *app_head[16], *app_tail[16];
	struct node *prog;	/* list of top-level items */
	/* the D library (dlib) being parsed before the program */
	bool lib;		/* parsing library text: items go to lib_prog */
	struct node *lib_prog;	/* top-level items of the library */
	int line_credit;	/* newlines already counted by a look-ahead */
	unsigned decl_attrs;	/* 1 << TK_LONG... seen in this declaration */
	/* A type name after a type specifier, as DTrace's id_or_type() and
	   dt_decl_spec() see it.  After a specifier that names a base type
	   (int, char, a typedef, a struct... : DTrace's dd_name) the lexer
	   returns it as an identifier, the declarator's name ("int pid_t").
	   DTrace declares each declarator as soon as its init_declarator is
	   reduced, which bison does by default reduction even when the next
	   token is a syntax error ("int pid_t x;"): an error in declaring
	   those comes first (decl_spec and decl_pending, the declarators
	   reduced so far).  A type name the lexer returned before a
	   struct/union/enum tag was reduced ("struct s pid_t x;") becomes
	   the declaration's identifier instead (spec_ident): a declarator
	   name after it is an old-style declaration. */
	bool decl_named;	/* a specifier naming a base type was reduced */
	const char *spec_ident;	/* type name taken as the identifier */
	struct node *decl_spec, *decl_pending;
};

}

%code provides {
int yylex(YYSTYPE *lval, void *scanner);
void yyerror(struct dcc *cc, void *scanner, const char *msg);
struct pstate *parse_state(struct dcc *cc);
void parse_macro_ref(struct dcc *cc, long i);
void lex_begin(void *scanner, enum lex_mode mode);
struct loc parse_loc(struct dcc *cc);
bool parse_name_in(const struct strmap *names, const char *name);
long parse_macro_value(struct dcc *cc, const char *name, int *ok);
void parse_name_add(struct dcc *cc, struct strmap *names, const char *name);
void parse_decl_pending(struct dcc *cc);
struct node *parse_append(struct dcc *cc, struct node *list, struct node *n);
}

%code {
/* A fixed parser stack on the C stack: errors longjmp out of the parser,
 * so it must never hold malloc'd memory.  Deeper nesting is an error. */
#define YYINITDEPTH	4000
#define YYMAXDEPTH	4000

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sema.h"

#define LOC		parse_loc(cc)
#define PS		parse_state(cc)
#define NEW(k)		node_new(cc, (k), LOC)
#define APPEND(l, n)	parse_append(cc, (l), (n))

static struct node *mk_unary(struct dcc *cc, int op, struct node *a);
static struct node *mk_binary(struct dcc *cc, int kind, int op,
			      struct node *a, struct node *b);
static struct node *mk_member(struct dcc *cc, struct node *base, int op,
			      char *name);
static struct node *mk_call(struct dcc *cc, struct node *fn,
			    struct node *args);
static struct node *mk_typename(struct dcc *cc, struct node *spec,
				struct node *absdecl);
static struct node *mk_declspec(struct dcc *cc);
static struct node *spec_merge(struct dcc *cc, struct node *a,
			       struct node *b);
static struct node *decl_spec_merge(struct dcc *cc, struct node *a,
				    struct node *b);
static char *decl_ident(struct dcc *cc, char *name);
static struct node *spec_typekw(struct dcc *cc, int kw, const char *name);
static struct node *spec_sue(struct dcc *cc, struct node *sue);
static struct node *mk_declarator(struct dcc *cc, char *name);
static struct node *decl_derive(struct node *d, struct node *deriv);
static struct node *mk_ptr(struct dcc *cc, int quals);
static struct node *mk_decl(struct dcc *cc, struct node *spec,
			    struct node *decls);
static struct node *mk_clause(struct dcc *cc, struct node *pdescs,
			      struct node *pred, struct node *stmts);
static struct node *mk_pdesc(struct dcc *cc, char *text);
static struct node *mk_pdesc_id(struct dcc *cc, struct node *num);
static struct node *mk_xlator(struct dcc *cc, struct node *out,
			      struct node *in, char *name,
			      struct node *members);
static void top_add(struct dcc *cc, struct node *n);
static struct node *mk_probedecl(struct dcc *cc, char *name, struct node *nf,
				 struct node *xf);
static void sue_define(struct dcc *cc, int kw, const char *tag);
static void sue_check_specs(struct dcc *cc);
static void decl_done(struct dcc *cc);
static void decl_reset(struct dcc *cc);
static void param_class(struct dcc *cc, struct node *spec);
}

%union {
	struct node *n;
	char *s;
	int i;
}

/* punctuation and operators */
%token T_COMMA T_ELLIPSIS
%token T_ASGN T_ADD_EQ T_SUB_EQ T_MUL_EQ T_DIV_EQ T_MOD_EQ T_AND_EQ
%token T_XOR_EQ T_OR_EQ T_LSH_EQ T_RSH_EQ T_QUESTION T_COLON
%token T_LOR T_LXOR T_LAND T_BOR T_XOR T_BAND T_EQU T_NEQ
%token T_LT T_LE T_GT T_GE T_LSH T_RSH T_ADD T_SUB T_MUL T_DIV T_MOD
%token T_LNEG T_BNEG T_ADDADD T_SUBSUB
%token T_OFFSETOF T_SIZEOF T_STRINGOF T_XLATE
%token T_LPAR T_RPAR T_LBRAC T_RBRAC T_PTR T_DOT T_LBRACE T_RBRACE T_SEMI
%token T_EPRED

/* tokens with values */
%token <n> T_STRING T_INT T_MACRO
%token <s> T_IDENT T_TNAME T_PSPEC T_AGG

/* keywords */
%token T_AUTO T_BREAK T_CASE T_CHAR T_CONST T_CONTINUE T_COUNTER T_DEFAULT
%token T_DO T_DOUBLE T_ELSE T_ENUM T_EXTERN T_FLOAT T_FOR T_GOTO T_IF
%token T_IMPORT T_INLINE T_INT_KW T_LONG T_PROBE T_PROVIDER T_REGISTER
%token T_RESTRICT T_RETURN T_SELF T_SHORT T_SIGNED T_STATIC T_STRING_KW
%token T_STRUCT T_SWITCH T_THIS T_TYPEDEF T_UNION T_UNSIGNED T_USERLAND
%token T_VOID T_VOLATILE T_WHILE T_XLATOR

%type <n> translation_unit external_declaration inline_definition
%type <n> translator_definition translator_member_list translator_member
%type <n> provider_definition probe_definition probe_specifiers
%type <n> provider_probe_list provider_probe
%type <n> probe_specifier_list probe_specifier
%type <n> statement_list statement_list_impl statement_or_block statement
%type <n> argument_expression_list primary_expression postfix_expression
%type <n> unary_expression cast_expression multiplicative_expression
%type <n> additive_expression shift_expression relational_expression
%type <n> equality_expression and_expression exclusive_or_expression
%type <n> inclusive_or_expression logical_and_expression
%type <n> logical_xor_expression logical_or_expression
%type <n> conditional_expression constant_expression assignment_expression
%type <n> expression
%type <n> declaration declaration_specifiers parameter_declaration_specifiers
%type <n> storage_class_specifier d_storage_class_specifier
%type <n> type_specifier type_qualifier struct_or_union_specifier
%type <n> struct_declaration_list struct_declaration
%type <n> specifier_qualifier_list struct_declarator_list struct_declarator
%type <n> enum_specifier enumerator_list enumerator
%type <n> init_declarator_list init_declarator declarator direct_declarator
%type <n> pointer type_qualifier_list parameter_type_list parameter_list
%type <n> parameter_declaration type_name abstract_declarator
%type <n> direct_abstract_declarator array array_parameters function
%type <n> function_parameters
%type <s> member_name keyword_ident
%type <i> assignment_operator unary_operator struct_or_union

%%

/* d_program: translation_unit | empty */
d_program:
		%empty
	|	translation_unit
	;

/* translation_unit: external_declaration+ */
translation_unit:
		external_declaration { top_add(cc, $1); $$ = NULL; }
	|	translation_unit external_declaration { top_add(cc, $2); $$ = NULL; }
	;

/* external_declaration: inline | translator | provider | clause | decl */
external_declaration:
		inline_definition { $$ = $1; lex_begin(scanner, LEX_CLAUSE); }
	|	translator_definition { $$ = $1; lex_begin(scanner, LEX_CLAUSE); }
	|	provider_definition { $$ = $1; lex_begin(scanner, LEX_CLAUSE); }
	|	probe_definition { $$ = $1; }
	|	declaration { $$ = $1; }
	;

/* inline_definition: "inline" decl_specs declarator "=" assign_expr ";" */
inline_definition:
		T_INLINE declaration_specifiers declarator T_ASGN
		    { decl_reset(cc); } assignment_expression T_SEMI {
			struct node *d = $3;

			$2->op |= DS_INLINE;
			d->kid[1] = $6;
			$$ = NEW(N_INLINE);
			$$->kid[0] = mk_decl(cc, $2, d);
			$$->name = d->name;
			decl_done(cc);
		}
	;

/* translator_definition: "translator" type_name "<" type_name IDENT ">"
 *                        "{" [translator_member_list] "}" ";" */
translator_definition:
		T_XLATOR type_name T_LT xlator_input_on type_name T_IDENT
		    xlator_close T_LBRACE translator_member_list T_RBRACE
		    T_SEMI {
			$$ = mk_xlator(cc, $2, $5, $6, $9);
		}
	|	T_XLATOR type_name T_LT xlator_input_on type_name T_IDENT
		    xlator_close T_LBRACE T_RBRACE T_SEMI {
			$$ = mk_xlator(cc, $2, $5, $6, NULL);
		}
	;

/* xlator_input_on: (empty; the next name before ">" is an identifier) */
xlator_input_on:
		%empty { PS->xlator_input = true; }
	;

/* xlator_close: ">" */
xlator_close:
		T_GT { PS->xlator_input = false; }
	;

/* translator_member_list: translator_member+ */
translator_member_list:
		translator_member
	|	translator_member_list translator_member { $$ = APPEND($1, $2); }
	;

/* translator_member: member_name "=" assignment_expression ";" */
translator_member:
		member_name T_ASGN assignment_expression T_SEMI {
			$$ = NEW(N_XLMEMBER);
			$$->name = $1;
			$$->kid[0] = $3;
		}
	;

/* provider_definition: "provider" IDENT "{" [provider_probe+] "}" ";" */
provider_definition:
		T_PROVIDER T_IDENT T_LBRACE provider_probe_list T_RBRACE T_SEMI {
			$$ = NEW(N_PROVIDER);
			$$->name = $2;
			$$->kid[0] = $4;
		}
	|	T_PROVIDER T_IDENT T_LBRACE T_RBRACE T_SEMI {
			$$ = NEW(N_PROVIDER);
			$$->name = $2;
		}
	;

/* provider_probe_list: provider_probe+ */
provider_probe_list:
		provider_probe
	|	provider_probe_list provider_probe { $$ = APPEND($1, $2); }
	;

/* provider_probe: "probe" IDENT function [":" function] ";" */
provider_probe:
		T_PROBE T_IDENT function T_COLON function T_SEMI {
			$$ = mk_probedecl(cc, $2, $3, $5);
			decl_done(cc);
		}
	|	T_PROBE T_IDENT function T_SEMI {
			$$ = mk_probedecl(cc, $2, $3, NULL);
			decl_done(cc);
		}
	;

/* probe_definition: probe_specifiers ["/" expression "/"] "{" stmts "}" */
probe_definition:
		probe_specifiers {
			if (!cc->opts.from_string)
				dcc_error(cc, $1->loc, "D_SYNTAX",
				    "expected predicate and/or actions "
				    "following probe description");
			$$ = mk_clause(cc, $1, NULL, NULL);
			lex_begin(scanner, LEX_CLAUSE);
		}
	|	probe_specifiers T_LBRACE statement_list T_RBRACE {
			$$ = mk_clause(cc, $1, NULL, $3);
			lex_begin(scanner, LEX_CLAUSE);
		}
	|	probe_specifiers T_DIV expression T_EPRED {
			dcc_error(cc, $3->loc, "D_SYNTAX", "expected actions { } "
			    "following probe description and predicate");
		}
	|	probe_specifiers T_DIV expression T_EPRED
		    T_LBRACE statement_list T_RBRACE {
			$$ = mk_clause(cc, $1, $3, $6);
			lex_begin(scanner, LEX_CLAUSE);
		}
	;

/* probe_specifiers: probe_specifier_list */
probe_specifiers:
		probe_specifier_list { lex_begin(scanner, LEX_EXPR); $$ = $1; }
	;

/* probe_specifier_list: probe_specifier ["," probe_specifier]... */
probe_specifier_list:
		probe_specifier
	|	probe_specifier_list T_COMMA probe_specifier {
			$$ = APPEND($1, $3);
		}
	;

/* probe_specifier: PSPEC | INT */
probe_specifier:
		T_PSPEC { $$ = mk_pdesc(cc, $1); }
	|	T_INT { $$ = mk_pdesc_id(cc, $1); }
	;

/* statement_list_impl: statement* */
statement_list_impl:
		%empty { $$ = NULL; }
	|	statement_list_impl statement { $$ = APPEND($1, $2); }
	;

/* statement_list: statement* [expression] */
statement_list:
		statement_list_impl
	|	statement_list_impl expression {
			struct node *s = NEW(N_EXPR_STMT);

			s->loc = $2->loc;
			s->kid[0] = $2;
			$$ = APPEND($1, s);
		}
	;

/* statement_or_block: statement | "{" statement_list "}" */
statement_or_block:
		statement
	|	T_LBRACE statement_list T_RBRACE {
			$$ = NEW(N_BLOCK);
			$$->kid[0] = $2;
		}
	;

/* statement: ";" | expression ";" | if (expr) stmt [else stmt] */
statement:
		T_SEMI { $$ = NULL; }
	|	expression T_SEMI {
			$$ = NEW(N_EXPR_STMT);
			$$->loc = $1->loc;
			$$->kid[0] = $1;
		}
	|	T_IF T_LPAR expression T_RPAR statement_or_block {
			$$ = NEW(N_IF);
			$$->kid[0] = $3;
			$$->kid[1] = $5;
		}
	|	T_IF T_LPAR expression T_RPAR statement_or_block T_ELSE
		    statement_or_block {
			$$ = NEW(N_IF);
			$$->kid[0] = $3;
			$$->kid[1] = $5;
			$$->kid[2] = $7;
		}
	;

/* argument_expression_list: assignment_expression ["," ...] */
argument_expression_list:
		assignment_expression
	|	argument_expression_list T_COMMA assignment_expression {
			$$ = APPEND($1, $3);
		}
	;

/* primary_expression: IDENT | AGG | INT | STRING | MACRO | self | this
 *                     | "(" expression ")" */
primary_expression:
		T_IDENT { $$ = NEW(N_IDENT); $$->name = $1; }
	|	T_AGG { $$ = NEW(N_AGG); $$->name = $1; }
	|	T_INT
	|	T_STRING
	|	T_MACRO
	|	T_SELF { $$ = NEW(N_IDENT); $$->name = dcc_strdup(cc, "self"); }
	|	T_THIS { $$ = NEW(N_IDENT); $$->name = dcc_strdup(cc, "this"); }
	|	T_LPAR expression T_RPAR { $$ = $2; }
	;

/* member_name: IDENT | TNAME | keyword */
member_name:
		T_IDENT
	|	T_TNAME
	|	keyword_ident
	;

/* keyword_ident: a D keyword used as a member name */
keyword_ident:
		T_AUTO { $$ = dcc_strdup(cc, "auto"); }
	|	T_BREAK { $$ = dcc_strdup(cc, "break"); }
	|	T_CASE { $$ = dcc_strdup(cc, "case"); }
	|	T_CHAR { $$ = dcc_strdup(cc, "char"); }
	|	T_CONST { $$ = dcc_strdup(cc, "const"); }
	|	T_CONTINUE { $$ = dcc_strdup(cc, "continue"); }
	|	T_COUNTER { $$ = dcc_strdup(cc, "counter"); }
	|	T_DEFAULT { $$ = dcc_strdup(cc, "default"); }
	|	T_DO { $$ = dcc_strdup(cc, "do"); }
	|	T_DOUBLE { $$ = dcc_strdup(cc, "double"); }
	|	T_ELSE { $$ = dcc_strdup(cc, "else"); }
	|	T_ENUM { $$ = dcc_strdup(cc, "enum"); }
	|	T_EXTERN { $$ = dcc_strdup(cc, "extern"); }
	|	T_FLOAT { $$ = dcc_strdup(cc, "float"); }
	|	T_FOR { $$ = dcc_strdup(cc, "for"); }
	|	T_GOTO { $$ = dcc_strdup(cc, "goto"); }
	|	T_IF { $$ = dcc_strdup(cc, "if"); }
	|	T_IMPORT { $$ = dcc_strdup(cc, "import"); }
	|	T_INLINE { $$ = dcc_strdup(cc, "inline"); }
	|	T_INT_KW { $$ = dcc_strdup(cc, "int"); }
	|	T_LONG { $$ = dcc_strdup(cc, "long"); }
	|	T_OFFSETOF { $$ = dcc_strdup(cc, "offsetof"); }
	|	T_PROBE { $$ = dcc_strdup(cc, "probe"); }
	|	T_PROVIDER { $$ = dcc_strdup(cc, "provider"); }
	|	T_REGISTER { $$ = dcc_strdup(cc, "register"); }
	|	T_RESTRICT { $$ = dcc_strdup(cc, "restrict"); }
	|	T_RETURN { $$ = dcc_strdup(cc, "return"); }
	|	T_SELF { $$ = dcc_strdup(cc, "self"); }
	|	T_SHORT { $$ = dcc_strdup(cc, "short"); }
	|	T_SIGNED { $$ = dcc_strdup(cc, "signed"); }
	|	T_SIZEOF { $$ = dcc_strdup(cc, "sizeof"); }
	|	T_STATIC { $$ = dcc_strdup(cc, "static"); }
	|	T_STRING_KW { $$ = dcc_strdup(cc, "string"); }
	|	T_STRINGOF { $$ = dcc_strdup(cc, "stringof"); }
	|	T_STRUCT { $$ = dcc_strdup(cc, "struct"); }
	|	T_SWITCH { $$ = dcc_strdup(cc, "switch"); }
	|	T_THIS { $$ = dcc_strdup(cc, "this"); }
	|	T_XLATOR { $$ = dcc_strdup(cc, "translator"); }
	|	T_TYPEDEF { $$ = dcc_strdup(cc, "typedef"); }
	|	T_UNION { $$ = dcc_strdup(cc, "union"); }
	|	T_UNSIGNED { $$ = dcc_strdup(cc, "unsigned"); }
	|	T_USERLAND { $$ = dcc_strdup(cc, "userland"); }
	|	T_VOID { $$ = dcc_strdup(cc, "void"); }
	|	T_VOLATILE { $$ = dcc_strdup(cc, "volatile"); }
	|	T_WHILE { $$ = dcc_strdup(cc, "while"); }
	|	T_XLATE { $$ = dcc_strdup(cc, "xlate"); }
	;

/* postfix_expression: primary | p[args] | p() | p(args) | p.m | p->m
 *                     | p++ | p-- | offsetof(type, m) | xlate<type>(e) */
postfix_expression:
		primary_expression
	|	postfix_expression T_LBRAC argument_expression_list T_RBRAC {
			$$ = mk_binary(cc, N_INDEX, OP_NONE, $1, $3);
		}
	|	postfix_expression T_LPAR T_RPAR { $$ = mk_call(cc, $1, NULL); }
	|	postfix_expression T_LPAR argument_expression_list T_RPAR {
			$$ = mk_call(cc, $1, $3);
		}
	|	postfix_expression T_DOT member_name {
			$$ = mk_member(cc, $1, OP_DOT, $3);
		}
	|	postfix_expression T_PTR member_name {
			$$ = mk_member(cc, $1, OP_ARROW, $3);
		}
	|	postfix_expression T_ADDADD { $$ = mk_unary(cc, OP_POSTINC, $1); }
	|	postfix_expression T_SUBSUB { $$ = mk_unary(cc, OP_POSTDEC, $1); }
	|	T_OFFSETOF T_LPAR type_name T_COMMA member_name T_RPAR {
			$$ = NEW(N_OFFSETOF);
			$$->kid[0] = $3;
			$$->name = $5;
		}
	|	T_XLATE T_LT type_name T_GT T_LPAR expression T_RPAR {
			$$ = NEW(N_XLATE);
			$$->kid[0] = $6;
			$$->kid[1] = $3;
		}
	;

/* unary_expression: postfix | ++u | --u | unop cast | sizeof u
 *                   | sizeof(type) | stringof u */
unary_expression:
		postfix_expression
	|	T_ADDADD unary_expression { $$ = mk_unary(cc, OP_PREINC, $2); }
	|	T_SUBSUB unary_expression { $$ = mk_unary(cc, OP_PREDEC, $2); }
	|	unary_operator cast_expression { $$ = mk_unary(cc, $1, $2); }
	|	T_SIZEOF unary_expression {
			$$ = NEW(N_SIZEOF);
			$$->kid[0] = $2;
		}
	|	T_SIZEOF T_LPAR type_name T_RPAR {
			$$ = NEW(N_SIZEOF);
			$$->kid[0] = $3;
		}
	|	T_STRINGOF unary_expression {
			$$ = NEW(N_STRINGOF);
			$$->kid[0] = $2;
		}
	;

/* unary_operator: & | * | + | - | ~ | ! */
unary_operator:
		T_BAND { $$ = OP_ADDROF; }
	|	T_MUL { $$ = OP_DEREF; }
	|	T_ADD { $$ = OP_PLUS; }
	|	T_SUB { $$ = OP_NEG; }
	|	T_BNEG { $$ = OP_BITNOT; }
	|	T_LNEG { $$ = OP_NOT; }
	;

/* cast_expression: unary_expression | "(" type_name ")" cast_expression */
cast_expression:
		unary_expression
	|	T_LPAR type_name T_RPAR cast_expression {
			$$ = NEW(N_CAST);
			$$->kid[0] = $4;
			$$->kid[1] = $2;
		}
	;

/* multiplicative_expression: m (* / %) cast */
multiplicative_expression:
		cast_expression
	|	multiplicative_expression T_MUL cast_expression {
			$$ = mk_binary(cc, N_BINARY, OP_MUL, $1, $3);
		}
	|	multiplicative_expression T_DIV cast_expression {
			$$ = mk_binary(cc, N_BINARY, OP_DIV, $1, $3);
		}
	|	multiplicative_expression T_MOD cast_expression {
			$$ = mk_binary(cc, N_BINARY, OP_MOD, $1, $3);
		}
	;

/* additive_expression: a (+ -) m */
additive_expression:
		multiplicative_expression
	|	additive_expression T_ADD multiplicative_expression {
			$$ = mk_binary(cc, N_BINARY, OP_ADD, $1, $3);
		}
	|	additive_expression T_SUB multiplicative_expression {
			$$ = mk_binary(cc, N_BINARY, OP_SUB, $1, $3);
		}
	;

/* shift_expression: s (<< >>) a */
shift_expression:
		additive_expression
	|	shift_expression T_LSH additive_expression {
			$$ = mk_binary(cc, N_BINARY, OP_SHL, $1, $3);
		}
	|	shift_expression T_RSH additive_expression {
			$$ = mk_binary(cc, N_BINARY, OP_SHR, $1, $3);
		}
	;

/* relational_expression: r (< > <= >=) s */
relational_expression:
		shift_expression
	|	relational_expression T_LT shift_expression {
			$$ = mk_binary(cc, N_BINARY, OP_LT, $1, $3);
		}
	|	relational_expression T_GT shift_expression {
			$$ = mk_binary(cc, N_BINARY, OP_GT, $1, $3);
		}
	|	relational_expression T_LE shift_expression {
			$$ = mk_binary(cc, N_BINARY, OP_LE, $1, $3);
		}
	|	relational_expression T_GE shift_expression {
			$$ = mk_binary(cc, N_BINARY, OP_GE, $1, $3);
		}
	;

/* equality_expression: e (== !=) r */
equality_expression:
		relational_expression
	|	equality_expression T_EQU relational_expression {
			$$ = mk_binary(cc, N_BINARY, OP_EQ, $1, $3);
		}
	|	equality_expression T_NEQ relational_expression {
			$$ = mk_binary(cc, N_BINARY, OP_NE, $1, $3);
		}
	;

/* and_expression: a & e */
and_expression:
		equality_expression
	|	and_expression T_BAND equality_expression {
			$$ = mk_binary(cc, N_BINARY, OP_BAND, $1, $3);
		}
	;

/* exclusive_or_expression: x ^ a */
exclusive_or_expression:
		and_expression
	|	exclusive_or_expression T_XOR and_expression {
			$$ = mk_binary(cc, N_BINARY, OP_XOR, $1, $3);
		}
	;

/* inclusive_or_expression: o | x */
inclusive_or_expression:
		exclusive_or_expression
	|	inclusive_or_expression T_BOR exclusive_or_expression {
			$$ = mk_binary(cc, N_BINARY, OP_BOR, $1, $3);
		}
	;

/* logical_and_expression: l && o */
logical_and_expression:
		inclusive_or_expression
	|	logical_and_expression T_LAND inclusive_or_expression {
			$$ = mk_binary(cc, N_BINARY, OP_LAND, $1, $3);
		}
	;

/* logical_xor_expression: l ^^ l */
logical_xor_expression:
		logical_and_expression
	|	logical_xor_expression T_LXOR logical_and_expression {
			$$ = mk_binary(cc, N_BINARY, OP_LXOR, $1, $3);
		}
	;

/* logical_or_expression: l || l */
logical_or_expression:
		logical_xor_expression
	|	logical_or_expression T_LOR logical_xor_expression {
			$$ = mk_binary(cc, N_BINARY, OP_LOR, $1, $3);
		}
	;

/* constant_expression: conditional_expression */
constant_expression:
		conditional_expression
	;

/* conditional_expression: lor [? expression : conditional_expression] */
conditional_expression:
		logical_or_expression
	|	logical_or_expression T_QUESTION expression T_COLON
		    conditional_expression {
			$$ = NEW(N_COND);
			$$->kid[0] = $1;
			$$->kid[1] = $3;
			$$->kid[2] = $5;
		}
	;

/* assignment_expression: conditional | unary assignment_operator assign */
assignment_expression:
		conditional_expression
	|	unary_expression assignment_operator assignment_expression {
			$$ = mk_binary(cc, N_ASSIGN, $2, $1, $3);
		}
	;

/* assignment_operator: = *= /= %= += -= <<= >>= &= ^= |= */
assignment_operator:
		T_ASGN { $$ = OP_ASSIGN; }
	|	T_MUL_EQ { $$ = OP_MUL_ASSIGN; }
	|	T_DIV_EQ { $$ = OP_DIV_ASSIGN; }
	|	T_MOD_EQ { $$ = OP_MOD_ASSIGN; }
	|	T_ADD_EQ { $$ = OP_ADD_ASSIGN; }
	|	T_SUB_EQ { $$ = OP_SUB_ASSIGN; }
	|	T_LSH_EQ { $$ = OP_SHL_ASSIGN; }
	|	T_RSH_EQ { $$ = OP_SHR_ASSIGN; }
	|	T_AND_EQ { $$ = OP_AND_ASSIGN; }
	|	T_XOR_EQ { $$ = OP_XOR_ASSIGN; }
	|	T_OR_EQ { $$ = OP_OR_ASSIGN; }
	;

/* expression: assignment_expression ["," assignment_expression]... */
expression:
		assignment_expression
	|	expression T_COMMA assignment_expression {
			$$ = mk_binary(cc, N_BINARY, OP_COMMA, $1, $3);
		}
	;

/* declaration: decl_specs [init_declarator_list] ";" */
declaration:
		declaration_specifiers T_SEMI {
			$$ = mk_decl(cc, $1, NULL);
			decl_done(cc);
			lex_begin(scanner, LEX_CLAUSE);
		}
	|	declaration_specifiers init_declarator_list T_SEMI {
			$$ = mk_decl(cc, $1, $2);
			decl_done(cc);
			lex_begin(scanner, LEX_CLAUSE);
		}
	;

/* declaration_specifiers: (d_storage_class | type_spec | type_qual)+ */
declaration_specifiers:
		d_storage_class_specifier
	|	type_specifier
	|	type_qualifier
	|	declaration_specifiers d_storage_class_specifier {
			$$ = spec_merge(cc, $1, $2);
		}
	|	declaration_specifiers type_specifier {
			$$ = decl_spec_merge(cc, $1, $2);
		}
	|	declaration_specifiers type_qualifier {
			$$ = spec_merge(cc, $1, $2);
		}
	;

/* parameter_declaration_specifiers: storage_class | type_spec | type_qual,
 *                                   then declaration_specifiers */
parameter_declaration_specifiers:
		storage_class_specifier
	|	type_specifier
	|	type_qualifier
	|	parameter_declaration_specifiers storage_class_specifier {
			$$ = spec_merge(cc, $1, $2);
		}
	|	parameter_declaration_specifiers type_specifier {
			$$ = decl_spec_merge(cc, $1, $2);
		}
	|	parameter_declaration_specifiers type_qualifier {
			$$ = spec_merge(cc, $1, $2);
		}
	;

/* storage_class_specifier: auto | register | static | extern | typedef */
storage_class_specifier:
		T_AUTO { $$ = mk_declspec(cc); $$->op = DS_AUTO; }
	|	T_REGISTER { $$ = mk_declspec(cc); $$->op = DS_REGISTER; }
	|	T_STATIC { $$ = mk_declspec(cc); $$->op = DS_STATIC; }
	|	T_EXTERN { $$ = mk_declspec(cc); $$->op = DS_EXTERN; }
	|	T_TYPEDEF { $$ = mk_declspec(cc); $$->op = DS_TYPEDEF; }
	;

/* d_storage_class_specifier: storage_class_specifier | self | this */
d_storage_class_specifier:
		storage_class_specifier
	|	T_SELF { $$ = mk_declspec(cc); $$->op = DS_SELF; }
	|	T_THIS { $$ = mk_declspec(cc); $$->op = DS_THIS; }
	;

/* type_specifier: void | char | short | int | long | float | double
 *                 | signed | unsigned | string | TNAME | sou | enum */
type_specifier:
		T_VOID { $$ = spec_typekw(cc, TK_VOID, NULL); }
	|	T_CHAR { $$ = spec_typekw(cc, TK_CHAR, NULL); }
	|	T_SHORT { $$ = spec_typekw(cc, TK_SHORT, NULL); }
	|	T_INT_KW { $$ = spec_typekw(cc, TK_INT, NULL); }
	|	T_LONG { $$ = spec_typekw(cc, TK_LONG, NULL); }
	|	T_FLOAT { $$ = spec_typekw(cc, TK_FLOAT, NULL); }
	|	T_DOUBLE { $$ = spec_typekw(cc, TK_DOUBLE, NULL); }
	|	T_SIGNED { $$ = spec_typekw(cc, TK_SIGNED, NULL); }
	|	T_UNSIGNED { $$ = spec_typekw(cc, TK_UNSIGNED, NULL); }
	|	T_STRING_KW { $$ = spec_typekw(cc, TK_STRING, NULL); }
	|	T_TNAME { $$ = spec_typekw(cc, TK_USERTYPE, $1); }
	|	struct_or_union_specifier { $$ = spec_sue(cc, $1); }
	|	enum_specifier { $$ = spec_sue(cc, $1); }
	;

/* type_qualifier: const | restrict | volatile */
type_qualifier:
		T_CONST { $$ = mk_declspec(cc); $$->ival = TQ_CONST; }
	|	T_RESTRICT { $$ = mk_declspec(cc); $$->ival = TQ_RESTRICT; }
	|	T_VOLATILE { $$ = mk_declspec(cc); $$->ival = TQ_VOLATILE; }
	;

/* struct_or_union_specifier: sou [TNAME] "{" struct_declaration+ "}"
 *                            | sou TNAME */
struct_or_union_specifier:
		struct_or_union T_LBRACE { sue_check_specs(cc); }
		    struct_declaration_list T_RBRACE {
			$$ = NEW(N_SUE);
			$$->op = $1;
			$$->ival = 1;
			$$->kid[0] = $4;
		}
	|	struct_or_union T_TNAME T_LBRACE { sue_define(cc, $1, $2); }
		    struct_declaration_list T_RBRACE {
			$$ = NEW(N_SUE);
			$$->op = $1;
			$$->name = $2;
			$$->ival = 1;
			$$->kid[0] = $5;
		}
	|	struct_or_union T_TNAME {
			$$ = NEW(N_SUE);
			$$->op = $1;
			$$->name = $2;
		}
	;

/* struct_or_union: struct | union */
struct_or_union:
		T_STRUCT { $$ = TK_STRUCT; }
	|	T_UNION { $$ = TK_UNION; }
	;

/* struct_declaration_list: struct_declaration+ */
struct_declaration_list:
		struct_declaration
	|	struct_declaration_list struct_declaration { $$ = APPEND($1, $2); }
	;

/* struct_declaration: specifier_qualifier_list struct_declarator_list ";" */
struct_declaration:
		specifier_qualifier_list struct_declarator_list T_SEMI {
			$$ = mk_decl(cc, $1, $2);
			decl_reset(cc);
		}
	;

/* specifier_qualifier_list: (type_specifier | type_qualifier)+ */
specifier_qualifier_list:
		type_specifier
	|	type_qualifier
	|	specifier_qualifier_list type_specifier {
			$$ = spec_merge(cc, $1, $2);
		}
	|	specifier_qualifier_list type_qualifier {
			$$ = spec_merge(cc, $1, $2);
		}
	;

/* struct_declarator_list: struct_declarator ["," struct_declarator]... */
struct_declarator_list:
		struct_declarator
	|	struct_declarator_list T_COMMA struct_declarator {
			$$ = APPEND($1, $3);
		}
	;

/* struct_declarator: declarator | ":" const_expr | declarator ":" const_expr */
struct_declarator:
		declarator
	|	T_COLON constant_expression {
			$$ = mk_declarator(cc, NULL);
			$$->kid[2] = $2;
		}
	|	declarator T_COLON constant_expression {
			$$ = $1;
			$$->kid[2] = $3;
		}
	;

/* enum_specifier: enum [TNAME] "{" enumerator_list "}" | enum TNAME */
enum_specifier:
		T_ENUM T_LBRACE { sue_check_specs(cc); } enumerator_list opt_comma
		    T_RBRACE {
			$$ = NEW(N_SUE);
			$$->op = TK_ENUM;
			$$->ival = 1;
			$$->kid[0] = $4;
		}
	|	T_ENUM T_TNAME T_LBRACE { sue_define(cc, TK_ENUM, $2); }
		    enumerator_list opt_comma T_RBRACE {
			$$ = NEW(N_SUE);
			$$->op = TK_ENUM;
			$$->name = $2;
			$$->ival = 1;
			$$->kid[0] = $5;
		}
	|	T_ENUM T_TNAME {
			$$ = NEW(N_SUE);
			$$->op = TK_ENUM;
			$$->name = $2;
		}
	;

/* opt_comma: [","] (D, like C99, accepts a trailing comma) */
opt_comma:
		%empty
	|	T_COMMA
	;

/* enumerator_list: enumerator ["," enumerator]... */
enumerator_list:
		enumerator
	|	enumerator_list T_COMMA enumerator { $$ = APPEND($1, $3); }
	;

/* enumerator: IDENT ["=" expression] */
enumerator:
		T_IDENT {
			$$ = NEW(N_ENUMERATOR);
			$$->name = $1;
			parse_name_add(cc, &PS->idents, $1);
		}
	|	T_IDENT T_ASGN conditional_expression {
			$$ = NEW(N_ENUMERATOR);
			$$->name = $1;
			$$->kid[0] = $3;
			parse_name_add(cc, &PS->idents, $1);
		}
	;

/* init_declarator_list: init_declarator ["," init_declarator]... */
init_declarator_list:
		init_declarator {
			PS->decl_spec = $<n>0;	/* declaration_specifiers */
			PS->decl_pending = $1;
		}
	|	init_declarator_list T_COMMA init_declarator {
			$$ = APPEND($1, $3);
			PS->decl_pending = $$;
		}
	;

/* init_declarator: declarator */
init_declarator:
		declarator
	;

/* declarator: [pointer] direct_declarator */
declarator:
		direct_declarator
	|	pointer direct_declarator { $$ = decl_derive($2, $1); }
	;

/* direct_declarator: IDENT | "(" declarator ")" | dd array | dd function */
direct_declarator:
		T_IDENT { $$ = mk_declarator(cc, decl_ident(cc, $1)); }
	|	T_LPAR declarator T_RPAR { $$ = $2; }
	|	direct_declarator array { $$ = decl_derive($1, $2); }
	|	direct_declarator function { $$ = decl_derive($1, $2); }
	;

/* pointer: "*" [type_qualifier_list] [pointer] */
pointer:
		T_MUL { $$ = mk_ptr(cc, 0); }
	|	T_MUL type_qualifier_list { $$ = mk_ptr(cc, $2->ival); }
	|	T_MUL pointer { $$ = APPEND($2, mk_ptr(cc, 0)); }
	|	T_MUL type_qualifier_list pointer {
			$$ = APPEND($3, mk_ptr(cc, $2->ival));
		}
	;

/* type_qualifier_list: type_qualifier+ */
type_qualifier_list:
		type_qualifier
	|	type_qualifier_list type_qualifier {
			$$ = $1;
			$$->ival |= $2->ival;
		}
	;

/* parameter_type_list: parameter_list | "..." | parameter_list "," "..." */
parameter_type_list:
		parameter_list
	|	T_ELLIPSIS { $$ = NEW(N_DECL); $$->op = 1; }
	|	parameter_list T_COMMA T_ELLIPSIS {
			struct node *va = NEW(N_DECL);

			va->op = 1;
			$$ = APPEND($1, va);
		}
	;

/* parameter_list: parameter_declaration ["," parameter_declaration]... */
parameter_list:
		parameter_declaration
	|	parameter_list T_COMMA parameter_declaration {
			$$ = APPEND($1, $3);
		}
	;

/* parameter_declaration: param_decl_specs [declarator | abstract_decl] */
parameter_declaration:
		parameter_declaration_specifiers {
			param_class(cc, $1);
			$$ = mk_decl(cc, $1, NULL);
			decl_reset(cc);
		}
	|	parameter_declaration_specifiers declarator {
			param_class(cc, $1);
			$$ = mk_decl(cc, $1, $2);
			decl_reset(cc);
		}
	|	parameter_declaration_specifiers abstract_declarator {
			param_class(cc, $1);
			$$ = mk_decl(cc, $1, $2);
			decl_reset(cc);
		}
	;

/* type_name: specifier_qualifier_list [abstract_declarator] */
type_name:
		specifier_qualifier_list {
			$$ = mk_typename(cc, $1, NULL);
		}
	|	specifier_qualifier_list abstract_declarator {
			$$ = mk_typename(cc, $1, $2);
		}
	;

/* abstract_declarator: pointer | direct_abstract | pointer direct_abstract */
abstract_declarator:
		pointer { $$ = decl_derive(mk_declarator(cc, NULL), $1); }
	|	direct_abstract_declarator
	|	pointer direct_abstract_declarator { $$ = decl_derive($2, $1); }
	;

/* direct_abstract_declarator: "(" abstract_declarator ")" | [dad] array
 *                             | [dad] function */
direct_abstract_declarator:
		T_LPAR abstract_declarator T_RPAR { $$ = $2; }
	|	direct_abstract_declarator array { $$ = decl_derive($1, $2); }
	|	array { $$ = decl_derive(mk_declarator(cc, NULL), $1); }
	|	direct_abstract_declarator function {
			$$ = decl_derive($1, $2);
		}
	|	function { $$ = decl_derive(mk_declarator(cc, NULL), $1); }
	;

/* array: "[" array_parameters "]" */
array:
		T_LBRAC array_parameters T_RBRAC {
			$$ = NEW(N_ARRAY);
			$$->kid[0] = $2;
		}
	;

/* array_parameters: empty | constant_expression | parameter_type_list */
array_parameters:
		%empty { $$ = NULL; }
	|	constant_expression
	|	parameter_type_list
	;

/* function: "(" function_parameters ")" */
function:
		T_LPAR function_parameters T_RPAR {
			struct node **pp = &$2;

			$$ = NEW(N_FUNC);
			while (*pp && !((*pp)->kind == N_DECL && (*pp)->op == 1))
				pp = &(*pp)->next;
			if (*pp) {	/* "...": drop the marker, flag varargs */
				*pp = NULL;
				$$->op = 1;
			}
			$$->kid[0] = $2;
		}
	;

/* function_parameters: empty | parameter_type_list */
function_parameters:
		%empty { $$ = NULL; }
	|	parameter_type_list
	;

%%

/* ---- tree building helpers ---------------------------------------------- */

struct pstate *parse_state(struct dcc *cc)
{
	return cc->pass_priv[DCC_PASS_PARSE];
}

struct loc parse_loc(struct dcc *cc)
{
	struct pstate *ps = parse_state(cc);
	struct loc l = { ps->file, ps->line };

	return l;
}

bool parse_name_in(const struct strmap *names, const char *name)
{
	return strmap_get(names, name) != NULL;
}

void parse_name_add(struct dcc *cc, struct strmap *names, const char *name)
{
	strmap_put(cc, names, name, (void *)names);
}

/* node_list_append(list, n), walking from the tail last seen for list:
 * the parser only ever links nodes at the end of its lists (a parameter
 * list that loses its "..." marker is never appended to again). */
struct node *parse_append(struct dcc *cc, struct node *list, struct node *n)
{
	struct pstate *ps = PS;
	unsigned k = ((uintptr_t)list >> 4) % 16;
	struct node *from = list;

	if (!list || !n)
		return list ? list : n;
	if (ps->app_head[k] == list)
		from = ps->app_tail[k];
	node_list_append(from, n);
	while (n->next)
		n = n->next;
	ps->app_head[k] = list;
	ps->app_tail[k] = n;
	return list;
}

static struct node *mk_unary(struct dcc *cc, int op, struct node *a)
{
	struct node *n = NEW(N_UNARY);

	n->op = op;
	n->kid[0] = a;
	return n;
}

static struct node *mk_binary(struct dcc *cc, int kind, int op,
			      struct node *a, struct node *b)
{
	struct node *n = NEW(kind);

	n->op = op;
	n->kid[0] = a;
	n->kid[1] = b;
	return n;
}

/* p.m, p->m; self->x and this->x become N_SELF / N_THIS. */
static struct node *mk_member(struct dcc *cc, struct node *base, int op,
			      char *name)
{
	struct node *n;

	if (op == OP_ARROW && base->kind == N_IDENT &&
	    (!strcmp(base->name, "self") || !strcmp(base->name, "this"))) {
		n = NEW(base->name[0] == 's' ? N_SELF : N_THIS);
		n->name = name;
		return n;
	}
	n = NEW(N_MEMBER);
	n->op = op;
	n->kid[0] = base;
	n->name = name;
	return n;
}

static struct node *mk_call(struct dcc *cc, struct node *fn,
			    struct node *args)
{
	struct node *n;

	if (fn->kind != N_IDENT)
		dcc_error(cc, LOC, "D_FUNC_IDENT",
			  "function designator is not of function type");
	n = NEW(N_CALL);
	n->name = fn->name;
	n->kid[0] = args;
	return n;
}

static struct node *mk_typename(struct dcc *cc, struct node *spec,
				struct node *absdecl)
{
	struct node *n = NEW(N_TYPENAME);

	n->kid[0] = spec;
	n->kid[1] = absdecl;
	decl_reset(cc);
	return n;
}

static struct node *mk_declspec(struct dcc *cc)
{
	return NEW(N_DECLSPEC);
}

/* Fold declaration specifier b into a (storage, qualifiers, types).  A
 * struct/union/enum combined with any other type specifier ("struct a {...}
 * struct b x;" with the ';' forgotten) is an invalid combination. */
static struct node *spec_merge(struct dcc *cc, struct node *a, struct node *b)
{
	a->op |= b->op;
	a->ival |= b->ival;
	if (b->name)
		a->name = b->name;
	if (!b->kid[0])
		return a;
	if (a->kid[0] && (a->kid[0]->kind == N_SUE || b->kid[0]->kind == N_SUE))
		dcc_error(cc, LOC, "D_DECL_COMBO", "invalid type combination");
	a->kid[0] = node_list_append(a->kid[0], b->kid[0]);
	return a;
}

/* A type keyword or name that names the base type (DTrace's dd_name),
 * not an attribute (short, long, signed, unsigned). */
static bool kw_named(int kw)
{
	return kw == TK_VOID || kw == TK_CHAR || kw == TK_INT ||
	       kw == TK_FLOAT || kw == TK_DOUBLE || kw == TK_STRING ||
	       kw == TK_USERTYPE;
}

/* Whether declaration specifiers s already name the base type. */
static bool spec_named(const struct node *s)
{
	const struct node *k;

	for (k = s->kid[0]; k; k = k->next)
		if (k->kind == N_SUE || (k->kind == N_TYPEKW && kw_named(k->op)))
			return true;
	return false;
}

/* Declaration specifiers a, then b: a type name b after a named base type
 * can only come from a look-ahead taken before a struct/union/enum tag was
 * reduced ("struct s pid_t x;").  As DTrace's dt_decl_spec(), it is then
 * the declaration's identifier (a redeclared one in a typedef). */
static struct node *decl_spec_merge(struct dcc *cc, struct node *a,
				    struct node *b)
{
	struct node *k = b->kid[0];

	if (!k || k->kind != N_TYPEKW || k->op != TK_USERTYPE ||
	    !spec_named(a))
		return spec_merge(cc, a, b);
	if ((a->op & DS_TYPEDEF) || PS->in_typedef)
		dcc_error(cc, LOC, "D_DECL_IDRED", "identifier redeclared: %s",
			  k->name);
	PS->spec_ident = decl_ident(cc, k->name);
	return a;
}

/* A declarator's name, DTrace's dt_decl_ident(): a second name for one
 * declarator is an old-style declaration ("struct s pid_t x;"). */
static char *decl_ident(struct dcc *cc, char *name)
{
	if (PS->spec_ident)
		dcc_error(cc, LOC, "D_DECL_IDENT", "old-style declaration or "
			  "incorrect type specified");
	return name;
}

static struct node *spec_typekw(struct dcc *cc, int kw, const char *name)
{
	struct node *s = mk_declspec(cc), *k = NEW(N_TYPEKW);

	k->op = kw;
	if (name) {
		k->name = (char *)name;
		s->name = (char *)name;
	}
	s->kid[0] = k;
	PS->decl_typed = true;
	PS->decl_named |= kw_named(kw);
	PS->decl_attrs |= 1u << kw;
	return s;
}

static struct node *spec_sue(struct dcc *cc, struct node *sue)
{
	struct node *s = mk_declspec(cc);

	s->kid[0] = sue;
	s->name = sue->name;
	PS->decl_typed = true;
	PS->decl_named = true;
	return s;
}

static struct node *mk_declarator(struct dcc *cc, char *name)
{
	struct node *d = NEW(N_DECLARATOR);

	d->name = name;
	return d;
}

/* Append derivation(s) (pointer, array, function) outward of d. */
static struct node *decl_derive(struct node *d, struct node *deriv)
{
	d->kid[0] = node_list_append(d->kid[0], deriv);
	return d;
}

static struct node *mk_ptr(struct dcc *cc, int quals)
{
	struct node *p = NEW(N_PTR);

	p->ival = quals;
	return p;
}

/* A declaration; typedef names and declared variables are remembered so
 * that the lexer classifies later uses correctly. */
static struct node *mk_decl(struct dcc *cc, struct node *spec,
			    struct node *decls)
{
	struct node *n = NEW(N_DECL), *d;

	n->kid[0] = spec;
	n->kid[1] = decls;
	for (d = decls; d; d = d->next) {
		if (d->kind != N_DECLARATOR || !d->name)
			continue;
		if (spec && (spec->op & DS_TYPEDEF))
			parse_name_add(cc, &PS->typedefs, d->name);
		else
			parse_name_add(cc, &PS->idents, d->name);
	}
	return n;
}

/* One declarator's specifiers are over (a member, a parameter, a type
 * name, or an inline's type before its value). */
static void decl_reset(struct dcc *cc)
{
	PS->decl_typed = false;
	PS->decl_named = false;
	PS->decl_attrs = 0;
	PS->spec_ident = NULL;
	PS->decl_spec = NULL;
	PS->decl_pending = NULL;
}

/* A syntax error: declare the declarators of the declaration that were
 * reduced before it, as DTrace has done by then (see struct pstate). */
void parse_decl_pending(struct dcc *cc)
{
	struct pstate *ps = PS;
	struct node *n;

	if (!ps->decl_pending || !ps->decl_spec || ps->lib)
		return;
	n = mk_decl(cc, ps->decl_spec, ps->decl_pending);
	ps->decl_pending = NULL;
	sema_top(cc, n);
}

/* A parameter (of a function, an associative array or a probe) may only
 * have the register storage class, as DTrace's dt_decl_pop_param(). */
static void param_class(struct dcc *cc, struct node *spec)
{
	if (__builtin_popcount((unsigned)spec->op) > 1)
		dcc_error(cc, LOC, "D_DECL_CLASS", "only one storage class "
			  "allowed in a declaration");
	if (spec->op & ~DS_REGISTER)
		dcc_error(cc, LOC, "D_DECL_PARMCLASS", "inappropriate storage "
			  "class for function or associative array parameter");
}

static void decl_done(struct dcc *cc)
{
	decl_reset(cc);
	PS->in_typedef = false;
}

static struct node *mk_clause(struct dcc *cc, struct node *pdescs,
			      struct node *pred, struct node *stmts)
{
	struct node *n = NEW(N_CLAUSE);

	n->loc = pdescs->loc;
	n->ival = parse_loc(cc).line;	/* the line of its '}' (D_ATTR_MIN) */
	n->kid[0] = pdescs;
	n->kid[1] = pred;
	n->kid[2] = stmts;
	return n;
}

/*
 * Expand a macro reference in one probe description field as DTrace does:
 * text before the first '$' is kept; $n / $$n substitute argument n and
 * the rest of the field follows; $name / $$name substitute a macro
 * variable and the whole rest of the field is its name.
 */
static char *pdesc_field(struct dcc *cc, const char *spec, const char *f,
			 size_t len, struct loc loc)
{
	const char *v = memchr(f, '$', len), *w = f + len, *val = NULL;
	char buf[32], *out, *name;
	size_t pre, vlen;
	int ok = 0;

	if (!v)
		return dcc_strndup(cc, f, len);
	pre = v - f;
	if (len - pre > 2 && v[1] == '$')
		v++;
	if (v + 1 < f + len && v[1] >= '0' && v[1] <= '9') {
		long i = 0;

		for (w = v + 1; w < f + len && *w >= '0' && *w <= '9'; w++)
			i = i < 100000 ? i * 10 + (*w - '0') : i;
		if (i < cc->opts.nmacro_args) {
			val = cc->opts.macro_args[i] ? cc->opts.macro_args[i] : "";
			parse_macro_ref(cc, i);
		} else if (i == 0)
			val = cc->filename ? cc->filename : "";
	} else if (v + 1 < f + len) {
		long n;

		name = dcc_strndup(cc, v + 1, f + len - v - 1);
		n = parse_macro_value(cc, name, &ok);
		if (ok) {
			snprintf(buf, sizeof(buf), "%ld", n);
			val = buf;
		}
	}
	if (!val)
		dcc_error(cc, loc, "D_PDESC_INVAL", "invalid probe description "
			  "\"%s\": Undefined macro variable in probe "
			  "description", spec);
	vlen = strlen(val);
	out = dcc_alloc(cc, pre + vlen + (f + len - w) + 1);
	memcpy(out, f, pre);
	memcpy(out + pre, val, vlen);
	memcpy(out + pre + vlen, w, f + len - w);
	return out;
}

/* A probe description: split provider:module:function:name from the right
 * (fewer fields fill the later ones), expanding macro references. */
static struct node *mk_pdesc(struct dcc *cc, char *text)
{
	struct node *n = NEW(N_PDESC);
	char **fields[4] = { &n->pd_name, &n->pd_func, &n->pd_mod,
			     &n->pd_prov };
	const char *end = text + strlen(text), *p;
	int i = 0;

	for (p = end;; p--) {
		if (p == text || p[-1] == ':') {
			if (i == 4)
				dcc_error(cc, n->loc, "D_PDESC_INVAL",
				    "invalid probe description \"%s\": %s",
				    text, "Overspecified probe description");
			*fields[i++] = pdesc_field(cc, text, p, end - p, n->loc);
			if (p == text)
				break;
			end = p - 1;
		}
	}
	for (; i < 4; i++)
		*fields[i] = dcc_strdup(cc, "");
	n->str = dcc_alloc(cc, strlen(n->pd_prov) + strlen(n->pd_mod) +
			   strlen(n->pd_func) + strlen(n->pd_name) + 4);
	if (strchr(text, '$'))
		sprintf(n->str, "%s:%s:%s:%s", n->pd_prov, n->pd_mod,
			n->pd_func, n->pd_name);
	else
		strcpy(n->str, text);
	n->name = n->pd_prov;
	return n;
}

/* A probe description given as a probe id (an integer). */
static struct node *mk_pdesc_id(struct dcc *cc, struct node *num)
{
	struct node *n = NEW(N_PDESC);
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", (long long)num->ival);
	n->loc = num->loc;
	n->str = dcc_strdup(cc, buf);
	n->ival = num->ival;
	n->op = 1;
	n->pd_prov = n->pd_mod = n->pd_func = n->pd_name = dcc_strdup(cc, "");
	return n;
}

static struct node *mk_xlator(struct dcc *cc, struct node *out,
			      struct node *in, char *name,
			      struct node *members)
{
	struct node *n = NEW(N_XLATOR), *d = mk_declarator(cc, name);

	d->kid[0] = in->kid[1] ? in->kid[1]->kid[0] : NULL;
	n->kid[0] = out;
	n->kid[1] = NEW(N_DECL);
	n->kid[1]->kid[0] = in->kid[0];
	n->kid[1]->kid[1] = d;
	n->kid[2] = members;
	return n;
}

/*
 * A complete top-level item.  As in DTrace, declarations, inlines and
 * translators take effect as soon as they are parsed (so their errors come
 * before a later syntax error); clauses are checked by sema_program().
 * Library items are kept apart and checked leniently.
 */
/* probe NAME nf [: xf]; (a provider's probe declaration) */
static struct node *mk_probedecl(struct dcc *cc, char *name, struct node *nf,
				 struct node *xf)
{
	struct node *n = NEW(N_PROBEDECL);

	n->name = name;
	n->kid[0] = nf;
	n->kid[1] = xf;
	n->op = xf ? 2 : 1;
	return n;
}

static void top_add(struct dcc *cc, struct node *n)
{
	if (!n)
		return;
	if (PS->lib) {
		PS->lib_prog = parse_append(cc, PS->lib_prog, n);
		if (n->kind != N_CLAUSE)
			sema_lib_top(cc, n);
		return;
	}
	PS->prog = parse_append(cc, PS->prog, n);
	if (n->kind != N_CLAUSE)
		sema_top(cc, n);
}

/* A struct/union/enum body begins after other type specifiers of the same
 * declaration: DTrace rejects the combination right at the "{". */
static void sue_check_specs(struct dcc *cc)
{
	unsigned a = PS->decl_attrs;

	if (a & (1u << TK_LONG))
		dcc_error(cc, LOC, "D_DECL_LONGINT", "invalid type declaration: "
			  "long and long long may only be used with integer or "
			  "floating-point type");
	if (a & ((1u << TK_SIGNED) | (1u << TK_UNSIGNED)))
		dcc_error(cc, LOC, "D_DECL_SIGNINT", "invalid type declaration: "
			  "signed and unsigned may only be used with integer type");
	if (PS->decl_typed)
		dcc_error(cc, LOC, "D_DECL_COMBO", "invalid type combination");
}

/* A struct/union/enum body begins: DTrace rejects redefining a type the
 * program already defined as soon as it sees the "{". */
static void sue_define(struct dcc *cc, int kw, const char *tag)
{
	char full[256];

	snprintf(full, sizeof(full), "%s %s", kw == TK_STRUCT ? "struct" :
		 kw == TK_UNION ? "union" : "enum", tag);
	sue_check_specs(cc);
	if (parse_name_in(&PS->tags, full))
		dcc_error(cc, LOC, "D_DECL_TYPERED", "type redeclared: %s", full);
	parse_name_add(cc, &PS->tags, full);
}
