/* SPDX-License-Identifier: MIT */
/*
 * funcs.h -- the table of D's actions, subroutines and aggregating
 * functions.
 *
 * Each function D knows is one struct func_def in funcs.c.  An entry carries
 * the prototype DTrace reports in D_PROTO_LEN/D_PROTO_ARG messages, the
 * type-check hook that sema.c calls (sema_funcs.c) and the code-generation
 * hook that cg.c calls (cg_funcs.c).  Adding a function -- llquantize, say --
 * means adding one entry and its two hooks.
 */
#ifndef DCC_FUNCS_H
#define DCC_FUNCS_H

#include <stdbool.h>

struct dcc;
struct node;
struct cg;
struct type;

enum func_kind {
	FK_ACTION,	/* data-recording or control action: a statement */
	FK_SUBR,	/* subroutine: an expression with a value */
	FK_AGG,		/* aggregating function: @a = f(...) */
};

struct func_def {
	const char *name;
	enum func_kind kind;
	int min_args, max_args;	/* max_args -1: variadic */
	const char *proto;	/* for messages, e.g. "void (int)" */
	int code;		/* enum dtm_act for actions, enum dtm_aggfn for
				   aggregations, subroutine number for subrs */
	bool destructive;	/* needs -w */
	/* sema: check the arguments of call (an N_CALL node whose args are
	 * already typed) and set call->type. */
	void (*check)(struct dcc *cc, struct node *call);
	/* cg: generate code; for FK_SUBR the result is returned as a vreg,
	 * for others the return value is ignored. */
	int (*gen)(struct cg *g, struct node *call);
};

const struct func_def *func_lookup(const char *name);

/*
 * The functions D knows: X(name, kind, min_args, max_args, prototype, code,
 * destructive).  funcs.c turns each line into a struct func_def whose hooks
 * are check_<name> (sema_funcs.c) and gen_<name> (cg_funcs.c).  Prototypes
 * are those DTrace prints in its prototype-mismatch messages.
 */
