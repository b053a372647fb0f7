/* SPDX-License-Identifier: MIT */
/*
 * test_output.c -- unit tests of libdload's output engine (no kernel).
 *
 * Builds records and aggregation values in memory, prints them through
 * loader/printf.c, record.c and aggprint.c into a memory stream and
 * compares with the bytes DTrace prints for the same data.
 *
 *   gcc -std=gnu11 -D_GNU_SOURCE -Iinclude -Iloader loader/printf.c \
 *       loader/record.c loader/aggprint.c tests/unit/test_output.c -lm
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

static int npass, nfail;

/* ---- fixtures ----------------------------------------------------- */

struct cap {
	char *buf;
	size_t len;
	struct dlo_ctx c;
};

static const char *strtab[] = { "", "tick-1s", "BEGIN", "hello %d %s\n" };

static const char *str_cb(void *arg, uint32_t off)
{
	return off < sizeof(strtab) / sizeof(strtab[0]) ? strtab[off] : "";
}

static void cap_open(struct cap *k, bool quiet, bool nocpu)
{
	memset(k, 0, sizeof(*k));
	k->c.out = open_memstream(&k->buf, &k->len);
	k->c.quiet = quiet;
	k->c.no_cpu_id = nocpu;
	k->c.str = str_cb;
}

static char *cap_close(struct cap *k)
{
	fclose(k->c.out);
	dlo_ctx_fini(&k->c);
	return k->buf;
}

static void check(const char *name, const char *got, const char *want)
{
	if (got && strcmp(got, want) == 0) {
		npass++;
		return;
	}
	nfail++;
	printf("FAIL %s\n--- want ---\n%s\n--- got ---\n%s\n", name, want,
	       got ? got : "(null)");
}

static void check_int(const char *name, long got, long want)
{
	if (got == want) {
		npass++;
		return;
	}
	nfail++;
	printf("FAIL %s: got %ld want %ld\n", name, got, want);
}

static char *rep(char ch, int n)
{
	static char bufs[32][128];
	static int k;
	char *b = bufs[k++ % 32];

	memset(b, ch, n);
	b[n] = 0;
	return b;
}

/* ---- printf ------------------------------------------------------- */

static struct dtm_rec ir(uint32_t size, bool sign)
{
	return (struct dtm_rec){ .action = DTM_ACT_ARG, .kind = DTM_K_INT,
				 .size = size, .flags = sign ? DTM_RF_SIGNED : 0 };
}

static struct dtm_rec sr(uint32_t size)
{
	return (struct dtm_rec){ .action = DTM_ACT_ARG, .kind = DTM_K_STRING,
				 .size = size };
}

static char *fmt1(const char *fmt, int n, const struct dtm_rec *recs,
		  const void *const *data)
{
	struct dlo_arg args[16];
	struct cap k;
	int i, err;

	cap_open(&k, true, true);
	for (i = 0; i < n; i++) {
		args[i].rec = &recs[i];
		args[i].data = data[i];
	}
	err = dlo_printf(&k.c, fmt, args, n);
	cap_close(&k);
	if (err) {
		free(k.buf);
		return NULL;
	}
	return k.buf;
}

static void test_printf_ints(void)
{
	int32_t i123 = 123, im5 = -5;
	int64_t l = -1234567890123LL;
	int16_t h = -2;
	uint8_t ch = 'A';
	struct dtm_rec r[] = { ir(4, true), ir(4, true), ir(8, true),
			       ir(2, true), ir(1, false) };
	const void *d[] = { &i123, &im5, &l, &h, &ch };
	char *s;

	s = fmt1("[%d][%5d][%-5d][%05d][%+d][% d]", 1, r, d);
	check("printf too few args fails", s ? s : "null", "null");
	free(s);
	{
		struct dtm_rec r6[6] = { r[0], r[0], r[0], r[0], r[0], r[1] };
		const void *d6[6] = { d[0], d[0], d[0], d[0], d[0], d[1] };

		s = fmt1("[%d][%5d][%-5d][%05d][%+d][% d]", 6, r6, d6);
		check("printf int flags", s, "[123][  123][123  ][00123][+123][-5]");
		free(s);
	}
	s = fmt1("%lld|%ld|%d", 3, (struct dtm_rec[]){ r[2], r[2], r[2] },
		 (const void *[]){ &l, &l, &l });
	check("printf 64-bit", s, "-1234567890123|-1234567890123|-1234567890123");
	free(s);
	s = fmt1("%hd %d %c%c", 4, (struct dtm_rec[]){ r[3], r[3], r[4], r[4] },
		 (const void *[]){ &h, &h, &ch, &ch });
	check("printf short/char", s, "-2 -2 AA");
	free(s);
}

