/* SPDX-License-Identifier: MIT */
/*
 * dload.h -- libdload, the runtime for objects compiled by dcc.
 *
 * Modelled on libbpf: opaque objects, options structs whose first member
 * `sz` is sizeof(the struct) so that the API can grow, negative errno
 * returns, and no exit() inside the library.
 *
 * Life cycle:
 *   dload_obj__open(_mem)   read and validate the ELF object and its
 *                           DTM_SECTION metadata (nothing touches the kernel)
 *   dload_obj__load         create maps and load programs through libbpf
 *   dload_obj__attach       resolve probe descriptions (globs) against the
 *                           running system and attach every program; the
 *                           master switch keeps probes inactive
 *   dload_obj__run          run BEGIN, open the switch, consume and print
 *                           records until exit(), a stop request or the end
 *                           of the -c command; then run END, print the
 *                           aggregations and detach
 *   dload_obj__close
 */
#ifndef DLOAD_DLOAD_H
#define DLOAD_DLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct dload_obj;

struct dload_open_opts {
	size_t sz;		/* sizeof(struct dload_open_opts) */
	const char *name;	/* name used in messages (default: the path) */
};
#define dload_open_opts__last_field name

struct dload_run_opts {
	size_t sz;		/* sizeof(struct dload_run_opts) */
	FILE *out;		/* trace output (default stdout) */
	FILE *err;		/* diagnostics (default stderr) */
	const char *errprefix;	/* prefix of diagnostics, e.g. "dtrace: " */
	bool zdefs;		/* -Z: probe descriptions may match nothing */
	bool destructive;	/* -w: allow destructive actions */
	pid_t target_pid;	/* -p: $target; 0 if none */
	char *const *target_argv; /* -c: command to run, NULL if none */
	bool no_cpu_id;		/* leave out the CPU and ID columns
				   (as DTrace does when _DTRACE_TESTING is set) */
	bool verbose;		/* -v: show libbpf's messages */
};
#define dload_run_opts__last_field verbose

/* On failure *objp may still be set (so that dload_obj__errmsg can be read):
 * close it with dload_obj__close. */
int dload_obj__open(const char *path, const struct dload_open_opts *opts,
		    struct dload_obj **objp);
int dload_obj__open_mem(const void *buf, size_t len,
			const struct dload_open_opts *opts,
			struct dload_obj **objp);
/* Set a D option (-x name=value, or a flag when value is NULL) before load;
 * overrides the object's own settings. */
int dload_obj__set_option(struct dload_obj *obj, const char *name,
			  const char *value);
int dload_obj__load(struct dload_obj *obj, const struct dload_run_opts *opts);
/* Returns the number of probes enabled (>= 0) or a negative errno. */
int dload_obj__attach(struct dload_obj *obj);
/* Returns the exit status of the D program (exit(n)), or a negative errno. */
int dload_obj__run(struct dload_obj *obj);
/* Ask a running dload_obj__run() to stop, as on Ctrl-C.  Async-signal-safe. */
void dload_obj__stop(struct dload_obj *obj);
void dload_obj__close(struct dload_obj *obj);
/* The message of the last failure, without prefix; "" if none. */
const char *dload_obj__errmsg(const struct dload_obj *obj);
/* libbpf's warnings of the last load (the verifier log when a program was
 * rejected); "" if none. */
const char *dload_obj__log(const struct dload_obj *obj);

/*
 * Probe listing (loader/list.c): the probes this host offers, in dtrace -l's
 * order and numbering (dtrace 1-3, fbt if available, io, proc, profile,
 * sched, sdt, syscall, then USDT on request).  IDs are listing positions;
 * the prids of a run are assigned when probes are attached.
 */
#include <stdint.h>

struct dload_probe {
	uint32_t id;		/* position in the listing, from 1 */
	uint32_t kind;		/* enum dtm_prov (meta.h) */
	const char *prov, *mod, *func, *name;
	pid_t pid;		/* usdt: the process, else 0 */
	const char *path;	/* usdt: the object file, else NULL */
	const char *argspec;	/* usdt: the note's argument string, else NULL */
};

struct dload_list_opts {
	size_t sz;		/* sizeof(struct dload_list_opts) */
	bool usdt;		/* also the USDT probes (.note.stapsdt) of the
				   objects mapped by running processes */
	bool usdt_only;		/* only those */
	pid_t pid;		/* usdt: only this process (0: every process) */
};
#define dload_list_opts__last_field pid

struct dload_probes;

int dload_probes__load(const struct dload_list_opts *opts,
		       struct dload_probes **lp);
size_t dload_probes__count(const struct dload_probes *l);
const struct dload_probe *dload_probes__get(const struct dload_probes *l,
					    size_t i);
void dload_probes__free(struct dload_probes *l);
/* Does p match the description?  Each part is a glob; NULL or "" matches
 * anything. */
bool dload_probe__match(const struct dload_probe *p, const char *prov,
			const char *mod, const char *func, const char *name);
/* dtrace -l's header line, and one probe line (with -v: its stability
 * attributes and argument types, as dtrace -lv prints them). */
void dload_probes__print_header(FILE *out);
void dload_probe__print(FILE *out, const struct dload_probe *p, bool verbose);
/* The type names of the probe's arguments (at most max); returns their
 * number (0: none known). */
int dload_probe__arg_types(const struct dload_probe *p, char types[][128],
			   int max);

#ifdef __cplusplus
}
#endif

#endif /* DLOAD_DLOAD_H */
