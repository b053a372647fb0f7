/* SPDX-License-Identifier: MIT */
/*
 * cg_spec.c -- code generation for speculations: speculation(),
 * speculate(id), commit(id), discard(id), and the output of a speculative
 * clause's record.
 *
 * Run-time state (see "Speculations" in include/dload/meta.h):
 *   dt_spec   HASH u32 id -> struct dtm_spec, one entry per id in use
 *             (1..nspec); speculation() claims an id by inserting it with
 *             BPF_NOEXIST, commit()/discard() set .draining, dload deletes
 *             the entry once the speculation has drained.
 *   dt_specw  PERCPU_ARRAY[nspec + 1] u64: speculative records written per
 *             id (cumulative), so that dload knows when an id has drained.
 * A speculative clause stores its id in the record header (dtm_rec_hdr.pad);
 * its record is otherwise an ordinary one.  As in DTrace, speculation()
 * searches at most SPEC_SEARCH_MAX ids; a failure counts a "busy" drop when
 * it met an id that is still draining, else an "unavailable" drop.
 * speculate() on an id that is not in use or is draining silently drops the
 * rest of the clause; commit()/discard() of an id that is not in use do
 * nothing, unless the id exceeds nspec (illegal operation fault).
 */
#include <linux/bpf.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"
#include "funcs.h"

#define SPEC_SEARCH_MAX	16	/* ids speculation() tries, as DTrace */

/* The nspec option (default 1). */
static uint64_t spec_nspec(struct cg *g)
{
	const char *v = dcc_option(g->cc, "nspec");

	return v && *v ? strtoull(v, NULL, 0) : 1;
}

/* Ids that can be live at once: the size of the dt_spec map. */
static uint32_t spec_slots(struct cg *g)
{
	uint64_t n = spec_nspec(g);

	return n > SPEC_SEARCH_MAX ? SPEC_SEARCH_MAX : (uint32_t)n;
}

/* Define dt_spec and dt_specw once, on first use. */
static void spec_maps(struct cg *g)
{
	uint32_t n = spec_slots(g) ? spec_slots(g) : 1;

	if (ir_map_find(g->p, DTM_MAP_SPEC))
		return;
	ir_map_add(g->cc, g->p, DTM_MAP_SPEC, BPF_MAP_TYPE_HASH, 4,
		   sizeof(struct dtm_spec), n);
	ir_map_add(g->cc, g->p, DTM_MAP_SPECW, BPF_MAP_TYPE_PERCPU_ARRAY, 4,
		   sizeof(uint64_t), n + 1);
}

static struct node *arg0(struct node *call)
{
	return call->kid[0];
}

/* The id argument as a u32: v <<= 32; v >>= 32 */
static vreg_t spec_id(struct cg *g, struct node *call)
{
	vreg_t v = cg_expr(g, arg0(call));

	ir_alui(g->cc, g->f, BPF_LSH, v, 32);
	ir_alui(g->cc, g->f, BPF_RSH, v, 32);
	return v;
}

/* k = fp + slot */
static vreg_t fp_ptr(struct cg *g, int32_t slot)
{
	vreg_t k = cg_vreg(g);

	ir_mov(g->cc, g->f, k, IR_FP);
	ir_alui(g->cc, g->f, BPF_ADD, k, slot);
	return k;
}

/* key = (u32)id; p = map_lookup_elem(&map, &key) */
static vreg_t spec_lookup(struct cg *g, const char *map, vreg_t id)
{
	int32_t slot = ir_stack_alloc(g->f, 8, 8);
	vreg_t m = cg_vreg(g);

	ir_comment(g->cc, g->f, "p = map_lookup_elem(&%s, &id)", map);
	ir_store(g->cc, g->f, 4, IR_FP, slot, id);
	ir_ld_map(g->cc, g->f, m, map);
	return cg_call(g, BPF_FUNC_map_lookup_elem, 2, m, fp_ptr(g, slot));
}

/* *(u64 *)(base + off) += delta (per-CPU or racy counters) */
static void bump(struct cg *g, vreg_t base, int32_t off, int delta)
{
	vreg_t c = cg_vreg(g);

	ir_load(g->cc, g->f, 8, c, base, off);
	ir_alui(g->cc, g->f, BPF_ADD, c, delta);
	ir_store(g->cc, g->f, 8, base, off, c);
}

/* ---- speculation() ------------------------------------------------------------- */

/*
 * One step of the search:
 *   key = i
 *   if (map_update_elem(&dt_spec, &key, &zero, BPF_NOEXIST) == 0)
 *           { res = i; goto done; }
 *   p = map_lookup_elem(&dt_spec, &key)
 *   if (p && p->draining) goto busy
 */
