/* SPDX-License-Identifier: MIT */
/*
 * cg_net.c -- code generation for D's network-address subroutines:
 * inet_ntoa, inet_ntoa6, inet_ntop and link_ntop (gen_<name> hooks of
 * funcs.h).
 *
 * The address is read with probe_read_kernel into a scratch temporary
 * (faulting with "invalid address" if it cannot be read), then formatted
 * into the result temporary by straight-line, branch-free code: every digit
 * is stored at the output offset o and o advances by 0 or 1 computed
 * arithmetically, so the verifier follows a single path whatever the
 * address.  IPv6 zero-run compression looks up a 256-entry table in
 * .rodata indexed by the bitmap of non-zero words.
 *
 * The result temporary holds at least 64 bytes (the longest output is 59
 * characters); for a smaller strsize the string is cut at strsize.
 */
#include <linux/bpf.h>

#include "cg.h"
#include "funcs.h"

#define OUT_MIN		64
#define AF_INET_	2
#define AF_INET6_	10
#define ARPHRD_ETHER_	1
#define ARPHRD_IB_	32


/* The output being built: base pointer and offset vreg. */
struct out {
	vreg_t r, o;
	uint32_t tmp;
};

static void out_new(struct cg *g, struct out *w)
{
	uint32_t n = g->strsize < OUT_MIN ? OUT_MIN : g->strsize;

	w->tmp = cg_tmp_alloc(g, n);
	w->r = cg_tmp_ptr(g, w->tmp);
	w->o = cg_vconst(g, 0);
}

/* *(u8 *)(r + o + k) = c (vreg) */
static void out_put(struct cg *g, struct out *w, vreg_t c, int k)
{
	vreg_t p = cg_vcopy(g, w->r);

	ir_alu(g->cc, g->f, BPF_ADD, p, w->o);
	ir_store(g->cc, g->f, 1, p, k, c);
}

static void out_puti(struct cg *g, struct out *w, int c, int k)
{
	vreg_t p = cg_vcopy(g, w->r);

	ir_alu(g->cc, g->f, BPF_ADD, p, w->o);
	ir_storei(g->cc, g->f, 1, p, k, c);
}

/* NUL-terminate at o, and at strsize if the buffer is longer */
static vreg_t out_end(struct cg *g, struct out *w)
{
	out_puti(g, w, 0, 0);
	if (g->strsize < OUT_MIN)
		ir_storei(g->cc, g->f, 1, w->r, g->strsize - 1, 0);
	return cg_tmp_ptr(g, w->tmp);
}

/* d = a >> 63 (1 if a is negative) */
static vreg_t sign_bit(struct cg *g, vreg_t a)
{
	vreg_t d = cg_vcopy(g, a);

	ir_alui(g->cc, g->f, BPF_RSH, d, 63);
	return d;
}

/* d = (a != 0) as 0/1 */
static vreg_t non_zero(struct cg *g, vreg_t a)
{
	vreg_t d = cg_vcopy(g, a), n = cg_vcopy(g, a);

	ir_emit(g->cc, g->f, IR_NEG)->dst = n;
	ir_alu(g->cc, g->f, BPF_OR, d, n);
	ir_alui(g->cc, g->f, BPF_RSH, d, 63);
	return d;
}

/* buf = size bytes read from address a; fault if unreadable */
static vreg_t read_addr(struct cg *g, vreg_t a, uint32_t size)
{
	uint32_t tmp = cg_tmp_alloc(g, size);
	vreg_t rc, sz = cg_vconst(g, size);

	ir_comment(g->cc, g->f, "read the %u-byte address", size);
	cg_fault_jcci(g, BPF_JEQ, a, 0, DTM_FLT_BADADDR, a);
	rc = cg_call(g, BPF_FUNC_probe_read_kernel, 3, cg_tmp_ptr(g, tmp), sz, a);
	cg_fault_jcci(g, BPF_JNE, rc, 0, DTM_FLT_BADADDR, a);
	return cg_tmp_ptr(g, tmp);
}

static vreg_t byte_of(struct cg *g, vreg_t buf, int k)
{
	vreg_t c = cg_vreg(g);

	ir_load(g->cc, g->f, 1, c, buf, k);
	return c;
}

/* ---- IPv4 ------------------------------------------------------------------------------ */

