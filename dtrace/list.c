/* SPDX-License-Identifier: MIT */
/*
 * list.c -- `dtrace -l`: list the probes this host provides, or those that
 * the probe descriptions of the given scripts/specifiers match.
 *
 * The probe table is built from what dload can attach here: the dtrace
 * provider (BEGIN, END, ERROR), the profile provider's usual profile-N and
 * tick-N probes, and one syscall entry/return pair per syscall tracepoint
 * in tracefs.  IDs are given in that order from 1, as dtrace(8) numbers
 * its probes.  The output format is dtrace(8)'s:
 *    ID   PROVIDER            MODULE                          FUNCTION NAME
 */
#include <dirent.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "dtrace.h"

struct probe {
	const char *prov, *mod, *func, *name;
	char *owned;		/* storage of func, if allocated */
};

struct ptab {
	struct probe *v;
	int n, cap;
};

static void add(struct ptab *t, const char *prov, const char *mod,
		const char *func, const char *name, char *owned)
{
	if (t->n == t->cap) {
		struct probe *v;

		t->cap = t->cap ? t->cap * 2 : 256;
		v = realloc(t->v, t->cap * sizeof(*v));
		if (!v) {
			fprintf(stderr, "dtrace: failed to allocate memory\n");
			exit(DT_E_ERROR);
		}
		t->v = v;
	}
	t->v[t->n++] = (struct probe){ prov, mod, func, name, owned };
}

static void add_profile(struct ptab *t)
{
	static const char *const names[] = {
		"profile-97", "profile-199", "profile-499", "profile-997",
		"profile-1999", "profile-4001", "profile-4999",
		"tick-1", "tick-10", "tick-100", "tick-500", "tick-1000",
		"tick-5000",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		add(t, "profile", "", "", names[i], NULL);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Syscall names that have both tracepoint directions, sorted. */
static int syscall_names(char ***namesp)
{
	static const char *const dirs[] = {
		"/sys/kernel/tracing/events/syscalls",
		"/sys/kernel/debug/tracing/events/syscalls",
	};
	DIR *d = NULL;
	struct dirent *e;
	char **v = NULL;
	int n = 0, cap = 0;

	for (size_t i = 0; !d && i < sizeof(dirs) / sizeof(dirs[0]); i++)
		d = opendir(dirs[i]);
	if (!d)
		return 0;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, "sys_enter_", 10))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 512;
			v = realloc(v, cap * sizeof(*v));
			if (!v)
				break;
		}
		v[n++] = dt_xstrdup(e->d_name + 10);
	}
	closedir(d);
	if (!v)
		return 0;
	qsort(v, n, sizeof(*v), cmp_str);
	*namesp = v;
	return n;
}

static void add_syscalls(struct ptab *t)
{
	char **names = NULL;
	int n = syscall_names(&names);

	for (int i = 0; i < n; i++) {
		add(t, "syscall", "vmlinux", names[i], "entry", names[i]);
		add(t, "syscall", "vmlinux", names[i], "return", NULL);
	}
	free(names);
}

static void build_table(struct ptab *t)
{
	add(t, "dtrace", "", "", "BEGIN", NULL);
	add(t, "dtrace", "", "", "END", NULL);
	add(t, "dtrace", "", "", "ERROR", NULL);
	add_profile(t);
	add_syscalls(t);
}

static void free_table(struct ptab *t)
{
	for (int i = 0; i < t->n; i++)
		free(t->v[i].owned);
	free(t->v);
}

/* ---- matching and printing --------------------------------------------------------- */

static bool part_match(const char *pat, const char *s)
{
	return !pat || !*pat || fnmatch(pat, s, 0) == 0;
}

static void print_probe(struct dt *dt, int id, const struct probe *p)
{
	fprintf(dt->out, "%5d %10s %17s %33s %s\n", id, p->prov, p->mod,
		p->func, p->name);
}

static int list_desc(struct dt *dt, const struct ptab *t, const struct node *pd)
{
	int found = 0;

	for (int i = 0; i < t->n; i++) {
		const struct probe *p = &t->v[i];

		if (part_match(pd->pd_prov, p->prov) &&
		    part_match(pd->pd_mod, p->mod) &&
		    part_match(pd->pd_func, p->func) &&
		    part_match(pd->pd_name, p->name)) {
			print_probe(dt, i + 1, p);
			found++;
		}
	}
	if (!found)
		dt_error(dt, "failed to match %s:%s:%s:%s: No probe matches "
			 "description\n", pd->pd_prov ? pd->pd_prov : "",
			 pd->pd_mod ? pd->pd_mod : "",
			 pd->pd_func ? pd->pd_func : "",
			 pd->pd_name ? pd->pd_name : "");
	return found;
}

static void list_program(struct dt *dt, const struct ptab *t,
			 const struct node *prog)
{
	const struct node *item, *pd;

	if (!prog)
		return;
	for (item = prog->kid[0]; item; item = item->next) {
		if (item->kind != N_CLAUSE)
			continue;
		for (pd = item->kid[0]; pd; pd = pd->next)
			if (pd->kind == N_PDESC)
				list_desc(dt, t, pd);
	}
}

/* Compile command i (probe descriptions may match nothing) and list it. */
static int list_cmd(struct dt *dt, const struct ptab *t, struct dt_cmd *c)
{
	struct dcc cc;
	int rc;

	if (c->is_file && (rc = dt_read_script(dt, c)) >= 0)
		return rc;
	if ((rc = dt_compile_text(dt, c, c->src, c->len, &cc, true)) >= 0)
		return rc;
	list_program(dt, t, cc.prog);
	dcc_fini(&cc);
	return -1;
}

int dt_list(struct dt *dt)
{
	struct ptab t = { 0 };
	int rc = -1;

	build_table(&t);
	fprintf(dt->out, "%5s %10s %17s %33s %s\n", "ID", "PROVIDER", "MODULE",
		"FUNCTION", "NAME");
	for (int i = 0; i < dt->ncmds && rc < 0; i++)
		rc = list_cmd(dt, &t, &dt->cmds[i]);
	if (dt->ncmds == 0)
		for (int i = 0; i < t.n; i++)
			print_probe(dt, i + 1, &t.v[i]);
	free_table(&t);
	return rc < 0 ? DT_E_SUCCESS : rc;
}
