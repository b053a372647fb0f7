/* SPDX-License-Identifier: MIT */
/*
 * aggs.c -- reading aggregations out of the kernel.
 *
 * Each aggregation is a BPF_MAP_TYPE_PERCPU_HASH (dtm_agg.map) keyed by its
 * key tuple, with one value per possible CPU.  A snapshot walks the keys,
 * reads each per-CPU value array and combines the CPUs with the output
 * engine's dlo_agg_combine(), leaving out entries that were never updated;
 * the result goes to dlo_print_agg()/dlo_printa().  clear() zeroes values in
 * place, trunc() deletes keys (all of them, or all but the top/bottom n).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "internal.h"

struct snap {
	uint8_t *keys;		/* n * key_size */
	int64_t *vals;		/* n * val_size, combined */
	uint32_t n, cap;
	int ncpus;		/* aggpercpu: each value is followed by the
				   ncpus per-CPU values; else 0 */
};

/* bytes per entry in vals: the combined value [, the per-CPU ones] */
static size_t snap_stride(const struct snap *s, const struct dtm_agg *a)
{
	return (size_t)(1 + s->ncpus) * a->val_size;
}

/* aggpercpu: keep the last entry's per-CPU values (stride pcpu bytes) */
static void snap_percpu(struct snap *s, const struct dtm_agg *a,
			const uint8_t *percpu, size_t pcpu)
{
	uint8_t *p = (uint8_t *)s->vals + (size_t)(s->n - 1) * snap_stride(s, a);

	for (int c = 0; c < s->ncpus; c++)
		memcpy(p + (size_t)(c + 1) * a->val_size,
		       percpu + (size_t)c * pcpu, a->val_size);
}

/* dcc keeps an unkeyed count/avg/stddev/min/max in a one-entry
 * PERCPU_ARRAY (u32 key 0; its value reads as empty until updated): the
 * walk sees key 0 in a zeroed key_size buffer; trunc() zeroes it. */
static bool agg_array(struct dload_obj *o, uint32_t id, struct bpf_map *m)
{
	const struct dtm_agg *a = &o->meta.aggs[id];

	if (!m)
		m = bpf_object__find_map_by_name(o->bpf, dl_str(&o->meta, a->map));
	return m && bpf_map__type(m) == BPF_MAP_TYPE_PERCPU_ARRAY &&
	       a->nkeys == 0 && bpf_map__key_size(m) == sizeof(uint32_t) &&
	       a->key_size >= sizeof(uint32_t) &&
	       bpf_map__value_size(m) == a->val_size;
}

static int agg_map(struct dload_obj *o, uint32_t id, int *fd, size_t *pcpu)
{
	const struct dtm_agg *a = &o->meta.aggs[id];
	const char *name = dl_str(&o->meta, a->map);
	struct bpf_map *m = bpf_object__find_map_by_name(o->bpf, name);

	if (!m)
		return dl_err(o, -ENOENT, "%s: no aggregation map %s", o->name,
			      name);
	if (!(bpf_map__type(m) == BPF_MAP_TYPE_PERCPU_HASH &&
	      bpf_map__key_size(m) == a->key_size &&
	      bpf_map__value_size(m) == a->val_size) &&
	    !agg_array(o, id, m))
		return dl_err(o, -EINVAL, "%s: map %s does not match aggregation %u",
			      o->name, name, id);
	*fd = bpf_map__fd(m);
	*pcpu = (a->val_size + 7) / 8 * 8;
	return 0;
}

static int snap_add(struct snap *s, const struct dtm_agg *a, const void *key,
		    const int64_t *val)
{
	if (s->n == s->cap) {
		uint32_t cap = s->cap ? s->cap * 2 : 64;
		uint8_t *k = realloc(s->keys, (size_t)cap * a->key_size);
		int64_t *v;

		if (!k)
			return -ENOMEM;
		s->keys = k;
		v = realloc(s->vals, (size_t)cap * snap_stride(s, a));
		if (!v)
			return -ENOMEM;
		s->vals = v;
		s->cap = cap;
	}
	memcpy(s->keys + (size_t)s->n * a->key_size, key, a->key_size);
	memcpy((uint8_t *)s->vals + (size_t)s->n * snap_stride(s, a), val,
	       a->val_size);
	s->n++;
	return 0;
}

