/* SPDX-License-Identifier: MIT */
/*
 * meta.c -- parsing DTM_SECTION (include/dload/meta.h) with bounds checks.
 *
 * The section comes from a file that may be truncated, garbled or hostile,
 * so every number is checked before use: the header (magic, major version,
 * sizes), each table's {off, count, entsize} against the section, every
 * string offset against the string table, and every cross reference
 * (probe -> clause -> record items, item offsets within the record size,
 * aggregation ids, aggregation key slices and key offsets).  Tables are
 * copied into zero-filled native structs (min(entsize, sizeof) bytes of
 * each entry), so the rest of libdload reads plain, aligned, valid memory.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define DL_MAX_COUNT	(1u << 20)	/* entries per table */
#define DL_MAX_RECSIZE	(1u << 24)	/* bytes per record */
#define DL_MAX_KEYSIZE	(1u << 16)
#define DL_MAX_VALSIZE	(1u << 20)

const char *dl_str(const struct dl_meta *m, uint32_t off)
{
	if (!m->strtab || off >= m->strtab_len)
		return "";
	return m->strtab + off;
}

void dl_meta_free(struct dl_meta *m)
{
	free(m->probes);
	free(m->clauses);
	free(m->recs);
	free(m->aggs);
	free(m->aggkeys);
	free(m->opts);
	memset(m, 0, sizeof(*m));
}

static const char *const table_names[DTM_T__MAX] = {
	"probe", "clause", "record", "aggregation", "aggregation key", "option",
};

/* Copy table t into a freshly allocated array of n native entries. */
static int read_table(struct dload_obj *o, const uint8_t *sec, uint32_t total,
		      int t, size_t size, void **out, uint32_t *count)
{
	const struct dtm_table_desc *d = &o->meta.hdr.tables[t];
	uint8_t *v;

	*count = 0;
	if (d->count == 0)
		return 0;
	if (d->count > DL_MAX_COUNT || d->entsize == 0 || d->off % 8 ||
	    d->off > total ||
	    (uint64_t)d->count * d->entsize > total - d->off)
		return dl_err(o, -EINVAL, "%s: bad metadata: %s table out of bounds",
			      o->name, table_names[t]);
	v = calloc(d->count, size);
	if (!v)
		return dl_err(o, -ENOMEM, "out of memory");
	for (uint32_t i = 0; i < d->count; i++)
		memcpy(v + i * size, sec + d->off + (size_t)i * d->entsize,
		       d->entsize < size ? d->entsize : size);
	*out = v;
	*count = d->count;
	return 0;
}

static int bad(struct dload_obj *o, const char *what, uint32_t i,
	       const char *why)
{
	return dl_err(o, -EINVAL, "%s: bad metadata: %s %u: %s", o->name, what,
		      i, why);
}

static bool str_ok(const struct dl_meta *m, uint32_t off)
{
	return off < m->strtab_len;
}

static int check_header(struct dload_obj *o, const uint8_t *sec, size_t len)
{
	struct dtm_header *h = &o->meta.hdr;

	if (len < 8)
		return dl_err(o, -EINVAL, "%s: bad metadata: section truncated",
			      o->name);
	memcpy(h, sec, len < sizeof(*h) ? len : sizeof(*h));
	if (h->magic != DTM_MAGIC)
		return dl_err(o, -EINVAL, "%s: bad metadata: wrong magic 0x%08x",
			      o->name, h->magic);
	if (h->major != DTM_MAJOR)
		return dl_err(o, -ENOTSUP,
			      "%s: metadata version %u.%u is not supported (this dload reads version %u.x)",
			      o->name, h->major, h->minor, DTM_MAJOR);
	if (len < sizeof(*h) || h->hdr_size < sizeof(*h) ||
	    h->total_size > len || h->hdr_size > h->total_size)
		return dl_err(o, -EINVAL, "%s: bad metadata: section truncated",
			      o->name);
	if (h->strtab_len == 0 || h->strtab_off > h->total_size ||
	    h->strtab_len > h->total_size - h->strtab_off ||
	    sec[h->strtab_off] != 0 ||
	    sec[h->strtab_off + h->strtab_len - 1] != 0)
		return dl_err(o, -EINVAL, "%s: bad metadata: bad string table",
			      o->name);
	o->meta.strtab = (const char *)sec + h->strtab_off;
	o->meta.strtab_len = h->strtab_len;
	if (!str_ok(&o->meta, h->source))
		return dl_err(o, -EINVAL, "%s: bad metadata: bad source name",
			      o->name);
	return 0;
}

