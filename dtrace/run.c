/* SPDX-License-Identifier: MIT */
/*
 * run.c -- compile the D program with the dcc library and run the object
 * with libdload, in this process.
 *
 * Every -s script and -n/-P/-m/-f specifier is first compiled on its own,
 * so that an error names the right script ("failed to compile script F:"
 * or "invalid probe specifier S:") and each one's probe count is known.
 * When there are several, their texts are then compiled together into one
 * object, as DTrace enables them all in one session.  Running follows
 * dtrace(8): "matched N probes" notices, "could not enable tracing: ..."
 * when loading or attaching fails, "no probes matched" unless -Z, and the
 * exit status of the D program's exit() action.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "dtrace.h"
#include "dload/dload.h"

static struct dcc g_cc;			/* the compiled program */
static bool g_cc_live;
static struct dload_obj *g_obj;		/* what dload runs */
static char **g_target_argv;		/* -c split into words */

/* ---- compiling ------------------------------------------------------------------ */

int dt_read_script(struct dt *dt, struct dt_cmd *c)
{
	FILE *f = fopen(c->arg, "r");
	size_t cap = 8192, n;

	if (!f) {
		dt_error(dt, "failed to open %s: %s\n", c->arg, strerror(errno));
		return DT_E_ERROR;
	}
	c->src = dt_xalloc(cap);
	while ((n = fread(c->src + c->len, 1, cap - c->len - 1, f)) > 0) {
		c->len += n;
		if (c->len + 1 == cap) {
			char *p = realloc(c->src, cap * 2);

			if (!p) {
				fclose(f);
				dt_error(dt, "failed to allocate memory\n");
				return DT_E_ERROR;
			}
			c->src = p;
			cap *= 2;
		}
	}
	c->src[c->len] = 0;
	fclose(f);
	return -1;
}

/* "failed to compile script F: [TAG] line N: message" */
static void report_error(struct dt *dt, const struct dt_cmd *c,
			 const struct dcc *cc)
{
	fprintf(stderr, "%s: %s %s: ", dt->pname, c->is_file ?
		"failed to compile script" : "invalid probe specifier", c->arg);
	if (dt->errtags && cc->err_tag[0])
		fprintf(stderr, "[%s] ", cc->err_tag);
	if (cc->err_loc.line > 0)
		fprintf(stderr, "line %d: ", cc->err_loc.line);
	fprintf(stderr, "%s\n", cc->err_msg);
}

static void fill_opts(struct dt *dt, struct dcc_opts *o, bool zdefs)
{
	memset(o, 0, sizeof(*o));
	o->cpp = dt->cpp;
	o->cpp_args = dt->cpp_args;
	o->ncpp_args = dt->ncpp_args;
	o->macro_args = dt->margv;
	o->nmacro_args = dt->margc;
	o->zdefs = zdefs;
	o->destructive = dt->destructive;
	o->xopts = dt->xopts;
	o->host_probes = true;
	o->target_pid = dt->pid;	/* pid$target, $$target with -p; $target in
					   expressions is bound by dload */
}

/* Compile src as command c into cc; prints the error and returns 1. */
int dt_compile_text(struct dt *dt, const struct dt_cmd *c, const char *src,
			size_t len, struct dcc *cc, bool zdefs)
{
	struct dcc_opts o;
	const char *argv0 = dt->margv[0];
	int rc;

	if (c->is_file)
		dt->margv[0] = c->arg;		/* $0 is the script */
	fill_opts(dt, &o, zdefs);
	dcc_init(cc, &o);
	cc->warn_dtrace_style = true;
	rc = dcc_compile(cc, c->is_file ? c->arg : c->name, src, len);
	dt->margv[0] = argv0;
	if (rc < 0) {
		report_error(dt, c, cc);
		dcc_fini(cc);
		return DT_E_ERROR;
	}
	return -1;
}

/* The quiet option may come from the script's pragmas. */
static void note_program_options(struct dt *dt, const struct dcc *cc)
{
	const char *v = dcc_option(cc, "quiet");

	if (v)
		dt->quiet = dt_option_is_true(*v ? v : NULL);
	v = dcc_option(cc, "destructive");
	if (v && dt_option_is_true(*v ? v : NULL))
		dt->destructive = true;
	if (dcc_option_set(cc, "zdefs"))
		dt->zdefs = true;
}

/* All commands' texts, one after the other. */
static char *concat_cmds(struct dt *dt, size_t *lenp)
{
	size_t n = 1;
	char *s, *p;
	int i;

	for (i = 0; i < dt->ncmds; i++)
		n += dt->cmds[i].len + 1;
	p = s = dt_xalloc(n);
	for (i = 0; i < dt->ncmds; i++) {
		memcpy(p, dt->cmds[i].src, dt->cmds[i].len);
		p += dt->cmds[i].len;
		*p++ = '\n';
	}
	*p = 0;
	*lenp = p - s;
	return s;
}

