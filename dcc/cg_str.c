/* SPDX-License-Identifier: MIT */
/*
 * cg_str.c -- code generation for D's string-searching and string-building
 * subroutines: strchr, strrchr, index, rindex, strstr, strtok, lltostr,
 * strtoll, basename, dirname and cleanpath (the gen_<name> hooks of funcs.h).
 *
 * Every operand string is first copied into a per-program work buffer with
 * probe_read_str (strsize + 1 bytes, so it is NUL-terminated and its length
 * is known), then scanned there; results are built in a fresh scratch
 * temporary.  The loops are shaped for the BPF verifier, which walks every
 * iteration of a bounded loop:
 *   - loop counters start at a constant, so each iteration is a known state;
 *   - branches that do not leave the loop only test values that die at once
 *     (a loaded character), or are replaced by arithmetic, so that the
 *     states reaching the loop head stay few (O(strsize) work per loop);
 *   - positions found inside a loop are stored to the work variables and
 *     reloaded after it: the reload is an unknown scalar, so every exit of
 *     the loop reaches the code after it in the same state (it is verified
 *     once, not once per exit), and gets bounds-checked before use.
 * index/rindex/strstr compare a rolling 64-bit polynomial hash of the
 * window with the hash of the searched string: one pass, no nested loop.
 */
#include <linux/bpf.h>
#include <string.h>

#include "cg.h"
#include "funcs.h"

#define HASH_MUL	0x100000001b3LL	/* odd 64-bit multiplier */

/* work variables (byte offsets in the vars area) */
#define V_RES	0	/* result position / value */
#define V_B	8	/* begin */
#define V_E	16	/* end */
#define V_X	24	/* spare */
#define V_TAB	32	/* strtok: 256-bit delimiter table */
#define V_SIZE	64

/*
 * Per-program work area, reused by every subroutine of the program: the
 * buffers only live while one subroutine runs (its operands are evaluated
 * before it starts).  The strtok state lives for the whole program.
 */
static struct {
	const struct ir_func *f;
	const struct cg_clause *cl;
	uint32_t buf[2], vars;
	int32_t tok;
	bool has_buf[2], has_vars, has_tok;
} work;

static void work_reset(struct cg *g)
{
	if (work.f == g->f && work.cl == g->cl)
		return;
	work.f = g->f;
	work.cl = g->cl;
	work.has_buf[0] = work.has_buf[1] = false;
	work.has_vars = work.has_tok = false;
}

/* bytes of a work buffer: a string, room for cleanpath's two extra '/'
 * and for lltostr's 64 binary digits and prefix */
static uint32_t buf_bytes(struct cg *g)
{
	uint32_t n = (g->strsize + 8 + 7) & ~7u;

	return n < 80 ? 80 : n;
}

static vreg_t work_buf(struct cg *g, int k)
{
	work_reset(g);
	if (!work.has_buf[k]) {
		work.buf[k] = cg_tmp_alloc(g, buf_bytes(g));
		work.has_buf[k] = true;
	}
	return cg_tmp_ptr(g, work.buf[k]);
}

static vreg_t work_vars(struct cg *g)
{
	work_reset(g);
	if (!work.has_vars) {
		work.vars = cg_tmp_alloc(g, V_SIZE);
		work.has_vars = true;
	}
	return cg_tmp_ptr(g, work.vars);
}


/* *(u64 *)(vars + off) = v  /  v = *(u64 *)(vars + off) */
static void var_set(struct cg *g, int off, vreg_t v)
{
	ir_store(g->cc, g->f, 8, work_vars(g), off, v);
}

static void var_seti(struct cg *g, int off, int32_t imm)
{
	ir_storei(g->cc, g->f, 8, work_vars(g), off, imm);
}

static vreg_t var_get(struct cg *g, int off)
{
	vreg_t v = cg_vreg(g);

	ir_load(g->cc, g->f, 8, v, work_vars(g), off);
	return v;
}

/* p = base + i (a fresh vreg) */
static vreg_t ptr_add(struct cg *g, vreg_t base, vreg_t i)
{
	vreg_t p = cg_vcopy(g, base);

	ir_alu(g->cc, g->f, BPF_ADD, p, i);
	return p;
}

/* c = *(u8 *)(base + i) */
static vreg_t byte_at(struct cg *g, vreg_t base, vreg_t i)
{
	vreg_t p = ptr_add(g, base, i), c = cg_vreg(g);

	ir_load(g->cc, g->f, 1, c, p, 0);
	return c;
}

static bool user_string(struct node *n)
{
	struct type *r = n->type ? type_resolve(n->type) : NULL;

	return r && (n->type->user_addr || r->user_addr);
}

/*
 * The string operand n (its value v, evaluated beforehand: evaluating
 * another operand may run a subroutine that uses the work buffers),
 * copied into work buffer k:
 *   if (v == 0) fault BADADDR(v)
 *   rc = probe_read_str(buf, strsize + 1, v)
 *   if (rc s< 1) fault BADADDR(v)
 *   len = rc - 1			(0 .. strsize)
 */
static vreg_t str_copy(struct cg *g, struct node *n, vreg_t v, int k, vreg_t *len)
{
	vreg_t rc;

	ir_comment(g->cc, g->f, "copy the string operand to work buffer %d", k);
	cg_fault_jcci(g, BPF_JEQ, v, 0, DTM_FLT_BADADDR, v);
	rc = cg_call(g, user_string(n) ? BPF_FUNC_probe_read_user_str
				       : BPF_FUNC_probe_read_kernel_str,
		     3, work_buf(g, k), cg_vconst(g, g->strsize), v);
	cg_fault_jcci(g, BPF_JSLT, rc, 1, DTM_FLT_BADADDR, v);
	ir_alui(g->cc, g->f, BPF_SUB, rc, 1);
	*len = rc;
	return work_buf(g, k);
}

/* the only string operand n, evaluated and copied into work buffer k */
static vreg_t str_in(struct cg *g, struct node *n, int k, vreg_t *len)
{
	return str_copy(g, n, cg_vcopy(g, cg_expr(g, n)), k, len);
}

/* a new result temporary */
static vreg_t result_tmp(struct cg *g, uint32_t *tmp)
{
	*tmp = cg_tmp_alloc(g, g->strsize);
	return cg_tmp_ptr(g, *tmp);
}

/* r = copy of the string at src (NUL-terminated within strsize + 1) */
static vreg_t copy_out(struct cg *g, vreg_t src)
{
	uint32_t tmp;
	vreg_t r = result_tmp(g, &tmp);

	cg_call(g, BPF_FUNC_probe_read_kernel_str, 3, r, cg_vconst(g, g->strsize), src);
	return cg_tmp_ptr(g, tmp);
}

/* r = the n characters at src (n checked against strsize: else "") */
static vreg_t copy_span(struct cg *g, vreg_t src, vreg_t n)
{
	uint32_t tmp;
	vreg_t r = result_tmp(g, &tmp), sz = cg_vcopy(g, n);
	int l_ok = ir_label(g->f);

	ir_storei(g->cc, g->f, 1, r, 0, 0);
	ir_jcci(g->cc, g->f, BPF_JGT, sz, g->strsize - 1, l_ok);
	ir_alui(g->cc, g->f, BPF_ADD, sz, 1);
	cg_call(g, BPF_FUNC_probe_read_kernel_str, 3, r, sz, src);
	ir_place_label(g->cc, g->f, l_ok);
	return cg_tmp_ptr(g, tmp);
}

/* r = a one-character string */
static vreg_t char_string(struct cg *g, char c)
{
	uint32_t tmp;
	vreg_t r = result_tmp(g, &tmp);

	ir_storei(g->cc, g->f, 2, r, 0, (unsigned char)c);
	return r;
}

/* d = (a == 0) as 0/1, without a branch:  d = ((a | -a) >> 63) ^ 1 */
static vreg_t is_zero(struct cg *g, vreg_t a)
{
	vreg_t d = cg_vcopy(g, a), n = cg_vcopy(g, a);

	ir_emit(g->cc, g->f, IR_NEG)->dst = n;
	ir_alu(g->cc, g->f, BPF_OR, d, n);
	ir_alui(g->cc, g->f, BPF_RSH, d, 63);
	ir_alui(g->cc, g->f, BPF_XOR, d, 1);
	return d;
}

