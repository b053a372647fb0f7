/* SPDX-License-Identifier: MIT */
/*
 * meta_out.c -- builds the DTM_SECTION blob (include/dload/meta.h) into
 * ir_prog.meta/meta_len from what codegen collected: one DTM_T_PROBE entry
 * per program, the clauses with their record slices, the record items, the
 * aggregations and their key items, and the options (cc->options).
 * Strings are deduplicated into one table whose offset 0 is "".
 */
#include <string.h>

#include "cg.h"
#include "funcs.h"
#include "prov.h"

struct strtab {
	char *buf;
	uint32_t len, cap;
};

struct meta {
	struct cg *g;
	struct strtab st;
	void *tab[DTM_T__MAX];
	uint32_t count[DTM_T__MAX], entsize[DTM_T__MAX];
};

static uint32_t str_add(struct meta *m, const char *s)
{
	struct strtab *st = &m->st;
	uint32_t n, off;

	if (!s || !*s)
		return 0;
	n = (uint32_t)strlen(s) + 1;
	for (off = 1; off + n <= st->len; off += (uint32_t)strlen(st->buf + off) + 1)
		if (!memcmp(st->buf + off, s, n))
			return off;
	if (st->len + n > st->cap) {
		uint32_t cap = st->cap ? st->cap : 256;
		char *nb;

		while (cap < st->len + n)
			cap *= 2;
		nb = dcc_alloc(m->g->cc, cap);
		if (st->len)
			memcpy(nb, st->buf, st->len);
		st->buf = nb;
		st->cap = cap;
	}
	off = st->len;
	memcpy(st->buf + off, s, n);
	st->len += n;
	return off;
}

static void *table(struct meta *m, int t, uint32_t count, uint32_t entsize)
{
	m->count[t] = count;
	m->entsize[t] = entsize;
	m->tab[t] = dcc_alloc(m->g->cc, (size_t)count * entsize + 8);
	return m->tab[t];
}

static void probes_table(struct meta *m)
{
	struct cg *g = m->g;
	struct dtm_probe *p = table(m, DTM_T_PROBE, g->nprobes, sizeof(*p));
	int i;

	for (i = 0; i < g->nprobes; i++) {
		struct cg_probe *pr = &g->probes[i];
		struct node *pd = pr->pdesc;

		p[i].provider = str_add(m, pd->pd_prov);
		p[i].module = str_add(m, pd->pd_mod);
		p[i].function = str_add(m, pd->pd_func);
		p[i].name = str_add(m, pd->pd_name);
		p[i].prog = str_add(m, pr->prog);
		p[i].clause = pr->clause;
		p[i].kind = pr->kind;
		p[i].flags = pr->flags;
		p[i].param = pr->param;
		p[i].stmt = pr->stmt;
		p[i].line = (uint32_t)pd->loc.line;
	}
}

static void rec_item(struct meta *m, struct dtm_rec *d, struct cg_rec *r)
{
	*d = r->r;
	d->fmt = str_add(m, r->fmt);
	d->type = str_add(m, r->type);
}

static void clauses_table(struct meta *m)
{
	struct cg *g = m->g;
	struct dtm_clause *c = table(m, DTM_T_CLAUSE, g->nclauses, sizeof(*c));
	uint32_t nrec = 0, k = 0;
	struct dtm_rec *r;
	struct cg_rec *cr;
	int i;

	for (i = 0; i < g->nclauses; i++)
		nrec += g->clauses[i].nrecs;
	r = table(m, DTM_T_REC, nrec, sizeof(*r));
	for (i = 0; i < g->nclauses; i++) {
		struct cg_clause *cl = &g->clauses[i];

		c[i].rec_first = k;
		c[i].rec_count = cl->nrecs;
		c[i].size = cl->laid_out ? cl->size : CG_REC_HDR;
		c[i].flags = cl->flags;
		c[i].line = cl->line;
		for (cr = cl->recs; cr; cr = cr->next)
			rec_item(m, &r[k++], cr);
	}
}

