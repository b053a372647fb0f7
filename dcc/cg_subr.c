/* SPDX-License-Identifier: MIT */
/*
 * cg_subr.c -- code generation for D's subroutines (the FK_SUBR gen_<name>
 * hooks of funcs.h).  Each returns the vreg of its value: integers as
 * usual, strings as a pointer to a strsize-byte scratch temporary.
 * String loops are bounded by strsize so the verifier can follow them.
 */
#include <linux/bpf.h>

#include <string.h>

#include "cg.h"
#include "funcs.h"


static void clamp(struct cg *g, int cc_, vreg_t v, int64_t imm, int64_t k);

/* ---- strings ------------------------------------------------------------------ */

/* n = 0; while (n < strsize && s[n]) n++  -- a word at a time, then the
 * bytes of the word holding the NUL */
static vreg_t strlen_of(struct cg *g, vreg_t s)
{
	struct dcc *cc = g->cc;
	vreg_t n = cg_vconst(g, 0), p = cg_vreg(g);
	vreg_t w = cg_vreg(g), c = cg_vreg(g);
	int l_loop = ir_label(g->f), l_find = ir_label(g->f);
	int l_end = ir_label(g->f), k;

	ir_comment(cc, g->f, "strlen: word loop (%u)", g->strsize);
	ir_place_label(cc, g->f, l_loop);
	ir_mov(cc, g->f, p, s);
	ir_alu(cc, g->f, BPF_ADD, p, n);
	ir_load(cc, g->f, 8, w, p, 0);
	cg_jump_haszero(g, w, l_find);
	ir_alui(cc, g->f, BPF_ADD, n, 8);
	ir_jcci(cc, g->f, BPF_JLT, n, (g->strsize + 7) & ~7u, l_loop);
	ir_movi(cc, g->f, n, g->strsize);
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_find);
	for (k = 0; k < 7; k++) {
		ir_mov(cc, g->f, c, w);
		ir_alui(cc, g->f, BPF_AND, c, 0xff);
		ir_jcci(cc, g->f, BPF_JEQ, c, 0, l_end);
		ir_alui(cc, g->f, BPF_RSH, w, 8);
		ir_alui(cc, g->f, BPF_ADD, n, 1);
	}
	ir_place_label(cc, g->f, l_end);
	clamp(g, BPF_JSGT, n, g->strsize - 1, g->strsize - 1);	/* strsize chars */
	return n;
}

int gen_strlen(struct cg *g, struct node *call)
{
	return strlen_of(g, cg_expr_str(g, cg_call_arg(call, 0)));
}

/* strjoin(a, b): t = a; t[len(a)..] = b (truncated to strsize) */
int gen_strjoin(struct cg *g, struct node *call)
{
	struct dcc *cc = g->cc;
	uint32_t tmp = cg_tmp_alloc(g, 2 * g->strsize);
	vreg_t a = cg_expr_str(g, cg_call_arg(call, 0)), b = cg_expr_str(g, cg_call_arg(call, 1));
	vreg_t r, d, n;
	int l_ok = ir_label(g->f);

	ir_comment(cc, g->f, "strjoin: copy a, then b after it");
	r = cg_call(g, BPF_FUNC_probe_read_kernel_str, 3, cg_tmp_ptr(g, tmp),
		    cg_vconst(g, g->strsize), a);
	ir_jcci(cc, g->f, BPF_JSGT, r, 0, l_ok);
	ir_movi(cc, g->f, r, 1);
	ir_place_label(cc, g->f, l_ok);
	ir_alui(cc, g->f, BPF_SUB, r, 1);		/* length of a */
	cg_fault_jcci(g, BPF_JGE, r, g->strsize, DTM_FLT_NOSCRATCH, IR_NOREG);
	d = cg_tmp_ptr(g, tmp);
	ir_alu(cc, g->f, BPF_ADD, d, r);
	n = cg_vconst(g, g->strsize);
	ir_alu(cc, g->f, BPF_SUB, n, r);		/* room left, >= 1 */
	cg_call(g, BPF_FUNC_probe_read_kernel_str, 3, d, n, b);
	return cg_tmp_ptr(g, tmp);
}