/* d = (a s>= 0) as 0/1:  d = (a >> 63) ^ 1 */
static vreg_t non_neg(struct cg *g, vreg_t a)
{
	vreg_t d = cg_vcopy(g, a);

	ir_alui(g->cc, g->f, BPF_RSH, d, 63);
	ir_alui(g->cc, g->f, BPF_XOR, d, 1);
	return d;
}

/* the condition code of the opposite test */
static int cc_not(int cc_)
{
	switch (cc_) {
	case BPF_JEQ: return BPF_JNE;
	case BPF_JNE: return BPF_JEQ;
	case BPF_JGT: return BPF_JLE;
	case BPF_JLE: return BPF_JGT;
	case BPF_JGE: return BPF_JLT;
	case BPF_JLT: return BPF_JGE;
	case BPF_JSGT: return BPF_JSLE;
	case BPF_JSLE: return BPF_JSGT;
	case BPF_JSGE: return BPF_JSLT;
	default: return BPF_JSGE;	/* BPF_JSLT */
	}
}

/*
 * Loop exit: if (a <cc> b) goto l_exit, written as
 *	if !(a <cc> b) goto cont; goto l_exit; cont:
 * The verifier pushes the jump target and follows the fall-through: this
 * way it follows the exit first (soon pruned after the loop) and keeps one
 * pending state per loop instead of one per iteration (its stack of
 * pending branches is limited to 8192).
 */
static void exit_if(struct cg *g, int cc_, vreg_t a, vreg_t b, int l_exit)
{
	int l_cont = ir_label(g->f);

	ir_jcc(g->cc, g->f, cc_not(cc_), a, b, l_cont);
	ir_ja(g->cc, g->f, l_exit);
	ir_place_label(g->cc, g->f, l_cont);
}

static void exit_ifi(struct cg *g, int cc_, vreg_t a, int64_t imm, int l_exit)
{
	int l_cont = ir_label(g->f);

	ir_jcci(g->cc, g->f, cc_not(cc_), a, imm, l_cont);
	ir_ja(g->cc, g->f, l_exit);
	ir_place_label(g->cc, g->f, l_cont);
}

/* d = m ? a : b for m in {0, 1}:  d = b + (a - b) * m */
static vreg_t select01(struct cg *g, vreg_t m, vreg_t a, vreg_t b)
{
	vreg_t d = cg_vcopy(g, a);

	ir_alu(g->cc, g->f, BPF_SUB, d, b);
	ir_alu(g->cc, g->f, BPF_MUL, d, m);
	ir_alu(g->cc, g->f, BPF_ADD, d, b);
	return d;
}

/* d = (lo <= c <= hi) as 0/1, c and the bounds small */
static vreg_t in_range(struct cg *g, vreg_t c, int lo, int hi)
{
	vreg_t a = cg_vcopy(g, c), b;

	ir_alui(g->cc, g->f, BPF_SUB, a, lo);
	b = cg_vcopy(g, a);
	ir_alui(g->cc, g->f, BPF_SUB, b, hi - lo + 1);	/* < 0 if c <= hi */
	ir_alui(g->cc, g->f, BPF_RSH, b, 63);
	ir_alu(g->cc, g->f, BPF_AND, b, non_neg(g, a));
	return b;
}

/* ---- strchr, strrchr ---------------------------------------------------------------- */

/*
 *	i = 0; last = -1
 * loop:	c = s[i]
 *	if (c == 0 || (strchr && c == ch)) goto exit	((c ^ ch) * c is 0)
 *	last = c == ch ? i : last		(strrchr, branch-free)
 *	if (++i < strsize + 1) goto loop
 * exit:	strchr: r = c == ch ? copy(s + i) : NULL
 *	strrchr: if (c == ch) last = i; r = last >= 0 ? copy(s + last) : NULL
 */
static int scan_chr(struct cg *g, struct node *call, bool last)
{
	struct dcc *cc = g->cc;
	vreg_t sv = cg_vcopy(g, cg_expr(g, cg_call_arg(call, 0)));
	vreg_t ch = cg_vcopy(g, cg_expr(g, cg_call_arg(call, 1))), len, s, i, c, x, r, p, lst;
	int l_loop = ir_label(g->f), l_exit = ir_label(g->f), l_done = ir_label(g->f);
	int l_none = ir_label(g->f);

	s = str_copy(g, cg_call_arg(call, 0), sv, 0, &len);
	r = cg_vconst(g, 0);
	ir_comment(cc, g->f, "%s: scan for the character", last ? "strrchr" : "strchr");
	ir_alui(cc, g->f, BPF_AND, ch, 0xff);
	lst = cg_vconst(g, -1);
	i = cg_vconst(g, 0);
	c = cg_vreg(g);
	ir_place_label(cc, g->f, l_loop);
	ir_mov(cc, g->f, c, byte_at(g, s, i));
	x = cg_vcopy(g, c);
	if (!last) {
		ir_alu(cc, g->f, BPF_XOR, x, ch);
		ir_alu(cc, g->f, BPF_MUL, x, c);
	}
	exit_ifi(g, BPF_JEQ, x, 0, l_exit);
	if (last) {
		x = cg_vcopy(g, c);
		ir_alu(cc, g->f, BPF_XOR, x, ch);
		ir_mov(cc, g->f, lst, select01(g, is_zero(g, x), i, lst));
	}
	ir_alui(cc, g->f, BPF_ADD, i, 1);
	ir_jcci(cc, g->f, BPF_JLT, i, g->strsize, l_loop);
	ir_ja(cc, g->f, l_done);
	ir_place_label(cc, g->f, l_exit);
	if (!last) {
		ir_jcc(cc, g->f, BPF_JNE, c, ch, l_done);
		ir_mov(cc, g->f, r, copy_out(g, ptr_add(g, s, i)));
		ir_ja(cc, g->f, l_done);
	} else {
		ir_jcc(cc, g->f, BPF_JNE, c, ch, l_none);
		ir_mov(cc, g->f, lst, i);
		ir_place_label(cc, g->f, l_none);
		var_set(g, V_RES, lst);
		p = var_get(g, V_RES);
		ir_comment(cc, g->f, "strrchr: the last match, if any");
		ir_jcci(cc, g->f, BPF_JGT, p, g->strsize - 1, l_done);
		ir_mov(cc, g->f, r, copy_out(g, ptr_add(g, s, p)));
	}
	ir_place_label(cc, g->f, l_done);
	(void)len;
	return r;
}

int gen_strchr(struct cg *g, struct node *call)
{
	return scan_chr(g, call, false);
}

int gen_strrchr(struct cg *g, struct node *call)
{
	return scan_chr(g, call, true);
}

/* ---- index, rindex, strstr ------------------------------------------------------------ */

enum find_mode { FIND_FIRST, FIND_LAST };

/*
 * ht = sum t[j] * M^(lt-1-j), pw = M^lt:
 *	j = 0
 * loop:	if (j >= lt) goto end
 *	ht = ht * M + t[j]; pw *= M
 *	if (++j < strsize + 1) goto loop
 */
static void hash_of(struct cg *g, vreg_t t, vreg_t lt, vreg_t ht, vreg_t pw)
{
	struct dcc *cc = g->cc;
	vreg_t j = cg_vconst(g, 0), m = cg_vconst(g, HASH_MUL), c;
	int l_loop = ir_label(g->f), l_end = ir_label(g->f);

	ir_comment(cc, g->f, "hash of the searched string");
	ir_movi(cc, g->f, ht, 0);
	ir_movi(cc, g->f, pw, 1);
	ir_place_label(cc, g->f, l_loop);
	exit_if(g, BPF_JGE, j, lt, l_end);
	c = byte_at(g, t, j);
	ir_alu(cc, g->f, BPF_MUL, ht, m);
	ir_alu(cc, g->f, BPF_ADD, ht, c);
	ir_alu(cc, g->f, BPF_MUL, pw, m);
	ir_alui(cc, g->f, BPF_ADD, j, 1);
	ir_jcci(cc, g->f, BPF_JLT, j, g->strsize, l_loop);
	ir_place_label(cc, g->f, l_end);
}