static int check_probe(struct dload_obj *o, uint32_t i)
{
	const struct dl_meta *m = &o->meta;
	const struct dtm_probe *p = &m->probes[i];

	if (!str_ok(m, p->provider) || !str_ok(m, p->module) ||
	    !str_ok(m, p->function) || !str_ok(m, p->name) ||
	    !str_ok(m, p->prog))
		return bad(o, "probe", i, "string out of bounds");
	if (!*dl_str(m, p->prog))
		return bad(o, "probe", i, "no program name");
	if (p->clause >= m->nclauses)
		return bad(o, "probe", i, "clause index out of range");
	if (p->kind < DTM_PROV_DTRACE || p->kind > DTM_PROV_CPC)
		return bad(o, "probe", i, "unknown provider kind");
	if (p->kind == DTM_PROV_DTRACE &&
	    (p->param < DTM_BEGIN || p->param > DTM_ERROR))
		return bad(o, "probe", i, "unknown dtrace probe");
	if ((p->kind == DTM_PROV_PROFILE || p->kind == DTM_PROV_TICK) &&
	    p->param == 0)
		return bad(o, "probe", i, "zero period");
	return 0;
}

/* Actions whose .arg is an aggregation id. */
static bool act_takes_agg(uint32_t act)
{
	return act == DTM_ACT_PRINTA || act == DTM_ACT_CLEAR ||
	       act == DTM_ACT_TRUNC || act == DTM_ACT_NORMALIZE ||
	       act == DTM_ACT_DENORMALIZE;
}

/* Actions whose .arg counts the DTM_ACT_ARG items that follow. */
static bool act_takes_args(uint32_t act)
{
	return act == DTM_ACT_PRINTF || act == DTM_ACT_SYSTEM ||
	       act == DTM_ACT_FREOPEN;
}

static int check_item(struct dload_obj *o, const struct dtm_clause *c,
		      uint32_t ri, uint32_t left)
{
	const struct dl_meta *m = &o->meta;
	const struct dtm_rec *r = &m->recs[ri];

	if (r->action > DTM_ACT_DISCARD || r->kind > DTM_K_FLOAT)
		return bad(o, "record item", ri, "unknown action or kind");
	if (r->offset > c->size || r->size > c->size - r->offset)
		return bad(o, "record item", ri, "outside the record");
	if (r->size && r->offset < sizeof(struct dtm_rec_hdr))
		return bad(o, "record item", ri, "overlaps the record header");
	if (!str_ok(m, r->fmt) || !str_ok(m, r->type))
		return bad(o, "record item", ri, "string out of bounds");
	if (act_takes_agg(r->action) && r->arg >= m->naggs)
		return bad(o, "record item", ri, "aggregation id out of range");
	if (act_takes_args(r->action) && r->arg > left)
		return bad(o, "record item", ri, "missing arguments");
	return 0;
}

static int check_clause(struct dload_obj *o, uint32_t i)
{
	const struct dl_meta *m = &o->meta;
	const struct dtm_clause *c = &m->clauses[i];
	int err;

	if (c->rec_first > m->nrecs || c->rec_count > m->nrecs - c->rec_first)
		return bad(o, "clause", i, "record items out of range");
	if (c->size > DL_MAX_RECSIZE)
		return bad(o, "clause", i, "record too large");
	if ((c->flags & DTM_CF_TRACES) && c->size < sizeof(struct dtm_rec_hdr))
		return bad(o, "clause", i, "record smaller than its header");
	for (uint32_t k = 0; k < c->rec_count; k++) {
		err = check_item(o, c, c->rec_first + k, c->rec_count - k - 1);
		if (err)
			return err;
	}
	return 0;
}

