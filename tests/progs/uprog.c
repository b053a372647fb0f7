/* SPDX-License-Identifier: MIT */
/*
 * uprog.c -- the user-space test program for the pid and usdt providers
 * (tests/run): a few functions to put uprobes on, and USDT probes
 * (<sys/sdt.h>, systemtap-sdt-dev) with arguments, one of them guarded by
 * a semaphore (is-enabled).  Usage: uprog [N] -- run the loop N times
 * (default 3); with -w, wait for a byte on stdin first (for -p tests).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<sys/sdt.h>)
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>
#define HAVE_SDT 1
#endif
#endif

#ifdef HAVE_SDT
#define SEMA(n) unsigned short uprog_##n##_semaphore __attribute__((section(".probes")))
SEMA(mul__done);
SEMA(greet);
SEMA(guarded);
#define GUARDED_ENABLED() (uprog_guarded_semaphore != 0)
#else
#define DTRACE_PROBE2(p, n, a, b) do { } while (0)
#define DTRACE_PROBE3(p, n, a, b, c) do { } while (0)
#define GUARDED_ENABLED() 0
#endif

volatile long sink;

__attribute__((noinline)) long add(long a, long b)
{
	sink += a;
	return a + b;
}

__attribute__((noinline)) int mul3(int a, int b, int c)
{
	int r = a * b * c;

	DTRACE_PROBE3(uprog, mul__done, a, b, r);
	return r;
}

__attribute__((noinline)) void greet(const char *who, int n)
{
	DTRACE_PROBE2(uprog, greet, who, n);
	if (GUARDED_ENABLED())
		DTRACE_PROBE2(uprog, guarded, n, -n);
}

int main(int argc, char **argv)
{
	char who[] = "world";	/* on the stack: resident for copyinstr */
	int n = 3, i;
	char c;

	if (argc > 1 && !strcmp(argv[1], "-w")) {
		if (read(0, &c, 1) < 0)
			return 1;
		argc--, argv++;
	}
	if (argc > 1)
		n = atoi(argv[1]);
	for (i = 1; i <= n; i++) {
		sink += add(i, 10 * i);
		sink += mul3(i, 2, 3);
		greet(who, i);
	}
	return sink == 0;
}
