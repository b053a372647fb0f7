/* SPDX-License-Identifier: MIT */
/*
 * main.c -- the `dcc` command: compile one D script into a BPF object.
 *
 *   dcc [-o out.bpf.o] [-S] [--btf FILE] [-C] [-D name[=val]] [-U name]
 *       [-I dir] [-H] [-x opt[=val]] [-Z] [-w] script.d [macro args...]
 *
 * The command only gathers options into struct dcc_opts, runs
 * dcc_compile() and writes the object (or, with -S, the annotated
 * assembly).  Errors are printed as "file:line: [D_TAG] message" and make
 * the command exit with status 1; usage errors exit with status 2.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcc.h"

struct args {
	struct dcc_opts opts;
	const char *out;	/* -o */
	bool asm_only;		/* -S */
	const char *script;
	struct dcc_option *xlast;
};

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: dcc [-o out.bpf.o] [-S] [--btf FILE] [-C] [-D name[=val]] [-U name]\n"
		"           [-I dir] [-H] [-x opt[=val]] [-Z] [-w] script.d [macro args...]\n"
		"\n"
		"  -o FILE     write the BPF object to FILE (default: script.bpf.o),\n"
		"              or with -S the listing (default: standard output)\n"
		"  -S          print the generated code as annotated assembly\n"
		"  --btf FILE  kernel BTF to compile against (default /sys/kernel/btf/vmlinux)\n"
		"  -C          run the C preprocessor on the script\n"
		"  -D/-U/-I/-H passed to the preprocessor\n"
		"  -x opt[=v]  set a D option, as #pragma D option does\n"
		"  -Z          allow probe descriptions that match no probes\n"
		"  -w          allow destructive actions\n");
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fprintf(stderr, "dcc: out of memory\n");
		exit(1);
	}
	return p;
}

/* "-D" + "name=val" -> "-Dname=val" */
static void add_cpp_arg(struct args *a, const char *flag, const char *val)
{
	size_t n = strlen(flag) + (val ? strlen(val) : 0) + 1;
	char *s = xmalloc(n);

	snprintf(s, n, "%s%s", flag, val ? val : "");
	a->opts.cpp_args[a->opts.ncpp_args++] = s;
}

/* The compiler's option table (dcc/options.c, declared in sema.h). */
extern int dcc_option_check(const char *name, const char *value,
			    const char **why);

/* -x name[=value]: checked now, as dtrace does; returns 0 or 1. */
static int add_xopt(struct args *a, const char *arg)
{
	struct dcc_option *o;
	const char *eq = strchr(arg, '='), *why = "";

	o = xmalloc(sizeof(*o));
	o->name = eq ? strndup(arg, eq - arg) : strdup(arg);
	o->value = eq ? strdup(eq + 1) : NULL;
	if (!o->name || (eq && !o->value)) {
		fprintf(stderr, "dcc: out of memory\n");
		exit(1);
	}
	if (dcc_option_check(o->name, o->value ? o->value : "", &why) < 0) {
		fprintf(stderr, "dcc: failed to set -x %s: %s\n", o->name, why);
		free(o->name);
		free(o->value);
		free(o);
		return 1;
	}
	o->next = NULL;
	if (a->xlast)
		a->xlast->next = o;
	else
		a->opts.xopts = o;
	a->xlast = o;
	return 0;
}

enum { OPT_BTF = 256, OPT_HELP };

static const struct option long_opts[] = {
	{ "btf", required_argument, NULL, OPT_BTF },
	{ "help", no_argument, NULL, OPT_HELP },
	{ NULL, 0, NULL, 0 },
};

/* One option letter; returns 0, or the exit status to leave with. */
static int one_opt(struct args *a, int c)
{
	switch (c) {
	case 'o': a->out = optarg; break;
	case 'S': a->asm_only = true; break;
	case OPT_BTF: a->opts.btf_path = optarg; break;
	case 'C': a->opts.cpp = true; break;
	case 'D': add_cpp_arg(a, "-D", optarg); break;
	case 'U': add_cpp_arg(a, "-U", optarg); break;
	case 'I': add_cpp_arg(a, "-I", optarg); break;
	case 'H': add_cpp_arg(a, "-H", NULL); break;
	case 'x': return add_xopt(a, optarg) ? 1 : -1;
	case 'Z': a->opts.zdefs = true; break;
	case 'w': a->opts.destructive = true; break;
	case OPT_HELP: usage(stdout); return 0;
	default: usage(stderr); return 2;
	}
	return -1;
}

