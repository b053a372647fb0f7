/* SPDX-License-Identifier: MIT */
/*
 * dtrace.c -- the command line of the dtrace-compatible front end.
 *
 * The options are those of dtrace(8) and are taken in the same passes:
 * first the ones that choose a mode (-l, -V, -e...) and every non-option
 * argument (the macro arguments $1...), then the options that set D
 * options (-x, -q, -b, -w, -D...) in order, then the program specifiers
 * (-s, -n, -P, -m, -f) are compiled, and finally the program is listed
 * (-l) or run.  Messages and exit statuses follow dtrace(8): diagnostics
 * go to stderr prefixed with "dtrace: ", 0 is success, 1 an error, 2 a
 * usage error, otherwise the status passed to the D exit() action.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dtrace.h"

#define DT_OPTSTR "+3:6:aAb:Bc:CD:ef:FGhHi:I:lL:m:n:o:p:P:qs:SU:vVwx:X:Z"
#define DT_VERSION_STR "Oracle D 2.0"

/* One option letter and its argument, as found by the first pass. */
struct dt_opt {
	int c;
	char *arg;
};

struct dt_args {
	struct dt_opt *opts;
	int nopts;
	int nmodes;		/* how many of -G, -h, -l, -V */
	bool list, version;
};

/* ---- messages ------------------------------------------------------------ */

static void dt_verror(struct dt *dt, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", dt->pname);
	vfprintf(stderr, fmt, ap);
}

void dt_error(struct dt *dt, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dt_verror(dt, fmt, ap);
	va_end(ap);
}

/* A notice is silenced by -q or the quiet option. */
void dt_notice(struct dt *dt, const char *fmt, ...)
{
	va_list ap;

	if (dt->quiet)
		return;
	va_start(ap, fmt);
	dt_verror(dt, fmt, ap);
	va_end(ap);
}

void *dt_xalloc(size_t n)
{
	void *p = calloc(1, n ? n : 1);

	if (!p) {
		fprintf(stderr, "dtrace: failed to allocate memory\n");
		exit(DT_E_ERROR);
	}
	return p;
}

char *dt_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(dt_xalloc(n), s, n);
}

static int usage(struct dt *dt, FILE *fp)
{
	static const char pa[] = "[[ predicate ] action ]";

	fprintf(fp, "Usage: %s [-32|-64] [-CeFGhHlqSvVwZ] [-b bufsz] [-c cmd] "
		"[-D name[=def]]\n\t[-I path] [-L path] [-o output] [-p pid] "
		"[-s script] [-U name]\n\t[-x opt[=val]] [-X a|c|s|t]\n\n"
		"\t[-P provider %s]\n\t[-m [ provider: ] module %s]\n"
		"\t[-f [[ provider: ] module: ] func %s]\n"
		"\t[-n [[[ provider: ] module: ] func: ] name %s]\n"
		"\t[-i probe-id %s] [ args ... ]\n\n", dt->pname,
		pa, pa, pa, pa, pa);
	fprintf(fp, "\tpredicate -> '/' D-expression '/'\n"
		"\t   action -> '{' D-statements '}'\n\n"
		"\t-b  set trace buffer size\n"
		"\t-c  run specified command and exit upon its completion\n"
		"\t-C  run cpp(1) preprocessor on script files\n"
		"\t-D  define symbol when invoking preprocessor\n"
		"\t-e  exit after compiling request but prior to enabling probes\n"
		"\t-f  enable or list probes matching the specified function name\n"
		"\t-H  print included files when invoking preprocessor\n"
		"\t-I  add include directory to preprocessor search path\n"
		"\t-l  list probes matching specified criteria\n"
		"\t-m  enable or list probes matching the specified module name\n"
		"\t-n  enable or list probes matching the specified probe name\n"
		"\t-o  set output file\n"
		"\t-p  grab specified process-ID and cache its symbol tables\n"
		"\t-P  enable or list probes matching the specified provider name\n"
		"\t-q  set quiet mode (only output explicitly traced data)\n"
		"\t-s  enable or list probes according to the specified D script\n"
		"\t-S  print D compiler intermediate code\n"
		"\t-U  undefine symbol when invoking preprocessor\n"
		"\t-v  set verbose mode (report stability attributes, arguments)\n"
		"\t-V  report DTrace API version\n"
		"\t-w  permit destructive actions\n"
		"\t-x  enable or modify compiler and tracing options\n"
		"\t-X  specify ISO C conformance settings for preprocessor\n"
		"\t-Z  permit probe descriptions that match zero probes\n");
	return DT_E_USAGE;
}