/* h = h * M + s[i] - (i >= lt ? s[i - lt] * pw : 0)  (branch-free);
 * goes to l_out if the dropped index is out of bounds (never) */
static void hash_roll(struct cg *g, vreg_t s, vreg_t i, vreg_t lt, vreg_t pw,
		      vreg_t h, int l_out)
{
	struct dcc *cc = g->cc;
	vreg_t m = cg_vconst(g, HASH_MUL), c = byte_at(g, s, i);
	vreg_t k = cg_vcopy(g, i), mask, d;

	ir_alu(cc, g->f, BPF_MUL, h, m);
	ir_alu(cc, g->f, BPF_ADD, h, c);
	ir_alu(cc, g->f, BPF_SUB, k, lt);		/* k = i - lt */
	mask = cg_vcopy(g, k);
	ir_alui(cc, g->f, BPF_ARSH, mask, 63);		/* -1 if k < 0 */
	ir_alui(cc, g->f, BPF_XOR, mask, -1);		/* -1 if k >= 0 */
	ir_alu(cc, g->f, BPF_AND, k, mask);
	exit_ifi(g, BPF_JGT, k, g->strsize - 1, l_out);
	d = byte_at(g, s, k);
	ir_alu(cc, g->f, BPF_MUL, d, pw);
	ir_alu(cc, g->f, BPF_AND, d, mask);
	ir_alu(cc, g->f, BPF_SUB, h, d);
}

/*
 * V_RES = first (FIND_FIRST: >= start) or last (FIND_LAST: <= start)
 * position of t (length lt) in s (length ls), or -1.  One pass over s:
 *	i = 0; h = 0
 * loop:	if (i >= ls) goto end
 *	roll h over s[i]
 *	p = i + 1 - lt			window s[p..i]
 *	if (p >= 0 && h == ht && p <=> start) { V_RES = p; FIRST: goto end }
 *	if (++i < strsize + 1) goto loop
 */
static void find_scan(struct cg *g, vreg_t s, vreg_t ls, vreg_t t, vreg_t lt,
		      vreg_t start, enum find_mode mode)
{
	struct dcc *cc = g->cc;
	vreg_t ht = cg_vreg(g), pw = cg_vreg(g), h = cg_vconst(g, 0), i, p, ok, x;
	vreg_t res = cg_vconst(g, -1);
	int l_loop = ir_label(g->f), l_end = ir_label(g->f), l_found = ir_label(g->f);

	var_set(g, V_X, lt);
	hash_of(g, t, lt, ht, pw);
	/* the loop's exits each know lt exactly: forget it (reload) so that
	 * the scan is verified once, not once per length */
	lt = var_get(g, V_X);
	ir_comment(cc, g->f, "rolling hash over the string");
	i = cg_vconst(g, 0);
	ir_place_label(cc, g->f, l_loop);
	exit_if(g, BPF_JGE, i, ls, l_end);
	hash_roll(g, s, i, lt, pw, h, l_end);
	p = cg_vcopy(g, i);
	ir_alui(cc, g->f, BPF_ADD, p, 1);
	ir_alu(cc, g->f, BPF_SUB, p, lt);
	ok = non_neg(g, p);
	x = cg_vcopy(g, h);
	ir_alu(cc, g->f, BPF_XOR, x, ht);
	ir_alu(cc, g->f, BPF_AND, ok, is_zero(g, x));
	x = cg_vcopy(g, mode == FIND_FIRST ? p : start);
	ir_alu(cc, g->f, BPF_SUB, x, mode == FIND_FIRST ? start : p);
	ir_alu(cc, g->f, BPF_AND, ok, non_neg(g, x));
	if (mode == FIND_FIRST)
		exit_ifi(g, BPF_JNE, ok, 0, l_found);
	else
		ir_mov(cc, g->f, res, select01(g, ok, p, res));
	ir_alui(cc, g->f, BPF_ADD, i, 1);
	ir_jcci(cc, g->f, BPF_JLT, i, g->strsize, l_loop);
	if (mode == FIND_FIRST) {
		ir_ja(cc, g->f, l_end);
		ir_place_label(cc, g->f, l_found);
		ir_mov(cc, g->f, res, p);
	}
	ir_place_label(cc, g->f, l_end);
	var_set(g, V_RES, res);
}

/* empty t: FIRST: start <= ls ? start : -1;  LAST: start < 0 ? -1 : min(start, ls) */
static void find_empty(struct cg *g, vreg_t ls, vreg_t start, enum find_mode mode)
{
	struct dcc *cc = g->cc;
	int l_end = ir_label(g->f), l_big = ir_label(g->f);

	ir_jcc(cc, g->f, BPF_JSGT, start, ls, l_big);
	ir_jcci(cc, g->f, BPF_JSLT, start, 0, l_end);
	var_set(g, V_RES, start);
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_big);
	if (mode == FIND_LAST)
		var_set(g, V_RES, ls);
	ir_place_label(cc, g->f, l_end);
}

/* position of t in s (index/rindex/strstr), as a fresh vreg */
static vreg_t find(struct cg *g, struct node *sn, struct node *tn,
		   struct node *startn, enum find_mode mode, vreg_t *sp)
{
	struct dcc *cc = g->cc;
	vreg_t ls, lt, s, t, start, m;
	int l_nonempty = ir_label(g->f), l_end = ir_label(g->f);

	s = cg_vcopy(g, cg_expr(g, sn));
	t = cg_vcopy(g, cg_expr(g, tn));
	start = startn ? cg_vcopy(g, cg_expr(g, startn)) : IR_NOREG;
	s = str_copy(g, sn, s, 0, &ls);
	t = str_copy(g, tn, t, 1, &lt);
	if (startn) {
		if (mode == FIND_FIRST) {		/* start < 0: 0 */
			m = cg_vcopy(g, start);
			ir_alui(cc, g->f, BPF_ARSH, m, 63);
			ir_alui(cc, g->f, BPF_XOR, m, -1);
			ir_alu(cc, g->f, BPF_AND, start, m);
		}
	} else {
		start = cg_vconst(g, mode == FIND_FIRST ? 0 : g->strsize);
	}
	ir_comment(cc, g->f, "%s: search", mode == FIND_FIRST ? "index" : "rindex");
	var_seti(g, V_RES, -1);
	ir_jcci(cc, g->f, BPF_JNE, lt, 0, l_nonempty);
	find_empty(g, ls, start, mode);
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_nonempty);
	find_scan(g, s, ls, t, lt, start, mode);
	ir_place_label(cc, g->f, l_end);
	if (sp)
		*sp = s;
	return var_get(g, V_RES);
}

int gen_index(struct cg *g, struct node *call)
{
	return find(g, cg_call_arg(call, 0), cg_call_arg(call, 1), cg_call_arg(call, 2), FIND_FIRST, NULL);
}

int gen_rindex(struct cg *g, struct node *call)
{
	return find(g, cg_call_arg(call, 0), cg_call_arg(call, 1), cg_call_arg(call, 2), FIND_LAST, NULL);
}

/* strstr(s, t): s from the first t on, or NULL */
int gen_strstr(struct cg *g, struct node *call)
{
	vreg_t s, p = find(g, cg_call_arg(call, 0), cg_call_arg(call, 1), NULL, FIND_FIRST, &s);
	vreg_t r = cg_vconst(g, 0);
	int l_end = ir_label(g->f);

	ir_jcci(g->cc, g->f, BPF_JGT, p, g->strsize - 1, l_end);
	ir_mov(g->cc, g->f, r, copy_out(g, ptr_add(g, s, p)));
	ir_place_label(g->cc, g->f, l_end);
	return r;
}

/* ---- strtok ------------------------------------------------------------------------ */

#define TOK_MAP	"dt_strtok"

