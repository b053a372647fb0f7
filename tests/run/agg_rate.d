/*
 * Options given to dload with -x (agg_rate.args): aggrate only sets how
 * often DTrace refreshes its aggregation snapshot (dload reads the maps
 * whenever it prints), so the output is the same; aggsortkey and
 * aggsortrev order the exit output by key, reversed, and reverse the
 * order of the aggregations too.
 */
#pragma D option quiet

tick-1ms
/i++ < 5/
{
	@first[i] = sum(10 - i);
	@second[i % 2] = count();
}

tick-1ms
/i > 5/
{
	exit(0);
}