static void test_printf_unsigned(void)
{
	int32_t m1 = -1, v = 0x1a2b;
	int64_t big = -1;
	struct dtm_rec u4 = ir(4, false), s4 = ir(4, true), u8 = ir(8, false);
	char *s;

	/* %d of an unsigned argument prints unsigned, as DTrace does */
	s = fmt1("%d %i %u", 3, (struct dtm_rec[]){ u4, u4, s4 },
		 (const void *[]){ &m1, &m1, &m1 });
	check("printf %d unsigned", s, "4294967295 4294967295 4294967295");
	free(s);
	s = fmt1("%x %X %#x %o %#o %08x %p", 7,
		 (struct dtm_rec[]){ s4, s4, s4, s4, s4, s4, s4 },
		 (const void *[]){ &v, &v, &v, &v, &v, &v, &v });
	check("printf hex/oct", s, "1a2b 1A2B 0x1a2b 15053 015053 00001a2b 1a2b");
	free(s);
	s = fmt1("%llu %llx %p", 3, (struct dtm_rec[]){ u8, u8, u8 },
		 (const void *[]){ &big, &big, &big });
	check("printf u64", s, "18446744073709551615 ffffffffffffffff ffffffffffffffff");
	free(s);
}

static void test_printf_strings(void)
{
	char hello[16] = "hello";
	int32_t w = 8, nw = -8, p = 3, z = 0;
	struct dtm_rec s16 = sr(16), i4 = ir(4, true);
	char *s;

	s = fmt1("<%s><%10s><%-10s><%.2s><%.0s>", 5,
		 (struct dtm_rec[]){ s16, s16, s16, s16, s16 },
		 (const void *[]){ hello, hello, hello, hello, hello });
	check("printf strings", s, "<hello><     hello><hello     ><he><hello>");
	free(s);
	s = fmt1("<%*s><%*s><%.*s><%.*s><%-*d>", 10,
		 (struct dtm_rec[]){ i4, s16, i4, s16, i4, s16, i4, s16, i4, i4 },
		 (const void *[]){ &w, hello, &nw, hello, &p, hello, &z, hello,
				   &w, &p });
	check("printf dynamic", s, "<   hello><hello   ><hel><hello><3       >");
	free(s);
	s = fmt1("100%% %s", 1, &s16, (const void *[]){ hello });
	check("printf percent", s, "100% hello");
	free(s);
	s = fmt1("%d", 0, NULL, NULL);
	check("printf missing arg fails", s ? "ok" : "null", "null");
	free(s);
	{
		char esc[16] = "a\tb\n\"c\\";
		s = fmt1("%S", 1, &s16, (const void *[]){ esc });
		check("printf %S", s, "a\\tb\\n\\\"c\\\\");
		free(s);
	}
}

/* ---- records ------------------------------------------------------ */

struct rbuf {
	uint8_t b[256];
	size_t len;
};

static uint32_t rb_put(struct rbuf *r, const void *p, size_t n, size_t align)
{
	uint32_t off;

	r->len = (r->len + align - 1) & ~(align - 1);
	off = (uint32_t)r->len;
	memcpy(r->b + off, p, n);
	r->len += n;
	return off;
}

static void rb_init(struct rbuf *r, uint32_t cpu, uint32_t prid)
{
	struct dtm_rec_hdr h = { .epid = 0, .prid = prid, .cpu = cpu };

	memset(r, 0, sizeof(*r));
	rb_put(r, &h, sizeof(h), 8);
}

static const struct dtm_probe begin_probe = { .function = 0, .name = 2 };
static const struct dtm_probe tick_probe = { .function = 0, .name = 1 };

static char *run_rec(bool quiet, bool nocpu, const struct dtm_probe *pr,
		     const struct dtm_rec *items, int n, struct rbuf *rb,
		     int *errp)
{
	struct dtm_clause cl = { .rec_count = (uint32_t)n };
	struct cap k;
	int err;

	cap_open(&k, quiet, nocpu);
	err = dlo_record(&k.c, pr, &cl, items, n, rb->b, rb->len);
	if (errp)
		*errp = err;
	return cap_close(&k);
}