/* Returns -1 to go on, else the exit status. */
static int parse_args(struct args *a, int argc, char **argv)
{
	int c, rc, i;

	a->opts.cpp_args = xmalloc(sizeof(char *) * argc);
	while ((c = getopt_long(argc, argv, "+o:SCD:U:I:Hx:Zwh", long_opts,
				NULL)) != -1) {
		if (c == 'h')
			c = OPT_HELP;
		if ((rc = one_opt(a, c)) >= 0)
			return rc;
	}
	if (optind >= argc) {
		fprintf(stderr, "dcc: no script given\n");
		usage(stderr);
		return 2;
	}
	a->script = argv[optind];
	/* $0 is the script, $1.. the remaining arguments */
	a->opts.nmacro_args = argc - optind;
	a->opts.macro_args = xmalloc(sizeof(char *) * a->opts.nmacro_args);
	for (i = 0; i < a->opts.nmacro_args; i++)
		a->opts.macro_args[i] = argv[optind + i];
	return -1;
}

/* Read a whole file ("-": stdin) into a NUL-terminated buffer. */
static char *read_file(const char *path, size_t *lenp)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	size_t cap = 8192, len = 0, n;
	char *buf;

	if (!f)
		return NULL;
	buf = xmalloc(cap);
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len - 1 == 0) {
			cap *= 2;
			buf = realloc(buf, cap);
			if (!buf) {
				fprintf(stderr, "dcc: out of memory\n");
				exit(1);
			}
		}
	}
	if (ferror(f)) {
		free(buf);
		buf = NULL;
	}
	if (f != stdin)
		fclose(f);
	if (buf)
		buf[len] = 0;
	*lenp = len;
	return buf;
}

/* script.d -> script.bpf.o (in the current directory) */
static char *default_out(const char *script)
{
	const char *base = strrchr(script, '/');
	size_t n;
	char *out;

	base = base ? base + 1 : script;
	if (!strcmp(script, "-"))
		base = "stdin.d";
	n = strlen(base);
	if (n > 2 && !strcmp(base + n - 2, ".d"))
		n -= 2;
	out = xmalloc(n + sizeof(".bpf.o"));
	memcpy(out, base, n);
	strcpy(out + n, ".bpf.o");
	return out;
}

/* Write the object (or, listing, the -S listing) to path; "-" is standard output. */
static int write_out(const struct dcc *cc, const char *path, bool listing)
{
	bool out = !strcmp(path, "-");
	FILE *f = out ? stdout : fopen(path, listing ? "w" : "wb");
	bool bad;

	if (!f) {
		fprintf(stderr, "dcc: cannot create %s: %s\n", path,
			strerror(errno));
		return 1;
	}
	if (listing)
		dcc_print_asm(cc, f);
	else
		fwrite(cc->obj, 1, cc->obj_len, f);
	bad = ferror(f);
	if ((out ? fflush(f) : fclose(f)) != 0 || bad) {
		fprintf(stderr, "dcc: cannot write %s: %s\n", path,
			strerror(errno));
		if (!out)
			remove(path);
		return 1;
	}
	return 0;
}

static int compile_and_write(struct args *a, const char *src, size_t len)
{
	struct dcc cc;
	int rc = 0;

	dcc_init(&cc, &a->opts);
	if (dcc_compile(&cc, a->script, src, len) < 0) {
		dcc_print_error(&cc, stderr);
		dcc_fini(&cc);
		return 1;
	}
	if (a->asm_only) {
		rc = write_out(&cc, a->out ? a->out : "-", true);
	} else {
		char *out = a->out ? NULL : default_out(a->script);

		rc = write_out(&cc, a->out ? a->out : out, false);
		free(out);
	}
	dcc_fini(&cc);
	return rc;
}

static void free_args(struct args *a)
{
	struct dcc_option *o, *next;
	int i;

	for (o = a->opts.xopts; o; o = next) {
		next = o->next;
		free(o->name);
		free(o->value);
		free(o);
	}
	for (i = 0; i < a->opts.ncpp_args; i++)
		free((char *)a->opts.cpp_args[i]);
	free(a->opts.cpp_args);
	free(a->opts.macro_args);
}

int main(int argc, char **argv)
{
	struct args a;
	size_t len;
	char *src;
	int rc;

	memset(&a, 0, sizeof(a));
	rc = parse_args(&a, argc, argv);
	if (rc < 0) {
		src = read_file(a.script, &len);
		if (src) {
			rc = compile_and_write(&a, src, len);
			free(src);
		} else {
			fprintf(stderr, "dcc: cannot read %s: %s\n", a.script,
				strerror(errno));
			rc = 1;
		}
	}
	free_args(&a);
	return rc;
}
