/* SPDX-License-Identifier: MIT */
/*
 * prov_fbt.c -- function boundary tracing: every fbt probe description
 * gives two programs per probe name, alternatives of one another, and
 * dload loads the one the running kernel can attach (loader/prov_fbt.c):
 *
 *   fbt:MOD:FUNC:entry   -> "fentry/FUNC"  and  "kprobe/FUNC"     (DTM_PF_KPROBE)
 *   fbt:MOD:FUNC:return  -> "fexit/FUNC"   and  "kretprobe/FUNC"  (DTM_PF_KPROBE)
 *
 * so "fbt::f:" (entry and return) gives four programs, in the order
 * fentry, kprobe, fexit, kretprobe.  Both programs of a pair share the
 * clause (record layout) and statement number; meta.h's DTM_PF_KPROBE says
 * how dload pairs them.  FUNC may glob: dload resolves it against the
 * kernel's functions (available_filter_functions, else kallsyms).
 *
 * Arguments (x86_64):
 *   fentry      arg0..9 = bpf_get_func_arg(ctx, i) -- the context is the
 *               u64 array of the traced function's arguments, whose length
 *               the verifier knows: a direct load past it is refused, the
 *               (inlined) helper leaves the missing ones 0
 *   fexit       arg0 = 0 (no return offset), arg1 = bpf_get_func_ret(ctx),
 *               the value after the arguments in the context
 *   kprobe      arg0..5 = regs->{di,si,dx,cx,r8,r9}, arg6..9 from the
 *               kernel stack above the return address (direct context
 *               loads of struct pt_regs with CO-RE relocations, as the pid
 *               provider does)
 *   kretprobe   arg0 = 0, arg1 = regs->ax
 *
 * With host_probes (the dtrace front end), a description must name a
 * function of this host (available_filter_functions, else kallsyms; module
 * "vmlinux" for the kernel's own), else it matches nothing; the fentry
 * program counts the functions matched, its kprobe twin none.
 */
#include <linux/bpf.h>
#include <stdio.h>
#include <string.h>

#include "cg.h"
#include "prov.h"

#define FILTER_FUNCS	"/sys/kernel/tracing/available_filter_functions"
#define KALLSYMS	"/proc/kallsyms"

/* Does "name" of module "mod" count for mod:func?  Names with a '.'
 * (foo.cold, foo.isra.0) and __pfx_ padding symbols are not functions
 * dload attaches to. */
static int func_counts(const char *mod, const char *func, const char *m,
		       const char *name)
{
	if (strchr(name, '.') || !strncmp(name, "__pfx_", 6) ||
	    !strncmp(name, "__cfi_", 6))
		return 0;
	return prov_glob(mod, m) && prov_glob(func, name);
}

/* How many functions of FILTER_FUNCS ("name [mod]") does mod:func match
 * (an exact name: 0 or 1)?  -1: the file cannot be read (no ftrace). */
static int filter_count(const char *mod, const char *func)
{
	char line[512], name[256], m[64];
	FILE *fp = fopen(FILTER_FUNCS, "r");
	int n = 0;

	if (!fp)
		return -1;
	if (!fgets(line, sizeof(line), fp)) {	/* unreadable (EPERM) */
		fclose(fp);
		return -1;
	}
	do {
		if (sscanf(line, "%255s [%63[^]]", name, m) < 2)
			strcpy(m, "vmlinux");
		n += func_counts(mod, func, m, name);
	} while ((!n || prov_has_glob(func)) && fgets(line, sizeof(line), fp));
	fclose(fp);
	return n;
}

/* The same question asked of the kernel's text symbols
 * ("ADDR t name [mod]"). */
static int kallsyms_count(const char *mod, const char *func)
{
	char line[512], type, name[256], m[64];
	FILE *fp = fopen(KALLSYMS, "r");
	int n = 0, k;

	if (!fp)
		return -1;
	while ((!n || prov_has_glob(func)) && fgets(line, sizeof(line), fp)) {
		k = sscanf(line, "%*s %c %255s [%63[^]]", &type, name, m);
		if (k < 2 || (type != 't' && type != 'T'))
			continue;
		if (k < 3)
			strcpy(m, "vmlinux");
		n += func_counts(mod, func, m, name);
	}
	fclose(fp);
	return n;
}

/* With host_probes: the number of this host's functions mod:func names
 * (0: none; -1: the host's function lists cannot be read), remembered for
 * the last description (every variant and sema's type queries ask). */
static int host_count(const char *mod, const char *func)
{
	static char last[320];
	static int last_n = -1;
	char key[320];
	int n;

	snprintf(key, sizeof(key), "%s:%s", mod, func);
	if (last_n >= 0 && !strcmp(last, key))
		return last_n;
	n = filter_count(mod, func);
	if (n < 0)
		n = kallsyms_count(mod, func);
	snprintf(last, sizeof(last), "%s", key);
	last_n = n;
	return n;
}

/* The programs of one description, in emission order. */
struct fbt_variant {
	const char *sec;
	uint32_t flags;
};

static const struct fbt_variant entry_variants[] = {
	{ "fentry", 0 }, { "kprobe", DTM_PF_KPROBE },
};
static const struct fbt_variant return_variants[] = {
	{ "fexit", DTM_PF_RETURN },
	{ "kretprobe", DTM_PF_RETURN | DTM_PF_KPROBE },
};

/* Variant v of a description naming entry and/or return, or NULL. */
static const struct fbt_variant *variant(bool entry, bool ret, int v,
					 bool *more)
{
	int n = 2 * entry + 2 * ret;

	*more = v + 1 < n;
	if (v >= n)
		return NULL;
	if (entry && v < 2)
		return &entry_variants[v];
	return &return_variants[v - 2 * entry];
}

