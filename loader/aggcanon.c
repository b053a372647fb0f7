/* SPDX-License-Identifier: MIT */
/*
 * aggcanon.c -- DTrace's merging of aggregation keys that print alike,
 * before an aggregation is sorted and printed.
 *
 * DTrace keys sym()/func() and usym()/ufunc() by the symbol, mod() and
 * umod() by the module, not by the raw address: @[ufunc(pc)] has one line
 * per function however many pcs were seen in it.  The BPF programs store
 * the raw address, so the printer rewrites each such key item to a
 * canonical address (the loader's sym_canon callback: the symbol's or the
 * module's start) and merges the entries whose keys become equal, adding
 * their values (dlo_agg_combine).  Kernel stack() keys lose the frames of
 * the tracing machinery (kstack_skip), which differ between the programs
 * and call sites that took the same stack.
 *
 * The rewritten keys and merged values live in one block that the caller
 * frees with dlo_agg_canon_free() after printing.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

static bool canon_kind(uint32_t kind)
{
	return kind == DTM_K_SYM || kind == DTM_K_MOD || kind == DTM_K_USYM ||
	       kind == DTM_K_UMOD || kind == DTM_K_STACK;
}

/* Does any key item need rewriting, and can it be? */
static bool needs_canon(const struct dlo_ctx *c, const struct dlo_agginfo *ai)
{
	for (uint32_t i = 0; i < ai->agg->nkeys; i++) {
		uint32_t k = ai->keys[i].kind;

		if (k == DTM_K_STACK ? c->kstack_skip != NULL :
		    canon_kind(k) && c->sym_canon)
			return true;
	}
	return false;
}

static uint64_t get64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

/* A kernel stack key: the frames up to a zero, less the skipped ones,
 * moved to the front; the rest zeroed. */
static void canon_stack(struct dlo_ctx *c, uint8_t *p, uint32_t size)
{
	uint64_t pcs[256] = { 0 };
	size_t n = 0, skip, max = size / 8;

	while (n < max && n < sizeof(pcs) / sizeof(pcs[0]) &&
	       (pcs[n] = get64(p + 8 * n)) != 0)
		n++;
	skip = c->kstack_skip(c->arg, pcs, n);
	if (skip == 0)
		return;
	memset(p, 0, (size_t)size);
	if (skip < n)
		memcpy(p, pcs + skip, (n - skip) * 8);
}

static void canon_item(struct dlo_ctx *c, const struct dtm_aggkey *k,
		       uint8_t *p)
{
	bool user = k->kind == DTM_K_USYM || k->kind == DTM_K_UMOD;
	uint64_t pid = 0, pc;

	if (k->kind == DTM_K_STACK) {
		if (c->kstack_skip)
			canon_stack(c, p, k->size);
		return;
	}
	if (!canon_kind(k->kind) || !c->sym_canon || k->size < (user ? 16 : 8))
		return;
	if (user)
		pid = get64(p);
	pc = get64(p + (user ? 8 : 0));
	if (c->sym_canon(c->arg, k->kind, pid, &pc) == 0)
		memcpy(p + (user ? 8 : 0), &pc, 8);
}

struct canon_sort {
	const struct dlo_aggent *ents;
	uint32_t key_size;
};

static int cmp_idx(const void *a, const void *b, void *arg)
{
	const struct canon_sort *s = arg;
	int l = *(const int *)a, r = *(const int *)b;
	int d = memcmp(s->ents[l].key, s->ents[r].key, s->key_size);

	return d ? d : (l > r) - (l < r);
}

/* Merge the runs of equal keys (idx sorted by key) into out. */
static int merge_runs(const struct dlo_agginfo *ai, struct dlo_aggent *ents,
		      const int *idx, int n, int64_t *vals,
		      struct dlo_aggent *out)
{
	size_t ks = ai->agg->key_size, ns = dlo_agg_nslots(ai->agg);
	int i = 0, m = 0;

	while (i < n) {
		int j = i + 1;
		int64_t *v = vals + (size_t)m * ns;

		memcpy(v, ents[idx[i]].val, ns * 8);
		for (; j < n && !memcmp(ents[idx[i]].key, ents[idx[j]].key, ks);
		     j++)
			dlo_agg_combine(ai->agg, v, ents[idx[j]].val);
		out[m].key = ents[idx[i]].key;
		out[m].val = v;
		/* per-CPU values (aggpercpu) only for an unmerged entry */
		out[m].percpu = j == i + 1 ? ents[idx[i]].percpu : NULL;
		out[m].npercpu = j == i + 1 ? ents[idx[i]].npercpu : 0;
		m++;
		i = j;
	}
	return m;
}

int dlo_agg_canon(struct dlo_ctx *c, const struct dlo_agginfo *ai,
		  struct dlo_aggent *ents, int n, void **block)
{
	size_t ks = ai->agg->key_size, ns = dlo_agg_nslots(ai->agg);
	struct canon_sort s = { ents, (uint32_t)ks };
	struct dlo_aggent *out;
	uint8_t *keys;
	int64_t *vals;
	int *idx, i, m;

	*block = NULL;
	if (n < 1 || !ks || !needs_canon(c, ai))
		return n;
	*block = calloc(1, (size_t)n * (ks + ns * 8 + sizeof(int) +
					sizeof(*out)) + 8);
	if (!*block)
		return -ENOMEM;
	vals = *block;
	out = (struct dlo_aggent *)(vals + (size_t)n * ns);
	idx = (int *)(out + n);
	keys = (uint8_t *)(idx + n);
	for (i = 0; i < n; i++) {
		uint8_t *k = keys + (size_t)i * ks;

		memcpy(k, ents[i].key, ks);
		for (uint32_t j = 0; j < ai->agg->nkeys; j++)
			if (ai->keys[j].offset + ai->keys[j].size <= ks)
				canon_item(c, &ai->keys[j], k + ai->keys[j].offset);
		ents[i].key = k;
		idx[i] = i;
	}
	qsort_r(idx, n, sizeof(*idx), cmp_idx, &s);
	m = merge_runs(ai, ents, idx, n, vals, out);
	memcpy(ents, out, (size_t)m * sizeof(*out));
	return m;
}

void dlo_agg_canon_free(void *block)
{
	free(block);
}