static vreg_t read_str(struct cg *g, vreg_t src, bool user)
{
	uint32_t tmp = cg_tmp_alloc(g, g->strsize);
	vreg_t r;

	r = cg_call(g, user ? BPF_FUNC_probe_read_user_str
			    : BPF_FUNC_probe_read_kernel_str,
		    3, cg_tmp_ptr(g, tmp), cg_vconst(g, g->strsize), src);
	cg_fault_jcci(g, BPF_JSLT, r, 0, DTM_FLT_BADADDR, src);
	return cg_tmp_ptr(g, tmp);
}

int gen_copyinstr(struct cg *g, struct node *call)
{
	return read_str(g, cg_expr(g, cg_call_arg(call, 0)), true);
}

/* copyin(addr, size): size must be a constant here */
int gen_copyin(struct cg *g, struct node *call)
{
	struct node *sz = cg_call_arg(call, 1);
	uint32_t tmp, size;
	vreg_t a = cg_expr(g, cg_call_arg(call, 0)), r;

	if (!sz->is_const || sz->cval <= 0 || sz->cval > 4096)
		return -1;
	size = (uint32_t)sz->cval;
	tmp = cg_tmp_alloc(g, size);
	r = cg_call(g, BPF_FUNC_probe_read_user, 3, cg_tmp_ptr(g, tmp),
		    cg_vconst(g, size), a);
	cg_fault_jcci(g, BPF_JSLT, r, 0, DTM_FLT_BADADDR, a);
	return cg_tmp_ptr(g, tmp);
}

/* if (v <cc> imm) v = k */
static void clamp(struct cg *g, int cc_, vreg_t v, int64_t imm, int64_t k)
{
	int l = ir_label(g->f);

	ir_jcci(g->cc, g->f, cc_ == BPF_JSLT ? BPF_JSGE : BPF_JSLE, v, imm, l);
	ir_movi(g->cc, g->f, v, k);
	ir_place_label(g->cc, g->f, l);
}

/* DTrace's index/remaining adjustment for substr(s, i[, n]). */
static void substr_bounds(struct cg *g, vreg_t len, vreg_t i, vreg_t rem)
{
	struct dcc *cc = g->cc;
	vreg_t t = cg_vreg(g);
	int l_pos = ir_label(g->f), l_adj = ir_label(g->f), l_zero = ir_label(g->f);
	int l_neg = ir_label(g->f), l_end = ir_label(g->f);

	ir_comment(cc, g->f, "substr: i < 0 counts from the end");
	ir_jcci(cc, g->f, BPF_JSGE, i, 0, l_pos);
	ir_alu(cc, g->f, BPF_ADD, i, len);
	ir_jcci(cc, g->f, BPF_JSGE, i, 0, l_pos);
	ir_mov(cc, g->f, t, i);
	ir_alu(cc, g->f, BPF_ADD, t, rem);
	ir_jcci(cc, g->f, BPF_JSLE, t, 0, l_pos);
	ir_alu(cc, g->f, BPF_ADD, rem, i);
	ir_movi(cc, g->f, i, 0);
	ir_place_label(cc, g->f, l_pos);
	ir_jcc(cc, g->f, BPF_JSGE, i, len, l_zero);
	ir_jcci(cc, g->f, BPF_JSLT, i, 0, l_zero);
	ir_jcci(cc, g->f, BPF_JSLT, rem, 0, l_neg);
	ir_mov(cc, g->f, t, i);
	ir_alu(cc, g->f, BPF_ADD, t, rem);
	ir_jcci(cc, g->f, BPF_JSLE, t, g->strsize, l_end);
	ir_movi(cc, g->f, rem, g->strsize);
	ir_alu(cc, g->f, BPF_SUB, rem, i);
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_neg);
	ir_alu(cc, g->f, BPF_ADD, rem, len);
	ir_alu(cc, g->f, BPF_SUB, rem, i);
	ir_ja(cc, g->f, l_adj);
	ir_place_label(cc, g->f, l_zero);
	ir_movi(cc, g->f, rem, 0);
	ir_place_label(cc, g->f, l_adj);
	ir_place_label(cc, g->f, l_end);
	clamp(g, BPF_JSLT, rem, 0, 0);
	clamp(g, BPF_JSGT, rem, g->strsize - 1, g->strsize - 1);
}

