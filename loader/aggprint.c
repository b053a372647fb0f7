/* SPDX-License-Identifier: MIT */
/*
 * aggprint.c -- aggregations as DTrace prints them.
 *
 * Combination of per-CPU values (dlo_agg_combine), DTrace's sort order
 * (by aggregation, then value, then key; or by key with aggsortkey; keys
 * rotated by aggsortkeypos; everything reversed by aggsortrev), the default
 * output of an entry (each key, then the value: " %16lld" scalars,
 * histograms for the quantizations) and printa() with a format string.
 * Value layouts are those of struct dtm_agg in meta.h; quantize uses
 * DTrace's 127 power-of-two buckets (bucket 63 holds 0, bucket 63-k holds
 * -2^(k-1), bucket 63+k holds 2^(k-1)).
 */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "output.h"

#define QZ_NBUCKETS	127
#define QZ_ZERO		63

/* ---- value layouts ------------------------------------------------ */

struct llq_shape {
	int factor, lmag, hmag, steps, steps_factor, bin0, nbins;
};

static int lq_levels(const struct dtm_agg *agg)
{
	int64_t base = agg->params[0], limit = agg->params[1], step = agg->params[2];

	if (step <= 0 || limit <= base || (limit - base) / step > 65535)
		return -1;
	return (int)((limit - base) / step);
}

static int llq_shape(const struct dtm_agg *agg, struct llq_shape *s)
{
	s->factor = (int)agg->params[0];
	s->lmag = (int)agg->params[1];
	s->hmag = (int)agg->params[2];
	s->steps = (int)agg->params[3];
	if (s->factor < 2 || s->lmag < 0 || s->hmag < s->lmag || s->hmag > 64 ||
	    s->steps < 1 || s->steps > 65535)
		return -EINVAL;
	s->steps_factor = s->steps / s->factor;
	s->bin0 = 1 + (s->hmag - s->lmag + 1) * (s->steps - s->steps_factor);
	s->nbins = (s->hmag - s->lmag + 1) * (s->steps - s->steps_factor) * 2 + 3;
	return 0;
}

size_t dlo_agg_nslots(const struct dtm_agg *agg)
{
	struct llq_shape s;
	int levels;

	switch (agg->func) {
	case DTM_AGG_COUNT: case DTM_AGG_SUM: return 1;
	case DTM_AGG_AVG: case DTM_AGG_MIN: case DTM_AGG_MAX: return 2;
	case DTM_AGG_STDDEV: return 4;
	case DTM_AGG_QUANTIZE: return QZ_NBUCKETS;
	case DTM_AGG_LQUANTIZE:
		levels = lq_levels(agg);
		return levels < 0 ? 0 : (size_t)levels + 2;
	case DTM_AGG_LLQUANTIZE:
		return llq_shape(agg, &s) ? 0 : (size_t)s.nbins;
	default: return 0;
	}
}

static bool agg_ok(const struct dtm_agg *agg)
{
	size_t n = dlo_agg_nslots(agg);

	return n && agg->val_size >= n * sizeof(int64_t);
}

void dlo_agg_init(const struct dtm_agg *agg, int64_t *val)
{
	memset(val, 0, dlo_agg_nslots(agg) * sizeof(int64_t));
}

static void combine_minmax(bool max, int64_t *dst, const int64_t *src)
{
	if (!src[0])
		return;
	if (!dst[0] || (max ? src[1] > dst[1] : src[1] < dst[1]))
		dst[1] = src[1];
	dst[0] = 1;
}

void dlo_agg_combine(const struct dtm_agg *agg, int64_t *dst,
		     const int64_t *src)
{
	size_t i, n = dlo_agg_nslots(agg);
	unsigned __int128 a, b;

	switch (agg->func) {
	case DTM_AGG_MIN: combine_minmax(false, dst, src); return;
	case DTM_AGG_MAX: combine_minmax(true, dst, src); return;
	case DTM_AGG_STDDEV:
		dst[0] += src[0];
		dst[1] += src[1];
		a = ((unsigned __int128)(uint64_t)dst[3] << 64) | (uint64_t)dst[2];
		b = ((unsigned __int128)(uint64_t)src[3] << 64) | (uint64_t)src[2];
		a += b;
		dst[2] = (int64_t)(uint64_t)a;
		dst[3] = (int64_t)(uint64_t)(a >> 64);
		return;
	default:
		for (i = 0; i < n; i++)
			dst[i] = (int64_t)((uint64_t)dst[i] + (uint64_t)src[i]);
	}
}

/*
 * An entry whose value no update can have produced (it was cleared).  A
 * sum can legitimately be 0 (sum(0)) and a histogram all zeros (weights
 * that cancel out), and DTrace prints those.
 */
bool dlo_agg_empty(const struct dtm_agg *agg, const int64_t *val)
{
	switch (agg->func) {
	case DTM_AGG_COUNT: case DTM_AGG_AVG: case DTM_AGG_STDDEV:
		return val[0] == 0;
	case DTM_AGG_MIN: case DTM_AGG_MAX:
		return !val[0];
	default:
		return false;
	}
}