/* decimal v (0..255) without leading zeros:
 *	r[o] = '0' + v / 100;      o += v >= 100
 *	r[o] = '0' + v / 10 % 10;  o += v >= 10
 *	r[o] = '0' + v % 10;       o += 1 */
static void put_dec(struct cg *g, struct out *w, vreg_t v)
{
	static const int div[3] = { 100, 10, 1 };
	vreg_t c, a;
	int k;

	for (k = 0; k < 3; k++) {
		c = cg_vcopy(g, v);
		ir_alui(g->cc, g->f, BPF_DIV, c, div[k]);
		if (k)
			ir_alui(g->cc, g->f, BPF_MOD, c, 10);
		ir_alui(g->cc, g->f, BPF_ADD, c, '0');
		out_put(g, w, c, 0);
		if (k < 2) {
			a = cg_vconst(g, div[k] - 1);
			ir_alu(g->cc, g->f, BPF_SUB, a, v);
			ir_alu(g->cc, g->f, BPF_ADD, w->o, sign_bit(g, a));
		} else {
			ir_alui(g->cc, g->f, BPF_ADD, w->o, 1);
		}
	}
}

/* a.b.c.d from the 4 bytes at buf + off */
static void put_ipv4(struct cg *g, struct out *w, vreg_t buf, int off)
{
	int k;

	for (k = 0; k < 4; k++) {
		if (k) {
			out_puti(g, w, '.', 0);
			ir_alui(g->cc, g->f, BPF_ADD, w->o, 1);
		}
		put_dec(g, w, byte_of(g, buf, off + k));
	}
}

/* inet_ntoa(ipaddr_t *) */
int gen_inet_ntoa(struct cg *g, struct node *call)
{
	struct out w;
	vreg_t buf = read_addr(g, cg_expr(g, cg_call_arg(call, 0)), 4);

	out_new(g, &w);
	ir_comment(g->cc, g->f, "inet_ntoa: dotted decimal");
	put_ipv4(g, &w, buf, 0);
	return out_end(g, &w);
}

/* ---- IPv6 ------------------------------------------------------------------------------ */

/* Table: bitmap of non-zero words (word n = bit 7 - n) -> start << 4 | len
 * of the first longest run of >= 2 zero words, 0x80 if none. */
static uint32_t zero_run_table(struct cg *g)
{
	uint8_t tbl[256];
	int b, n, start, len, best, bstart;

	for (b = 0; b < 256; b++) {
		best = 0;
		bstart = 8;
		for (n = 0; n < 8; n += len ? len : 1) {
			for (len = 0; n + len < 8 && !(b & (0x80 >> (n + len))); len++)
				;
			start = n;
			if (len > best && len >= 2) {
				best = len;
				bstart = start;
			}
		}
		tbl[b] = (uint8_t)(bstart << 4 | best);
	}
	return ir_rodata_add(g->cc, g->p, tbl, sizeof(tbl));
}

/* word n in host order: buf[2n] << 8 | buf[2n + 1] */
static vreg_t word_of(struct cg *g, vreg_t buf, int n)
{
	vreg_t hi = byte_of(g, buf, 2 * n), lo = byte_of(g, buf, 2 * n + 1);

	ir_alui(g->cc, g->f, BPF_LSH, hi, 8);
	ir_alu(g->cc, g->f, BPF_OR, hi, lo);
	return hi;
}

/* hex of word wd without leading zeros, if show (0/1):
 *	for each nibble c: r[o] = hex(c); o += show & (seen | c != 0 | last) */
static void put_hex16(struct cg *g, struct out *w, vreg_t wd, vreg_t show)
{
	vreg_t seen = cg_vconst(g, 0), c, a, adv;
	int d;

	for (d = 3; d >= 0; d--) {
		c = cg_vcopy(g, wd);
		ir_alui(g->cc, g->f, BPF_RSH, c, 4 * d);
		ir_alui(g->cc, g->f, BPF_AND, c, 15);
		a = cg_vconst(g, 9);
		ir_alu(g->cc, g->f, BPF_SUB, a, c);
		a = sign_bit(g, a);			/* c > 9 */
		ir_alui(g->cc, g->f, BPF_MUL, a, 'a' - '0' - 10);
		ir_alui(g->cc, g->f, BPF_ADD, a, '0');
		ir_alu(g->cc, g->f, BPF_ADD, a, c);
		out_put(g, w, a, 0);
		if (d) {
			adv = cg_vcopy(g, c);
			ir_alu(g->cc, g->f, BPF_ADD, adv, seen);
			adv = non_zero(g, adv);
			ir_mov(g->cc, g->f, seen, adv);
		} else {
			adv = cg_vconst(g, 1);
		}
		ir_alu(g->cc, g->f, BPF_AND, adv, show);
		ir_alu(g->cc, g->f, BPF_ADD, w->o, adv);
	}
}