static void spec_try(struct cg *g, uint32_t i, int32_t kslot, int32_t vslot,
		     vreg_t res, int l_done, int l_busy)
{
	struct dcc *cc = g->cc;
	struct ir_func *f = g->f;
	int l_taken = ir_label(f), l_next = ir_label(f);
	vreg_t m = cg_vreg(g), fl = cg_vreg(g), r, p, d;

	ir_comment(cc, f, "try id %u", i);
	ir_storei(cc, f, 4, IR_FP, kslot, (int32_t)i);
	ir_ld_map(cc, f, m, DTM_MAP_SPEC);
	ir_movi(cc, f, fl, BPF_NOEXIST);
	r = cg_call(g, BPF_FUNC_map_update_elem, 4, m, fp_ptr(g, kslot),
		    fp_ptr(g, vslot), fl);
	ir_jcci(cc, f, BPF_JNE, r, 0, l_taken);
	ir_movi(cc, f, res, i);
	ir_ja(cc, f, l_done);
	ir_place_label(cc, f, l_taken);
	m = cg_vreg(g);
	ir_ld_map(cc, f, m, DTM_MAP_SPEC);
	p = cg_call(g, BPF_FUNC_map_lookup_elem, 2, m, fp_ptr(g, kslot));
	ir_jcci(cc, f, BPF_JEQ, p, 0, l_next);
	d = cg_vreg(g);
	ir_load(cc, f, 8, d, p, offsetof(struct dtm_spec, draining));
	ir_jcci(cc, f, BPF_JNE, d, 0, l_busy);
	ir_place_label(cc, f, l_next);
}

/*
 *   res = 0; zero = {0}
 *   try id 1 .. min(nspec, SPEC_SEARCH_MAX)
 *   g->specunavail++; goto done
 * busy:
 *   g->specbusy++
 * done:
 */
int gen_speculation(struct cg *g, struct node *call)
{
	struct dcc *cc = g->cc;
	struct ir_func *f = g->f;
	uint32_t n = spec_slots(g), i;
	int32_t kslot = ir_stack_alloc(f, 8, 8);
	int32_t vslot = ir_stack_alloc(f, sizeof(struct dtm_spec), 8);
	int l_done = ir_label(f), l_busy = ir_label(f);
	vreg_t res = cg_vreg(g);

	spec_maps(g);
	ir_comment(cc, f, "speculation(): claim the lowest free id of 1..%u", n);
	ir_movi(cc, f, res, 0);
	if (!n)		/* nspec=0: no speculation, and no drop either */
		return res;
	for (i = 0; i < sizeof(struct dtm_spec); i += 8)
		ir_storei(cc, f, 8, IR_FP, vslot + (int32_t)i, 0);
	for (i = 1; i <= n; i++)
		spec_try(g, i, kslot, vslot, res, l_done, l_busy);
	ir_comment(cc, f, "no speculation available");
	bump(g, cg_gptr(g), offsetof(struct dtm_globals_hdr, specunavail), 1);
	ir_ja(cc, f, l_done);
	ir_place_label(cc, f, l_busy);
	ir_comment(cc, f, "speculation buffer busy (draining)");
	bump(g, cg_gptr(g), offsetof(struct dtm_globals_hdr, specbusy), 1);
	ir_place_label(cc, f, l_done);
	return res;
}

/* ---- speculate(), commit(), discard() ------------------------------------------------ */

/*
 *   p = map_lookup_elem(&dt_spec, &id)
 *   if (!p || p->draining) goto out      (drop the rest of the clause)
 *   rec.hdr.pad = id
 */
int gen_speculate(struct cg *g, struct node *call)
{
	struct dcc *cc = g->cc;
	vreg_t id = spec_id(g, call), p, d;

	spec_maps(g);
	ir_comment(cc, g->f, "speculate(id)");
	p = spec_lookup(g, DTM_MAP_SPEC, id);
	ir_jcci(cc, g->f, BPF_JEQ, p, 0, g->lbl_out);
	d = cg_vreg(g);
	ir_load(cc, g->f, 8, d, p, offsetof(struct dtm_spec, draining));
	ir_jcci(cc, g->f, BPF_JNE, d, 0, g->lbl_out);
	ir_store(cc, g->f, 4, cg_sptr(g),
		 g->rec_off + offsetof(struct dtm_rec_hdr, pad), id);
	g->records = true;	/* a speculative clause always writes a record */
	g->speculative = true;
	return 0;
}

/*
 * Only the call that starts the draining records the id, so that dload
 * never acts on a stale commit/discard of an id that was reused since:
 *   rec[item] = 0
 *   p = map_lookup_elem(&dt_spec, &id)
 *   if (!p) { if (id > nspec) fault(ILLOP); goto end; }
 *   if (p->draining) goto end
 *   p->draining = 1; rec[item] = id
 * end:
 */