int64_t dlo_agg_scalar(const struct dtm_agg *agg, const int64_t *val)
{
	return agg->func == DTM_AGG_MIN || agg->func == DTM_AGG_MAX ? val[1] : val[0];
}

static uint64_t isqrt128(unsigned __int128 x)
{
	unsigned __int128 r = 0, bit = (unsigned __int128)1 << 126;

	while (bit > x)		/* floor(sqrt(x)), bit by bit */
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return (uint64_t)r;
}

uint64_t dlo_stddev(const int64_t *val, uint64_t normal)
{
	unsigned __int128 sq = ((unsigned __int128)(uint64_t)val[3] << 64) |
			       (uint64_t)val[2];
	unsigned __int128 avgsq, sqavg;
	int64_t avg;

	if (!val[0] || !normal)
		return 0;
	avgsq = sq / normal / (uint64_t)val[0];
	avg = val[1] / (int64_t)normal / val[0];
	if (avg < 0)
		avg = -avg;
	sqavg = (unsigned __int128)(uint64_t)avg * (uint64_t)avg;
	return isqrt128(avgsq - sqavg);
}

/* ---- sorting ------------------------------------------------------ */

struct sort_ctx {
	const struct dlo_agginfo *ai;
	bool rev;
	int keypos;
};

static int sgn(struct sort_ctx *s, int r)
{
	return s->rev ? -r : r;
}

#define CMP(a, b) ((a) < (b) ? -1 : (a) > (b) ? 1 : 0)

static int64_t qz_bucketval(int i)
{
	if (i < QZ_ZERO)
		return -(int64_t)(1ULL << (QZ_ZERO - 1 - i));
	return i == QZ_ZERO ? 0 : (int64_t)(1ULL << (i - QZ_ZERO - 1));
}

/* llquantize sort weight: the bins weighted by their labels, as DTrace. */
static void llq_weight(const struct dtm_agg *agg, const int64_t *q,
		       long double *sum, int64_t *zero)
{
	struct llq_shape s;
	long double total, scale;
	int i = 1, lmag, step, mag;

	*sum = 0;
	*zero = 0;
	if (llq_shape(agg, &s))
		return;
	lmag = s.lmag;
	total = powl(s.factor, lmag) * (long double)(q[s.bin0 + 1] - q[s.bin0 - 1]);
	if (lmag == 0 && s.steps > s.factor) {
		for (step = 2; step <= s.factor; step++) {
			i += s.steps_factor;
			total += step * (q[s.bin0 + i] - q[s.bin0 - i]);
		}
		lmag = 1;
	}
	scale = powl(s.factor, lmag + 1) / s.steps;
	for (mag = lmag; mag <= s.hmag; mag++, scale *= s.factor) {
		for (step = s.steps_factor + 1; step <= s.steps; step++) {
			i++;
			total += step * scale * (long double)(q[s.bin0 + i] - q[s.bin0 - i]);
		}
	}
	*sum = total;
	*zero = q[s.bin0];
}

/* Weighted sum and zero-bucket weight of a histogram, for sorting. */
static void hist_weight(const struct dtm_agg *agg, const int64_t *d,
			long double *sum, int64_t *zero)
{
	int i, n = (int)dlo_agg_nslots(agg);
	int64_t base = agg->params[0], step = agg->params[2];

	if (agg->func == DTM_AGG_LLQUANTIZE)
		return llq_weight(agg, d, sum, zero);
	*sum = 0;
	*zero = 0;
	for (i = 0; i < n; i++) {
		long double bv;

		if (agg->func == DTM_AGG_QUANTIZE)
			bv = qz_bucketval(i);
		else	/* lquantize: below-range bin at base-1, above at top+1 */
			bv = i == 0 ? base - 1 : i == n - 1 ?
			     base + (n - 2) * step + 1 : base + (i - 1) * step;
		if (bv == 0)
			*zero = d[i];
		*sum += bv * (long double)d[i];
	}
}

static int cmp_val(const struct dlo_agginfo *ai, const int64_t *l,
		   const int64_t *r)
{
	const struct dtm_agg *agg = ai->agg;
	long double ls, rs;
	int64_t lz, rz;

	switch (agg->func) {
	case DTM_AGG_AVG:
		return CMP(l[0] ? l[1] / l[0] : 0, r[0] ? r[1] / r[0] : 0);
	case DTM_AGG_STDDEV:
		return CMP(dlo_stddev(l, 1), dlo_stddev(r, 1));
	case DTM_AGG_QUANTIZE: case DTM_AGG_LQUANTIZE: case DTM_AGG_LLQUANTIZE:
		hist_weight(agg, l, &ls, &lz);
		hist_weight(agg, r, &rs, &rz);
		return ls != rs ? CMP(ls, rs) : CMP(lz, rz);
	default:
		return CMP(dlo_agg_scalar(agg, l), dlo_agg_scalar(agg, r));
	}
}

