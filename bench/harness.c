/* SPDX-License-Identifier: MIT */
/*
 * harness.c -- timing helper of the benchmark (bench/run.sh).
 *
 *   harness loop N
 *       make N getppid() system calls; print "ns_per_call=X"
 *   harness traced N CMD [ARGS...]
 *       start CMD with its stdout on a pipe and time how long it takes to
 *       print a line containing "ready" (the tracer has attached its
 *       probes); then make N getppid() calls, stop CMD with SIGINT and
 *       collect its output; print "startup_ms=X ns_per_call=Y count=Z"
 *       where Z is the last number CMD printed (the traced count: N plus
 *       the N/10 warm-up calls).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* The workload: n getppid() calls; returns ns per call. */
static double loop(long n)
{
	double t0 = now_ns();

	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	return (now_ns() - t0) / n;
}

/* Read from fd until a line containing "ready" has been seen. */
static int wait_ready(FILE *f, double timeout_ns)
{
	char line[4096];
	double t0 = now_ns();

	while (fgets(line, sizeof(line), f)) {
		if (strstr(line, "ready"))
			return 0;
		if (now_ns() - t0 > timeout_ns)
			break;
	}
	return -1;
}

/* The last unsigned number in the rest of the output. */
static unsigned long long last_number(FILE *f)
{
	unsigned long long last = 0, v;
	char word[256];

	while (fscanf(f, "%255s", word) == 1)
		if (sscanf(word, "%llu", &v) == 1)
			last = v;
	return last;
}

static pid_t spawn(char **argv, FILE **outp)
{
	int fds[2];
	pid_t pid;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execvp(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	close(fds[1]);
	*outp = fdopen(fds[0], "r");
	return pid;
}

static int traced(long n, char **argv)
{
	double t0 = now_ns(), t_ready, ns;
	unsigned long long count;
	FILE *out;
	pid_t pid = spawn(argv, &out);
	int st;

	if (pid < 0 || !out)
		return 1;
	if (wait_ready(out, 60e9)) {
		fprintf(stderr, "harness: %s never printed \"ready\"\n", argv[0]);
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		return 1;
	}
	t_ready = now_ns();
	/* dload prints "ready" from BEGIN, just before it opens the master
	 * switch: give it time to do so before the timed loop. */
	usleep(200000);
	loop(n / 10);	/* warm up */
	ns = loop(n);
	kill(pid, SIGINT);
	count = last_number(out);
	waitpid(pid, &st, 0);
	printf("startup_ms=%.2f ns_per_call=%.1f count=%llu\n",
	       (t_ready - t0) / 1e6, ns, count);
	return 0;
}

int main(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[2]) : 0;

	if (argc >= 3 && !strcmp(argv[1], "loop") && n > 0) {
		loop(n / 10);	/* warm up */
		printf("ns_per_call=%.1f\n", loop(n));
		return 0;
	}
	if (argc >= 4 && !strcmp(argv[1], "traced") && n > 0)
		return traced(n, argv + 3);
	fprintf(stderr, "usage: harness loop N | harness traced N CMD [ARGS...]\n");
	return 2;
}
