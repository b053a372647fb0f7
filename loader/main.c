/* SPDX-License-Identifier: MIT */
/*
 * main.c -- the dload command: run an object compiled by dcc.
 *
 *   dload [-q] [-Z] [-w] [-v] [-x opt[=val]]... [-p pid] [-c cmd] obj.bpf.o
 *   dload -l [-v] [-u] [-p pid] [DESC]...
 *
 * Opens, loads, attaches and runs the object with libdload, prints
 * diagnostics as "dload: ...", and exits with the D program's exit status
 * (0 after Ctrl-C or the end of the -c command, 1 on errors).
 *
 * -l lists the probes of this host in dtrace -l's format (with -v, their
 * stability and argument types), those matching one of the descriptions
 * DESC (PROVIDER:MODULE:FUNCTION:NAME, globs allowed, missing leading parts
 * empty, as with dtrace -n) if given.  -u lists instead the USDT probes of
 * running processes (of process pid with -p): the .note.stapsdt probes of
 * their executables and libraries, named PROVIDERpid:MODULE:FUNCTION:NAME.
 * A description whose provider ends in a digit or '*' also brings them in.
 * Exits 1 if a description matched nothing.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dload/dload.h"

#define MAX_XOPTS 64
#define MAX_ARGV 64

static struct dload_obj *running;

/* The first Ctrl-C stops tracing (END, aggregations); a second one kills. */
static void on_signal(int sig)
{
	static volatile sig_atomic_t stopping;

	if (stopping) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
	stopping = 1;
	dload_obj__stop(running);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: dload [-q] [-Z] [-w] [-v] [-x opt[=val]]... [-p pid] [-c cmd] obj.bpf.o\n"
		"       dload -l [-v] [-u] [-p pid] [provider:module:function:name]...\n");
	exit(2);
}

struct args {
	bool quiet;
	bool list, usdt;
	char **descs;
	int ndescs;
	char *xopts[MAX_XOPTS];
	int nx;
	char *cmd;
	char *argv[MAX_ARGV];
	const char *path;
	struct dload_run_opts ro;
};

/* Split the -c command on blanks, as dtrace does. */
static char **split_cmd(struct args *a)
{
	int n = 0;

	for (char *tok = strtok(a->cmd, " \t"); tok && n < MAX_ARGV - 1;
	     tok = strtok(NULL, " \t"))
		a->argv[n++] = tok;
	a->argv[n] = NULL;
	return n ? a->argv : NULL;
}

static void parse_args(int argc, char **argv, struct args *a)
{
	int c;

	a->ro.sz = sizeof(a->ro);
	a->ro.errprefix = "dload: ";
	a->ro.no_cpu_id = getenv("_DTRACE_TESTING") != NULL;
	while ((c = getopt(argc, argv, "+qZwvx:p:c:hlu")) != -1) {
		switch (c) {
		case 'q': a->quiet = true; break;
		case 'Z': a->ro.zdefs = true; break;
		case 'w': a->ro.destructive = true; break;
		case 'v': a->ro.verbose = true; break;
		case 'x':
			if (a->nx == MAX_XOPTS)
				usage();
			a->xopts[a->nx++] = optarg;
			break;
		case 'p': a->ro.target_pid = (pid_t)atoi(optarg); break;
		case 'c': a->cmd = optarg; break;
		case 'l': a->list = true; break;
		case 'u': a->usdt = true; break;
		default: usage();
		}
	}
	if (a->list) {
		a->descs = argv + optind;
		a->ndescs = argc - optind;
		return;
	}
	if (optind != argc - 1)
		usage();
	a->path = argv[optind];
	if (a->cmd && !(a->ro.target_argv = split_cmd(a)))
		usage();
}

static int set_options(struct dload_obj *obj, struct args *a)
{
	int err = a->quiet ? dload_obj__set_option(obj, "quiet", NULL) : 0;

	for (int i = 0; !err && i < a->nx; i++) {
		char *eq = strchr(a->xopts[i], '=');

		if (eq)
			*eq = 0;
		err = dload_obj__set_option(obj, a->xopts[i], eq ? eq + 1 : NULL);
	}
	return err;
}