/* Combine the per-CPU values of key into val; false if the key vanished. */
static bool read_key(struct dload_obj *o, const struct dtm_agg *a, int fd,
		     size_t pcpu, const void *key, uint8_t *percpu, int64_t *val)
{
	if (bpf_map_lookup_elem(fd, key, percpu))
		return false;
	dlo_agg_init(a, val);
	for (int c = 0; c < o->ncpus; c++)
		dlo_agg_combine(a, val, (const int64_t *)(percpu + c * pcpu));
	return true;
}

static int walk(struct dload_obj *o, uint32_t id, struct snap *s)
{
	const struct dtm_agg *a = &o->meta.aggs[id];
	uint8_t *prev = NULL, *key = calloc(2, a->key_size);
	uint8_t *percpu = NULL;
	int64_t *val = malloc(a->val_size);
	size_t pcpu;
	int fd, err = agg_map(o, id, &fd, &pcpu);

	if (!err && (!key || !val ||
		     !(percpu = malloc(pcpu * (size_t)o->ncpus))))
		err = -ENOMEM;
	while (!err && !bpf_map_get_next_key(fd, prev, key)) {
		if (read_key(o, a, fd, pcpu, key, percpu, val) &&
		    !dlo_agg_empty(a, val)) {
			err = snap_add(s, a, key, val);
			if (!err && s->ncpus)
				snap_percpu(s, a, percpu, pcpu);
		}
		if (!prev)
			prev = key + a->key_size;
		memcpy(prev, key, a->key_size);
	}
	free(key);
	free(val);
	free(percpu);
	return err == -ENOMEM ? dl_err(o, err, "out of memory") : err;
}

static void fill_info(struct dload_obj *o, uint32_t id, struct dlo_agginfo *ai)
{
	const struct dtm_agg *a = &o->meta.aggs[id];

	memset(ai, 0, sizeof(*ai));
	ai->agg = a;
	ai->keys = &o->meta.aggkeys[a->key_first];
	ai->name = dl_str(&o->meta, a->name);
	ai->id = id;
	ai->normal = o->normal ? o->normal[id] : 0;
}

/* Entries point into *storep (free it with free()). */
int dl_agg_snapshot(struct dload_obj *o, uint32_t id, struct dlo_agginfo *ai,
		    struct dlo_aggent **entsp, void *storep[2])
{
	const struct dtm_agg *a = &o->meta.aggs[id];
	struct snap s = { .ncpus = o->out.aggpercpu ? o->ncpus : 0 };
	struct dlo_aggent *ents;
	int err = walk(o, id, &s);

	fill_info(o, id, ai);
	ents = calloc(s.n + 1, sizeof(*ents));
	if (err || !ents) {
		free(s.keys);
		free(s.vals);
		free(ents);
		return err ? err : dl_err(o, -ENOMEM, "out of memory");
	}
	for (uint32_t i = 0; i < s.n; i++) {
		ents[i].key = s.keys + (size_t)i * a->key_size;
		ents[i].val = (const int64_t *)((uint8_t *)s.vals +
						(size_t)i * snap_stride(&s, a));
		if (s.ncpus) {
			ents[i].percpu = ents[i].val + a->val_size / 8;
			ents[i].npercpu = s.ncpus;
		}
	}
	/* one block to free: keys and values hang off the entry array */
	storep[0] = s.keys;
	storep[1] = s.vals;
	*entsp = ents;
	return (int)s.n;
}

static void snap_free(struct dlo_aggent *ents, void **store)
{
	free(store[0]);
	free(store[1]);
	free(ents);
}