static int cmp_one_key(const struct dtm_aggkey *k, const uint8_t *l,
		       const uint8_t *r)
{
	int64_t lv, rv;
	uint32_t i;

	if (k->kind != DTM_K_STRING &&
	    !dlo_read_int(l, k->size, false, &lv) &&
	    !dlo_read_int(r, k->size, false, &rv))
		return CMP((uint64_t)lv, (uint64_t)rv);
	for (i = 0; i < k->size; i++) {
		if (l[i] != r[i])
			return CMP(l[i], r[i]);
		if (k->kind == DTM_K_STRING && !l[i])
			break;
	}
	return 0;
}

static int cmp_key(struct sort_ctx *s, const void *l, const void *r)
{
	const struct dlo_agginfo *ai = s->ai;
	int i, n = ai->agg->nkeys;
	int pos = s->keypos >= n ? 0 : s->keypos;

	for (i = 0; i < n; i++) {
		const struct dtm_aggkey *k = &ai->keys[(i + pos) % n];
		int c = cmp_one_key(k, (const uint8_t *)l + k->offset,
				    (const uint8_t *)r + k->offset);

		if (c)
			return c;
	}
	return 0;
}

static int cmp_valkey(const void *a, const void *b, void *arg)
{
	struct sort_ctx *s = arg;
	const struct dlo_aggent *l = a, *r = b;
	int c = cmp_val(s->ai, l->val, r->val);

	return sgn(s, c ? c : cmp_key(s, l->key, r->key));
}

static int cmp_keyonly(const void *a, const void *b, void *arg)
{
	struct sort_ctx *s = arg;
	const struct dlo_aggent *l = a, *r = b;

	return sgn(s, cmp_key(s, l->key, r->key));
}

static bool keys_ok(const struct dlo_agginfo *ai)
{
	int i;

	for (i = 0; i < ai->agg->nkeys; i++)
		if ((uint64_t)ai->keys[i].offset + ai->keys[i].size > ai->agg->key_size)
			return false;
	return ai->agg->nkeys == 0 || ai->keys;
}

void dlo_agg_sort(struct dlo_ctx *c, const struct dlo_agginfo *ai,
		  struct dlo_aggent *ents, int n)
{
	struct sort_ctx s = { ai, c->aggsortrev, c->aggsortkeypos };

	if (n < 2 || !agg_ok(ai->agg) || !keys_ok(ai))
		return;
	qsort_r(ents, n, sizeof(*ents), c->aggsortkey ? cmp_keyonly : cmp_valkey, &s);
}

/* ---- histograms --------------------------------------------------- */

static void quantline(FILE *out, int64_t val, uint64_t normal,
		      long double total, bool pos, bool neg)
{
	static const char ats[] = "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@";
	static const char sp[] = "                                        ";
	long long shown = (long long)((uint64_t)val / normal);
	unsigned len = 40, depth = 0;

	if (total != 0 && (pos || neg))
		depth = (unsigned)(fabsl((long double)val) * (pos && neg ? 20 : 40) /
				   total + 0.5);
	if (!neg) {
		fprintf(out, "|%s%s %-9lld\n", ats + len - depth, sp + depth, shown);
	} else if (!pos) {
		fprintf(out, "%s%s| %-9lld\n", sp + depth, ats + len - depth, shown);
	} else if (val <= 0) {
		fprintf(out, "%s%s|%20s %-9lld\n", sp + 20 + depth,
			ats + len - depth, "", shown);
	} else {
		fprintf(out, "%20s|%s%s %-9lld\n", "", ats + len - depth,
			sp + 20 + depth, shown);
	}
}

static void hist_total(const int64_t *d, int first, int last,
		       long double *total, bool *pos, bool *neg)
{
	int i;

	*total = 0;
	*pos = *neg = false;
	for (i = first; i <= last; i++) {
		*pos |= d[i] > 0;
		*neg |= d[i] < 0;
		*total += fabsl((long double)d[i]);
	}
}

static void hist_header(FILE *out)
{
	fprintf(out, "\n%16s %41s %-9s\n", "value",
		"------------- Distribution -------------", "count");
}

/* First and last bins to print: the data and one zero bin on each side. */
static void hist_range(const int64_t *d, int nbins, int empty_first,
		       int empty_last, int *first, int *last)
{
	int f = 0, l = nbins - 1;

	while (f <= l && d[f] == 0)
		f++;
	if (f > l) {
		*first = empty_first;
		*last = empty_last;
		return;
	}
	while (l > 0 && d[l] == 0)
		l--;
	*first = f > 0 ? f - 1 : f;
	*last = l < nbins - 1 ? l + 1 : l;
}

static int print_quantize(FILE *out, const int64_t *d, uint64_t normal)
{
	int i, first, last;
	long double total;
	bool pos, neg;

	hist_range(d, QZ_NBUCKETS, QZ_ZERO - 1, QZ_ZERO + 1, &first, &last);
	hist_total(d, first, last, &total, &pos, &neg);
	hist_header(out);
	for (i = first; i <= last; i++) {
		fprintf(out, "%16lld ", (long long)qz_bucketval(i));
		quantline(out, d[i], normal, total, pos, neg);
	}
	return 0;
}