static int spec_end(struct cg *g, struct node *call, int action)
{
	struct dcc *cc = g->cc;
	struct ir_func *f = g->f;
	uint64_t nspec = spec_nspec(g);
	vreg_t id = spec_id(g, call), p, d;
	struct cg_rec *r;
	int l_found = ir_label(f), l_end = ir_label(f);

	spec_maps(g);
	r = cg_rec_add(g, action, DTM_K_INT, 4, 4, call);
	r->type = "int";
	ir_comment(cc, f, "%s(id): record[%u] = 0", call->name, r->r.offset);
	ir_storei(cc, f, 4, cg_sptr(g), g->rec_off + r->r.offset, 0);
	p = spec_lookup(g, DTM_MAP_SPEC, id);
	ir_jcci(cc, f, BPF_JNE, p, 0, l_found);
	cg_fault_jcci(g, BPF_JGT, id, nspec > INT32_MAX ? INT32_MAX : (int64_t)nspec,
		      DTM_FLT_ILLOP, IR_NOREG);
	ir_ja(cc, f, l_end);
	ir_place_label(cc, f, l_found);
	d = cg_vreg(g);
	ir_load(cc, f, 8, d, p, offsetof(struct dtm_spec, draining));
	ir_jcci(cc, f, BPF_JNE, d, 0, l_end);
	ir_comment(cc, f, "p->draining = 1; record[%u] = id", r->r.offset);
	ir_storei(cc, f, 8, p, offsetof(struct dtm_spec, draining), 1);
	ir_store(cc, f, 4, cg_sptr(g), g->rec_off + r->r.offset, id);
	ir_place_label(cc, f, l_end);
	return 0;
}

int gen_commit(struct cg *g, struct node *call)
{
	return spec_end(g, call, DTM_ACT_COMMIT);
}

int gen_discard(struct cg *g, struct node *call)
{
	return spec_end(g, call, DTM_ACT_DISCARD);
}

/* ---- the record of a speculative clause ---------------------------------------------- */

static void spec_ringbuf_output(struct cg *g, uint32_t size, vreg_t *ret)
{
	struct dcc *cc = g->cc;
	vreg_t m = cg_vreg(g), d = cg_sptr(g), n = cg_vreg(g), z = cg_vreg(g);
	vreg_t r;

	ir_ld_map(cc, g->f, m, DTM_MAP_RINGBUF);
	ir_alui(cc, g->f, BPF_ADD, d, g->rec_off);
	ir_movi(cc, g->f, n, size);
	ir_movi(cc, g->f, z, 0);
	r = cg_call(g, BPF_FUNC_ringbuf_output, 4, m, d, n, z);
	if (ret)
		*ret = r;
}

/*
 * Instead of the plain ringbuf_output of the epilogue:
 *   id = rec.hdr.pad
 *   if (id == 0) goto plain                   (speculate() did not run)
 *   w = map_lookup_elem(&dt_specw, &id); if (!w) goto plain
 *   *w += 1                                   (before dload can see it)
 *   if (ringbuf_output(&dt_ringbuf, rec, size, 0) == 0) goto done
 *   *w -= 1; goto done                        (not written after all)
 * plain:
 *   ringbuf_output(&dt_ringbuf, rec, size, 0)
 * done:
 */
void cg_spec_output(struct cg *g, uint32_t size)
{
	struct dcc *cc = g->cc;
	struct ir_func *f = g->f;
	int l_plain = ir_label(f), l_done = ir_label(f);
	vreg_t id = cg_vreg(g), w, r;

	ir_comment(cc, f, "speculative record: count it in dt_specw[id]");
	ir_load(cc, f, 4, id, cg_sptr(g),
		g->rec_off + offsetof(struct dtm_rec_hdr, pad));
	ir_jcci(cc, f, BPF_JEQ, id, 0, l_plain);
	w = spec_lookup(g, DTM_MAP_SPECW, id);
	ir_jcci(cc, f, BPF_JEQ, w, 0, l_plain);
	bump(g, w, 0, 1);
	ir_comment(cc, f, "ringbuf_output(&dt_ringbuf, rec, %u, 0)", size);
	spec_ringbuf_output(g, size, &r);
	ir_jcci(cc, f, BPF_JEQ, r, 0, l_done);
	bump(g, w, 0, -1);
	ir_ja(cc, f, l_done);
	ir_place_label(cc, f, l_plain);
	ir_comment(cc, f, "ringbuf_output(&dt_ringbuf, rec, %u, 0)", size);
	spec_ringbuf_output(g, size, NULL);
	ir_place_label(cc, f, l_done);
}
