/* SPDX-License-Identifier: MIT */
/*
 * output.h -- libdload's output engine: DTrace's output semantics.
 *
 * Everything dload prints from ring-buffer records and aggregations goes
 * through this interface, byte for byte as DTrace prints it:
 *   printf.c    DTrace's printf engine (conversions, flags, widths, %@)
 *   record.c    one record: the probe column, then each item by action
 *   aggprint.c  aggregations: combination over CPUs, sorting, default
 *               output at exit and printa() with a format
 *
 * The engine never touches the kernel or maps: the loader (H5) reads the
 * metadata, the ring buffer and the aggregation maps and hands plain memory
 * to these functions.  Everything that needs the loader (probe names,
 * metadata strings, symbols, printa snapshots, side-effect actions) goes
 * through the callbacks in struct dlo_ctx.  All functions return 0 or a
 * negative errno (-EINVAL for malformed records/metadata: every offset and
 * size in a record is checked against the record length before use).
 *
 * Typical use by the loader:
 *   struct dlo_ctx c = { .out = stdout, .quiet = ..., .no_cpu_id = ...,
 *                        .str = ..., .probe_name = ..., .arg = obj };
 *   dlo_set_option(&c, "aggsortkey", NULL);      (for each -x / #pragma)
 *   for each record:  dlo_record(&c, probe, clause, items, nitems, rec, len)
 *   at exit:          dlo_finish(&c)             (END's records first)
 *                     for (i = 0; i < naggs; i++)
 *                         id = dlo_agg_order(&c, i, naggs);
 *                         dlo_print_agg(&c, &info(id), ents, n)
 *                         (prints nothing for an aggregation printa'd)
 *                     dlo_ctx_fini(&c)
 * Values: per-CPU values are combined with dlo_agg_init/dlo_agg_combine;
 * entries with dlo_agg_empty() true (cleared) are left out.  A u128 in a
 * value (stddev's sum of squares) is two slots, low word first.
 */
#ifndef DLOAD_OUTPUT_H
#define DLOAD_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dload/meta.h"

struct dlo_ctx;
struct btf;

/* One aggregation as the printer sees it. */
struct dlo_agginfo {
	const struct dtm_agg *agg;
	const struct dtm_aggkey *keys;	/* agg->nkeys entries */
	const char *name;		/* without '@'; "" for @ */
	uint32_t id;			/* index in DTM_T_AGG */
	uint64_t normal;		/* normalize() factor; 0 or 1: none */
};

/* One aggregation entry: a key and its value combined over CPUs. */
struct dlo_aggent {
	const void *key;		/* agg->key_size bytes */
	const int64_t *val;		/* agg->val_size bytes (int64 slots) */
	/* aggpercpu: each CPU's value (npercpu values of agg->val_size
	 * bytes), printed after the combined one; NULL: none */
	const int64_t *percpu;
	int npercpu;
};

struct dlo_ctx {
	FILE *out;			/* trace output */
	bool quiet;			/* -q: no probe column, no header */
	bool no_cpu_id;			/* leave out CPU and ID (_DTRACE_TESTING) */

	/* Options (set directly or through dlo_set_option). */
	bool aggsortkey;		/* sort aggregations by key first */
	int aggsortkeypos;		/* with several keys: sort from this key */
	bool aggsortrev;		/* reverse the sort */
	int aggsortpos;			/* printa with several aggs: which value */
	bool aggpack;			/* pack quantize output (not yet) */
	bool aggzoom;			/* zoom bars to the largest bucket */
	bool aggpercpu;			/* print each CPU's value too */
	bool flowindent;		/* (not yet) */
	bool rawbytes;			/* trace() and keys as hex dumps */
	uint32_t strsize;		/* default string size; 0: 256 */
	int stackindent;		/* indent of stack frames, if set */
	bool stackindent_set;		/* (else DTrace's default, 14) */
	uint64_t target_pid;		/* $target: %A of a bare address */
	uint64_t printsize;		/* print(): bytes shown; 0: all */