static int compile_combined(struct dt *dt, bool zdefs)
{
	struct dt_cmd all = dt->cmds[0];
	size_t len;
	char *src = concat_cmds(dt, &len);
	int rc;

	rc = dt_compile_text(dt, &all, src, len, &g_cc, zdefs);
	free(src);
	return rc;
}

int dt_compile_all(struct dt *dt)
{
	int i, rc;

	if (dt->ncmds == 0) {
		if (!dt->exec)
			return DT_E_SUCCESS;
		dt_error(dt, "no probes specified\n");
		return DT_E_ERROR;
	}
	for (i = 0; i < dt->ncmds; i++) {
		struct dt_cmd *c = &dt->cmds[i];

		if (c->is_file && (rc = dt_read_script(dt, c)) >= 0)
			return rc;
		if ((rc = dt_compile_text(dt, c, c->src, c->len, &g_cc,
				       dt->zdefs)) >= 0)
			return rc;
		c->nmatched = g_cc.nprobes_matched;
		dcc_program_attrs(&g_cc, &c->descattr, &c->stmtattr);
		note_program_options(dt, &g_cc);
		if (dt->ncmds > 1)
			dcc_fini(&g_cc);
	}
	if (dt->ncmds > 1 && (rc = compile_combined(dt, dt->zdefs)) >= 0)
		return rc;
	g_cc_live = true;
	if (dt->print_asm)
		dcc_print_asm(&g_cc, stderr);
	return -1;
}

/* ---- running --------------------------------------------------------------------- */

static void on_signal(int sig)
{
	if (g_obj)
		dload_obj__stop(g_obj);
}

static void catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM };
	struct sigaction act, old;

	memset(&act, 0, sizeof(act));
	sigemptyset(&act.sa_mask);
	act.sa_handler = on_signal;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &act, NULL);
}

/* -c "cmd args": split on white space, as dtrace(8) does. */
static char **split_words(const char *s)
{
	char *copy = dt_xstrdup(s), *p, *save = NULL;
	char **v = dt_xalloc(sizeof(char *) * (strlen(s) / 2 + 2));
	int n = 0;

	for (p = strtok_r(copy, " \t\n\r\f\v", &save); p;
	     p = strtok_r(NULL, " \t\n\r\f\v", &save))
		v[n++] = dt_xstrdup(p);
	if (n == 0)
		v[n++] = dt_xstrdup(s);
	free(copy);
	return v;
}

/* Hand -x options (their final values, pragmas included) to dload. */
static void pass_options(struct dt *dt)
{
	for (struct dcc_option *o = dt->xopts; o; o = o->next) {
		const char *v = dcc_option(&g_cc, o->name);

		dload_obj__set_option(g_obj, o->name, v && *v ? v : NULL);
	}
}

static void report_attr(struct dt *dt, const char *what, struct dcc_attr a)
{
	fprintf(dt->out, "\n\tMinimum %s Attributes\n", what);
	fprintf(dt->out, "\t\tIdentifier Names: %s\n",
		dcc_stability_name(a.name));
	fprintf(dt->out, "\t\tData Semantics:   %s\n",
		dcc_stability_name(a.data));
	fprintf(dt->out, "\t\tDependency Class: %s\n", dcc_class_name(a.cls));
}

/* -v: the stability report dtrace(8) prints for each program */
static void report_stability(struct dt *dt, const struct dt_cmd *c)
{
	if (!dt->verbose)
		return;
	fprintf(dt->out, "\nStability attributes for %s %s:\n", c->desc,
		c->name);
	report_attr(dt, "Probe Description", c->descattr);
	report_attr(dt, "Statement", c->stmtattr);
	fprintf(dt->out, "\n");
}

/*
 * DTrace counts enablings: a probe matched by several clauses counts once
 * per clause.  That is the compiler's count; dload's attach count (distinct
 * probes) is only a fallback.
 */
static void notice_matched(struct dt *dt, int n_attached)
{
	for (int i = 0; i < dt->ncmds; i++) {
		struct dt_cmd *c = &dt->cmds[i];
		int n = c->nmatched;

		if (n == 0 && dt->ncmds == 1 && n_attached > 0)
			n = n_attached;

		dt_notice(dt, "%s '%s' matched %d probe%s\n", c->desc,
			  c->name, n, n == 1 ? "" : "s");
		if (n_attached >= 0)
			report_stability(dt, c);
	}
}

static const char *obj_errmsg(int err)
{
	const char *m = dload_obj__errmsg(g_obj);

	return m && *m ? m : strerror(err < 0 ? -err : err);
}

/* The command whose text holds line *line of the combined program (the
 * texts are joined with a newline, see concat_cmds); *line becomes the
 * line in that command. */
