/* SPDX-License-Identifier: MIT */
/*
 * internal.h -- libdload's private state shared by the loader's passes:
 * obj.c (open + ELF validation), meta.c (metadata parsing), options.c,
 * load.c (libbpf), attach.c + prov_*.c (probe resolution and attachment)
 * and run.c (BEGIN/END, master switch, ring buffer, aggregations).
 *
 * Probe bookkeeping: every dtm_probe (an "EPID": one BPF program) resolves
 * to one or more concrete probes (struct dl_cprobe, indexed by prid); each
 * (epid, prid) pair is a struct dl_bind, attached as one or more links.
 */
#ifndef DLOAD_INTERNAL_H
#define DLOAD_INTERNAL_H

#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "dload/dload.h"
#include "dload/meta.h"
#include "output.h"

struct bpf_object;
struct bpf_program;
struct bpf_link;
struct btf;
struct ring_buffer;
struct dl_spec;

/* The parsed DTM_SECTION: tables copied into zero-filled native structs. */
struct dl_meta {
	struct dtm_header hdr;
	const char *strtab;		/* points into the object's buffer */
	uint32_t strtab_len;
	struct dtm_probe *probes;	uint32_t nprobes;
	struct dtm_clause *clauses;	uint32_t nclauses;
	struct dtm_rec *recs;		uint32_t nrecs;
	struct dtm_agg *aggs;		uint32_t naggs;
	struct dtm_aggkey *aggkeys;	uint32_t naggkeys;
	struct dtm_opt *opts;		uint32_t nopts;
};

/* A concrete probe, e.g. syscall:vmlinux:read:entry; index = prid. */
struct dl_cprobe {
	uint32_t kind;			/* enum dtm_prov */
	uint32_t flags;			/* DTM_PF_* */
	uint64_t param;
	struct dtm_probe_info names;
	char target[160];		/* provider-specific: "cat/event", ... */
};

/* One program attached to one concrete probe. */
struct dl_bind {
	uint32_t epid;
	uint32_t prid;
	/* clause chains (chain.c, set by dl_chain_size): run by the tail call
	 * of an earlier program on its probe instead of attached; 1 + index
	 * of the bind whose program this one tail-calls, 0: none */
	bool chained;
	uint32_t next;
};

struct dl_link {
	struct bpf_link *link;
	int fd;				/* perf event fd we opened, or -1 */
};

/* One kind of provider: resolve a description, attach a program. */
struct dl_prov {
	uint32_t kind;
	const char *name;
	/* Add the concrete probes matching p (dl_bind_probe); returns the
	 * number of matches or a negative errno (message set). */
	int (*resolve)(struct dload_obj *o, uint32_t epid,
		       const struct dtm_probe *p);
	/* Attach prog to concrete probe cp with cookie prid. */
	int (*attach)(struct dload_obj *o, struct bpf_program *prog,
		      uint32_t epid, const struct dl_cprobe *cp, uint32_t prid);
};

struct dl_optval {
	char *name;
	char *value;			/* NULL for a flag */
};

struct dload_obj {
	char *name;
	uint8_t *buf;			/* a private copy of the object */
	size_t len;
	const uint8_t *sec;		/* the DTM_SECTION inside buf */
	size_t sec_len;
	char **funcs;			/* names of the FUNC symbols */
	uint32_t nfuncs;
	struct dl_meta meta;
	char errmsg[1024];

	struct dl_optval *opts;		/* object options, then -x overrides */
	uint32_t nopts;

	/* runtime settings */
	struct dload_run_opts ro;
	uint64_t bufsize;
	uint64_t switchrate_ns;
	bool quiet;
	bool verbose;
	char *vlog;			/* verifier log of the failed load */
	size_t vlog_len;

	/* libbpf */
	struct bpf_object *bpf;
	bool loaded, attached;
	void *globals;			/* mmap of dt_globals[0] */
	size_t globals_maplen;
	struct ring_buffer *rb;