/*
 * The strtok state, shared by all the clauses (as in DTrace, strtok(NULL,
 * d) in one clause goes on with the string given in an earlier clause): a
 * per-CPU array map of one value, a u64 offset then the string (strsize + 1
 * bytes).  DTrace forgets the string at each probe firing; here it lasts
 * until the next strtok(str, d) on that CPU.
 *	st = map_lookup_elem(&dt_strtok, &zero)
 */
static vreg_t tok_state(struct cg *g)
{
	vreg_t mp = cg_vreg(g), k = cg_vreg(g), st;

	if (!ir_map_find(g->p, TOK_MAP))
		ir_map_add(g->cc, g->p, TOK_MAP, BPF_MAP_TYPE_PERCPU_ARRAY, 4,
			   8 + buf_bytes(g), 1);
	work_reset(g);
	if (!work.has_tok) {
		work.tok = ir_stack_alloc(g->f, 8, 8);
		work.has_tok = true;
	}
	ir_comment(g->cc, g->f, "st = map_lookup_elem(&%s, &zero)", TOK_MAP);
	ir_mov(g->cc, g->f, k, IR_FP);
	ir_alui(g->cc, g->f, BPF_ADD, k, work.tok);
	ir_storei(g->cc, g->f, 8, k, 0, 0);
	ir_ld_map(g->cc, g->f, mp, TOK_MAP);
	st = cg_call(g, BPF_FUNC_map_lookup_elem, 2, mp, k);
	cg_fault_jcci(g, BPF_JEQ, st, 0, DTM_FLT_ILLOP, IR_NOREG);
	return st;
}

/* does n (a subtree) call strtok(str, d) with a non-NULL str? */
static bool tok_sets(const struct node *n)
{
	const struct node *a;
	int k;

	for (; n; n = n->next) {
		a = n->kid[0];
		if (n->kind == N_CALL && n->name && !strcmp(n->name, "strtok") && a &&
		    !(a->is_const && a->cval == 0 && a->kind != N_STR))
			return true;
		for (k = 0; k < 4; k++)
			if (tok_sets(n->kid[k]))
				return true;
	}
	return false;
}

/* some clause starts a strtok string */
static bool tok_any_start(struct cg *g)
{
	int i;

	for (i = 0; i < g->nclauses; i++)
		if (tok_sets(g->clauses[i].node))
			return true;
	return false;
}

/*
 * Delimiter table: bit c of the 256-bit table at V_TAB is set for each
 * character of d, and for the NUL:
 *	tab = 0; j = 0
 * loop:	c = d[j]; tab[c >> 6] |= 1 << (c & 63)
 *	if (c == 0) goto end
 *	if (++j < strsize + 1) goto loop
 */
static void tok_table(struct cg *g, vreg_t d)
{
	struct dcc *cc = g->cc;
	vreg_t j = cg_vconst(g, 0), c, w, bit, p;
	int l_loop = ir_label(g->f), l_end = ir_label(g->f), k;

	ir_comment(cc, g->f, "strtok: delimiter table");
	for (k = 0; k < 4; k++)
		var_seti(g, V_TAB + 8 * k, 0);
	var_seti(g, V_TAB, 1);
	ir_place_label(cc, g->f, l_loop);
	c = byte_at(g, d, j);
	exit_ifi(g, BPF_JEQ, c, 0, l_end);
	p = cg_vcopy(g, c);
	ir_alui(cc, g->f, BPF_RSH, p, 6);
	ir_alui(cc, g->f, BPF_LSH, p, 3);
	p = ptr_add(g, work_vars(g), p);
	w = cg_vreg(g);
	ir_load(cc, g->f, 8, w, p, V_TAB);
	bit = cg_vconst(g, 1);
	ir_alui(cc, g->f, BPF_AND, c, 63);
	ir_alu(cc, g->f, BPF_LSH, bit, c);
	ir_alu(cc, g->f, BPF_OR, w, bit);
	ir_store(cc, g->f, 8, p, V_TAB, w);
	ir_alui(cc, g->f, BPF_ADD, j, 1);
	ir_jcci(cc, g->f, BPF_JLT, j, g->strsize, l_loop);
	ir_place_label(cc, g->f, l_end);
}

/* bit = (tab[c >> 6] >> (c & 63)) & 1 */
static vreg_t tok_is_delim(struct cg *g, vreg_t c)
{
	vreg_t p = cg_vcopy(g, c), w = cg_vreg(g), sh = cg_vcopy(g, c);

	ir_alui(g->cc, g->f, BPF_RSH, p, 6);
	ir_alui(g->cc, g->f, BPF_LSH, p, 3);
	p = ptr_add(g, work_vars(g), p);
	ir_load(g->cc, g->f, 8, w, p, V_TAB);
	ir_alui(g->cc, g->f, BPF_AND, sh, 63);
	ir_alu(g->cc, g->f, BPF_RSH, w, sh);
	ir_alui(g->cc, g->f, BPF_AND, w, 1);
	return w;
}

/*
 * From str + from on, find the first character that is (want_delim) or is
 * not (!want_delim, stopping at the NUL too) a delimiter; store its index
 * to var `out` (strsize if none).  The NUL counts as a delimiter.
 *	k = 0
 * loop:	i = from + k; if (i > strsize) goto end
 *	c = str[i]; if (is_delim(c) == want_delim || c == 0) { out = i; goto end }
 *	if (++k < strsize + 1) goto loop
 */
static void tok_find(struct cg *g, vreg_t str, vreg_t from, bool want_delim, int out)
{
	struct dcc *cc = g->cc;
	vreg_t k = cg_vconst(g, 0), i = cg_vreg(g), c, b;
	int l_loop = ir_label(g->f), l_end = ir_label(g->f), l_found = ir_label(g->f);

	var_seti(g, out, (int32_t)g->strsize - 1);
	ir_place_label(cc, g->f, l_loop);
	ir_mov(cc, g->f, i, ptr_add(g, from, k));
	exit_ifi(g, BPF_JGT, i, g->strsize - 1, l_end);
	c = byte_at(g, str, i);
	b = tok_is_delim(g, c);
	if (!want_delim) {
		ir_alui(cc, g->f, BPF_XOR, b, 1);
		ir_alu(cc, g->f, BPF_OR, b, is_zero(g, c));
	}
	exit_ifi(g, BPF_JNE, b, 0, l_found);
	ir_alui(cc, g->f, BPF_ADD, k, 1);
	ir_jcci(cc, g->f, BPF_JLT, k, g->strsize, l_loop);
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_found);
	var_set(g, out, i);
	ir_place_label(cc, g->f, l_end);
}

/* the strtok string: a new one (off = 0), or the saved one */
static bool tok_start(struct cg *g, struct node *s)
{
	vreg_t st, v, rc;

	work_reset(g);
	if (s->is_const && s->cval == 0 && s->kind != N_STR) {
		if (!tok_any_start(g)) {
			/* no strtok(str, ...) anywhere: DTrace faults */
			v = cg_vconst(g, 0);
			cg_fault_jcci(g, BPF_JEQ, v, 0, DTM_FLT_BADADDR, v);
		}
		return true;
	}
	v = cg_expr(g, s);
	ir_comment(g->cc, g->f, "strtok: save the string, offset 0");
	cg_fault_jcci(g, BPF_JEQ, v, 0, DTM_FLT_BADADDR, v);
	st = tok_state(g);
	ir_storei(g->cc, g->f, 8, st, 0, 0);
	ir_alui(g->cc, g->f, BPF_ADD, st, 8);
	rc = cg_call(g, user_string(s) ? BPF_FUNC_probe_read_user_str
				       : BPF_FUNC_probe_read_kernel_str,
		     3, st, cg_vconst(g, g->strsize), v);
	cg_fault_jcci(g, BPF_JSLT, rc, 1, DTM_FLT_BADADDR, v);
	return false;
}

/*
 * strtok(s, d):
 *	b = first non-delimiter at or after off; if (str[b] == 0) { off = b; NULL }
 *	e = first delimiter after b;  off = e;  r = str[b..e)
 */