static const struct dt_cmd *cmd_of_line(struct dt *dt, unsigned *line)
{
	for (int i = 0; i < dt->ncmds - 1; i++) {
		const struct dt_cmd *c = &dt->cmds[i];
		unsigned n = 1;

		for (size_t k = 0; k < c->len; k++)
			n += c->src[k] == '\n';
		if (*line <= n)
			return c;
		*line -= n;
	}
	return &dt->cmds[dt->ncmds - 1];
}

/*
 * dload's "[TAG] line N: text" is a diagnostic DTrace's compiler gives
 * about a probe description (D_PDESC_ZERO, D_PROC_* of the pid and usdt
 * probes it creates while compiling): print it as report_error does.
 */
static bool compile_failed(struct dt *dt, const char *m)
{
	const struct dt_cmd *c;
	char tag[64];
	unsigned line = 0;
	int n = 0;

	if (sscanf(m, "[%63[A-Z_]] line %u: %n", tag, &line, &n) != 2 || !n)
		return false;
	c = cmd_of_line(dt, &line);
	fprintf(stderr, "%s: %s %s: ", dt->pname, c->is_file ?
		"failed to compile script" : "invalid probe specifier", c->arg);
	if (dt->errtags)
		fprintf(stderr, "[%s] ", tag);
	if (line > 0)
		fprintf(stderr, "line %u: ", line);
	fprintf(stderr, "%s\n", m + n);
	return true;
}

/* dload's messages may already say "could not enable tracing: ...". */
static int enable_failed(struct dt *dt, int err)
{
	static const char cne[] = "could not enable tracing";
	const char *m = obj_errmsg(err);

	if (compile_failed(dt, m))
		return DT_E_ERROR;
	notice_matched(dt, -1);
	if (!strncmp(m, cne, sizeof(cne) - 1))
		dt_error(dt, "%s\n", m);
	else
		dt_error(dt, "%s: %s\n", cne, m);
	return DT_E_ERROR;
}

static int open_obj(struct dt *dt)
{
	struct dload_open_opts oo = { .sz = sizeof(oo) };
	int err;

	oo.name = dt->cmds[0].name;
	err = dload_obj__open_mem(g_cc.obj, g_cc.obj_len, &oo, &g_obj);
	if (err < 0) {
		dt_error(dt, "failed to enable '%s': %s\n", dt->cmds[0].name,
			 obj_errmsg(err));
		return DT_E_ERROR;
	}
	pass_options(dt);
	return -1;
}

static int load_and_attach(struct dt *dt, int *nprobes)
{
	struct dload_run_opts ro = { .sz = sizeof(ro) };
	int err;

	ro.out = dt->out;
	ro.err = stderr;
	ro.errprefix = "dtrace: ";
	ro.zdefs = dt->zdefs;
	ro.destructive = dt->destructive;
	ro.target_pid = dt->pid;
	if (dt->cmdline)
		g_target_argv = split_words(dt->cmdline);
	ro.target_argv = g_target_argv;
	ro.no_cpu_id = dt->testing;
	if ((err = dload_obj__load(g_obj, &ro)) < 0)
		return enable_failed(dt, err);
	if ((*nprobes = dload_obj__attach(g_obj)) < 0)
		return enable_failed(dt, *nprobes);
	return -1;
}

/* A program without clauses (-xempty) has nothing to load. */
static bool has_clauses(const struct dcc *cc)
{
	const struct node *n;

	for (n = cc->prog ? cc->prog->kid[0] : NULL; n; n = n->next)
		if (n->kind == N_CLAUSE)
			return true;
	return false;
}

int dt_exec(struct dt *dt)
{
	int rc, n = 0;

	if (!dt->exec)
		return DT_E_SUCCESS;
	if (!has_clauses(&g_cc)) {
		notice_matched(dt, 0);
		if (dt->zdefs)
			return DT_E_SUCCESS;
		dt_error(dt, "no probes matched\n");
		return DT_E_ERROR;
	}
	if ((rc = open_obj(dt)) >= 0 || (rc = load_and_attach(dt, &n)) >= 0)
		return rc;
	notice_matched(dt, n);
	if (n == 0 && !dt->zdefs) {
		dt_error(dt, "no probes matched\n");
		return DT_E_ERROR;
	}
	if (dt->destructive)
		dt_notice(dt, "allowing destructive actions\n");
	catch_signals();
	fflush(stderr);
	rc = dload_obj__run(g_obj);
	if (rc < 0) {
		fflush(dt->out);
		dt_error(dt, "%s\n", obj_errmsg(rc));
		return DT_E_ERROR;
	}
	return rc;
}

void dt_run_cleanup(struct dt *dt)
{
	struct dload_obj *obj = g_obj;

	g_obj = NULL;
	dload_obj__close(obj);
	if (g_cc_live)
		dcc_fini(&g_cc);
	g_cc_live = false;
	if (g_target_argv) {
		for (char **p = g_target_argv; *p; p++)
			free(*p);
		free(g_target_argv);
		g_target_argv = NULL;
	}
}