/* r[o] = ':'; o += flag */
static void put_colon_if(struct cg *g, struct out *w, vreg_t flag)
{
	out_puti(g, w, ':', 0);
	ir_alu(g->cc, g->f, BPF_ADD, w->o, flag);
}

/*
 * Word n of the address given the zero run [start, start + len):
 *	run = n - start in [0, len);  at = n == start;  sep = n > 0 && n != start + len
 *	if (!run && sep) ':';  if (at) "::";  if (!run) hex(word)
 */
static void put_word6(struct cg *g, struct out *w, vreg_t wd, int n, vreg_t start,
		      vreg_t len)
{
	vreg_t a = cg_vconst(g, n), run, notrun, at, sep, e;

	ir_alu(g->cc, g->f, BPF_SUB, a, start);		/* a = n - start */
	e = cg_vcopy(g, a);
	ir_alu(g->cc, g->f, BPF_SUB, e, len);
	run = sign_bit(g, a);
	ir_alui(g->cc, g->f, BPF_XOR, run, 1);
	ir_alu(g->cc, g->f, BPF_AND, run, sign_bit(g, e));
	notrun = cg_vcopy(g, run);
	ir_alui(g->cc, g->f, BPF_XOR, notrun, 1);
	at = non_zero(g, a);
	ir_alui(g->cc, g->f, BPF_XOR, at, 1);
	sep = non_zero(g, e);				/* n != start + len */
	if (!n)
		ir_movi(g->cc, g->f, sep, 0);
	ir_alu(g->cc, g->f, BPF_AND, sep, notrun);
	put_colon_if(g, w, sep);
	out_puti(g, w, ':', 0);
	out_puti(g, w, ':', 1);
	ir_alui(g->cc, g->f, BPF_LSH, at, 1);
	ir_alu(g->cc, g->f, BPF_ADD, w->o, at);
	put_hex16(g, w, wd, notrun);
}

/* the eight words, with the longest zero run compressed */
static void put_ipv6(struct cg *g, struct out *w, vreg_t buf)
{
	vreg_t wd[8], bits = cg_vconst(g, 0), t, start, len;
	int n;

	for (n = 0; n < 8; n++) {
		wd[n] = word_of(g, buf, n);
		t = non_zero(g, wd[n]);
		ir_alui(g->cc, g->f, BPF_LSH, t, 7 - n);
		ir_alu(g->cc, g->f, BPF_OR, bits, t);
	}
	ir_alui(g->cc, g->f, BPF_AND, bits, 0xff);
	t = cg_vreg(g);
	ir_ld_data(g->cc, g->f, t, zero_run_table(g));
	ir_alu(g->cc, g->f, BPF_ADD, t, bits);
	start = cg_vreg(g);
	ir_load(g->cc, g->f, 1, start, t, 0);
	len = cg_vcopy(g, start);
	ir_alui(g->cc, g->f, BPF_RSH, start, 4);
	ir_alui(g->cc, g->f, BPF_AND, len, 15);
	for (n = 0; n < 8; n++)
		put_word6(g, w, wd[n], n, start, len);
}

/*
 * IPv4 inside IPv6, as legacy DTrace sees it: words 0-4 zero and then
 * ffff (mapped), or 0 and a non-zero word 6 (compatible), or 0, 0 and a
 * word 7 above 1 (compatible).  *mapped = word 5 is ffff.
 */
