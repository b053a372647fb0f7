/* SPDX-License-Identifier: MIT */
/*
 * cg_funcs.c -- code generation for actions and subroutines: the gen_<name>
 * hooks of the funcs.c table (the aggregating functions' hooks are in
 * cg_agg.c).  Actions return 0 and lay out their record items with
 * cg_rec_add/cg_rec_value; subroutines return the vreg of their value.
 * A hook returns -1 when the function is not supported yet.
 */
#include <linux/bpf.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"
#include "builtins.h"
#include "funcs.h"
#include "prov.h"

#define DEFAULT_STACKFRAMES	20	/* DTrace's stackframes default */
#define DEFAULT_USTACKFRAMES	100	/* ustackframes */
#define DEFAULT_MAXFRAMES	127	/* if /proc does not tell */

static struct node *arg(struct node *call, int i)
{
	struct node *a = call->kid[0];

	while (a && i-- > 0)
		a = a->next;
	return a;
}

static vreg_t vconst(struct cg *g, int64_t v)
{
	vreg_t d = cg_vreg(g);

	ir_movi(g->cc, g->f, d, v);
	return d;
}

static bool char_ptr(struct type *t)
{
	struct type *r = t ? type_resolve(t) : NULL;

	if (!r || (r->kind != TY_PTR && r->kind != TY_ARRAY) || !r->base)
		return false;
	r = type_resolve(r->base);
	return r && r->kind == TY_INT && r->size == 1;
}

static bool is_ptr(struct type *t)
{
	struct type *r = t ? type_resolve(t) : NULL;

	return r && r->kind == TY_PTR;
}

/* A pointer item: its value, DTrace's offset for an alloca pointer. */
static struct cg_rec *rec_ptr(struct cg *g, int action, struct node *a)
{
	vreg_t v = cg_alloca_value(g, a, cg_expr(g, a));
	struct cg_rec *r = cg_rec_add(g, action, DTM_K_PTR, 8, 8, a);

	r->type = a->type ? type_name(g->cc, a->type) : NULL;
	ir_comment(g->cc, g->f, "record[%u] = %s (pointer)", r->r.offset,
		   r->type ? r->type : "?");
	ir_store(g->cc, g->f, 8, cg_sptr(g), g->rec_off + r->r.offset, v);
	return r;
}

/* An action argument: char arrays, and char pointers that a string
 * conversion prints (as_str), are recorded as strings; other pointers
 * by value (trace() of a char * prints the pointer, as in DTrace). */
static struct cg_rec *rec_arg(struct cg *g, int action, struct node *a,
			      bool as_str)
{
	struct cg_rec *r;
	vreg_t v, d, n;

	if (is_ptr(a->type) && (!as_str || !char_ptr(a->type)))
		return rec_ptr(g, action, a);
	if (!char_ptr(a->type))
		return cg_rec_value(g, action, a);
	v = cg_expr(g, a);
	r = cg_rec_add(g, action, DTM_K_STRING, g->strsize, 1, a);
	r->type = "string";
	ir_comment(g->cc, g->f, "record[%u] = string from char *", r->r.offset);
	d = cg_sptr(g);
	ir_alui(g->cc, g->f, BPF_ADD, d, g->rec_off + r->r.offset);
	n = vconst(g, g->strsize);
	cg_call(g, a->type && type_resolve(a->type)->user_addr ?
		BPF_FUNC_probe_read_user_str : BPF_FUNC_probe_read_kernel_str,
		3, d, n, v);
	return r;
}

static const char *str_arg(struct node *a)
{
	return a && a->kind == N_STR && a->str ? a->str : NULL;
}

/* The format as a one-line C literal body, for dcc -S comments. */
static const char *escaped(struct cg *g, const char *s)
{
	size_t n = strlen(s);
	char *d = dcc_alloc(g->cc, 2 * n + 1), *p = d;

	for (; *s; s++) {
		if (*s == '\n' || *s == '\t' || *s == '"' || *s == '\\') {
			*p++ = '\\';
			*p++ = *s == '\n' ? 'n' : *s == '\t' ? 't' : *s;
		} else {
			*p++ = *s;
		}
	}
	*p = 0;
	return d;
}

/* ---- data-recording actions ----------------------------------------------------- */

int gen_trace(struct cg *g, struct node *call)
{
	rec_arg(g, DTM_ACT_TRACE, arg(call, 0), false);
	return 0;
}