static void test_record_trace(void)
{
	struct rbuf rb;
	int32_t seven = 7;
	int64_t big = -3;
	char str[32] = "hi there";
	struct dtm_rec it[3];
	char *s, want[512];

	rb_init(&rb, 1, 1);
	it[0] = ir(4, true);
	it[0].action = DTM_ACT_TRACE;
	it[0].offset = rb_put(&rb, &seven, 4, 4);
	it[1] = sr(32);
	it[1].action = DTM_ACT_TRACE;
	it[1].offset = rb_put(&rb, str, 32, 1);
	it[2] = ir(8, true);
	it[2].action = DTM_ACT_TRACE;
	it[2].offset = rb_put(&rb, &big, 8, 8);

	s = run_rec(false, true, &begin_probe, it, 3, &rb, NULL);
	snprintf(want, sizeof(want),
		 "                   FUNCTION:NAME\n"
		 "                          :BEGIN           7  hi there"
		 "%s-3\n", rep(' ', 25 + 1 + 17));
	check("trace non-quiet, no cpu/id", s, want);
	free(s);

	s = run_rec(false, false, &begin_probe, it, 1, &rb, NULL);
	snprintf(want, sizeof(want),
	      "CPU     ID                    FUNCTION:NAME\n"
	      "  1      1 %s:BEGIN           7\n", rep(' ', 26));
	check("trace with cpu/id", s, want);
	free(s);

	s = run_rec(true, false, &begin_probe, it, 3, &rb, NULL);
	check("trace quiet", s, "7hi there-3");
	free(s);

	s = run_rec(false, true, &tick_probe, NULL, 0, &rb, NULL);
	check("default action", s,
	      "                   FUNCTION:NAME\n"
	      "                        :tick-1s \n");
	free(s);
}

static void test_record_printf(void)
{
	struct rbuf rb;
	int32_t n = 42;
	char str[8] = "dcc";
	struct dtm_rec it[3] = {
		{ .action = DTM_ACT_PRINTF, .fmt = 3, .arg = 2 },
		ir(4, true), sr(8),
	};
	char *s;
	int err;

	rb_init(&rb, 0, 1);
	it[0].offset = (uint32_t)rb.len;
	it[1].offset = rb_put(&rb, &n, 4, 4);
	it[2].offset = rb_put(&rb, str, 8, 1);
	s = run_rec(false, true, &begin_probe, it, 3, &rb, NULL);
	check("printf record", s,
	      "                   FUNCTION:NAME\n"
	      "                          :BEGIN hello 42 dcc\n\n");
	free(s);

	/* a hostile item pointing past the record is refused, nothing printed */
	it[2].offset = 250;
	s = run_rec(true, true, &begin_probe, it, 3, &rb, &err);
	check_int("hostile offset refused", err, -EINVAL);
	check("hostile offset prints nothing", s, "");
	free(s);
	it[2].offset = 16;
	it[2].size = 0xffffffffu;
	s = run_rec(true, true, &begin_probe, it, 3, &rb, &err);
	check_int("hostile size refused", err, -EINVAL);
	free(s);
	s = run_rec(true, true, &begin_probe, it, 3, &(struct rbuf){ .len = 4 }, &err);
	check_int("short record refused", err, -EINVAL);
	free(s);
}

static void test_rawbytes(void)
{
	struct cap k;
	unsigned char b[18];
	int i;

	for (i = 0; i < 18; i++)
		b[i] = (unsigned char)(0x41 + i);
	b[17] = 0x01;
	cap_open(&k, false, true);
	dlo_print_rawbytes(k.c.out, b, sizeof(b));
	cap_close(&k);
	check("rawbytes", k.buf,
	      "\n             0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f"
	      "  0123456789abcdef\n"
	      "         0: 41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50"
	      "  ABCDEFGHIJKLMNOP\n"
	      "        10: 51 01"
	      "                                          "	/* 14 x 3 */
	      "  Q.\n");
	free(k.buf);
}

/* ---- aggregations ------------------------------------------------- */

static char *print_agg(struct dtm_agg *agg, struct dtm_aggkey *keys,
		       struct dlo_aggent *e, int n, bool keysort, bool rev)
{
	struct dlo_agginfo ai = { .agg = agg, .keys = keys, .name = "a" };
	struct cap k;

	cap_open(&k, true, true);
	k.c.aggsortkey = keysort;
	k.c.aggsortrev = rev;
	dlo_print_agg(&k.c, &ai, e, n);
	return cap_close(&k);
}

static void test_agg_count(void)
{
	struct dtm_agg agg = { .func = DTM_AGG_COUNT, .key_size = 8, .val_size = 8 };
	int64_t v = 2, zero = 0;
	struct dlo_aggent e = { &zero, &v };
	char *s;

	s = print_agg(&agg, NULL, &e, 1, false, false);
	check("count keyless", s, "                2\n");
	free(s);
}