static void v4_test(struct cg *g, vreg_t buf, int l_not, int l_v4)
{
	vreg_t acc = cg_vconst(g, 0), v;
	int k;

	for (k = 0; k < 10; k++)
		ir_alu(g->cc, g->f, BPF_OR, acc, byte_of(g, buf, k));
	ir_jcci(g->cc, g->f, BPF_JNE, acc, 0, l_not);
	v = word_of(g, buf, 5);
	ir_jcci(g->cc, g->f, BPF_JEQ, v, 0xffff, l_v4);
	ir_jcci(g->cc, g->f, BPF_JNE, v, 0, l_not);
	v = word_of(g, buf, 6);
	ir_jcci(g->cc, g->f, BPF_JNE, v, 0, l_v4);
	v = word_of(g, buf, 7);
	ir_jcci(g->cc, g->f, BPF_JGT, v, 1, l_v4);
	ir_ja(g->cc, g->f, l_not);
}

/* "::ffff:" (mapped) or "::" (compatible) before the IPv4 part */
static void v4_prefix(struct cg *g, struct out *w, vreg_t buf)
{
	static const char pfx[] = "::ffff:";
	vreg_t v = word_of(g, buf, 5), m;
	int k;

	for (k = 0; k < 7; k++)
		out_puti(g, w, pfx[k], k);
	m = cg_vcopy(g, v);
	ir_alui(g->cc, g->f, BPF_AND, m, 1);		/* 1 if ffff, else 0 */
	ir_alui(g->cc, g->f, BPF_MUL, m, 5);
	ir_alui(g->cc, g->f, BPF_ADD, m, 2);
	ir_alu(g->cc, g->f, BPF_ADD, w->o, m);
}

/* IPv6 text of the 16 bytes at buf; strict: "::a.b.c.d" for embedded IPv4 */
static vreg_t ntoa6(struct cg *g, vreg_t buf, vreg_t strict)
{
	struct out w;
	vreg_t r = cg_vreg(g);
	int l_not = ir_label(g->f), l_v4 = ir_label(g->f), l_end = ir_label(g->f);
	int l_plain = ir_label(g->f);

	out_new(g, &w);
	ir_comment(g->cc, g->f, "inet_ntoa6: embedded IPv4?");
	v4_test(g, buf, l_not, l_v4);
	ir_place_label(g->cc, g->f, l_v4);
	if (strict != IR_NOREG) {
		ir_jcci(g->cc, g->f, BPF_JEQ, strict, 0, l_plain);
		v4_prefix(g, &w, buf);
		ir_place_label(g->cc, g->f, l_plain);
	}
	put_ipv4(g, &w, buf, 12);
	ir_mov(g->cc, g->f, r, out_end(g, &w));
	ir_ja(g->cc, g->f, l_end);
	ir_place_label(g->cc, g->f, l_not);
	ir_movi(g->cc, g->f, w.o, 0);
	put_ipv6(g, &w, buf);
	ir_mov(g->cc, g->f, r, out_end(g, &w));
	ir_place_label(g->cc, g->f, l_end);
	return r;
}

/* inet_ntoa6(in6_addr_t *[, strict]) */
int gen_inet_ntoa6(struct cg *g, struct node *call)
{
	vreg_t a = cg_vcopy(g, cg_expr(g, cg_call_arg(call, 0))), buf;
	vreg_t strict = cg_call_arg(call, 1) ? cg_vcopy(g, cg_expr(g, cg_call_arg(call, 1))) : IR_NOREG;

	buf = read_addr(g, a, 16);
	return ntoa6(g, buf, strict);
}

/* IPv4 text of the 4 bytes at a */
static vreg_t ntoa4(struct cg *g, vreg_t a)
{
	struct out w;
	vreg_t buf = read_addr(g, a, 4);

	out_new(g, &w);
	put_ipv4(g, &w, buf, 0);
	return out_end(g, &w);
}

/* inet_ntop(af, addr): AF_INET, or AF_INET6 (strict), else illegal op:
 *	if (af == AF_INET6) r = ntoa6(addr, 1)
 *	else if (af == AF_INET) r = ntoa4(addr)
 *	else fault ILLOP */