int dl_agg_print_all(struct dload_obj *o)
{
	for (uint32_t i = 0; i < o->meta.naggs; i++) {
		uint32_t id = dlo_agg_order(&o->out, i, o->meta.naggs);
		struct dlo_agginfo ai;
		struct dlo_aggent *ents;
		void *store[2];
		int n = dl_agg_snapshot(o, id, &ai, &ents, store), err;

		if (n < 0)
			return n;
		err = dlo_print_agg(&o->out, &ai, ents, n);
		snap_free(ents, store);
		if (err)
			return dl_err(o, err, "cannot print aggregation @%s: %s",
				      ai.name, strerror(-err));
	}
	return 0;
}

/* printa() met in a record. */
int dl_agg_printa(struct dload_obj *o, uint32_t id, const char *fmt)
{
	struct dlo_agginfo ai;
	struct dlo_aggent *ents;
	void *store[2];
	int n, err;

	if (id >= o->meta.naggs)
		return -EINVAL;
	n = dl_agg_snapshot(o, id, &ai, &ents, store);
	if (n < 0)
		return n;
	err = dlo_printa(&o->out, fmt, &ai, ents, n);
	snap_free(ents, store);
	return err;
}

/* The engine's agg_snapshot/agg_release callbacks (printa of several
 * aggregations): the cookie holds the snapshot's two storage blocks. */
int dl_cb_agg_snapshot(void *arg, uint32_t id, struct dlo_agginfo *ai,
		       struct dlo_aggent **ents, void **cookie)
{
	struct dload_obj *o = arg;
	void **store = calloc(2, sizeof(*store));
	int n;

	if (!store)
		return -ENOMEM;
	if (id >= o->meta.naggs)
		n = -EINVAL;
	else
		n = dl_agg_snapshot(o, id, ai, ents, store);
	if (n < 0)
		free(store);
	else
		*cookie = store;
	return n;
}

void dl_cb_agg_release(void *arg, struct dlo_aggent *ents, void *cookie)
{
	snap_free(ents, cookie);
	free(cookie);
}

/* Zero every value (clear) in place. */
static int zero_all(struct dload_obj *o, uint32_t id, int fd, size_t pcpu)
{
	const struct dtm_agg *a = &o->meta.aggs[id];
	uint8_t *prev = NULL, *key = calloc(2, a->key_size);
	uint8_t *percpu = calloc(o->ncpus, pcpu);
	int err = key && percpu ? 0 : -ENOMEM;

	for (int c = 0; !err && c < o->ncpus; c++)
		dlo_agg_init(a, (int64_t *)(percpu + c * pcpu));
	while (!err && !bpf_map_get_next_key(fd, prev, key)) {
		bpf_map_update_elem(fd, key, percpu, BPF_EXIST);
		if (!prev)
			prev = key + a->key_size;
		memcpy(prev, key, a->key_size);
	}
	free(key);
	free(percpu);
	return err;
}

/* trunc(@a, keep): keep > 0 keeps the top keep, < 0 the bottom -keep. */
static int trunc_keys(struct dload_obj *o, uint32_t id, int fd, int64_t keep)
{
	struct dlo_agginfo ai;
	struct dlo_aggent *ents;
	void *store[2];
	int n = dl_agg_snapshot(o, id, &ai, &ents, store);
	int64_t lo = 0, hi;

	if (n < 0)
		return n;
	dlo_agg_sort(&o->out, &ai, ents, n);
	hi = n;			/* delete [lo, hi) */
	if (keep > 0)
		hi = keep < n ? n - keep : 0;
	else if (keep < 0)
		lo = -keep < n ? -keep : n;
	for (int64_t i = lo; i < hi; i++)
		bpf_map_delete_elem(fd, ents[i].key);
	snap_free(ents, store);
	return 0;
}

int dl_agg_clear(struct dload_obj *o, uint32_t id, bool del, int64_t keep)
{
	size_t pcpu;
	int fd, err;

	if (id >= o->meta.naggs)
		return -EINVAL;
	if ((err = agg_map(o, id, &fd, &pcpu)))
		return err;
	if (del && agg_array(o, id, NULL))	/* one entry, not deletable */
		return keep ? 0 : zero_all(o, id, fd, pcpu);
	return del ? trunc_keys(o, id, fd, keep) : zero_all(o, id, fd, pcpu);
}