#define PRINT_MAX	8192	/* bytes of the pointee print() records */

/* The struct or union a print() argument points to, or NULL. */
static struct type *print_pointee(struct node *a)
{
	struct type *t = a->type ? type_resolve(a->type) : NULL, *b;

	if (!t || t->kind != TY_PTR || !t->base)
		return NULL;
	b = type_resolve(t->base);
	return b && (b->kind == TY_STRUCT || b->kind == TY_UNION) && b->size ?
	       b : NULL;
}

/* print(p) of a pointer to a struct or union: the PRINT item holds the
 * pointer, its .type the pointee's type name (found by dload in the
 * object's BTF, where script types are added, or the kernel's); an ARG
 * item of BYTES follows with the pointee's first bytes:
 *   rec[off] = p; probe_read_kernel(&rec[off2], size, p) */
int gen_print(struct cg *g, struct node *call)
{
	struct node *a = arg(call, 0);
	struct type *t = print_pointee(a), *base;
	struct cg_rec *r, *d;
	uint32_t size;
	vreg_t p, dst;

	r = cg_rec_value(g, DTM_ACT_PRINT, a);
	if (!t)
		return 0;
	base = type_resolve(a->type)->base;
	r->type = type_name(g->cc, base);
	if (!t->btf_id) {	/* script type: into the object's BTF */
		void **v = dcc_alloc(g->cc, (g->p->nprint_types + 1) *
					    sizeof(*v));

		if (g->p->nprint_types)
			memcpy(v, g->p->print_types,
			       g->p->nprint_types * sizeof(*v));
		v[g->p->nprint_types++] = base;
		g->p->print_types = v;
	}
	size = t->size < PRINT_MAX ? (uint32_t)t->size : PRINT_MAX;
	d = cg_rec_add(g, DTM_ACT_ARG, DTM_K_BYTES, size, 8, call);
	ir_comment(g->cc, g->f, "print: record[%u] = %u bytes at the pointer",
		   d->r.offset, size);
	p = cg_vreg(g);
	ir_load(g->cc, g->f, 8, p, cg_sptr(g), g->rec_off + r->r.offset);
	dst = cg_sptr(g);
	ir_alui(g->cc, g->f, BPF_ADD, dst, g->rec_off + d->r.offset);
	cg_call(g, BPF_FUNC_probe_read_kernel, 3, dst, vconst(g, size), p);
	return 0;
}

/* The conversion character that consumes argument i (0: the first after
 * the format) of printf format f, or 0 (a '*' width consumes one too). */
static char fmt_conv(const char *f, int i)
{
	for (; f && *f; f++) {
		if (*f != '%')
			continue;
		if (*++f == '%')
			continue;
		for (; *f && strchr("#+-?' @0123456789.*hlLw", *f); f++)
			if (*f == '*' && i-- == 0)
				return '*';
		if (!*f)
			return 0;
		if (i-- == 0)
			return *f;
	}
	return 0;
}

static bool str_conv(char c)
{
	return c == 's' || c == 'S' || c == 'I';
}

/* printf-like: the action item (fmt, argc), then one ARG item per arg */
static int gen_fmt_action(struct cg *g, struct node *call, int action)
{
	struct node *f = arg(call, 0), *a;
	struct cg_rec *r = cg_rec_add(g, action, DTM_K_NONE, 0, 1, call);
	int i;

	r->fmt = str_arg(f) ? str_arg(f) : "";
	r->r.arg = node_list_len(call->kid[0]) - 1;
	ir_comment(g->cc, g->f, "%s(\"%s\", %u args)",
		   action == DTM_ACT_PRINTF ? "printf" : "action",
		   escaped(g, r->fmt), r->r.arg);
	for (a = f ? f->next : NULL, i = 0; a; a = a->next, i++)
		rec_arg(g, DTM_ACT_ARG, a, !str_arg(f) || str_conv(fmt_conv(r->fmt, i)));
	return 0;
}

int gen_printf(struct cg *g, struct node *call)
{
	return gen_fmt_action(g, call, DTM_ACT_PRINTF);
}

int gen_system(struct cg *g, struct node *call)
{
	return gen_fmt_action(g, call, DTM_ACT_SYSTEM);
}

int gen_freopen(struct cg *g, struct node *call)
{
	return gen_fmt_action(g, call, DTM_ACT_FREOPEN);
}

