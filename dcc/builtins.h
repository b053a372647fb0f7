/* SPDX-License-Identifier: MIT */
/*
 * builtins.h -- D's built-in variables.
 *
 * X(name, D type, flags): sema.c gives the identifier the type (parsed from
 * the D type text); cg_builtins.c generates its value with gen_bi_<name>.
 * Adding a built-in touches this list and one hook.
 */
#ifndef DCC_BUILTINS_H
#define DCC_BUILTINS_H

struct cg;
struct node;

#define BI_F_ARRAY	0x1	/* indexed: args[], uregs[] */
#define BI_F_TYPED_ARGS	0x2	/* args[]: element type comes from the probe */
#define BI_F_MACRO	0x4	/* named "$name": only the macro variable
				   $name reaches it ($target, bound at load
				   time), never a D identifier */

#define DCC_BUILTINS(X) \
	X(arg0,		"int64_t", 0) \
	X(arg1,		"int64_t", 0) \
	X(arg2,		"int64_t", 0) \
	X(arg3,		"int64_t", 0) \
	X(arg4,		"int64_t", 0) \
	X(arg5,		"int64_t", 0) \
	X(arg6,		"int64_t", 0) \
	X(arg7,		"int64_t", 0) \
	X(arg8,		"int64_t", 0) \
	X(arg9,		"int64_t", 0) \
	X(args,		"int64_t", BI_F_ARRAY | BI_F_TYPED_ARGS) \
	X(uregs,	"uint64_t", BI_F_ARRAY) \
	X(pid,		"pid_t", 0) \
	X(tid,		"id_t", 0) \
	X(ppid,		"pid_t", 0) \
	X(uid,		"uid_t", 0) \
	X(gid,		"gid_t", 0) \
	X(execname,	"string", 0) \
	X(timestamp,	"uint64_t", 0) \
	X(vtimestamp,	"uint64_t", 0) \
	X(walltimestamp, "int64_t", 0) \
	X(cpu,		"processorid_t", 0) \
	X(curcpu,	"cpuinfo_t *", 0) \
	X(id,		"id_t", 0) \
	X(epid,		"epid_t", 0) \
	X(errno,	"int", 0) \
	X(probeprov,	"string", 0) \
	X(probemod,	"string", 0) \
	X(probefunc,	"string", 0) \
	X(probename,	"string", 0) \
	X(curthread,	"vmlinux`struct task_struct *", 0) \
	X(caller,	"uintptr_t", 0) \
	X(ucaller,	"uint64_t", 0) \
	X(stackdepth,	"uint32_t", 0) \
	X(ustackdepth,	"uint32_t", 0) \
	X(ipl,		"uint_t", 0) \
	X(curpsinfo,	"psinfo_t *", 0) \
	X(curlwpsinfo,	"lwpsinfo_t *", 0) \
	X(execargs,	"string", 0) \
	X(target,	"pid_t", BI_F_MACRO)

enum builtin_id {
#define DCC_BI_ENUM(n, t, f) BI_##n,
	DCC_BUILTINS(DCC_BI_ENUM)
#undef DCC_BI_ENUM
	BI__COUNT
};

struct builtin_def {
	const char *name;
	const char *type;	/* D type text */
	unsigned flags;
	int (*gen)(struct cg *g, struct node *n);	/* returns a vreg */
};

#define DCC_BI_HOOK(n, t, f) int gen_bi_##n(struct cg *g, struct node *ref);
DCC_BUILTINS(DCC_BI_HOOK)
#undef DCC_BI_HOOK

/* builtins.c */
const struct builtin_def *builtin_lookup(const char *name);
const struct builtin_def *builtin_get(enum builtin_id id);

#endif /* DCC_BUILTINS_H */