/* Minimal value size (int64 slots) per aggregating function. */
static uint32_t agg_min_slots(uint32_t fn)
{
	switch (fn) {
	case DTM_AGG_MIN: case DTM_AGG_MAX: case DTM_AGG_AVG: return 2;
	case DTM_AGG_STDDEV: return 4;
	default: return 1;
	}
}

static int check_agg(struct dload_obj *o, uint32_t i)
{
	const struct dl_meta *m = &o->meta;
	const struct dtm_agg *a = &m->aggs[i];

	if (!str_ok(m, a->name) || !str_ok(m, a->map) || !*dl_str(m, a->map))
		return bad(o, "aggregation", i, "bad name");
	if (a->func < DTM_AGG_COUNT || a->func > DTM_AGG_LLQUANTIZE)
		return bad(o, "aggregation", i, "unknown function");
	if (a->key_first > m->naggkeys || a->nkeys > m->naggkeys - a->key_first)
		return bad(o, "aggregation", i, "keys out of range");
	if (a->key_size == 0 || a->key_size > DL_MAX_KEYSIZE)
		return bad(o, "aggregation", i, "bad key size");
	if (a->val_size % 8 || a->val_size > DL_MAX_VALSIZE ||
	    a->val_size < 8 * agg_min_slots(a->func))
		return bad(o, "aggregation", i, "bad value size");
	for (uint32_t k = 0; k < a->nkeys; k++) {
		const struct dtm_aggkey *key = &m->aggkeys[a->key_first + k];

		if (key->offset > a->key_size ||
		    key->size > a->key_size - key->offset ||
		    key->kind > DTM_K_FLOAT || !str_ok(m, key->type))
			return bad(o, "aggregation", i, "bad key item");
	}
	return 0;
}

static int check_opt(struct dload_obj *o, uint32_t i)
{
	const struct dtm_opt *op = &o->meta.opts[i];

	if (!str_ok(&o->meta, op->name) || !str_ok(&o->meta, op->value) ||
	    !*dl_str(&o->meta, op->name))
		return bad(o, "option", i, "bad name or value");
	return 0;
}

static int check_all(struct dload_obj *o)
{
	const struct dl_meta *m = &o->meta;
	int err = 0;

	for (uint32_t i = 0; !err && i < m->nclauses; i++)
		err = check_clause(o, i);
	for (uint32_t i = 0; !err && i < m->nprobes; i++)
		err = check_probe(o, i);
	for (uint32_t i = 0; !err && i < m->naggs; i++)
		err = check_agg(o, i);
	for (uint32_t i = 0; !err && i < m->nopts; i++)
		err = check_opt(o, i);
	return err;
}

int dl_meta_parse(struct dload_obj *o, const uint8_t *sec, size_t len)
{
	struct dl_meta *m = &o->meta;
	uint32_t total;
	int err;

	if ((err = check_header(o, sec, len)))
		return err;
	total = m->hdr.total_size;
	if ((err = read_table(o, sec, total, DTM_T_PROBE, sizeof(*m->probes),
			      (void **)&m->probes, &m->nprobes)) ||
	    (err = read_table(o, sec, total, DTM_T_CLAUSE, sizeof(*m->clauses),
			      (void **)&m->clauses, &m->nclauses)) ||
	    (err = read_table(o, sec, total, DTM_T_REC, sizeof(*m->recs),
			      (void **)&m->recs, &m->nrecs)) ||
	    (err = read_table(o, sec, total, DTM_T_AGG, sizeof(*m->aggs),
			      (void **)&m->aggs, &m->naggs)) ||
	    (err = read_table(o, sec, total, DTM_T_AGGKEY, sizeof(*m->aggkeys),
			      (void **)&m->aggkeys, &m->naggkeys)) ||
	    (err = read_table(o, sec, total, DTM_T_OPT, sizeof(*m->opts),
			      (void **)&m->opts, &m->nopts)))
		return err;
	return check_all(o);
}