static uint32_t agg_id(struct cg *g, struct node *a)
{
	if (!a || a->kind != N_AGG || !a->sym)
		dcc_error(g->cc, a ? a->loc : (struct loc){ 0 }, "D_PRINTA_AGGARG",
			  "expected an aggregation");
	cg_agg_get(g, a->sym);
	return (uint32_t)a->sym->id;
}

/* printa([fmt,] @a, @b...): PRINTA(arg = id of @a, fmt), ARG(arg = id)... */
int gen_printa(struct cg *g, struct node *call)
{
	struct node *a = arg(call, 0);
	const char *fmt = str_arg(a);
	struct cg_rec *r;

	if (fmt)
		a = a->next;
	r = cg_rec_add(g, DTM_ACT_PRINTA, DTM_K_NONE, 0, 1, call);
	r->fmt = fmt;
	r->r.arg = agg_id(g, a);
	for (a = a->next; a; a = a->next)
		cg_rec_add(g, DTM_ACT_ARG, DTM_K_NONE, 0, 1, a)->r.arg = agg_id(g, a);
	return 0;
}

/* ---- stacks and symbols: how their values are recorded ------------------------------ */

/* A frame-count option (stackframes, ustackframes, maxframes), or def. */
static uint32_t frames_opt(struct cg *g, const char *name, uint32_t def)
{
	const char *v = dcc_option(g->cc, name);
	unsigned long n;
	char *end;

	if (!v || !*v)
		return def;
	n = strtoul(v, &end, 0);
	return n > 0 && n <= UINT32_MAX ? (uint32_t)n : def;
}

/* DTrace's default maxframes: the kernel's perf_event_max_stack. */
static uint32_t max_frames(struct cg *g)
{
	static uint32_t sysmax;

	if (!sysmax) {
		FILE *f = fopen("/proc/sys/kernel/perf_event_max_stack", "r");
		unsigned int n = 0;

		if (!f || fscanf(f, "%u", &n) != 1 || n == 0)
			n = DEFAULT_MAXFRAMES;
		if (f)
			fclose(f);
		sysmax = n;
	}
	return frames_opt(g, "maxframes", sysmax);
}

static bool is_ustack_call(const struct node *call)
{
	return call->name && (!strcmp(call->name, "ustack") ||
			      !strcmp(call->name, "jstack"));
}

/* Frames of a stack()/ustack()/jstack() call: its constant argument, else
 * the stackframes (ustackframes) option, at most maxframes. */
uint32_t cg_stack_frames(struct cg *g, const struct node *call)
{
	bool user = is_ustack_call(call);
	const struct node *n = call->kid[0];
	uint32_t frames = user ? frames_opt(g, "ustackframes", DEFAULT_USTACKFRAMES)
			       : frames_opt(g, "stackframes", DEFAULT_STACKFRAMES);
	uint32_t max = max_frames(g);

	if (n && n->is_const && n->cval > 0)
		frames = n->cval > UINT32_MAX ? UINT32_MAX : (uint32_t)n->cval;
	return frames > max ? max : frames;
}

static const struct { const char *name; int kind; } sym_kinds[] = {
	{ "sym", DTM_K_SYM }, { "func", DTM_K_SYM }, { "mod", DTM_K_MOD },
	{ "usym", DTM_K_USYM }, { "ufunc", DTM_K_USYM },
	{ "umod", DTM_K_UMOD }, { "uaddr", DTM_K_UADDR },
};

/* The kind of sym()/func()/mod()/usym()/ufunc()/umod()/uaddr()'s value:
 * their function, not their type (_symaddr/_usymaddr), tells; 0 for any
 * other expression. */
int cg_sym_kind(const struct node *e)
{
	size_t i;

	if (!e || e->kind != N_CALL || !e->name)
		return 0;
	for (i = 0; i < sizeof(sym_kinds) / sizeof(sym_kinds[0]); i++)
		if (!strcmp(e->name, sym_kinds[i].name))
			return sym_kinds[i].kind;
	return 0;
}

/* cg_kind_of for the value of expression e (of type t, or e's type):
 * symbol kinds by function, stack()/ustack() sizes by their frames. */