	/* --- callbacks (all optional; NULL uses a fallback) --- */
	void *arg;			/* passed to every callback */
	/* Metadata string for offset off (never NULL: "" if out of range). */
	const char *(*str)(void *arg, uint32_t off);
	/* Names of probe prid (the matched probe, not the glob); 0 or -errno.
	 * Fallback: the probe description strings of the record's dtm_probe. */
	int (*probe_name)(void *arg, uint32_t prid, const char **prov,
			  const char **mod, const char **func,
			  const char **name);
	/* Kernel symbol "mod`func+0x1c" for pc; 0 or -errno (then hex). */
	int (*ksym)(void *arg, uint64_t pc, bool offset, char *buf, size_t len);
	/* User symbol for pc in process pid; 0 or -errno (then hex). */
	int (*usym)(void *arg, uint64_t pid, uint64_t pc, bool offset,
		    char *buf, size_t len);
	/* Number of leading frames of a kernel stack that belong to the
	 * tracing machinery (BPF programs, their dispatch, dload's test
	 * runs of BEGIN/END) and are not printed; n: none is printed. */
	size_t (*kstack_skip)(void *arg, const uint64_t *pcs, size_t n);
	/* The canonical address of a sym()/func()/mod() (kind DTM_K_SYM,
	 * DTM_K_MOD) or usym()/ufunc()/umod() (DTM_K_USYM, DTM_K_UMOD, with
	 * pid) aggregation key: the start of the symbol or module holding
	 * *pc, so that keys printing alike merge, as in DTrace.  0 or
	 * -errno (*pc unchanged). */
	int (*sym_canon)(void *arg, uint32_t kind, uint64_t pid, uint64_t *pc);
	/* print(): the BTF type named name ("struct foo", "foo_t"), in the
	 * object's BTF, else the kernel's; its id, or -errno. */
	int32_t (*btf_type)(void *arg, const char *name,
			    const struct btf **btf);
	/* printa() in a record: the loader snapshots aggregation aggid
	 * (combined over CPUs) and calls dlo_printa(c, fmt, ...); fmt is
	 * NULL for printa(@a) without a format.  Errors are returned. */
	int (*printa)(void *arg, struct dlo_ctx *c, uint32_t aggid,
		      const char *fmt);
	/* printa() of several aggregations: the engine joins them itself
	 * and needs their snapshots: fill *ai and *ents (combined over CPUs,
	 * as given to dlo_printa) and return the number of entries or
	 * -errno; *cookie goes back to agg_release.  Without these, only
	 * the first aggregation is printed (through printa). */
	int (*agg_snapshot)(void *arg, uint32_t aggid, struct dlo_agginfo *ai,
			    struct dlo_aggent **ents, void **cookie);
	void (*agg_release)(void *arg, struct dlo_aggent *ents, void *cookie);
	/* Side-effect actions met in a record, in order: EXIT (data: int32
	 * status), CLEAR, TRUNC, NORMALIZE, DENORMALIZE, SETOPT, SYSTEM,
	 * FREOPEN, FTRUNCATE, RAISE, STOP.  item is the action's item, args
	 * the following DTM_ACT_ARG items (nargs of them); all offsets are
	 * already checked against the record, rec is the whole record.
	 * For SYSTEM/FREOPEN, `formatted` holds the printf-expanded string. */
	int (*action)(void *arg, struct dlo_ctx *c, const struct dtm_rec *item,
		      const struct dtm_rec *args, int nargs, const void *rec,
		      size_t len, const char *formatted);

	/* --- state kept by the engine (zero-initialise) --- */
	bool header_done;		/* column header printed */
	bool any_record;		/* some record printed */
	uint8_t *printed;		/* bitmap of aggregation ids printa'd */
	uint32_t nprinted;		/* its size in bits */
};

/* Set an output option by name ("aggsortkey", "aggsortrev", "aggsortpos",
 * "aggsortkeypos", "quiet", "rawbytes", "strsize", "aggpack", "aggzoom",
 * "flowindent", "stackindent").  Flags take no value, a number, or
 * yes/true/enable(d)/on/set or no/false/disable(d)/off/unset (any case).
 * Returns 0 if applied, -ENOENT if not an output option (the caller may
 * handle it), -EINVAL for a bad value. */
