/* SPDX-License-Identifier: MIT */
/*
 * prov_rawtp.c -- kernel tracepoints as raw tracepoints (the rawtp
 * provider of DTrace for Linux):
 *
 *   rawtp:CATEGORY::NAME  or  rawtp:::NAME   ->  "raw_tp/NAME"
 *
 * A raw tracepoint's context is the array of its arguments, each widened
 * to a u64: arg<i> is *(u64 *)(ctx + 8 * i).  Their number and types come
 * from the kernel BTF typedef btf_trace_NAME, a pointer to a FUNC_PROTO
 * whose first parameter is void *__data and the rest the tracepoint's
 * arguments.  The kernel refuses to attach a program that reads past the
 * last argument, so without a concrete NAME whose typedef is known (a
 * glob, no BTF) the prologue reads no argument at all.  The events that
 * ftrace makes up (categories syscalls and ftrace) are not tracepoints.  dload attaches
 * the program with the probe id as cookie (kernel 6.10+).
 */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cg.h"
#include "prov.h"
#include "types.h"

#define EVENTS_DIR	"/sys/kernel/tracing/events"

/* The ftrace-made events (syscalls:*, ftrace:*) have no raw tracepoint. */
static bool no_rawtp(const char *cat)
{
	return !strcmp(cat, "syscalls") || !strcmp(cat, "ftrace");
}

/* Events named like pattern name in the categories globbed by cat;
 * -1 when tracefs cannot be read. */
static int count_events(const char *cat, const char *name)
{
	char path[512];
	struct dirent *de;
	DIR *d = opendir(EVENTS_DIR);
	int n = 0, k;

	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || no_rawtp(de->d_name) ||
		    !prov_glob(cat, de->d_name))
			continue;
		snprintf(path, sizeof(path), EVENTS_DIR "/%s", de->d_name);
		k = prov_count_dir(path, "", name);
		n += k > 0 ? k : 0;
	}
	closedir(d);
	return n;
}

static bool rawtp_match(struct dcc *cc, struct node *pd, struct prov_probe *pp)
{
	const char *name = pd_str(pd->pd_name);
	char sec[512];
	int n;

	if (!*pd_str(pd->pd_prov) || !prov_glob(pd->pd_prov, "rawtp"))
		return false;
	if (!*name || *pd_str(pd->pd_func))
		return false;
	if (cc->opts.host_probes) {
		n = count_events(pd_str(pd->pd_mod), name);
		if (n == 0)
			return false;
		if (n > 0)
			pp->nprobes = n;
	}
	snprintf(sec, sizeof(sec), "raw_tp/%s", name);
	pp->section = dcc_intern(cc, sec);
	return true;
}

/* The tracepoint's prototype (TY_FUNC, params[0] = __data), or NULL. */
static struct type *rawtp_proto(struct dcc *cc, struct node *pd)
{
	const char *name = pd_str(pd->pd_name);
	char tn[256];
	struct type *t;

	if (prov_has_glob(name))
		return NULL;
	snprintf(tn, sizeof(tn), "btf_trace_%s", name);
	t = type_resolve(btf_lookup_type(cc, tn));
	if (!t || t->kind != TY_PTR)
		return NULL;
	t = type_resolve(t->base);
	return t && t->kind == TY_FUNC && t->nparams >= 1 ? t : NULL;
}

static int rawtp_arg_count(struct dcc *cc, struct node *pd)
{
	struct type *f = rawtp_proto(cc, pd);

	return f ? f->nparams - 1 : -1;
}

/* args[i]: the type of the tracepoint's i-th argument */
static struct type *rawtp_arg_type(struct dcc *cc, struct node *pd, int i)
{
	struct type *f = rawtp_proto(cc, pd);

	return f && i >= 0 && i < f->nparams - 1 ? f->params[i + 1] : NULL;
}

static void rawtp_prologue(struct cg *g, vreg_t ctx, vreg_t s)
{
	int n = rawtp_arg_count(g->cc, g->probe->pdesc);

	if (n > CG_NARGS)
		n = CG_NARGS;
	if (n > 0) {
		prov_copy_args(g, ctx, s, 0, n);
	} else {
		ir_comment(g->cc, g->f, "no known arguments: arg0..9 = 0");
		prov_zero_args(g, s, 0);
	}
	ir_storei(g->cc, g->f, 8, s, CG_MST_ERRNO, 0);
}

const struct provider prov_rawtp = {
	.arg_type = rawtp_arg_type,
	.arg_count = rawtp_arg_count,
	.name = "rawtp",
	.kind = DTM_PROV_RAWTP,
	.match = rawtp_match,
	.prologue = rawtp_prologue,
};