void cg_kind_of_expr(struct cg *g, struct type *t, const struct node *e,
		     int *kind, uint32_t *size, uint32_t *flags, uint32_t *align)
{
	int sk = cg_sym_kind(e);

	cg_kind_of(g, t ? t : e ? e->type : NULL, kind, size, flags, align);
	if (sk) {
		*kind = sk;
		*size = sk == DTM_K_SYM || sk == DTM_K_MOD ? 8 : 16;
		*align = 8;
	} else if (*kind == DTM_K_STACK && e && e->kind == N_CALL && e->name &&
		   (is_ustack_call(e) || !strcmp(e->name, "stack"))) {
		*kind = is_ustack_call(e) ? DTM_K_USTACK : DTM_K_STACK;
		*size = 8 + 8 * cg_stack_frames(g, e);	/* [pid | 0][frames] */
	}
}

/* The most bytes (NUL included) the string e can take: a record item needs
 * no more.  execname is a task's comm (TASK_COMM_LEN, 16), a literal its
 * own length; anything else strsize + 1. */
uint32_t cg_str_bound(struct cg *g, const struct node *e)
{
	uint32_t n = g->strsize;

	if (e->kind == N_IDENT && e->sym && e->sym->kind == SYM_BUILTIN &&
	    e->sym->id == BI_execname)
		n = 16;
	else if (e->kind == N_STR)
		n = (uint32_t)e->slen + 1;
	return n < g->strsize ? n : g->strsize;
}

/* sym(x), mod(x), usym(x)... as a statement record their value, printed
 * like trace() does (DTrace's symmod actions).  True if e was one. */
bool cg_stmt_action(struct cg *g, struct node *e)
{
	if (!cg_sym_kind(e))
		return false;
	ir_comment(g->cc, g->f, "%s(...) as a statement: trace it", e->name);
	cg_rec_value(g, DTM_ACT_TRACE, e);
	return true;
}

/* get_stack(ctx, rec + off, size, flags) into a zeroed item.  BEGIN, END
 * and ERROR run in dload itself: their stacks stay empty, as in DTrace. */
static int gen_stack_common(struct cg *g, struct node *call, bool user)
{
	uint32_t frames = cg_stack_frames(g, call);
	uint32_t size = frames * 8 + (user ? 8 : 0);
	struct cg_rec *r = cg_rec_add(g, user ? DTM_ACT_USTACK : DTM_ACT_STACK,
				      user ? DTM_K_USTACK : DTM_K_STACK, size, 8,
				      call);
	vreg_t s = cg_sptr(g), d, sz, fl, pid;

	r->r.arg = frames;
	ir_comment(g->cc, g->f, "%sstack(%u) into record[%u]", user ? "u" : "",
		   frames, r->r.offset);
	cg_zero(g, s, g->rec_off + r->r.offset, size);
	if (user) {
		pid = cg_call(g, BPF_FUNC_get_current_pid_tgid, 0);
		ir_alui(g->cc, g->f, BPF_RSH, pid, 32);
		ir_store(g->cc, g->f, 8, cg_sptr(g), g->rec_off + r->r.offset, pid);
	}
	if (g->probe && g->probe->prov && g->probe->prov->dtrace)
		return 0;
	d = cg_sptr(g);
	ir_alui(g->cc, g->f, BPF_ADD, d, g->rec_off + r->r.offset + (user ? 8 : 0));
	sz = vconst(g, frames * 8);
	fl = vconst(g, user ? BPF_F_USER_STACK : 0);
	cg_call(g, BPF_FUNC_get_stack, 4, cg_ctx(g), d, sz, fl);
	return 0;
}

int gen_stack(struct cg *g, struct node *call)
{
	return gen_stack_common(g, call, false);
}

int gen_ustack(struct cg *g, struct node *call)
{
	return gen_stack_common(g, call, true);
}

int gen_jstack(struct cg *g, struct node *call)
{
	return gen_stack_common(g, call, true);
}

/* tracemem(addr, size): size bytes read from the kernel into the record */
int gen_tracemem(struct cg *g, struct node *call)
{
	struct node *sz = arg(call, 1);
	uint32_t size = sz && sz->is_const && sz->cval > 0 ? (uint32_t)sz->cval : 0;
	vreg_t a = cg_expr(g, arg(call, 0)), d, n;
	struct cg_rec *r;

	if (!size)
		return -1;
	r = cg_rec_add(g, DTM_ACT_TRACEMEM, DTM_K_BYTES, size, 1, call);
	d = cg_sptr(g);
	ir_alui(g->cc, g->f, BPF_ADD, d, g->rec_off + r->r.offset);
	n = vconst(g, size);
	cg_call(g, BPF_FUNC_probe_read_kernel, 3, d, n, a);
	if (arg(call, 2))	/* dynamic size: an ARG item (dload limits) */
		cg_rec_value(g, DTM_ACT_ARG, arg(call, 2));
	return 0;
}

