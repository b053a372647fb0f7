/* SPDX-License-Identifier: MIT */
/*
 * sema.c -- the semantic-analysis pass: walks the program in order
 * (pragmas, declarations, inlines, translators, clauses), checks each
 * clause's predicate and statements (sema_expr.c does expressions), and
 * allocates variable storage.  DTrace cooks a clause's actions before its
 * predicate, and retries predicate-first when the actions use a variable
 * that only the predicate creates; so do we.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dcc.h"
#include "dload/meta.h"
#include "funcs.h"
#include "sema.h"

struct sema *sema_get(struct dcc *cc)
{
	struct sema *s = cc->pass_priv[DCC_PASS_SEMA];

	if (!s) {
		s = dcc_alloc(cc, sizeof(*s));
		s->out.globals_size = sizeof(struct dtm_globals_hdr);
		cc->pass_priv[DCC_PASS_SEMA] = s;
	}
	return s;
}

const struct dcc_syms *sema_syms(const struct dcc *cc)
{
	const struct sema *s = cc->pass_priv[DCC_PASS_SEMA];

	return s ? &s->out : NULL;
}

/* Default probe-argument hooks: unknown. */
__attribute__((weak)) struct type *probe_arg_type(struct dcc *cc,
						  const struct node *pdesc, int idx)
{
	return NULL;
}

__attribute__((weak)) int probe_arg_count(struct dcc *cc,
					  const struct node *pdesc)
{
	return -1;
}

/* $pid, $ppid, $uid, $target...: the values DTrace substitutes. */
const char *dcc_macro_value(struct dcc *cc, const char *name)
{
	char buf[32];
	long v;

	if (!strcmp(name, "pid"))
		v = getpid();
	else if (!strcmp(name, "ppid"))
		v = getppid();
	else if (!strcmp(name, "uid"))
		v = getuid();
	else if (!strcmp(name, "gid"))
		v = getgid();
	else if (!strcmp(name, "euid"))
		v = geteuid();
	else if (!strcmp(name, "egid"))
		v = getegid();
	else if (!strcmp(name, "pgid"))
		v = getpgid(0);
	else if (!strcmp(name, "sid"))
		v = getsid(0);
	else if (!strcmp(name, "target"))
		v = cc->opts.target_pid;
	else if (!strcmp(name, "projid") || !strcmp(name, "taskid"))
		v = 0;
	else
		return NULL;
	snprintf(buf, sizeof(buf), "%ld", v);
	return dcc_strdup(cc, buf);
}

/* Constants D knows without the library (which is dlib/\*.d). */
static const struct { const char *name; int64_t value; } d_consts[] = {
	{ "NULL", 0 },
};

static void d_library(struct dcc *cc)
{
	size_t i;

	for (i = 0; i < sizeof(d_consts) / sizeof(d_consts[0]); i++) {
		struct node *v = node_new(cc, N_INT, (struct loc){ 0 });
		struct sym *sym;

		v->ival = d_consts[i].value;
		sema_expr(cc, v);
		sym = sema_new_var(cc, SYM_INLINE, d_consts[i].name, NULL, NULL);
		sym->type = type_base(cc, "int");
		sym->inline_expr = v;
	}
}

/* ---- statements ------------------------------------------------------------------- */

static void stmt_list(struct dcc *cc, struct node *list);

/* A statement's expression: @a; has no effect, and aggregating functions
 * are only for aggregation assignments. */
static void expr_stmt(struct dcc *cc, struct node *e)
{
	struct node *a = e->kind == N_INDEX ? e->kid[0] : e;
	const struct func_def *f;

	if (a->kind == N_AGG)
		dcc_error(cc, e->loc, "D_AGG_NULL", "expression has null effect: "
			  "@%s", a->name);
	if (e->kind == N_CALL && (f = func_lookup(e->name)) && f->kind == FK_AGG)
		dcc_error(cc, e->loc, "D_CG_EXPR", "%s( ) may only be used as the "
			  "value of an aggregation assignment", e->name);
	sema_expr(cc, e);
	if (e->kind == N_XLATE && type_is_pointer(e->kid[1]->type)) /* illumos */
		dcc_error(cc, e->loc, "D_CG_DYN", "expression cannot evaluate "
			  "to result of a translated pointer");
}

static void stmt(struct dcc *cc, struct node *n)
{
	switch (n->kind) {
	case N_EXPR_STMT:
		if (n->kid[0])
			expr_stmt(cc, n->kid[0]);
		break;
	case N_IF:
		sema_expr(cc, n->kid[0]);
		if (!type_is_scalar(n->kid[0]->type))
			dcc_error(cc, n->loc, "D_COND_TYPE", "if-statement "
				  "condition must be of scalar type");
		if (n->kid[1])
			stmt(cc, n->kid[1]);
		if (n->kid[2])
			stmt(cc, n->kid[2]);
		break;
	case N_BLOCK:
		stmt_list(cc, n->kid[0]);
		break;
	case N_DECL_STMT:
		sema_decl(cc, n->kid[0], true);
		break;
	default:
		sema_expr(cc, n);
	}
}