static int print_lquantize(FILE *out, const struct dtm_agg *agg,
			   const int64_t *d, uint64_t normal)
{
	int32_t base = (int32_t)agg->params[0];
	uint16_t step = (uint16_t)agg->params[2];
	int i, first, last, levels = lq_levels(agg);
	long double total;
	bool pos, neg;
	char lbl[32];

	hist_range(d, levels + 2, 0, 2, &first, &last);
	hist_total(d, first, last, &total, &pos, &neg);
	hist_header(out);
	for (i = first; i <= last; i++) {
		if (i == 0)
			snprintf(lbl, sizeof(lbl), "< %d", base);
		else if (i == levels + 1)
			snprintf(lbl, sizeof(lbl), ">= %d", base + levels * step);
		else
			snprintf(lbl, sizeof(lbl), "%d", base + (i - 1) * step);
		fprintf(out, "%16s ", lbl);
		quantline(out, d[i], normal, total, pos, neg);
	}
	return 0;
}

/* ---- llquantize --------------------------------------------------- */

#define LLQ_CW 16

struct llq_labels {
	char *c;		/* LLQ_CW bytes per bin, from first - pad */
	int first, last, pad;
};

static void llq_put(struct llq_labels *lb, int i, const char *fmt,
		    unsigned long long v)
{
	if (i >= lb->first - lb->pad && i <= lb->last + lb->pad)
		snprintf(lb->c + LLQ_CW * (i - lb->first + lb->pad), LLQ_CW, fmt, v);
}

static uint64_t ipow(uint64_t b, int e)
{
	uint64_t r = 1;

	while (e-- > 0)
		r *= b;
	return r;
}

static void llq_fill(struct llq_labels *lb, const struct llq_shape *s)
{
	uint64_t scale = ipow(s->factor, s->lmag);
	int i = 1, mag = s->lmag, step;

	if (scale == 1)
		llq_put(lb, s->bin0, "%llu", 0);
	else if (lb->first >= s->bin0)
		llq_put(lb, s->bin0, "< %llu", scale);
	else
		llq_put(lb, s->bin0, "abs() < %llu", scale);
	llq_put(lb, s->bin0 - 1, "-%llu", scale);
	llq_put(lb, s->bin0 + 1, "%llu", scale);
	if (s->lmag == 0 && s->steps > s->factor) {
		for (step = 2; step <= s->factor; step++) {
			i += s->steps_factor;
			llq_put(lb, s->bin0 - i, "-%llu", step);
			llq_put(lb, s->bin0 + i, "%llu", step);
		}
		mag++;
	}
	scale = ipow(s->factor, mag + 1) / s->steps;
	for (; mag <= s->hmag; mag++, scale *= s->factor) {
		for (step = s->steps_factor + 1; step <= s->steps; step++) {
			i++;
			llq_put(lb, s->bin0 - i, "-%llu", step * scale);
			llq_put(lb, s->bin0 + i, "%llu", step * scale);
		}
	}
	scale = ipow(s->factor, s->hmag + 1);
	llq_put(lb, 0, "<= -%llu", scale);
	llq_put(lb, s->nbins - 1, ">= %llu", scale);
}

/* A label may land on a bin that does not exist ("ghost bin"). */
static void llq_ghost(struct llq_labels *lb)
{
	char *c = lb->c;
	int i, j;

	j = LLQ_CW * lb->pad;
	if (c[j] == 0) {
		for (i = 1; i < lb->pad && c[j - LLQ_CW * i] == 0; i++)
			;
		if (i < lb->pad)
			memcpy(c + j, c + j - LLQ_CW * i, LLQ_CW);
	}
	j = LLQ_CW * (lb->last - lb->first + lb->pad);
	if (c[j] == 0) {
		for (i = 1; i < lb->pad && c[j + LLQ_CW * i] == 0; i++)
			;
		if (i < lb->pad)
			memcpy(c + j, c + j + LLQ_CW * i, LLQ_CW);
	}
}

static int print_llquantize(FILE *out, const struct dtm_agg *agg,
			    const int64_t *d, uint64_t normal)
{
	struct llq_labels lb = { 0 };
	struct llq_shape s;
	long double total;
	bool pos, neg;
	int i, f = 0, l;

	if (llq_shape(agg, &s))
		return -EINVAL;
	l = s.nbins - 1;
	while (f <= l && d[f] == 0)
		f++;
	if (f > l) {
		f = l = s.bin0 + 1;
	} else {
		while (d[l] == 0)
			l--;
	}
	hist_total(d, f, l, &total, &pos, &neg);
	hist_header(out);
	lb.first = f > 0 ? f - 1 : f;
	lb.last = l < s.nbins - 1 ? l + 1 : l;
	lb.pad = s.lmag == 0 && s.steps > s.factor ? s.steps_factor : 0;
	lb.c = calloc(lb.last - lb.first + 1 + 2 * lb.pad, LLQ_CW);
	if (!lb.c)
		return -ENOMEM;
	llq_fill(&lb, &s);
	if (lb.pad > 0)
		llq_ghost(&lb);
	for (i = lb.first; i <= lb.last; i++) {
		const char *t = lb.c + LLQ_CW * (i - lb.first + lb.pad);

		if (!*t)
			continue;
		fprintf(out, "%16s ", t);
		quantline(out, d[i], normal, total, pos, neg);
	}
	free(lb.c);
	return 0;
}