static void test_agg_sorted(void)
{
	struct dtm_aggkey key = { .kind = DTM_K_STRING, .offset = 0, .size = 16 };
	struct dtm_agg agg = { .func = DTM_AGG_SUM, .nkeys = 1, .key_size = 16,
			       .val_size = 8 };
	char k1[16] = "bash", k2[16] = "cat", k3[16] = "awk";
	int64_t v1 = 5, v2 = 1, v3 = 5;
	struct dlo_aggent e[3] = { { k1, &v1 }, { k2, &v2 }, { k3, &v3 } };
	char want[512], *s;

	s = print_agg(&agg, &key, e, 3, false, false);
	snprintf(want, sizeof(want),
		 "  cat%s                1\n"
		 "  awk%s                5\n"
		 "  bash%s                5\n", rep(' ', 47), rep(' ', 47), rep(' ', 46));
	check("sum sorted by value then key", s, want);
	free(s);

	s = print_agg(&agg, &key, e, 3, true, false);
	snprintf(want, sizeof(want),
		 "  awk%s                5\n"
		 "  bash%s                5\n"
		 "  cat%s                1\n", rep(' ', 47), rep(' ', 46), rep(' ', 47));
	check("aggsortkey", s, want);
	free(s);

	s = print_agg(&agg, &key, e, 3, false, true);
	snprintf(want, sizeof(want),
		 "  bash%s                5\n"
		 "  awk%s                5\n"
		 "  cat%s                1\n", rep(' ', 46), rep(' ', 47), rep(' ', 47));
	check("aggsortrev", s, want);
	free(s);
}

static void test_agg_intkeys(void)
{
	struct dtm_aggkey key = { .kind = DTM_K_INT, .flags = DTM_RF_SIGNED,
				  .offset = 0, .size = 4 };
	struct dtm_agg agg = { .func = DTM_AGG_COUNT, .nkeys = 1, .key_size = 4,
			       .val_size = 8 };
	int32_t k1 = -2, k2 = 7;
	int64_t v = 1;
	struct dlo_aggent e[2] = { { &k1, &v }, { &k2, &v } };
	char *s;

	/* keys compare unsigned: 7 sorts before -2 */
	s = print_agg(&agg, &key, e, 2, false, false);
	check("int keys", s,
	      "        7                1\n"
	      "       -2                1\n");
	free(s);
}

/* aggpercpu: each CPU's value after the combined one, "\n    [CPU n]" */
static void test_agg_percpu(void)
{
	struct dtm_aggkey key = { .kind = DTM_K_STRING, .offset = 0, .size = 16 };
	struct dtm_agg agg = { .func = DTM_AGG_COUNT, .nkeys = 1, .key_size = 16,
			       .val_size = 8 };
	struct dtm_agg avg = { .func = DTM_AGG_AVG, .key_size = 8, .val_size = 16 };
	char k1[16] = "bash", k2[16] = "cat";
	int64_t v1 = 5, c1[2] = { 2, 3 }, v2 = 1, c2[2] = { 0, 1 }, zero = 0;
	int64_t va[2] = { 4, 40 }, ca[4] = { 1, 4, 3, 36 };
	struct dlo_aggent e[2] = { { k1, &v1, c1, 2 }, { k2, &v2, c2, 2 } };
	struct dlo_aggent ea = { &zero, va, ca, 2 };
	struct dlo_ctx c = { 0 };
	char want[512], *s;

	check_int("opt aggpercpu", dlo_set_option(&c, "aggpercpu", NULL), 0);
	check_int("opt aggpercpu set", c.aggpercpu, 1);
	s = print_agg(&agg, &key, e, 2, false, false);
	snprintf(want, sizeof(want),
		 "  cat%s                1\n"
		 "    [CPU 0]                0\n"
		 "    [CPU 1]                1\n"
		 "  bash%s                5\n"
		 "    [CPU 0]                2\n"
		 "    [CPU 1]                3\n", rep(' ', 47), rep(' ', 46));
	check("aggpercpu count", s, want);
	free(s);
	s = print_agg(&avg, NULL, &ea, 1, false, false);
	check("aggpercpu avg", s,
	      "               10\n"
	      "    [CPU 0]                4\n"
	      "    [CPU 1]               12\n");
	free(s);
}

