/* SPDX-License-Identifier: MIT */
/*
 * spec.c -- speculations, the consumer side (the BPF side is in
 * dcc/cg_spec.c; the contract is "Speculations" in include/dload/meta.h).
 *
 * A record whose header carries a speculation id (dtm_rec_hdr.pad) is held
 * back in a per-id list instead of being printed.  A record with a
 * DTM_ACT_COMMIT or DTM_ACT_DISCARD item for a live id starts draining the
 * id: the held records are printed in order (commit) or dropped (discard),
 * and so are the records of that id still in flight.  Once dload has
 * consumed as many records for the id as the programs wrote (dt_specw, summed
 * over the CPUs), it deletes the id from dt_spec, which frees it for
 * speculation().  Only the first commit/discard of a speculation counts.
 * Records that do not fit in specsize bytes per speculation are counted as
 * speculative drops.  A clause whose items are all commits/discards is not
 * data-recording: it prints nothing, not even the probe column.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "internal.h"

#define DL_SPECSIZE_DEFAULT	(4ull << 20)	/* DTrace's default specsize */

enum { SPEC_LIVE, SPEC_COMMIT, SPEC_DISCARD };

struct dl_specbuf {
	struct dl_specbuf *next;
	size_t len;
	uint8_t data[];
};

struct dl_spec {
	struct dl_specbuf *head, **tail;	/* records held, in order */
	uint64_t size;			/* bytes held */
	uint64_t consumed;		/* records consumed for this id, ever */
	int mode;			/* SPEC_* */
};

static bool is_end(uint32_t action)
{
	return action == DTM_ACT_COMMIT || action == DTM_ACT_DISCARD;
}

int dl_spec_init(struct dload_obj *o)
{
	struct bpf_map *m = bpf_object__find_map_by_name(o->bpf, DTM_MAP_SPEC);
	struct bpf_map *w = bpf_object__find_map_by_name(o->bpf, DTM_MAP_SPECW);
	const char *v;
	bool present;

	o->specsize = DL_SPECSIZE_DEFAULT;
	v = dl_opt_get(o, "specsize", &present);
	if (present && dl_parse_size(v, &o->specsize))
		return dl_err(o, -EINVAL, "invalid specsize value: %s", v ? v : "");
	if (!m || !w)
		return 0;
	if (bpf_map__value_size(w) != sizeof(uint64_t) ||
	    bpf_map__max_entries(w) < 2 ||
	    bpf_map__value_size(m) < sizeof(struct dtm_spec))
		return dl_err(o, -EINVAL, "%s: bad speculation maps", o->name);
	o->nspecs = bpf_map__max_entries(w) - 1;
	o->specs = calloc(o->nspecs + 1, sizeof(*o->specs));
	if (!o->specs)
		return dl_err(o, -ENOMEM, "out of memory");
	for (uint32_t i = 0; i <= o->nspecs; i++)
		o->specs[i].tail = &o->specs[i].head;
	o->spec_fd = bpf_map__fd(m);
	o->specw_fd = bpf_map__fd(w);
	return 0;
}

static void spec_clear(struct dl_spec *s)
{
	struct dl_specbuf *b, *n;

	for (b = s->head; b; b = n) {
		n = b->next;
		free(b);
	}
	s->head = NULL;
	s->tail = &s->head;
	s->size = 0;
}

void dl_spec_free(struct dload_obj *o)
{
	for (uint32_t i = 0; o->specs && i <= o->nspecs; i++)
		spec_clear(&o->specs[i]);
	free(o->specs);
	o->specs = NULL;
	o->nspecs = 0;
}

/* Records the programs wrote for id: dt_specw[id] summed over the CPUs. */
static uint64_t spec_written(struct dload_obj *o, uint32_t id)
{
	uint64_t *v = calloc(o->ncpus > 0 ? o->ncpus : 1, sizeof(*v)), sum = 0;

	if (!v)
		return 0;
	if (!bpf_map_lookup_elem(o->specw_fd, &id, v))
		for (int c = 0; c < o->ncpus; c++)
			sum += v[c];
	free(v);
	return sum;
}

/* A draining id whose records have all been consumed is free again. */
static void spec_try_free(struct dload_obj *o, uint32_t id)
{
	struct dl_spec *s = &o->specs[id];

	if (s->mode == SPEC_LIVE || s->consumed < spec_written(o, id))
		return;
	spec_clear(s);
	s->mode = SPEC_LIVE;
	bpf_map_delete_elem(o->spec_fd, &id);
}

