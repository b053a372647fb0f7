/* SPDX-License-Identifier: MIT */
/*
 * main.c -- the dload command: run an object compiled by dcc.
 *
 *   dload [-q] [-Z] [-w] [-v] [-x opt[=val]]... [-p pid] [-c cmd] obj.bpf.o
 *
 * Opens, loads, attaches and runs the object with libdload, prints
 * diagnostics as "dload: ...", and exits with the D program's exit status
 * (0 after Ctrl-C or the end of the -c command, 1 on errors).
 */
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
		"usage: dload [-q] [-Z] [-w] [-v] [-x opt[=val]]... [-p pid] [-c cmd] obj.bpf.o\n");
	exit(2);
}

struct args {
	bool quiet;
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
	while ((c = getopt(argc, argv, "+qZwvx:p:c:h")) != -1) {
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
		default: usage();
		}
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

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct dload_obj *obj = NULL;
	struct args a = { 0 };
	int err, n;

	parse_args(argc, argv, &a);
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