/* substr(s, i[, n]): copy rem bytes from s + i into a temporary */
int gen_substr(struct cg *g, struct node *call)
{
	struct dcc *cc = g->cc;
	uint32_t tmp = cg_tmp_alloc(g, g->strsize);
	vreg_t s = cg_expr_str(g, cg_call_arg(call, 0)), i, rem, len, src, d;
	int l_end = ir_label(g->f);

	i = cg_vreg(g);
	ir_mov(cc, g->f, i, cg_expr(g, cg_call_arg(call, 1)));
	rem = cg_vreg(g);
	if (cg_call_arg(call, 2))
		ir_mov(cc, g->f, rem, cg_expr(g, cg_call_arg(call, 2)));
	else
		ir_movi(cc, g->f, rem, g->strsize);
	len = strlen_of(g, s);
	substr_bounds(g, len, i, rem);
	ir_storei(cc, g->f, 1, cg_tmp_ptr(g, tmp), 0, 0);
	ir_jcci(cc, g->f, BPF_JEQ, rem, 0, l_end);
	src = cg_vcopy(g, s);
	ir_alu(cc, g->f, BPF_ADD, src, i);
	ir_alui(cc, g->f, BPF_ADD, rem, 1);
	d = cg_tmp_ptr(g, tmp);
	cg_call(g, BPF_FUNC_probe_read_kernel_str, 3, d, rem, src);
	ir_place_label(cc, g->f, l_end);
	return cg_tmp_ptr(g, tmp);
}

/*
 * toupper/tolower: copy, then flip the case of letters in [lo, hi] in a
 * bounded loop whose only branch is its exit (taken as the fall-through,
 * so the verifier keeps one pending state, not one per character):
 *	i = 0
 * loop:	c = t[i]; if (c == 0) goto end
 *	m = (c - lo) >= 0 && (c - lo - 26) < 0;  t[i] = c ^ (m << 5)
 *	if (++i < strsize + 1) goto loop
 */
static int change_case(struct cg *g, struct node *call, int lo, int hi)
{
	struct dcc *cc = g->cc;
	vreg_t t = read_str(g, cg_expr(g, cg_call_arg(call, 0)), false);
	vreg_t i = cg_vconst(g, 0), p = cg_vreg(g), c = cg_vreg(g), a, m;
	int l_loop = ir_label(g->f), l_cont = ir_label(g->f), l_end = ir_label(g->f);

	ir_place_label(cc, g->f, l_loop);
	ir_mov(cc, g->f, p, t);
	ir_alu(cc, g->f, BPF_ADD, p, i);
	ir_load(cc, g->f, 1, c, p, 0);
	ir_jcci(cc, g->f, BPF_JNE, c, 0, l_cont);
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_cont);
	a = cg_vcopy(g, c);
	ir_alui(cc, g->f, BPF_SUB, a, lo);
	m = cg_vcopy(g, a);
	ir_alui(cc, g->f, BPF_SUB, m, hi - lo + 1);
	ir_alui(cc, g->f, BPF_RSH, m, 63);		/* c <= hi */
	ir_alui(cc, g->f, BPF_RSH, a, 63);
	ir_alui(cc, g->f, BPF_XOR, a, 1);		/* c >= lo */
	ir_alu(cc, g->f, BPF_AND, m, a);
	ir_alui(cc, g->f, BPF_LSH, m, 5);
	ir_alu(cc, g->f, BPF_XOR, c, m);
	ir_store(cc, g->f, 1, p, 0, c);
	ir_alui(cc, g->f, BPF_ADD, i, 1);
	ir_jcci(cc, g->f, BPF_JLT, i, g->strsize, l_loop);
	ir_place_label(cc, g->f, l_end);
	return t;
}

int gen_toupper(struct cg *g, struct node *call)
{
	return change_case(g, call, 'a', 'z');
}