	/* probes */
	struct dl_cprobe *cprobes;	uint32_t ncprobes, cap_cprobes;
	struct dl_bind *binds;		uint32_t nbinds, cap_binds;
	struct dl_link *links;		uint32_t nlinks, cap_links;
	struct bpf_program **rawtp;	uint32_t nrawtp;	/* attached once */
	void *usdt_sites;		/* struct dl_usdt_site (prov_usdt.c) */
	uint32_t nusdt_sites, cap_usdt_sites;

	/* run state */
	volatile sig_atomic_t stop_req;
	bool exiting;			/* EXIT record seen */
	int exit_status;
	uint64_t statusrate_ns;		/* statusrate option, 0 if not set */
	uint64_t active_ns;		/* CLOCK_MONOTONIC when probes went live */
	uint64_t exit_seen_ns;		/* when dload noticed the exit() */
	uint64_t drops_seen, dyndrops_seen;
	uint64_t aggdrops_seen;		/* aggregation drops reported */
	/* speculations (spec.c) */
	struct dl_spec *specs;		/* [1..nspecs] */
	uint32_t nspecs;
	int spec_fd, specw_fd;		/* dt_spec, dt_specw */
	uint64_t specsize;
	uint64_t specdrops;		/* records over specsize */
	uint64_t specdrops_seen, specbusy_seen, specunavail_seen;
	uint64_t aggsize;
	pid_t target_pid;		/* -c child or -p pid */
	bool target_child;
	int target_go_fd;		/* write end of the child's start pipe */
	bool target_done;
	uint64_t *normal;		/* normalize() factor per aggregation */
	struct dlo_ctx out;
	int ncpus;
	struct dl_syms *syms;		/* symbol caches (symbols.c), lazily */
	struct btf *vmlinux_btf;	/* print() of kernel types, lazily */
};

