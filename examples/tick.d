/*
 * tick.d -- the tick provider: tick-N fires N times a second on one CPU
 * (tick-Ns, tick-Nms... give the period instead).  Counts the ticks of
 * tick-100 for one second.
 *
 *   dcc -o tick.bpf.o tick.d && dload tick.bpf.o
 */
#pragma D option quiet

tick-100
{
	n++;
}

tick-1s
{
	printf("tick-100 fired %d times in one second\n", n);
	exit(0);
}
