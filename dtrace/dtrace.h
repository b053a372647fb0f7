/* SPDX-License-Identifier: MIT */
/*
 * dtrace.h -- shared state of the dtrace-compatible front end.
 *
 * build/dtrace takes dtrace(8)'s command line, compiles the D program with
 * the dcc library and runs it with libdload, all in one process.  The
 * front end is split into: dtrace.c (command line, modes, messages),
 * xopts.c (-x options and DTRACE_OPT_* variables), run.c (compile, load,
 * attach, run) and list.c (-l).  Everything they share lives in one
 * struct dt.
 */
#ifndef DTRACE_DTRACE_H
#define DTRACE_DTRACE_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "dcc.h"

/* Exit statuses, as dtrace(8) uses them. */
#define DT_E_SUCCESS	0
#define DT_E_ERROR	1
#define DT_E_USAGE	2

/* One -s script or -n/-P/-m/-f/-i probe specifier, in command-line order. */
struct dt_cmd {
	bool is_file;		/* -s */
	char *arg;		/* the file name, or the specifier text */
	const char *desc;	/* "script" / "description" */
	char *name;		/* for messages: the file, or the cropped text */
	char *src;		/* the D text compiled (malloc'd) */
	size_t len;
	int nmatched;		/* probes matched (from its own compilation) */
	struct dcc_attr descattr, stmtattr; /* for -v's stability report */
};

struct dt {
	const char *pname;	/* "dtrace" */

	struct dt_cmd *cmds;
	int ncmds;

	/* $0, $1...: argv[0] followed by the non-option arguments */
	const char **margv;
	int margc;

	/* preprocessor arguments (-D, -U, -I, -H, -xcppargs...) */
	const char **cpp_args;
	int ncpp_args, cap_cpp_args;

	/* options handed to the compiler (and on to dload), in order */
	struct dcc_option *xopts, *xlast;

	bool cpp;		/* -C */
	bool zdefs;		/* -Z, -xzdefs */
	bool destructive;	/* -w, -xdestructive */
	bool errtags;		/* -xerrtags */
	bool exec;		/* false with -e */
	bool quiet;		/* -q, -xquiet, or the quiet pragma */
	int verbose;		/* -v */
	bool print_asm;		/* -S */
	bool testing;		/* _DTRACE_TESTING is set */

	const char *cmdline;	/* -c */
	pid_t pid;		/* -p */
	const char *ofile;	/* -o */
	FILE *out;
};

/* dtrace.c */
void dt_error(struct dt *dt, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void dt_notice(struct dt *dt, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void *dt_xalloc(size_t n);
char *dt_xstrdup(const char *s);

/* xopts.c */
/* Set option name (value NULL for a flag) as dtrace_setopt() would.
 * Returns 0, or -1 with *why set to DTrace's message for the failure. */
int dt_setopt(struct dt *dt, const char *name, const char *value,
	      const char **why);
void dt_setopt_env(struct dt *dt);
void dt_add_cpp_arg(struct dt *dt, const char *flag, const char *val);
void dt_free_opts(struct dt *dt);
bool dt_option_is_true(const char *value);

/* run.c */
int dt_read_script(struct dt *dt, struct dt_cmd *c);
int dt_compile_text(struct dt *dt, const struct dt_cmd *c, const char *src,
		    size_t len, struct dcc *cc, bool zdefs);
int dt_compile_all(struct dt *dt);
int dt_exec(struct dt *dt);
void dt_run_cleanup(struct dt *dt);

/* list.c */
int dt_list(struct dt *dt);

#endif /* DTRACE_DTRACE_H */