void dl_spec_poll(struct dload_obj *o)
{
	for (uint32_t id = 1; o->specs && id <= o->nspecs; id++)
		spec_try_free(o, id);
}

/* Print a (committed) record by its enabled probe. */
static int spec_print(struct dload_obj *o, const void *data, size_t len)
{
	struct dtm_rec_hdr h;
	const struct dtm_probe *p;

	memcpy(&h, data, sizeof(h));
	p = &o->meta.probes[h.epid];
	return dl_spec_record(o, p, &o->meta.clauses[p->clause], data, len);
}

/* commit(id) or discard(id) met in a record. */
static int spec_end(struct dload_obj *o, uint32_t id, bool commit)
{
	struct dtm_spec v;
	struct dl_spec *s;
	struct dl_specbuf *b;
	int err = 0;

	if (!o->specs || id == 0 || id > o->nspecs)
		return 0;
	s = &o->specs[id];
	if (s->mode != SPEC_LIVE || bpf_map_lookup_elem(o->spec_fd, &id, &v))
		return 0;	/* draining already, or not in use */
	s->mode = commit ? SPEC_COMMIT : SPEC_DISCARD;
	for (b = s->head; commit && b && !err; b = b->next)
		err = spec_print(o, b->data, b->len);
	spec_clear(s);
	spec_try_free(o, id);
	return err;
}

bool dl_spec_hold(struct dload_obj *o, const void *data, size_t len)
{
	struct dtm_rec_hdr h;
	struct dl_spec *s;
	struct dl_specbuf *b;
	int err;

	memcpy(&h, data, sizeof(h));
	if (!h.pad)
		return false;
	if (!o->specs || h.pad > o->nspecs) {
		dl_diag(o, "bad record: speculation id %u out of range\n", h.pad);
		return true;
	}
	s = &o->specs[h.pad];
	s->consumed++;
	if (s->mode == SPEC_COMMIT) {
		err = spec_print(o, data, len);
		if (err)
			dl_diag(o, "cannot print record of enabled probe %u: %s\n",
				h.epid, strerror(-err));
	} else if (s->mode == SPEC_LIVE) {
		if (s->size + len > o->specsize || !(b = malloc(sizeof(*b) + len))) {
			o->specdrops++;
			return true;
		}
		b->next = NULL;
		b->len = len;
		memcpy(b->data, data, len);
		*s->tail = b;
		s->tail = &b->next;
		s->size += len;
		return true;
	}
	spec_try_free(o, h.pad);
	return true;
}

/* Print the record without its commit/discard items, then act on those. */
static int record_ends(struct dload_obj *o, const struct dtm_probe *p,
		       const struct dtm_clause *cl, const struct dtm_rec *items,
		       uint32_t n, uint32_t ends, const void *data, size_t len)
{
	struct dtm_rec *kept = NULL;
	uint32_t i, k = 0;
	int err = 0, e;

	if (ends < n) {
		kept = malloc((n - ends) * sizeof(*kept));
		if (!kept)
			return -ENOMEM;
		for (i = 0; i < n; i++)
			if (!is_end(items[i].action))
				kept[k++] = items[i];
		err = dlo_record(&o->out, p, cl, kept, (int)k, data, len);
		free(kept);
	}
	for (i = 0; i < n; i++) {
		uint32_t id;

		if (!is_end(items[i].action) || items[i].size < sizeof(id))
			continue;
		memcpy(&id, (const uint8_t *)data + items[i].offset, sizeof(id));
		e = spec_end(o, id, items[i].action == DTM_ACT_COMMIT);
		if (!err)
			err = e;
	}
	return err;
}

int dl_spec_record(struct dload_obj *o, const struct dtm_probe *p,
		   const struct dtm_clause *cl, const void *data, size_t len)
{
	const struct dtm_rec *items = &o->meta.recs[cl->rec_first];
	uint32_t n = cl->rec_count, ends = 0;

	for (uint32_t i = 0; i < n; i++)
		ends += is_end(items[i].action);
	if (!ends)
		return dlo_record(&o->out, p, cl, items, (int)n, data, len);
	return record_ends(o, p, cl, items, n, ends, data, len);
}