int gen_printm(struct cg *g, struct node *call) { return -1; }

/* ---- control actions ----------------------------------------------------------------- */

/* exit(n): record EXIT(n); g->exit_status = n; g->state = DRAINING */
int gen_exit(struct cg *g, struct node *call)
{
	struct node *a = arg(call, 0);
	vreg_t v = cg_expr(g, a), gp;
	struct cg_rec *r = cg_rec_add(g, DTM_ACT_EXIT, DTM_K_INT, 4, 4, call);

	r->r.flags = DTM_RF_SIGNED;
	r->type = "int";
	ir_comment(g->cc, g->f, "exit: record status; g->state = DRAINING");
	ir_store(g->cc, g->f, 4, cg_sptr(g), g->rec_off + r->r.offset, v);
	gp = cg_gptr(g);
	ir_store(g->cc, g->f, 4, gp, offsetof(struct dtm_globals_hdr, exit_status), v);
	ir_storei(g->cc, g->f, 4, gp, offsetof(struct dtm_globals_hdr, state),
		  DTM_STATE_DRAINING);
	return 0;
}

/* setopt(name[, value]): SETOPT(fmt = name), ARG(fmt = value) */
int gen_setopt(struct cg *g, struct node *call)
{
	struct cg_rec *r = cg_rec_add(g, DTM_ACT_SETOPT, DTM_K_NONE, 0, 1, call);
	const char *v = str_arg(arg(call, 1));

	r->fmt = str_arg(arg(call, 0)) ? str_arg(arg(call, 0)) : "";
	if (v)
		cg_rec_add(g, DTM_ACT_ARG, DTM_K_NONE, 0, 1, call)->fmt = v;
	return 0;
}

int gen_ftruncate(struct cg *g, struct node *call)
{
	cg_rec_add(g, DTM_ACT_FTRUNCATE, DTM_K_NONE, 0, 1, call);
	return 0;
}

/* raise(sig): send_signal(sig) in the probe context */
int gen_raise(struct cg *g, struct node *call)
{
	vreg_t v = cg_expr(g, arg(call, 0));

	cg_call(g, BPF_FUNC_send_signal, 1, v);
	return 0;
}

int gen_stop(struct cg *g, struct node *call)
{
	cg_call(g, BPF_FUNC_send_signal, 1, vconst(g, SIGSTOP));
	return 0;
}

/* Not possible from BPF: DTrace for Linux says the same at compile time. */
static int not_implemented(struct cg *g, struct node *call)
{
	dcc_error(g->cc, call->loc, "D_UNKNOWN", "%s() is not implemented "
		  "(yet)", call->name);
	return -1;
}

int gen_breakpoint(struct cg *g, struct node *call)
{
	return not_implemented(g, call);
}

int gen_panic(struct cg *g, struct node *call)
{
	return not_implemented(g, call);
}

int gen_chill(struct cg *g, struct node *call)
{
	return not_implemented(g, call);
}

/* ---- destructive writes to user memory ----------------------------------------------- */

/* if (v > k) v = k: both paths leave v in [0, k] for the verifier */
static void clamp_max(struct cg *g, vreg_t v, int64_t k)
{
	int l = ir_label(g->f);

	ir_jcci(g->cc, g->f, BPF_JLE, v, k, l);
	ir_movi(g->cc, g->f, v, k);
	ir_place_label(g->cc, g->f, l);
}

/* probe_write_user(addr, src, n) with n in [1, max] (nothing for n == 0);
 * a non-zero return is a fault at addr, as DTrace's BADADDR */
static void write_user(struct cg *g, vreg_t addr, vreg_t src, vreg_t n,
		       uint32_t max)
{
	int l_skip = ir_label(g->f);
	vreg_t r;

	ir_comment(g->cc, g->f, "copyout: if (n > 0) probe_write_user(addr, "
		   "src, n <= %u)", max);
	clamp_max(g, n, max);
	ir_jcci(g->cc, g->f, BPF_JLT, n, 1, l_skip);
	r = cg_call(g, BPF_FUNC_probe_write_user, 3, addr, src, n);
	cg_fault_jcci(g, BPF_JNE, r, 0, DTM_FLT_BADADDR, addr);
	ir_place_label(g->cc, g->f, l_skip);
}

