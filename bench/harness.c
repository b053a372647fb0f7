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
 *       collect its output; print "startup_ms=X ns_per_call=Y count=Z
 *       cpu_ms=C maxrss_kb=R" where Z is the last number CMD printed (the
 *       traced count: N plus the N/10 warm-up calls), C the CPU time (user
 *       + system) CMD used and R its maximum resident set size
 *   harness decode N CMD [ARGS...]
 *       the decoding benchmark: CMD prints one line per getppid() call;
 *       once it printed "ready", a reader thread drains and counts its
 *       output lines (as fast as writing them to /dev/null would let it)
 *       while N getppid() calls are made; when the count stops growing
 *       CMD is stopped with SIGINT; print "lines=L cpu_ms=C maxrss_kb=R
 *       wall_ms=W" (W: from the first call to the last line read)
 *
 * With BENCH_SYSCALL=getuid in the environment, the timed loops of `loop`
 * and `traced` call getuid() instead of getppid(): the cost a getppid
 * tracer adds to the other system calls.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
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

static long sysno = SYS_getppid;

/* The workload: n getppid() (or getuid()) calls; returns ns per call. */
static double loop(long n)
{
	double t0 = now_ns();

	for (long i = 0; i < n; i++)
		syscall(sysno);
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

/* Wait for the child; its CPU time (user + system, ms) and max RSS (KB). */
static void reap(pid_t pid, double *cpu_ms, long *maxrss)
{
	struct rusage ru;
	int st;

	memset(&ru, 0, sizeof(ru));
	wait4(pid, &st, 0, &ru);
	*cpu_ms = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
		  (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
	*maxrss = ru.ru_maxrss;
}

static pid_t start_ready(char **argv, FILE **out)
{
	pid_t pid = spawn(argv, out);
	int st;

	if (pid < 0 || !*out)
		return -1;
	if (wait_ready(*out, 60e9)) {
		fprintf(stderr, "harness: %s never printed \"ready\"\n", argv[0]);
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		return -1;
	}
	return pid;
}

static int traced(long n, char **argv)
{
	double t0 = now_ns(), t_ready, ns, cpu;
	unsigned long long count;
	FILE *out;
	pid_t pid = start_ready(argv, &out);
	long rss;

	if (pid < 0)
		return 1;
	t_ready = now_ns();
	/* dload prints "ready" from BEGIN, just before it opens the master
	 * switch: give it time to do so before the timed loop. */
	usleep(200000);
	loop(n / 10);	/* warm up */
	ns = loop(n);
	kill(pid, SIGINT);
	count = last_number(out);
	reap(pid, &cpu, &rss);
	printf("startup_ms=%.2f ns_per_call=%.1f count=%llu cpu_ms=%.1f maxrss_kb=%ld\n",
	       (t_ready - t0) / 1e6, ns, count, cpu, rss);
	return 0;
}

/* ---- decode ------------------------------------------------------------ */

struct reader {
	FILE *f;
	volatile long lines;
	volatile double t_last;
};

static void *read_lines(void *arg)
{
	struct reader *r = arg;
	char buf[1 << 16];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), r->f)) > 0) {
		long k = 0;

		for (size_t i = 0; i < n; i++)
			k += buf[i] == '\n';
		r->lines += k;
		r->t_last = now_ns();
	}
	return NULL;
}

static int decode(long n, char **argv)
{
	struct reader r = { 0 };
	pthread_t th;
	double t0, cpu;
	long last = -1, rss;
	pid_t pid = start_ready(argv, &r.f);

	if (pid < 0)
		return 1;
	usleep(200000);		/* the master switch opens after "ready" */
	pthread_create(&th, NULL, read_lines, &r);
	t0 = now_ns();
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	while (r.lines != last || r.lines < n) {	/* until it stops growing */
		last = r.lines;
		usleep(300000);
		if (r.lines == last)
			break;
	}
	kill(pid, SIGINT);
	pthread_join(th, NULL);
	reap(pid, &cpu, &rss);
	printf("lines=%ld cpu_ms=%.1f maxrss_kb=%ld wall_ms=%.1f\n", r.lines, cpu,
	       rss, (r.t_last - t0) / 1e6);
	return 0;
}

int main(int argc, char **argv)
{
	long n = argc > 2 ? atol(argv[2]) : 0;
	const char *sc = getenv("BENCH_SYSCALL");

	if (sc && !strcmp(sc, "getuid"))
		sysno = SYS_getuid;

	if (argc >= 3 && !strcmp(argv[1], "loop") && n > 0) {
		loop(n / 10);	/* warm up */
		printf("ns_per_call=%.1f\n", loop(n));
		return 0;
	}
	if (argc >= 4 && !strcmp(argv[1], "traced") && n > 0)
		return traced(n, argv + 3);
	if (argc >= 4 && !strcmp(argv[1], "decode") && n > 0)
		return decode(n, argv + 3);
	fprintf(stderr, "usage: harness loop N | harness traced|decode N CMD [ARGS...]\n");
	return 2;
}
