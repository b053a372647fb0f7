/* SPDX-License-Identifier: MIT */
/*
 * prov.h -- providers: how a probe description becomes a BPF program.
 *
 * One struct provider per file prov_<name>.c (as in ply).  A provider
 * decides whether a probe description belongs to it (match), says which
 * libbpf section the program goes in and what dtm_probe.param/flags dload
 * needs, emits the argument-fetching prologue that fills the mstate
 * (arg0..arg9, errno), and gives the types of args[].
 */
#ifndef DCC_PROV_H
#define DCC_PROV_H

#include <stdbool.h>
#include <stdint.h>

#include "ir.h"

struct cg;
struct dcc;
struct node;
struct type;

/* What a provider resolved for one probe description. */
struct prov_probe {
	const struct provider *prov;
	const char *section;	/* libbpf section name */
	uint64_t param;		/* dtm_probe.param */
	uint32_t flags;		/* DTM_PF_* */
	int nprobes;		/* concrete probes matched (for messages) */
	int variant;		/* in: 0, 1, ... when more was set */
	bool more;		/* out: call match again with variant + 1
				   (e.g. syscall::read: is entry and return) */
};

/* DTrace's description of one probe argument (its dt_argdesc_t): args[i]
 * is the native argument arg<mapping>, of type native, seen as type xlate
 * through a translator when xlate is not NULL (type texts as in D:
 * "struct task_struct *", "psinfo_t *"; "string" of a user address). */
struct prov_argdesc {
	int mapping;
	const char *native;
	const char *xlate;
};

struct provider {
	const char *name;
	uint32_t kind;		/* enum dtm_prov */
	bool dtrace;		/* BEGIN/END/ERROR: no master-switch check,
				   constant prid */
	/* The prog array (DTM_MAP_CHAIN or DTM_MAP_CHAIN_PE, meta.h) through
	 * which every exit tail-calls the next clause's program on the same
	 * concrete probe (cg_chain.c); NULL: the kernel runs the programs of
	 * a probe in clause order itself (tracepoints). */
	const char *chain;
	/* Does pd belong to this provider?  Fill pp and return true. */
	bool (*match)(struct dcc *cc, struct node *pd, struct prov_probe *pp);
	/* Store arg0..arg9 (and errno) into the mstate at s (scratch). */
	void (*prologue)(struct cg *g, vreg_t ctx, vreg_t s);
	/* Optional, emitted first (before the master-switch check): a cheap
	 * filter that may goto g->lbl_out; it may set g->slot_prid, the fp
	 * slot holding the prid (u64), instead of the attach cookie. */
	void (*filter)(struct cg *g, vreg_t ctx);
	/* Type of args[i], or NULL for int64_t. */
	struct type *(*argtype)(struct cg *g, int i);
	/* At sema time (probe_arg_type/probe_arg_count of types.h): the
	 * type of args[i] for pd (NULL: int64_t), the number of arguments
	 * (-1: unknown).  Optional. */
	struct type *(*arg_type)(struct dcc *cc, struct node *pd, int i);
	int (*arg_count)(struct dcc *cc, struct node *pd);
	/* Optional, at sema and codegen time: the description of args[i] of
	 * pd; returns the number of arguments (-1: unknown) and fills *d if
	 * i is below it.  A translated args[i] is xlate <d->xlate> of the
	 * native argument (sema_args_xlate); codegen reads arg<mapping>. */
	int (*arg_desc)(struct dcc *cc, struct node *pd, int i,
			struct prov_argdesc *d);
};

extern const struct provider prov_dtrace, prov_profile, prov_tick,
	prov_syscall, prov_sdt, prov_fbt;
extern const struct provider prov_proc, prov_sched, prov_io, prov_pid,
	prov_usdt;
extern const struct provider prov_cpc;
extern const struct provider prov_rawtp;

/* Resolve pd against every provider; D_PDESC_ZERO if none accepts it
 * (unless -Z).  Returns false if nothing matched (and -Z allowed it). */
bool prov_resolve(struct dcc *cc, struct node *pd, struct prov_probe *pp);
/* The argument description of args[i] of pd (struct provider's arg_desc):
 * the argument count, -1 if pd's provider gives none. */