/* errors (obj.c) */
int dl_err(struct dload_obj *o, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void dl_diag(struct dload_obj *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* meta.c */
int dl_meta_parse(struct dload_obj *o, const uint8_t *sec, size_t len);
void dl_meta_free(struct dl_meta *m);
const char *dl_str(const struct dl_meta *m, uint32_t off);

/* options.c */
int dl_opt_set(struct dload_obj *o, const char *name, const char *value);
const char *dl_opt_get(const struct dload_obj *o, const char *name,
		       bool *present);
int dl_opts_apply(struct dload_obj *o);
int dl_parse_size(const char *s, uint64_t *out);
int dl_parse_rate(const char *s, uint64_t *ns);
void dl_opts_free(struct dload_obj *o);

/* load.c */
int dl_load(struct dload_obj *o);
/* dl_load up to bpf_object__load: open, resolve the probes (choosing the
 * fbt variants), size the maps, set autoload */
int dl_prepare(struct dload_obj *o);
void dl_unload(struct dload_obj *o);
/* struct dlo_ctx's btf_type callback (arg: the dload_obj) */
int32_t dl_cb_btf_type(void *arg, const char *name, const struct btf **btf);

/* attach.c */
const struct dl_prov *dl_prov_find(uint32_t kind);
int dl_resolve_all(struct dload_obj *o);
int dl_bind_probe(struct dload_obj *o, uint32_t epid, uint32_t kind,
		  const char *prov, const char *mod, const char *func,
		  const char *name, const char *target, uint64_t param,
		  uint32_t flags);
int dl_add_link(struct dload_obj *o, struct bpf_link *link, int fd);
int dl_fill_probes_map(struct dload_obj *o);
int dl_attach_all(struct dload_obj *o);
/* chain.c: clause chains (meta.h DTM_MAP_CHAIN): plan them and size the
 * maps (before loading), fill the maps (after loading) */
int dl_chain_size(struct dload_obj *o);
int dl_chain_fill(struct dload_obj *o);
/* The order to attach the binds in: order[k] = the k-th bind to attach
 * (the chain heads of a uprobe in reverse clause order); -ENOMEM */
int dl_chain_order(const struct dload_obj *o, uint32_t *order);
void dl_detach_all(struct dload_obj *o);
struct bpf_program *dl_prog(struct dload_obj *o, uint32_t epid);
char *dl_desc(const struct dload_obj *o, const struct dtm_probe *p,
	      char *buf, size_t len);
bool dl_glob(const char *pat, const char *s);
/* A diagnostic about probe description p as DTrace's compiler words it,
 * "[TAG] line N: message" (N: the description's source line), which
 * front ends print as a compile failure (dtrace/run.c); returns err. */
int dl_probe_err(struct dload_obj *o, const struct dtm_probe *p, int err,
		 const char *tag, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
uint32_t dl_probe_line(const struct dload_obj *o, const struct dtm_probe *p);

/* providers (prov_*.c) */
extern const struct dl_prov dl_prov_dtrace, dl_prov_syscall, dl_prov_profile,
	dl_prov_tick, dl_prov_sdt, dl_prov_fbt, dl_prov_pid, dl_prov_usdt,
	dl_prov_proc, dl_prov_sched, dl_prov_io;
extern const struct dl_prov dl_prov_cpc;
extern const struct dl_prov dl_prov_rawtp;
int dl_tracefs(char *buf, size_t len);

/* prov_fbt.c: the kernel's functions (sorted, unique) and what the kernel
 * can attach to them.  dl_fbt_force imposes the answers (tests):
 * DL_FBT_PROBE asks the kernel, fentry_err is the errno of a forced NO. */
struct dl_kfunc {
	char *name;
	char mod[64];			/* "vmlinux" or the module */
};
struct dl_kfuncs {
	struct dl_kfunc *v;
	size_t n, cap;
};
enum dl_fbt_answer { DL_FBT_PROBE = 0, DL_FBT_YES, DL_FBT_NO };
int dl_kfuncs_get(const char *modpat, const char *pat, struct dl_kfuncs *k);
void dl_kfuncs_free(struct dl_kfuncs *k);
void dl_fbt_force(int fentry, int fentry_err, int kprobes);
int dl_fbt_fentry_probe(const char *func, const char *mod, bool ret);
bool dl_fbt_kprobes_usable(void);
int dl_fbt_set_targets(struct dload_obj *o);	/* before bpf_object__load */

/* prov_uprobe.c: ELF files and the objects of a process (pid, usdt) */
struct dl_uelf {
	int fd;
	void *e;			/* Elf * */
};
struct dl_uobj {
	char path[512];
	char mod[64];			/* basename */
	bool exe;			/* the executable ("a.out") */
};
struct dl_uobjs {
	int n;
	struct dl_uobj objs[64];
};
int dl_uelf_open(const char *path, struct dl_uelf *u);
void dl_uelf_close(struct dl_uelf *u);
int dl_uelf_offset(const struct dl_uelf *u, uint64_t va, uint64_t *off);
int dl_uelf_funcs(const struct dl_uelf *u,
		  int (*fn)(void *arg, const char *name, uint64_t va,
			    uint64_t size),
		  void *arg);
int dl_proc_objects(struct dload_obj *o, pid_t pid, struct dl_uobjs *v);
bool dl_uobj_match(const char *pat, const struct dl_uobj *u);
/* Call fn on every ELF object mapped by pid whose module matches modpat,
 * opened; stops at the first negative return, which it returns. */
int dl_uobjs_each(struct dload_obj *o, pid_t pid, const char *modpat,
		  int (*fn)(struct dl_uelf *u, const struct dl_uobj *obj,
			    void *arg),
		  void *arg);
pid_t dl_uprov_pid(const struct dload_obj *o, const char *prov);
/* insn_x86.c: the length of the x86-64 instruction at p (n bytes there),
 * or -1 if it cannot tell */
int dl_insn_len_x86(const uint8_t *p, size_t n);
int dl_uprobe_keep(struct dload_obj *o, struct bpf_link *link,
		   const struct dl_cprobe *cp);
int dl_syscall_nr(const char *name);
uint32_t dl_count_binds(const struct dload_obj *o, uint32_t kind);

/* spec.c: speculations */
int dl_spec_init(struct dload_obj *o);
void dl_spec_free(struct dload_obj *o);
/* A speculative record: held back, or printed/dropped if its speculation
 * is draining.  false if the record is not speculative. */
bool dl_spec_hold(struct dload_obj *o, const void *data, size_t len);
/* Print a record, acting on its commit()/discard() items. */
int dl_spec_record(struct dload_obj *o, const struct dtm_probe *p,
		   const struct dtm_clause *cl, const void *data, size_t len);
void dl_spec_poll(struct dload_obj *o);	/* free drained speculations */

/* run.c / aggs.c */
int dl_run(struct dload_obj *o);
int dl_target_start(struct dload_obj *o);
void dl_target_go(struct dload_obj *o);
void dl_target_kill(struct dload_obj *o);
bool dl_target_exited(struct dload_obj *o);
int dl_agg_print_all(struct dload_obj *o);
int dl_agg_snapshot(struct dload_obj *o, uint32_t id, struct dlo_agginfo *ai,
		    struct dlo_aggent **entsp, void *storep[2]);
int dl_agg_printa(struct dload_obj *o, uint32_t id, const char *fmt);
int dl_agg_clear(struct dload_obj *o, uint32_t id, bool del, int64_t keep);
int dl_cb_agg_snapshot(void *arg, uint32_t id, struct dlo_agginfo *ai,
		       struct dlo_aggent **ents, void **cookie);
void dl_cb_agg_release(void *arg, struct dlo_aggent *ents, void *cookie);
void dl_output_init(struct dload_obj *o);
void dl_probe_error(struct dload_obj *o, uint32_t epid, uint32_t prid,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* symbols.c: kernel (/proc/kallsyms) and user (ELF) symbols */
struct dl_syms;
struct dl_symres {
	const char *obj;		/* "vmlinux", "libc.so.6"; NULL: unknown */
	const char *name;		/* NULL: in obj, but no symbol */
	uint64_t addr;			/* the symbol's address */
};
struct dl_syms *dl_syms_new(void);
void dl_syms_free(struct dl_syms *s);
int dl_syms_load_kernel(struct dl_syms *s, const char *path);
int dl_ksym_lookup(struct dl_syms *s, uint64_t pc, struct dl_symres *r);
int dl_usym_lookup(struct dl_syms *s, pid_t pid, uint64_t pc,
		   struct dl_symres *r);
int dl_syms_note_pid(struct dl_syms *s, pid_t pid, bool refresh);
/* DTrace's text: "obj`name+0x1c", "obj`name", "obj`0x..." or "0x...";
 * 0, or -ENOENT when not even the object is known. */
int dl_sym_format(char *buf, size_t len, const struct dl_symres *r,
		  uint64_t pc, bool offset);
int dl_ksym_text(struct dl_syms *s, uint64_t pc, bool offset, char *buf,
		 size_t len);
int dl_usym_text(struct dl_syms *s, pid_t pid, uint64_t pc, bool offset,
		 char *buf, size_t len);
/* struct dlo_ctx's ksym/usym callbacks (arg: the dload_obj) */
int dl_cb_ksym(void *arg, uint64_t pc, bool offset, char *buf, size_t len);
int dl_cb_usym(void *arg, uint64_t pid, uint64_t pc, bool offset, char *buf,
	       size_t len);
size_t dl_cb_kstack_skip(void *arg, const uint64_t *pcs, size_t n);
size_t dl_kstack_skip(struct dl_syms *s, const uint64_t *pcs, size_t n);
/* canonical address of a sym/mod/usym/umod key (output.h sym_canon) */
int dl_sym_canon(struct dl_syms *s, uint32_t kind, uint64_t pid, uint64_t *pc);
int dl_cb_sym_canon(void *arg, uint32_t kind, uint64_t pid, uint64_t *pc);
/* run loop: note the pids to resolve later; returns the poll timeout */
int dl_syms_poll(struct dload_obj *o, int timeout_ms);
/* the -c target: traced to read its maps at exit (target.c calls these) */
void dl_syms_target_seize(struct dload_obj *o);
void dl_syms_target_stop(struct dload_obj *o, int status);

#endif /* DLOAD_INTERNAL_H */