static int fail(struct dload_obj *obj, int err)
{
	const char *msg = dload_obj__errmsg(obj);

	fprintf(stderr, "dload: %s\n", *msg ? msg : strerror(-err));
	dload_obj__close(obj);
	return 1;
}

/* ---- -l ------------------------------------------------------------------------- */

/* "a:b" -> func a, name b: the parts are right-aligned, as with dtrace -n. */
static void split_desc(char *d, char *parts[4])
{
	int n = 0;
	char *v[4];

	for (char *p = d; n < 4; ) {
		v[n++] = p;
		if (!(p = strchr(p, ':')))
			break;
		*p++ = 0;
	}
	for (int i = 0; i < 4; i++)
		parts[i] = i < 4 - n ? "" : v[i - (4 - n)];
}

/* A provider ending in a digit (uprog123) or a '*' (uprog*) may name the
 * USDT probes of processes. */
static bool wants_usdt(const char *prov)
{
	size_t n = strlen(prov);

	return n && (isdigit((unsigned char)prov[n - 1]) || prov[n - 1] == '*');
}

static int list_desc(const struct dload_probes *l, char *d, bool verbose)
{
	char *pd[4];
	size_t found = 0;

	split_desc(d, pd);
	for (size_t i = 0; i < dload_probes__count(l); i++) {
		const struct dload_probe *p = dload_probes__get(l, i);

		if (dload_probe__match(p, pd[0], pd[1], pd[2], pd[3])) {
			dload_probe__print(stdout, p, verbose);
			found++;
		}
	}
	if (!found)
		fprintf(stderr, "dload: failed to match %s:%s:%s:%s: No probe "
			"matches description\n", pd[0], pd[1], pd[2], pd[3]);
	return found ? 0 : 1;
}

static int list_probes(struct args *a)
{
	struct dload_list_opts lo = { .sz = sizeof(lo),
		.usdt_only = a->usdt || a->ro.target_pid > 0,
		.pid = a->ro.target_pid };
	struct dload_probes *l;
	int err, rc = 0;
	char *pd[4];

	for (int i = 0; i < a->ndescs; i++) {
		char *d = strdup(a->descs[i]);

		if (d) {
			split_desc(d, pd);
			lo.usdt |= wants_usdt(pd[0]);
		}
		free(d);
	}
	if (lo.pid > 0 && kill(lo.pid, 0) && errno == ESRCH) {
		fprintf(stderr, "dload: no process %d\n", (int)lo.pid);
		return 1;
	}
	if ((err = dload_probes__load(&lo, &l))) {
		fprintf(stderr, "dload: cannot list probes: %s\n", strerror(-err));
		return 1;
	}
	dload_probes__print_header(stdout);
	for (int i = 0; i < a->ndescs; i++)
		rc |= list_desc(l, a->descs[i], a->ro.verbose);
	for (size_t i = 0; !a->ndescs && i < dload_probes__count(l); i++)
		dload_probe__print(stdout, dload_probes__get(l, i), a->ro.verbose);
	dload_probes__free(l);
	return rc;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct dload_obj *obj = NULL;
	struct args a = { 0 };
	int err, n;

	parse_args(argc, argv, &a);
	if (a.list)
		return list_probes(&a);
	if ((err = dload_obj__open(a.path, NULL, &obj)) ||
	    (err = set_options(obj, &a)) ||
	    (err = dload_obj__load(obj, &a.ro)))
		return fail(obj, err);
	n = dload_obj__attach(obj);
	if (n < 0)
		return fail(obj, n);
	if (!a.quiet)
		fprintf(stderr, "dload: %s matched %d probe%s\n", a.path, n,
			n == 1 ? "" : "s");
	running = obj;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	err = dload_obj__run(obj);
	if (err < 0)
		return fail(obj, err);
	dload_obj__close(obj);
	return err;
}