int gen_strtok(struct cg *g, struct node *call)
{
	struct dcc *cc = g->cc;
	vreg_t ld, d, st, st0, off, b, e, c, n, r = cg_vconst(g, 0);
	int l_null = ir_label(g->f), l_end = ir_label(g->f);

	tok_start(g, cg_call_arg(call, 0));
	d = str_in(g, cg_call_arg(call, 1), 0, &ld);
	tok_table(g, d);
	st0 = tok_state(g);
	st = cg_vcopy(g, st0);
	ir_alui(cc, g->f, BPF_ADD, st, 8);
	off = cg_vreg(g);
	ir_load(cc, g->f, 8, off, st0, 0);
	ir_jcci(cc, g->f, BPF_JGT, off, g->strsize - 1, l_end);
	ir_comment(cc, g->f, "strtok: skip delimiters, then find the token's end");
	tok_find(g, st, off, false, V_B);
	b = var_get(g, V_B);
	ir_jcci(cc, g->f, BPF_JGT, b, g->strsize - 1, l_end);
	c = byte_at(g, st, b);
	ir_jcci(cc, g->f, BPF_JEQ, c, 0, l_null);
	ir_store(cc, g->f, 8, st0, 0, b);
	tok_find(g, st, b, true, V_E);
	b = var_get(g, V_B);
	e = var_get(g, V_E);
	ir_store(cc, g->f, 8, st0, 0, e);
	ir_jcci(cc, g->f, BPF_JGT, b, g->strsize - 1, l_end);
	n = cg_vcopy(g, e);
	ir_alu(cc, g->f, BPF_SUB, n, b);
	ir_mov(cc, g->f, r, copy_span(g, ptr_add(g, st, b), n));
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_null);
	ir_store(cc, g->f, 8, st0, 0, var_get(g, V_B));
	ir_place_label(cc, g->f, l_end);
	(void)ld;
	return r;
}

/* ---- lltostr, strtoll ---------------------------------------------------------------- */

/* base = arg (default 10); fault ILLOP unless 2 <= base <= 36 */
static vreg_t base_arg(struct cg *g, struct node *n)
{
	vreg_t b = cg_vcopy(g, n ? cg_expr(g, n) : cg_vconst(g, 10));

	cg_fault_jcci(g, BPF_JSLT, b, 2, DTM_FLT_ILLOP, IR_NOREG);
	cg_fault_jcci(g, BPF_JSGT, b, 36, DTM_FLT_ILLOP, IR_NOREG);
	return b;
}

/* buf[--pos] = c, pos in V_RES (kept >= 8 by the caller's bounds) */
static void put_front(struct cg *g, vreg_t buf, int c)
{
	vreg_t pos = var_get(g, V_RES), p;
	int l_skip = ir_label(g->f);

	ir_jcci(g->cc, g->f, BPF_JLT, pos, 1, l_skip);
	ir_jcci(g->cc, g->f, BPF_JGT, pos, 79, l_skip);
	ir_alui(g->cc, g->f, BPF_SUB, pos, 1);
	p = ptr_add(g, buf, pos);
	ir_storei(g->cc, g->f, 1, p, 0, c);
	var_set(g, V_RES, pos);
	ir_place_label(g->cc, g->f, l_skip);
}

/* if (v <cc> imm) put_front(c) */
static void put_front_if(struct cg *g, vreg_t buf, vreg_t v, int cc_, int64_t imm, int c)
{
	int l_skip = ir_label(g->f);

	ir_jcci(g->cc, g->f, cc_, v, imm, l_skip);
	put_front(g, buf, c);
	ir_place_label(g->cc, g->f, l_skip);
}

/*
 * Digits of val in base, written backwards from buf[71] (buf[71] = 0):
 *	k = 0
 * loop:	if (val == 0) goto end
 *	d = val % base; buf[70 - k] = d < 10 ? '0' + d : 'a' + d - 10
 *	val /= base; if (++k < 64) goto loop
 * end:	V_RES = 71 - k
 */
static void ll_digits(struct cg *g, vreg_t buf, vreg_t val, vreg_t base)
{
	struct dcc *cc = g->cc;
	vreg_t k = cg_vconst(g, 0), d, a, pos;
	int l_loop = ir_label(g->f), l_end = ir_label(g->f);

	ir_storei(cc, g->f, 1, buf, 71, 0);
	ir_place_label(cc, g->f, l_loop);
	exit_ifi(g, BPF_JEQ, val, 0, l_end);
	d = cg_vcopy(g, val);
	ir_alu(cc, g->f, BPF_MOD, d, base);
	a = cg_vconst(g, 9);
	ir_alu(cc, g->f, BPF_SUB, a, d);
	ir_alui(cc, g->f, BPF_RSH, a, 63);		/* 1 if d > 9 */
	ir_alui(cc, g->f, BPF_MUL, a, 'a' - '0' - 10);
	ir_alui(cc, g->f, BPF_ADD, d, '0');
	ir_alu(cc, g->f, BPF_ADD, d, a);
	pos = cg_vconst(g, 70);
	ir_alu(cc, g->f, BPF_SUB, pos, k);
	ir_store(cc, g->f, 1, ptr_add(g, buf, pos), 0, d);
	ir_alu(cc, g->f, BPF_DIV, val, base);
	ir_alui(cc, g->f, BPF_ADD, k, 1);
	ir_jcci(cc, g->f, BPF_JLT, k, 64, l_loop);
	ir_place_label(cc, g->f, l_end);
	var_set(g, V_RES, k);
	k = var_get(g, V_RES);
	pos = cg_vconst(g, 71);
	ir_alu(cc, g->f, BPF_SUB, pos, k);
	var_set(g, V_RES, pos);
}

/*
 * lltostr(v[, base]): base 10 is signed, other bases unsigned with a "0x"
 * (16) or "0" (8) prefix, as in DTrace; the first strsize characters.
 */
int gen_lltostr(struct cg *g, struct node *call)
{
	struct dcc *cc = g->cc;
	vreg_t v = cg_vcopy(g, cg_expr(g, cg_call_arg(call, 0))), base = base_arg(g, cg_call_arg(call, 1));
	vreg_t buf = work_buf(g, 0), val = cg_vcopy(g, v), neg = cg_vconst(g, 0), pos;
	int l_pos = ir_label(g->f), l_n16 = ir_label(g->f), l_pfx = ir_label(g->f);
	int l_n8 = ir_label(g->f), l_done = ir_label(g->f);

	ir_comment(cc, g->f, "lltostr: digits from the end of the work buffer");
	ir_jcci(cc, g->f, BPF_JNE, base, 10, l_pos);
	ir_jcci(cc, g->f, BPF_JSGE, v, 0, l_pos);
	ir_emit(cc, g->f, IR_NEG)->dst = val;
	ir_movi(cc, g->f, neg, 1);
	ir_place_label(cc, g->f, l_pos);
	ll_digits(g, buf, val, base);
	ir_jcci(cc, g->f, BPF_JNE, base, 16, l_n16);
	put_front_if(g, buf, v, BPF_JNE, 0, '0');
	put_front(g, buf, 'x');
	ir_ja(cc, g->f, l_pfx);
	ir_place_label(cc, g->f, l_n16);
	ir_jcci(cc, g->f, BPF_JEQ, base, 8, l_pfx);
	ir_jcci(cc, g->f, BPF_JNE, v, 0, l_n8);
	ir_place_label(cc, g->f, l_pfx);
	put_front(g, buf, '0');
	ir_place_label(cc, g->f, l_n8);
	put_front_if(g, buf, neg, BPF_JEQ, 0, '-');
	pos = var_get(g, V_RES);
	ir_jcci(cc, g->f, BPF_JLE, pos, 71, l_done);
	ir_movi(cc, g->f, pos, 71);
	ir_place_label(cc, g->f, l_done);
	return copy_out(g, ptr_add(g, buf, pos));
}

/* d = digit value of c (0..35), or 99, without branches:
 *	d = dig ? c - '0' : up ? c - 'A' + 10 : lo ? c - 'a' + 10 : 99 */
