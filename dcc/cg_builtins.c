/* SPDX-License-Identifier: MIT */
/*
 * cg_builtins.c -- code generation for D's built-in variables: the
 * gen_bi_<name> hooks of builtins.h.  Each returns a vreg holding the value
 * (for strings: a pointer to the string in scratch memory), or -1 when
 * the variable is not supported yet.
 *
 * arg0..arg9 and errno come from the mstate the provider prologue filled;
 * id (prid) and cpu from the record header; the rest from BPF helpers.
 */
#include <linux/bpf.h>
#include <stddef.h>

#include "builtins.h"
#include "cg.h"
#include "prov.h"

static vreg_t mst_load(struct cg *g, int32_t off)
{
	vreg_t s = cg_sptr(g), v = cg_vreg(g);

	ir_load(g->cc, g->f, 8, v, s, off);
	return v;
}

#define ARG(n) \
int gen_bi_arg##n(struct cg *g, struct node *ref) \
{ \
	return mst_load(g, CG_MST_ARG(n)); \
}
ARG(0) ARG(1) ARG(2) ARG(3) ARG(4) ARG(5) ARG(6) ARG(7) ARG(8) ARG(9)
#undef ARG

/* args[i]: the mstate argument, converted to the element type. */
int gen_bi_args(struct cg *g, struct node *ref)
{
	struct node *ix = ref->kind == N_INDEX ? ref->kid[1] : NULL;
	vreg_t s, v, i;

	if (!ix)
		return -1;
	if (ix->is_const) {
		if (ix->cval < 0 || ix->cval >= CG_NARGS)
			dcc_error(g->cc, ref->loc, "D_ARGS_IDX",
				  "index %lld is out of range for args[ ]",
				  (long long)ix->cval);
		v = mst_load(g, CG_MST_ARG(ix->cval));
	} else {
		i = cg_expr(g, ix);
		cg_fault_jcci(g, BPF_JGE, i, CG_NARGS, DTM_FLT_ILLOP, IR_NOREG);
		ir_alui(g->cc, g->f, BPF_LSH, i, 3);
		s = cg_sptr(g);
		ir_alu(g->cc, g->f, BPF_ADD, s, i);
		v = cg_vreg(g);
		ir_load(g->cc, g->f, 8, v, s, CG_MST_ARG(0));
	}
	cg_norm(g, v, ref->type);
	return v;
}

int gen_bi_uregs(struct cg *g, struct node *ref) { return -1; }

/* pid_tgid: tgid in the upper 32 bits, tid in the lower */
static vreg_t pid_tgid(struct cg *g, bool upper)
{
	vreg_t v = cg_call(g, BPF_FUNC_get_current_pid_tgid, 0);

	if (upper) {
		ir_alui(g->cc, g->f, BPF_RSH, v, 32);
	} else {
		ir_alui(g->cc, g->f, BPF_LSH, v, 32);
		ir_alui(g->cc, g->f, BPF_RSH, v, 32);
	}
	return v;
}

int gen_bi_pid(struct cg *g, struct node *ref)
{
	return pid_tgid(g, true);
}

int gen_bi_tid(struct cg *g, struct node *ref)
{
	return pid_tgid(g, false);
}

/* Follow curthread->real_parent->tgid with kernel reads (BTF offsets). */
static vreg_t task_field(struct cg *g, vreg_t task, const char *member,
			 uint32_t size)
{
	struct type *tt = type_lookup(g->cc, "struct task_struct");
	struct member *m;
	uint64_t off = 0;
	uint32_t tmp = cg_tmp_alloc(g, 8);
	vreg_t p, n, r, v;

	m = tt ? type_member(type_resolve(tt), member, &off) : NULL;
	if (!m)
		return IR_NOREG;
	p = cg_vreg(g);
	ir_mov(g->cc, g->f, p, task);
	ir_alui(g->cc, g->f, BPF_ADD, p, (int64_t)off);
	n = cg_vreg(g);
	ir_movi(g->cc, g->f, n, size);
	r = cg_call(g, BPF_FUNC_probe_read_kernel, 3, cg_tmp_ptr(g, tmp), n, p);
	cg_fault_jcci(g, BPF_JSLT, r, 0, DTM_FLT_BADADDR, p);
	v = cg_vreg(g);
	ir_load(g->cc, g->f, size, v, cg_tmp_ptr(g, tmp), 0);
	return v;
}

int gen_bi_ppid(struct cg *g, struct node *ref)
{
	vreg_t t = cg_call(g, BPF_FUNC_get_current_task, 0), p;

	ir_comment(g->cc, g->f, "ppid = curthread->real_parent->tgid");
	p = task_field(g, t, "real_parent", 8);
	if (p == IR_NOREG)
		return -1;
	return task_field(g, p, "tgid", 4);
}

static vreg_t uid_gid(struct cg *g, bool gid)
{
	vreg_t v = cg_call(g, BPF_FUNC_get_current_uid_gid, 0);

	if (gid) {
		ir_alui(g->cc, g->f, BPF_RSH, v, 32);
	} else {
		ir_alui(g->cc, g->f, BPF_LSH, v, 32);
		ir_alui(g->cc, g->f, BPF_RSH, v, 32);
	}
	return v;
}