int gen_inet_ntop(struct cg *g, struct node *call)
{
	struct node *af = cg_call_arg(call, 0);
	vreg_t f = cg_vcopy(g, cg_expr(g, af)), a = cg_vcopy(g, cg_expr(g, cg_call_arg(call, 1)));
	vreg_t r = cg_vreg(g);
	int l_6 = ir_label(g->f), l_end = ir_label(g->f);

	if (af->is_const && af->cval == AF_INET_)
		return ntoa4(g, a);
	if (af->is_const && af->cval == AF_INET6_)
		return ntoa6(g, read_addr(g, a, 16), cg_vconst(g, 1));
	ir_comment(g->cc, g->f, "inet_ntop: address family known at run time");
	ir_jcci(g->cc, g->f, BPF_JEQ, f, AF_INET6_, l_6);
	cg_fault_jcci(g, BPF_JNE, f, AF_INET_, DTM_FLT_ILLOP, IR_NOREG);
	ir_mov(g->cc, g->f, r, ntoa4(g, a));
	ir_ja(g->cc, g->f, l_end);
	ir_place_label(g->cc, g->f, l_6);
	ir_mov(g->cc, g->f, r, ntoa6(g, read_addr(g, a, 16), cg_vconst(g, 1)));
	ir_place_label(g->cc, g->f, l_end);
	return r;
}

/* ---- link_ntop ------------------------------------------------------------------------ */

/* r = the first len bytes at buf as "xx:xx:..." (len <= 20) */
static vreg_t put_link(struct cg *g, vreg_t buf, vreg_t len)
{
	struct out w;
	vreg_t c;
	int n, d, l_end = ir_label(g->f);

	out_new(g, &w);
	for (n = 0; n < 20; n++) {
		ir_jcci(g->cc, g->f, BPF_JLE, len, n, l_end);
		for (d = 0; d < 2; d++) {
			vreg_t a = cg_vconst(g, 9);

			c = byte_of(g, buf, n);
			ir_alui(g->cc, g->f, BPF_RSH, c, 4 * (1 - d));
			ir_alui(g->cc, g->f, BPF_AND, c, 15);
			ir_alu(g->cc, g->f, BPF_SUB, a, c);
			a = sign_bit(g, a);
			ir_alui(g->cc, g->f, BPF_MUL, a, 'a' - '0' - 10);
			ir_alui(g->cc, g->f, BPF_ADD, a, '0');
			ir_alu(g->cc, g->f, BPF_ADD, a, c);
			ir_store(g->cc, g->f, 1, w.r, 3 * n + d, a);
		}
		ir_storei(g->cc, g->f, 1, w.r, 3 * n + 2, ':');
		ir_movi(g->cc, g->f, w.o, 3 * n + 2);
	}
	ir_place_label(g->cc, g->f, l_end);
	return out_end(g, &w);
}

/*
 * link_ntop(type, addr): ARPHRD_ETHER (6 bytes) or ARPHRD_INFINIBAND (20
 * bytes) as colon-separated hex; "" for another type.
 *	len = type == ETHER ? 6 : type == INFINIBAND ? 20 : 0
 *	if (len) probe_read_kernel(buf, len, addr) or fault
 */
int gen_link_ntop(struct cg *g, struct node *call)
{
	struct dcc *cc = g->cc;
	vreg_t t = cg_vcopy(g, cg_expr(g, cg_call_arg(call, 0))), a = cg_vcopy(g, cg_expr(g, cg_call_arg(call, 1)));
	uint32_t tmp = cg_tmp_alloc(g, 24);
	vreg_t len = cg_vconst(g, 0), rc;
	int l_ib = ir_label(g->f), l_read = ir_label(g->f), l_fmt = ir_label(g->f);

	ir_comment(cc, g->f, "link_ntop: address length from the type");
	ir_jcci(cc, g->f, BPF_JEQ, t, ARPHRD_IB_, l_ib);
	ir_jcci(cc, g->f, BPF_JNE, t, ARPHRD_ETHER_, l_fmt);
	ir_movi(cc, g->f, len, 6);
	ir_ja(cc, g->f, l_read);
	ir_place_label(cc, g->f, l_ib);
	ir_movi(cc, g->f, len, 20);
	ir_place_label(cc, g->f, l_read);
	cg_fault_jcci(g, BPF_JEQ, a, 0, DTM_FLT_BADADDR, a);
	rc = cg_call(g, BPF_FUNC_probe_read_kernel, 3, cg_tmp_ptr(g, tmp), len, a);
	cg_fault_jcci(g, BPF_JNE, rc, 0, DTM_FLT_BADADDR, a);
	ir_place_label(cc, g->f, l_fmt);
	return put_link(g, cg_tmp_ptr(g, tmp), len);
}