int dlo_print_hist(struct dlo_ctx *c, FILE *out, const struct dlo_agginfo *ai,
		   const int64_t *val)
{
	uint64_t normal = ai->normal ? ai->normal : 1;

	if (!agg_ok(ai->agg))
		return -EINVAL;
	switch (ai->agg->func) {
	case DTM_AGG_QUANTIZE: return print_quantize(out, val, normal);
	case DTM_AGG_LQUANTIZE: return print_lquantize(out, ai->agg, val, normal);
	case DTM_AGG_LLQUANTIZE: return print_llquantize(out, ai->agg, val, normal);
	default: return -EINVAL;
	}
}

/* ---- default output of an entry ----------------------------------- */

/*
 * dcc may widen integer keys to 64-bit slots (sign- or zero-extended);
 * DTrace prints a key by its declared size, so recover the size of the
 * basic C integer types from the key's type name.
 */
static uint32_t key_print_size(struct dlo_ctx *c, const struct dtm_aggkey *k)
{
	static const struct { const char *name; uint32_t size; } types[] = {
		{ "char", 1 }, { "signed char", 1 }, { "unsigned char", 1 },
		{ "int8_t", 1 }, { "uint8_t", 1 }, { "uchar_t", 1 },
		{ "_Bool", 1 }, { "bool", 1 },
		{ "short", 2 }, { "signed short", 2 }, { "unsigned short", 2 },
		{ "short int", 2 }, { "unsigned short int", 2 },
		{ "int16_t", 2 }, { "uint16_t", 2 }, { "ushort_t", 2 },
		{ "int", 4 }, { "signed int", 4 }, { "unsigned int", 4 },
		{ "signed", 4 }, { "unsigned", 4 }, { "int32_t", 4 },
		{ "uint32_t", 4 }, { "uint_t", 4 }, { "pid_t", 4 },
		{ "uid_t", 4 }, { "gid_t", 4 }, { "id_t", 4 },
		{ "processorid_t", 4 }, { "zoneid_t", 4 }, { "projid_t", 4 },
		{ "taskid_t", 4 }, { "psetid_t", 4 }, { "chipid_t", 4 },
		{ "lgrp_id_t", 4 }, { "dtrace_epid_t", 4 },
	};
	const char *t;
	size_t i;

	if (k->kind != DTM_K_INT || k->size != 8 || !c->str)
		return k->size;
	t = c->str(c->arg, k->type);
	if (t && strncmp(t, "enum ", 5) == 0)
		return 4;
	for (i = 0; t && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(t, types[i].name) == 0)
			return types[i].size;
	return k->size;
}

static int print_key(struct dlo_ctx *c, const struct dtm_aggkey *k,
		     const uint8_t *p)
{
	struct dtm_rec r = { .kind = k->kind, .size = k->size, .flags = k->flags };
	uint32_t size = key_print_size(c, k);
	int64_t v;

	switch (k->kind) {
	case DTM_K_INT: case DTM_K_PTR:
		if (dlo_read_int(p, size, false, &v))
			return dlo_print_bytes(c->out, p, k->size, 50, false);
		if (size == 8)
			fprintf(c->out, " %16lld", (long long)v);
		else
			fprintf(c->out, size == 4 ? " %8d" : size == 2 ?
				" %5d" : " %3d", (int)v);
		return 0;
	case DTM_K_STRING: case DTM_K_BYTES: case DTM_K_FLOAT:
		if (c->rawbytes)
			return dlo_print_rawbytes(c->out, p, k->size);
		return dlo_print_bytes(c->out, p, k->size, 50, false);
	default:
		return dlo_trace_item(c, c->out, &r, p);
	}
}

static int print_value(struct dlo_ctx *c, const struct dlo_agginfo *ai,
		       const int64_t *d)
{
	uint64_t normal = ai->normal ? ai->normal : 1;

	switch (ai->agg->func) {
	case DTM_AGG_QUANTIZE: case DTM_AGG_LQUANTIZE: case DTM_AGG_LLQUANTIZE:
		return dlo_print_hist(c, c->out, ai, d);
	case DTM_AGG_AVG:
		fprintf(c->out, " %16lld", d[0] ? (long long)(d[1] /
			(int64_t)normal / d[0]) : 0LL);
		return 0;
	case DTM_AGG_STDDEV:
		fprintf(c->out, " %16llu", (unsigned long long)dlo_stddev(d, normal));
		return 0;
	default:
		fprintf(c->out, " %16lld", (long long)
			((uint64_t)dlo_agg_scalar(ai->agg, d) / normal));
		return 0;
	}
}