/* ---- pass 1: collect options and macro arguments ------------------------------- */

static int mode_opt(struct dt *dt, struct dt_args *a, int c)
{
	switch (c) {
	case 'e': dt->exec = false; break;
	case 'l': a->list = true; a->nmodes++; break;
	case 'V': a->version = true; a->nmodes++; break;
	case 'G': case 'h': a->nmodes++; break;
	case 'v': dt->verbose++; break;
	case '3': case '6':
		if (strcmp(optarg, c == '3' ? "2" : "4")) {
			fprintf(stderr, "%s: illegal option -- %c%s\n",
				dt->pname, c, optarg);
			return usage(dt, stderr);
		}
		break;
	case '?': case ':':
		return usage(dt, stderr);
	}
	return -1;
}

/*
 * As dtrace(8) does: options may come after non-option arguments, which
 * are collected as $1, $2...; "--" makes the next argument a macro argument.
 */
static int pass1(struct dt *dt, struct dt_args *a, int argc, char **argv)
{
	int c, rc, last = 0;

	a->opts = dt_xalloc(sizeof(*a->opts) * (argc + 1));
	dt->margv = dt_xalloc(sizeof(char *) * (argc + 1));
	dt->margv[dt->margc++] = argv[0];
	argv[0] = (char *)dt->pname;	/* for getopt's messages */
	for (optind = 1; optind < argc; optind++) {
		while ((c = getopt(argc, argv, DT_OPTSTR)) != -1) {
			if ((rc = mode_opt(dt, a, c)) >= 0)
				return rc;
			if (a->nopts == argc)
				return usage(dt, stderr);
			a->opts[a->nopts].c = c;
			a->opts[a->nopts++].arg = optarg;
		}
		/* glibc may move optind back after "--": never rescan */
		if (optind <= last)
			break;
		last = optind;
		if (optind < argc)
			dt->margv[dt->margc++] = argv[optind];
	}
	return -1;
}

/* ---- pass 2: options ------------------------------------------------------------- */

static int set_or_die(struct dt *dt, const char *name, const char *val,
		      const char *what)
{
	const char *why;

	if (dt_setopt(dt, name, val, &why) == 0)
		return -1;
	dt_error(dt, "failed to set %s: %s\n", what, why);
	return DT_E_ERROR;
}

static int xopt(struct dt *dt, char *arg)
{
	char *eq = strchr(arg, '='), what[300];

	if (eq)
		*eq++ = 0;
	snprintf(what, sizeof(what), "-x %s", arg);
	return set_or_die(dt, arg, eq, what);
}

static int setopt_opt(struct dt *dt, int c, char *arg)
{
	char what[300];

	snprintf(what, sizeof(what), "-%c%s%s", c, arg ? " " : "",
		 arg ? arg : "");
	switch (c) {
	case 'b': return set_or_die(dt, "bufsize", arg, what);
	case 'C': dt->cpp = true; return -1;
	case 'D': return set_or_die(dt, "define", arg, what);
	case 'U': return set_or_die(dt, "undef", arg, what);
	case 'I': return set_or_die(dt, "incdir", arg, what);
	case 'L': return set_or_die(dt, "libdir", arg, what);
	case 'H': return set_or_die(dt, "cpphdrs", NULL, what);
	case 'F': return set_or_die(dt, "flowindent", NULL, what);
	case 'q': return set_or_die(dt, "quiet", NULL, what);
	case 'w': return set_or_die(dt, "destructive", NULL, what);
	case 'X': return set_or_die(dt, "stdc", arg, what);
	case 'x': return xopt(dt, arg);
	case 'Z': dt->zdefs = true; return -1;
	case 'S': dt->print_asm = true; return -1;
	case 'o': dt->ofile = arg; return -1;
	}
	return -1;
}