int gen_tolower(struct cg *g, struct node *call)
{
	return change_case(g, call, 'A', 'Z');
}

/* ---- byte order (the host is little-endian) ----------------------------------------- */

/* d = byte-reversed low `bytes` bytes of v */
static vreg_t bswap(struct cg *g, vreg_t v, int bytes)
{
	vreg_t d = cg_vconst(g, 0), t = cg_vreg(g);
	int i;

	for (i = 0; i < bytes; i++) {
		ir_mov(g->cc, g->f, t, v);
		if (i)
			ir_alui(g->cc, g->f, BPF_RSH, t, 8 * i);
		ir_alui(g->cc, g->f, BPF_AND, t, 0xff);
		if (bytes - 1 - i)
			ir_alui(g->cc, g->f, BPF_LSH, t, 8 * (bytes - 1 - i));
		ir_alu(g->cc, g->f, BPF_OR, d, t);
	}
	return d;
}

int gen_htons(struct cg *g, struct node *call) { return bswap(g, cg_expr(g, cg_call_arg(call, 0)), 2); }
int gen_htonl(struct cg *g, struct node *call) { return bswap(g, cg_expr(g, cg_call_arg(call, 0)), 4); }
int gen_htonll(struct cg *g, struct node *call) { return bswap(g, cg_expr(g, cg_call_arg(call, 0)), 8); }
int gen_ntohs(struct cg *g, struct node *call) { return bswap(g, cg_expr(g, cg_call_arg(call, 0)), 2); }
int gen_ntohl(struct cg *g, struct node *call) { return bswap(g, cg_expr(g, cg_call_arg(call, 0)), 4); }
int gen_ntohll(struct cg *g, struct node *call) { return bswap(g, cg_expr(g, cg_call_arg(call, 0)), 8); }

int gen_copyinto(struct cg *g, struct node *call) { return -1; }
int gen_alloca(struct cg *g, struct node *call) { return -1; }
int gen_bcopy(struct cg *g, struct node *call) { return -1; }

/* ---- symbols: the value is the address, printed symbolically ------------------------ */

static int addr_value(struct cg *g, struct node *call)
{
	return cg_vcopy(g, cg_expr(g, cg_call_arg(call, 0)));
}

int gen_func(struct cg *g, struct node *call) { return addr_value(g, call); }
int gen_sym(struct cg *g, struct node *call) { return addr_value(g, call); }
int gen_mod(struct cg *g, struct node *call) { return addr_value(g, call); }
int gen_ufunc(struct cg *g, struct node *call) { return addr_value(g, call); }
int gen_usym(struct cg *g, struct node *call) { return addr_value(g, call); }
int gen_umod(struct cg *g, struct node *call) { return addr_value(g, call); }
int gen_uaddr(struct cg *g, struct node *call) { return addr_value(g, call); }

/* ---- other ------------------------------------------------------------------------------ */

int gen_rand(struct cg *g, struct node *call)
{
	return cg_call(g, BPF_FUNC_get_prandom_u32, 0);
}

/* v = *(u<size> *)(kernel address p), faulting if unreadable */
static vreg_t kread(struct cg *g, vreg_t p, uint32_t size)
{
	uint32_t tmp = cg_tmp_alloc(g, 8);
	vreg_t r, v = cg_vreg(g);

	ir_storei(g->cc, g->f, 8, cg_tmp_ptr(g, tmp), 0, 0);
	r = cg_call(g, BPF_FUNC_probe_read_kernel, 3, cg_tmp_ptr(g, tmp),
		    cg_vconst(g, size), p);
	cg_fault_jcci(g, BPF_JSLT, r, 0, DTM_FLT_BADADDR, p);
	ir_load(g->cc, g->f, size, v, cg_tmp_ptr(g, tmp), 0);
	return v;
}