static int print_entry(struct dlo_ctx *c, const struct dlo_agginfo *ai,
		       const struct dlo_aggent *e)
{
	int i, err;

	for (i = 0; i < ai->agg->nkeys; i++) {
		err = print_key(c, &ai->keys[i],
				(const uint8_t *)e->key + ai->keys[i].offset);
		if (err)
			return err;
	}
	err = print_value(c, ai, e->val);
	/* aggpercpu: "\n    [CPU n]" and that CPU's value, for each CPU */
	for (i = 0; !err && e->percpu && i < e->npercpu; i++) {
		fprintf(c->out, "\n    [CPU %d]", i);
		err = print_value(c, ai, e->percpu +
				  (size_t)i * ai->agg->val_size / 8);
	}
	fputc('\n', c->out);
	return err;
}

static int print_entries(struct dlo_ctx *c, const struct dlo_agginfo *ai,
			 struct dlo_aggent *ents, int n)
{
	int i, err;

	if (!agg_ok(ai->agg) || !keys_ok(ai))
		return -EINVAL;
	dlo_agg_sort(c, ai, ents, n);
	for (i = 0; i < n; i++) {
		err = print_entry(c, ai, &ents[i]);
		if (err)
			return err;
	}
	return 0;
}

/* At exit: what printa() printed before is not printed again. */
int dlo_print_agg(struct dlo_ctx *c, const struct dlo_agginfo *ai,
		  struct dlo_aggent *ents, int n)
{
	void *canon;
	int err;

	if (dlo_agg_printed(c, ai->id))
		return 0;
	if ((n = dlo_agg_canon(c, ai, ents, n, &canon)) < 0)
		return n;
	err = print_entries(c, ai, ents, n);
	dlo_agg_canon_free(canon);
	return err;
}

/* ---- printa() ----------------------------------------------------- */

static void mark_printed(struct dlo_ctx *c, uint32_t id)
{
	if (id >= c->nprinted) {
		uint32_t nbits = (id + 64) & ~63u;
		uint8_t *p = realloc(c->printed, nbits / 8);

		if (!p)
			return;
		memset(p + c->nprinted / 8, 0, (nbits - c->nprinted) / 8);
		c->printed = p;
		c->nprinted = nbits;
	}
	c->printed[id / 8] |= 1u << (id % 8);
}

bool dlo_agg_printed(const struct dlo_ctx *c, uint32_t id)
{
	return id < c->nprinted && (c->printed[id / 8] & (1u << (id % 8)));
}

static int printa_entry(struct dlo_ctx *c, const char *fmt,
			const struct dlo_agginfo *ai, const struct dlo_aggent *e,
			struct dtm_rec *recs, struct dlo_arg *args)
{
	int i;

	for (i = 0; i < ai->agg->nkeys; i++) {
		const struct dtm_aggkey *k = &ai->keys[i];

		recs[i] = (struct dtm_rec){ .kind = k->kind, .size = k->size,
					    .flags = k->flags, .type = k->type };
		args[i].rec = &recs[i];
		args[i].data = (const uint8_t *)e->key + k->offset;
	}
	return dlo_pf_format(c, c->out, fmt, args, ai->agg->nkeys, ai, e->val);
}

static int printa_one(struct dlo_ctx *c, const char *fmt,
		      const struct dlo_agginfo *ai, struct dlo_aggent *ents,
		      int n);

int dlo_printa(struct dlo_ctx *c, const char *fmt,
	       const struct dlo_agginfo *ai, struct dlo_aggent *ents, int n)
{
	void *canon;
	int err;

	if ((n = dlo_agg_canon(c, ai, ents, n, &canon)) < 0)
		return n;
	err = printa_one(c, fmt, ai, ents, n);
	dlo_agg_canon_free(canon);
	return err;
}

static int printa_one(struct dlo_ctx *c, const char *fmt,
		      const struct dlo_agginfo *ai, struct dlo_aggent *ents,
		      int n)
{
	int nk = ai->agg->nkeys, i, err = 0;
	struct dtm_rec *recs;
	struct dlo_arg *args;

	mark_printed(c, ai->id);
	if (!fmt) {
		fputc('\n', c->out);
		return print_entries(c, ai, ents, n);
	}
	if (!agg_ok(ai->agg) || !keys_ok(ai))
		return -EINVAL;
	dlo_agg_sort(c, ai, ents, n);
	recs = calloc(nk + 1, sizeof(*recs));
	args = calloc(nk + 1, sizeof(*args));
	for (i = 0; recs && args && i < n && !err; i++)
		err = printa_entry(c, fmt, ai, &ents[i], recs, args);
	if (!recs || !args)
		err = -ENOMEM;
	free(recs);
	free(args);
	return err;
}

/* ---- printa() of several aggregations: DTrace's join by key ------- */

struct bundle {
	const void *key;		/* the representative key */
	const int64_t **vals;		/* one per aggregation */
};