/* -P/-m/-f/-n: make a D clause of the specifier (components right-aligned). */
static void add_spec(struct dt *dt, int c, char *arg)
{
	struct dt_cmd *cmd = &dt->cmds[dt->ncmds++];
	const char *pad = c == 'P' ? ":::" : c == 'm' ? "::" : c == 'f' ? ":" : "";
	size_t plen = strcspn(arg, "/{"), n;
	bool body = strchr(arg + plen, '{') != NULL;

	cmd->arg = arg;
	cmd->desc = "description";
	cmd->name = dt_xstrdup(arg);
	cmd->name[strcspn(cmd->name, "{/;")] = 0;	/* crop for messages */
	n = strlen(arg) + strlen(pad) + 8;
	cmd->src = dt_xalloc(n);
	snprintf(cmd->src, n, "%.*s%s%s%s", (int)plen, arg, pad, arg + plen,
		 body ? "" : " {}");
	cmd->len = strlen(cmd->src);
}

static int cmd_opt(struct dt *dt, int c, char *arg)
{
	struct dt_cmd *cmd;

	switch (c) {
	case 's':
		cmd = &dt->cmds[dt->ncmds++];
		cmd->is_file = true;
		cmd->arg = arg;
		cmd->desc = "script";
		cmd->name = dt_xstrdup(arg);
		return -1;
	case 'n': case 'P': case 'm': case 'f':
		add_spec(dt, c, arg);
		return -1;
	case 'i':
		dt_error(dt, "-i is not supported: probe ids are assigned "
			 "when probes are attached\n");
		return DT_E_USAGE;
	case 'a': case 'A': case 'G': case 'h': case 'B':
		dt_error(dt, "-%c is not supported\n", c);
		return DT_E_USAGE;
	case 'c':
		dt->cmdline = arg;
		return -1;
	case 'p':
		return -2;
	}
	return setopt_opt(dt, c, arg);
}

static int set_pid(struct dt *dt, const char *arg)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v <= 0) {
		dt_error(dt, "invalid pid: %s\n", arg);
		return DT_E_ERROR;
	}
	dt->pid = (pid_t)v;
	return -1;
}

static int pass2(struct dt *dt, struct dt_args *a)
{
	int i, rc;

	dt->cmds = dt_xalloc(sizeof(*dt->cmds) * (a->nopts + 1));
	for (i = 0; i < a->nopts; i++) {
		rc = cmd_opt(dt, a->opts[i].c, a->opts[i].arg);
		if (rc == -2)
			rc = set_pid(dt, a->opts[i].arg);
		if (rc >= 0)
			return rc;
	}
	return -1;
}

/* ---- main ------------------------------------------------------------------------ */

static void dt_cleanup(struct dt *dt, struct dt_args *a)
{
	int i;

	dt_run_cleanup(dt);
	for (i = 0; i < dt->ncmds; i++) {
		free(dt->cmds[i].name);
		free(dt->cmds[i].src);
	}
	free(dt->cmds);
	free(dt->margv);
	dt_free_opts(dt);
	free(a->opts);
	if (dt->out && dt->out != stdout)
		fclose(dt->out);
}

static int dt_main(struct dt *dt, struct dt_args *a, int argc, char **argv)
{
	int rc;

	if (argc == 1)
		return usage(dt, stderr);
	if ((rc = pass1(dt, a, argc, argv)) >= 0)
		return rc;
	if (a->nmodes > 1) {
		dt_error(dt, "only one of the [-GhlV] options can be specified "
			 "at a time\n");
		return DT_E_USAGE;
	}
	if (a->version) {
		printf("%s: %s\n", dt->pname, DT_VERSION_STR);
		return DT_E_SUCCESS;
	}
	dt_setopt_env(dt);
	if ((rc = pass2(dt, a)) >= 0)
		return rc;
	if (a->list)
		return dt_list(dt);
	if (dt->ofile && !(dt->out = fopen(dt->ofile, "a"))) {
		dt_error(dt, "failed to open output file '%s': %s\n",
			 dt->ofile, strerror(errno));
		return DT_E_ERROR;
	}
	if ((rc = dt_compile_all(dt)) >= 0)
		return rc;
	return dt_exec(dt);
}

int main(int argc, char **argv)
{
	struct dt dt;
	struct dt_args a;
	int rc;

	memset(&dt, 0, sizeof(dt));
	memset(&a, 0, sizeof(a));
	dt.pname = "dtrace";	/* whatever the binary is called, as in the .r files */
	dt.exec = true;
	dt.out = stdout;
	dt.testing = getenv("_DTRACE_TESTING") != NULL;
	rc = dt_main(&dt, &a, argc, argv);
	fflush(stdout);
	dt_cleanup(&dt, &a);
	return rc;
}
