/* SPDX-License-Identifier: MIT */
/*
 * prov_pid.c -- the pid provider: uprobes on user functions.
 *
 *   pidPID:MODULE:FUNCTION:entry    -> "uprobe"      (function entry)
 *   pidPID:MODULE:FUNCTION:return   -> "uretprobe"   (function return)
 *   pidPID:MODULE:FUNCTION:OFFSET   -> "uprobe"      (hex offset in it)
 *
 * PID is a number (pid$target is expanded by the parser; with -c the
 * target is not known at compile time and $target reads as 0, which dload
 * takes as "the target").  MODULE and FUNCTION may glob: dload resolves
 * them against the ELF symbols of the process's objects and attaches the
 * program once per function (manual attach, cookie = prid).  A name that
 * globs both entry and return (pid1:a.out:f:) gives two programs.
 *
 * Arguments (x86_64 SysV ABI): entry and offset probes read arg0..arg5
 * from pt_regs di, si, dx, cx, r8, r9 (direct context loads whose offsets
 * carry CO-RE relocations against struct pt_regs) and arg6..arg9 from the
 * user stack above the return address; return probes have arg0 = 0 (the
 * return offset is unknown to a uretprobe, as in DTrace on Linux) and
 * arg1 = the return value (ax).
 */
#include <ctype.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cg.h"
#include "prov.h"

/* A pt_regs member and its x86_64 offset (used without kernel BTF). */
struct ureg {
	const char *member;
	int32_t off;
};

static const struct ureg arg_regs[6] = {
	{ "di", 112 }, { "si", 104 }, { "dx", 96 },
	{ "cx", 88 }, { "r8", 72 }, { "r9", 64 },
};
static const struct ureg reg_ax = { "ax", 80 };
static const struct ureg reg_sp = { "sp", 152 };