/* v = *(u<size> *)(base + offsetof(struct sname, member)) (CO-RE) */
static vreg_t kfield(struct cg *g, vreg_t base, const char *sname,
		     const char *member, uint32_t size, struct node *call)
{
	vreg_t p = cg_core_field_ptr(g, base, sname, member, NULL);

	if (p == IR_NOREG)
		dcc_error(g->cc, call->loc, "D_UNKNOWN",
			  "%s has no member %s in the kernel BTF", sname, member);
	return kread(g, p, size);
}

#define PROGENY_DEPTH	64

/*
 * progenyof(pid): 1 if the current process is pid or one of its
 * descendants.  Walk up the real_parent chain (at most PROGENY_DEPTH):
 *	t = current
 * loop:	if (t->tgid == pid) return 1
 *	p = t->real_parent; if (p == t || p == 0) return 0
 *	t = p
 */
int gen_progenyof(struct cg *g, struct node *call)
{
	struct dcc *cc = g->cc;
	vreg_t pid = cg_vcopy(g, cg_expr(g, cg_call_arg(call, 0))), r = cg_vconst(g, 0);
	vreg_t t = cg_call(g, BPF_FUNC_get_current_task, 0), k = cg_vconst(g, 0), v, p;
	int l_loop = ir_label(g->f), l_yes = ir_label(g->f), l_end = ir_label(g->f);

	ir_comment(cc, g->f, "progenyof: walk up the real_parent chain");
	ir_alui(cc, g->f, BPF_LSH, pid, 32);
	ir_alui(cc, g->f, BPF_RSH, pid, 32);
	ir_place_label(cc, g->f, l_loop);
	v = kfield(g, t, "struct task_struct", "tgid", 4, call);
	ir_jcc(cc, g->f, BPF_JEQ, v, pid, l_yes);
	p = kfield(g, t, "struct task_struct", "real_parent", 8, call);
	ir_jcc(cc, g->f, BPF_JEQ, p, t, l_end);
	ir_jcci(cc, g->f, BPF_JEQ, p, 0, l_end);
	ir_mov(cc, g->f, t, p);
	ir_alui(cc, g->f, BPF_ADD, k, 1);
	ir_jcci(cc, g->f, BPF_JLT, k, PROGENY_DEPTH, l_loop);
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_yes);
	ir_movi(cc, g->f, r, 1);
	ir_place_label(cc, g->f, l_end);
	return r;
}

/* Linux dev_t: major in the bits 20-31, minor in the bits 0-19 */
int gen_getmajor(struct cg *g, struct node *call)
{
	vreg_t v = cg_vcopy(g, cg_expr(g, cg_call_arg(call, 0)));

	ir_alui(g->cc, g->f, BPF_RSH, v, 20);
	ir_alui(g->cc, g->f, BPF_AND, v, 0xfff);
	return v;
}

int gen_getminor(struct cg *g, struct node *call)
{
	vreg_t v = cg_vcopy(g, cg_expr(g, cg_call_arg(call, 0)));

	ir_alui(g->cc, g->f, BPF_AND, v, 0xfffff);
	return v;
}

/* ---- locks: Linux struct mutex and rwlock_t (queued rwlock) ----------------------- */

#define MUTEX_FLAGS	7	/* low bits of mutex.owner */
#define QW_WMASK	0x1ff	/* qrwlock: writer locked/waiting bits */
#define QW_LOCKED	0x0ff

/* owner = mutex->owner & ~MUTEX_FLAGS */
static vreg_t mutex_owner(struct cg *g, struct node *call)
{
	vreg_t m = cg_expr(g, cg_call_arg(call, 0));
	vreg_t o = kfield(g, m, "struct mutex", "owner", 8, call);

	ir_alui(g->cc, g->f, BPF_AND, o, ~MUTEX_FLAGS);
	return o;
}

int gen_mutex_owner(struct cg *g, struct node *call)
{
	return mutex_owner(g, call);
}

/* mutex_owned(m): the owner is the current task */
int gen_mutex_owned(struct cg *g, struct node *call)
{
	vreg_t o = mutex_owner(g, call), t = cg_call(g, BPF_FUNC_get_current_task, 0);
	vreg_t r = cg_vconst(g, 1);
	int l = ir_label(g->f);

	ir_jcc(g->cc, g->f, BPF_JEQ, o, t, l);
	ir_movi(g->cc, g->f, r, 0);
	ir_place_label(g->cc, g->f, l);
	return r;
}