static bool fbt_match(struct dcc *cc, struct node *pd, struct prov_probe *pp)
{
	const char *func = pd_str(pd->pd_func), *name = pd_str(pd->pd_name);
	bool entry = prov_glob(name, "entry"), ret = prov_glob(name, "return");
	const struct fbt_variant *fv;
	char sec[256];
	int n;

	if (!pd->pd_prov || !prov_glob(pd->pd_prov, "fbt") || !*func)
		return false;
	if (!entry && !ret)
		return false;
	n = cc->opts.host_probes ? host_count(pd_str(pd->pd_mod), func) : 1;
	if (n == 0)
		return false;
	fv = variant(entry, ret, pp->variant, &pp->more);
	if (!fv)
		return false;
	/* the kprobe program is the same probes again */
	pp->nprobes = fv->flags & DTM_PF_KPROBE ? 0 : n > 0 ? n : 1;
	snprintf(sec, sizeof(sec), "%s/%s", fv->sec, func);
	pp->section = dcc_intern(cc, sec);
	pp->flags = fv->flags;
	return true;
}

/* d = s + off: the address of an mstate slot, for a helper to fill */
static vreg_t slot_addr(struct cg *g, vreg_t s, int32_t off)
{
	vreg_t d = cg_vreg(g);

	ir_mov(g->cc, g->f, d, s);
	ir_alui(g->cc, g->f, BPF_ADD, d, off);
	return d;
}

/*
 * arg0..9 = 0
 * for (i = 0; i < 10; i++) bpf_get_func_arg(ctx, i, &s->arg[i])
 */
static void fentry_args(struct cg *g, vreg_t ctx, vreg_t s)
{
	prov_zero_args(g, s, 0);
	ir_comment(g->cc, g->f, "arg0..9 = bpf_get_func_arg(ctx, 0..9) (0 past the last)");
	for (int i = 0; i < CG_NARGS; i++) {
		vreg_t n = cg_vreg(g);

		ir_movi(g->cc, g->f, n, i);
		cg_call(g, BPF_FUNC_get_func_arg, 3, ctx, n,
			slot_addr(g, s, CG_MST_ARG(i)));
	}
}

/* arg0..9 = 0; bpf_get_func_ret(ctx, &s->arg[1]) */
static void fexit_args(struct cg *g, vreg_t ctx, vreg_t s)
{
	prov_zero_args(g, s, 0);
	ir_comment(g->cc, g->f, "arg0 = 0, arg1 = bpf_get_func_ret(ctx)");
	cg_call(g, BPF_FUNC_get_func_ret, 2, ctx, slot_addr(g, s, CG_MST_ARG(1)));
}

/* x86_64 argument registers and their pt_regs offsets (without BTF) */
static const struct { const char *member; int32_t off; } arg_regs[6] = {
	{ "di", 112 }, { "si", 104 }, { "dx", 96 },
	{ "cx", 88 }, { "r8", 72 }, { "r9", 64 },
};

/*
 * arg0..5 = regs->{di,si,dx,cx,r8,r9}
 * if (probe_read_kernel(&arg6, 32, regs->sp + 8)) arg6..9 = 0
 */
static void kprobe_args(struct cg *g, vreg_t ctx, vreg_t s)
{
	struct dcc *cc = g->cc;
	int l = ir_label(g->f);
	vreg_t sp, n, r;

	ir_comment(cc, g->f, "arg0..5 = regs->{di,si,dx,cx,r8,r9}");
	for (int i = 0; i < 6; i++)
		ir_store(cc, g->f, 8, s, CG_MST_ARG(i),
			 prov_uregs_load(g, ctx, arg_regs[i].member,
					 arg_regs[i].off));
	ir_comment(cc, g->f, "arg6..9 = the kernel stack above the return address");
	sp = prov_uregs_load(g, ctx, "sp", 152);
	ir_alui(cc, g->f, BPF_ADD, sp, 8);
	n = cg_vreg(g);
	ir_movi(cc, g->f, n, 8 * (CG_NARGS - 6));
	r = cg_call(g, BPF_FUNC_probe_read_kernel, 3,
		    slot_addr(g, s, CG_MST_ARG(6)), n, sp);
	ir_jcci(cc, g->f, BPF_JEQ, r, 0, l);
	prov_zero_args(g, s, 6);
	ir_place_label(cc, g->f, l);
}

/* arg0 = 0, arg1 = regs->ax, arg2..9 = 0 */
static void kretprobe_args(struct cg *g, vreg_t ctx, vreg_t s)
{
	ir_comment(g->cc, g->f, "arg0 = 0, arg1 = regs->ax");
	ir_storei(g->cc, g->f, 8, s, CG_MST_ARG(0), 0);
	ir_store(g->cc, g->f, 8, s, CG_MST_ARG(1),
		 prov_uregs_load(g, ctx, "ax", 80));
	prov_zero_args(g, s, 2);
}

static void (*const prologues[4])(struct cg *, vreg_t, vreg_t) = {
	[0] = fentry_args,
	[DTM_PF_RETURN] = fexit_args,
	[DTM_PF_KPROBE] = kprobe_args,
	[DTM_PF_KPROBE | DTM_PF_RETURN] = kretprobe_args,
};

static void fbt_prologue(struct cg *g, vreg_t ctx, vreg_t s)
{
	uint32_t f = g->probe->flags & (DTM_PF_RETURN | DTM_PF_KPROBE);

	prologues[f](g, ctx, s);
	ir_storei(g->cc, g->f, 8, s, CG_MST_ERRNO, 0);
}

const struct provider prov_fbt = {
	.name = "fbt",
	.kind = DTM_PROV_FBT,
	.match = fbt_match,
	.prologue = fbt_prologue,
};