static vreg_t digit_of(struct cg *g, vreg_t c)
{
	vreg_t dig = in_range(g, c, '0', '9'), up = in_range(g, c, 'A', 'Z');
	vreg_t lo = in_range(g, c, 'a', 'z'), d = cg_vconst(g, 99), v;

	v = cg_vcopy(g, c);
	ir_alui(g->cc, g->f, BPF_SUB, v, 'a' - 10);
	d = select01(g, lo, v, d);
	v = cg_vcopy(g, c);
	ir_alui(g->cc, g->f, BPF_SUB, v, 'A' - 10);
	d = select01(g, up, v, d);
	v = cg_vcopy(g, c);
	ir_alui(g->cc, g->f, BPF_SUB, v, '0');
	return select01(g, dig, v, d);
}

/* V_B = index of the first character of s that is not ' ' or '\t' */
static void skip_blanks(struct cg *g, vreg_t s)
{
	struct dcc *cc = g->cc;
	vreg_t k = cg_vconst(g, 0), c, b, x;
	int l_loop = ir_label(g->f), l_end = ir_label(g->f), l_found = ir_label(g->f);

	var_seti(g, V_B, 0);
	ir_place_label(cc, g->f, l_loop);
	c = byte_at(g, s, k);
	b = cg_vcopy(g, c);
	ir_alui(cc, g->f, BPF_XOR, b, ' ');
	x = cg_vcopy(g, c);
	ir_alui(cc, g->f, BPF_XOR, x, '\t');
	ir_alu(cc, g->f, BPF_MUL, b, x);		/* 0 if blank */
	exit_ifi(g, BPF_JNE, b, 0, l_found);
	ir_alui(cc, g->f, BPF_ADD, k, 1);
	ir_jcci(cc, g->f, BPF_JLT, k, g->strsize, l_loop);
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_found);
	var_set(g, V_B, k);
	ir_place_label(cc, g->f, l_end);
}

/* V_B += 1 if s[V_B] is a sign (V_X = 1 if '-'); then for base 16 skip a
 * "0x"/"0X" followed by a hex digit */
static void sign_prefix(struct cg *g, vreg_t s, vreg_t base)
{
	struct dcc *cc = g->cc;
	vreg_t pos = var_get(g, V_B), c, p;
	int l_nosign = ir_label(g->f), l_plus = ir_label(g->f), l_end = ir_label(g->f);

	var_seti(g, V_X, 0);
	ir_jcci(cc, g->f, BPF_JGT, pos, g->strsize - 1, l_end);
	c = byte_at(g, s, pos);
	ir_jcci(cc, g->f, BPF_JEQ, c, '+', l_plus);
	ir_jcci(cc, g->f, BPF_JNE, c, '-', l_nosign);
	var_seti(g, V_X, 1);
	ir_place_label(cc, g->f, l_plus);
	ir_alui(cc, g->f, BPF_ADD, pos, 1);
	var_set(g, V_B, pos);
	ir_place_label(cc, g->f, l_nosign);
	ir_jcci(cc, g->f, BPF_JNE, base, 16, l_end);
	pos = var_get(g, V_B);
	ir_jcci(cc, g->f, BPF_JGT, pos, g->strsize - 4, l_end);
	p = ptr_add(g, s, pos);
	c = cg_vreg(g);
	ir_load(cc, g->f, 1, c, p, 0);
	ir_jcci(cc, g->f, BPF_JNE, c, '0', l_end);
	ir_load(cc, g->f, 1, c, p, 1);
	ir_alui(cc, g->f, BPF_OR, c, 0x20);
	ir_jcci(cc, g->f, BPF_JNE, c, 'x', l_end);
	ir_load(cc, g->f, 1, c, p, 2);
	ir_jcci(cc, g->f, BPF_JGT, digit_of(g, c), 15, l_end);
	ir_alui(cc, g->f, BPF_ADD, pos, 2);
	var_set(g, V_B, pos);
	ir_place_label(cc, g->f, l_end);
}

/* strtoll(s[, base]): blanks, a sign, (base 16) "0x", then digits < base */
int gen_strtoll(struct cg *g, struct node *call)
{
	struct dcc *cc = g->cc;
	vreg_t base = base_arg(g, cg_call_arg(call, 1)), len;
	vreg_t s = str_in(g, cg_call_arg(call, 0), 0, &len), pos, k, i, c, d, val;
	int l_loop = ir_label(g->f), l_end = ir_label(g->f), l_pos = ir_label(g->f);

	ir_comment(cc, g->f, "strtoll: blanks, sign, prefix, digits");
	skip_blanks(g, s);
	sign_prefix(g, s, base);
	pos = var_get(g, V_B);
	val = cg_vconst(g, 0);
	k = cg_vconst(g, 0);
	ir_jcci(cc, g->f, BPF_JGT, pos, g->strsize - 1, l_end);
	ir_place_label(cc, g->f, l_loop);
	i = ptr_add(g, pos, k);
	exit_ifi(g, BPF_JGT, i, g->strsize - 1, l_end);
	c = byte_at(g, s, i);
	d = digit_of(g, c);
	exit_if(g, BPF_JGE, d, base, l_end);
	ir_alu(cc, g->f, BPF_MUL, val, base);
	ir_alu(cc, g->f, BPF_ADD, val, d);
	ir_alui(cc, g->f, BPF_ADD, k, 1);
	ir_jcci(cc, g->f, BPF_JLT, k, g->strsize, l_loop);
	ir_place_label(cc, g->f, l_end);
	d = var_get(g, V_X);
	ir_jcci(cc, g->f, BPF_JEQ, d, 0, l_pos);
	ir_emit(cc, g->f, IR_NEG)->dst = val;
	ir_place_label(cc, g->f, l_pos);
	(void)len;
	return val;
}

/* ---- basename, dirname ------------------------------------------------------------------ */

/*
 * One pass over the path, branch-free but for the exit at the NUL:
 *	ps = 1 (as if after a '/'); a = b = init
 * loop:	c = s[k]; if (c == 0) goto end
 *	sl = c == '/'; st = !sl && ps; ps = sl
 *	(a, b) = step(k, sl, st, a, b)
 * end:	V_B = a; V_E = b
 */
typedef void path_step(struct cg *g, vreg_t k, vreg_t sl, vreg_t st, vreg_t a,
		       vreg_t b);

static void path_scan(struct cg *g, vreg_t s, path_step *step, int64_t init)
{
	struct dcc *cc = g->cc;
	vreg_t k = cg_vconst(g, 0), ps = cg_vconst(g, 1), a = cg_vconst(g, init);
	vreg_t b = cg_vconst(g, init), c, sl, st;
	int l_loop = ir_label(g->f), l_end = ir_label(g->f);

	ir_place_label(cc, g->f, l_loop);
	c = byte_at(g, s, k);
	exit_ifi(g, BPF_JEQ, c, 0, l_end);
	ir_alui(cc, g->f, BPF_XOR, c, '/');
	sl = is_zero(g, c);
	st = cg_vcopy(g, sl);
	ir_alui(cc, g->f, BPF_XOR, st, 1);
	ir_alu(cc, g->f, BPF_AND, st, ps);
	ir_mov(cc, g->f, ps, sl);
	step(g, k, sl, st, a, b);
	ir_alui(cc, g->f, BPF_ADD, k, 1);
	ir_jcci(cc, g->f, BPF_JLT, k, g->strsize, l_loop);
	ir_place_label(cc, g->f, l_end);
	var_set(g, V_B, a);
	var_set(g, V_E, b);
}

/* basename: a = start of the last component, b = its end */
static void base_step(struct cg *g, vreg_t k, vreg_t sl, vreg_t st, vreg_t a,
		      vreg_t b)
{
	vreg_t e = cg_vcopy(g, k), ns = cg_vcopy(g, sl);

	ir_mov(g->cc, g->f, a, select01(g, st, k, a));
	ir_alui(g->cc, g->f, BPF_ADD, e, 1);
	ir_alui(g->cc, g->f, BPF_XOR, ns, 1);
	ir_mov(g->cc, g->f, b, select01(g, ns, e, b));
}