int gen_bi_uid(struct cg *g, struct node *ref)
{
	return uid_gid(g, false);
}

int gen_bi_gid(struct cg *g, struct node *ref)
{
	return uid_gid(g, true);
}

/* get_current_comm(tmp, 16): tmp is strsize bytes, zero-padded */
int gen_bi_execname(struct cg *g, struct node *ref)
{
	uint32_t tmp = cg_tmp_alloc(g, g->strsize);
	vreg_t n = cg_vreg(g);

	ir_comment(g->cc, g->f, "execname: get_current_comm(tmp, 16)");
	ir_movi(g->cc, g->f, n, 16);
	cg_call(g, BPF_FUNC_get_current_comm, 2, cg_tmp_ptr(g, tmp), n);
	return cg_tmp_ptr(g, tmp);
}

int gen_bi_timestamp(struct cg *g, struct node *ref)
{
	return cg_call(g, BPF_FUNC_ktime_get_ns, 0);
}

int gen_bi_vtimestamp(struct cg *g, struct node *ref)
{
	return cg_call(g, BPF_FUNC_ktime_get_ns, 0);
}

/* Wall clock: the TAI clock is the closest the helpers offer
 * (CLOCK_TAI = CLOCK_REALTIME + the TAI offset, 37s if set, else 0). */
int gen_bi_walltimestamp(struct cg *g, struct node *ref)
{
	return cg_call(g, BPF_FUNC_ktime_get_tai_ns, 0);
}

int gen_bi_cpu(struct cg *g, struct node *ref)
{
	return cg_call(g, BPF_FUNC_get_smp_processor_id, 0);
}

int gen_bi_curcpu(struct cg *g, struct node *ref) { return -1; }

/* id: the prid in the record header */
int gen_bi_id(struct cg *g, struct node *ref)
{
	vreg_t s = cg_sptr(g), v = cg_vreg(g);

	ir_load(g->cc, g->f, 4, v, s, g->rec_off + 4);
	return v;
}

int gen_bi_epid(struct cg *g, struct node *ref)
{
	vreg_t v = cg_vreg(g);

	ir_movi(g->cc, g->f, v, g->epid);
	return v;
}

int gen_bi_errno(struct cg *g, struct node *ref)
{
	return mst_load(g, CG_MST_ERRNO);
}

/* dt_probes[prid].<field> copied to a string temporary */
static vreg_t probe_name(struct cg *g, uint32_t field)
{
	struct dcc *cc = g->cc;
	uint32_t ktmp = cg_tmp_alloc(g, 8), tmp = cg_tmp_alloc(g, g->strsize);
	vreg_t s = cg_sptr(g), id = cg_vreg(g), m = cg_vreg(g), v, n;
	int l_ok = ir_label(g->f), l_end = ir_label(g->f);

	ir_comment(cc, g->f, "probe name: dt_probes[prid] + %u", field);
	ir_load(cc, g->f, 4, id, s, g->rec_off + 4);
	ir_store(cc, g->f, 4, cg_tmp_ptr(g, ktmp), 0, id);
	ir_ld_map(cc, g->f, m, DTM_MAP_PROBES);
	v = cg_call(g, BPF_FUNC_map_lookup_elem, 2, m, cg_tmp_ptr(g, ktmp));
	ir_jcci(cc, g->f, BPF_JNE, v, 0, l_ok);
	ir_storei(cc, g->f, 1, cg_tmp_ptr(g, tmp), 0, 0);
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_ok);
	ir_alui(cc, g->f, BPF_ADD, v, field);
	n = cg_vreg(g);
	ir_movi(cc, g->f, n, DTM_PROBE_STRLEN);
	cg_call(g, BPF_FUNC_probe_read_kernel_str, 3, cg_tmp_ptr(g, tmp), n, v);
	ir_place_label(cc, g->f, l_end);
	return cg_tmp_ptr(g, tmp);
}

int gen_bi_probeprov(struct cg *g, struct node *ref)
{
	return probe_name(g, offsetof(struct dtm_probe_info, prov));
}

int gen_bi_probemod(struct cg *g, struct node *ref)
{
	return probe_name(g, offsetof(struct dtm_probe_info, mod));
}

int gen_bi_probefunc(struct cg *g, struct node *ref)
{
	return probe_name(g, offsetof(struct dtm_probe_info, func));
}

int gen_bi_probename(struct cg *g, struct node *ref)
{
	return probe_name(g, offsetof(struct dtm_probe_info, name));
}

int gen_bi_curthread(struct cg *g, struct node *ref)
{
	return cg_call(g, BPF_FUNC_get_current_task, 0);
}

int gen_bi_caller(struct cg *g, struct node *ref) { return -1; }
int gen_bi_ucaller(struct cg *g, struct node *ref) { return -1; }
int gen_bi_stackdepth(struct cg *g, struct node *ref) { return -1; }
int gen_bi_ustackdepth(struct cg *g, struct node *ref) { return -1; }
int gen_bi_ipl(struct cg *g, struct node *ref) { return -1; }
int gen_bi_curpsinfo(struct cg *g, struct node *ref) { return -1; }
int gen_bi_curlwpsinfo(struct cg *g, struct node *ref) { return -1; }
int gen_bi_execargs(struct cg *g, struct node *ref) { return -1; }
