/* SPDX-License-Identifier: MIT */
/*
 * prov_fbt.c -- function boundary tracing on fentry/fexit:
 *
 *   fbt:MOD:FUNC:entry   -> "fentry/FUNC"
 *   fbt:MOD:FUNC:return  -> "fexit/FUNC"
 *
 * The context of a tracing program is the u64 array of the function's
 * arguments (then, for fexit, the return value).  These programs compile
 * but cannot be loaded on this machine (fentry is not available).
 */
#include <stdio.h>
#include <string.h>

#include "cg.h"
#include "prov.h"

#define FILTER_FUNCS	"/sys/kernel/tracing/available_filter_functions"
#define KALLSYMS	"/proc/kallsyms"

/* Does a line of FILTER_FUNCS name a function that func globs? -1: the
 * file cannot be read (no ftrace). */
static int filter_has_func(const char *func)
{
	char line[512];
	FILE *fp = fopen(FILTER_FUNCS, "r");
	int found = 0;

	if (!fp)
		return -1;
	if (!fgets(line, sizeof(line), fp)) {	/* unreadable (EPERM) */
		fclose(fp);
		return -1;
	}
	do {
		line[strcspn(line, " \t\n")] = 0;
		found = prov_glob(func, line);
	} while (!found && fgets(line, sizeof(line), fp));
	fclose(fp);
	return found;
}

/* The same question asked of the kernel's text symbols ("ADDR T name"). */
static int kallsyms_has_func(const char *func)
{
	char line[512], type, name[256];
	FILE *fp = fopen(KALLSYMS, "r");
	int found = 0;

	if (!fp)
		return -1;
	while (!found && fgets(line, sizeof(line), fp)) {
		if (sscanf(line, "%*s %c %255s", &type, name) != 2 ||
		    (type != 't' && type != 'T') || strchr(line, '['))
			continue;
		found = prov_glob(func, name);
	}
	fclose(fp);
	return found;
}

static int host_has_func(const char *func)
{
	int r = filter_has_func(func);

	return r >= 0 ? r : kallsyms_has_func(func);
}

static bool fbt_match(struct dcc *cc, struct node *pd, struct prov_probe *pp)
{
	const char *func = pd_str(pd->pd_func), *name = pd_str(pd->pd_name);
	bool entry = prov_glob(name, "entry"), ret = prov_glob(name, "return");
	bool is_ret;
	char sec[256];

	if (!pd->pd_prov || !prov_glob(pd->pd_prov, "fbt") || !*func)
		return false;
	if (!entry && !ret)
		return false;
	if (cc->opts.host_probes) {
		if (*pd_str(pd->pd_mod) && !prov_glob(pd->pd_mod, "vmlinux"))
			return false;
		if (host_has_func(func) == 0)
			return false;
	}
	is_ret = pp->variant > 0 || !entry;
	pp->more = pp->variant == 0 && entry && ret;
	snprintf(sec, sizeof(sec), "%s/%s", is_ret ? "fexit" : "fentry", func);
	pp->section = dcc_intern(cc, sec);
	pp->flags = is_ret ? DTM_PF_RETURN : 0;
	return true;
}

static void fbt_prologue(struct cg *g, vreg_t ctx, vreg_t s)
{
	prov_copy_args(g, ctx, s, 0, 6);
	ir_storei(g->cc, g->f, 8, s, CG_MST_ERRNO, 0);
}

const struct provider prov_fbt = {
	.name = "fbt",
	.kind = DTM_PROV_FBT,
	.match = fbt_match,
	.prologue = fbt_prologue,
};