/* r = s[V_B..V_E), "/" if no component, "." if s is empty */
int gen_basename(struct cg *g, struct node *call)
{
	struct dcc *cc = g->cc;
	vreg_t len, s = str_in(g, cg_call_arg(call, 0), 0, &len), r = cg_vreg(g), b, e;
	int l_slash = ir_label(g->f), l_end = ir_label(g->f), l_dot = ir_label(g->f);

	ir_comment(cc, g->f, "basename: find the last component");
	ir_jcci(cc, g->f, BPF_JEQ, len, 0, l_dot);
	path_scan(g, s, base_step, 0);
	e = var_get(g, V_E);
	ir_jcci(cc, g->f, BPF_JEQ, e, 0, l_slash);
	b = var_get(g, V_B);
	ir_jcci(cc, g->f, BPF_JGT, b, g->strsize - 1, l_slash);
	ir_alu(cc, g->f, BPF_SUB, e, b);
	ir_mov(cc, g->f, r, copy_span(g, ptr_add(g, s, b), e));
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_slash);
	ir_mov(cc, g->f, r, char_string(g, '/'));
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_dot);
	ir_mov(cc, g->f, r, char_string(g, '.'));
	ir_place_label(cc, g->f, l_end);
	return r;
}

/*
 * dirname: a = the last non-'/' character (-1: none yet), b = at the start
 * of the last component, the end of the part before it: -1 (".") at the
 * start of s, else a + 1 (0: only '/' before)
 */
static void dir_step(struct cg *g, vreg_t k, vreg_t sl, vreg_t st, vreg_t a,
		     vreg_t b)
{
	vreg_t e = cg_vcopy(g, a), ns = cg_vcopy(g, sl);

	ir_alui(g->cc, g->f, BPF_ADD, e, 1);
	ir_alu(g->cc, g->f, BPF_SUB, e, is_zero(g, k));	/* -1 at k == 0 */
	ir_mov(g->cc, g->f, b, select01(g, st, e, b));
	ir_alui(g->cc, g->f, BPF_XOR, ns, 1);
	ir_mov(g->cc, g->f, a, select01(g, ns, k, a));
}

/* r = s[0..V_E), "." if no '/' before the last component, "/" if only '/' */
int gen_dirname(struct cg *g, struct node *call)
{
	struct dcc *cc = g->cc;
	vreg_t len, s = str_in(g, cg_call_arg(call, 0), 0, &len), r = cg_vreg(g), e;
	int l_slash = ir_label(g->f), l_end = ir_label(g->f), l_dot = ir_label(g->f);

	ir_comment(cc, g->f, "dirname: find the end of the directory part");
	ir_jcci(cc, g->f, BPF_JEQ, len, 0, l_dot);
	path_scan(g, s, dir_step, -1);
	e = var_get(g, V_B);
	ir_jcci(cc, g->f, BPF_JSLT, e, 0, l_slash);
	e = var_get(g, V_E);
	ir_jcci(cc, g->f, BPF_JSLT, e, 0, l_dot);
	ir_jcci(cc, g->f, BPF_JEQ, e, 0, l_slash);
	ir_mov(cc, g->f, r, copy_span(g, s, e));
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_slash);
	ir_mov(cc, g->f, r, char_string(g, '/'));
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_dot);
	ir_mov(cc, g->f, r, char_string(g, '.'));
	ir_place_label(cc, g->f, l_end);
	return r;
}

/* ---- cleanpath ----------------------------------------------------------------------- */

/*
 * cleanpath(s) removes "//", "/./" and "dir/../" from a path, as DTrace
 * does.  The path is copied to D[1..] with a '/' added at both ends, then
 * two in-place passes compact it; their bodies are branch-free (t below is
 * 0 or 1) so each iteration is one verifier state:
 *
 * forward:	to = 0; seq = 0
 *	for from = 0..: c = D[from]; D[to] = c; if (c == 0) break
 *		seq = seq << 8 | c
 *		t = (seq & 0xffff) == "//";     to -= t;     seq >>= 8t
 *		t = (seq & 0xffffff) == "/./";  to -= 2t;    seq >>= 16t
 *		to++
 * backward:	nup = 0; seq = 0; brk = to
 *	for from = brk - 1 down to 0, to = from:
 *		c = D[from]; D[to] = c; seq = seq << 8 | c
 *		d = (seq & 0xffffffff) == "/../"; nup += d; to += 3d; seq >>= 24d
 *		t = !d && c == '/'
 *		if (t && nup > 0) { to = brk; nup-- } else if (t) brk = to
 *		to--
 *	to++; a relative path gets "../" nup times (at most 15) before D[to]
 * The result is D + to without the trailing '/' ("." if empty); a path of
 * 0 or 1 characters is returned as is.
 */

/* t = ((x & mask) == pat) as 0/1 */
static vreg_t seq_is(struct cg *g, vreg_t seq, int64_t mask, int64_t pat)
{
	vreg_t x = cg_vcopy(g, seq), m = cg_vconst(g, mask);

	ir_alu(g->cc, g->f, BPF_AND, x, m);
	ir_alu(g->cc, g->f, BPF_XOR, x, cg_vconst(g, pat));
	return is_zero(g, x);
}

/* seq >>= t * bits */
static void seq_drop(struct cg *g, vreg_t seq, vreg_t t, int bits)
{
	vreg_t n = cg_vcopy(g, t);

	ir_alui(g->cc, g->f, BPF_MUL, n, bits);
	ir_alu(g->cc, g->f, BPF_RSH, seq, n);
}

/* D[to] = c, checking 0 <= to <= lim (else goto l_out) */
static void put_at(struct cg *g, vreg_t d, vreg_t to, vreg_t c, uint32_t lim, int l_out)
{
	exit_ifi(g, BPF_JSLT, to, 0, l_out);
	exit_ifi(g, BPF_JGT, to, lim, l_out);
	ir_store(g->cc, g->f, 1, ptr_add(g, d, to), 0, c);
}

/* the forward pass; V_E = index of the NUL */
static void clean_fwd(struct cg *g, vreg_t d, int l_out)
{
	struct dcc *cc = g->cc;
	uint32_t lim = g->strsize + 2;
	vreg_t from = cg_vconst(g, 0), to = cg_vconst(g, 0), seq = cg_vconst(g, 0), c, t;
	int l_loop = ir_label(g->f), l_end = ir_label(g->f);

	ir_comment(cc, g->f, "cleanpath: forward pass, drop // and /./");
	ir_place_label(cc, g->f, l_loop);
	c = byte_at(g, d, from);
	put_at(g, d, to, c, lim, l_out);
	exit_ifi(g, BPF_JEQ, c, 0, l_end);
	ir_alui(cc, g->f, BPF_LSH, seq, 8);
	ir_alu(cc, g->f, BPF_OR, seq, c);
	t = seq_is(g, seq, 0xffff, '/' << 8 | '/');
	ir_alu(cc, g->f, BPF_SUB, to, t);
	seq_drop(g, seq, t, 8);
	t = seq_is(g, seq, 0xffffff, '/' << 16 | '.' << 8 | '/');
	ir_alu(cc, g->f, BPF_SUB, to, t);
	ir_alu(cc, g->f, BPF_SUB, to, t);
	seq_drop(g, seq, t, 16);
	ir_alui(cc, g->f, BPF_ADD, to, 1);
	ir_alui(cc, g->f, BPF_ADD, from, 1);
	ir_jcci(cc, g->f, BPF_JLE, from, lim, l_loop);
	ir_ja(cc, g->f, l_out);
	ir_place_label(cc, g->f, l_end);
	var_set(g, V_E, to);
}