int dlo_set_option(struct dlo_ctx *c, const char *name, const char *value);

/* The column header "CPU     ID                    FUNCTION:NAME" (without
 * CPU and ID when no_cpu_id).  Printed once; dlo_record calls it itself
 * before the first record in non-quiet mode. */
int dlo_header(struct dlo_ctx *c);

/*
 * Print one ring-buffer record as DTrace does.  probe is the dtm_probe of
 * hdr->epid, cl its clause, items the clause's rec_count dtm_rec entries.
 * rec/len is the raw record including struct dtm_rec_hdr.  In non-quiet
 * mode prints the probe column, then each item by action, then the newline.
 */
int dlo_record(struct dlo_ctx *c, const struct dtm_probe *probe,
	       const struct dtm_clause *cl, const struct dtm_rec *items,
	       int nitems, const void *rec, size_t len);

/* At exit (after END's records, before the aggregations): DTrace's final
 * blank line in non-quiet mode. */
int dlo_finish(struct dlo_ctx *c);

/* --- print() (btfprint.c) --- */

/* "0xADDR = *" and the typed dump of BTF type id (a struct or union)
 * from the len recorded bytes, limited by c->printsize. */
int dlo_print_typed(struct dlo_ctx *c, FILE *out, const struct btf *btf,
		    int32_t id, uint64_t addr, const void *data, size_t len);

/* --- printf engine (printf.c) --- */

/* One printf argument as stored in a record. */
struct dlo_arg {
	const struct dtm_rec *rec;	/* kind, size, flags, type */
	const void *data;		/* rec->size bytes, bounds-checked */
};

/* Expand fmt with args into c->out; returns 0 or -errno (-EINVAL for a
 * conversion/argument mismatch). */
int dlo_printf(struct dlo_ctx *c, const char *fmt, const struct dlo_arg *args,
	       int nargs);
/* Same into a malloc'ed string (*outp), e.g. for system(). */
int dlo_asprintf(struct dlo_ctx *c, char **outp, const char *fmt,
		 const struct dlo_arg *args, int nargs);

/* --- aggregations (aggprint.c) --- */

/* Number of int64 slots of one value, and the initial (identity) value. */
size_t dlo_agg_nslots(const struct dtm_agg *agg);
void dlo_agg_init(const struct dtm_agg *agg, int64_t *val);
/* dst = dst (+) src over CPUs: sums for count/sum/avg/stddev/buckets,
 * min/max for min/max (respecting the "has" slot). */
void dlo_agg_combine(const struct dtm_agg *agg, int64_t *dst,
		     const int64_t *src);
/* True if no update can have produced the combined value (count 0, no
 * min/max; a sum or a histogram is never empty): not printed. */
bool dlo_agg_empty(const struct dtm_agg *agg, const int64_t *val);

/* Default output of one aggregation at exit: sorts ents in place
 * according to the options, then prints them -- or prints nothing if a
 * printa() printed this aggregation before (ai->id), as DTrace does. */
int dlo_print_agg(struct dlo_ctx *c, const struct dlo_agginfo *ai,
		  struct dlo_aggent *ents, int n);
/* printa(fmt, @a): fmt NULL means the default output (a newline, then
 * the entries).  Sorts ents in place; marks the aggregation printed. */
int dlo_printa(struct dlo_ctx *c, const char *fmt,
	       const struct dlo_agginfo *ai, struct dlo_aggent *ents, int n);
/* printa(fmt, @a, @b, ...): DTrace's join by key.  ais[i] and ents[i]/ns[i]
 * are the snapshot of the i-th aggregation (all with the same key layout).
 * One line per distinct key; an aggregation without that key shows a
 * zero value.  Sorted by the values (from aggsortpos on) then the key, or
 * by key with aggsortkey.  The k-th %@ prints the k-th aggregation. */
int dlo_printa_multi(struct dlo_ctx *c, const char *fmt,
		     const struct dlo_agginfo *ais,
		     struct dlo_aggent *const *ents, const int *ns, int naggs);

/* The order in which to print the aggregations at exit: the i-th of n is
 * aggregation id dlo_agg_order(c, i, n) (reversed with aggsortrev). */
