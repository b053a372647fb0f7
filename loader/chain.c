/* SPDX-License-Identifier: MIT */
/*
 * chain.c -- clause chains (meta.h, DTM_MAP_CHAIN): the programs bound to
 * one concrete probe run in clause (epid) order, in one firing.
 *
 * The programs of the chained providers (pid, usdt: DTM_MAP_CHAIN; profile,
 * tick, cpc: DTM_MAP_CHAIN_PE) end with
 *   bpf_tail_call(ctx, &CHAIN, prid * NPROBES + epid)
 * For each concrete probe, take its binds in epid order e0 < e1 < ...;
 * only e0 is attached (the others are .chained), and CHAIN[prid * NPROBES + e_i] =
 * e_{i+1}'s program.  The kernel allows 33 tail calls in a row, so every
 * DTM_CHAIN_MAX-th program starts a new chain, attached on its own.  An
 * object without the map (older dcc, or no such program) attaches every
 * bind as before.
 *
 * Attach order (dl_chain_order): the kernel runs the uprobe consumers of
 * one address last-attached first, so with several chain heads on one
 * pid or usdt probe (more than DTM_CHAIN_MAX clauses, or no chain map),
 * attaching them in clause order would run clauses 34.. before 1..33.
 * The heads of one such probe are therefore attached in reverse clause
 * order; everything else in bind order.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "internal.h"

/* The prog array the programs of provider kind chain through, or NULL. */
static const char *chain_name(uint32_t kind)
{
	switch (kind) {
	case DTM_PROV_PID: case DTM_PROV_USDT:
		return DTM_MAP_CHAIN;
	case DTM_PROV_PROFILE: case DTM_PROV_TICK: case DTM_PROV_CPC:
		return DTM_MAP_CHAIN_PE;
	default:
		return NULL;
	}
}

static struct bpf_map *chain_map(struct dload_obj *o, const struct dl_bind *b)
{
	const char *name = chain_name(o->cprobes[b->prid].kind);

	return name && o->bpf ? bpf_object__find_map_by_name(o->bpf, name) : NULL;
}

static int by_probe(const void *a, const void *b, void *arg)
{
	const struct dl_bind *v = arg, *x = &v[*(const uint32_t *)a],
		*y = &v[*(const uint32_t *)b];

	if (x->prid != y->prid)
		return x->prid < y->prid ? -1 : 1;
	return x->epid < y->epid ? -1 : x->epid > y->epid;
}

/* Set .chained and .next of every bind: per probe, in epid order, each
 * program tail-calls the next, a new chain every DTM_CHAIN_MAX. */
static int chain_plan(struct dload_obj *o)
{
	uint32_t *ix = calloc(o->nbinds + 1, sizeof(*ix)), rank = 0;

	if (!ix)
		return dl_err(o, -ENOMEM, "out of memory");
	for (uint32_t i = 0; i < o->nbinds; i++) {
		ix[i] = i;
		o->binds[i].chained = false;
		o->binds[i].next = 0;
	}
	qsort_r(ix, o->nbinds, sizeof(*ix), by_probe, o->binds);
	for (uint32_t i = 1; i < o->nbinds; i++) {
		struct dl_bind *p = &o->binds[ix[i - 1]], *b = &o->binds[ix[i]];

		rank = p->prid == b->prid ? rank + 1 : 0;
		if (!rank || rank % DTM_CHAIN_MAX == 0 || !chain_map(o, b))
			continue;
		b->chained = true;
		p->next = ix[i] + 1;
	}
	free(ix);
	return 0;
}

/* Does the kernel run the separately attached programs of b's probe
 * last-attached first?  (uprobes: pid, usdt) */
static bool lifo_probe(const struct dload_obj *o, const struct dl_bind *b)
{
	uint32_t kind = o->cprobes[b->prid].kind;

	return kind == DTM_PROV_PID || kind == DTM_PROV_USDT;
}

/* Reverse the chain heads of one probe, the binds ix[from..to) (in
 * epid order), within the attach order: the slots they take in bind
 * order get them last clause first. */
static void reverse_heads(const struct dload_obj *o, const uint32_t *ix,
			  uint32_t from, uint32_t to, uint32_t *order)
{
	uint32_t i = from, j = to;

	for (;;) {
		while (i < j && o->binds[ix[i]].chained)
			i++;
		while (j > i && o->binds[ix[j - 1]].chained)
			j--;
		if (j - i < 2)
			return;
		order[ix[i]] = ix[j - 1];	/* epid order = bind order */
		order[ix[j - 1]] = ix[i];
		i++, j--;
	}
}

int dl_chain_order(const struct dload_obj *o, uint32_t *order)
{
	uint32_t *ix = calloc(o->nbinds + 1, sizeof(*ix)), from = 0;

	if (!ix)
		return -ENOMEM;
	for (uint32_t i = 0; i < o->nbinds; i++)
		order[i] = ix[i] = i;
	qsort_r(ix, o->nbinds, sizeof(*ix), by_probe, o->binds);
	for (uint32_t i = 1; i <= o->nbinds; i++) {
		if (i < o->nbinds &&
		    o->binds[ix[i]].prid == o->binds[ix[from]].prid)
			continue;
		if (lifo_probe(o, &o->binds[ix[from]]))
			reverse_heads(o, ix, from, i, order);
		from = i;
	}
	free(ix);
	return 0;
}

/* The CHAIN index of b's tail call: prid * NPROBES + epid. */
static uint64_t chain_slot(const struct dload_obj *o, const struct dl_bind *b)
{
	return (uint64_t)b->prid * o->meta.nprobes + b->epid;
}

/* max_entries of both maps: every slot a link uses (at least 1). */
int dl_chain_size(struct dload_obj *o)
{
	static const char *const names[] = { DTM_MAP_CHAIN, DTM_MAP_CHAIN_PE };
	int err = chain_plan(o);

	if (err)
		return err;

	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		struct bpf_map *m = bpf_object__find_map_by_name(o->bpf, names[k]);
		uint64_t max = 1, slot;

		for (uint32_t i = 0; m && i < o->nbinds; i++)
			if (o->binds[i].next && chain_map(o, &o->binds[i]) == m &&
			    (slot = chain_slot(o, &o->binds[i])) >= max)
				max = slot + 1;
		if (max > UINT32_MAX)
			return dl_err(o, -E2BIG, "%s: too many probes to chain their "
				      "clauses", o->name);
		if (m && bpf_map__set_max_entries(m, (uint32_t)max))
			return dl_err(o, -EINVAL, "cannot size %s", names[k]);
	}
	return 0;
}

/* After loading: CHAIN[prid * NPROBES + epid] = the next program's fd. */
int dl_chain_fill(struct dload_obj *o)
{
	for (uint32_t i = 0; i < o->nbinds; i++) {
		const struct dl_bind *b = &o->binds[i], *next;
		struct bpf_program *prog;
		uint32_t key;
		int fd;

		if (!b->next)
			continue;
		next = &o->binds[b->next - 1];
		prog = dl_prog(o, next->epid);
		fd = prog ? bpf_program__fd(prog) : -1;
		if (fd < 0)
			return dl_err(o, -ENOENT, "%s: no program for probe %u",
				      o->name, next->epid);
		key = (uint32_t)chain_slot(o, b);
		if (bpf_map_update_elem(bpf_map__fd(chain_map(o, b)), &key, &fd, 0))
			return dl_err(o, -errno, "cannot chain the clauses of "
				      "probe %u: %s", b->prid, strerror(errno));
	}
	return 0;
}