static void test_agg_avg_stddev_minmax(void)
{
	struct dtm_agg avg = { .func = DTM_AGG_AVG, .key_size = 8, .val_size = 16 };
	struct dtm_agg sd = { .func = DTM_AGG_STDDEV, .key_size = 8, .val_size = 32 };
	struct dtm_agg mx = { .func = DTM_AGG_MAX, .key_size = 8, .val_size = 16 };
	int64_t zero = 0;
	/* values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, stddev 2 */
	int64_t a[2] = { 8, 40 }, d[4] = { 8, 40, 232, 0 };
	int64_t m1[2] = { 1, -7 }, m2[2] = { 1, -3 }, m0[2] = { 0, 99 };
	struct dlo_aggent e;
	char *s;

	e = (struct dlo_aggent){ &zero, a };
	s = print_agg(&avg, NULL, &e, 1, false, false);
	check("avg", s, "                5\n");
	free(s);
	e = (struct dlo_aggent){ &zero, d };
	s = print_agg(&sd, NULL, &e, 1, false, false);
	check("stddev", s, "                2\n");
	free(s);
	dlo_agg_combine(&mx, m1, m2);
	dlo_agg_combine(&mx, m1, m0);
	check_int("max combine", m1[1], -3);
	e = (struct dlo_aggent){ &zero, m1 };
	s = print_agg(&mx, NULL, &e, 1, false, false);
	check("max negative", s, "               -3\n");
	free(s);
}

static const char hdr[] =
	"\n           value  ------------- Distribution ------------- count    \n";

static void test_quantize(void)
{
	struct dtm_agg agg = { .func = DTM_AGG_QUANTIZE, .key_size = 8,
			       .val_size = 127 * 8 };
	int64_t b[127] = { 0 }, c[127] = { 0 }, zero = 0;
	struct dlo_aggent e = { &zero, b };
	char want[1024], *s;

	b[64] = 1;		/* value 1 */
	b[65] = 3;		/* values 2, 3 */
	s = print_agg(&agg, NULL, &e, 1, false, false);
	/* an entry ends with the newline after the histogram */
	snprintf(want, sizeof(want), "%s"
		 "               0 |%s 0        \n"
		 "               1 |%s%s 1        \n"
		 "               2 |%s%s 3        \n"
		 "               4 |%s 0        \n\n", hdr,
		 rep(' ', 40), rep('@', 10), rep(' ', 30), rep('@', 30),
		 rep(' ', 10), rep(' ', 40));
	check("quantize", s, want);
	free(s);

	/* only negative increments: bars grow leftwards */
	c[62] = -2;		/* value -1 */
	e.val = c;
	s = print_agg(&agg, NULL, &e, 1, false, false);
	snprintf(want, sizeof(want), "%s"
		 "              -2 %s| 0        \n"
		 "              -1 %s| -2       \n"
		 "               0 %s| 0        \n\n", hdr,
		 rep(' ', 40), rep('@', 40), rep(' ', 40));
	check("quantize negative", s, want);
	free(s);
}

static void test_lquantize(void)
{
	/* lquantize(x, 0, 10, 2): levels 5, bins <0, 0,2,4,6,8, >=10 */
	struct dtm_agg agg = { .func = DTM_AGG_LQUANTIZE, .key_size = 8,
			       .val_size = 7 * 8, .params = { 0, 10, 2 } };
	int64_t b[7] = { 0, 0, 4, 0, 0, 0, 0 }, o[7] = { 1, 0, 0, 0, 0, 0, 1 };
	int64_t zero = 0;
	struct dlo_aggent e = { &zero, b };
	char want[1024], *s;

	s = print_agg(&agg, NULL, &e, 1, false, false);
	snprintf(want, sizeof(want), "%s"
		 "               0 |%s 0        \n"
		 "               2 |%s 4        \n"
		 "               4 |%s 0        \n\n", hdr,
		 rep(' ', 40), rep('@', 40), rep(' ', 40));
	check("lquantize", s, want);
	free(s);

	e.val = o;
	s = print_agg(&agg, NULL, &e, 1, false, false);
	snprintf(want, sizeof(want), "%s"
		 "             < 0 |%s%s 1        \n"
		 "               0 |%s 0        \n"
		 "               2 |%s 0        \n"
		 "               4 |%s 0        \n"
		 "               6 |%s 0        \n"
		 "               8 |%s 0        \n"
		 "           >= 10 |%s%s 1        \n\n", hdr,
		 rep('@', 20), rep(' ', 20), rep(' ', 40), rep(' ', 40),
		 rep(' ', 40), rep(' ', 40), rep(' ', 40), rep('@', 20),
		 rep(' ', 20));
	check("lquantize under/overflow", s, want);
	free(s);
}