/* Linux mutexes are adaptive (they spin, then sleep) */
int gen_mutex_type_adaptive(struct cg *g, struct node *call)
{
	cg_expr(g, cg_call_arg(call, 0));
	return cg_vconst(g, 1);
}

int gen_mutex_type_spin(struct cg *g, struct node *call)
{
	cg_expr(g, cg_call_arg(call, 0));
	return cg_vconst(g, 0);
}

/* the qrwlock counter: the first word of rwlock_t (raw_lock.cnts) */
static vreg_t rw_cnts(struct cg *g, struct node *call)
{
	return kread(g, cg_expr(g, cg_call_arg(call, 0)), 4);
}

/* reader count bits (non-zero if read-held), as DTrace for Linux */
int gen_rw_read_held(struct cg *g, struct node *call)
{
	vreg_t c = rw_cnts(g, call);

	ir_alui(g->cc, g->f, BPF_AND, c, ~QW_WMASK);
	return c;
}

/* writer holds the lock */
int gen_rw_write_held(struct cg *g, struct node *call)
{
	vreg_t c = rw_cnts(g, call), r = cg_vconst(g, 0);
	int l = ir_label(g->f);

	ir_alui(g->cc, g->f, BPF_AND, c, QW_LOCKED);
	ir_jcci(g->cc, g->f, BPF_JNE, c, QW_LOCKED, l);
	ir_movi(g->cc, g->f, r, 1);
	ir_place_label(g->cc, g->f, l);
	return r;
}

/* a writer holds or waits for the lock */
int gen_rw_iswriter(struct cg *g, struct node *call)
{
	vreg_t c = rw_cnts(g, call), r = cg_vconst(g, 0);
	int l = ir_label(g->f);

	ir_alui(g->cc, g->f, BPF_AND, c, QW_WMASK);
	ir_jcci(g->cc, g->f, BPF_JEQ, c, 0, l);
	ir_movi(g->cc, g->f, r, 1);
	ir_place_label(g->cc, g->f, l);
	return r;
}

/* ---- d_path, msgsize ----------------------------------------------------------------- */

static bool tracing_prog(struct cg *g)
{
	const char *sec = g->probe ? g->probe->section : NULL;

	return sec && (!strncmp(sec, "fentry/", 7) || !strncmp(sec, "fexit/", 6));
}

/*
 * d_path(struct path *): bpf_d_path(path, buf, strsize + 1).  The kernel
 * allows that helper only in fentry/fexit (and LSM) programs attached to
 * an allow-listed function; anywhere else the clause is rejected here
 * rather than by the verifier.
 */
int gen_d_path(struct cg *g, struct node *call)
{
	uint32_t tmp = cg_tmp_alloc(g, g->strsize);
	vreg_t p = cg_expr(g, cg_call_arg(call, 0)), r;

	if (!tracing_prog(g))
		dcc_error(g->cc, call->loc, "D_FUNC_UNDEF",
			  "d_path( ) is only available in fbt probes: the kernel "
			  "allows bpf_d_path() in fentry/fexit programs only");
	ir_storei(g->cc, g->f, 1, cg_tmp_ptr(g, tmp), 0, 0);
	r = cg_call(g, BPF_FUNC_d_path, 3, p, cg_tmp_ptr(g, tmp), cg_vconst(g, g->strsize));
	cg_fault_jcci(g, BPF_JSLT, r, 0, DTM_FLT_BADADDR, p);
	return cg_tmp_ptr(g, tmp);
}

/* STREAMS messages do not exist on Linux; DTrace for Linux has neither */
int gen_msgsize(struct cg *g, struct node *call)
{
	dcc_error(g->cc, call->loc, "D_FUNC_UNDEF", "unimplemented subroutine: msgsize");
}

int gen_msgdsize(struct cg *g, struct node *call)
{
	dcc_error(g->cc, call->loc, "D_FUNC_UNDEF", "unimplemented subroutine: msgdsize");
}