/* one step of the backward pass (see above) */
static void clean_back_step(struct cg *g, vreg_t c, vreg_t seq, vreg_t to,
			    vreg_t brk, vreg_t nup)
{
	struct dcc *cc = g->cc;
	vreg_t dd, t, pos, t10, t11, x;

	ir_alui(cc, g->f, BPF_LSH, seq, 8);
	ir_alu(cc, g->f, BPF_OR, seq, c);
	dd = seq_is(g, seq, 0xffffffffLL, '/' | '.' << 8 | '.' << 16 | (int64_t)'/' << 24);
	ir_alu(cc, g->f, BPF_ADD, nup, dd);
	x = cg_vcopy(g, dd);
	ir_alui(cc, g->f, BPF_MUL, x, 3);
	ir_alu(cc, g->f, BPF_ADD, to, x);
	seq_drop(g, seq, dd, 24);
	ir_alui(cc, g->f, BPF_XOR, dd, 1);
	x = cg_vcopy(g, c);
	ir_alui(cc, g->f, BPF_XOR, x, '/');
	t = is_zero(g, x);
	ir_alu(cc, g->f, BPF_AND, t, dd);
	pos = is_zero(g, nup);
	ir_alui(cc, g->f, BPF_XOR, pos, 1);
	t10 = cg_vcopy(g, t);
	ir_alu(cc, g->f, BPF_AND, t10, pos);
	t11 = cg_vcopy(g, pos);
	ir_alui(cc, g->f, BPF_XOR, t11, 1);
	ir_alu(cc, g->f, BPF_AND, t11, t);
	ir_mov(cc, g->f, to, select01(g, t10, brk, to));
	ir_alu(cc, g->f, BPF_SUB, nup, t10);
	ir_mov(cc, g->f, brk, select01(g, t11, to, brk));
	ir_alui(cc, g->f, BPF_SUB, to, 1);
}

/* the backward pass from V_E; V_E = start of the result, V_X = nup */
static void clean_back(struct cg *g, vreg_t d, int l_out)
{
	struct dcc *cc = g->cc;
	uint32_t lim = g->strsize + 2;
	vreg_t top = var_get(g, V_E), to, from, k = cg_vconst(g, 0), seq = cg_vconst(g, 0);
	vreg_t nup = cg_vconst(g, 0), c, brk;
	int l_loop = ir_label(g->f), l_end = ir_label(g->f);

	ir_comment(cc, g->f, "cleanpath: backward pass, drop dir/../");
	exit_ifi(g, BPF_JGT, top, lim, l_out);
	brk = cg_vcopy(g, top);
	to = cg_vcopy(g, top);
	ir_alui(cc, g->f, BPF_SUB, to, 1);
	from = cg_vreg(g);
	ir_place_label(cc, g->f, l_loop);
	ir_mov(cc, g->f, from, top);
	ir_alui(cc, g->f, BPF_SUB, from, 1);
	ir_alu(cc, g->f, BPF_SUB, from, k);
	exit_ifi(g, BPF_JSLT, from, 0, l_end);
	c = byte_at(g, d, from);
	put_at(g, d, to, c, lim, l_out);
	clean_back_step(g, c, seq, to, brk, nup);
	ir_alui(cc, g->f, BPF_ADD, k, 1);
	ir_jcci(cc, g->f, BPF_JLE, k, lim, l_loop);
	ir_place_label(cc, g->f, l_end);
	ir_alui(cc, g->f, BPF_ADD, to, 1);
	var_set(g, V_E, to);
	var_set(g, V_X, nup);
}

/* relative path: to++, then "../" before D[to] nup times (nup <= 15) */
static void clean_ups(struct cg *g, vreg_t d, int l_out)
{
	struct dcc *cc = g->cc;
	vreg_t to = var_get(g, V_E), nup = var_get(g, V_X), k = cg_vconst(g, 0), p;
	int l_loop = ir_label(g->f), l_end = ir_label(g->f);

	ir_alui(cc, g->f, BPF_ADD, to, 1);
	ir_alui(cc, g->f, BPF_AND, nup, 15);
	ir_place_label(cc, g->f, l_loop);
	exit_if(g, BPF_JGE, k, nup, l_end);
	ir_alui(cc, g->f, BPF_SUB, to, 3);
	exit_ifi(g, BPF_JSLT, to, 0, l_out);
	exit_ifi(g, BPF_JGT, to, g->strsize, l_out);
	p = ptr_add(g, d, to);
	ir_storei(cc, g->f, 1, p, 0, '.');
	ir_storei(cc, g->f, 1, p, 1, '.');
	ir_storei(cc, g->f, 1, p, 2, '/');
	ir_alui(cc, g->f, BPF_ADD, k, 1);
	ir_jcci(cc, g->f, BPF_JLT, k, 16, l_loop);
	ir_place_label(cc, g->f, l_end);
	var_set(g, V_E, to);
}

/* r = D + V_E without its trailing '/', "." if empty */
static vreg_t clean_result(struct cg *g, vreg_t d, vreg_t r, int l_out)
{
	struct dcc *cc = g->cc;
	vreg_t to = var_get(g, V_E), n;
	int l_end = ir_label(g->f), l_dot = ir_label(g->f);

	exit_ifi(g, BPF_JGT, to, g->strsize + 2, l_out);
	n = cg_call(g, BPF_FUNC_probe_read_kernel_str, 3, r, cg_vconst(g, g->strsize),
		    ptr_add(g, d, to));
	ir_jcci(cc, g->f, BPF_JSLT, n, 2, l_dot);
	ir_jcci(cc, g->f, BPF_JSLE, n, 2, l_end);
	ir_jcci(cc, g->f, BPF_JSGT, n, g->strsize, l_end);
	ir_storei(cc, g->f, 1, ptr_add(g, r, n), -2, 0);
	ir_ja(cc, g->f, l_end);
	ir_place_label(cc, g->f, l_dot);
	ir_storei(cc, g->f, 2, r, 0, '.');
	ir_place_label(cc, g->f, l_end);
	return r;
}

int gen_cleanpath(struct cg *g, struct node *call)
{
	struct dcc *cc = g->cc;
	struct node *sn = cg_call_arg(call, 0);
	vreg_t v = cg_vcopy(g, cg_expr(g, sn)), d = work_buf(g, 1), rc, r, p, first;
	uint32_t tmp;
	int l_out = ir_label(g->f), l_short = ir_label(g->f), l_abs = ir_label(g->f);

	r = result_tmp(g, &tmp);
	ir_storei(cc, g->f, 1, r, 0, 0);
	cg_fault_jcci(g, BPF_JEQ, v, 0, DTM_FLT_BADADDR, v);
	p = cg_vcopy(g, d);
	ir_alui(cc, g->f, BPF_ADD, p, 1);
	rc = cg_call(g, user_string(sn) ? BPF_FUNC_probe_read_user_str
					: BPF_FUNC_probe_read_kernel_str,
		     3, p, cg_vconst(g, g->strsize), v);
	cg_fault_jcci(g, BPF_JSLT, rc, 1, DTM_FLT_BADADDR, v);
	ir_jcci(cc, g->f, BPF_JSLE, rc, 2, l_short);
	ir_jcci(cc, g->f, BPF_JSGT, rc, g->strsize, l_out);
	ir_storei(cc, g->f, 1, d, 0, '/');
	p = ptr_add(g, d, rc);
	ir_storei(cc, g->f, 1, p, 0, '/');
	ir_storei(cc, g->f, 1, p, 1, 0);
	first = cg_vreg(g);
	ir_load(cc, g->f, 1, first, d, 1);
	var_set(g, V_B, first);
	clean_fwd(g, d, l_out);
	clean_back(g, d, l_out);
	first = var_get(g, V_B);
	ir_jcci(cc, g->f, BPF_JEQ, first, '/', l_abs);
	clean_ups(g, d, l_out);
	ir_place_label(cc, g->f, l_abs);
	clean_result(g, d, r, l_out);
	ir_ja(cc, g->f, l_out);
	ir_place_label(cc, g->f, l_short);
	p = cg_vcopy(g, d);
	ir_alui(cc, g->f, BPF_ADD, p, 1);
	cg_call(g, BPF_FUNC_probe_read_kernel_str, 3, r, cg_vconst(g, g->strsize), p);
	ir_place_label(cc, g->f, l_out);
	return cg_tmp_ptr(g, tmp);
}