uint32_t dlo_agg_order(const struct dlo_ctx *c, uint32_t i, uint32_t n);

/* Sort entries as DTrace does (value then key, or per the options). */
void dlo_agg_sort(struct dlo_ctx *c, const struct dlo_agginfo *ai,
		  struct dlo_aggent *ents, int n);

/* --- helpers shared by printf.c, record.c and aggprint.c --- */

/* Read a 1/2/4/8-byte integer, sign- or zero-extended; -EINVAL otherwise. */
int dlo_read_int(const void *p, uint32_t size, bool sign, int64_t *v);
/* DTrace's %S escaping of at most n bytes of s (stops at NUL); malloc'ed. */
char *dlo_str_escape(const char *s, size_t n);
/* Symbol text for a kernel / user address (hex when unresolved). */
void dlo_ksym_str(struct dlo_ctx *c, uint64_t pc, bool offset, char *buf,
		  size_t len);
void dlo_usym_str(struct dlo_ctx *c, uint64_t pid, uint64_t pc, bool offset,
		  char *buf, size_t len);
/* The printf engine on any stream; ai/val give the %@ value (printa). */
int dlo_pf_format(struct dlo_ctx *c, FILE *out, const char *fmt,
		  const struct dlo_arg *args, int nargs,
		  const struct dlo_agginfo *ai, const int64_t *val);
/* Same with several aggregations: each %@ takes the next one. */
int dlo_pf_format_multi(struct dlo_ctx *c, FILE *out, const char *fmt,
			const struct dlo_arg *args, int nargs,
			const struct dlo_agginfo *ais,
			const int64_t *const *vals, int naggs);
/* stack()/ustack() item: a newline, then one frame per line after indent
 * spaces (indent < 0: the default stackindent of 14). */
int dlo_print_stack_item(struct dlo_ctx *c, FILE *out,
			 const struct dtm_rec *rec, const void *data,
			 int indent);
/* Same, each frame's text formatted with fmt (a "%s"-like conversion,
 * e.g. "%60s" for printf's %60k); NULL: "%s". */
int dlo_print_stack_fmt(struct dlo_ctx *c, FILE *out,
			const struct dtm_rec *rec, const void *data,
			int indent, const char *fmt);
/* quantize/lquantize/llquantize histogram of a combined value. */
int dlo_print_hist(struct dlo_ctx *c, FILE *out, const struct dlo_agginfo *ai,
		   const int64_t *val);
/* DTrace's integer standard deviation of [count, sum, sumsq lo, sumsq hi]. */
uint64_t dlo_stddev(const int64_t *val, uint64_t normal);
/* The scalar of count/sum/min/max (the value slot). */
int64_t dlo_agg_scalar(const struct dtm_agg *agg, const int64_t *val);
/* tracemem()-style hex dump; DTrace's string-or-bytes heuristic. */
int dlo_print_rawbytes(FILE *out, const void *data, size_t n);
int dlo_print_bytes(FILE *out, const void *data, size_t n, int width,
		    bool quiet);
/* trace() of one item, by its kind. */
int dlo_trace_item(struct dlo_ctx *c, FILE *out, const struct dtm_rec *r,
		   const void *data);
/* aggcanon.c: rewrite the sym/mod/usym/umod/stack key items of ents to
 * their canonical form and merge the entries whose keys become equal
 * (values combined); returns the new count or -errno.  *block (may be
 * NULL) holds the new keys and values: dlo_agg_canon_free() it after
 * printing.  dlo_print_agg and the printa functions call it themselves. */
int dlo_agg_canon(struct dlo_ctx *c, const struct dlo_agginfo *ai,
		  struct dlo_aggent *ents, int n, void **block);
void dlo_agg_canon_free(void *block);
/* Was aggregation id printed by printa() (then it is not printed at exit)? */
bool dlo_agg_printed(const struct dlo_ctx *c, uint32_t id);
/* Free what the engine allocated in the context. */
void dlo_ctx_fini(struct dlo_ctx *c);

#endif /* DLOAD_OUTPUT_H */
