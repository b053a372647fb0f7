/* SPDX-License-Identifier: MIT */
/*
 * prov_syscall.c -- the syscall provider on the syscalls tracepoints.
 *
 *   syscall::NAME:entry   -> "tracepoint/syscalls/sys_enter_NAME"
 *   syscall::NAME:return  -> "tracepoint/syscalls/sys_exit_NAME"
 *
 * NAME may glob: dload resolves the pattern against the tracefs events and
 * attaches the program to every match.  A description whose name globs
 * both entry and return (syscall::read:) gives two programs.  With
 * host_probes, the pattern must match some syscall of this host.
 *
 * Context (struct trace_event_raw_sys_enter/exit): 8 bytes of common
 * fields, long __syscall_nr at 8, then args[6] (enter) or long ret (exit)
 * at 16.  On return arg0 = arg1 = ret and errno = ret < 0 ? -ret : 0.
 */
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"
#include "prov.h"

#define SYSCALLS_DIR	"/sys/kernel/tracing/events/syscalls"
#define SYSCALLS_DIR2	"/sys/kernel/debug/tracing/events/syscalls"

static int host_count(const char *prefix, const char *func)
{
	int n = prov_count_dir(SYSCALLS_DIR, prefix, func);

	if (n < 0)
		n = prov_count_dir(SYSCALLS_DIR2, prefix, func);
	return n;
}

/* Number of arguments of sys_enter_NAME from its format file (fields at
 * offset >= 16), or 6 when unknown (globs, no tracefs). */
static int enter_nargs(const char *func)
{
	char path[512], line[512];
	FILE *fp;
	int n = 0;

	if (!*func || prov_has_glob(func))
		return 6;
	snprintf(path, sizeof(path), SYSCALLS_DIR "/sys_enter_%s/format", func);
	fp = fopen(path, "r");
	if (!fp)
		return 6;
	while (fgets(line, sizeof(line), fp)) {
		char *o = strstr(line, "offset:");

		if (strstr(line, "field:") && o && atoi(o + 7) >= 16)
			n++;
	}
	fclose(fp);
	return n > 6 ? 6 : n;
}

static bool syscall_match(struct dcc *cc, struct node *pd, struct prov_probe *pp)
{
	const char *func = pd_str(pd->pd_func), *name = pd_str(pd->pd_name);
	bool entry = prov_glob(name, "entry"), ret = prov_glob(name, "return");
	bool is_ret;
	char sec[256];
	int n;

	if (!prov_glob(pd->pd_prov, "syscall") || !prov_glob(pd->pd_mod, "vmlinux"))
		return false;
	if (!*pd_str(pd->pd_prov) && !*func)
		return false;	/* :::entry is not ours alone */
	if (!entry && !ret)
		return false;
	is_ret = pp->variant > 0 || !entry;
	pp->more = pp->variant == 0 && entry && ret;
	if (cc->opts.host_probes) {
		n = host_count(is_ret ? "sys_exit_" : "sys_enter_", func);
		if (n == 0)
			return false;
		if (n > 0)
			pp->nprobes = n;
	}
	snprintf(sec, sizeof(sec), "tracepoint/syscalls/sys_%s_%s",
		 is_ret ? "exit" : "enter", *func ? func : "*");
	pp->section = dcc_intern(cc, sec);
	pp->flags = is_ret ? DTM_PF_RETURN : 0;
	return true;
}

/* Globbed names attach to syscalls with fewer arguments than 6: direct
 * context reads past the fields would be refused at attach time, so copy
 * the six words with probe_read_kernel(s + arg0, 48, ctx + 16). */
static void read_args(struct cg *g, vreg_t ctx, vreg_t s)
{
	vreg_t d = cg_vreg(g), src = cg_vreg(g), n = cg_vreg(g);

	ir_comment(g->cc, g->f, "probe_read_kernel(&arg0, 48, ctx + 16)");
	ir_mov(g->cc, g->f, d, s);
	ir_alui(g->cc, g->f, BPF_ADD, d, CG_MST_ARG(0));
	ir_mov(g->cc, g->f, src, ctx);
	ir_alui(g->cc, g->f, BPF_ADD, src, 16);
	ir_movi(g->cc, g->f, n, 48);
	cg_call(g, BPF_FUNC_probe_read_kernel, 3, d, n, src);
	prov_zero_args(g, cg_sptr(g), 6);
}

static void syscall_prologue(struct cg *g, vreg_t ctx, vreg_t s)
{
	struct dcc *cc = g->cc;
	vreg_t r, e;
	int l;

	if (!(g->probe->flags & DTM_PF_RETURN)) {
		const char *func = pd_str(g->probe->pdesc->pd_func);
		int n = enter_nargs(func);

		if (n == 6 && (!*func || prov_has_glob(func)))
			read_args(g, ctx, s);
		else if (n > 0)
			prov_copy_args(g, ctx, s, 16, n);
		else
			prov_zero_args(g, s, 0);
		ir_storei(cc, g->f, 8, s, CG_MST_ERRNO, 0);
		return;
	}
	ir_comment(cc, g->f, "arg0 = arg1 = ret; errno = ret < 0 ? -ret : 0");
	r = cg_vreg(g);
	ir_load(cc, g->f, 8, r, ctx, 16);
	ir_store(cc, g->f, 8, s, CG_MST_ARG(0), r);
	ir_store(cc, g->f, 8, s, CG_MST_ARG(1), r);
	prov_zero_args(g, s, 2);
	e = cg_vreg(g);
	ir_movi(cc, g->f, e, 0);
	l = ir_label(g->f);
	ir_jcci(cc, g->f, BPF_JSGE, r, 0, l);
	ir_mov(cc, g->f, e, r);
	ir_emit(cc, g->f, IR_NEG)->dst = e;
	ir_place_label(cc, g->f, l);
	ir_store(cc, g->f, 8, s, CG_MST_ERRNO, e);
}

/* sys_enter_NAME/format of a single (non-glob) syscall, or -1 */
static int enter_format(struct node *pd, char types[][128], int max)
{
	const char *func = pd_str(pd->pd_func);
	char path[512];

	if (!*func || prov_has_glob(func) || !prov_glob(pd->pd_name, "entry") ||
	    prov_glob(pd->pd_name, "return"))
		return -1;
	snprintf(path, sizeof(path), SYSCALLS_DIR "/sys_enter_%s/format", func);
	return prov_format_fields(path, 16, types, max);
}

/* args[i] of an entry probe: the type of the syscall's parameter (user
 * pointers); of a return probe: the return value (long) */
static struct type *syscall_arg_type(struct dcc *cc, struct node *pd, int i)
{
	char types[6][128];
	int n;

	if (!prov_glob(pd->pd_name, "entry"))
		return i < 2 ? type_base(cc, "long") : NULL;
	n = enter_format(pd, types, 6);
	return i < n && i < 6 ? prov_field_type(cc, types[i], true) : NULL;
}

static int syscall_arg_count(struct dcc *cc, struct node *pd)
{
	if (!prov_glob(pd->pd_name, "entry"))
		return prov_glob(pd->pd_name, "return") ? 2 : -1;
	return enter_format(pd, NULL, 0);
}

const struct provider prov_syscall = {
	.arg_type = syscall_arg_type,
	.arg_count = syscall_arg_count,
	.name = "syscall",
	.kind = DTM_PROV_SYSCALL,
	.match = syscall_match,
	.prologue = syscall_prologue,
};