/* "pid", "pid123": the provider part of a pid description */
bool prov_is_pid(const char *prov)
{
	const char *p;

	if (!prov || strncmp(prov, "pid", 3))
		return false;
	for (p = prov + 3; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	return true;
}

bool prov_pid_absent(struct dcc *cc, const char *prov)
{
	size_t n = strlen(prov);
	char path[64];

	while (n > 0 && isdigit((unsigned char)prov[n - 1]))
		n--;
	if (!cc->opts.host_probes || atol(prov + n) <= 0)
		return false;
	snprintf(path, sizeof(path), "/proc/%ld", atol(prov + n));
	return access(path, F_OK) != 0;
}

/* "entry", "return" or a hex offset */
static bool is_offset(const char *s)
{
	return *s && strspn(s, "0123456789abcdefABCDEFx") == strlen(s);
}

/* A number as DTrace reads a probe name: hex, "0x" allowed. */
static bool is_hex(const char *s)
{
	char *end;

	if (!*s)
		return false;
	(void)strtoull(s, &end, 16);
	return *end == '\0';
}

/* pidPID:MODULE:-:ADDRESS: an address of the executable (a.out). */
static void check_dash(struct dcc *cc, struct node *pd)
{
	const char *mod = pd_str(pd->pd_mod), *name = pd_str(pd->pd_name);

	if (*mod && strcmp(mod, "*") && prov_has_glob(mod))
		dcc_error(cc, pd->loc, "D_PROC_LIB", "only the a.out module is "
			  "valid with the '-' function");
	if (!*name || prov_has_glob(name))
		dcc_error(cc, pd->loc, "D_PROC_NAME", "only individual "
			  "addresses may be specified with the '-' function");
	if (!is_hex(name))
		dcc_error(cc, pd->loc, "D_PROC_NAME", "'%s' is an invalid "
			  "probe name", name);
}

/*
 * What DTrace checks of a pid description (dt_pid.c) that needs no
 * process: the name (entry, return, an offset, a glob), '-' (D_PROC_LIB,
 * D_PROC_NAME), and, with host probes, the pid: pid0 when $target is
 * known (with -c it is 0 until dload starts the command, so then dload
 * checks it), no such process (D_PROC_GRAB), ourselves (D_PROC_DYN).
 * The rest needs the process's objects: dload (loader/prov_uprobe.c).
 */
static void pid_check(struct dcc *cc, struct node *pd)
{
	const char *prov = pd_str(pd->pd_prov), *name = pd_str(pd->pd_name);
	long pid = atol(prov + 3);

	if (!strcmp(prov, "pid0") && cc->opts.target_pid > 0)
		dcc_error(cc, pd->loc, "D_PROC_BADPID",
			  "pid0 does not contain a valid pid");
	if (cc->opts.host_probes && pid > 0 && pid == (long)getpid())
		dcc_error(cc, pd->loc, "D_PROC_DYN",
			  "process %ld is dtrace itself", pid);
	if (prov_pid_absent(cc, prov))
		dcc_error(cc, pd->loc, "D_PROC_GRAB",
			  "failed to grab process %ld", pid);
	if (!strcmp(pd_str(pd->pd_func), "-"))
		check_dash(cc, pd);
	else if (*name && !prov_has_glob(name) && strcmp(name, "entry") &&
		 strcmp(name, "return") && !is_hex(name))
		dcc_error(cc, pd->loc, "D_PROC_NAME",
			  "'%s' is an invalid probe name", name);
}

static bool pid_match(struct dcc *cc, struct node *pd, struct prov_probe *pp)
{
	const char *name = pd_str(pd->pd_name);
	bool entry = prov_glob(name, "entry"), ret = prov_glob(name, "return");
	bool is_ret;

	if (!prov_is_pid(pd->pd_prov))
		return false;
	pid_check(cc, pd);
	if (!entry && !ret && !is_offset(name))
		return false;
	is_ret = pp->variant > 0 || (!entry && ret);
	pp->more = pp->variant == 0 && entry && ret;
	pp->section = is_ret ? "uretprobe" : "uprobe";
	pp->flags = is_ret ? DTM_PF_RETURN : 0;
	return true;
}

/* ctx member index in struct pt_regs, or -1 */
static int member_index(struct type *st, const char *name)
{
	struct type *r = st ? type_resolve(st) : NULL;
	struct member *m;
	int i = 0;

	if (!r || (r->kind != TY_STRUCT && r->kind != TY_UNION))
		return -1;
	for (m = r->members; m; m = m->next, i++)
		if (m->name && !strcmp(m->name, name))
			return i;
	return -1;
}

/* v = ctx->member: a direct context load, CO-RE relocated */
vreg_t prov_uregs_load(struct cg *g, vreg_t ctx, const char *member,
		       int32_t off)
{
	struct type *st = type_lookup(g->cc, "struct pt_regs");
	uint32_t root = cg_core_root(st);
	int idx = member_index(st, member);
	vreg_t v = cg_vreg(g);
	struct ir_insn *in;
	struct ir_core *c;
	char acc[16];

	if (root && idx >= 0) {
		struct member *m = type_resolve(st)->members;

		for (int i = 0; i < idx; i++)
			m = m->next;
		off = (int32_t)m->offset;
	}
	in = ir_load(g->cc, g->f, 8, v, ctx, off);
	in->text = member;
	if (!root || idx < 0)
		return v;
	snprintf(acc, sizeof(acc), "0:%d", idx);
	c = dcc_alloc(g->cc, sizeof(*c));
	c->btf_id = root;
	c->access = dcc_intern(g->cc, acc);
	c->kind = BPF_CORE_FIELD_BYTE_OFFSET;
	in->core = c;
	return v;
}

/*
 * arg0..5 = regs->{di,si,dx,cx,r8,r9}
 * if (probe_read_user(&arg6, 32, regs->sp + 8)) arg6..9 = 0
 */
static void entry_args(struct cg *g, vreg_t ctx)
{
	struct dcc *cc = g->cc;
	vreg_t sp, d, n, r;
	int l = ir_label(g->f), i;

	ir_comment(cc, g->f, "arg0..5 = regs->{di,si,dx,cx,r8,r9}");
	for (i = 0; i < 6; i++) {
		vreg_t v = prov_uregs_load(g, ctx, arg_regs[i].member,
					   arg_regs[i].off);

		ir_store(cc, g->f, 8, cg_sptr(g), CG_MST_ARG(i), v);
	}
	ir_comment(cc, g->f, "arg6..9 = the user stack above the return address");
	sp = prov_uregs_load(g, ctx, reg_sp.member, reg_sp.off);
	ir_alui(cc, g->f, BPF_ADD, sp, 8);
	d = cg_vreg(g);
	ir_mov(cc, g->f, d, cg_sptr(g));
	ir_alui(cc, g->f, BPF_ADD, d, CG_MST_ARG(6));
	n = cg_vreg(g);
	ir_movi(cc, g->f, n, 8 * (CG_NARGS - 6));
	r = cg_call(g, BPF_FUNC_probe_read_user, 3, d, n, sp);
	ir_jcci(cc, g->f, BPF_JEQ, r, 0, l);
	prov_zero_args(g, cg_sptr(g), 6);
	ir_place_label(cc, g->f, l);
}

/* arg0 = 0; arg1 = regs->ax; arg2..9 = 0 */
static void return_args(struct cg *g, vreg_t ctx)
{
	vreg_t v;

	ir_comment(g->cc, g->f, "arg0 = 0, arg1 = regs->ax");
	v = prov_uregs_load(g, ctx, reg_ax.member, reg_ax.off);
	ir_storei(g->cc, g->f, 8, cg_sptr(g), CG_MST_ARG(0), 0);
	ir_store(g->cc, g->f, 8, cg_sptr(g), CG_MST_ARG(1), v);
	prov_zero_args(g, cg_sptr(g), 2);
}

static void pid_prologue(struct cg *g, vreg_t ctx, vreg_t s)
{
	if (g->probe->flags & DTM_PF_RETURN)
		return_args(g, ctx);
	else
		entry_args(g, ctx);
	ir_storei(g->cc, g->f, 8, cg_sptr(g), CG_MST_ERRNO, 0);
	(void)s;
}

const struct provider prov_pid = {
	.name = "pid",
	.kind = DTM_PROV_PID,
	.chain = DTM_MAP_CHAIN,
	.match = pid_match,
	.prologue = pid_prologue,
};