struct join {
	struct dlo_ctx *c;
	const struct dlo_agginfo *ais;
	int naggs;
	int pos;			/* aggsortpos */
	struct sort_ctx ks;		/* key comparison (first layout) */
};

struct tagged {
	const struct dlo_aggent *e;
	int agg;
};

static int cmp_tagged(const void *a, const void *b, void *arg)
{
	const struct tagged *l = a, *r = b;
	int c = cmp_key(arg, l->e->key, r->e->key);

	return c ? c : CMP(l->agg, r->agg);
}

static int cmp_bundle(const void *a, const void *b, void *arg)
{
	const struct bundle *l = a, *r = b;
	struct join *j = arg;
	int i, c;

	if (j->c->aggsortkey && (c = cmp_key(&j->ks, l->key, r->key)))
		return sgn(&j->ks, c);
	for (i = 0; i < j->naggs; i++) {
		int k = (i + j->pos) % j->naggs;

		c = cmp_val(&j->ais[k], l->vals[k], r->vals[k]);
		if (c)
			return sgn(&j->ks, c);
	}
	return j->c->aggsortkey ? 0 : sgn(&j->ks, cmp_key(&j->ks, l->key, r->key));
}

/* Group the entries of all aggregations by key into bundles. */
static int make_bundles(struct join *j, struct dlo_aggent *const *ents,
			const int *ns, const int64_t *const *zero,
			struct bundle **bp)
{
	int i, k, n = 0, nb = 0;
	struct tagged *t;
	struct bundle *b;

	for (i = 0; i < j->naggs; i++)
		n += ns[i] > 0 ? ns[i] : 0;
	t = calloc(n + 1, sizeof(*t));
	b = calloc(n + 1, sizeof(*b));
	if (!t || !b)
		goto nomem;
	for (i = 0, n = 0; i < j->naggs; i++)
		for (k = 0; k < ns[i]; k++)
			t[n++] = (struct tagged){ &ents[i][k], i };
	qsort_r(t, n, sizeof(*t), cmp_tagged, &j->ks);
	for (i = 0; i < n; i++) {
		if (i == 0 || cmp_key(&j->ks, t[i].e->key, t[i - 1].e->key)) {
			b[nb].key = t[i].e->key;
			b[nb].vals = malloc(j->naggs * sizeof(*b[nb].vals));
			if (!b[nb].vals)
				goto nomem;
			memcpy(b[nb++].vals, zero, j->naggs * sizeof(*zero));
		}
		b[nb - 1].vals[t[i].agg] = t[i].e->val;
	}
	free(t);
	*bp = b;
	return nb;
nomem:
	for (i = 0; b && i < nb; i++)
		free(b[i].vals);
	free(t);
	free(b);
	return -ENOMEM;
}

static int print_bundle(struct join *j, const char *fmt, const struct bundle *b)
{
	const struct dlo_agginfo *ai = &j->ais[0];
	struct dlo_aggent e = { b->key, NULL };
	struct dtm_rec recs[64];
	struct dlo_arg args[64];
	int i, nk = ai->agg->nkeys, err = 0;

	if (!fmt) {
		for (i = 0; i < nk; i++)
			if ((err = print_key(j->c, &ai->keys[i],
					     (const uint8_t *)b->key + ai->keys[i].offset)))
				return err;
		for (i = 0; i < j->naggs && !err; i++)
			err = print_value(j->c, &j->ais[i], b->vals[i]);
		fputc('\n', j->c->out);
		return err;
	}
	if (nk > 64)
		return -EINVAL;
	for (i = 0; i < nk; i++) {
		const struct dtm_aggkey *k = &ai->keys[i];

		recs[i] = (struct dtm_rec){ .kind = k->kind, .size = k->size,
					    .flags = k->flags, .type = k->type };
		args[i].rec = &recs[i];
		args[i].data = (const uint8_t *)e.key + k->offset;
	}
	return dlo_pf_format_multi(j->c, j->c->out, fmt, args, nk, j->ais,
				   b->vals, j->naggs);
}

static int printa_multi(struct dlo_ctx *c, const char *fmt,
			const struct dlo_agginfo *ais,
			struct dlo_aggent *const *ents, const int *ns,
			int naggs);

int dlo_printa_multi(struct dlo_ctx *c, const char *fmt,
		     const struct dlo_agginfo *ais,
		     struct dlo_aggent *const *ents, const int *ns, int naggs)
{
	void **canon = calloc(naggs + 1, sizeof(*canon));
	int *n2 = calloc(naggs + 1, sizeof(*n2));
	int i, err = canon && n2 ? 0 : -ENOMEM;

	for (i = 0; !err && i < naggs; i++)
		if ((n2[i] = dlo_agg_canon(c, &ais[i], ents[i], ns[i],
					   &canon[i])) < 0)
			err = n2[i];
	if (!err)
		err = printa_multi(c, fmt, ais, ents, n2, naggs);
	for (i = 0; canon && i < naggs; i++)
		dlo_agg_canon_free(canon[i]);
	free(canon);
	free(n2);
	return err;
}