/* copyout(buf, addr, nbytes): alloca buffers are checked in place; other
 * (kernel) memory goes through a temporary of the constant size, or of
 * strsize bytes; a larger nbytes is a BADSIZE fault */
int gen_copyout(struct cg *g, struct node *call)
{
	struct node *b = arg(call, 0), *sz = arg(call, 2);
	vreg_t buf = cg_expr(g, b), addr = cg_expr(g, arg(call, 1));
	vreg_t n = cg_vcopy(g, cg_expr(g, sz)), src, r;
	uint32_t max, tmp;

	if (cg_tainted(g, b)) {
		max = g->scratchsize;
		cg_fault_jcci(g, BPF_JGT, n, max, DTM_FLT_BADSIZE, n);
		src = cg_alloca_check(g, buf, n, 0);
	} else {
		max = sz->is_const && sz->cval > 0 && sz->cval <= 4096 ?
		      (uint32_t)sz->cval : g->strsize;
		cg_fault_jcci(g, BPF_JGT, n, max, DTM_FLT_BADSIZE, n);
		tmp = cg_tmp_alloc(g, max);
		ir_comment(g->cc, g->f, "copyout: tmp = kernel bytes of buf");
		clamp_max(g, n, max);
		r = cg_call(g, BPF_FUNC_probe_read_kernel, 3, cg_tmp_ptr(g, tmp),
			    n, buf);
		cg_fault_jcci(g, BPF_JSLT, r, 0, DTM_FLT_BADADDR, buf);
		src = cg_tmp_ptr(g, tmp);
	}
	write_user(g, addr, src, n, max);
	return 0;
}

/* copyoutstr(str, addr, maxlen): n = min(strlen(str) + 1, maxlen) bytes,
 * through a strsize temporary (n = probe_read_str's count, NUL included) */
int gen_copyoutstr(struct cg *g, struct node *call)
{
	vreg_t s = cg_expr_str(g, arg(call, 0)), addr = cg_expr(g, arg(call, 1));
	vreg_t max = cg_expr(g, arg(call, 2)), n;
	uint32_t tmp = cg_tmp_alloc(g, g->strsize);
	int l = ir_label(g->f);

	ir_comment(g->cc, g->f, "copyoutstr: n = probe_read_str(tmp, strsize, s)");
	n = cg_call(g, BPF_FUNC_probe_read_kernel_str, 3, cg_tmp_ptr(g, tmp),
		    vconst(g, g->strsize), s);
	cg_fault_jcci(g, BPF_JSLT, n, 0, DTM_FLT_BADADDR, s);
	n = cg_vcopy(g, n);
	ir_jcc(g->cc, g->f, BPF_JLE, n, max, l);	/* n = min(n, maxlen) */
	ir_mov(g->cc, g->f, n, max);
	ir_place_label(g->cc, g->f, l);
	write_user(g, addr, cg_tmp_ptr(g, tmp), n, g->strsize);
	return 0;
}
int gen_pcap(struct cg *g, struct node *call) { return -1; }

/* ---- actions on aggregations ------------------------------------------------------------ */

static int agg_action(struct cg *g, struct node *call, int action, bool narg)
{
	struct node *a = arg(call, 0);
	struct cg_rec *r = cg_rec_add(g, action, DTM_K_NONE, 0, 1, call);

	r->r.arg = agg_id(g, a);
	if (narg && a->next)
		cg_rec_value(g, DTM_ACT_ARG, a->next);
	return 0;
}

int gen_clear(struct cg *g, struct node *call)
{
	return agg_action(g, call, DTM_ACT_CLEAR, false);
}

int gen_trunc(struct cg *g, struct node *call)
{
	return agg_action(g, call, DTM_ACT_TRUNC, true);
}

int gen_normalize(struct cg *g, struct node *call)
{
	return agg_action(g, call, DTM_ACT_NORMALIZE, true);
}

int gen_denormalize(struct cg *g, struct node *call)
{
	return agg_action(g, call, DTM_ACT_DENORMALIZE, false);
}