int probe_arg_desc(struct dcc *cc, const struct node *pd, int i,
		   struct prov_argdesc *d);
/* How many probes pd matches, over every provider and variant (without
 * host_probes, each provider's variant counts as one probe). */
int prov_match_count(struct dcc *cc, struct node *pd);

/* Helpers for providers. */
const char *pd_str(const char *s);		/* NULL -> "" */
bool prov_glob(const char *pattern, const char *s);	/* "" matches all */
bool prov_has_glob(const char *s);
/* Count entries of dir whose name, after prefix, globs pat (host checks). */
int prov_count_dir(const char *dir, const char *prefix, const char *pat);
/* Zero the mstate args from arg `from` on. */
void prov_zero_args(struct cg *g, vreg_t s, int from);
/* A tracefs format file: the type text ("const char *") and count of the
 * fields at offset >= min_off; returns the number of fields, -1 if the
 * file cannot be read.  types may be NULL. */
int prov_format_fields(const char *path, int min_off, char types[][128],
		       int max);
/* D type for a format field's type text (user pointers if user), or NULL */
struct type *prov_field_type(struct dcc *cc, const char *text, bool user);
/* Copy n u64 context fields at ctx + off (8 bytes apart) to arg0.. */
void prov_copy_args(struct cg *g, vreg_t ctx, vreg_t s, int32_t off, int n);

/* sema_prov.c: args[i] of a USDT probe description whose provider (less
 * its pid or '*') and probe name a provider definition of the program
 * declares: the declared (translated) type, NULL if not declared; the
 * declared argument count, -1 if not declared. */
struct type *prov_decl_arg_type(struct dcc *cc, const struct node *pd, int i);
int prov_decl_arg_count(struct dcc *cc, const struct node *pd);
/* The native argument args[i] of pd is (a translated prototype may name
 * them in another order): i if no definition declares pd's probe. */
int prov_decl_arg_map(struct dcc *cc, const struct node *pd, int i);

/* prov_pid.c: "pid", "pid123"?  v = ctx->member of the user pt_regs (a
 * direct context load, CO-RE relocated; off: x86_64 fallback offset) */
bool prov_is_pid(const char *prov);
/* With host_probes: the provider names a pid (trailing digits) that does
 * not exist on this host (its probes match nothing). */
bool prov_pid_absent(struct dcc *cc, const char *prov);
vreg_t prov_uregs_load(struct cg *g, vreg_t ctx, const char *member,
		       int32_t off);

/* prov_dep.c: the tracepoint-based proc/sched/io providers (their probes
 * are the entries of dtm_dep_probes, include/dload/dep_probes.h). */
bool prov_dep_match(struct dcc *cc, struct node *pd, struct prov_probe *pp,
		    const char *prov);
/* v = the tracepoint field `name` of tp ("cat/event") in ctx, or 0 */
vreg_t prov_dep_field(struct cg *g, vreg_t ctx, const char *tp,
		      const char *name);
/* arg0.. = the n named fields, the other args and errno 0 */
void prov_dep_args(struct cg *g, vreg_t ctx, vreg_t s, const char *tp,
		   const char *const *fields, int n);
/* v = a raw tracepoint's argument k (ctx[k], a u64) */
vreg_t prov_dep_raw(struct cg *g, vreg_t ctx, int k);
/* arg<k> = the raw tracepoint's argument from[k] (k < n), the other args
 * and errno 0 */
void prov_dep_raw_args(struct cg *g, vreg_t ctx, const int *from, int n);
/* For the hooks of struct provider: the dtm_dep_args signature of pd, a
 * probe of provider prov (its argument count, -1 if pd does not name one
 * probe of prov; *d filled if 0 <= i < count), and the native type of
 * args[i] (NULL: int64_t) */
int prov_dep_arg_desc(const char *prov, struct node *pd, int i,
		      struct prov_argdesc *d);
struct type *prov_dep_arg_type(struct dcc *cc, const char *prov,
			       struct node *pd, int i);

#endif /* DCC_PROV_H */