static void stmt_list(struct dcc *cc, struct node *list)
{
	for (; list; list = list->next)
		stmt(cc, list);
}

static void predicate(struct dcc *cc, struct node *p)
{
	if (!p)
		return;
	sema_expr(cc, p);
	if (!type_is_scalar(p->type))
		dcc_error(cc, p->loc, "D_PRED_SCALAR",
			  "predicate result must be of scalar type");
}

static void reset_clause_state(struct sema *s)
{
	s->act_spec = s->act_data = s->act_commit = s->act_agg = false;
}

/* Actions first; on an undefined variable, predicate first. */
static void clause(struct dcc *cc, struct node *c)
{
	struct sema *volatile s = sema_get(cc);	/* kept across longjmp */
	jmp_buf jb, *saved = cc->err_jmp;

	s->clause = c;
	s->pdesc = c->kid[0];
	reset_clause_state(s);
	sema_attr_clause(cc, c);
	if (c->kid[1] && setjmp(jb)) {
		cc->err_jmp = saved;
		if (strcmp(cc->err_tag, "D_IDENT_UNDEF") &&
		    strcmp(cc->err_tag, "D_VAR_UNDEF"))
			longjmp(*saved, 1);
		cc->failed = false;
		reset_clause_state(s);
		predicate(cc, c->kid[1]);
		stmt_list(cc, c->kid[2]);
		s->clause = NULL;
		s->pdesc = NULL;
		return;
	}
	if (c->kid[1])
		cc->err_jmp = &jb;
	stmt_list(cc, c->kid[2]);
	cc->err_jmp = saved;
	predicate(cc, c->kid[1]);
	s->clause = NULL;
	s->pdesc = NULL;
}

static void top(struct dcc *cc, struct node *n)
{
	switch (n->kind) {
	case N_PRAGMA:
		sema_pragma(cc, n);
		break;
	case N_DECL:
		sema_decl(cc, n, false);
		break;
	case N_DECL_STMT:
		sema_decl(cc, n->kid[0], false);
		break;
	case N_INLINE:
		sema_inline(cc, n);
		break;
	case N_XLATOR:
		sema_xlator(cc, n);
		break;
	case N_PROVIDER:
		sema_provider(cc, n);
		break;
	case N_CLAUSE:
		clause(cc, n);
		break;
	default:
		break;
	}
}

/* Set up sema before the first declaration is checked. */
void sema_begin(struct dcc *cc)
{
	struct sema *s = sema_get(cc);

	if (s->begun)
		return;
	s->begun = true;
	sema_options_init(cc);
	d_library(cc);
}

void sema_top(struct dcc *cc, struct node *n)
{
	struct sema *s = sema_get(cc);

	sema_begin(cc);
	s->eager = true;
	if (n->kind == N_PRAGMA)
		sema_pragma(cc, n);
	else
		top(cc, n);
}

void sema_lib_failed(struct dcc *cc)
{
	if (getenv("DCC_DLIB_DEBUG"))
		fprintf(stderr, "dcc: D library: %s:%d: [%s] %s\n",
			cc->err_loc.file ? cc->err_loc.file : "?",
			cc->err_loc.line, cc->err_tag, cc->err_msg);
	cc->failed = false;
	cc->err_tag[0] = 0;
	cc->err_msg[0] = 0;
	cc->err_loc = (struct loc){ 0 };
}

/* A library item: an error drops the item, never the program. */
void sema_lib_top(struct dcc *cc, struct node *n)
{
	struct sema *volatile s = sema_get(cc);	/* kept across longjmp */
	jmp_buf jb, *saved = cc->err_jmp;

	sema_begin(cc);
	s->in_lib = true;
	cc->err_jmp = &jb;
	if (!setjmp(jb))
		top(cc, n);
	else
		sema_lib_failed(cc);
	cc->err_jmp = saved;
	s->in_lib = false;
}

void sema_program(struct dcc *cc)
{
	struct sema *s = sema_get(cc);
	struct node *n;

	sema_begin(cc);
	sema_pragma_unused(cc);
	parse_check_args_used(cc);
	if ((!cc->prog || !cc->prog->kid[0]) && !dcc_option_set(cc, "empty"))
		dcc_error(cc, (struct loc){ 0 }, "D_EMPTY",
			  "empty D program translation unit");
	if (!cc->prog)
		return;
	/* pragmas first: options such as strsize affect types */
	for (n = cc->prog->kid[0]; n && !s->eager; n = n->next)
		if (n->kind == N_PRAGMA)
			sema_pragma(cc, n);
	for (n = cc->prog->kid[0]; n; n = n->next)
		if (n->kind == N_CLAUSE || (!s->eager && n->kind != N_PRAGMA))
			top(cc, n);
	type_string(cc);
}