static int printa_multi(struct dlo_ctx *c, const char *fmt,
			const struct dlo_agginfo *ais,
			struct dlo_aggent *const *ents, const int *ns,
			int naggs)
{
	struct join j = { c, ais, naggs, c->aggsortpos < naggs ? c->aggsortpos : 0,
			  { &ais[0], c->aggsortrev, c->aggsortkeypos } };
	const int64_t **zero = calloc(naggs + 1, sizeof(*zero));
	struct bundle *b = NULL;
	int i, nb = 0, err = 0;

	for (i = 0; zero && i < naggs; i++) {
		mark_printed(c, ais[i].id);
		if (!agg_ok(ais[i].agg) || !keys_ok(&ais[i]) ||
		    ais[i].agg->key_size != ais[0].agg->key_size)
			err = -EINVAL;
		else if (!(zero[i] = calloc(dlo_agg_nslots(ais[i].agg), 8)))
			err = -ENOMEM;
	}
	if (!zero)
		return -ENOMEM;
	if (!err && (nb = make_bundles(&j, ents, ns, zero, &b)) < 0)
		err = nb;
	if (!err) {
		qsort_r(b, nb, sizeof(*b), cmp_bundle, &j);
		if (!fmt)
			fputc('\n', c->out);
	}
	for (i = 0; !err && i < nb; i++)
		err = print_bundle(&j, fmt, &b[i]);
	for (i = 0; i < nb; i++)
		free(b[i].vals);
	for (i = 0; i < naggs; i++)
		free((void *)zero[i]);
	free(zero);
	free(b);
	return err;
}

uint32_t dlo_agg_order(const struct dlo_ctx *c, uint32_t i, uint32_t n)
{
	return c->aggsortrev ? n - 1 - i : i;
}

/* ---- options ------------------------------------------------------ */

static int opt_num(const char *value, int *out)
{
	char *end;
	long v;

	if (!value)
		return -EINVAL;
	v = strtol(value, &end, 0);
	if (*end || v < 0 || v > 1 << 30)
		return -EINVAL;
	*out = (int)v;
	return 0;
}

/* A flag option's value: none, a number, or DTrace's words; *bad if not. */
static bool flag_value(const char *value, int *bad)
{
	static const char *const on[] = { "yes", "true", "enable", "enabled",
					  "on", "set" };
	static const char *const off[] = { "no", "false", "disable", "disabled",
					   "off", "unset" };
	size_t i;
	int n;

	*bad = 0;
	if (value && !*value)	/* "" unsets, as in DTrace */
		return false;
	if (!value || !opt_num(value, &n))	/* a number sets, even 0 */
		return true;
	for (i = 0; i < sizeof(on) / sizeof(on[0]); i++)
		if (!strcasecmp(value, on[i]))
			return true;
	for (i = 0; i < sizeof(off) / sizeof(off[0]); i++)
		if (!strcasecmp(value, off[i]))
			return false;
	*bad = 1;
	return false;
}

int dlo_set_option(struct dlo_ctx *c, const char *name, const char *value)
{
	static const struct { const char *name; size_t off; } flags[] = {
		{ "quiet", offsetof(struct dlo_ctx, quiet) },
		{ "aggsortkey", offsetof(struct dlo_ctx, aggsortkey) },
		{ "aggsortrev", offsetof(struct dlo_ctx, aggsortrev) },
		{ "aggpack", offsetof(struct dlo_ctx, aggpack) },
		{ "aggzoom", offsetof(struct dlo_ctx, aggzoom) },
		{ "aggpercpu", offsetof(struct dlo_ctx, aggpercpu) },
		{ "flowindent", offsetof(struct dlo_ctx, flowindent) },
		{ "rawbytes", offsetof(struct dlo_ctx, rawbytes) },
	};
	size_t i;
	int n;

	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		if (strcmp(name, flags[i].name) == 0) {
			bool on = flag_value(value, &n);

			if (n)
				return -EINVAL;
			*(bool *)((char *)c + flags[i].off) = on;
			return 0;
		}
	}
	if (strcmp(name, "printsize") == 0) {
		if (opt_num(value, &n))
			return -EINVAL;
		c->printsize = (uint64_t)n;
		return 0;
	}
	if (strcmp(name, "stackindent") == 0) {
		if (opt_num(value, &n) || n < 0)
			return -EINVAL;
		c->stackindent = n;
		c->stackindent_set = true;
		return 0;
	}
	if (strcmp(name, "aggsortkeypos") == 0 || strcmp(name, "aggsortpos") == 0 ||
	    strcmp(name, "strsize") == 0) {
		if (opt_num(value, &n))
			return -EINVAL;
		if (name[7] == 'k')
			c->aggsortkeypos = n;
		else if (name[7] == 'p')
			c->aggsortpos = n;
		else
			c->strsize = (uint32_t)n;
		return 0;
	}
	return -ENOENT;
}

void dlo_ctx_fini(struct dlo_ctx *c)
{
	free(c->printed);
	c->printed = NULL;
	c->nprinted = 0;
}
