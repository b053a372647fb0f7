/*
 * aggsize bounds the aggregation storage: 256 bytes hold 16 entries of
 * this aggregation (8-byte key, 8-byte value), so of the 100 keys added
 * one per tick only the first 16 are kept; the 84 failed updates are
 * reported on stderr as "84 aggregation drops on CPU 0" (with droptags,
 * tagged [DTRACEDROP_AGGREGATION]), and updates of existing keys still
 * work.
 */
#pragma D option quiet
#pragma D option aggsize=256

BEGIN
{
	i = 0;
}

tick-1ms
/i < 100/
{
	@a[i] = count();
	@a[0] = count();
	i++;
}

tick-1ms
/i == 100/
{
	exit(0);
}
