/*
 * hello.d -- the smallest D program: print a greeting when tracing starts,
 * then exit.
 *
 *   dcc -o hello.bpf.o hello.d && dload hello.bpf.o
 */
#pragma D option quiet

BEGIN
{
	printf("Hello, World!\n");
	exit(0);
}