static void test_llquantize(void)
{
	/* llquantize(x, 10, 0, 1, 10): bins <=-100, 9 per decade each side */
	struct dtm_agg agg = { .func = DTM_AGG_LLQUANTIZE, .key_size = 8,
			       .params = { 10, 0, 1, 10 } };
	int64_t b[64] = { 0 }, zero = 0;
	struct dlo_aggent e = { &zero, b };
	char want[1024], *s;
	size_t n = dlo_agg_nslots(&agg);

	check_int("llquantize bins", (long)n, 2 * 2 * 9 + 3);
	agg.val_size = (uint32_t)(n * 8);
	/* bin0 = 19 (value 0), 20 holds 1, 21 holds 2, ..., 29 holds 10,
	 * 30 holds 20..29: value 3 -> bin 22; value 25 -> bin 30 */
	b[22] = 1;
	b[30] = 1;
	s = print_agg(&agg, NULL, &e, 1, false, false);
	snprintf(want, sizeof(want), "%s"
		 "               2 |%s 0        \n"
		 "               3 |%s%s 1        \n"
		 "               4 |%s 0        \n"
		 "               5 |%s 0        \n"
		 "               6 |%s 0        \n"
		 "               7 |%s 0        \n"
		 "               8 |%s 0        \n"
		 "               9 |%s 0        \n"
		 "              10 |%s 0        \n"
		 "              20 |%s%s 1        \n"
		 "              30 |%s 0        \n\n", hdr,
		 rep(' ', 40), rep('@', 20), rep(' ', 20), rep(' ', 40),
		 rep(' ', 40), rep(' ', 40), rep(' ', 40), rep(' ', 40),
		 rep(' ', 40), rep(' ', 40), rep('@', 20), rep(' ', 20),
		 rep(' ', 40));
	check("llquantize", s, want);
	free(s);
}

static void test_printa(void)
{
	struct dtm_aggkey keys[2] = {
		{ .kind = DTM_K_STRING, .offset = 0, .size = 8 },
		{ .kind = DTM_K_INT, .flags = DTM_RF_SIGNED, .offset = 8, .size = 8 },
	};
	struct dtm_agg agg = { .func = DTM_AGG_SUM, .nkeys = 2, .key_size = 16,
			       .val_size = 8 };
	struct { char s[8]; int64_t n; } k1 = { "x", 3 }, k2 = { "y", -4 };
	int64_t v1 = 10, v2 = 20;
	struct dlo_aggent e[2] = { { &k1, &v1 }, { &k2, &v2 } };
	struct dlo_agginfo ai = { .agg = &agg, .keys = keys, .id = 3 };
	struct cap k;

	cap_open(&k, true, true);
	dlo_printa(&k.c, "%s %d => %@d\n", &ai, e, 2);
	check_int("printa marks printed", dlo_agg_printed(&k.c, 3), 1);
	check_int("other not printed", dlo_agg_printed(&k.c, 2), 0);
	cap_close(&k);
	check("printa format", k.buf, "x 3 => 10\ny -4 => 20\n");
	free(k.buf);

	cap_open(&k, true, true);
	dlo_printa(&k.c, NULL, &ai, e, 2);
	cap_close(&k);
	{
		char want[512];

		snprintf(want, sizeof(want),
			 "\n  x%s                3               10\n"
			 "  y%s               -4               20\n",
			 rep(' ', 49), rep(' ', 49));
		check("printa default", k.buf, want);
	}
	free(k.buf);
}