#define DCC_FUNCS(X) \
	/* data-recording actions */ \
	X(trace,	FK_ACTION, 1, 1, "void (@)", DTM_ACT_TRACE, 0) \
	X(printf,	FK_ACTION, 1, -1, "void (@, ...)", DTM_ACT_PRINTF, 0) \
	X(printa,	FK_ACTION, 1, -1, "void (@, ...)", DTM_ACT_PRINTA, 0) \
	X(print,	FK_ACTION, 1, 1, "void (@)", DTM_ACT_PRINT, 0) \
	X(tracemem,	FK_ACTION, 2, 3, "void (@, size_t, ...)", DTM_ACT_TRACEMEM, 0) \
	X(stack,	FK_ACTION, 0, 1, "stack_t ([uint32_t])", DTM_ACT_STACK, 0) \
	X(ustack,	FK_ACTION, 0, 2, "stack_t ([uint32_t], [uint32_t])", DTM_ACT_USTACK, 0) \
	X(jstack,	FK_ACTION, 0, 2, "stack_t ([uint32_t], [uint32_t])", DTM_ACT_USTACK, 0) \
	X(printm,	FK_ACTION, 2, 2, "void (size_t, uintptr_t *)", DTM_ACT_PRINTM, 0) \
	/* control and process actions */ \
	X(exit,		FK_ACTION, 1, 1, "void (int)", DTM_ACT_EXIT, 0) \
	X(setopt,	FK_ACTION, 1, 2, "void (const char *, [const char *])", DTM_ACT_SETOPT, 0) \
	X(system,	FK_ACTION, 1, -1, "void (@, ...)", DTM_ACT_SYSTEM, 1) \
	X(freopen,	FK_ACTION, 1, -1, "void (@, ...)", DTM_ACT_FREOPEN, 0) \
	X(ftruncate,	FK_ACTION, 0, 0, "void ()", DTM_ACT_FTRUNCATE, 0) \
	X(raise,	FK_ACTION, 1, 1, "void (int)", DTM_ACT_RAISE, 1) \
	X(stop,		FK_ACTION, 0, 0, "void ()", DTM_ACT_STOP, 1) \
	X(breakpoint,	FK_ACTION, 0, 0, "void ()", 0, 1) \
	X(panic,	FK_ACTION, 0, 0, "void ()", 0, 1) \
	X(chill,	FK_ACTION, 1, 1, "void (int)", 0, 1) \
	X(copyout,	FK_ACTION, 3, 3, "void (void *, uintptr_t, size_t)", 0, 1) \
	X(copyoutstr,	FK_ACTION, 3, 3, "void (char *, uintptr_t, size_t)", 0, 1) \
	X(pcap,		FK_ACTION, 2, 2, "void (void *, int)", 0, 0) \
	/* speculations */ \
	X(speculate,	FK_ACTION, 1, 1, "void (int)", 0, 0) \
	X(commit,	FK_ACTION, 1, 1, "void (int)", 0, 0) \
	X(discard,	FK_ACTION, 1, 1, "void (int)", 0, 0) \
	X(speculation,	FK_SUBR, 0, 0, "int ()", 0, 0) \
	/* actions on aggregations */ \
	X(clear,	FK_ACTION, 1, 1, "void (@)", DTM_ACT_CLEAR, 0) \
	X(trunc,	FK_ACTION, 1, 2, "void (@, [uint64_t])", DTM_ACT_TRUNC, 0) \
	X(normalize,	FK_ACTION, 2, 2, "void (@, uint64_t)", DTM_ACT_NORMALIZE, 0) \
	X(denormalize,	FK_ACTION, 1, 1, "void (@)", DTM_ACT_DENORMALIZE, 0) \
	/* aggregating functions */ \
	X(count,	FK_AGG, 0, 0, "void ()", DTM_AGG_COUNT, 0) \
	X(sum,		FK_AGG, 1, 1, "void (@)", DTM_AGG_SUM, 0) \
	X(avg,		FK_AGG, 1, 1, "void (@)", DTM_AGG_AVG, 0) \
	X(min,		FK_AGG, 1, 1, "void (@)", DTM_AGG_MIN, 0) \
	X(max,		FK_AGG, 1, 1, "void (@)", DTM_AGG_MAX, 0) \
	X(stddev,	FK_AGG, 1, 1, "void (@)", DTM_AGG_STDDEV, 0) \
	X(quantize,	FK_AGG, 1, 2, "void (@, [uint64_t])", DTM_AGG_QUANTIZE, 0) \
	X(lquantize,	FK_AGG, 3, 5, "void (@, int32_t, int32_t, [int32_t], [uint64_t])", DTM_AGG_LQUANTIZE, 0) \
	X(llquantize,	FK_AGG, 5, 6, "void (@, int32_t, int32_t, int32_t, int32_t, [uint64_t])", DTM_AGG_LLQUANTIZE, 0) \
	/* string subroutines */ \
	X(strlen,	FK_SUBR, 1, 1, "size_t (const char *)", 0, 0) \
	X(strjoin,	FK_SUBR, 2, 2, "string (const char *, const char *)", 0, 0) \
	X(substr,	FK_SUBR, 2, 3, "string (const char *, int, [int])", 0, 0) \
	X(index,	FK_SUBR, 2, 3, "int (const char *, const char *, [int])", 0, 0) \
	X(rindex,	FK_SUBR, 2, 3, "int (const char *, const char *, [int])", 0, 0) \
	X(strchr,	FK_SUBR, 2, 2, "string (const char *, char)", 0, 0) \
	X(strrchr,	FK_SUBR, 2, 2, "string (const char *, char)", 0, 0) \
	X(strstr,	FK_SUBR, 2, 2, "string (const char *, const char *)", 0, 0) \
	X(strtok,	FK_SUBR, 2, 2, "string (const char *, const char *)", 0, 0) \
	X(lltostr,	FK_SUBR, 1, 2, "string (int64_t, [int])", 0, 0) \
	X(toupper,	FK_SUBR, 1, 1, "string (const char *)", 0, 0) \
	X(tolower,	FK_SUBR, 1, 1, "string (const char *)", 0, 0) \
	X(basename,	FK_SUBR, 1, 1, "string (const char *)", 0, 0) \
	X(dirname,	FK_SUBR, 1, 1, "string (const char *)", 0, 0) \
	X(cleanpath,	FK_SUBR, 1, 1, "string (const char *)", 0, 0) \
	X(strtoll,	FK_SUBR, 1, 2, "int64_t (const char *, [int])", 0, 0) \
	/* byte order */ \
	X(htons,	FK_SUBR, 1, 1, "uint16_t (uint16_t)", 0, 0) \
	X(htonl,	FK_SUBR, 1, 1, "uint32_t (uint32_t)", 0, 0) \
	X(htonll,	FK_SUBR, 1, 1, "uint64_t (uint64_t)", 0, 0) \
	X(ntohs,	FK_SUBR, 1, 1, "uint16_t (uint16_t)", 0, 0) \
	X(ntohl,	FK_SUBR, 1, 1, "uint32_t (uint32_t)", 0, 0) \
	X(ntohll,	FK_SUBR, 1, 1, "uint64_t (uint64_t)", 0, 0) \
	/* network addresses */ \
	X(inet_ntoa,	FK_SUBR, 1, 1, "string (ipaddr_t *)", 0, 0) \
	X(inet_ntoa6,	FK_SUBR, 1, 2, "string (in6_addr_t *, [int])", 0, 0) \
	X(inet_ntop,	FK_SUBR, 2, 2, "string (int, void *)", 0, 0) \
	X(link_ntop,	FK_SUBR, 2, 2, "string (int, void *)", 0, 0) \
	/* memory */ \
	X(copyin,	FK_SUBR, 2, 2, "void *(uintptr_t, size_t)", 0, 0) \
	X(copyinstr,	FK_SUBR, 1, 2, "string (uintptr_t, [size_t])", 0, 0) \
	X(copyinto,	FK_SUBR, 3, 3, "void (uintptr_t, size_t, void *)", 0, 0) \
	X(alloca,	FK_SUBR, 1, 1, "void *(size_t)", 0, 0) \
	X(bcopy,	FK_SUBR, 3, 3, "void (void *, void *, size_t)", 0, 0) \
	/* symbols and addresses (values printed symbolically) */ \
	X(func,		FK_SUBR, 1, 1, "_symaddr (@)", 0, 0) \
	X(sym,		FK_SUBR, 1, 1, "_symaddr (@)", 0, 0) \
	X(mod,		FK_SUBR, 1, 1, "_symaddr (@)", 0, 0) \
	X(ufunc,	FK_SUBR, 1, 1, "_usymaddr (@)", 0, 0) \
	X(usym,		FK_SUBR, 1, 1, "_usymaddr (@)", 0, 0) \
	X(umod,		FK_SUBR, 1, 1, "_usymaddr (@)", 0, 0) \
	X(uaddr,	FK_SUBR, 1, 1, "_usymaddr (@)", 0, 0) \
	/* other */ \
	X(rand,		FK_SUBR, 0, 0, "int ()", 0, 0) \
	X(progenyof,	FK_SUBR, 1, 1, "int (pid_t)", 0, 0) \
	X(getmajor,	FK_SUBR, 1, 1, "genunix`major_t (genunix`dev_t)", 0, 0) \
	X(getminor,	FK_SUBR, 1, 1, "genunix`minor_t (genunix`dev_t)", 0, 0) \
	X(mutex_owned,	FK_SUBR, 1, 1, "int (genunix`kmutex_t *)", 0, 0) \
	X(mutex_owner,	FK_SUBR, 1, 1, "genunix`kthread_t *(genunix`kmutex_t *)", 0, 0) \
	X(mutex_type_adaptive, FK_SUBR, 1, 1, "int (genunix`kmutex_t *)", 0, 0) \
	X(mutex_type_spin, FK_SUBR, 1, 1, "int (genunix`kmutex_t *)", 0, 0) \
	X(rw_read_held,	FK_SUBR, 1, 1, "int (genunix`krwlock_t *)", 0, 0) \
	X(rw_write_held, FK_SUBR, 1, 1, "int (genunix`krwlock_t *)", 0, 0) \
	X(rw_iswriter,	FK_SUBR, 1, 1, "int (genunix`krwlock_t *)", 0, 0) \
	X(d_path,	FK_SUBR, 1, 1, "string (struct path *)", 0, 0) \
	X(msgsize,	FK_SUBR, 1, 1, "size_t (mblk_t *)", 0, 0) \
	X(msgdsize,	FK_SUBR, 1, 1, "size_t (mblk_t *)", 0, 0)

#define DCC_FUNC_HOOKS(name, ...) \
	void check_##name(struct dcc *cc, struct node *call); \
	int gen_##name(struct cg *g, struct node *call);
DCC_FUNCS(DCC_FUNC_HOOKS)
#undef DCC_FUNC_HOOKS

#endif /* DCC_FUNCS_H */