static void aggs_table(struct meta *m)
{
	struct cg *g = m->g;
	struct dtm_agg *a = table(m, DTM_T_AGG, g->naggs, sizeof(*a));
	uint32_t nkeys = 0, k = 0;
	struct dtm_aggkey *ak;
	int i, j;

	for (i = 0; i < g->naggs; i++)
		nkeys += g->aggs[i].nkeys;
	ak = table(m, DTM_T_AGGKEY, nkeys, sizeof(*ak));
	for (i = 0; i < g->naggs; i++) {
		struct cg_agg *ca = &g->aggs[i];

		a[i].name = str_add(m, ca->sym ? ca->sym->name : "");
		a[i].map = str_add(m, ca->map);
		a[i].func = ca->func;
		a[i].nkeys = ca->nkeys;
		a[i].key_first = k;
		a[i].key_size = ca->key_size;
		a[i].val_size = ca->val_size;
		a[i].line = ca->line;
		memcpy(a[i].params, ca->params, sizeof(a[i].params));
		for (j = 0; j < ca->nkeys; j++, k++) {
			ak[k] = ca->keys[j].k;
			ak[k].type = str_add(m, ca->keys[j].type);
		}
	}
}

static void opts_table(struct meta *m)
{
	struct dcc_option *o;
	struct dtm_opt *t;
	uint32_t n = 0;

	for (o = m->g->cc->options; o; o = o->next)
		n++;
	t = table(m, DTM_T_OPT, n, sizeof(*t));
	for (n = 0, o = m->g->cc->options; o; o = o->next, n++) {
		t[n].name = str_add(m, o->name);
		t[n].value = str_add(m, o->value);
	}
}

static uint32_t align8(uint32_t v)
{
	return (v + 7) & ~7u;
}

/* Does the tree call a destructive action (system, raise, stop, copyout,
 * ...)?  Then the object needs -w at run time, whatever dcc was given. */
static bool calls_destructive(const struct node *n)
{
	for (; n; n = n->next) {
		const struct func_def *f;

		if (n->kind == N_CALL && n->name &&
		    (f = func_lookup(n->name)) && f->kind == FK_ACTION &&
		    f->destructive)
			return true;
		for (int i = 0; i < 4; i++)
			if (calls_destructive(n->kid[i]))
				return true;
	}
	return false;
}

static bool destructive(struct cg *g)
{
	return g->cc->prog && calls_destructive(g->cc->prog->kid[0]);
}

/* header | tables | strtab */
static void assemble(struct meta *m)
{
	struct cg *g = m->g;
	struct dtm_header h = { 0 };
	uint32_t off = align8(sizeof(h)), total;
	uint8_t *buf;
	int t;

	h.magic = DTM_MAGIC;
	h.major = DTM_MAJOR;
	h.minor = DTM_MINOR;
	h.hdr_size = sizeof(h);
	h.source = str_add(m, g->cc->filename);
	h.flags = destructive(g) ? DTM_F_DESTRUCTIVE : 0;
	for (t = 0; t < DTM_T__MAX; t++) {
		h.tables[t].off = off;
		h.tables[t].count = m->count[t];
		h.tables[t].entsize = m->entsize[t];
		off = align8(off + m->count[t] * m->entsize[t]);
	}
	h.strtab_off = off;
	h.strtab_len = m->st.len;
	total = align8(off + m->st.len);
	h.total_size = total;
	buf = dcc_alloc(g->cc, total);
	memcpy(buf, &h, sizeof(h));
	for (t = 0; t < DTM_T__MAX; t++)
		if (m->count[t])
			memcpy(buf + h.tables[t].off, m->tab[t],
			       m->count[t] * m->entsize[t]);
	if (m->st.len)
		memcpy(buf + off, m->st.buf, m->st.len);
	g->p->meta = buf;
	g->p->meta_len = total;
}

void meta_out(struct cg *g)
{
	struct meta m = { .g = g };

	str_add(&m, "x");	/* make sure the table exists ... */
	m.st.len = 0;		/* ... then start it with "" at offset 0 */
	m.st.buf[m.st.len++] = 0;
	probes_table(&m);
	clauses_table(&m);
	aggs_table(&m);
	opts_table(&m);
	assemble(&m);
}