static void test_printa_multi(void)
{
	struct dtm_aggkey key = { .kind = DTM_K_STRING, .offset = 0, .size = 8 };
	struct dtm_agg agg = { .func = DTM_AGG_SUM, .nkeys = 1, .key_size = 8,
			       .val_size = 8 };
	char kx[8] = "x", ky[8] = "y", kz[8] = "z";
	int64_t a1 = 5, a2 = 1, b1 = 7, b2 = 2;
	struct dlo_aggent ea[2] = { { kx, &a1 }, { ky, &a2 } };
	struct dlo_aggent eb[2] = { { kx, &b1 }, { kz, &b2 } };
	struct dlo_aggent *ents[2] = { ea, eb };
	struct dlo_agginfo ais[2] = {
		{ .agg = &agg, .keys = &key, .id = 0 },
		{ .agg = &agg, .keys = &key, .id = 1 },
	};
	int ns[2] = { 2, 2 };
	struct cap k;

	/* joined by key, a missing value is 0; sorted on the first value */
	cap_open(&k, true, true);
	dlo_printa_multi(&k.c, "%s %@d %@d\n", ais, ents, ns, 2);
	check_int("multi marks printed", dlo_agg_printed(&k.c, 1), 1);
	cap_close(&k);
	check("printa multi", k.buf, "z 0 2\ny 1 0\nx 5 7\n");
	free(k.buf);

	cap_open(&k, true, true);
	k.c.aggsortpos = 1;
	dlo_printa_multi(&k.c, "%s %@d %@d\n", ais, ents, ns, 2);
	cap_close(&k);
	check("printa multi aggsortpos", k.buf, "y 1 0\nz 0 2\nx 5 7\n");
	free(k.buf);

	cap_open(&k, true, true);
	dlo_printa_multi(&k.c, NULL, ais, ents, ns, 2);
	cap_close(&k);
	{
		char want[512];

		snprintf(want, sizeof(want),
			 "\n  z%s                0                2\n"
			 "  y%s                1                0\n"
			 "  x%s                5                7\n",
			 rep(' ', 49), rep(' ', 49), rep(' ', 49));
		check("printa multi default", k.buf, want);
	}
	free(k.buf);
}

static void test_options(void)
{
	struct dlo_ctx c = { 0 };

	check_int("opt aggsortkey", dlo_set_option(&c, "aggsortkey", NULL), 0);
	check_int("opt aggsortkeypos", dlo_set_option(&c, "aggsortkeypos", "1"), 0);
	check_int("opt keypos value", c.aggsortkeypos, 1);
	check_int("opt unknown", dlo_set_option(&c, "bufsize", "4m"), -ENOENT);
	check_int("opt bad", dlo_set_option(&c, "aggsortpos", "x"), -EINVAL);
	check_int("opt flag set", c.aggsortkey, 1);
	check_int("opt flag bad value", dlo_set_option(&c, "quiet", "um, no"), -EINVAL);
	check_int("opt flag not set", c.quiet, 0);
	check_int("opt flag numeric", dlo_set_option(&c, "quiet", "1"), 0);
	check_int("opt flag word", dlo_set_option(&c, "aggsortkey", "UnSeT"), 0);
	check_int("opt flag cleared", c.aggsortkey, 0);
	check_int("opt flag on", dlo_set_option(&c, "rawbytes", "Enabled"), 0);
	check_int("opt flag on set", c.rawbytes, 1);
}

/* ---- printf against the C library -------------------------------- */

/* What DTrace's rules make of "%<flags><width><prec><conv>" for an
 * integer of size bytes: the C library's printf of the value as int,
 * unsigned, long long or unsigned long long (%d of an unsigned: %u). */
static void libc_int(char *buf, size_t len, const char *spec, char conv,
		     int64_t v, uint32_t size, bool sign)
{
	char fmt[64];

	sign = sign && (conv == 'd' || conv == 'i');
	if ((conv == 'd' || conv == 'i') && !sign)
		conv = 'u';
	snprintf(fmt, sizeof(fmt), "%s%s%c", spec, size == 8 ? "ll" : "", conv);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (size == 8 && sign)
		snprintf(buf, len, fmt, (long long)v);
	else if (size == 8)
		snprintf(buf, len, fmt, (unsigned long long)v);
	else if (sign)
		snprintf(buf, len, fmt, (int)v);
	else
		snprintf(buf, len, fmt, (unsigned)v);
#pragma GCC diagnostic pop
}

/* One integer conversion through dlo_printf vs the C library; 0 if same. */
static int diff_int(const char *spec, char conv, int64_t v, uint32_t size,
		    bool sign)
{
	char fmt[64], want[512];
	struct dtm_rec r = ir(size, sign);
	int64_t x;
	char *got;
	int bad;

	/* the stored bytes, read as the conversion does (%x: unsigned) */
	dlo_read_int(&v, size, sign && (conv == 'd' || conv == 'i'), &x);
	snprintf(fmt, sizeof(fmt), "<%s%c>", spec, conv);
	got = fmt1(fmt, 1, &r, (const void *[]){ &v });
	libc_int(want + 1, sizeof(want) - 2, spec, conv, x, size, sign);
	want[0] = '<';
	strcat(want, ">");
	bad = !got || strcmp(got, want) != 0;
	if (bad)
		printf("FAIL printf %s (size %u%s, %lld): want %s got %s\n", fmt,
		       size, sign ? " signed" : "", (long long)x, want,
		       got ? got : "(null)");
	free(got);
	return bad;
}

/* Every combination of the flags # 0 - + space, a few widths and
 * precisions, every integer conversion, sizes and signs. */
