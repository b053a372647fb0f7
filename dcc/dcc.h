/* SPDX-License-Identifier: MIT */
/*
 * dcc.h -- the compiler's shared state and the interface between passes.
 *
 * A compilation is one struct dcc.  The passes run in order:
 *
 *   cpp (optional) -> lex.l/parse.y -> sema.c -> cg.c (IR) -> regalloc.c
 *   -> peep.c -> emit_bpf.c (BPF + jump resolution) -> btf_out.c,
 *   meta_out.c -> emit_elf.c
 *
 * Every pass reports errors through dcc_error(), which records the first
 * error (tag, line, message) and longjmps back to dcc_compile(); library
 * code never calls exit().  The same struct serves the `dcc` command and
 * the `dtrace` front end, which formats the recorded error its own way.
 */
#ifndef DCC_DCC_H
#define DCC_DCC_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ast.h"

struct btf;
struct ir_prog;
struct scope;

/* A `#pragma D option` or `-x` setting, in order of appearance. */
struct dcc_option {
	char *name;
	char *value;		/* NULL for a flag */
	struct dcc_option *next;
};

struct dcc_macro_arg {		/* $1.. from the command line */
	char *text;
};

struct dcc_opts {
	const char *btf_path;	/* kernel BTF; NULL: /sys/kernel/btf/vmlinux */
	bool cpp;		/* -C: run the C preprocessor */
	const char **cpp_args;	/* -D/-U/-I/-H, passed to cpp as is */
	int ncpp_args;
	const char **macro_args;/* $1..$n (index 0 is $0, the script name) */
	int nmacro_args;
	bool zdefs;		/* -Z: allow probe descriptions that match nothing */
	bool destructive;	/* -w */
	struct dcc_option *xopts; /* -x options, before the script's pragmas */
	bool host_probes;	/* check probe descriptions against this host's
				   probes (D_PDESC_ZERO), as dtrace does */
	long target_pid;	/* $target: the -c/-p process, 0 if none */
	bool from_string;	/* program text from -n/-P/-m/-f, not a file:
				   a probe description alone is a clause */
};

/* Stability attributes, as DTrace's dtrace_attribute_t: name and data
 * stability 0 (Internal) .. 7 (Standard), class 0 (Unknown) .. 5 (Common). */
struct dcc_attr {
	uint8_t name, data, cls;
};

struct dcc {
	struct dcc_opts opts;
	const char *filename;	/* name used in messages */
	char *source;		/* the (preprocessed) text */
	size_t source_len;

	/* first error */
	jmp_buf *err_jmp;
	bool failed;
	char err_tag[48];	/* "D_SYNTAX" */
	char err_msg[1024];	/* message text, no tag, no location */
	struct loc err_loc;	/* line 0: no line */
	FILE *warn_out;		/* where warnings go (default stderr) */
	bool warn_dtrace_style;	/* "dtrace: " prefix instead of file:line: */

	struct node *prog;	/* parse tree */
	struct btf *kbtf;	/* kernel BTF (loaded lazily by types.c) */
	struct scope *globals;	/* symbol tables (sema.c) */
	struct dcc_option *options; /* pragma + -x options, merged */
	int nprobes_matched;	/* for "matched N probes" */
	/* minimum probe description and statement attributes (sema_attr.c) */
	struct dcc_attr desc_attr, stmt_attr;
	bool attrs_set;

	struct ir_prog *ir;	/* codegen output */

	/* the object file image (emit_elf.c) */
	void *obj;
	size_t obj_len;

	void *mem;		/* the arena (dcc.c) */
	void *pass_priv[8];	/* private state of passes, indexed by DCC_PASS_* */
};

enum { DCC_PASS_PARSE, DCC_PASS_TYPES, DCC_PASS_SEMA, DCC_PASS_CG,
       DCC_PASS_EMIT, DCC_PASS_BTF, DCC_PASS_META,
       DCC_PASS_BTFIN /* btf_in.c: kernel BTF conversion cache */ };

/* dcc.c: the pipeline */
void dcc_init(struct dcc *cc, const struct dcc_opts *opts);
void dcc_fini(struct dcc *cc);
/* Compile src (len bytes) named filename; 0 or -1 (error recorded). */
int dcc_compile(struct dcc *cc, const char *filename, const char *src,
		size_t len);
/* Print the recorded error as "file:line: [TAG] msg". */
void dcc_print_error(const struct dcc *cc, FILE *f);
/* Write the generated code as annotated text (dcc -S). */
void dcc_print_asm(const struct dcc *cc, FILE *f);

/* Errors: record and unwind.  fmt is DTrace's message text. */
void dcc_error(struct dcc *cc, struct loc loc, const char *tag,
	       const char *fmt, ...) __attribute__((noreturn, format(printf, 4, 5)));
void dcc_verror(struct dcc *cc, struct loc loc, const char *tag,
		const char *fmt, va_list ap) __attribute__((noreturn));
void dcc_warn(struct dcc *cc, struct loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* sema_attr.c: stability attributes for dtrace -v ("Stable", "Common"),
 * NULL if out of range; dcc_str2attr parses "Evolving/Evolving/Common"
 * (0, or -1 if malformed). */
const char *dcc_stability_name(int s);
const char *dcc_class_name(int c);
int dcc_str2attr(const char *str, struct dcc_attr *a);
void dcc_program_attrs(const struct dcc *cc, struct dcc_attr *desc,
		       struct dcc_attr *stmt);

/* Option lookup (last setting wins). */
const char *dcc_option(const struct dcc *cc, const char *name);
bool dcc_option_set(const struct dcc *cc, const char *name);

/* Memory: everything a compilation allocates lives until dcc_fini(). */
void *dcc_alloc(struct dcc *cc, size_t n);		/* zeroed */
char *dcc_strdup(struct dcc *cc, const char *s);
char *dcc_strndup(struct dcc *cc, const char *s, size_t n);
const char *dcc_intern(struct dcc *cc, const char *s);

/* Passes */
int cpp_run(struct dcc *cc);				/* cpp.c */
struct node *parse_program(struct dcc *cc);		/* parse.y */
void sema_program(struct dcc *cc);			/* sema.c */
void cg_program(struct dcc *cc);			/* cg.c */
void regalloc_prog(struct dcc *cc, struct ir_prog *p);	/* regalloc.c */
void peep_prog(struct dcc *cc, struct ir_prog *p);	/* peep.c */
void emit_bpf_prog(struct dcc *cc, struct ir_prog *p);	/* emit_bpf.c */
void emit_elf(struct dcc *cc, struct ir_prog *p);	/* emit_elf.c */

#endif /* DCC_DCC_H */