static void test_printf_libc_ints(void)
{
	static const char flagch[] = "#0-+ ";
	static const char *const wp[] = { "", "1", "7", "23", ".1", ".4",
					  "9.3", "3.9", "12.12" };
	static const int64_t vals[] = { 0, 1, -1, 42, -42, 255, 0x7fffffff,
					INT64_MIN, INT64_MAX, -1234567890123LL };
	static const uint32_t sizes[] = { 1, 2, 4, 8 };
	int bad = 0, n = 0;

	for (unsigned f = 0; f < 32; f++)
		for (size_t w = 0; w < sizeof(wp) / sizeof(wp[0]); w++)
			for (const char *c = "diuoxXp"; *c; c++)
				for (size_t v = 0; v < sizeof(vals) / sizeof(vals[0]); v++)
					for (size_t z = 0; z < 8; z++) {
						char spec[32] = "%", *q = spec + 1;

						for (int b = 0; b < 5; b++)
							if (f & (1u << b))
								*q++ = flagch[b];
						strcpy(q, wp[w]);
						bad += diff_int(spec, *c == 'p' ? 'x' : *c,
								vals[v], sizes[z / 2], z & 1);
						n++;
					}
	check_int("printf ints as libc", bad, 0);
	(void)n;
}

/* %s with flags, widths and precisions, strings not NUL-terminated. */
static void test_printf_libc_strings(void)
{
	static const char *const specs[] = { "%s", "%5s", "%-5s", "%.2s",
		"%-8.3s", "%08s", "%0-8s", "%+6s", "% 6s", "%#6s", "%.20s",
		"%1s", "%40s" };
	static const char *const strs[] = { "", "a", "hello", "0123456789ab" };
	char want[128], buf[8], fmt[32];
	int bad = 0;

	for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++)
		for (size_t j = 0; j < sizeof(strs) / sizeof(strs[0]); j++) {
			struct dtm_rec r = sr(sizeof(buf));
			char nul[sizeof(buf) + 1] = { 0 };
			char *got;

			memcpy(buf, strs[j], strnlen(strs[j], sizeof(buf)));
			memset(buf + strnlen(strs[j], sizeof(buf)), 0,
			       sizeof(buf) - strnlen(strs[j], sizeof(buf)));
			memcpy(nul, buf, sizeof(buf));
			snprintf(fmt, sizeof(fmt), "[%s]", specs[i]);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
			snprintf(want, sizeof(want), fmt, nul);
#pragma GCC diagnostic pop
			got = fmt1(fmt, 1, &r, (const void *[]){ buf });
			if (!got || strcmp(got, want)) {
				printf("FAIL printf %s of \"%s\": want %s got %s\n",
				       fmt, nul, want, got ? got : "(null)");
				bad++;
			}
			free(got);
		}
	check_int("printf strings as libc", bad, 0);
}

/* Long text and wide padding cross the engine's write-combining buffer. */
static void test_printf_long(void)
{
	char lit[3000], want[12000], str[600];
	struct dtm_rec r[3] = { ir(4, true), sr(sizeof(str)), ir(8, false) };
	int32_t w = 2000;
	uint64_t u = 77;
	char *s;

	memset(lit, 'x', sizeof(lit) - 1);
	lit[sizeof(lit) - 1] = 0;
	memset(str, 's', sizeof(str) - 1);
	str[sizeof(str) - 1] = 0;
	snprintf(want, sizeof(want), "%s|%2000s|%s|%-1500llu|%s", lit, str,
		 str, (unsigned long long)u, lit);
	{
		char fmt[7000];

		snprintf(fmt, sizeof(fmt), "%s|%%*s|%%s|%%-1500u|%s", lit, lit);
		s = fmt1(fmt, 4, (struct dtm_rec[]){ r[0], r[1], r[1], r[2] },
			 (const void *[]){ &w, str, str, &u });
	}
	check("printf across the buffer", s, want);
	free(s);
}

int main(void)
{
	test_printf_libc_ints();
	test_printf_libc_strings();
	test_printf_long();
	test_printf_ints();
	test_printf_unsigned();
	test_printf_strings();
	test_record_trace();
	test_record_printf();
	test_rawbytes();
	test_agg_count();
	test_agg_sorted();
	test_agg_intkeys();
	test_agg_percpu();
	test_agg_avg_stddev_minmax();
	test_quantize();
	test_lquantize();
	test_llquantize();
	test_printa();
	test_printa_multi();
	test_options();
	printf("%d passed, %d failed\n", npass, nfail);
	return nfail != 0;
}
